"""The Migration page's view: the arcs and markers of the world map, the ranked
countries, every mention and the figures by country, ready to draw."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from geo.boundaries import country_centroids
from i18n import N_, _, ngettext
from metrics.geography import country_measures, country_values, mentions_by_country
from ui import labels
from ui.formatting import fmt_value, line_label
from ui.maps import FORM_COLOURS, FORM_SHAPES, WINDOW, selected_code

# Colours of the main forms of exploitation on the map (ui.maps.FORM_COLOURS), in words.
COLOUR_NAMES = {"sexual": N_("pink"), "labour": N_("green"), "mixed": N_("orange"),
                "other_or_not_stated": N_("light blue")}
ROLES = {"all": N_("All directions"), "destination": N_("Destinations (from Kyrgyzstan)"),
         "origin": N_("Origins (to Kyrgyzstan)"), "transit": N_("Transit")}


def role_option(role: str) -> str:
    return _(ROLES[role])


@dataclass(frozen=True)
class Measures:
    options: dict[str, str]   # 'none' or 'measure|period' -> what the selector shows
    names: dict[str, str]     # 'measure|period' -> the measure in words (a chart title)


def measures(migration: pl.DataFrame) -> Measures:
    """The figures an arc's width can show: one figure per country, nothing added up."""
    options = {"none": _("Mentions only (no figure)")}
    names: dict[str, str] = {}
    for row in country_measures(migration).iter_rows(named=True):
        key = f"{row['measure']}|{row['period']}"
        names[key] = labels.capitalised(labels.term("measure", row["measure"]))
        options[key] = ngettext("{measure} ({unit}, {period}, {n} country)",
                                "{measure} ({unit}, {period}, {n} countries)",
                                row["countries"], measure=names[key], unit=labels.term("unit", row["unit"]),
                                period=row["period"])
    return Measures(options, names)


def countries_named(mentions: pl.DataFrame, migration: pl.DataFrame) -> list[str]:
    """Every country the sources name, by its name in the reader's language."""
    return sorted(set(mentions["country"]) | set(migration["country"].drop_nulls()), key=labels.country)


def forms(mentions: pl.DataFrame) -> list[str]:
    """The forms of exploitation the mentions name (ids), for the filter: most named first."""
    named = mentions.filter(pl.col("exploitation").is_not_null()).group_by("exploitation").agg(n=pl.len())
    return named.sort(["n", "exploitation"], descending=[True, False])["exploitation"].to_list()


def form_option(form: str) -> str:
    return _("All forms of exploitation") if form == "all" else labels.capitalised(labels.term("exploitation", form))


def by_form(mentions: pl.DataFrame, form: str) -> pl.DataFrame:
    """The mentions that name one form of exploitation ('all': every mention)."""
    return mentions if form == "all" else mentions.filter(pl.col("exploitation") == form)


def summary(mentions: pl.DataFrame, role: str, form: str = "all") -> pl.DataFrame:
    """Per country (not Kyrgyzstan) and role: mentions, sources, forms (ids)."""
    out = mentions_by_country(by_form(mentions, form).filter(pl.col("country") != "KGZ"))
    return out if role == "all" else out.filter(pl.col("role") == role)


def values(migration: pl.DataFrame, measure: str) -> pl.DataFrame:
    """The figure of each country for the chosen measure ('none': no figure)."""
    if measure == "none":
        return pl.DataFrame(schema={"country": pl.String, "value": pl.Float64})
    m, period = measure.split("|", 1)
    return country_values(migration, m, period)


@dataclass(frozen=True)
class WorldMap:
    arcs: pl.DataFrame
    markers: pl.DataFrame
    legend: str


def world(summary_: pl.DataFrame, values_: pl.DataFrame, country: str) -> WorldMap:
    """Arcs: one per country and role named in a trafficking context, from Kyrgyzstan to a
    destination or from an origin to Kyrgyzstan, width from the chosen figure; markers
    sized by how many sources name the country; colour by the main form of exploitation."""
    points = country_centroids()
    kgz_point = points.filter(pl.col("country") == "KGZ")  # absent when the world map cannot be read: no arcs
    kgz = kgz_point.row(0, named=True) if kgz_point.height else {"lon": None, "lat": None}
    arc_rows = summary_.join(points, on="country", how="inner").join(
        values_.select("country", "value", "unit") if values_.height else values_.select("country", "value"),
        on="country", how="left")
    arc_rows = arc_rows if kgz_point.height else arc_rows.clear()
    top = float(values_["value"].max()) if values_.height else 1.0
    tooltips = [
        ngettext("{country} ({role}): named by {n} source; {forms}", "{country} ({role}): named by {n} sources; {forms}",
                 r["sources"], country=labels.country(r["country"]), role=labels.term("role", r["role"]),
                 forms=labels.forms(r["exploitation"]))
        for r in arc_rows.select("country", "role", "sources", "exploitation").iter_rows(named=True)
    ]
    arc_rows = within_window(arc_rows, kgz)
    origin = pl.col("role") == "origin"
    arcs = arc_rows.with_columns(
        from_lon=pl.when(origin).then(pl.col("lon")).otherwise(pl.lit(kgz["lon"])),
        from_lat=pl.when(origin).then(pl.col("lat")).otherwise(pl.lit(kgz["lat"])),
        to_lon=pl.when(origin).then(pl.lit(kgz["lon"])).otherwise(pl.col("lon")),
        to_lat=pl.when(origin).then(pl.lit(kgz["lat"])).otherwise(pl.col("lat")),
        width=pl.when(pl.col("value").is_not_null()).then(2 + 10 * pl.col("value") / top).otherwise(pl.lit(1.5)),
        colour=pl.col("main_form").replace_strict(dict(FORM_COLOURS), default=FORM_COLOURS["other_or_not_stated"]),
        tooltip=pl.Series("tooltip", tooltips, dtype=pl.String),
    )
    if country != "all":
        arcs = arcs.filter(pl.col("country") == country)
    names = [labels.country(c) if inside
             else (f"← {labels.country(c)}" if lon < kgz["lon"] else f"{labels.country(c)} →")
             for c, inside, lon in zip(arcs["country"], arcs["inside"], arcs["lon"])]
    markers = arcs.with_columns(radius=4 + 3 * pl.col("sources"), name=pl.Series(names, dtype=pl.String)).select(
        "country", "lon", "lat", "radius", "colour", "main_form", "tooltip", "name", "sources").unique(
        "country", keep="first", maintain_order=True)
    arcs = arcs.filter(pl.col("role") != "transit").select(
        "from_lon", "from_lat", "to_lon", "to_lat", "width", "colour", "tooltip")
    legend = " · ".join(_("{form}: {colour}", form=labels.main_form(k),
                          colour=f"{_(COLOUR_NAMES.get(k, k))} {FORM_SHAPES[k]}") for k in FORM_COLOURS)
    return WorldMap(arcs, markers, legend)


def within_window(rows: pl.DataFrame, kgz: dict) -> pl.DataFrame:
    """Countries beyond the map's window (ui.maps.WINDOW: the United States) are drawn where
    the straight line from Kyrgyzstan meets the window's edge, so that no arc runs off the
    map; `inside` says which were moved (their label gets an arrow)."""
    west, east, south, north = WINDOW
    if rows.is_empty() or kgz["lon"] is None:
        return rows.with_columns(inside=pl.lit(True))
    lons, lats, inside = [], [], []
    for lon, lat in zip(rows["lon"].to_list(), rows["lat"].to_list()):
        t = 1.0
        for edge, value, start in ((west, lon, kgz["lon"]), (east, lon, kgz["lon"]),
                                   (south, lat, kgz["lat"]), (north, lat, kgz["lat"])):
            beyond = (value < edge <= start) or (value > edge >= start)
            if beyond:
                t = min(t, (edge - start) / (value - start))
        lons.append(kgz["lon"] + t * (lon - kgz["lon"]))
        lats.append(kgz["lat"] + t * (lat - kgz["lat"]))
        inside.append(t >= 1.0)
    return rows.with_columns(lon=pl.Series(lons, dtype=pl.Float64), lat=pl.Series(lats, dtype=pl.Float64),
                             inside=pl.Series(inside, dtype=pl.Boolean))


def chart_rows(values_: pl.DataFrame) -> pl.DataFrame:
    """The chosen figure by country, `place` the country's name."""
    return values_.with_columns(place=pl.col("country").replace(labels.countries()))


def other_periods(migration: pl.DataFrame, measure: str) -> int:
    """How many figures of the same measure are for other periods."""
    m, period = measure.split("|", 1)
    return migration.filter((pl.col("measure") == m) & (pl.col("period") != period)).height


def ranked(summary_: pl.DataFrame) -> pl.DataFrame:
    """The 15 countries named by most sources, one bar each ('Russia (destination)')."""
    places = [_("{country} ({role})", country=labels.country(c), role=labels.term("role", r))
              for c, r in zip(summary_["country"], summary_["role"])]
    return labels.labelled(summary_, {"country": "country", "role": "role", "exploitation": "forms"}).with_columns(
        place=pl.Series("place", places, dtype=pl.String),
        value=pl.col("sources").cast(pl.Float64), unit=pl.lit("sources"),
        source=pl.Series("source", [", ".join(labels.source(k) for k in ids.split(", ")) if ids else ""
                                    for ids in summary_["source_ids"].to_list()], dtype=pl.String),
        lines=pl.lit(""), reporter=pl.lit("")).head(15)


def mentions_listed(mentions: pl.DataFrame, country: str, role: str) -> pl.DataFrame:
    """Every mention of the chosen country and role (ids)."""
    listed = mentions if country == "all" else mentions.filter(pl.col("country") == country)
    return listed if role == "all" else listed.filter(pl.col("role") == role)


def mention_rows(listed: pl.DataFrame) -> pl.DataFrame:
    """Every mention in words: country, role, form, period and where the source says so
    ('OSCE 2025, lines 204-206'); no codes, no curators' notes."""
    shown = labels.labelled(listed, {"country": "country", "role": "role", "exploitation": "exploitation"})
    cited = [f"{labels.source(s)}, {line_label(l)}" for s, l in zip(listed["source"], listed["lines"])]
    return shown.with_columns(pl.col("role", "exploitation").fill_null(""),
                              cited=pl.Series(cited, dtype=pl.String)).select(
        "country", "role", "exploitation", "period", "cited")


def figures(migration: pl.DataFrame, country: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the figures by country, ids; the table in words)."""
    rows = migration if country == "all" else migration.filter(pl.col("country") == country)
    shown = labels.labelled(rows, {"measure": "measure", "country": "country", "reporter": "reporter_short"})
    values = [fmt_value(v, u) for v, u in zip(rows["value"].to_list(), rows["unit"].to_list())]
    cited = [f"{labels.source(s)}, {line_label(l)}" for s, l in zip(rows["source"], rows["lines"])]
    # the country first: 'Russia | Share of nationals abroad | 79%', never a share without its country
    return rows, shown.with_columns(
        country=pl.col("country").fill_null(_("All countries")),
        value=pl.Series(values, dtype=pl.String), cited=pl.Series(cited, dtype=pl.String),
    ).select("country", "measure", "value", "period", "reporter", "cited").with_columns(pl.col(pl.String).fill_null(""))


def country_details(summary_: pl.DataFrame, migration: pl.DataFrame, country: str) -> list[str]:
    """What the map's tooltip says of one country, as lines to show under the map (a tap
    reaches them too): each role with its sources and forms, then each figure."""
    lines = []
    for r in summary_.filter(pl.col("country") == country).iter_rows(named=True):
        lines.append(ngettext("{role}: named by {n} source; {forms}", "{role}: named by {n} sources; {forms}",
                              r["sources"], role=labels.capitalised(labels.term("role", r["role"])),
                              forms=labels.forms(r["exploitation"])))
    for r in migration.filter(pl.col("country") == country).iter_rows(named=True):
        lines.append(_("{measure}, {period}: {value}", measure=labels.capitalised(labels.term("measure", r["measure"])),
                       period=r["period"], value=fmt_value(r["value"], r["unit"])))
    return lines


def map_table(summary_: pl.DataFrame, country: str) -> pl.DataFrame:
    """The map as a table: each country and role, how many sources name it and the forms named."""
    rows = summary_ if country == "all" else summary_.filter(pl.col("country") == country)
    shown = labels.labelled(rows, {"country": "country", "role": "role", "exploitation": "forms"})
    return shown.with_columns(pl.col("exploitation").fill_null("")).select("country", "role", "sources", "exploitation")


def clicked(selection: object, countries: list[str]) -> str | None:
    """The country a tap or click on the world map chose (the `st.plotly_chart` selection
    state), or None: a marker carries its country's code as `customdata`; an arc none."""
    return selected_code(selection, countries)
