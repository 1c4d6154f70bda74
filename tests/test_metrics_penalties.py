"""metrics.penalties on a small inline table: ordering, 'up to' kept without a minimum,
the longest sentence per code version with every reporter that prints it."""
from __future__ import annotations

import polars as pl

from metrics import penalties as pen


def _table() -> pl.DataFrame:
    rows = [
        ("p1", "166", "cc2021", "trafficking", "basic", 3, 6, "osce", "osce-2025"),
        ("p2", "166", "cc2021", "trafficking", "especially_aggravated", 8, 11, "osce", "osce-2025"),
        ("p3", "166", "cc2021", "trafficking", "whole_article", 3, 11, "gpo", "osce-2025"),
        ("p4", "171", "cc2017", "trafficking", "whole_article", None, 10, "auca", "auca-2019"),
        ("p5", "124", "cc1997", "trafficking", "whole_article", None, 20, "auca", "auca-2019"),
        ("p6", "166", "cc2021", "trafficking", "against_minor", None, 5, "osce", "osce-2025"),
        ("p7", "167", "cc2021", "child_trafficking", "basic", 5, 8, "osce", "osce-2025"),
        ("p8", None, "cc2021", "trafficking", "whole_article", 3, 11, "unodc", "unodc-2022"),
    ]
    return pl.DataFrame(rows, schema={"id": pl.String, "article": pl.String, "code": pl.String,
                                      "offence": pl.String, "aggravation": pl.String, "min_years": pl.Float64,
                                      "max_years": pl.Float64, "reporter": pl.String, "source": pl.String},
                        orient="row")


def test_ranges_are_ordered_by_offence_code_and_circumstances() -> None:
    ranges = pen.ranges(_table())
    assert ranges["id"].to_list() == ["p5", "p4", "p3", "p1", "p2", "p6", "p8", "p7"]
    assert pen.ranges(_table(), "child_trafficking")["id"].to_list() == ["p7"]


def test_up_to_has_no_minimum_never_zero() -> None:
    ranges = pen.ranges(_table())
    up_to = ranges.filter(pl.col("id") == "p6").row(0, named=True)
    assert up_to["min_years"] is None and up_to["max_years"] == 5 and up_to["stated_min"] is False


def test_longest_sentence_per_code_names_every_reporter() -> None:
    longest = pen.longest_by_code(_table(), "trafficking")
    assert longest.select("code", "max_years").to_dicts() == [
        {"code": "cc1997", "max_years": 20.0}, {"code": "cc2017", "max_years": 10.0},
        {"code": "cc2021", "max_years": 11.0}]
    cc2021 = longest.filter(pl.col("code") == "cc2021").row(0, named=True)
    assert sorted(cc2021["reporters"]) == ["gpo", "osce", "unodc"]
    assert sorted(cc2021["sources"]) == ["osce-2025", "unodc-2022"]
    assert pen.longest_by_code(_table(), "forced_labour").is_empty()


def test_offences_in_reading_order() -> None:
    assert pen.offences(_table()) == ["trafficking", "child_trafficking"]
