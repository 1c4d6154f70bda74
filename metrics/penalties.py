"""Sentences the Criminal Code sets, by article, code version and circumstances.

Pure functions: polars in, polars out, ids and numbers only. A minimum or maximum the
source does not state stays empty ("up to 5 years" has no minimum): never a zero.
"""
from __future__ import annotations

import polars as pl

CODES = ["cc1997", "cc2017", "cc2021"]
AGGRAVATIONS = ["whole_article", "basic", "aggravated", "especially_aggravated", "against_minor"]
# The core offences first, then related crimes, in the order a reader meets them.
OFFENCES = ["trafficking", "child_trafficking", "forced_labour", "involvement_in_prostitution",
            "forced_marriage", "bride_kidnapping", "migrant_smuggling"]


def _rank(column: str, order: list[str]) -> pl.Expr:
    """Position of the column's id in `order`; unknown ids go last."""
    return pl.col(column).replace_strict({k: i for i, k in enumerate(order)}, default=len(order),
                                         return_dtype=pl.Int64)


def ranges(penalties: pl.DataFrame, offence: str | None = None) -> pl.DataFrame:
    """The sentence ranges, one row per printed range, ordered by offence, code (oldest
    first), article and circumstances. `stated_min` is False where the source gives only
    a maximum ("up to")."""
    rows = penalties if offence is None else penalties.filter(pl.col("offence") == offence)
    return rows.with_columns(stated_min=pl.col("min_years").is_not_null()).sort(
        _rank("offence", OFFENCES), _rank("code", CODES), "article", _rank("aggravation", AGGRAVATIONS),
        "reporter", nulls_last=True,
    )


def longest_by_code(penalties: pl.DataFrame, offence: str) -> pl.DataFrame:
    """For one offence: the longest sentence each code version allows, as the sources print
    it (the largest `max_years` of that code's rows), with every reporter that prints that
    figure and their sources. Codes no source covers have no row."""
    rows = penalties.filter((pl.col("offence") == offence) & pl.col("max_years").is_not_null())
    if rows.is_empty():
        return pl.DataFrame(schema={"code": pl.String, "max_years": pl.Float64, "reporters": pl.List(pl.String),
                                    "sources": pl.List(pl.String)})
    top = rows.group_by("code").agg(pl.col("max_years").max())
    return (rows.join(top, on=["code", "max_years"])
            .group_by("code", "max_years")
            .agg(reporters=pl.col("reporter").unique(maintain_order=True),
                 sources=pl.col("source").unique(maintain_order=True))
            .sort(_rank("code", CODES)))


def offences(penalties: pl.DataFrame) -> list[str]:
    """The offences that have at least one printed range, in reading order."""
    present = set(penalties["offence"].drop_nulls().to_list())
    return [o for o in OFFENCES if o in present] + sorted(present - set(OFFENCES))
