"""The Excel workbook of every dataset, with the sources and the data dictionary, in the
reader's language.

Every sheet starts with two frozen header rows, like the CSV downloads: the column
titles in the reader's language, then the stable column ids. Columns are sized to their
contents. The dictionary (one row per column of every dataset) and the sources sheet are
written in the reader's language; dataset sheets keep their ids as names (what scripts
and the dictionary refer to) and the figures as the data hold them.

Every text cell is escaped with the rule shared by all our writers (data.cells.safe):
no cell can run as a formula.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping
from functools import lru_cache

import polars as pl
import xlsxwriter

from data import metadata
from data.cells import safe
from data.load import data_dir, load_all, reference
from exports.csv import headers_for
from i18n import current

HEADER_ROWS = 2  # titles in the reader's language, then column ids
MIN_WIDTH, MAX_WIDTH = 8, 60  # characters


def dictionary(headers: Mapping[str, str] | None = None) -> pl.DataFrame:
    """The data dictionary, in the current language: one row per column of every dataset
    (dataset, dataset title, column id, column title, what it holds).

    `headers` is accepted for callers of the old signature; headers are written by the
    workbook itself (two header rows)."""
    lang = current()
    rows = []
    for name in metadata.dataset_names():
        table = metadata.table(name)
        for column_id, column in table.columns.items():
            rows.append({"dataset": name, "title": metadata.text_in(table.title, lang), "column": column_id,
                         "column_title": metadata.text_in(column.title, lang),
                         "description": metadata.text_in(column.description, lang)})
    columns = ("dataset", "title", "column", "column_title", "description")
    return pl.DataFrame(rows, schema={c: pl.String for c in columns})


def sources_sheet() -> pl.DataFrame:
    """The five documents with their description in the current language (titles as
    published). The text file names are left out: a reader never needs them."""
    lang = current()
    ref = reference("sources")
    described = f"description_{lang}" if f"description_{lang}" in ref.columns else "description"
    return ref.with_columns(pl.col(described).fill_null(pl.col("description")).alias("description")).drop(
        [c for c in ref.columns if c == "file" or (c.startswith("description_"))])


def workbook_bytes(titles: Mapping[str, str] | None = None) -> bytes:
    """Every dataset as a sheet, plus the sources and the dictionary, as .xlsx bytes.

    `titles` (already translated by the caller) names the sheets we write ourselves,
    `dictionary` and `sources`, and may give any column its own header.

    Built once per process, data folder, language and set of titles: the data do not
    change while the app runs."""
    return _workbook(data_dir(), current(), tuple(sorted((titles or {}).items())))


@lru_cache(maxsize=8)
def _workbook(folder: str | None, lang: str, titles: tuple[tuple[str, str], ...] = ()) -> bytes:
    named = dict(titles)
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False, "strings_to_numbers": False}) as book:
        styles = {"title": book.add_format({"bold": True, "bg_color": "#E8EEF4", "text_wrap": True,
                                            "valign": "top"}),
                  "id": book.add_format({"italic": True, "font_color": "#555555", "bg_color": "#F4F4F4"})}
        _write_sheet(book, _sheet_name(named.get("dictionary") or "dictionary"), dictionary(), named, styles)
        _write_sheet(book, _sheet_name(named.get("sources") or "sources"), sources_sheet(), named, styles)
        for name, loaded in load_all(folder).items():
            frame = loaded.frame.drop([c for c in ("period",) if c in loaded.frame.columns])
            _write_sheet(book, _sheet_name(name), frame, named, styles)
    return buffer.getvalue()


def _write_sheet(book: xlsxwriter.Workbook, name: str, frame: pl.DataFrame, named: Mapping[str, str],
                 styles: Mapping[str, object]) -> None:
    sheet = book.add_worksheet(name)
    headers = headers_for(frame.columns, {k: v for k, v in named.items() if k in frame.columns})
    body = safe(frame)
    widths = []
    for col, (column, title) in enumerate(zip(frame.columns, headers)):
        sheet.write_string(0, col, safe(pl.DataFrame({"h": [title]}))["h"][0], styles["title"])
        sheet.write_string(1, col, column, styles["id"])
        longest = max([len(title), len(column)] + [len(_text(v)) for v in body[column].head(500).to_list()])
        widths.append(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))
        for row, value in enumerate(body[column].to_list(), start=HEADER_ROWS):
            _write_cell(sheet, row, col, value)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(HEADER_ROWS, 0)
    if frame.width:
        sheet.autofilter(1, 0, max(frame.height + 1, 1), frame.width - 1)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _write_cell(sheet, row: int, col: int, value: object) -> None:
    """One cell with its own type: numbers stay numbers (a whole number is an integer),
    text stays text, a missing value stays blank (a gap, never a zero)."""
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int):
        sheet.write_number(row, col, value)
    elif isinstance(value, float):
        sheet.write_number(row, col, int(value) if value.is_integer() else value)
    elif isinstance(value, (dt.date, dt.datetime)):
        sheet.write_string(row, col, value.isoformat())
    else:
        sheet.write_string(row, col, str(value))


def _sheet_name(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
