"""CSV downloads that open safely in a spreadsheet program.

A cell beginning with `=`, `+`, `-` or `@` (or a tab or carriage return) could
be run as a formula by Excel or LibreOffice; every such text cell is prefixed
with an apostrophe, the spreadsheet convention for "this is text".
"""
from __future__ import annotations

import re

import polars as pl

from data.load import data_dir
from data.releases import release_info

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


def release_number(folder: str | None) -> int | None:
    """The data release a data folder holds (the desk's release.json), or None for the shipped CSVs."""
    info = release_info(folder)
    try:
        return int(info["number"]) if info else None
    except (KeyError, TypeError, ValueError):
        return None


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """The frame as CSV; when the app reads a published data release, a last column `release`
    says which (the shipped CSVs have none)."""
    release = release_number(data_dir())
    if release is not None and "release" not in frame.columns:
        frame = frame.with_columns(pl.lit(release).alias("release"))
    return safe(frame).write_csv().encode("utf-8")
