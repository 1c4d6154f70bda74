"""Year-over-year comparisons that keep gaps as gaps. Pure polars.

Directions are ids (`ui.labels.direction()` gives the reader's words)."""
from __future__ import annotations

import polars as pl

DIRECTION_UP = "up"
DIRECTION_DOWN = "down"
DIRECTION_SAME = "no_change"
DIRECTION_GAP = "not_comparable"


def compare_years(
    frame: pl.DataFrame, keys: list[str], year: int, base_year: int, value: str = "value"
) -> pl.DataFrame:
    """For each group of `keys`: value in `base_year`, value in `year`, change and direction.

    A group missing in either year (or with a missing value) gets null change and
    direction DIRECTION_GAP: a gap is never read as zero. So does a group whose two
    figures have different scopes (`scope`: a national total vs one organisation's count):
    figures of different scope are never combined.
    """
    scoped = "scope" in frame.columns and "scope" not in keys
    cols = [*keys, "year", value, "source", "lines", *(["scope"] if scoped else [])]
    single = frame.filter(pl.col("year").is_in([year, base_year])).select(cols)
    now = single.filter(pl.col("year") == year).drop("year").rename(
        {value: "value_now", "source": "source_now", "lines": "lines_now",
         **({"scope": "scope_now"} if scoped else {})}
    )
    then = single.filter(pl.col("year") == base_year).drop("year").rename(
        {value: "value_then", "source": "source_then", "lines": "lines_then",
         **({"scope": "scope_then"} if scoped else {})}
    )
    groups = single.select(keys).unique(maintain_order=True)
    out = groups.join(then, on=keys, how="left", nulls_equal=True).join(
        now, on=keys, how="left", nulls_equal=True
    )
    change = pl.col("value_now") - pl.col("value_then")
    if scoped:
        same_scope = pl.col("scope_now").fill_null("") == pl.col("scope_then").fill_null("")
        change = pl.when(same_scope).then(change)
    return out.with_columns(
        year=pl.lit(year),
        base_year=pl.lit(base_year),
        change=change,
        change_pct=pl.when(pl.col("value_then") > 0).then(change / pl.col("value_then") * 100),
        direction=pl.when(change.is_null()).then(pl.lit(DIRECTION_GAP))
        .when(change > 0).then(pl.lit(DIRECTION_UP))
        .when(change < 0).then(pl.lit(DIRECTION_DOWN))
        .otherwise(pl.lit(DIRECTION_SAME)),
    )


def latest(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """The most recent single-year figure with a value per group, with the one before it."""
    ranked = (
        frame.filter(pl.col("year").is_not_null() & pl.col("value").is_not_null())
        .sort("year", descending=True)
        .with_columns(rank=pl.col("year").rank("ordinal", descending=True).over(keys))
    )
    last = ranked.filter(pl.col("rank") == 1).drop("rank")
    prev = ranked.filter(pl.col("rank") == 2).select(
        *keys, previous_year=pl.col("year"), previous_value=pl.col("value")
    )
    out = last.join(prev, on=keys, how="left", nulls_equal=True)
    return out.with_columns(
        change=pl.col("value") - pl.col("previous_value"),
    )


def years_with_data(frame: pl.DataFrame) -> list[int]:
    """Calendar years that have at least one single-year figure with a value, ascending."""
    years = frame.filter(pl.col("year").is_not_null() & pl.col("value").is_not_null())["year"]
    return sorted(int(y) for y in years.unique().to_list())


def default_years(years: list[int]) -> tuple[int | None, int | None]:
    """(latest year, the year before it that has data): the default comparison."""
    if not years:
        return None, None
    if len(years) == 1:
        return years[-1], None
    return years[-1], years[-2]
