"""Formal recommendations are counted as the reports number them, once each.

The OSCE report's 19 Section VII recommendations were once counted as 76, because its
summary and body text restate them. These tests hold the `kind`, `same_as` and `status`
columns of recommendations.csv, and the recorded disagreements, to the source text.
"""
from __future__ import annotations

import csv
import re

import polars as pl
import pytest

from data.load import reference, table
from data.provenance import SOURCES_DIR, cited_text, source_lines
from metrics.recommendations import KINDS, formal, formal_by_report
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    not SOURCES_DIR.exists(), reason=f"source documents not found at {SOURCES_DIR}"
)

FILES = dict(zip(reference("sources")["source"], reference("sources")["file"]))

# Where each report sets out its own list of recommendations (first, last line) and how its
# items are marked there; the monitoring report also assesses 39 earlier items (L705-1702).
FORMAL_LISTS = {
    "osce-2025": (275, 320, r"^- "),  # Section VII: 19 bullets under four headings
    "auca-2019": (1726, 1760, r"^- "),  # final recommendations: 13 bullets under two numbers
    "unodc-2022": (734, 781, "\u2714"),  # ten check-marked interventions
    "unregistered-study": (365, 544, "\u2022"),  # the recommendations chapter's 33 bullets
    "winrock-2005": (1784, 1824, r"^ *- "),  # seven bullets to be built into the PTL project
}
FORMAL_COUNTS = {"osce-2025": 19, "auca-2019": 39 + 13, "unodc-2022": 10, "unregistered-study": 33,
                 "winrock-2005": 7}


@pytest.fixture(scope="module")
def recs() -> pl.DataFrame:
    return table("recommendations")


def _span(lines: str) -> tuple[int, int]:
    first, _, last = lines.partition("-")
    return int(first), int(last or first)


def test_formal_counts_per_report(recs: pl.DataFrame) -> None:
    counts = dict(formal(recs).group_by("source").len().rows())
    assert counts == FORMAL_COUNTS
    by_report = {r["source"]: r for r in formal_by_report(recs).iter_rows(named=True)}
    assert by_report["osce-2025"]["formal"] == 19
    assert by_report["auca-2019"]["assessed"] == 39
    assert by_report["unodc-2022"]["formal"] == 10 and by_report["unodc-2022"]["assessed"] == 0


def test_the_monitoring_report_assessed_39_items_in_three_tables(recs: pl.DataFrame) -> None:
    auca = formal(recs).filter(pl.col("source") == "auca-2019")
    assessed = auca.filter(pl.col("report_number").str.contains(r"^20(15|16|17)-"))
    assert dict(assessed.group_by(pl.col("report_number").str.slice(0, 4)).len().rows()) == {
        "2015": 10, "2016": 7, "2017": 22}
    assert assessed["status"].ne("no_status").all()
    assert auca.height - assessed.height == 13


@pytest.mark.parametrize("source", list(FORMAL_LISTS))
def test_formal_list_in_the_source_has_as_many_items_as_rows(recs: pl.DataFrame, source: str) -> None:
    first, last, marker = FORMAL_LISTS[source]
    text = source_lines(FILES[source])[first - 1:last]
    printed = sum(1 for line in text if re.search(marker, line))
    rows = formal(recs).filter(pl.col("source") == source)
    if source == "auca-2019":
        rows = rows.filter(~pl.col("report_number").str.contains(r"^20(15|16|17)-"))
    assert printed == rows.height
    for lines in rows["lines"]:
        start, end = _span(lines)
        assert first <= start <= end <= last, (source, lines)
        item = source_lines(FILES[source])[start - 1:end]
        assert sum(1 for line in item if re.search(marker, line)) == 1, (source, lines)  # one item, exactly


def test_a_status_is_only_the_sources_own_assessment(recs: pl.DataFrame) -> None:
    words = {"implemented": "implemented", "partially_implemented": "partially implemented",
             "not_implemented": "not implemented", "pending": "pending"}
    assessed = recs.filter(pl.col("status") != "no_status")
    assert set(assessed["kind"]) == {"formal"}
    assert set(assessed["source"]) == {"auca-2019"}  # the only report that assesses earlier recommendations
    for row in assessed.iter_rows(named=True):
        text = " ".join(cited_text(FILES[row["source"]], row["lines"]).lower().split())
        assert words[row["status"]] in text, row["id"]
        assert row["status_date"] in ("2017-12", "2019-10"), row["id"]
    unodc_n1 = recs.filter((pl.col("source") == "unodc-2022") & (pl.col("report_number") == "n1")).row(0, named=True)
    assert (unodc_n1["status"], unodc_n1["status_date"]) == ("no_status", None)


def test_items_dated_2017_that_cite_later_acts_say_so(recs: pl.DataFrame) -> None:
    early = recs.filter(pl.col("report_number").str.contains(r"^201[56]-") & (pl.col("source") == "auca-2019"))
    later = [r["report_number"] for r in early.iter_rows(named=True)
             if re.search(r"\b(2018|2019)\b", cited_text(FILES["auca-2019"], r["lines"]))]
    assert {"2015-1", "2015-2", "2015-7", "2016-1", "2016-4", "2016-7"} <= set(later)
    for row in early.filter(pl.col("report_number").is_in(later)).iter_rows(named=True):
        assert "dated 31 Dec 2017, yet" in row["note"], row["report_number"]


def test_kinds_ids_and_restatement_links(recs: pl.DataFrame) -> None:
    assert set(recs["kind"]) <= set(KINDS)
    assert recs["id"].to_list() == [f"recommendations-{i:04d}" for i in range(1, recs.height + 1)]
    by_id = {r["id"]: r for r in recs.iter_rows(named=True)}
    for row in recs.iter_rows(named=True):
        if row["kind"] == "restatement":
            target = by_id[row["same_as"]]
            assert target["kind"] == "formal" and target["source"] == row["source"], row["id"]
        else:
            assert row["same_as"] is None, row["id"]
        if row["kind"] == "other":
            assert (row["note"] or "").startswith("Other:"), row["id"]
    # the OSCE's own summary and body text restate Section VII; the Rapporteur's is quoted, not the OSCE's
    osce = {r["report_number"]: r for r in recs.filter(pl.col("source") == "osce-2025").iter_rows(named=True)}
    assert by_id[osce["10.1"]["same_as"]]["report_number"] == "1.4"
    assert osce["B5"]["kind"] == "rapporteur_quoted"
    assert recs.filter(pl.col("source") == "osce-2025").height == 76


def test_recorded_disagreements_link_existing_rows() -> None:
    with open(ROOT / "data" / "conflicts.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["id", "row_a", "row_b", "kind", "note", "source", "lines", "note_ru", "note_ky"]
    recs = {r["id"]: r for r in table("recommendations").iter_rows(named=True)}
    with open(ROOT / "data" / "timeline.csv", encoding="utf-8", newline="") as fh:
        timeline = {r["id"]: r for r in csv.DictReader(fh)}

    def row(ref: str) -> dict:
        return recs[ref] if ref.startswith("recommendations-") else timeline[ref]

    by_id = {r["id"]: r for r in rows}
    convention = by_id["conflicts-0001"]
    a, b = row(convention["row_a"]), row(convention["row_b"])
    assert "Migrant Workers" in a["event"] and a["source"] == "auca-2019"
    assert b["report_number"] == "1.4" and b["source"] == "osce-2025"
    claim = " ".join(cited_text(FILES[convention["source"]], convention["lines"]).split())
    assert convention["source"] == "auca-2019" and "signed and ratified" in claim and "Migrant Workers" in claim
    assert "Ratifying" in cited_text(FILES[b["source"]], b["lines"])
    decree = by_id["conflicts-0002"]
    a, b = row(decree["row_a"]), row(decree["row_b"])
    assert (a["date"], a["source"]) == ("2019-03-04", "unodc-2022")
    assert (b["date"], b["source"]) == ("2019-03-05", "auca-2019")
    assert "March 4, 2019" in cited_text(FILES[a["source"]], a["lines"])
    assert "March 5, 2019" in cited_text(FILES[b["source"]], b["lines"])
    for r in rows:
        assert r["kind"] in ("disagreement", "internal_conflict")
        assert cited_text(FILES[r["source"]], r["lines"]).strip()
        assert "recommendations-" not in r["note"] and "timeline:" not in r["note"]  # notes may be shown


def test_a_report_without_numbers_shows_its_order_in_brackets_not_a_curator_code() -> None:
    """`n4` in the data (the 4th of a report that numbers nothing) reads '(4)' on the page."""
    from tests.apptest import shown as shown_page

    table = shown_page("recommendations", {"all": "1"}).dataframe[0].value
    numbers = table["report_number"].astype(str).tolist()
    assert "(4)" in numbers and not any(n.startswith("n") for n in numbers)
    assert "S1" in numbers  # a number the report gives stays as printed
