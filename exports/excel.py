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

from data.load import data_dir, load_all, reference
from data.schemas import datasets
from exports.csv import release_number, safe

def dictionary(headers: Mapping[str, str] | None = None) -> pl.DataFrame:
    """The data dictionary as a table: dataset, file, description, columns.

    `headers` renames those four columns for the reader (already translated by the caller)."""
    rows = [{"dataset": ds.name, "file": ds.file, "description": ds.description,
             "columns": ", ".join(ds.columns)} for ds in datasets().values()]
    frame = pl.DataFrame(rows)
    return frame.rename({c: h for c, h in (headers or {}).items() if c in frame.columns and h})


def workbook_bytes(titles: Mapping[str, str] | None = None) -> bytes:
    """Every dataset as a sheet, plus 'sources' and 'dictionary' sheets, as .xlsx bytes.

    `titles` (already translated by the caller) names the sheets we write ourselves,
    `dictionary` and `sources`, and the dictionary's headers (`dataset`, `file`,
    `description`, `columns`). Dataset sheets and data columns keep their ids, like the
    CSV files, so the workbook reads the same in every language.

    Built once per process, data folder and set of titles: the data do not change while
    the app runs."""
    return _workbook(data_dir(), tuple(sorted((titles or {}).items())))


@lru_cache(maxsize=8)
def _workbook(folder: str | None, titles: tuple[tuple[str, str], ...] = ()) -> bytes:
    named = dict(titles)
    buffer = io.BytesIO()
    with xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False}) as book:
        release = release_number(folder)
        if release is not None:  # which data release these figures are (File > Properties)
            book.set_properties({"comments": f"data release {release}"})
            book.set_custom_property("release", release)
        safe(dictionary(named)).write_excel(book, worksheet=_sheet_name(named.get("dictionary") or "dictionary"),
                                            autofit=True)
        safe(reference("sources")).write_excel(book, worksheet=_sheet_name(named.get("sources") or "sources"),
                                               autofit=True)
        for name, loaded in load_all(folder).items():
            frame = loaded.frame.drop([c for c in ("period",) if c in loaded.frame.columns])
            safe(frame).write_excel(book, worksheet=_sheet_name(name), autofit=True)
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
