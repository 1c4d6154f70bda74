"""Small counts and gaps: the status ids a figure can carry, defined once for every
metric, and the masking rule. A cell for one region, sex and age combined that the
source did not publish itself is shown as "fewer than 5", so no person can be singled
out. Ids only: `ui.labels` turns them into the reader's words."""
from __future__ import annotations

import polars as pl

THRESHOLD = 5
# Status ids (snake_case, language-neutral), shared by every metric.
REPORTED = "reported"          # the source gives a figure
NOT_REPORTED = "not_reported"  # the source gives none: a gap, never a zero
FEWER_THAN_5 = "fewer_than_5"  # a derived small count, masked
AS_PRINTED = "as_printed"      # shown as the source printed it


def mask_small(frame: pl.DataFrame, published: str = "published", value: str = "value") -> pl.DataFrame:
    """Add `mask`: how the value may be shown, as an id.

    A row whose `published` column is true was printed by the source and is shown
    as printed (AS_PRINTED); only derived cells (published false) below the threshold
    are masked (FEWER_THAN_5). A missing value is NOT_REPORTED.
    """
    return frame.with_columns(
        mask=pl.when(pl.col(value).is_null()).then(pl.lit(NOT_REPORTED))
        .when(~pl.col(published) & (pl.col(value) < THRESHOLD) & (pl.col(value) > 0)).then(pl.lit(FEWER_THAN_5))
        .otherwise(pl.lit(AS_PRINTED))
    )
