"""Which source supplies which dataset in which year: gaps visible at a glance. Pure polars."""
from __future__ import annotations

import polars as pl


def coverage(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """One row per (dataset, year, source) with the number of figures, for single-year rows
    and for multi-year periods (each year the period touches counts once)."""
    parts = []
    for name, frame in tables.items():
        if "period_start" not in frame.columns or frame.is_empty():
            continue
        years = frame.select(
            "source",
            start=pl.col("period_start").str.slice(0, 4).cast(pl.Int64),
            end=pl.col("period_end").str.slice(0, 4).cast(pl.Int64),
        ).with_columns(year=pl.int_ranges("start", pl.col("end") + 1)).explode("year")
        parts.append(years.group_by("source", "year").agg(rows=pl.len()).with_columns(dataset=pl.lit(name)))
    if not parts:
        return pl.DataFrame(schema={"dataset": pl.String, "year": pl.Int64, "source": pl.String, "rows": pl.UInt32})
    return pl.concat(parts).select("dataset", "year", "source", "rows").sort("dataset", "year", "source")


def matrix(cov: pl.DataFrame, first: int, last: int) -> pl.DataFrame:
    """dataset × year table whose cells list the sources with figures for that year ('' = gap)."""
    cells = cov.filter(pl.col("year").is_between(first, last)).group_by("dataset", "year").agg(
        sources=pl.col("source").sort().str.join(", "))
    grid = cells.pivot(on="year", index="dataset", values="sources", sort_columns=True)
    years = [str(y) for y in range(first, last + 1)]
    for y in years:
        if y not in grid.columns:
            grid = grid.with_columns(pl.lit(None, pl.String).alias(y))
    return grid.select("dataset", *years).fill_null("").sort("dataset")
