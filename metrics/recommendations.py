"""Recommendations: status by report and theme, and issues raised again and again. Pure polars."""
from __future__ import annotations

import polars as pl

from i18n.names import term

STATUS_ORDER = ["implemented", "partially_implemented", "pending", "not_implemented", "no_status"]


def status_labels() -> dict[str, str]:
    """Status id -> its name in the current language (data/meta/vocabularies.yml, vocabulary `status`),
    in the order of STATUS_ORDER."""
    return {s: term("status", s) for s in STATUS_ORDER}


def with_report_year(recs: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """Add `report_year`: the year the report was published (blank where it does not say)."""
    years = sources.select("source", report_year=pl.col("year_published").cast(pl.Int64, strict=False))
    return recs.join(years, on="source", how="left")


def status_counts(recs: pl.DataFrame, by: str) -> pl.DataFrame:
    """How many recommendations of each status, per value of `by` (source or theme)."""
    counts = recs.group_by(by, "status").agg(value=pl.len().cast(pl.Float64))
    return counts.with_columns(
        status_order=pl.col("status").replace_strict({s: i for i, s in enumerate(STATUS_ORDER)}, default=99)
    ).sort(by, "status_order").drop("status_order")


def recurring(recs: pl.DataFrame) -> pl.DataFrame:
    """Topics raised in more than one report: how many recommendations, which reports,
    the span of report years, and the statuses assessed."""
    topical = recs.filter(pl.col("topic").is_not_null())
    grouped = topical.group_by("topic").agg(
        recommendations=pl.len(),
        reports=pl.col("source").n_unique(),
        report_ids=pl.col("source").unique().sort().str.join(", "),
        first_year=pl.col("report_year").min(),
        last_year=pl.col("report_year").max(),
        statuses=pl.col("status").unique().sort().str.join(", "),
        page=pl.col("page").drop_nulls().mode().first(),
    )
    return grouped.filter(pl.col("reports") > 1).with_columns(
        years_raised=pl.col("last_year") - pl.col("first_year")
    ).sort("reports", "recommendations", descending=True)
