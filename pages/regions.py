"""Regions: coordination councils and what the sources say about each oblast and
city. Layout only: facts come from metrics.geography."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import labels, reference, table
from metrics.geography import (ESTABLISHED, council_status, mappable_measures, region_figures,
                               region_values)
from ui.charts import csv_bytes, fmt_value, line_label, reporter_names
from ui.frame import PageFrame
from ui.maps import BLUE, GREY, region_map, shade
from ui.params import choose

frame = PageFrame(
    "Regions",
    "Which regions have a coordination council against trafficking, and what do the sources say about each?",
)
regions = reference("regions")
names = labels("regions")
codes = regions["region"].to_list()
councils, regional, assistance, justice = table("councils"), table("regional"), table("assistance"), table("justice")
reporters = reporter_names(short=True)

status = council_status(councils, codes)
measures = mappable_measures(regional)
measure_options = {"council": "Council status"}
for row in measures.iter_rows(named=True):
    measure_options[f"{row['measure']}|{row['period']}"] = (
        f"{row['measure'].replace('_', ' ').capitalize()} ({row['unit']}, {row['period']})")

# A click on the map chooses the region, like the selector does.
clicked = (st.session_state.get("region_map") or {}).get("selection", {}).get("objects", {})
for layer in ("regions", "cities"):
    for obj in clicked.get(layer, []):
        code = obj.get("properties", {}).get("region") or obj.get("region")
        if code in codes and st.session_state.get("_last_click") != code:
            st.session_state["_last_click"] = code
            st.session_state["region"] = code

controls = st.columns(2)
measure = choose("Colour the map by", list(measure_options), key="measure", default="council",
                 format_func=lambda m: measure_options[m], container=controls[0])
region = choose("Region", ["all", *codes], key="region", default="all",
                format_func=lambda r: "No region selected" if r == "all" else names[r], container=controls[1])
selected = None if region == "all" else region

# Facts per region for the map
if measure == "council":
    facts = status.with_columns(
        name=pl.col("region").replace(names),
        fill=pl.when(pl.col("status") == ESTABLISHED).then(pl.lit(BLUE)).otherwise(pl.lit(GREY)),
        tooltip=pl.col("region").replace(names) + ": " + pl.col("status")
        + pl.when(pl.col("first_date").is_not_null()).then(", from " + pl.col("first_date").str.slice(0, 7))
        .otherwise(pl.lit("")),
    )
    legend = f"Blue: a source records a coordination council ({ESTABLISHED}). Grey: {status.filter(pl.col('status') != ESTABLISHED).height} region(s) with no evidence in the sources."
    shown_rows = councils.filter(pl.col("region").is_not_null())
else:
    m, period = measure.split("|", 1)
    values = region_values(regional, m, period)
    low, high = float(values["value"].min()), float(values["value"].max())
    by_region = {r["region"]: r for r in values.iter_rows(named=True)}
    facts = pl.DataFrame({
        "region": codes,
        "name": [names[c] for c in codes],
        "fill": [shade(by_region[c]["value"] if c in by_region else None, low, high) for c in codes],
        "tooltip": [f"{names[c]}: " + (fmt_value(by_region[c]["value"], by_region[c]["unit"]) if c in by_region
                                       else "not reported") for c in codes],
    })
    legend = (f"{measure_options[measure]}. Darker is more (from {fmt_value(low)} to {fmt_value(high)}); "
              "grey: not reported for that region.")
    shown_rows = values

left, right = st.columns([3, 2])
with left:
    st.pydeck_chart(region_map(facts, selected), on_select="rerun", selection_mode="single-object",
                    key="region_map", height=440, width="stretch")
    st.caption(legend + " Boundaries: Natural Earth (public domain). Osh city is drawn as a point.")
with right:
    if selected is None:
        st.subheader("Pick a region")
        st.markdown("Choose a region above or click it on the map to see what the sources say about it.")
        n_on_record = status.filter(pl.col("status") == ESTABLISHED).height
        st.metric("Regions with a council on record", f"{n_on_record} of {len(codes)}")
    else:
        st.subheader(names[selected])
        row = status.filter(pl.col("region") == selected).row(0, named=True)
        bodies = councils.filter(pl.col("region") == selected)
        if bodies.height:
            st.markdown(f"**Coordination bodies on record: {bodies.height}**")
            for b in bodies.iter_rows(named=True):
                when = b["established_date"][:7] if b["established_date"] else "date not given"
                parts = [f"**{b['body']}** — {when}"]
                if b["established_by"]:
                    parts.append(f"set up by {b['established_by']}")
                if b["chair"]:
                    parts.append(f"chaired by {b['chair']}")
                if b["plans_adopted"]:
                    parts.append(f"plans: {b['plans_adopted']}")
                st.markdown("- " + "; ".join(parts) + f" *({b['source']}, {line_label(b['lines'])})*")
        else:
            st.warning("No source records a coordination council for this region.")
        tables = {"justice": justice, "assistance": assistance, "regional": regional}
        figures = region_figures(tables, selected)
        st.markdown(f"**Figures that name this region: {figures.height}**")
        if figures.height:
            st.dataframe(figures.select([c for c in ["measure", "value", "unit", "period", "district", "organisation",
                                                     "reporter", "source", "lines", "dataset"] if c in figures.columns]),
                         hide_index=True, width="stretch", key="region_figures")
        unsaid = []
        if not bodies.height:
            unsaid.append("when or whether a council was set up")
        if bodies.height and all(b["chair"] is None for b in bodies.iter_rows(named=True)):
            unsaid.append("who chairs the council")
        if bodies.height and all(b["plans_adopted"] is None for b in bodies.iter_rows(named=True)):
            unsaid.append("what plans it adopted")
        if figures.filter(pl.col("dataset") == "justice").is_empty() if figures.height else True:
            unsaid.append("how many trafficking cases were registered there in recent years")
        if unsaid:
            st.caption("The sources do not say: " + "; ".join(unsaid) + ".")

st.header("All regions")
summary = status.with_columns(name=pl.col("region").replace(names)).select(
    "region", "name", "status", "bodies", "first_date", "established_by", "sources")
counts = pl.concat([
    f.filter(pl.col("region").is_not_null()).select("region") for f in (regional, assistance, justice)
]).group_by("region").agg(figures=pl.len())
summary = summary.join(counts, on="region", how="left").with_columns(figures=pl.col("figures").fill_null(0))
st.dataframe(summary, hide_index=True, width="stretch", key="regions_table",
             column_config={"region": "Code", "name": "Region", "status": "Council", "bodies": "Bodies on record",
                            "first_date": "Earliest date", "established_by": "Set up by",
                            "sources": "Sources", "figures": "Figures naming the region"})
st.download_button("Download this table (CSV)", data=csv_bytes(summary), file_name="regions_summary.csv",
                   mime="text/csv", key="regions_csv", on_click="ignore")

frame.sources([shown_rows, councils.filter(pl.col("region").is_not_null())])
