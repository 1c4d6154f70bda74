"""Recommendations: status by report and theme, and issues raised again and again. Pure polars."""
from __future__ import annotations

import polars as pl

# Status ids (vocabulary `status`), in the order they are listed and stacked.
STATUS_ORDER = ["implemented", "partially_implemented", "pending", "not_implemented", "no_status"]
# What a row of recommendations.csv is (`kind`): only `formal` ones are counted unless the reader asks
# for every row. A restatement links to the formal recommendation it repeats (`same_as`).
KINDS = ["formal", "restatement", "interviewee_view", "rapporteur_quoted", "other"]


def with_report_year(recs: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """Add `report_year`: the year the report was published (blank where it does not say)."""
    years = sources.select("source", report_year=pl.col("year_published").cast(pl.Int64, strict=False))
    return recs.join(years, on="source", how="left")


def formal(recs: pl.DataFrame) -> pl.DataFrame:
    """The formal recommendations only: the list a report sets out as its recommendations
    (`kind` formal). Restatements elsewhere in a report, interviewees' views, recommendations the
    report quotes from others and other rows are left out, so nothing is counted twice."""
    return recs.filter(pl.col("kind") == "formal")


def restated_numbers(recs: pl.DataFrame) -> pl.DataFrame:
    """Add `restates`: for a restatement, the report's own number of the formal recommendation it
    repeats (`same_as` resolved to `report_number`); blank otherwise."""
    numbers = recs.select(same_as=pl.col("id"), restates=pl.col("report_number"))
    return recs.join(numbers, on="same_as", how="left")


def formal_by_report(recs: pl.DataFrame) -> pl.DataFrame:
    """Per report (`source`): formal recommendations, how many of them the report assessed (a status
    other than no_status), and how many of each status."""
    rows = formal(recs)
    totals = rows.group_by("source").agg(
        formal=pl.len(), assessed=(pl.col("status") != "no_status").sum(),
        **{s: (pl.col("status") == s).sum() for s in STATUS_ORDER})
    return totals.sort("source")


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
