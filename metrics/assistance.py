"""Victims and their assistance: which figures exist, for whom, and how they change.
Pure polars: ids and numbers."""
from __future__ import annotations

import polars as pl

from metrics.yoy import DIRECTION_DOWN, DIRECTION_GAP, DIRECTION_SAME, DIRECTION_UP

VICTIM_MEASURES = [
    "victims_identified", "victims_assisted", "victims_approached_ngo", "victims_identified_nrm",
    "victims_returned", "victims_sheltered", "children_returned", "victims_referred",
]
NETWORK_MEASURES = [
    "ngos_in_database", "ngos_recognised_nrm", "ngos_recognised_nrm_besides_el_agartuu", "ngos_reporting_data", "shelters",
    "bodies_authorised_to_identify", "ministries_adopted_nrm_sops", "ministries_responsible_nrm",
]
CONSULTATION_MEASURES = ["consultations", "hotline_calls", "hotline_calls_change",
                         "focus_group_participants_called_hotline"]

# Whose count a figure is: the ids of `scope` (`ui.labels.scope()` says them in words).
ONE_ORGANISATION = "one_organisation"
SEVERAL_NGOS = "several_ngos"
STATE_BODY = "state_body"
ESTIMATE = "estimate"


def scope(frame: pl.DataFrame, reporter_kinds: dict[str, str]) -> pl.DataFrame:
    """Say whose count each figure is, so one organisation's figure is never read as national.

    `scope` becomes an id: ONE_ORGANISATION, SEVERAL_NGOS, STATE_BODY or ESTIMATE."""
    kind = pl.col("reporter").replace_strict(reporter_kinds, default="other")
    # the data's own `scope` (data/README.md) decides first: one NGO's 86 is never "NGOs together"
    data_scope = pl.col("scope") if "scope" in frame.columns else pl.lit(None, pl.String)
    return frame.with_columns(
        scope=pl.when(data_scope == "organisation").then(pl.lit(ONE_ORGANISATION))
        .when(data_scope.is_in(["national", "region", "district"]) & (kind == "state")).then(pl.lit(STATE_BODY))
        .when(pl.col("reporter").str.starts_with("ngo_") | pl.col("organisation").is_not_null())
        .then(pl.lit(ONE_ORGANISATION))
        .when(pl.col("reporter") == "ngo").then(pl.lit(SEVERAL_NGOS))
        .when(kind == "state").then(pl.lit(STATE_BODY))
        .otherwise(pl.lit(ESTIMATE))
    )


def victims(assistance: pl.DataFrame) -> pl.DataFrame:
    """Every printed figure on victims identified, assisted, returned or sheltered."""
    rows = assistance.filter(pl.col("measure").is_in(VICTIM_MEASURES))
    if "same_as" in rows.columns:  # a figure printed twice is shown once
        rows = rows.filter(pl.col("same_as").is_null())
    return rows.sort("period_start", "measure")


def local_support(assistance: pl.DataFrame) -> pl.DataFrame:
    """Support given by local bodies to victims referred by NGOs (cases and amounts)."""
    return assistance.filter(pl.col("measure").is_in(["local_support_cases", "support_given", "monthly_allowance"])
                             & (pl.col("source") == "auca-2019")).sort("region", "district")


def support_by_region(support: pl.DataFrame) -> pl.DataFrame:
    """Local-support cases by region: each district figure as printed, grouped for a chart."""
    return support.filter(pl.col("measure") == "local_support_cases").with_columns(
        region=pl.col("region").fill_null("unknown")
    )


def series_changes(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """For every series (same measure, unit, reporter, dimensions) with at least two
    periods: each period's value, the change from the period before and its direction.

    A calendar year missing between two years of a series is a row of its own with no
    value (a gap, never a zero), and the year after it has no change. Periods of
    different length (a year vs half a year) are not compared: the row says so.
    """
    rows = frame.filter(pl.col("value").is_not_null())
    counted = rows.with_columns(n=pl.col("period").n_unique().over(keys)).filter(pl.col("n") >= 2)
    if counted.is_empty():
        return counted.with_columns(previous=pl.lit(None, pl.Float64), change=pl.lit(None, pl.Float64),
                                    comparable=pl.lit(None, pl.Boolean), direction=pl.lit(None, pl.String)).drop("n")
    counted = _with_missing_years(counted, keys)
    length = (pl.col("period_end").str.to_date() - pl.col("period_start").str.to_date()).dt.total_days()
    ordered = counted.sort("period_start").with_columns(_days=length)
    out = ordered.with_columns(
        previous=pl.col("value").shift(1).over(keys),
        _prev_days=pl.col("_days").shift(1).over(keys),
        _first=pl.col("period_start").rank("ordinal").over(keys) == 1,
    )
    comparable = (pl.col("_days") - pl.col("_prev_days")).abs() <= 31
    change = pl.col("value") - pl.col("previous")
    return out.with_columns(
        comparable=pl.when(pl.col("value").is_null() | pl.col("previous").is_null())
        .then(None).otherwise(comparable),
        change=pl.when(comparable).then(change),
    ).with_columns(
        direction=pl.when(pl.col("_first")).then(None)
        .when(pl.col("change").is_null()).then(pl.lit(DIRECTION_GAP))
        .when(pl.col("change") > 0).then(pl.lit(DIRECTION_UP))
        .when(pl.col("change") < 0).then(pl.lit(DIRECTION_DOWN))
        .otherwise(pl.lit(DIRECTION_SAME)),
    ).drop("n", "_days", "_prev_days", "_first")


def _with_missing_years(rows: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """`rows` plus an empty row for every calendar year missing inside a series' years."""
    yearly = rows.filter(pl.col("year").is_not_null() & (pl.col("period") == pl.col("year").cast(pl.String)))
    if yearly.is_empty():
        return rows
    spans = yearly.group_by(keys).agg(seen=pl.col("year").unique())
    missing = []
    for span in spans.iter_rows(named=True):
        seen = set(span["seen"])
        for year in range(min(seen) + 1, max(seen)):
            if year not in seen:
                missing.append({**{k: span[k] for k in keys}, "year": year, "period": str(year),
                                "period_start": f"{year}-01-01", "period_end": f"{year}-12-31"})
    if not missing:
        return rows
    gaps = pl.DataFrame(missing, schema={c: rows.schema[c] for c in missing[0]})
    return pl.concat([rows, gaps], how="diagonal_relaxed")


def narrowed(frame: pl.DataFrame, region: str | None = None, sex: str | None = None,
             age_group: str | None = None) -> pl.DataFrame:
    """The rows of one region, sex and age group (None: any); a filter on a column the
    frame does not have is ignored."""
    out = frame
    for column, wanted in (("region", region), ("sex", sex), ("age_group", age_group)):
        if wanted is not None and column in out.columns:
            out = out.filter(pl.col(column) == wanted)
    return out


def regions_named(frame: pl.DataFrame) -> list[str]:
    """The region ids a frame has figures for, sorted."""
    return sorted(frame["region"].drop_nulls().unique().to_list())


def network_figures(assistance: pl.DataFrame) -> pl.DataFrame:
    """Hotlines, consultations and NGO networks."""
    return assistance.filter(pl.col("measure").is_in(CONSULTATION_MEASURES + NETWORK_MEASURES))


def ngo_shares(assistance: pl.DataFrame) -> pl.DataFrame:
    """Shares of NGOs (share_ngos_*)."""
    return assistance.filter(pl.col("measure").str.starts_with("share_ngos_"))
