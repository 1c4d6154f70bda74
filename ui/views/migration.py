"""The Migration page's view: the arcs and markers of the world map, the ranked
countries, every mention and the figures by country, ready to draw."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from geo.boundaries import country_centroids
from i18n import N_, _, ngettext
from metrics.geography import country_measures, country_values, mentions_by_country
from ui import labels
from ui.maps import FORM_COLOURS

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


def summary(mentions: pl.DataFrame, role: str) -> pl.DataFrame:
    """Per country (not Kyrgyzstan) and role: mentions, sources, forms (ids)."""
    out = mentions_by_country(mentions.filter(pl.col("country") != "KGZ"))
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
    markers = arcs.with_columns(radius=4 + 3 * pl.col("sources")).select("lon", "lat", "radius", "colour", "tooltip")
    arcs = arcs.filter(pl.col("role") != "transit").select(
        "from_lon", "from_lat", "to_lon", "to_lat", "width", "colour", "tooltip")
    legend = " · ".join(_("{form}: {colour}", form=labels.main_form(k), colour=_(COLOUR_NAMES.get(k, k)))
                        for k in FORM_COLOURS)
    return WorldMap(arcs, markers, legend)


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
        source=pl.col("source_ids"), lines=pl.lit(""), reporter=pl.lit("")).head(15)


def mentions_listed(mentions: pl.DataFrame, country: str, role: str) -> pl.DataFrame:
    """Every mention of the chosen country and role (ids)."""
    listed = mentions if country == "all" else mentions.filter(pl.col("country") == country)
    return listed if role == "all" else listed.filter(pl.col("role") == role)


def mention_rows(listed: pl.DataFrame) -> pl.DataFrame:
    shown = labels.labelled(listed, {"country": "country", "role": "role", "exploitation": "exploitation"})
    return shown.with_columns(pl.col("role", "exploitation").fill_null("")).select(
        "country", "role", "exploitation", "period", "source", "lines", "note")


def figures(migration: pl.DataFrame, country: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the figures by country, ids; the table in words)."""
    rows = migration if country == "all" else migration.filter(pl.col("country") == country)
    shown = labels.labelled(rows, {"measure": "measure", "unit": "unit", "country": "country",
                                   "reporter": "reporter_short"})
    return rows, shown.select("measure", "value", "unit", "country", "period", "reporter", "source", "lines", "note")
