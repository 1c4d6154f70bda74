"""Which rows are headline figures, so that nothing adds a figure twice. Pure polars.

A figure table holds totals, parts of totals, bounds of printed ranges and figures
that a source prints twice (or that one report repeats from another body). Only
some of them may be added up or put side by side as "the" figure of a body:

- a **total** is a row that is not a breakdown (justice `breakdown` == "no"; no flag
  `breakdown` elsewhere), not a range bound (flags `range_low` / `range_high`) and not
  linked to another row by `same_as`;
- a **funnel headline** is a justice total of national scope, one per (reporter,
  stage, period): the preferred offence and measure win.

`duplicates()` finds totals that could still be added into a double count: the same
body, measure, period, value and dimensions in two rows that `same_as` does not link.
It must find none (tests/test_evidence.py, `python -m data.summary --json`).
"""
from __future__ import annotations

import polars as pl

RANGE_FLAGS = ("range_low", "range_high")
NOT_ADDABLE_FLAGS = ("breakdown", *RANGE_FLAGS)
# Columns that say where a row comes from or how to read it, not what it counts.
_NOT_IDENTITY = {"id", "source", "lines", "note", "note_ru", "note_ky",
                 "scope", "flags", "same_as", "period", "year", "breakdown"}


# Stage of the criminal-justice funnel -> measures that count it, in order of preference
# when a reporter gives several (metrics.funnel builds the funnel on these).
STAGES: dict[str, list[str]] = {
    "registered": ["registered_crimes", "cases_recorded"],
    "investigated": ["cases_investigated", "cases_initiated"],
    "prosecuted": ["cases_sent_to_court", "cases_prosecuted", "persons_prosecuted"],
    "convicted": ["persons_convicted"],
    "discontinued": ["cases_discontinued"],
}
# The offences that make up "trafficking in persons" in the funnel; the first is preferred
# when a reporter gives both a combined figure and the core-article figure.
TRAFFICKING_OFFENCES = ["trafficking_all", "trafficking"]
_MEASURE_STAGE = {m: s for s, ms in STAGES.items() for m in ms}
_MEASURE_RANK = {m: i for ms in STAGES.values() for i, m in enumerate(ms)}


def with_stage(justice: pl.DataFrame) -> pl.DataFrame:
    """Rows that belong to a funnel stage, with `stage` and a preference rank."""
    return justice.filter(pl.col("measure").is_in(list(_MEASURE_STAGE))).with_columns(
        stage=pl.col("measure").replace_strict(_MEASURE_STAGE, default=None),
        _measure_rank=pl.col("measure").replace_strict(_MEASURE_RANK, default=99),
    )


def funnel_headlines(justice: pl.DataFrame, offences: list[str] | None = None) -> pl.DataFrame:
    """One figure per (reporter, stage, period) of the justice funnel (metrics.funnel.headline)."""
    return funnel(with_stage(justice), offences or TRAFFICKING_OFFENCES).drop("_measure_rank")


def has_flag(flag: str) -> pl.Expr:
    """True where the `;`-separated `flags` cell holds `flag` (false where there is no cell)."""
    return pl.col("flags").fill_null("").str.split(";").list.contains(flag)


def totals(frame: pl.DataFrame) -> pl.DataFrame:
    """The rows that may be added up or shown as a body's figure: no breakdowns, no range
    bounds, no repeats (`same_as`)."""
    keep = pl.lit(True)
    if "breakdown" in frame.columns:
        keep = keep & (pl.col("breakdown").fill_null("no") != "yes")
    if "flags" in frame.columns:
        for flag in NOT_ADDABLE_FLAGS:
            keep = keep & ~has_flag(flag)
    if "same_as" in frame.columns:
        keep = keep & pl.col("same_as").is_null()
    return frame.filter(keep)


def funnel(staged: pl.DataFrame, offences: list[str]) -> pl.DataFrame:
    """One headline per (reporter, stage, period) from justice rows that carry `stage` and
    `_measure_rank` (with_stage): national totals of the given offences;
    the earlier offence in `offences`, then the preferred measure, wins."""
    offence_rank = {o: i for i, o in enumerate(offences)}
    rows = totals(staged).filter(pl.col("offence").is_in(offences))
    if "scope" in rows.columns:
        rows = rows.filter(pl.col("scope").fill_null("national") == "national")
    return (
        rows.with_columns(_offence_rank=pl.col("offence").replace_strict(offence_rank, default=99))
        .sort(["_offence_rank", "_measure_rank", "source", "lines"])
        .unique(subset=["reporter", "stage", "period_start", "period_end"], keep="first", maintain_order=True)
        .drop("_offence_rank")
    )


def identity(frame: pl.DataFrame) -> list[str]:
    """The columns that say what a row counts: body, measure, unit, period and dimensions."""
    return [c for c in frame.columns if c not in _NOT_IDENTITY and not c.startswith("_")
            and not c.endswith(("_ru", "_ky"))]


def duplicates(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Totals that could be added into a double count: two or more rows of one dataset with
    the same body, measure, period, value and dimensions, not linked by `same_as`.
    One row per such group: dataset, ids, value."""
    parts = []
    for name, frame in tables.items():
        if "value" not in frame.columns or "id" not in frame.columns:
            continue
        rows = totals(frame).filter(pl.col("value").is_not_null())
        keys = identity(rows)
        groups = rows.group_by(keys).agg(ids=pl.col("id").sort(), n=pl.len()).filter(pl.col("n") > 1)
        if groups.height:
            parts.append(groups.select(
                dataset=pl.lit(name), ids=pl.col("ids").list.join(", "), value=pl.col("value")))
    if not parts:
        return pl.DataFrame(schema={"dataset": pl.String, "ids": pl.String, "value": pl.Float64})
    return pl.concat(parts).sort("dataset", "ids")


def add_up(frame: pl.DataFrame) -> float | None:
    """The sum of the totals in `frame`, refusing to combine figures of different scope or
    unit (a national total plus one organisation's count is no total). None when there is
    no figure; ValueError when the scopes or units differ."""
    rows = totals(frame).filter(pl.col("value").is_not_null())
    if rows.is_empty():
        return None
    for column in ("scope", "unit"):
        if column in rows.columns and rows[column].n_unique() > 1:
            raise ValueError(f"figures of different {column} cannot be added: "
                             + ", ".join(sorted(str(v) for v in rows[column].unique().to_list())))
    return float(rows["value"].sum())
