"""CSV downloads that open safely, and readably, in a spreadsheet program.

- No cell can run as a formula: every text cell goes through `data.cells.safe` (the one
  rule shared with the workbook and the PowerPoint brief).
- UTF-8 with a byte-order mark, so Excel opens Russian and Kyrgyz text by double-click.
- Two header rows: the first in the reader's language (for people), the second the
  stable column id (for scripts: `pl.read_csv(..., skip_rows=1)` reads the ids as header).
- Whole numbers are written without ".0" (40, not 40.0); other numbers as they are.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Mapping

import polars as pl

from data.cells import FORMULA_PATTERN, FORMULA_START, escape_cell, safe
from data.load import data_dir
from data.metadata import column_titles, text_in
from data.releases import release_info
from i18n import current

__all__ = ["FORMULA_PATTERN", "FORMULA_START", "csv_bytes", "escape_cell", "headers_for", "plain_numbers",
           "release_number", "safe"]

BOM = "\ufeff"


def headers_for(columns: list[str], overrides: Mapping[str, str] | None = None) -> list[str]:
    """The column headers in the current language: the column's title in data/meta, or
    `overrides` (already translated by the caller), or the id itself."""
    titles = column_titles()
    lang = current()
    out = []
    for column in columns:
        given = (overrides or {}).get(column)
        title = titles.get(column)
        out.append(given if isinstance(given, str) and given else (text_in(title, lang) if title else column))
    return out


def plain_numbers(frame: pl.DataFrame) -> pl.DataFrame:
    """Float columns as text: a whole number without '.0' (40), others as they are (2.5).
    A missing figure stays empty (a gap, never a zero)."""
    floats = [c for c, t in frame.schema.items() if t in (pl.Float32, pl.Float64)]
    if not floats:
        return frame
    return frame.with_columns(
        pl.when(pl.col(c).is_finite() & (pl.col(c) == pl.col(c).round(0)))
        .then(pl.col(c).cast(pl.Int64, strict=False).cast(pl.String))
        .otherwise(pl.col(c).cast(pl.String)).alias(c)
        for c in floats
    )


def release_number(folder: str | None) -> int | None:
    """The data release a data folder holds (the desk's release.json), or None for the shipped CSVs."""
    info = release_info(folder)
    try:
        return int(info["number"]) if info else None
    except (KeyError, TypeError, ValueError):
        return None


def csv_bytes(frame: pl.DataFrame, headers: Mapping[str, str] | None = None) -> bytes:
    """The frame as CSV bytes: BOM, translated header row, column-id row, then the rows.

    `headers` gives columns their own (translated) headers, as under a chart. When the app reads
    a published data release, a last column `release` says which (the shipped CSVs have none)."""
    release = release_number(data_dir())
    if release is not None and "release" not in frame.columns:
        frame = frame.with_columns(pl.lit(release).alias("release"))
    body = plain_numbers(safe(frame))  # escape text first: a negative number is not a formula
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([escape_cell(h) for h in headers_for(frame.columns, headers)])
    writer.writerow(frame.columns)
    out.write(body.write_csv(include_header=False))
    return (BOM + out.getvalue()).encode("utf-8")
