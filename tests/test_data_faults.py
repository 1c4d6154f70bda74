"""A bad data file never takes the app down: the loader returns the valid rows
and names each problem by file, row and column. Works on temporary copies only."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from data.load import load_all, load_dataset
from data.schemas import datasets

JUSTICE = datasets()["justice"]


def rows_of(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, header: list[str], rows: list[dict]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def justice_copy(tmp_path: Path) -> tuple[Path, list[str], list[dict]]:
    header, rows = rows_of(JUSTICE.path)
    return tmp_path / "justice.csv", header, rows


def test_corrupted_cells_are_named_and_the_rest_kept(justice_copy) -> None:
    path, header, rows = justice_copy
    good = len(rows)
    rows[0] = {**rows[0], "value": "twelve"}          # text in value   -> CSV row 2
    rows[1] = {**rows[1], "region": "KG-XX"}          # unknown region  -> CSV row 3
    rows[2] = {**rows[2], "value": "-4"}              # negative count  -> CSV row 4
    rows[3] = {**rows[3], "source": "nowhere-2020"}   # unknown source  -> CSV row 5
    loaded = load_dataset(JUSTICE, write(path, header, rows))
    found = {(p.row, p.column) for p in loaded.problems}
    assert {(2, "value"), (3, "region"), (4, "value"), (5, "source")} <= found
    assert all(p.file == "justice.csv" for p in loaded.problems)
    assert loaded.frame.height == good - 4
    assert "twelve" in next(p.message for p in loaded.problems if p.row == 2)


def test_missing_column_rejects_file_with_a_clear_message(justice_copy) -> None:
    path, header, rows = justice_copy
    header = [h for h in header if h != "lines"]
    loaded = load_dataset(JUSTICE, write(path, header, rows))
    assert loaded.frame.height == 0
    assert [(p.column, p.message) for p in loaded.problems] == [("lines", "required column is missing from the header")]
    # the empty frame still has the declared columns, so pages keep working
    assert "value" in loaded.frame.columns and "period" in loaded.frame.columns


@pytest.mark.parametrize("content,message", [
    (None, "file is missing"),
    (b"", "file is empty"),
    (b"\xff\xfe\x00bad", "file is not UTF-8 text"),
])
def test_unreadable_files(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = tmp_path / "justice.csv"
    if content is not None:
        path.write_bytes(content)
    loaded = load_dataset(JUSTICE, path)
    assert loaded.frame.height == 0
    assert loaded.problems[0].message.startswith(message)
    assert loaded.problems[0].file == "justice.csv"


def test_truncated_file_keeps_complete_rows(justice_copy) -> None:
    path, _, _ = justice_copy
    text = JUSTICE.path.read_text(encoding="utf-8")
    cut = text[: len(text) // 2].rsplit("\n", 1)[0] + "\nregistered_crimes,traff"
    path.write_text(cut, encoding="utf-8")
    loaded = load_dataset(JUSTICE, path)
    assert loaded.frame.height > 10
    assert loaded.problems  # the half row is reported, not silently kept


def test_duplicate_rows_are_reported(justice_copy) -> None:
    path, header, rows = justice_copy
    loaded = load_dataset(JUSTICE, write(path, header, rows + [rows[5]]))
    assert any("duplicate" in p.message for p in loaded.problems)


def test_missing_value_without_note_is_a_problem(justice_copy) -> None:
    path, header, rows = justice_copy
    rows[0] = {**rows[0], "value": "", "note": ""}
    loaded = load_dataset(JUSTICE, write(path, header, rows))
    assert any(p.row == 2 and p.column == "value" and "note" in p.message for p in loaded.problems)


def test_whole_data_folder_with_one_broken_file(tmp_path: Path) -> None:
    for ds in datasets().values():
        (tmp_path / ds.file).write_bytes(ds.path.read_bytes())
    (tmp_path / "migration.csv").write_text("nonsense\n1\n", encoding="utf-8")
    loaded = load_all(str(tmp_path))
    assert loaded["migration"].frame.height == 0 and loaded["migration"].problems
    assert loaded["justice"].problems == () and loaded["justice"].frame.height > 100
