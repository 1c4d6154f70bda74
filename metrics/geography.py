"""Regions and countries: what the data holds for each place. Pure polars: ids and
numbers (`ui.labels` names statuses and forms for the reader)."""
from __future__ import annotations

import polars as pl

# Council status ids.
ESTABLISHED = "council_on_record"
NO_EVIDENCE = "no_evidence"
# councils.csv `kind` of a coordination council (the other kinds: earlier_body, institution)
COORDINATION_COUNCIL = "coordination_council"
# Main form of exploitation named for a country (mentions_by_country): these ids.
MAIN_FORMS = ["sexual", "labour", "mixed", "other_or_not_stated"]


def council_status(councils: pl.DataFrame, regions: list[str]) -> pl.DataFrame:
    """One row per region: whether any source records a regional coordination council there,
    the earliest date given, the act that set up that same council, and how many sources and
    bodies; `status` is ESTABLISHED or NO_EVIDENCE.

    Only coordination councils count (`kind`): the 2002-2003 commissions, orders and work
    plans are earlier bodies, so no region reads "council since 2003". The date, the act,
    the source and the lines all come from one row, so a 2018 date is never paired with a
    2002 decree."""
    regional = councils.filter(pl.col("region").is_not_null())
    if "kind" in regional.columns:
        regional = regional.filter(pl.col("kind") == COORDINATION_COUNCIL)
    summary = regional.sort("established_date", "source", "lines", nulls_last=True).group_by("region").agg(
        bodies=pl.col("body").n_unique(),
        sources=pl.col("source").unique().sort().str.join(", "),
        first_date=pl.col("established_date").first(),
        precision=pl.col("date_precision").first(),
        established_by=pl.col("established_by").first(),
        lines=pl.col("lines").first(),
        source=pl.col("source").first(),
    )
    base = pl.DataFrame({"region": regions}, schema={"region": pl.String})
    return base.join(summary, on="region", how="left").with_columns(
        status=pl.when(pl.col("bodies").is_not_null()).then(pl.lit(ESTABLISHED)).otherwise(pl.lit(NO_EVIDENCE)),
        bodies=pl.col("bodies").fill_null(0),
    )


def mappable_measures(regional: pl.DataFrame) -> pl.DataFrame:
    """(measure, unit, period) combinations with at most one figure per region: these can
    colour a map without adding anything up."""
    rows = regional.filter(pl.col("region").is_not_null() & pl.col("value").is_not_null())
    counts = rows.group_by("measure", "unit", "period", "region").agg(n=pl.len())
    ok = counts.group_by("measure", "unit", "period").agg(max_n=pl.col("n").max(), regions=pl.len())
    return ok.filter(pl.col("max_n") == 1).drop("max_n").sort("measure", "period")


def region_values(regional: pl.DataFrame, measure: str, period: str) -> pl.DataFrame:
    """The figure of each region for one mappable measure and period."""
    return regional.filter(
        (pl.col("measure") == measure) & (pl.col("period") == period) & pl.col("region").is_not_null()
        & pl.col("value").is_not_null()
    )


def region_figures(tables: dict[str, pl.DataFrame], region: str) -> pl.DataFrame:
    """Every figure in any dataset that names this region, with its dataset."""
    parts = []
    for name, frame in tables.items():
        if "region" in frame.columns and "value" in frame.columns:
            cols = ["measure", "value", "unit", "period", "reporter", "source", "lines", "note"]
            extra = [c for c in ("district", "organisation") if c in frame.columns]
            here = frame.filter(pl.col("region") == region)
            if "same_as" in here.columns:  # a figure stored twice (justice and the map copy) is listed once
                here = here.filter(pl.col("same_as").is_null())
            parts.append(here.select(*cols, *extra)
                         .with_columns(dataset=pl.lit(name)))
    parts = [p for p in parts if p.height]
    if not parts:
        return pl.DataFrame(schema={"measure": pl.String, "value": pl.Float64, "dataset": pl.String})
    return pl.concat(parts, how="diagonal_relaxed").sort("dataset", "measure")


def mentions_by_country(mentions: pl.DataFrame) -> pl.DataFrame:
    """Per country and role: how many mentions and how many sources name it, the forms of
    exploitation named, and the years covered."""
    return mentions.group_by("country", "role").agg(
        mentions=pl.len(),
        sources=pl.col("source").n_unique(),
        source_ids=pl.col("source").unique().sort().str.join(", "),
        exploitation=pl.col("exploitation").drop_nulls().unique().sort().str.join(", "),
        first_year=pl.col("period_start").str.slice(0, 4).min(),
        last_year=pl.col("period_end").str.slice(0, 4).max(),
    ).with_columns(
        main_form=pl.when(pl.col("exploitation").str.contains("sexual") & pl.col("exploitation").str.contains("labour"))
        .then(pl.lit("mixed"))
        .when(pl.col("exploitation").str.contains("sexual")).then(pl.lit("sexual"))
        .when(pl.col("exploitation").str.contains("labour")).then(pl.lit("labour"))
        .otherwise(pl.lit("other_or_not_stated"))
    ).sort(["sources", "mentions", "country", "role"], descending=[True, True, False, False])  # ties: by name, so
    # the order (and the cached figure drawn from it) is the same on every call


def country_measures(migration: pl.DataFrame) -> pl.DataFrame:
    """(measure, unit, period) combinations with figures for at least one named country and
    at most one figure per country: the measures an arc map can show without adding up."""
    rows = migration.filter(pl.col("country").is_not_null() & pl.col("value").is_not_null())
    counts = rows.group_by("measure", "unit", "period", "country").agg(n=pl.len())
    return counts.group_by("measure", "unit", "period").agg(max_n=pl.col("n").max(), countries=pl.len()).filter(
        pl.col("max_n") == 1).drop("max_n").sort("countries", "measure", descending=[True, False])


def country_values(migration: pl.DataFrame, measure: str, period: str) -> pl.DataFrame:
    return migration.filter((pl.col("measure") == measure) & (pl.col("period") == period)
                            & pl.col("country").is_not_null() & pl.col("value").is_not_null()).sort(
        "value", descending=True)
