"""Tables in the reader's language: column ids stay in the data (and in CSV
downloads), the headers the reader sees are translated."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import polars as pl
import streamlit as st

from data.load import AS_OF
from data.metadata import column_titles, text_in
from i18n import _, current
from i18n.numbers import number, percent, signed
from ui.labels import notes


def header(column: str) -> str:
    """The header of a column id in the reader's language: the column's title in the data's
    metadata (data/meta/<table>.yml), or for a column the app computes, in
    data/meta/derived_columns.yml (the id itself, spaced, when neither lists it)."""
    title = column_titles().get(column)
    return text_in(title, current()) if title else column.replace("_", " ")


def blank(frame: pl.DataFrame) -> pl.DataFrame:
    """Text cells as the reader sees them: our notes in the reader's language, empty cells
    blank (the data grid writes a missing value as 'None')."""
    return notes(frame).with_columns(pl.col(pl.String).fill_null(""))


def column_config(columns: Iterable[str], overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """`st.dataframe(column_config=...)` with a translated header for every column.

    `overrides` gives a column its own header or a `st.column_config` object."""
    config: dict[str, Any] = {c: header(c) for c in columns}
    config.update(overrides or {})
    return config


def period_text(period: str) -> str:
    """A readable period in the reader's language: the loader labels a cumulative figure
    "as of <date>" (data/load.py AS_OF); everything else is already language-neutral."""
    if period and period.startswith(AS_OF):
        return _("as of {date}", date=period[len(AS_OF):])
    return period


SMALL = 30  # rows: up to this many, a table is drawn as a plain table
def table(frame: pl.DataFrame, key: str, overrides: Mapping[str, str] | None = None,
          formats: Mapping[str, str] | None = None) -> None:
    """A table the reader sees, with translated headers.

    Small tables (most on this dashboard) are plain tables: their text is part of
    the page (printable, read aloud, translatable), numbers are formatted for the
    language, and no data-grid code has to load before the page's first chart.
    Larger ones keep the scrollable, sortable grid. `formats` maps a column to
    "signed" (+3 / −2), "percent" (+12 %) or "year" (2019, never grouped); other numbers are formatted plainly; true/false reads yes/no;
    an empty cell stays empty (a gap, never a zero)."""
    frame = notes(frame)
    headers = {c: header(c) for c in frame.columns}
    headers.update({c: str(v) for c, v in (overrides or {}).items() if isinstance(v, str)})
    if frame.height > SMALL:
        st.dataframe(blank(frame), hide_index=True, width="stretch", key=key,
                     column_config=column_config(frame.columns, overrides))
        return
    kinds = formats or {}
    out = {}
    for column in frame.columns:
        values = frame[column].to_list()
        if frame[column].dtype.is_numeric():
            kind = kinds.get(column)
            fmt = {"signed": signed, "percent": lambda v: percent(v, sign=True),
                   "year": lambda v: str(int(v))}.get(kind, number)
            values = ["" if v is None else fmt(v) for v in values]
        elif frame[column].dtype == pl.Boolean:
            values = ["" if v is None else (_("yes") if v else _("no")) for v in values]
        else:
            values = ["" if v is None else str(v) for v in values]
            if column == "period":
                values = [period_text(v) for v in values]
        out[headers[column]] = values
    if out:
        st.table(pl.DataFrame(out, schema={h: pl.String for h in out}), hide_index=True)
