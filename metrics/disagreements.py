"""Figures for the same thing from different reporters that do not agree. Pure polars."""
from __future__ import annotations

import polars as pl

from data.headlines import totals

# Columns that describe *who said it and where*, not *what was counted*.
# `id`, `flags` and `same_as` say which row it is and how to read it (data/README.md); `scope`
# stays a key, so figures of different scope are never compared.
PROVENANCE_COLUMNS = {"value", "reporter", "source", "lines", "note", "note_ru", "note_ky",
                      "period", "breakdown", "id", "flags", "same_as"}


def disagreements(frame: pl.DataFrame, dataset: str) -> pl.DataFrame:
    """Every group of rows that count the same thing (same measure, unit, period and
    dimensions) where at least two reporters give different values.

    Returns dataset, measure, unit, period, reporters, values, low, high.
    """
    if frame.is_empty():
        return _empty()
    # our Russian/Kyrgyz of a column (`organisation_ru`) never tells two figures apart: the English does
    keys = [c for c in frame.columns if c not in PROVENANCE_COLUMNS and not c.endswith(("_ru", "_ky"))]
    # totals only: no breakdowns, range bounds or repeats (same_as) -- a repeat is no second reporter
    rows = totals(frame).filter(pl.col("value").is_not_null())
    grouped = (
        rows.sort("value", "reporter")
        .group_by(keys, maintain_order=True)
        .agg(
            reporters=pl.col("reporter"), values=pl.col("value"), period=pl.col("period").first(),
            n_reporters=pl.col("reporter").n_unique(), n_values=pl.col("value").n_unique(),
        )
        .filter((pl.col("n_reporters") > 1) & (pl.col("n_values") > 1))
    )
    if grouped.is_empty():
        return _empty()
    return grouped.select(
        dataset=pl.lit(dataset),
        measure="measure",
        unit="unit",
        period="period",
        reporters=pl.col("reporters").list.join(", "),
        values=pl.col("values").list.eval(pl.element().cast(pl.Int64, strict=False).cast(pl.String)
                                          .fill_null(pl.element().cast(pl.String))).list.join(", "),
        low=pl.col("values").list.min(),
        high=pl.col("values").list.max(),
    ).sort("measure", "period")


def all_disagreements(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Disagreements across every figure table."""
    parts = [disagreements(t, name) for name, t in tables.items() if "value" in t.columns and "reporter" in t.columns]
    parts = [p for p in parts if p.height]
    return pl.concat(parts) if parts else _empty()


def _empty() -> pl.DataFrame:
    return pl.DataFrame(schema={"dataset": pl.String, "measure": pl.String, "unit": pl.String,
                                "period": pl.String, "reporters": pl.String, "values": pl.String,
                                "low": pl.Float64, "high": pl.Float64})
