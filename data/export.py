"""Downloads: CSV and Excel that open safely in a spreadsheet program.

A cell beginning with `=`, `+`, `-` or `@` (or a tab or carriage return) could
be run as a formula by Excel or LibreOffice; every such text cell is prefixed
with an apostrophe, the spreadsheet convention for "this is text".
"""
from __future__ import annotations

import io
import re
from functools import lru_cache

import polars as pl

from data.load import data_dir, load_all, reference
from data.schemas import datasets

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


def dictionary() -> pl.DataFrame:
    """The data dictionary as a table: dataset, description, columns."""
    rows = [{"dataset": ds.name, "file": ds.file, "description": ds.description,
             "columns": ", ".join(ds.columns)} for ds in datasets().values()]
    return pl.DataFrame(rows)


def workbook_bytes() -> bytes:
    """Every dataset as a sheet, plus 'sources' and 'dictionary' sheets, as .xlsx bytes.

    Built once per process and data folder: the data do not change while the app runs."""
    return _workbook(data_dir())


@lru_cache(maxsize=4)
def _workbook(folder: str | None) -> bytes:
    buffer = io.BytesIO()
    import xlsxwriter

    with xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False}) as book:
        safe(dictionary()).write_excel(book, worksheet="dictionary", autofit=True)
        safe(reference("sources")).write_excel(book, worksheet="sources", autofit=True)
        for name, loaded in load_all(folder).items():
            frame = loaded.frame.drop([c for c in ("period",) if c in loaded.frame.columns])
            safe(frame).write_excel(book, worksheet=_sheet_name(name), autofit=True)
    return buffer.getvalue()


def _sheet_name(name: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
