"""Small counts: a cell for one region, sex and age combined that the source did not
publish itself is shown as "fewer than 5", so no person can be singled out."""
from __future__ import annotations

import polars as pl

from i18n import N_, _
from i18n.numbers import number

THRESHOLD = 5
# Message ids: `shown` holds their translation in the language of the run.
MASK_LABEL = N_("fewer than 5")
NOT_REPORTED = N_("not reported")


def mask_small(frame: pl.DataFrame, published: str = "published", value: str = "value") -> pl.DataFrame:
    """Add `shown`: the value as text, or "fewer than 5" for a small count we derived.

    A row whose `published` column is true was printed by the source and is shown
    as printed; only derived cells (published false) below the threshold are masked.
    Missing values stay "not reported". Text and figures are in the current language.
    """
    # Formatted here, not in a polars expression: the language lives in this thread's context.
    text = pl.Series([None if v is None else number(v) for v in frame[value].to_list()], dtype=pl.String)
    return frame.with_columns(
        shown=pl.when(pl.col(value).is_null()).then(pl.lit(_(NOT_REPORTED)))
        .when(~pl.col(published) & (pl.col(value) < THRESHOLD) & (pl.col(value) > 0)).then(pl.lit(_(MASK_LABEL)))
        .otherwise(pl.lit(text))
    )
