"""The data's own vocabulary (measures, units, statuses, forms of exploitation,
themes, ...) in the current language, translated in `data/terms.csv`. A missing
translation falls back to English, never to an empty cell.

Names of regions, countries, reporters and sources, and free text with `<column>_ru`
and `<column>_ky` beside it (`localise`), are in `ui.labels`, the one label layer,
which builds on `term()` / `terms()` / `translated()` here.
"""
from __future__ import annotations

from functools import lru_cache

import polars as pl

from i18n import DEFAULT, current


def _column(table: pl.DataFrame, base: str, lang: str) -> str:
    wanted = f"{base}_{lang}"
    return wanted if wanted in table.columns else f"{base}_{DEFAULT}"


@lru_cache(maxsize=None)
def _terms(lang: str) -> dict[tuple[str, str], str]:
    from data.load import reference

    try:
        table = reference("terms")
    except (OSError, ValueError):  # no vocabulary file: terms are shown as written
        return {}
    column = _column(table, "name", lang)
    return {(v, t): (local or english or t) for v, t, english, local
            in zip(table["vocabulary"], table["term"], table["name_en"], table[column])}


def term(vocabulary: str, key: str | None) -> str:
    """A data term in the current language: term("status", "implemented") -> 'выполнена'.

    An unknown term is shown as written, with underscores as spaces."""
    if key is None or key == "":
        return ""
    return _terms(current()).get((vocabulary, key)) or str(key).replace("_", " ")


def terms(vocabulary: str) -> dict[str, str]:
    """term -> name in the current language, for one vocabulary (for `pl.col(...).replace`)."""
    return {t: name for (v, t), name in _terms(current()).items() if v == vocabulary}


def translated(frame: pl.DataFrame, vocabularies: dict[str, str]) -> pl.DataFrame:
    """Each text column named in `vocabularies` ({column: vocabulary}) with its ids replaced
    by their names in the current language (`term`), for display: keys, filters and charts
    keep the ids. Absent or non-text columns are left alone."""
    columns = {c: pl.col(c).replace({t: term(v, t) for t in frame[c].drop_nulls().unique().to_list()})
               for c, v in vocabularies.items() if c in frame.columns and frame[c].dtype == pl.String}
    return frame.with_columns(**columns) if columns else frame


def capitalised(text: str) -> str:
    """A name from the data with a capital first letter ('partially implemented' ->
    'Partially implemented'); the rest as written."""
    return text[:1].upper() + text[1:]
