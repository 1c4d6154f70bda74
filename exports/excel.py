"""The Excel workbook of every dataset, with the sources and the data dictionary, in the
reader's language.

Every sheet starts with two frozen header rows, like the CSV downloads: the column
titles in the reader's language, then the stable column ids. Columns are sized to their
contents. The dictionary sheets (one row per dataset, one row per column: texts from the
metadata, `data.dictionary`) and the sources sheet are written in the reader's language;
dataset sheets keep their ids as names (what scripts and the dictionary refer to) and
the figures as the data hold them.

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
from data.dictionary import columns_frame, tables_frame
from data.citations import documents
from data.load import data_dir, data_version, load_all
from exports.csv import headers_for, release_number
from i18n import current, using

DICTIONARY_COLUMNS = ("dataset", "file", "title", "one_row", "description", "caveats", "licence", "columns")
COLUMN_SHEET_COLUMNS = ("dataset", "column", "title", "type", "required", "checks", "description")
HEADER_ROWS = 2  # titles in the reader's language, then column ids
MIN_WIDTH, MAX_WIDTH = 8, 60  # characters


def dictionary(headers: Mapping[str, str] | None = None, lang: str = "en") -> pl.DataFrame:
    """The data dictionary as a table, one row per dataset (`data.dictionary.tables_frame`):
    dataset, file, title, what a row is, description, how to read it, licence, columns;
    texts in `lang`.

    `headers` renames those columns for the reader (already translated by the caller)."""
    frame = tables_frame(lang).select(DICTIONARY_COLUMNS)
    return frame.rename({c: h for c, h in (headers or {}).items() if c in frame.columns and h})


def column_dictionary(headers: Mapping[str, str] | None = None, lang: str = "en") -> pl.DataFrame:
    """One row per column of every dataset (`data.dictionary.columns_frame`): its title in
    `lang`, type, whether it may be empty, what it must hold (`checks`) and its meaning."""
    cols = columns_frame(lang, metadata.dataset_names())
    frame = cols.with_columns(
        checks=pl.coalesce("vocabulary_title", "reference_title", "pattern_title"),
    ).select(COLUMN_SHEET_COLUMNS)
    return frame.rename({c: h for c, h in (headers or {}).items() if c in frame.columns and h})


def sources_sheet(lang: str = "en") -> pl.DataFrame:
    """The five documents in `lang`: short name, title, publisher, period, language and
    description (our translation where there is one), and in Russian and Kyrgyz the title as
    published beside ours. The text file names are left out: a reader never needs them."""
    with using(lang):
        docs = documents()
    translations = [c for c in docs.columns if c.endswith(("_ru", "_ky"))]
    dropped = ["file", *translations] + (["title_original"] if lang == "en" else [])
    return docs.drop([c for c in dropped if c in docs.columns])


def workbook_bytes(titles: Mapping[str, str] | None = None, lang: str | None = None) -> bytes:
    """Every dataset as a sheet, plus 'sources', 'dictionary' and 'columns' sheets, as .xlsx bytes.

    `titles` (already translated by the caller) names the sheets we write ourselves,
    `dictionary`, `columns_sheet` and `sources`, and may give any column its own header.
    Texts and headers are in `lang` (default: the current language).

    Built once per process, data folder, set of titles, language and data version: rebuilt
    when a file is swapped in under a running server."""
    return _workbook(data_dir(), tuple(sorted((titles or {}).items())), lang or current(), data_version())


@lru_cache(maxsize=8)
def _workbook(folder: str | None, titles: tuple[tuple[str, str], ...] = (), lang: str = "en",
              version: tuple = ()) -> bytes:
    named = dict(titles)
    buffer = io.BytesIO()
    with using(lang), xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                                   "strings_to_urls": False, "strings_to_numbers": False}) as book:
        release = release_number(folder)
        if release is not None:  # which data release these figures are (File > Properties)
            book.set_properties({"comments": f"data release {release}"})
            book.set_custom_property("release", release)
        styles = {"title": book.add_format({"bold": True, "bg_color": "#E8EEF4", "text_wrap": True,
                                            "valign": "top"}),
                  "id": book.add_format({"italic": True, "font_color": "#555555", "bg_color": "#F4F4F4"})}
        _write_sheet(book, _sheet_name(named.get("dictionary") or "dictionary"), dictionary(lang=lang), named,
                     styles)
        _write_sheet(book, _sheet_name(named.get("columns_sheet") or "columns"), column_dictionary(lang=lang),
                     named, styles)
        _write_sheet(book, _sheet_name(named.get("sources") or "sources"), sources_sheet(lang), named, styles)
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
