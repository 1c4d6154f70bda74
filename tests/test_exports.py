"""Downloads open in a spreadsheet program with the right contents, and no cell can
run as a formula."""
from __future__ import annotations

import csv
import io

import openpyxl
import polars as pl

from data.load import load_all
from data import cells
from exports.csv import csv_bytes, escape_cell, safe
from exports.excel import workbook_bytes
from i18n import using


def test_formula_cells_are_escaped() -> None:
    assert escape_cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert [escape_cell(v) for v in ["+1", "-2", "@SUM(A1)", "\t=1", "plain", "", None]] == [
        "'+1", "'-2", "'@SUM(A1)", "'\t=1", "plain", "", None]


def test_csv_escapes_and_keeps_numbers() -> None:
    frame = pl.DataFrame({"name": ["=1+1", "ok"], "value": [-3.0, 4.5]})
    text = csv_bytes(frame).decode("utf-8-sig")
    assert "'=1+1" in text
    assert "'=1+1,-3\n" in text  # numbers are numbers, not text to escape
    back = pl.read_csv(io.BytesIO(csv_bytes(frame)), skip_rows=1)  # the second header row holds the ids
    assert back["value"].to_list() == [-3.0, 4.5]


def test_csv_opens_in_excel_with_cyrillic_and_two_header_rows() -> None:
    frame = pl.DataFrame({"region": ["Чуй", "Ош"], "value": [40.0, None], "share": [2.5, 40.0],
                          "count": [3, 4], "source": ["osce-2025", "unodc-2022"]})
    with using("ru"):
        raw = csv_bytes(frame, headers={"count": "Число"})
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel reads Cyrillic right
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["Регион", "Значение", "Доля", "Число", "Источник"]  # the reader's language
    assert rows[1] == ["region", "value", "share", "count", "source"]  # the stable ids
    assert rows[2] == ["Чуй", "40", "2.5", "3", "osce-2025"]  # a whole number without ".0"
    assert rows[3] == ["Ош", "", "40", "4", "unodc-2022"]  # a gap stays empty, never 0
    with using("en"):
        english = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8-sig"))))
    assert english[0][:2] == ["Region", "Value"]


def test_workbook_has_every_dataset_and_the_dictionary() -> None:
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes()), read_only=True)
    loaded = load_all()
    assert {"dictionary", "sources", *loaded} <= set(book.sheetnames)
    for name, item in loaded.items():
        sheet = book[name]
        rows = list(sheet.iter_rows(values_only=True))
        assert len(rows) == item.frame.height + 2, name  # two header rows (titles, ids) + rows
        header = list(rows[1])
        assert "source" in header and "lines" in header
    justice = list(book["justice"].iter_rows(values_only=True))
    header = justice[1]
    first = dict(zip(header, justice[2]))
    expected = loaded["justice"].frame.row(0, named=True)
    assert first["source"] == expected["source"] and first["lines"] == expected["lines"]
    assert first["value"] == expected["value"]
    dictionary = [r[0] for r in book["dictionary"].iter_rows(values_only=True)][2:]
    assert set(dictionary) == set(loaded)


def test_workbook_reads_in_the_readers_language_with_frozen_headers_and_widths() -> None:
    with using("ru"):
        raw = workbook_bytes({"dictionary": "словарь", "sources": "источники"})
    book = openpyxl.load_workbook(io.BytesIO(raw))
    assert book.sheetnames[0] == "словарь" and "источники" in book.sheetnames
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A3", sheet.title  # both header rows stay in view
        assert sheet.column_dimensions["A"].width >= 8, sheet.title
    justice = book["justice"]
    titles = [c.value for c in justice[1]]
    ids = [c.value for c in justice[2]]
    assert titles[ids.index("value")] == "Значение" and titles[ids.index("source")] == "Источник"
    sources = book["источники"]
    ids = [c.value for c in sources[2]]
    assert "file" not in ids  # a reader never sees the documents' file names
    rows = {r[0]: dict(zip(ids, r)) for r in sources.iter_rows(min_row=3, values_only=True)}
    assert rows["osce-2025"]["description"].startswith("Выводы и рекомендации")  # sources.csv description_ru
    dictionary = book["словарь"]
    ids = [c.value for c in dictionary[2]]
    assert ids[:3] == ["dataset", "file", "title"]
    justice_row = next(dict(zip(ids, r)) for r in dictionary.iter_rows(min_row=3, values_only=True)
                       if r[0] == "justice")
    assert justice_row["title"] == "Уголовное правосудие"
    columns = book["columns"]
    ids = [c.value for c in columns[2]]
    value = next(dict(zip(ids, r)) for r in columns.iter_rows(min_row=3, values_only=True)
                 if r[0] == "justice" and r[1] == "value")
    assert value["title"] == "Значение"


def test_one_rule_for_every_writer() -> None:
    """The CSV, the workbook and the deck share one neutraliser (data.cells)."""
    import brief.deck
    import exports.excel

    assert escape_cell is cells.escape_cell and safe is cells.safe
    assert exports.excel.safe is cells.safe
    assert brief.deck.escape_cell is cells.escape_cell
