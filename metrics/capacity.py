"""Budgets and training: what was spent against trafficking, and who was trained when.

Pure functions: polars in, polars out, ids and numbers only (labels are the page's job).

Two rules keep the figures honest:
- money is never converted or added across currencies: a total is per currency, and
  only of budgets that may be added;
- training counts overlap (one cohort printed twice, a total and its parts), so a row
  that repeats another (`same_as`) or is a part of a printed total (`flags` contains
  `breakdown`) is never added. Without those two columns we cannot tell, and there is
  no total at all: every count is shown on its own.
"""
from __future__ import annotations

import polars as pl

BUDGET = "budget"
TRAINED = "people_trained"
# Flags that make a row a piece of another figure, never a figure to add.
NOT_ADDABLE_FLAGS = ("breakdown", "range_low", "range_high", "cumulative")
PROVENANCE = ["reporter", "source", "lines", "note"]


def has_overlap_markers(frame: pl.DataFrame) -> bool:
    """True when the table says which rows repeat or break down another (`same_as`, `flags`)."""
    return "same_as" in frame.columns and "flags" in frame.columns


def _flags(frame: pl.DataFrame) -> pl.Expr:
    return pl.col("flags").fill_null("").str.split(";") if "flags" in frame.columns else pl.lit([], pl.List(pl.String))


def with_markers(frame: pl.DataFrame) -> pl.DataFrame:
    """`repeated` (the figure is stored elsewhere: same_as), `part` (a part of a printed
    total: breakdown flag) and `addable` (may enter a sum). Without markers every row is
    `addable = None`: unknown, so nothing is summed."""
    if not has_overlap_markers(frame):
        return frame.with_columns(repeated=pl.lit(False), part=pl.lit(False), addable=pl.lit(None, pl.Boolean))
    flags = _flags(frame)
    repeated = pl.col("same_as").is_not_null() & (pl.col("same_as") != "")
    part = flags.list.contains("breakdown")
    other = pl.any_horizontal([flags.list.contains(f) for f in NOT_ADDABLE_FLAGS if f != "breakdown"])
    return frame.with_columns(repeated=repeated, part=part, addable=~repeated & ~part & ~other)


def _keep(frame: pl.DataFrame, columns: list[str]) -> pl.DataFrame:
    return frame.select([c for c in columns if c in frame.columns])


def budgets(capacity: pl.DataFrame) -> pl.DataFrame:
    """Every budget figure, in the currency the source prints (`unit`), earliest start first.
    A budget the source names without an amount stays, with an empty value (a gap)."""
    rows = with_markers(capacity.filter(pl.col("measure") == BUDGET))
    return _keep(rows, ["id", "organiser", "reporter", "value", "unit", "year", "period_start", "period_end",
                        "period", "scope", "repeated", "part", "addable", "source", "lines", "note"]
                 ).sort("period_start", "unit", "value", nulls_last=True)


def budget_totals(budgets_: pl.DataFrame) -> pl.DataFrame:
    """Per reporter and currency: the sum of the budgets that may be added (printed, not
    repeated, not a part), how many were added and how many amounts are missing. Never
    across currencies; a single budget is its own figure, so only groups of two or more
    get a row. Empty when the table cannot say which rows overlap."""
    cols = {"reporter": pl.String, "unit": pl.String, "total": pl.Float64, "added": pl.UInt32,
            "missing": pl.UInt32}
    if budgets_.is_empty() or budgets_["addable"].is_null().all():
        return pl.DataFrame(schema=cols)
    addable = budgets_.filter(pl.col("addable"))
    totals = addable.group_by("reporter", "unit").agg(
        total=pl.col("value").sum(),
        added=pl.col("value").is_not_null().sum().cast(pl.UInt32),
        missing=pl.col("value").is_null().sum().cast(pl.UInt32),
    )
    return totals.filter(pl.col("added") >= 2).select(list(cols)).sort("reporter", "unit")


def trained(capacity: pl.DataFrame) -> pl.DataFrame:
    """People trained, one row per printed count: who (`audience`), when, how many.

    Rows are ordered by period, then largest first. `repeated` rows (the same count
    printed again elsewhere) are dropped: their place stays cited on the row they repeat."""
    rows = with_markers(capacity.filter(pl.col("measure") == TRAINED)).filter(~pl.col("repeated"))
    return _keep(rows, ["id", "audience", "organiser", "year", "period", "period_start", "period_end", "value",
                        "unit", "scope", "part", "addable", *PROVENANCE]
                 ).sort("period_start", "period_end", pl.col("part"), pl.col("value"),
                        descending=[False, False, False, True], nulls_last=True)


def trained_by_year(trained_: pl.DataFrame) -> pl.DataFrame:
    """Per calendar year (rows printed for one year only): people trained, summing only
    counts that may be added, and how many counts that is. Counts printed for a span of
    years (`year` empty) are never spread over its years. Empty without overlap markers."""
    cols = {"year": pl.Int64, "value": pl.Float64, "counts": pl.UInt32, "unit": pl.String}
    single = trained_.filter(pl.col("year").is_not_null())
    if single.is_empty() or single["addable"].is_null().all():
        return pl.DataFrame(schema=cols)
    return single.filter(pl.col("addable")).group_by("year", "unit").agg(
        value=pl.col("value").sum(), counts=pl.len().cast(pl.UInt32),
    ).select(list(cols)).sort("year")


def other_activities(capacity: pl.DataFrame) -> pl.DataFrame:
    """Every other capacity figure (campaigns, events, materials, shares of women, ...)."""
    rows = with_markers(capacity.filter(~pl.col("measure").is_in([BUDGET, TRAINED])))
    return _keep(rows.filter(~pl.col("repeated")),
                 ["id", "measure", "value", "unit", "period", "audience", "organiser", *PROVENANCE]
                 ).sort("period", "measure")


def span(frame: pl.DataFrame) -> tuple[int, int] | None:
    """First and last calendar year the rows cover, for a chart's subtitle."""
    if frame.is_empty():
        return None
    return int(frame["period_start"].str.slice(0, 4).cast(pl.Int64).min()), \
        int(frame["period_end"].str.slice(0, 4).cast(pl.Int64).max())
