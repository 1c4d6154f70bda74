"""Every row's cited lines contain its value (figures) or its year (dated rows).

Runs whenever ../shared/sources exists (it does in CI); skipped with a clear
message otherwise.
"""
from __future__ import annotations

import pytest

from data.load import load_all, reference
from data.provenance import SOURCES_DIR, cited_text, numbers_in, uncited_numbers, value_is_cited, years_in

pytestmark = pytest.mark.skipif(
    not SOURCES_DIR.exists(), reason=f"source documents not found at {SOURCES_DIR}"
)

FILES = dict(zip(reference("sources")["source"], reference("sources")["file"]))


def _rows(name: str) -> list[dict]:
    return list(load_all()[name].frame.iter_rows(named=True))


@pytest.mark.parametrize("name", ["justice", "assistance", "migration", "regional", "capacity", "context"])
def test_every_value_is_printed_in_its_cited_lines(name: str) -> None:
    failures = []
    for row in _rows(name):
        if row["value"] is None:
            continue
        if not value_is_cited(row["value"], FILES[row["source"]], row["lines"]):
            failures.append(f"{row['measure']}={row['value']} not in {row['source']} lines {row['lines']}")
    assert not failures, f"{len(failures)} untraced figures:\n" + "\n".join(failures[:40])


def test_every_sentence_length_is_printed_in_its_cited_lines() -> None:
    """penalties.csv: the shortest and the longest sentence are each checked like a value."""
    rows = _rows("penalties")
    assert len(rows) >= 20
    failures = [f"{row['id']}: {col}={row[col]} not in {row['source']} lines {row['lines']}"
                for row in rows for col in uncited_numbers(row, FILES[row["source"]])]
    assert not failures, "\n".join(failures)


def test_a_wrong_sentence_length_is_caught() -> None:
    row = next(r for r in _rows("penalties") if r["id"] == "penalties-0001")
    assert (row["min_years"], row["max_years"]) == (3, 6)
    assert uncited_numbers(row, FILES[row["source"]]) == []
    assert uncited_numbers({**row, "max_years": 7.0}, FILES[row["source"]]) == ["max_years"]
    assert uncited_numbers({**row, "min_years": 4.0}, FILES[row["source"]]) == ["min_years"]


UNDATED = "reference period not printed"


def test_context_years_are_printed_in_their_cited_lines() -> None:
    """A context figure is shown with its year large, so the year must be in the cited lines,
    unless its note says the source gives only the year the figure was stated in."""
    failures = [f"{row['id']}: {row['year']} not in lines {row['lines']}" for row in _rows("context")
                if row["year"] is not None
                and row["year"] not in years_in(cited_text(FILES[row["source"]], row["lines"]))
                and UNDATED not in (row["note"] or "")]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name,column", [("timeline", "date"), ("councils", "established_date")])
def test_dates_are_printed_in_their_cited_lines(name: str, column: str) -> None:
    failures = []
    for row in _rows(name):
        if not row[column]:
            continue
        year = int(row[column][:4])
        if year not in years_in(cited_text(FILES[row["source"]], row["lines"])):
            failures.append(f"{row[column]} not in {row['source']} lines {row['lines']}")
    assert not failures, "\n".join(failures[:40])


@pytest.mark.parametrize("name", ["recommendations", "destination_mentions", "article_crosswalk", "councils", "gaps",
                                  "penalties"])
def test_cited_lines_exist(name: str) -> None:
    for row in _rows(name):
        assert cited_text(FILES[row["source"]], row["lines"]).strip(), row


def test_number_reading_handles_report_formats() -> None:
    assert {1234.0, 43000.0, 2.5, 8.0, 0.0} <= numbers_in("1,234 over 43.000 about 2,5 eight and no cases")
    assert 40.0 not in numbers_in("1400 cases")
    assert 11.6 in numbers_in("Bishkek (11, \n6%)")  # a decimal comma split across two lines


def test_a_wrong_value_is_caught() -> None:
    row = next(r for r in _rows("justice") if r["value"] is not None)
    assert value_is_cited(row["value"], FILES[row["source"]], row["lines"])
    assert not value_is_cited(987654321, FILES[row["source"]], row["lines"])
