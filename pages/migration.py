"""Migration: where Kyrgyz citizens are taken, and where victims in Kyrgyzstan come
from. Layout only: facts come from metrics.geography."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import table
from geo.boundaries import country_centroids
from i18n import N_, _, ngettext
from i18n.names import capitalised, names, term
from metrics.geography import country_measures, country_values, mentions_by_country
from ui import params
from ui.charts import horizontal_bars, show
from ui.frame import PageFrame
from ui.maps import FORM_COLOURS, world_map
from ui.tables import column_config

# Colours of the main forms of exploitation on the map (ui.maps.FORM_COLOURS), in words.
COLOUR_NAMES = {"sexual": N_("pink"), "labour": N_("green"), "mixed": N_("orange"),
                "other or not stated": N_("light blue")}
ROLES = {"all": N_("All directions"), "destination": N_("Destinations (from Kyrgyzstan)"),
         "origin": N_("Origins (to Kyrgyzstan)"), "transit": N_("Transit")}


def form_name(form: str) -> str:
    """A main form of exploitation on the map: the data's term, or 'other or not stated'."""
    return _("Other or not stated") if form == "other or not stated" else term("exploitation", form)


def forms_text(forms: str | None) -> str:
    """'labour, sexual' (ids) -> the forms in the current language; '' -> 'form not stated'."""
    ids = [f.strip() for f in (forms or "").split(",") if f.strip()]
    return ", ".join(term("exploitation", f) for f in ids) if ids else _("form not stated")


frame = PageFrame("migration")
migration, mentions = table("migration"), table("destination_mentions")
country_names = names("countries")
reporters = names("reporters", short=True)
points = country_centroids()
kgz_point = points.filter(pl.col("country") == "KGZ")  # absent when the world map cannot be read: no arcs
kgz = kgz_point.row(0, named=True) if kgz_point.height else {"lon": None, "lat": None}

measures = country_measures(migration)
options = {"none": _("Mentions only (no figure)")}
measure_names: dict[str, str] = {}
for row in measures.iter_rows(named=True):
    key = f"{row['measure']}|{row['period']}"
    measure_names[key] = capitalised(term("measure", row["measure"]))
    options[key] = ngettext("{measure} ({unit}, {period}, {n} country)", "{measure} ({unit}, {period}, {n} countries)",
                            row["countries"], measure=measure_names[key], unit=term("unit", row["unit"]),
                            period=row["period"])
controls = st.columns(3)
measure = params.select("measure", list(options), label=_("Arc width shows"), default="none",
                 format_func=lambda m: options[m], container=controls[0])
role = params.select("role", list(ROLES), label=_("Direction"),
              format_func=lambda r: _(ROLES[r]), container=controls[1])
named = sorted(set(mentions["country"]) | set(migration["country"].drop_nulls()),
               key=lambda c: country_names.get(c, c))
country = params.select("country", ["all", *named], label=_("Country"),
                 format_func=lambda c: _("All countries") if c == "all" else country_names.get(c, c),
                 container=controls[2])

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
arc_rows = arc_rows if kgz_point.height else arc_rows.clear()
top = float(values["value"].max()) if values.height else 1.0
tooltips = [
    ngettext("{country} ({role}): named by {n} source; {forms}", "{country} ({role}): named by {n} sources; {forms}",
             r["sources"], country=country_names.get(r["country"], r["country"]), role=term("role", r["role"]),
             forms=forms_text(r["exploitation"]))
    for r in arc_rows.select("country", "role", "sources", "exploitation").iter_rows(named=True)
]
arcs = arc_rows.with_columns(
    from_lon=pl.when(pl.col("role") == "origin").then(pl.col("lon")).otherwise(pl.lit(kgz["lon"])),
    from_lat=pl.when(pl.col("role") == "origin").then(pl.col("lat")).otherwise(pl.lit(kgz["lat"])),
    to_lon=pl.when(pl.col("role") == "origin").then(pl.lit(kgz["lon"])).otherwise(pl.col("lon")),
    to_lat=pl.when(pl.col("role") == "origin").then(pl.lit(kgz["lat"])).otherwise(pl.col("lat")),
    width=pl.when(pl.col("value").is_not_null()).then(2 + 10 * pl.col("value") / top).otherwise(pl.lit(1.5)),
    colour=pl.col("main_form").replace_strict({k: v for k, v in FORM_COLOURS.items()}, default=FORM_COLOURS["other or not stated"]),
    tooltip=pl.Series("tooltip", tooltips, dtype=pl.String),
)
if country != "all":
    arcs = arcs.filter(pl.col("country") == country)
markers = arcs.with_columns(radius=4 + 3 * pl.col("sources")).select("lon", "lat", "radius", "colour", "tooltip")
arcs = arcs.filter(pl.col("role") != "transit")

st.pydeck_chart(world_map(arcs.select("from_lon", "from_lat", "to_lon", "to_lat", "width", "colour", "tooltip"), markers),
                key="world_map", height=430, width="stretch")
legend = " · ".join(_("{form}: {colour}", form=form_name(k), colour=_(COLOUR_NAMES.get(k, k))) for k in FORM_COLOURS)
st.caption(" ".join((
    _("Colour = form of exploitation the sources name ({legend}).", legend=legend),
    _("Marker size = how many of the five sources name the country."),
    _("Arc width = {measure}.", measure=options[measure]) if measure != "none"
    else _("Arcs are all one width: pick a figure above to size them."),
    _("Country outlines: Natural Earth (public domain)."),
)))

left, right = st.columns(2)
with left:
    if measure != "none" and values.height:
        chart_rows = values.with_columns(place=pl.col("country").replace(country_names))
        show(horizontal_bars(chart_rows, "place", measure_names[measure],
                             _("Kyrgyz nationals, {period}, {unit}, by country", period=period,
                               unit=term("unit", chart_rows["unit"][0]))),
             chart_rows, f"migration_{m}", ["place", "country", "value", "unit", "period", "reporter", "source",
                                            "lines", "note"], brief=("place", None, "barh"))
        others = migration.filter((pl.col("measure") == m) & (pl.col("period") != period))
        if others.height:
            st.caption(ngettext("The same measure for other periods: {n} figure; choose it above to compare.",
                                "The same measure for other periods: {n} figures; choose them above to compare.",
                                others.height))
    else:
        places = [_("{country} ({role})", country=country_names.get(c, c), role=term("role", r))
                  for c, r in zip(summary["country"], summary["role"])]
        ranked = summary.with_columns(place=pl.Series("place", places, dtype=pl.String),
                                      country=pl.col("country").replace(country_names),
                                      role=pl.Series("role", [term("role", r) for r in summary["role"]], dtype=pl.String),
                                      exploitation=pl.Series("exploitation", [forms_text(f) for f in summary["exploitation"]],
                                                             dtype=pl.String),
                                      value=pl.col("sources").cast(pl.Float64), unit=pl.lit("sources"),
                                      source=pl.col("source_ids"), lines=pl.lit(""), reporter=pl.lit("")).head(15)
        show(horizontal_bars(ranked, "place", _("Countries named in a trafficking context"),
                             _("Number of the five source documents that name each country, {first}–{last}",
                               first="2003", last="2025")),
             ranked, "migration_mentions_ranked", ["country", "role", "sources", "mentions", "exploitation",
                                                    "first_year", "last_year", "source_ids"])
with right:
    st.subheader(_("Every mention"))
    listed = mentions if country == "all" else mentions.filter(pl.col("country") == country)
    if role != "all":
        listed = listed.filter(pl.col("role") == role)
    mention_rows = listed.with_columns(
        country=pl.col("country").replace(country_names),
        role=pl.Series("role", [term("role", r) for r in listed["role"]], dtype=pl.String),
        exploitation=pl.Series("exploitation", [term("exploitation", f) for f in listed["exploitation"]],
                               dtype=pl.String),
    ).select("country", "role", "exploitation", "period", "source", "lines", "note")
    st.dataframe(mention_rows, hide_index=True, width="stretch", key="mentions_table", height=380,
                 column_config=column_config(mention_rows.columns))

st.header(_("Figures by country"))
figures = migration if country == "all" else migration.filter(pl.col("country") == country)
figure_rows = figures.with_columns(
    measure=pl.Series("measure", [term("measure", x) for x in figures["measure"]], dtype=pl.String),
    unit=pl.Series("unit", [term("unit", x) for x in figures["unit"]], dtype=pl.String),
    country=pl.col("country").replace(country_names),
    reporter=pl.col("reporter").replace(reporters),
).select("measure", "value", "unit", "country", "period", "reporter", "source", "lines", "note")
st.dataframe(figure_rows, hide_index=True, width="stretch", key="migration_figures",
             column_config=column_config(figure_rows.columns))
st.caption(_("Ranges printed as 'from … to …' are two rows, the lower and the upper bound, never an average."))

frame.sources([listed, figures])
