"""Counting over loaded datasets that data/ itself needs (data.summary) and metrics reuse.
Pure polars: frames in, numbers out."""
from __future__ import annotations

import polars as pl


def years_covered(frame: pl.DataFrame) -> tuple[int | None, int | None]:
    """First and last calendar year any row of `frame` refers to (None when no period column)."""
    if frame.is_empty():
        return None, None
    if "period_start" in frame.columns:
        start = frame["period_start"].drop_nulls().str.slice(0, 4).cast(pl.Int64)
        end = frame["period_end"].drop_nulls().str.slice(0, 4).cast(pl.Int64)
    elif "date" in frame.columns:
        start = end = frame["date"].drop_nulls().str.slice(0, 4).cast(pl.Int64)
    elif "established_date" in frame.columns:
        start = end = frame["established_date"].drop_nulls().str.slice(0, 4).cast(pl.Int64)
    else:
        return None, None
    if start.is_empty() or end.is_empty():
        return None, None
    return int(start.min()), int(end.max())
