"""Small counts: a cell for one region, sex and age combined that the source did not
publish itself is shown as "fewer than 5", so no person can be singled out."""
from __future__ import annotations

import polars as pl

THRESHOLD = 5
MASK_LABEL = "fewer than 5"


def mask_small(frame: pl.DataFrame, published: str = "published", value: str = "value") -> pl.DataFrame:
    """Add `shown`: the value as text, or "fewer than 5" for a small count we derived.

    A row whose `published` column is true was printed by the source and is shown
    as printed; only derived cells (published false) below the threshold are masked.
    Missing values stay "not reported".
    """
    text = pl.col(value).cast(pl.Int64, strict=False).cast(pl.String)
    return frame.with_columns(
        shown=pl.when(pl.col(value).is_null()).then(pl.lit("not reported"))
        .when(~pl.col(published) & (pl.col(value) < THRESHOLD) & (pl.col(value) > 0)).then(pl.lit(MASK_LABEL))
        .otherwise(text)
    )
