"""metrics.funnel and metrics.yoy on small inline tables: ids and numbers, never words."""
from __future__ import annotations

import polars as pl
import pytest

from metrics import funnel, yoy

COLS = ["measure", "offence", "breakdown", "value", "unit", "year", "period_start", "period_end",
        "period", "reporter", "article", "exploitation", "source", "lines", "note"]


def table(rows: list[tuple]) -> pl.DataFrame:
    """rows: (measure, value, unit, year, reporter[, offence, breakdown, article])"""
    out = []
    for i, r in enumerate(rows):
        measure, value, unit, year, reporter, *rest = r
        offence = rest[0] if len(rest) > 0 else "trafficking"
        breakdown = rest[1] if len(rest) > 1 else "no"
        article = rest[2] if len(rest) > 2 else None
        out.append({
            "measure": measure, "offence": offence, "breakdown": breakdown, "value": value, "unit": unit,
            "year": year, "period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "period": str(year),
            "reporter": reporter, "article": article, "exploitation": None, "source": "src", "lines": str(10 + i),
            "note": None,
        })
    return pl.DataFrame(out, schema={c: (pl.Float64 if c == "value" else pl.Int64 if c == "year" else pl.String) for c in COLS})


JUSTICE = table([
    ("registered_crimes", 7.0, "cases", 2020, "nsc"),
    ("registered_crimes", 8.0, "cases", 2020, "moi_gpo"),
    ("registered_crimes", 40.0, "cases", 2020, "us_tip"),
    ("registered_crimes", 24.0, "cases", 2020, "us_tip", "trafficking", "yes"),  # a breakdown
    ("cases_prosecuted", 3.0, "cases", 2020, "us_tip"),
    ("persons_convicted", 3.0, "persons", 2020, "us_tip"),
    ("registered_crimes", 8.0, "cases", 2019, "us_tip"),
    ("cases_prosecuted", 11.0, "cases", 2019, "us_tip"),
    ("persons_convicted", None, "persons", 2019, "us_tip"),  # printed as "-"
    ("registered_crimes", 11.0, "cases", 2019, "nsc"),
    ("cases_prosecuted", 9.0, "cases", 2020, "moi_gpo"),
    ("registered_crimes", 5.0, "cases", 2020, "pimps", "pimping"),  # a related crime
])


def test_funnel_has_every_stage_for_every_reporter_with_gaps_not_zeros() -> None:
    f = funnel.for_year(JUSTICE, 2020)
    assert f.height == 3 * 4  # three reporters × four stages
    nsc = f.filter(pl.col("reporter") == "nsc")
    assert nsc.filter(pl.col("stage") == "registered")["value"].to_list() == [7.0]
    gaps = nsc.filter(pl.col("stage") != "registered")
    assert gaps["value"].null_count() == 3
    assert set(gaps["status"]) == {"not_reported"}
    assert funnel.NOT_REPORTED == "not_reported" and funnel.REPORTED == "reported"


def test_funnel_ignores_breakdowns_and_related_crimes() -> None:
    f = funnel.for_year(JUSTICE, 2020)
    us = f.filter((pl.col("reporter") == "us_tip") & (pl.col("stage") == "registered"))
    assert us["value"].to_list() == [40.0]
    assert "pimps" not in f["reporter"].to_list()


def test_funnel_keeps_units_cases_vs_persons() -> None:
    f = funnel.for_year(JUSTICE, 2020).filter(pl.col("reporter") == "us_tip")
    assert dict(zip(f["stage"], f["unit"])) == {
        "registered": "cases", "investigated": None, "prosecuted": "cases", "convicted": "persons"}


def test_funnel_for_a_year_without_data_is_empty() -> None:
    assert funnel.for_year(JUSTICE, 2005).height == 0


def test_fullest_year_is_the_latest_with_most_stages_reported() -> None:
    # 2020: registered, prosecuted, convicted (3 stages); 2019: registered, prosecuted (convicted is "-")
    assert funnel.fullest_year(JUSTICE) == 2020
    later = pl.concat([JUSTICE, table([("registered_crimes", 9.0, "cases", 2021, "nsc"),
                                       ("cases_prosecuted", 4.0, "cases", 2021, "nsc")])])
    assert funnel.fullest_year(later) == 2020  # 2021 is newer but has only two stages
    fuller = pl.concat([later, table([("persons_convicted", 2.0, "persons", 2021, "moi_gpo")])])
    assert funnel.fullest_year(fuller) == 2021  # a tie on stages goes to the latest year
    assert funnel.fullest_year(JUSTICE.head(0)) is None


def test_funnel_filters_reporters() -> None:
    f = funnel.for_year(JUSTICE, 2020, reporters=["nsc"])
    assert set(f["reporter"]) == {"nsc"}


def test_yoy_change_and_direction_with_gaps() -> None:
    y = funnel.yoy(JUSTICE, 2020, 2019)
    us_reg = y.filter((pl.col("reporter") == "us_tip") & (pl.col("stage") == "registered")).row(0, named=True)
    assert (us_reg["value_then"], us_reg["value_now"], us_reg["change"]) == (8.0, 40.0, 32.0)
    assert us_reg["change_pct"] == pytest.approx(400.0)
    assert us_reg["direction"] == yoy.DIRECTION_UP == "up"
    us_conv = y.filter((pl.col("reporter") == "us_tip") & (pl.col("stage") == "convicted")).row(0, named=True)
    assert us_conv["value_then"] is None and us_conv["change"] is None
    assert us_conv["direction"] == yoy.DIRECTION_GAP == "not_comparable"
    nsc = y.filter((pl.col("reporter") == "nsc") & (pl.col("stage") == "registered")).row(0, named=True)
    assert nsc["direction"] == yoy.DIRECTION_DOWN and nsc["change"] == -4.0


def test_yoy_with_a_comparison_year_without_data() -> None:
    y = funnel.yoy(JUSTICE, 2020, 2010)
    assert y.height > 0
    assert set(y["direction"]) == {yoy.DIRECTION_GAP}
    assert y["value_then"].null_count() == y.height


def test_disagreements_name_every_reporter() -> None:
    d = funnel.disagreements(JUSTICE)
    assert "sentence" not in d.columns  # words are ui.labels' job
    row = d.filter((pl.col("year") == 2020) & (pl.col("stage") == "registered")).row(0, named=True)
    assert (row["reporter_ids"], row["figures"]) == (["nsc", "moi_gpo", "us_tip"], [7.0, 8.0, 40.0])
    assert (row["reporters"], row["values"], row["units"]) == ("nsc, moi_gpo, us_tip", "7, 8, 40", "cases")
    assert (row["low"], row["high"], row["spread"]) == (7.0, 40.0, 33.0)
    # 2019 registered: nsc 11 vs us_tip 8 is a disagreement too; prosecuted 2020: us_tip 3 vs moi_gpo 9
    assert set(zip(d["year"], d["stage"])) == {(2020, "registered"), (2019, "registered"), (2020, "prosecuted")}


def test_default_years_are_latest_and_previous() -> None:
    assert yoy.default_years([2016, 2018, 2021]) == (2021, 2018)
    assert yoy.default_years([2019]) == (2019, None)
    assert yoy.default_years([]) == (None, None)


def test_latest_keeps_previous_value() -> None:
    l = yoy.latest(funnel.series(JUSTICE), ["reporter", "stage"])
    us = l.filter((pl.col("reporter") == "us_tip") & (pl.col("stage") == "registered")).row(0, named=True)
    assert (us["year"], us["value"], us["previous_year"], us["previous_value"]) == (2020, 40.0, 2019, 8.0)


def test_chain_marks_missing_steps_and_mixed_reporters() -> None:
    justice = table([
        ("cases_reviewed", 300.0, "cases", 2020, "gpo"),
        ("cases_reopened", 26.0, "cases", 2020, "gpo"),
    ])
    c = funnel.chain({"justice": justice, "assistance": justice}, "gpo_review_2020")
    assert c["value"].to_list() == [300.0, 26.0, None]
    assert c["step_id"].to_list() == ["closed_cases_reviewed", "cases_reopened", "registered_again"]
    assert c["status"].to_list() == ["reported", "reported", "not_reported"]
    assert c["mixed_reporters"].to_list() == [False] * 3


def test_by_article_shares_add_up_per_year() -> None:
    rows = [("cases_prosecuted", 5.0, "cases", 2014, "unodc", "trafficking", "yes", "124 (CC 1997)"),
            ("cases_prosecuted", 15.0, "cases", 2014, "unodc", "pimping", "yes", "260 (CC 1997)")]
    t = table(rows).with_columns(source=pl.lit("unodc-2022"))
    a = funnel.by_article(t)
    assert a["share"].to_list() == [25.0, 75.0]
