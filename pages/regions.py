"""Regions: coordination councils and what the sources say about each oblast and
city. Layout only: facts come from metrics.geography."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import reference, table
from exports.csv import csv_bytes
from i18n import _, ngettext
from i18n.names import names as names_of
from i18n.names import capitalised, localise, term, translated
from i18n.numbers import date, number
from metrics.geography import (ESTABLISHED, council_status, mappable_measures, region_figures,
                               region_values)
from metrics.geography import status_labels as council_labels
from ui import params
from ui.charts import fmt_value, later, line_label
from ui.context import context_section
from ui.context import map_options as context_options
from ui.context import map_values as context_values
from ui.frame import PageFrame
from ui.maps import BLUE, GREY, region_map, shade
from ui.tables import column_config
from ui.tables import table as show_table

frame = PageFrame("regions")
regions = reference("regions")
names = names_of("regions")
codes = regions["region"].to_list()
councils = localise(table("councils"), "body")
regional, assistance, justice = table("regional"), table("assistance"), table("justice")
context = table("context")
reporters = names_of("reporters", short=True)
statuses = council_labels()
# Dataset ids -> what the reader sees in the "Figures that name this region" table.
DATASETS = {"justice": _("Justice"), "assistance": _("Assistance"), "regional": _("Regional figures")}


def when(value: str | None, precision: str | None) -> str:
    """A council's date as the sources give it, at most to the month ('May 2018', '2016')."""
    return date(value, "year" if precision == "year" else "month")


status = council_status(councils, codes)
measures = mappable_measures(regional)
measure_options = {"council": _("Council status")}
for row in measures.iter_rows(named=True):
    measure_options[f"{row['measure']}|{row['period']}"] = _(
        "{measure} ({unit}, {period})", measure=capitalised(term("measure", row["measure"])),
        unit=term("unit", row["unit"]), period=row["period"])
measure_options.update(context_options(context))

# A click on the map chooses the region, like the selector does.
clicked = (st.session_state.get("region_map") or {}).get("selection", {}).get("objects", {})
for layer in ("regions", "cities"):
    for obj in clicked.get(layer, []):
        code = obj.get("properties", {}).get("region") or obj.get("region")
        if code in codes and st.session_state.get("_last_click") != code:
            st.session_state["_last_click"] = code
            st.session_state["region"] = code

controls = st.columns(2)
measure = params.select("measure", list(measure_options), label=_("Colour the map by"), default="council",
                 format_func=lambda m: measure_options[m], container=controls[0])
region = params.select("region", ["all", *codes], label=_("Region"),
                format_func=lambda r: _("No region selected") if r == "all" else names[r], container=controls[1])
selected = None if region == "all" else region

# Facts per region for the map
if measure == "council":
    tooltips = []
    for r in status.iter_rows(named=True):
        if r["first_date"]:
            tooltips.append(_("{region}: {status}, from {date}", region=names[r["region"]],
                              status=statuses[r["status"]], date=when(r["first_date"], r["precision"])))
        else:
            tooltips.append(_("{region}: {status}", region=names[r["region"]], status=statuses[r["status"]]))
    facts = status.with_columns(
        name=pl.col("region").replace(names),
        fill=pl.when(pl.col("status") == ESTABLISHED).then(pl.lit(BLUE)).otherwise(pl.lit(GREY)),
        tooltip=pl.Series(tooltips, dtype=pl.String),
    )
    n_grey = status.filter(pl.col("status") != ESTABLISHED).height
    legend = (
        _("Blue: a source records a coordination council ({status}).", status=statuses[ESTABLISHED])
        + " "
        + ngettext("Grey: {n} region with no evidence in the sources.",
                   "Grey: {n} regions with no evidence in the sources.", n_grey)
    )
    shown_rows = councils.filter(pl.col("region").is_not_null())
else:
    values = context_values(context, measure)
    if values is None:
        m, period = measure.split("|", 1)
        values = region_values(regional, m, period)
    low, high = float(values["value"].min()), float(values["value"].max())
    by_region = {r["region"]: r for r in values.iter_rows(named=True)}
    facts = pl.DataFrame({
        "region": codes,
        "name": [names[c] for c in codes],
        "fill": [shade(by_region[c]["value"] if c in by_region else None, low, high) for c in codes],
        "tooltip": [_("{region}: {value}", region=names[c],
                      value=fmt_value(by_region[c]["value"], by_region[c]["unit"])) if c in by_region
                    else _("{region}: not reported", region=names[c]) for c in codes],
    })
    legend = _("{measure}. Darker is more (from {low} to {high}); grey: not reported for that region.",
               measure=measure_options[measure], low=fmt_value(low), high=fmt_value(high))
    shown_rows = values

left, right = st.columns([3, 2])
with left:
    st.pydeck_chart(region_map(facts, selected), on_select="rerun", selection_mode="single-object",
                    key="region_map", height=440, width="stretch")
    st.caption(legend + " " + _("Boundaries: Natural Earth (public domain).") + " "
               + _("Osh city is drawn as a point."))
with right:
    if selected is None:
        st.subheader(_("Pick a region"))
        st.markdown(_("Choose a region above or click it on the map to see what the sources say about it."))
        n_on_record = status.filter(pl.col("status") == ESTABLISHED).height
        st.metric(_("Regions with a council on record"),
                  _("{n} of {total}", n=number(n_on_record), total=number(len(codes))))
    else:
        st.subheader(names[selected])
        row = status.filter(pl.col("region") == selected).row(0, named=True)
        bodies = councils.filter(pl.col("region") == selected)
        if bodies.height:
            st.markdown(_("**Coordination bodies on record: {n}**", n=number(bodies.height)))
            for b in bodies.iter_rows(named=True):
                established = (when(b["established_date"], b["date_precision"]) if b["established_date"]
                               else _("date not given"))
                parts = [f"**{b['body']}** — {established}"]
                if b.get("kind") == "earlier_body":
                    parts.append(_("an earlier commission, order or plan, not one of the coordination councils"))
                if b["established_by"]:
                    parts.append(_("set up by {act}", act=b["established_by"]))
                if b["chair"]:
                    parts.append(_("chaired by {chair}", chair=b["chair"]))
                if b["plans_adopted"]:
                    parts.append(_("plans: {plans}", plans=b["plans_adopted"]))
                st.markdown("- " + "; ".join(parts) + f" *({b['source']}, {line_label(b['lines'])})*")
        else:
            st.warning(_("No source records a coordination council for this region."))
        tables = {"justice": justice, "assistance": assistance, "regional": regional}
        figures = region_figures(tables, selected)
        st.markdown(_("**Figures that name this region: {n}**", n=number(figures.height)))
        if figures.height:
            shown = figures.select([c for c in ["measure", "value", "unit", "period", "district", "organisation",
                                                "reporter", "source", "lines", "dataset"] if c in figures.columns])
            shown = translated(shown, {"measure": "measure", "unit": "unit"}).with_columns(
                reporter=pl.col("reporter").replace(reporters),
                dataset=pl.col("dataset").replace(DATASETS),
            )
            st.dataframe(shown, hide_index=True, width="stretch", key="region_figures",
                         column_config=column_config(shown.columns))
        unsaid = []
        if not bodies.height:
            unsaid.append(_("when or whether a council was set up"))
        if bodies.height and all(b["chair"] is None for b in bodies.iter_rows(named=True)):
            unsaid.append(_("who chairs the council"))
        if bodies.height and all(b["plans_adopted"] is None for b in bodies.iter_rows(named=True)):
            unsaid.append(_("what plans it adopted"))
        if figures.filter(pl.col("dataset") == "justice").is_empty() if figures.height else True:
            unsaid.append(_("how many trafficking cases were registered there in recent years"))
        if unsaid:
            st.caption(_("The sources do not say: {items}.", items="; ".join(unsaid)))
        context_shown = context_section(context, selected, names[selected])

st.header(_("All regions"))
summary = status.with_columns(
    name=pl.col("region").replace(names),
    status=pl.col("status").replace(statuses),
).select("region", "name", "status", "bodies", "first_date", "established_by", "sources")
counts = pl.concat([
    f.filter(pl.col("region").is_not_null()).select("region") for f in (regional, assistance, justice)
]).group_by("region").agg(figures=pl.len())
summary = summary.join(counts, on="region", how="left").with_columns(figures=pl.col("figures").fill_null(0))
show_table(summary, key="regions_table", overrides={  # a plain table: it wraps, so it prints whole
    "region": _("Code"), "name": _("Region"), "status": _("Council"), "bodies": _("Bodies on record"),
    "first_date": _("Earliest date"), "established_by": _("Set up by"),
    "sources": _("Sources"), "figures": _("Figures naming the region")})
st.download_button(_("Download this table (CSV)"), data=later(csv_bytes, summary), file_name="regions_summary.csv",
                   mime="text/csv", key="regions_csv", on_click="ignore")

frame.sources([shown_rows, councils.filter(pl.col("region").is_not_null()),
               *(context_shown if selected is not None else [])])
