"""Downloads open in a spreadsheet program with the right contents, and no cell can
run as a formula."""
from __future__ import annotations

import io

import openpyxl
import polars as pl

from data.load import load_all
from exports.csv import csv_bytes, escape_cell, safe
from exports.excel import workbook_bytes


def test_formula_cells_are_escaped() -> None:
    assert escape_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [escape_cell(v) for v in ["+1", "-2", "@SUM(A1)", "\t=1", "plain", "", None]] == [
        "'+1", "'-2", "'@SUM(A1)", "'\t=1", "plain", "", None]


def test_csv_escapes_and_keeps_numbers() -> None:
    frame = pl.DataFrame({"name": ["=1+1", "ok"], "value": [-3.0, 4.0]})
    text = csv_bytes(frame).decode("utf-8")
    assert "'=1+1" in text
    assert "-3.0" in text  # numbers are numbers, not text to escape
    back = pl.read_csv(io.BytesIO(csv_bytes(frame)))
    assert back["value"].to_list() == [-3.0, 4.0]


def test_workbook_has_every_dataset_and_the_dictionary() -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes()), read_only=True)
    loaded = load_all()
    assert {"dictionary", "sources", *loaded} <= set(book.sheetnames)
    for name, item in loaded.items():
        sheet = book[name]
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == item.frame.height + 1, name  # header + rows
        header = list(rows[0])
        assert "source" in header and "lines" in header
    justice = list(book["justice"].iter_rows(values_only=True))
    header = justice[0]
    first = dict(zip(header, justice[1]))
    expected = loaded["justice"].frame.row(0, named=True)
    assert first["source"] == expected["source"] and first["lines"] == expected["lines"]
    assert first["value"] == expected["value"]
    dictionary = [r[0] for r in book["dictionary"].iter_rows(values_only=True)][1:]
    assert set(dictionary) == set(loaded)


def test_workbook_never_holds_a_formula(tmp_path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes()))  # not read-only: formulas are visible as such
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula"


def test_safe_leaves_non_text_columns() -> None:
    frame = pl.DataFrame({"a": [1, 2], "b": ["-x", "y"]})
    assert safe(frame)["a"].to_list() == [1, 2]
    assert safe(frame)["b"].to_list() == ["'-x", "y"]


def test_vectorised_escaping_follows_the_same_rule() -> None:
    values = ["=1", "+1", "-2", "@x", "\t=1", "\r=1", "plain", "", None, "a=b"]
    assert safe(pl.DataFrame({"a": values}))["a"].to_list() == [escape_cell(v) for v in values]
