"""Context by region: poverty and unemployment where the sources print them.

Pure functions: polars in, polars out, ids and numbers only. A town's figure (scope
`district`, e.g. Tokmak) belongs to the town, never to its region: it is listed in the
region's profile with its district, and never colours the region on the map.
"""
from __future__ import annotations

import polars as pl

NATIONAL = "national"
REGION = "region"
DISTRICT = "district"


def for_region(context: pl.DataFrame, region: str) -> pl.DataFrame:
    """Every context figure printed for one region or a town in it, latest year first,
    the region's own figures before its towns'."""
    return context.filter(pl.col("region") == region).sort(
        pl.col("year"), pl.col("scope") == DISTRICT, "measure", descending=[True, False, False], nulls_last=True)


def national(context: pl.DataFrame) -> pl.DataFrame:
    """The figures for the whole country, latest year first."""
    return context.filter(pl.col("scope") == NATIONAL).sort("year", "measure", descending=[True, False],
                                                           nulls_last=True)


def map_measures(context: pl.DataFrame, min_regions: int = 2) -> pl.DataFrame:
    """(measure, unit, year) combinations that can colour the map: region-wide figures only,
    at most one per region (nothing is added up), printed for at least `min_regions` regions."""
    rows = context.filter((pl.col("scope") == REGION) & pl.col("value").is_not_null() & pl.col("year").is_not_null())
    counts = rows.group_by("measure", "unit", "year", "region").agg(n=pl.len())
    ok = counts.group_by("measure", "unit", "year").agg(max_n=pl.col("n").max(), regions=pl.len())
    return ok.filter((pl.col("max_n") == 1) & (pl.col("regions") >= min_regions)).drop("max_n").sort(
        "measure", "year")


def map_values(context: pl.DataFrame, measure: str, year: int) -> pl.DataFrame:
    """Each region's own figure for one measure and year (town figures left out)."""
    return context.filter((pl.col("measure") == measure) & (pl.col("year") == year)
                          & (pl.col("scope") == REGION) & pl.col("value").is_not_null())


def has_flag(frame: pl.DataFrame, flag: str) -> pl.Series:
    """Whether each row's `flags` (';'-separated) contain `flag`."""
    if "flags" not in frame.columns:
        return pl.Series([False] * frame.height, dtype=pl.Boolean)
    return frame.select(pl.col("flags").fill_null("").str.split(";").list.contains(flag))["flags"]
