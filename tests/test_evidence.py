"""Issue 16: the evidence base says exactly what the sources say. One test per corrected
item, each asserting the rows and values that would have shown the mistake, plus the
structural rules (ids, scope, flags, same_as, headlines, summary) that keep it fixed."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from data import headlines
from data.load import conflicts, load_all
from data.provenance import numbers_in
from metrics import funnel as fn
from metrics.geography import council_status
from metrics.yoy import DIRECTION_GAP, compare_years

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ["justice", "assistance", "migration", "regional", "capacity"]
WITH_IDS = FIGURES + ["destination_mentions", "councils", "article_crosswalk", "gaps", "timeline"]
SCOPES = {"national", "organisation", "region", "district", "sample", "programme", "international"}
FLAGS = {"cumulative", "range_low", "range_high", "partial", "estimate", "break_in_series", "breakdown"}


@pytest.fixture(scope="module")
def tables() -> dict[str, pl.DataFrame]:
    return {name: item.frame for name, item in load_all().items()}


def row(tables: dict[str, pl.DataFrame], row_id: str) -> dict:
    name = row_id.rsplit("-", 1)[0]
    found = tables[name].filter(pl.col("id") == row_id)
    assert found.height == 1, row_id
    return found.row(0, named=True)


# --- structure ----------------------------------------------------------------------

@pytest.mark.parametrize("name", WITH_IDS)
def test_every_row_has_a_unique_stable_id(name: str, tables) -> None:
    frame = tables[name]
    ids = frame["id"].to_list()
    assert all(re.fullmatch(rf"{name}-\d{{4}}", i) for i in ids)
    assert len(set(ids)) == len(ids)
    # ids follow the file order (new rows take the next free number)
    assert ids == sorted(ids)


@pytest.mark.parametrize("name", FIGURES)
def test_every_figure_has_a_scope_and_known_flags(name: str, tables) -> None:
    frame = tables[name]
    assert set(frame["scope"].to_list()) <= SCOPES
    flags = {f for cell in frame["flags"].drop_nulls() for f in cell.split(";")}
    assert flags <= FLAGS


def test_same_as_points_to_an_existing_row_that_is_not_itself_a_repeat(tables) -> None:
    links = [(r["id"], r["same_as"]) for name in FIGURES
             for r in tables[name].filter(pl.col("same_as").is_not_null()).iter_rows(named=True)]
    assert len(links) >= 17
    for own, target in links:
        linked = row(tables, target)
        assert linked["same_as"] is None, (own, target)
        assert linked["value"] == row(tables, own)["value"], (own, target)


def test_no_two_totals_could_be_added_into_a_double_count(tables) -> None:
    assert headlines.duplicates(tables).height == 0


def test_the_duplicate_check_can_fail(tables) -> None:
    """Unlink the Rapporteur's 2023 '99' printed twice (L139, L206): the check finds it."""
    justice = tables["justice"].with_columns(
        same_as=pl.when(pl.col("id") == "justice-0150").then(None).otherwise(pl.col("same_as")))
    found = headlines.duplicates({**tables, "justice": justice})
    assert found.height == 1
    assert found.row(0, named=True) == {"dataset": "justice", "ids": "justice-0130, justice-0150", "value": 99.0}


def test_add_up_refuses_different_scopes(tables) -> None:
    victims = tables["assistance"].filter(pl.col("id").is_in(["assistance-0058", "assistance-0063"]))
    assert set(victims["scope"]) == {"organisation"}
    assert headlines.add_up(victims) == 86 + 123
    mixed = victims.with_columns(scope=pl.Series(["organisation", "national"]))
    with pytest.raises(ValueError, match="scope"):
        headlines.add_up(mixed)
    # bounds of a range are never added: 30-120 events a year
    events = tables["capacity"].filter(pl.col("measure") == "awareness_events_held")
    assert events.height == 2 and headlines.add_up(events) is None


def test_year_on_year_refuses_to_compare_different_scopes() -> None:
    frame = pl.DataFrame({
        "measure": ["victims_identified"] * 2, "year": [2022, 2023], "value": [50.0, 86.0],
        "source": ["x", "osce-2025"], "lines": ["1", "139"], "scope": ["national", "organisation"],
    })
    out = compare_years(frame, ["measure"], 2023, 2022).row(0, named=True)
    assert out["change"] is None and out["direction"] == DIRECTION_GAP
    same = compare_years(frame.with_columns(scope=pl.lit("national")), ["measure"], 2023, 2022).row(0, named=True)
    assert same["change"] == 36.0


# --- the corrected rows -----------------------------------------------------------------

def test_2023_victims_86_are_one_ngos_count(tables) -> None:
    r = row(tables, "assistance-0058")
    assert (r["value"], r["year"], r["reporter"], r["lines"]) == (86.0, 2023, "ngo", "139")
    assert r["scope"] == "organisation"


def test_no_row_says_zero_victims_identified_in_2023_24(tables) -> None:
    a = tables["assistance"]
    assert a.filter((pl.col("measure") == "victims_identified") & (pl.col("value") == 0)).is_empty()
    r = row(tables, "assistance-0066")  # L189: none formally identified through the NRM
    assert (r["measure"], r["value"], r["same_as"]) == ("victims_identified_nrm", 0.0, "assistance-0061")


def test_gpo_2022_one_is_a_part_not_a_headline(tables) -> None:
    gpo = tables["justice"].filter((pl.col("reporter") == "gpo") & (pl.col("year") == 2022))
    assert sorted(gpo["value"].to_list()) == [1.0, 2.0, 11.0]
    assert set(gpo["breakdown"]) == {"yes"}
    heads = fn.headline(tables["justice"])
    assert heads.filter((pl.col("reporter") == "gpo") & (pl.col("year") == 2022)).is_empty()
    # so the funnel sets no "1 (GPO)" beside the NSC's 1: no 2022 comparison at all
    assert fn.disagreements(tables["justice"]).filter(pl.col("year") == 2022).is_empty()


def test_rapporteur_figures_printed_twice_are_stored_once(tables) -> None:
    justice = tables["justice"]
    for twice, once, value in [("justice-0152", "justice-0137", 18.0), ("justice-0150", "justice-0130", 99.0),
                               ("justice-0148", "justice-0128", 2.0), ("justice-0149", "justice-0129", 5.0)]:
        assert row(tables, twice)["same_as"] == once and row(tables, once)["value"] == value
    nr = headlines.totals(justice).filter((pl.col("reporter") == "national_rapporteur")
                                          & (pl.col("offence") == "related_total") & (pl.col("year") == 2023))
    assert nr["value"].to_list() == [99.0]  # not 99 + 99 = 198


def test_osce_2019_21_figures_are_the_us_tip_series(tables) -> None:
    osce = tables["justice"].filter((pl.col("source") == "osce-2025") & (pl.col("lines") == "206")
                                    & (pl.col("reporter") == "government"))
    assert osce.height == 9 and osce["same_as"].null_count() == 0
    for r in osce.iter_rows(named=True):
        tip = row(tables, r["same_as"])
        assert (tip["reporter"], tip["year"], tip["value"]) == ("us_tip", r["year"], r["value"])
    assert fn.headline(tables["justice"]).filter(pl.col("reporter") == "government")["source"].to_list() \
        == ["unodc-2022"] * fn.headline(tables["justice"]).filter(pl.col("reporter") == "government").height


def test_hotline_totals_are_cumulative_as_of_1_july_2019(tables) -> None:
    hotline = tables["assistance"].filter(pl.col("lines").is_in(["217-218", "219"]))
    assert hotline.height == 6
    assert hotline["period_start"].null_count() == 6 and hotline["year"].null_count() == 6
    assert set(hotline["period_end"]) == {"2019-07-01"} and set(hotline["period"]) == {"as of 2019-07-01"}
    assert all("cumulative" in f for f in hotline["flags"])


def test_winrock_focus_groups_are_not_returns(tables) -> None:
    a = tables["assistance"]
    winrock = a.filter((pl.col("source") == "winrock-2005") & pl.col("lines").is_between(pl.lit("1566"), pl.lit("1573")))
    assert set(winrock["measure"]) == {"focus_group_participants"}
    assert set(winrock["scope"]) == {"sample"}
    assert a.filter(pl.col("measure") == "victims_returned").is_empty()


def test_chuy_2003_conflict_is_recorded_and_the_regional_cases_stored_once(tables) -> None:
    six, zero = row(tables, "justice-0183"), row(tables, "justice-0187")
    assert (six["region"], six["value"], zero["region"], zero["value"]) == ("KG-C", 6.0, "KG-C", 0.0)
    assert zero["lines"] == "1261-1263"
    pair = conflicts().filter((pl.col("row_a") == "justice-0183") & (pl.col("row_b") == "justice-0187"))
    assert pair["kind"].to_list() == ["internal_conflict"]
    regional = tables["regional"].filter(pl.col("measure") == "cases_by_region")
    assert regional["same_as"].to_list() == ["justice-0182", "justice-0183", "justice-0184"]


def test_capacity_overlaps_are_marked(tables) -> None:
    trained = headlines.totals(tables["capacity"]).filter(pl.col("measure") == "people_trained")
    assert {124.0, 33.0} <= set(trained["value"]) and not {68.0, 14.0} & set(trained["value"])
    parts = tables["capacity"].filter(pl.col("id").is_in(
        ["capacity-0039", "capacity-0040", "capacity-0045", "capacity-0046"]))
    assert sorted(parts["value"].to_list()) == [14.0, 19.0, 56.0, 68.0]
    assert all("breakdown" in f for f in parts["flags"])
    recorded = {(r["row_a"], r["row_b"]) for r in conflicts().iter_rows(named=True)}
    assert {("capacity-0006", "capacity-0016"), ("capacity-0007", "capacity-0030")} <= recorded


def test_60_to_100000_reached_is_a_range_of_two_rows(tables) -> None:
    reach = tables["capacity"].filter((pl.col("measure") == "awareness_people_reached")
                                      & (pl.col("lines") == "507-510"))
    assert dict(zip(reach["flags"], reach["value"])) == {"range_low": 60000.0, "range_high": 100000.0}
    assert 60000.0 in numbers_in("reaching from 60-100,000 people")


def test_no_map_council_dates_from_2002_or_2003(tables) -> None:
    councils = tables["councils"]
    earlier = councils.filter(pl.col("kind") == "earlier_body")
    assert {"KG-N", "KG-J", "KG-Y", "KG-T"} <= set(earlier["region"].drop_nulls())
    status = council_status(councils, ["KG-N", "KG-Y", "KG-J", "KG-GB"])
    dates = dict(zip(status["region"], status["first_date"]))
    assert dates["KG-N"] == "2018-05-01" and dates["KG-Y"] == "2018-05-01" and dates["KG-GB"] is None
    # the act is the one of the dated row: a 2018 council is not "set up by" a 2002 decree
    assert status.filter(pl.col("region") == "KG-Y")["established_by"].to_list() == [None]


def test_judicial_practice_note_says_265(tables) -> None:
    jp = tables["justice"].filter(pl.col("note").fill_null("").str.contains("judicial-practice table"))
    assert jp.height == 28 and jp["value"].sum() == 265
    assert all("add to 265" in n for n in jp["note"])


def test_ngos_recognised_are_18_besides_el_agartuu(tables) -> None:
    r = row(tables, "assistance-0065")
    assert (r["measure"], r["value"]) == ("ngos_recognised_nrm_besides_el_agartuu", 18.0)
    assert "19" in r["note"]


def test_osh_city_and_oblast_ngos_are_not_one_region(tables) -> None:
    r = row(tables, "regional-0005")
    assert r["value"] == 6 and r["region"] is None and r["district"] == "Osh city, Osh region"


def test_palermo_2003_is_ratification(tables) -> None:
    rows = tables["timeline"].filter((pl.col("event").str.contains("Protocol to Prevent")
                                      | pl.col("event").str.contains("Palermo")) & (pl.col("date") < "2004"))
    assert rows.height == 2 and set(rows["date"]) == {"2003-01-01"}
    assert not any("adopted" in e for e in rows["event"])


def test_annex_2_monthly_allowance_is_not_a_one_off_amount(tables) -> None:
    r = row(tables, "assistance-0056")
    assert (r["measure"], r["value"], r["unit"]) == ("monthly_allowance", 2400.0, "KGS")
    one_off = tables["assistance"].filter(pl.col("measure") == "support_given")
    assert 2400.0 not in one_off["value"].to_list()


def test_explicit_zeros_are_rows(tables) -> None:
    nss = tables["justice"].filter((pl.col("reporter") == "gkns") & (pl.col("year") == 2003)
                                   & (pl.col("article") == "124 (CC 1997)"))
    assert nss["value"].to_list() == [0.0] and nss["lines"].to_list() == ["1354"]
    complaints = tables["regional"].filter(pl.col("measure") == "complaints")
    assert dict(zip(complaints["region"], complaints["value"])) == {"KG-O": 0.0, "KG-Y": 0.0, "KG-T": 0.0}
    assert 0.0 in numbers_in("the office has not received any complaints")


# --- the machine-readable summary -----------------------------------------------------

def test_summary_json_holds_to_the_sources() -> None:
    out = subprocess.run([sys.executable, "-m", "data.summary", "--json"], cwd=ROOT, capture_output=True,
                         text=True, check=True, timeout=120)
    summary = json.loads(out.stdout)
    assert summary["unlinked_duplicate_headlines"] == 0
    assert summary["rows"]["justice"] == 187 and summary["rows"]["regional"] == 21
    heads = summary["funnel_headlines"]
    nr_2024 = [h for h in heads if h["reporter"] == "national_rapporteur" and h["year"] == 2024]
    assert [(h["stage"], h["value"]) for h in nr_2024] == [("registered", 18.0)]
    assert not [h for h in heads if h["reporter"] == "gpo" and h["year"] == 2022]
    assert {(h["stage"], h["value"]) for h in heads if h["reporter"] == "nsc" and h["year"] == 2022} \
        == {("registered", 1.0)}
    # formal recommendations as the reports number them: the OSCE's Section VII has 19, not 76
    recs = summary["recommendations"]
    assert recs["formal_only"] is True
    assert recs["by_report"]["osce-2025"] == {"total": 19, "status": {"no_status": 19}}


def test_cross_source_disagreements_survive_the_new_columns(tables) -> None:
    """`id` is unique per row: it must not become a grouping key, or every disagreement
    vanishes; repeats (same_as) are no second reporter."""
    from metrics.disagreements import all_disagreements
    found = all_disagreements(tables)
    assert found.height == 14
    assert "government" not in ",".join(found.filter(pl.col("dataset") == "justice")["reporters"])


def test_a_region_lists_a_figure_stored_twice_once(tables) -> None:
    from metrics.geography import region_figures
    chuy = region_figures({k: tables[k] for k in ("justice", "assistance", "regional")}, "KG-C")
    assert sorted(chuy.filter(pl.col("lines").is_in(["1494-1495", "1261-1263"]))["value"].to_list()) == [0.0, 6.0]


def test_unodc_relaying_the_us_tip_2020_peak_is_linked(tables) -> None:
    """UNODC's '40 cases that year' (lines 234-238) is the US TIP 2020 figure relayed, like the OSCE's."""
    assert row(tables, "justice-0043")["same_as"] == "justice-0097"
    heads = fn.headline(tables["justice"]).filter(pl.col("year") == 2020)
    assert (heads["value"] == 40).sum() == 1


def test_flags_read_as_words_under_a_chart() -> None:
    from ui.labels import flags as flag_text
    assert flag_text("estimate;range_low") == "The source's own estimate; Lower bound of a range"
    assert flag_text(None) is None and flag_text("") is None
