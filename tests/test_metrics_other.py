"""Unit tests for the smaller metrics modules, on small inline tables: ids and numbers."""
from __future__ import annotations

import polars as pl

from metrics import assistance as am
from metrics.coverage import coverage, matrix
from metrics.disagreements import all_disagreements, disagreements
from metrics.geography import (ESTABLISHED, NO_EVIDENCE, council_status, country_measures, mappable_measures,
                               mentions_by_country, region_figures)
from metrics.masking import mask_small
from metrics.overview import headline_cards, regional_councils, value_range
from metrics.recommendations import (formal, formal_by_report, recurring, restated_numbers, status_counts,
                                     with_report_year)


def fig(rows: list[dict]) -> pl.DataFrame:
    base = {"measure": "m", "value": None, "unit": "persons", "year": None, "period_start": None, "period_end": None,
            "period": None, "reporter": "r", "source": "s", "lines": "1", "note": None}
    out = []
    for r in rows:
        row = {**base, **r}
        if row["year"] is not None:
            row["period_start"] = row["period_start"] or f"{row['year']}-01-01"
            row["period_end"] = row["period_end"] or f"{row['year']}-12-31"
            row["period"] = row["period"] or str(row["year"])
        out.append(row)
    return pl.DataFrame(out, infer_schema_length=None)


def test_mask_small_only_masks_derived_cells() -> None:
    frame = pl.DataFrame({"value": [3.0, 3.0, 12.0, None, 0.0], "published": [True, False, False, False, False]})
    assert mask_small(frame)["mask"].to_list() == [
        "as_printed", "fewer_than_5", "as_printed", "not_reported", "as_printed"]


def test_scope_says_whose_count() -> None:
    frame = fig([{"reporter": "ngo_oasis", "organisation": "Oasis"}, {"reporter": "ngo", "organisation": None},
                 {"reporter": "mlsd", "organisation": None}, {"reporter": "iom", "organisation": None}])
    kinds = {"mlsd": "state", "iom": "international"}
    assert am.scope(frame, kinds)["scope"].to_list() == [
        "one_organisation", "several_ngos", "state_body", "estimate"]


def test_series_changes_refuses_periods_of_different_length() -> None:
    frame = fig([
        {"measure": "children_returned", "value": 16.0, "year": 2018},
        {"measure": "children_returned", "value": 6.0, "period_start": "2019-01-01", "period_end": "2019-06-30",
         "period": "2019-01 – 2019-06"},
        {"measure": "victims_assisted", "value": 5.0, "year": 2020},
        {"measure": "victims_assisted", "value": 9.0, "year": 2021},
        {"measure": "alone", "value": 1.0, "year": 2021},
    ])
    out = am.series_changes(frame, ["measure"])
    assert set(out["measure"]) == {"children_returned", "victims_assisted"}
    half = out.filter(pl.col("period") == "2019-01 – 2019-06").row(0, named=True)
    assert half["comparable"] is False and half["change"] is None
    year = out.filter((pl.col("measure") == "victims_assisted") & (pl.col("period") == "2021")).row(0, named=True)
    assert year["comparable"] is True and year["change"] == 4.0


def test_series_changes_keep_a_missing_year_as_a_gap_with_directions() -> None:
    frame = fig([
        {"measure": "victims_assisted", "value": 5.0, "year": 2018},
        {"measure": "victims_assisted", "value": 9.0, "year": 2019},
        {"measure": "victims_assisted", "value": 7.0, "year": 2021},
        {"measure": "victims_assisted", "value": 7.0, "year": 2022},
    ])
    out = am.series_changes(frame, ["measure"]).sort("year")
    assert out["period"].to_list() == ["2018", "2019", "2020", "2021", "2022"]
    assert out["value"].to_list() == [5.0, 9.0, None, 7.0, 7.0]  # 2020 is a gap, not a zero
    assert out["change"].to_list() == [None, 4.0, None, None, 0.0]  # no change across the gap
    assert out["direction"].to_list() == [None, "up", "not_comparable", "not_comparable", "no_change"]


def test_disagreements_need_two_reporters_and_two_values() -> None:
    frame = fig([
        {"value": 7.0, "year": 2020, "reporter": "nsc"}, {"value": 40.0, "year": 2020, "reporter": "us_tip"},
        {"value": 5.0, "year": 2021, "reporter": "nsc"}, {"value": 5.0, "year": 2021, "reporter": "us_tip"},
        {"value": 3.0, "year": 2022, "reporter": "nsc"},
    ])
    out = disagreements(frame, "justice")
    assert out.select("period", "reporters", "values").to_dicts() == [
        {"period": "2020", "reporters": "nsc, us_tip", "values": "7, 40"}]
    assert all_disagreements({"justice": frame, "empty": frame.head(0)}).height == 1


def test_coverage_spreads_periods_over_their_years() -> None:
    frame = fig([{"year": 2019, "source": "a"},
                 {"period_start": "2018-01-01", "period_end": "2020-12-31", "period": "2018–2020", "source": "b"}])
    cov = coverage({"d": frame})
    assert cov.filter(pl.col("source") == "b")["year"].to_list() == [2018, 2019, 2020]
    grid = matrix(cov, 2017, 2020)
    assert grid.columns == ["dataset", "2017", "2018", "2019", "2020"]
    assert grid.row(0, named=True) == {"dataset": "d", "2017": "", "2018": "b", "2019": "a, b", "2020": "b"}


def test_council_status_marks_regions_without_evidence() -> None:
    councils = pl.DataFrame({"body": ["C1", "C2", "N"], "region": ["KG-C", "KG-C", None],
                             "established_date": [None, "2018-05-01", "2016-01-01"], "date_precision": ["unknown", "month", "day"],
                             "established_by": [None, "Decree 5", None], "source": ["a", "b", "a"], "lines": ["1", "2", "3"]})
    out = council_status(councils, ["KG-C", "KG-GB"])
    chuy, bishkek = out.row(0, named=True), out.row(1, named=True)
    assert (chuy["status"], chuy["bodies"], chuy["first_date"], chuy["established_by"]) == (
        "council_on_record", 2, "2018-05-01", "Decree 5")
    assert (bishkek["status"], bishkek["bodies"]) == ("no_evidence", 0)
    assert (ESTABLISHED, NO_EVIDENCE) == ("council_on_record", "no_evidence")


def test_mappable_measures_exclude_several_figures_per_region() -> None:
    regional = fig([
        {"measure": "ngos", "value": 7.0, "year": 2003, "region": "KG-N"},
        {"measure": "ngos", "value": 5.0, "year": 2003, "region": "KG-J"},
        {"measure": "cases", "value": 1.0, "year": 2003, "region": "KG-Y"},
        {"measure": "cases", "value": 2.0, "year": 2003, "region": "KG-Y"},
    ])
    assert mappable_measures(regional)["measure"].to_list() == ["ngos"]
    assert region_figures({"regional": regional}, "KG-Y").height == 2


def test_mentions_and_country_measures() -> None:
    mentions = pl.DataFrame({"country": ["RUS", "RUS", "TUR"], "role": ["destination"] * 3,
                             "exploitation": ["labour", "sexual", None], "source": ["a", "b", "a"],
                             "period_start": ["2016-01-01", "2003-01-01", "2019-01-01"],
                             "period_end": ["2021-12-31", "2003-12-31", "2019-12-31"]})
    out = mentions_by_country(mentions)
    rus = out.filter(pl.col("country") == "RUS").row(0, named=True)
    assert (rus["mentions"], rus["sources"], rus["main_form"], rus["first_year"], rus["last_year"]) == (
        2, 2, "mixed", "2003", "2021")
    migration = fig([{"measure": "share", "value": 79.0, "year": 2023, "country": "RUS"},
                     {"measure": "share", "value": 4.5, "year": 2023, "country": "KAZ"},
                     {"measure": "total", "value": 9.0, "year": 2023, "country": None}])
    assert country_measures(migration).select("measure", "countries").to_dicts() == [{"measure": "share", "countries": 2}]


def test_headline_cards_take_latest_year_and_say_how_old() -> None:
    justice = fig([
        {"measure": "registered_crimes", "value": 8.0, "year": 2019, "reporter": "us_tip", "unit": "cases"},
        {"measure": "registered_crimes", "value": 40.0, "year": 2020, "reporter": "us_tip", "unit": "cases"},
        {"measure": "registered_crimes", "value": 7.0, "year": 2020, "reporter": "moi_gpo", "unit": "cases"},
    ]).with_columns(offence=pl.lit("trafficking"), breakdown=pl.lit("no"))
    assistance = fig([{"measure": "victims_identified", "value": 86.0, "year": 2023, "reporter": "ngo"}])
    cards = headline_cards(justice, assistance, this_year=2026)
    reg = cards.row(0, named=True)
    assert (reg["value"], reg["year"], reg["reporter"], reg["previous_value"], reg["change"], reg["age"]) == (
        40.0, 2020, "us_tip", 8.0, 32.0, 6)
    assert (reg["other_reporters"], reg["other_values"]) == (["moi_gpo"], [7.0])
    assert cards["card"].to_list() == ["registered", "victims"]
    assert (reg["spark_years"], reg["spark_values"]) == ([2019, 2020], [8.0, 40.0])


def test_value_range_uses_years_with_several_reporters() -> None:
    from metrics import funnel

    justice = fig([
        {"measure": "registered_crimes", "value": 8.0, "year": 2016, "reporter": "us_tip"},
        {"measure": "registered_crimes", "value": 7.0, "year": 2016, "reporter": "nsc"},
        {"measure": "registered_crimes", "value": 40.0, "year": 2020, "reporter": "us_tip"},
        {"measure": "registered_crimes", "value": 8.0, "year": 2020, "reporter": "nsc"},
        {"measure": "registered_crimes", "value": 1.0, "year": 2003, "reporter": "moi"},
    ]).with_columns(offence=pl.lit("trafficking"), breakdown=pl.lit("no"))
    assert value_range(funnel.series(justice), "registered") == {"low": 7, "high": 40, "first": 2016, "last": 2020}
    assert value_range(funnel.series(justice), "convicted") is None


def test_regional_councils_one_per_region() -> None:
    councils = pl.DataFrame({"level": ["regional", "regional", "national"], "region": ["KG-C", "KG-C", None]})
    assert regional_councils(councils).height == 1


def test_recommendations_status_and_recurring_topics() -> None:
    recs = pl.DataFrame({
        "source": ["auca-2019", "auca-2019", "osce-2025", "winrock-2005"],
        "status": ["implemented", "not_implemented", "no_status", "no_status"],
        "theme": ["shelters", "shelters", "shelters", "prevention"],
        "topic": ["state_shelters", "state_shelters", "state_shelters", None],
        "page": ["victims", "victims", "victims", None],
    })
    sources = pl.DataFrame({"source": ["auca-2019", "osce-2025", "winrock-2005"],
                            "year_published": ["2019", "2025", "2005"]})
    recs = with_report_year(recs, sources)
    counts = status_counts(recs, "source").filter(pl.col("source") == "auca-2019")
    assert counts.select("status", "value").to_dicts() == [
        {"status": "implemented", "value": 1.0}, {"status": "not_implemented", "value": 1.0}]
    again = recurring(recs).row(0, named=True)
    assert (again["topic"], again["recommendations"], again["reports"], again["years_raised"]) == (
        "state_shelters", 3, 2, 6)


def test_formal_recommendations_count_once_per_report() -> None:
    recs = pl.DataFrame({
        "id": ["r-1", "r-2", "r-3", "r-4"],
        "source": ["osce-2025", "osce-2025", "osce-2025", "auca-2019"],
        "report_number": ["1.1", "S1", "n1", "2015-1"],
        "kind": ["formal", "restatement", "interviewee_view", "formal"],
        "same_as": [None, "r-1", None, None],
        "status": ["no_status", "no_status", "no_status", "implemented"],
    })
    assert formal(recs)["id"].to_list() == ["r-1", "r-4"]
    assert restated_numbers(recs)["restates"].to_list() == [None, "1.1", None, None]
    by_report = formal_by_report(recs).select("source", "formal", "assessed", "implemented").rows()
    assert by_report == [("auca-2019", 1, 1, 1), ("osce-2025", 1, 0, 0)]


def test_page_facts_are_computed_from_the_data() -> None:
    from data.load import table
    from metrics.overview import page_facts

    tables = {n: table(n) for n in ["justice", "assistance", "councils", "destination_mentions", "recommendations"]}
    facts = page_facts(tables, 9)
    assert facts["regions"] == {"count": 8, "regions": 9}
    # formal recommendations only: 52 + 19 + 10 + 33 + 7, of which the monitoring report assessed 39
    assert facts["recommendations"] == {"recommendations": 121, "reports": 5, "implemented": 21, "assessed": 39}
    assert {"KAZ", "RUS"} <= set(facts["migration"]["top"]) and len(facts["migration"]["top"]) == 3
    # the GPO 2022 "1" is a part of 11 + 1 + 2, not a headline (issue 16): the range starts at 2
    assert (facts["justice"]["low"], facts["justice"]["high"]) == (2, 40)


def test_mentions_by_country_order_is_stable() -> None:
    """Ties keep one order on every call, so the figure cache hits and bars never swap."""
    from data.load import table
    from metrics.geography import mentions_by_country

    mentions = table("destination_mentions")
    first = mentions_by_country(mentions)
    for _ in range(10):
        assert mentions_by_country(mentions.sample(fraction=1.0, shuffle=True, seed=_)).equals(first)
