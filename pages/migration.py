"""Migration: where Kyrgyz citizens are taken, and where victims in Kyrgyzstan come
from. Layout only: facts come from metrics.geography."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import labels, table
from geo.boundaries import country_centroids
from metrics.geography import country_measures, country_values, mentions_by_country
from ui.charts import horizontal_bars, reporter_names, show
from ui.frame import PageFrame
from ui.maps import FORM_COLOURS, world_map
from ui.params import choose

frame = PageFrame(
    "Migration",
    "To which countries are people from Kyrgyzstan taken, and from where do victims come to Kyrgyzstan?",
)
migration, mentions = table("migration"), table("destination_mentions")
country_names = labels("countries")
reporters = reporter_names(short=True)
points = country_centroids()
kgz = points.filter(pl.col("country") == "KGZ").row(0, named=True)

measures = country_measures(migration)
options = {"none": "Mentions only (no figure)"}
for row in measures.iter_rows(named=True):
    options[f"{row['measure']}|{row['period']}"] = (
        f"{row['measure'].replace('_', ' ').capitalize()} ({row['unit']}, {row['period']}, {row['countries']} countries)")
controls = st.columns(3)
measure = choose("Arc width shows", list(options), key="measure", default="none",
                 format_func=lambda m: options[m], container=controls[0])
role = choose("Direction", ["all", "destination", "origin", "transit"], key="role", default="all",
              format_func=lambda r: {"all": "All directions", "destination": "Destinations (from Kyrgyzstan)",
                                     "origin": "Origins (to Kyrgyzstan)", "transit": "Transit"}[r],
              container=controls[1])
named = sorted(set(mentions["country"]) | set(migration["country"].drop_nulls()))
country = choose("Country", ["all", *named], key="country", default="all",
                 format_func=lambda c: "All countries" if c == "all" else country_names.get(c, c), container=controls[2])

summary = mentions_by_country(mentions.filter(pl.col("country") != "KGZ"))
if role != "all":
    summary = summary.filter(pl.col("role") == role)
values = pl.DataFrame(schema={"country": pl.String, "value": pl.Float64})
if measure != "none":
    m, period = measure.split("|", 1)
    values = country_values(migration, m, period)

# Arcs: one per country and role named in a trafficking context, width from the chosen figure.
arc_rows = summary.join(points, on="country", how="inner").join(
    values.select("country", "value", "unit") if values.height else values.select("country", "value"),
    on="country", how="left")
top = float(values["value"].max()) if values.height else 1.0
arcs = arc_rows.with_columns(
    from_lon=pl.when(pl.col("role") == "origin").then(pl.col("lon")).otherwise(pl.lit(kgz["lon"])),
    from_lat=pl.when(pl.col("role") == "origin").then(pl.col("lat")).otherwise(pl.lit(kgz["lat"])),
    to_lon=pl.when(pl.col("role") == "origin").then(pl.lit(kgz["lon"])).otherwise(pl.col("lon")),
    to_lat=pl.when(pl.col("role") == "origin").then(pl.lit(kgz["lat"])).otherwise(pl.col("lat")),
    width=pl.when(pl.col("value").is_not_null()).then(2 + 10 * pl.col("value") / top).otherwise(pl.lit(1.5)),
    colour=pl.col("main_form").replace_strict({k: v for k, v in FORM_COLOURS.items()}, default=FORM_COLOURS["other or not stated"]),
    tooltip=pl.col("country").replace(country_names) + " (" + pl.col("role") + "): named by "
    + pl.col("sources").cast(pl.String) + " source(s); " + pl.col("exploitation").replace("", "form not stated"),
)
if country != "all":
    arcs = arcs.filter(pl.col("country") == country)
markers = arcs.with_columns(radius=4 + 3 * pl.col("sources")).select("lon", "lat", "radius", "colour", "tooltip")
arcs = arcs.filter(pl.col("role") != "transit")

st.pydeck_chart(world_map(arcs.select("from_lon", "from_lat", "to_lon", "to_lat", "width", "colour", "tooltip"), markers),
                key="world_map", height=430, width="stretch")
legend = " · ".join(f"{k}: {'pink' if k == 'sexual' else 'green' if k == 'labour' else 'orange' if k == 'mixed' else 'light blue'}"
                    for k in FORM_COLOURS)
st.caption(f"Colour = form of exploitation the sources name ({legend}). Marker size = how many of the five "
           "sources name the country. " + ("Arc width = " + options[measure] + "." if measure != "none"
                                          else "Arcs are all one width: pick a figure above to size them.")
           + " Country outlines: Natural Earth (public domain).")

left, right = st.columns(2)
with left:
    if measure != "none" and values.height:
        chart_rows = values.with_columns(place=pl.col("country").replace(country_names))
        show(horizontal_bars(chart_rows, "place", options[measure].split(" (")[0],
                             f"Kyrgyz nationals, {period}, {chart_rows['unit'][0]}, by country"),
             chart_rows, f"migration_{m}", ["place", "country", "value", "unit", "period", "reporter", "source",
                                            "lines", "note"], brief=("place", None, "barh"))
        others = migration.filter((pl.col("measure") == m) & (pl.col("period") != period))
        if others.height:
            st.caption(f"The same measure for other periods: {others.height} figure(s); choose them above to compare.")
    else:
        ranked = summary.with_columns(place=pl.col("country").replace(country_names) + " (" + pl.col("role") + ")",
                                      value=pl.col("sources").cast(pl.Float64), unit=pl.lit("sources"),
                                      source=pl.col("source_ids"), lines=pl.lit(""), reporter=pl.lit("")).head(15)
        show(horizontal_bars(ranked, "place", "Countries named in a trafficking context",
                             "Number of the five source documents that name each country, 2003–2025"),
             ranked, "migration_mentions_ranked", ["country", "role", "sources", "mentions", "exploitation",
                                                    "first_year", "last_year", "source_ids"])
with right:
    st.subheader("Every mention")
    listed = mentions if country == "all" else mentions.filter(pl.col("country") == country)
    if role != "all":
        listed = listed.filter(pl.col("role") == role)
    st.dataframe(listed.with_columns(country=pl.col("country").replace(country_names)).select(
        "country", "role", "exploitation", "period", "source", "lines", "note"),
        hide_index=True, width="stretch", key="mentions_table", height=380)

st.header("Figures by country")
figures = migration if country == "all" else migration.filter(pl.col("country") == country)
st.dataframe(figures.with_columns(country=pl.col("country").replace(country_names),
                                  reporter=pl.col("reporter").replace(reporters)).select(
    "measure", "value", "unit", "country", "period", "reporter", "source", "lines", "note"),
    hide_index=True, width="stretch", key="migration_figures")
st.caption("Ranges printed as 'from … to …' are two rows, the lower and the upper bound, never an average.")

frame.sources([listed, figures])
