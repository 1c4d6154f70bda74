"""Formula neutralisation: the one rule for every text that goes into a spreadsheet cell.

A cell beginning with `=`, `+`, `-` or `@` (or a tab or carriage return) could be run as a
formula by Excel or LibreOffice. Every such text is prefixed with an apostrophe, the
spreadsheet convention for "this is text". The CSV downloads (exports.csv), the Excel
workbook (exports.excel) and the PowerPoint brief (brief.deck: the category and series
names of each chart, which python-pptx also writes into the chart's embedded workbook) all
call this module, so the rule cannot drift between them. It lives below `brief` and
`exports` (two rooms that may not import each other).
"""
from __future__ import annotations

import re

import polars as pl

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_PATTERN = "^[" + re.escape("".join(FORMULA_START)) + "]"  # the same rule, for polars


def escape_cell(text: str | None) -> str | None:
    """'=1+1' -> "'=1+1"; everything else unchanged."""
    if text and text.startswith(FORMULA_START):
        return "'" + text
    return text


def safe(frame: pl.DataFrame) -> pl.DataFrame:
    """The frame with every text cell escaped (vectorised; same rule as escape_cell)."""
    text_cols = [c for c, t in frame.schema.items() if t == pl.String]
    if not text_cols or frame.is_empty():
        return frame
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(FORMULA_PATTERN)).then("'" + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in text_cols
    )
