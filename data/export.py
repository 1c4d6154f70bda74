"""Downloads: CSV and Excel that open safely in a spreadsheet program.

A cell beginning with `=`, `+`, `-` or `@` (or a tab or carriage return) could
be run as a formula by Excel or LibreOffice; every such text cell is prefixed
with an apostrophe, the spreadsheet convention for "this is text".
"""
from __future__ import annotations

import io
import re
from collections.abc import Mapping
from functools import lru_cache

import polars as pl

from data.load import data_dir, load_all, reference
from data import metadata
from data.dictionary import columns_frame, tables_frame

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(text: str | None) -> str | None:
    """'=1+1' -> "'=1+1"; everything else unchanged."""
    if text and text.startswith(FORMULA_START):
        return "'" + text
    return text


FORMULA_PATTERN = "^[" + re.escape("".join(FORMULA_START)) + "]"  # the same rule, for polars


def safe(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every text cell escaped (vectorised; same rule as escape_cell)."""
    text_cols = [c for c, t in frame.schema.items() if t == pl.String]
    if not text_cols or frame.is_empty():
        return frame
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_PATTERN)).then("'" + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in text_cols
    )


def csv_bytes(frame: pl.DataFrame) -> bytes:
    return safe(frame).write_csv().encode("utf-8")


DICTIONARY_COLUMNS = ("dataset", "file", "title", "one_row", "description", "caveats", "licence", "columns")
COLUMN_SHEET_COLUMNS = ("dataset", "column", "title", "type", "required", "checks", "description")


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


def workbook_bytes(titles: Mapping[str, str] | None = None, lang: str = "en") -> bytes:
    """Every dataset as a sheet, plus 'sources', 'dictionary' and 'columns' sheets, as .xlsx bytes.

    `titles` (already translated by the caller) names the sheets we write ourselves,
    `dictionary`, `columns` and `sources`, and the dictionary sheets' headers (the columns of
    `dictionary()` and `column_dictionary()`). The dictionary texts come from the metadata in
    `lang`. Dataset sheets and data columns keep their ids, like the CSV files, so the data
    read the same in every language.

    Built once per process, data folder, set of titles and language: the data do not change
    while the app runs."""
    return _workbook(data_dir(), tuple(sorted((titles or {}).items())), lang)


@lru_cache(maxsize=8)
def _workbook(folder: str | None, titles: tuple[tuple[str, str], ...] = (), lang: str = "en") -> bytes:
    named = dict(titles)
    buffer = io.BytesIO()
    import xlsxwriter

    with xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False}) as book:
        safe(dictionary(named, lang)).write_excel(
            book, worksheet=_sheet_name(named.get("dictionary") or "dictionary"), autofit=True)
        safe(column_dictionary(named, lang)).write_excel(
            book, worksheet=_sheet_name(named.get("columns_sheet") or "columns"), autofit=True)
        safe(reference("sources")).write_excel(book, worksheet=_sheet_name(named.get("sources") or "sources"),
                                               autofit=True)
        for name, loaded in load_all(folder).items():
            frame = loaded.frame.drop([c for c in ("period",) if c in loaded.frame.columns])
            safe(frame).write_excel(book, worksheet=_sheet_name(name), autofit=True)
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
