"""metrics.capacity on small inline tables: budgets per currency, training counts that
overlap never added, no total at all when the table cannot say what overlaps."""
from __future__ import annotations

import polars as pl

from metrics import capacity as cap

BASE = {"reporter": "unodc", "organiser": "UNODC", "source": "unodc-2022", "note": None}


def _rows(rows: list[dict], markers: bool = True) -> pl.DataFrame:
    frame = pl.DataFrame([{**BASE, **r} for r in rows], schema_overrides={"value": pl.Float64, "year": pl.Int64})
    frame = frame.with_columns(
        period_start=pl.coalesce(pl.col("period_start"), pl.col("year").cast(pl.String) + "-01-01"),
        period_end=pl.coalesce(pl.col("period_end"), pl.col("year").cast(pl.String) + "-12-31"),
    ).with_columns(period=pl.coalesce(pl.col("year").cast(pl.String),
                                      pl.col("period_start").str.slice(0, 4) + "–" + pl.col("period_end").str.slice(0, 4)))
    return frame if markers else frame.drop("same_as", "flags")


def _row(id_, measure, value, unit, year=None, start=None, end=None, audience=None, flags=None, same_as=None,
         reporter="unodc", lines="1"):
    return {"id": id_, "measure": measure, "value": value, "unit": unit, "year": year, "period_start": start,
            "period_end": end, "audience": audience, "flags": flags, "same_as": same_as, "reporter": reporter,
            "lines": lines}


CAPACITY = [
    _row("c-1", "budget", 1000000, "USD", start="2016-08-01", end="2019-09-30"),
    _row("c-2", "budget", 441378, "USD", start="2018-11-01", end="2021-05-31"),
    _row("c-3", "budget", 100000, "USD", start="2020-04-01", end="2021-10-31"),
    _row("c-4", "budget", 500, "EUR", start="2020-01-01", end="2020-12-31"),
    _row("c-5", "budget", None, "KGS", start="2022-01-01", end="2025-12-31", reporter="government"),
    _row("c-6", "budget", 7, "USD", year=2020, flags="breakdown"),
    _row("t-1", "people_trained", 420, "persons", start="2016-01-01", end="2021-12-31", audience="councils"),
    _row("t-2", "people_trained", 400, "persons", start="2019-01-01", end="2020-12-31", audience="councils",
         same_as="t-1"),
    _row("t-3", "people_trained", 124, "persons", year=2021, audience="prosecutors and police officers"),
    _row("t-4", "people_trained", 68, "persons", year=2021, audience="prosecutors", flags="breakdown"),
    _row("t-5", "people_trained", 56, "persons", year=2021, audience="police officers", flags="breakdown"),
    _row("t-6", "people_trained", 128, "persons", year=2018, audience="practitioners"),
    _row("t-7", "people_trained", 56, "persons", start="2020-01-01", end="2021-03-31", audience="prosecutors"),
    _row("o-1", "share_women_trained", 7, "percent", year=2021, audience="prosecutors and police officers"),
]


def test_budgets_keep_their_currency_and_a_missing_amount_stays_a_gap() -> None:
    budgets = cap.budgets(_rows(CAPACITY))
    assert budgets["id"].to_list() == ["c-1", "c-2", "c-4", "c-6", "c-3", "c-5"]
    assert budgets.filter(pl.col("id") == "c-5")["value"].to_list() == [None]
    assert set(budgets["unit"]) == {"USD", "EUR", "KGS"}


def test_budget_totals_are_per_currency_and_skip_parts() -> None:
    totals = cap.budget_totals(cap.budgets(_rows(CAPACITY)))
    # USD: the three phases, not the 7 that is a part; EUR alone is no total; KGS has no amount
    assert totals.to_dicts() == [{"reporter": "unodc", "unit": "USD", "total": 1541378.0, "added": 3, "missing": 0}]


def test_no_budget_total_without_overlap_markers() -> None:
    totals = cap.budget_totals(cap.budgets(_rows(CAPACITY, markers=False)))
    assert totals.is_empty()


def test_trained_drops_repeats_and_orders_by_period() -> None:
    trained = cap.trained(_rows(CAPACITY))
    assert "t-2" not in trained["id"].to_list()  # 400 is the 420 cohort printed again
    assert trained["id"].to_list() == ["t-1", "t-6", "t-7", "t-3", "t-4", "t-5"]
    assert trained.filter(pl.col("part"))["id"].to_list() == ["t-4", "t-5"]


def test_trained_by_year_adds_only_addable_single_year_counts() -> None:
    by_year = cap.trained_by_year(cap.trained(_rows(CAPACITY)))
    # 2021: 124, never 124 + 68 + 56; the 2016-2021 and 2020-21 counts are not spread over years
    assert by_year.select("year", "value", "counts").to_dicts() == [
        {"year": 2018, "value": 128.0, "counts": 1},
        {"year": 2021, "value": 124.0, "counts": 1},
    ]


def test_without_markers_every_count_is_shown_and_nothing_is_added() -> None:
    frame = _rows(CAPACITY, markers=False)
    trained = cap.trained(frame)
    assert sorted(trained["value"].to_list()) == [56, 56, 68, 124, 128, 400, 420]
    assert trained["addable"].is_null().all()
    assert cap.trained_by_year(trained).is_empty()


def test_other_activities_exclude_budgets_and_training_counts() -> None:
    other = cap.other_activities(_rows(CAPACITY))
    assert other["id"].to_list() == ["o-1"]
    assert cap.span(cap.trained(_rows(CAPACITY))) == (2016, 2021)
    assert cap.span(other.head(0).with_columns(period_start=pl.lit(""), period_end=pl.lit(""))) is None
