"""The Regions page's view: the map's facts (colour and tooltip per region), the
profile of a region and the table of all regions."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from i18n import _, ngettext
from i18n.numbers import date
from metrics.geography import ESTABLISHED, council_status, mappable_measures, region_figures, region_values
from ui import labels
from ui.context import map_options as context_options
from ui.context import map_values as context_values
from ui.formatting import fmt_value, line_label
from ui.maps import BLUE, GREY, shade

FIGURE_COLUMNS = ["measure", "value", "unit", "period", "district", "organisation", "reporter", "source", "lines",
                  "dataset"]


def when(value: str | None, precision: str | None) -> str:
    """A council's date as the sources give it, at most to the month ('May 2018', '2016')."""
    return date(value, "year" if precision == "year" else "month")


def councils(table: pl.DataFrame) -> pl.DataFrame:
    """The coordination bodies, their names in the reader's language."""
    return labels.localise(table, "body")


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
    facts: pl.DataFrame   # region, name, fill, tooltip: what the map draws
    legend: str
    rows: pl.DataFrame    # the figures behind it (for the sources footer)


def council_facts(status_: pl.DataFrame, councils_: pl.DataFrame) -> MapFacts:
    """The map coloured by council status."""
    tooltips = []
    for r in status_.iter_rows(named=True):
        if r["first_date"]:
            tooltips.append(_("{region}: {status}, from {date}", region=labels.region(r["region"]),
                              status=labels.status(r["status"]), date=when(r["first_date"], r["precision"])))
        else:
            tooltips.append(_("{region}: {status}", region=labels.region(r["region"]),
                              status=labels.status(r["status"])))
    facts = status_.with_columns(
        name=pl.col("region").replace(labels.regions()),
        fill=pl.when(pl.col("status") == ESTABLISHED).then(pl.lit(BLUE)).otherwise(pl.lit(GREY)),
        tooltip=pl.Series(tooltips, dtype=pl.String),
    )
    n_grey = status_.filter(pl.col("status") != ESTABLISHED).height
    legend = (
        _("Blue: a source records a coordination council ({status}).", status=labels.status(ESTABLISHED))
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
    facts = pl.DataFrame({
        "region": codes,
        "name": [labels.region(c) for c in codes],
        "fill": [shade(by_region[c]["value"] if c in by_region else None, low, high) for c in codes],
        "tooltip": [_("{region}: {value}", region=labels.region(c),
                      value=fmt_value(by_region[c]["value"], by_region[c]["unit"])) if c in by_region
                    else _("{region}: not reported", region=labels.region(c)) for c in codes],
    })
    legend = _("{measure}. Darker is more (from {low} to {high}); grey: not reported for that region.",
               measure=option, low=fmt_value(low), high=fmt_value(high))
    return MapFacts(facts, legend, values)


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
        out.append("- " + "; ".join(parts) + f" *({b['source']}, {line_label(b['lines'])})*")
    return out


def figures(tables: dict[str, pl.DataFrame], region: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(every figure that names the region, ids; the table in words)."""
    rows = region_figures(tables, region)
    shown = rows.select([c for c in FIGURE_COLUMNS if c in rows.columns])
    return rows, labels.labelled(shown, {"measure": "measure", "unit": "unit", "reporter": "reporter_short",
                                         "dataset": "dataset"})


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
    counts = pl.concat([f.filter(pl.col("region").is_not_null()).select("region") for f in tables]).group_by(
        "region").agg(figures=pl.len())
    return rows.join(counts, on="region", how="left").with_columns(figures=pl.col("figures").fill_null(0))
