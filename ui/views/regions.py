"""The Regions page's view: the map's facts (colour and tooltip per region), the
profile of a region and the table of all regions."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from i18n import _, ngettext
from i18n.numbers import date, number
from metrics.geography import ESTABLISHED, council_status, mappable_measures, region_figures, region_values
from ui import labels
from ui.context import map_options as context_options
from ui.context import map_values as context_values
from ui.formatting import fmt_value, line_label
from ui.maps import GREY, selected_code, shade

FIGURE_COLUMNS = ["measure", "value", "unit", "period", "district", "organisation", "reporter", "source", "lines",
                  "dataset"]


def when(value: str | None, precision: str | None) -> str:
    """A council's date as the sources give it, at most to the month ('May 2018', '2016')."""
    return date(value, "year" if precision == "year" else "month")


def councils(table: pl.DataFrame) -> pl.DataFrame:
    """The coordination bodies, their names, acts, chairs, members, plans and notes in the
    reader's language (our translations in councils.csv)."""
    return labels.localise(table, "body", "established_by", "chair", "members", "plans_adopted", "note")


def status(councils_: pl.DataFrame, codes: list[str]) -> pl.DataFrame:
    """One row per region: council status (id) and what the sources say of it."""
    return council_status(councils_, codes)


def on_record(status_: pl.DataFrame) -> int:
    """How many regions have a council on record."""
    return status_.filter(pl.col("status") == ESTABLISHED).height


def bodies(councils_: pl.DataFrame, region: str) -> pl.DataFrame:
    """The coordination bodies of one region."""
    return councils_.filter(pl.col("region") == region)


def regional_bodies(councils_: pl.DataFrame) -> pl.DataFrame:
    """Every coordination body of a region (national ones left out)."""
    return councils_.filter(pl.col("region").is_not_null())


def measure_options(regional: pl.DataFrame, context: pl.DataFrame) -> dict[str, str]:
    """What the map can be coloured by: 'council', 'measure|period' or a context measure
    ('context|measure|year') -> its words."""
    options = {"council": _("Council status")}
    for row in mappable_measures(regional).iter_rows(named=True):
        options[f"{row['measure']}|{row['period']}"] = _(
            "{measure} ({unit}, {period})", measure=labels.capitalised(labels.term("measure", row["measure"])),
            unit=labels.term("unit", row["unit"]), period=row["period"])
    options.update(context_options(context))
    return options


@dataclass(frozen=True)
class MapFacts:
    facts: pl.DataFrame   # region, name, fill, shown (what the colour stands for), tooltip: what the map draws
    legend: str
    rows: pl.DataFrame    # the figures behind it (for the sources footer)


def _facts(codes: list[str], fills: list[list[int]], shown: list[str]) -> pl.DataFrame:
    names = [labels.region(c) for c in codes]
    return pl.DataFrame({
        "region": codes, "name": names, "fill": fills, "shown": shown,
        "tooltip": [_("{region}: {value}", region=n, value=v) for n, v in zip(names, shown)],
    }, schema={"region": pl.String, "name": pl.String, "fill": pl.List(pl.Int64), "shown": pl.String,
               "tooltip": pl.String})


def council_facts(status_: pl.DataFrame, councils_: pl.DataFrame) -> MapFacts:
    """The map coloured by the evidence of a council: how many coordination bodies the
    sources record in each region (darker: more), grey where they record none."""
    rows = list(status_.iter_rows(named=True))
    most = max([r["bodies"] for r in rows] + [1])
    shown, fills = [], []
    for r in rows:
        bodies_on_record = ngettext("{n} council on record", "{n} councils on record", r["bodies"])
        if r["status"] != ESTABLISHED:
            shown.append(labels.status(r["status"]))
            fills.append(GREY)
            continue
        if r["first_date"]:
            shown.append(_("{status}, from {date}; {bodies}", status=labels.status(r["status"]),
                           date=when(r["first_date"], r["precision"]), bodies=bodies_on_record))
        else:
            shown.append(_("{status}, date not given; {bodies}", status=labels.status(r["status"]),
                           bodies=bodies_on_record))
        fills.append(shade(r["bodies"], 0, most))
    facts = _facts([r["region"] for r in rows], fills, shown)
    n_grey = sum(1 for r in rows if r["status"] != ESTABLISHED)
    legend = (
        _("Colour: how many coordination councils the sources record in each region; "
          "darker is more (from 1 to {most}).", most=number(most))
        + " "
        + ngettext("Grey: {n} region with no evidence in the sources.",
                   "Grey: {n} regions with no evidence in the sources.", n_grey)
    )
    return MapFacts(facts, legend, regional_bodies(councils_))


def measure_facts(regional: pl.DataFrame, context: pl.DataFrame, codes: list[str], measure: str,
                  option: str) -> MapFacts:
    """The map coloured by one measure ('measure|period', or a context measure), darker for
    more; grey: not reported."""
    values = context_values(context, measure)
    if values is None:
        m, period = measure.split("|", 1)
        values = region_values(regional, m, period)
    low, high = float(values["value"].min()), float(values["value"].max())
    by_region = {r["region"]: r for r in values.iter_rows(named=True)}
    facts = _facts(
        codes, [shade(by_region[c]["value"] if c in by_region else None, low, high) for c in codes],
        [fmt_value(by_region[c]["value"], by_region[c]["unit"]) if c in by_region else _("not reported")
         for c in codes])
    legend = _("{measure}. Darker is more (from {low} to {high}); grey: not reported for that region.",
               measure=option, low=fmt_value(low), high=fmt_value(high))
    return MapFacts(facts, legend, values)


def map_table(facts: pl.DataFrame) -> pl.DataFrame:
    """The map as a table: each region by name and what its colour stands for."""
    return facts.select(pl.col("name").alias("region_name"), pl.col("shown").alias("map_value"))


def map_value(facts: pl.DataFrame, region: str) -> str:
    """What the map's colour says of one region (the tooltip, reachable by tap too)."""
    row = facts.filter(pl.col("region") == region)
    return row["shown"][0] if row.height else ""


def clicked(selection: object, codes: list[str]) -> str | None:
    """The region a tap or click on the map chose (the `st.plotly_chart` selection state), or
    None. Every point a tap can find (inside a region, or a city's marker) carries the
    region's code as its `customdata`; the polygons themselves cannot be selected."""
    return selected_code(selection, codes)


def body_lines(bodies: pl.DataFrame) -> list[str]:
    """Each coordination body of a region in one line: name, date, act, chair, plans, source."""
    out = []
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
        out.append("- " + "; ".join(parts) + f" *({labels.source(b['source'])}, {line_label(b['lines'])})*")
    return out


def figures(tables: dict[str, pl.DataFrame], region: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(every figure that names the region, ids; the table in words)."""
    rows = region_figures({name: labels.localise(frame, "organisation", "district")
                           for name, frame in tables.items()}, region)
    shown = rows.select([c for c in FIGURE_COLUMNS if c in rows.columns])
    words = labels.labelled(shown, {"measure": "measure", "unit": "unit", "reporter": "reporter_short",
                                    "dataset": "dataset", "source": "source"})
    return rows, words.with_columns(pl.col(pl.String).fill_null(""))


def unsaid(bodies: pl.DataFrame, figures_: pl.DataFrame) -> list[str]:
    """What the sources do not say about a region."""
    out = []
    if not bodies.height:
        out.append(_("when or whether a council was set up"))
    if bodies.height and all(b["chair"] is None for b in bodies.iter_rows(named=True)):
        out.append(_("who chairs the council"))
    if bodies.height and all(b["plans_adopted"] is None for b in bodies.iter_rows(named=True)):
        out.append(_("what plans it adopted"))
    if figures_.filter(pl.col("dataset") == "justice").is_empty() if figures_.height else True:
        out.append(_("how many trafficking cases were registered there in recent years"))
    return out


def summary(status_: pl.DataFrame, tables: list[pl.DataFrame]) -> pl.DataFrame:
    """All regions: council status in words and how many figures name each region."""
    rows = status_.with_columns(
        name=pl.col("region").replace(labels.regions()),
        status=pl.col("status").replace(labels.statuses("council")),
    ).select("region", "name", "status", "bodies", "first_date", "established_by", "sources")
    # `region` (the code) stays for the join and the CSV; the page shows names only
    counts = pl.concat([f.filter(pl.col("region").is_not_null()).select("region") for f in tables]).group_by(
        "region").agg(figures=pl.len())
    return rows.join(counts, on="region", how="left").with_columns(figures=pl.col("figures").fill_null(0))


def summary_shown(summary_: pl.DataFrame) -> pl.DataFrame:
    """The table of all regions as the reader sees it: names, dates and documents in words, no codes."""
    dates = [when(d, None) if d else None for d in summary_["first_date"].to_list()]
    documents = [", ".join(labels.source(k.strip()) for k in ids.split(",")) if ids else None
                 for ids in summary_["sources"].to_list()]
    return summary_.with_columns(first_date=pl.Series(dates, dtype=pl.String),
                                 sources=pl.Series(documents, dtype=pl.String)).drop("region")
