"""Our translations beside the data: a free-text column `<column>` (English, as curated) may
have `<column>_ru` and `<column>_ky` next to it (data/meta declares them; tools/translations
writes them). One rule for every reader of them, public pages and the documents' names alike:
the reader's language where a translation is given, the English otherwise."""
from __future__ import annotations

import polars as pl

from i18n import DEFAULT, current


def localise(frame: pl.DataFrame, *columns: str, lang: str | None = None) -> pl.DataFrame:
    """Replace each free-text column with its translation (`<column>_<lang>`) where one exists
    (`lang`: default, the current language)."""
    lang = lang or current()
    out = frame
    for column in columns:
        local = f"{column}_{lang}"
        if lang != DEFAULT and local in frame.columns and column in frame.columns:
            out = out.with_columns(pl.coalesce(pl.col(local).replace("", None), pl.col(column)).alias(column))
    return out
