"""The Excel workbook of every dataset, with the sources and the data dictionary.

Every text cell is escaped like the CSV downloads (exports.csv.safe): no cell can run
as a formula.
"""
from __future__ import annotations

import io
import re
from collections.abc import Mapping
from functools import lru_cache

import polars as pl
import xlsxwriter

from data import metadata
from data.dictionary import columns_frame, tables_frame
from data.load import data_dir, data_version, load_all, reference
from exports.csv import release_number, safe


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

    Built once per process, data folder, set of titles, language and data version: rebuilt
    when a file is swapped in under a running server."""
    return _workbook(data_dir(), tuple(sorted((titles or {}).items())), lang, data_version())


@lru_cache(maxsize=8)
def _workbook(folder: str | None, titles: tuple[tuple[str, str], ...] = (), lang: str = "en",
              version: tuple = ()) -> bytes:
    named = dict(titles)
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False}) as book:
        release = release_number(folder)
        if release is not None:  # which data release these figures are (File > Properties)
            book.set_properties({"comments": f"data release {release}"})
            book.set_custom_property("release", release)
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
