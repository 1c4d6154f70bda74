"""The data's own vocabulary (measures, units, statuses, forms of exploitation,
themes, ...) in the current language, labelled in `data/meta/vocabularies.yml`. A
missing translation falls back to English, never to an empty cell.

Names of regions, countries, reporters and sources, and free text with `<column>_ru`
and `<column>_ky` beside it (`localise`), are in `ui.labels`, the one label layer,
which builds on `term()` / `terms()` / `translated()` here.
"""
from __future__ import annotations

import polars as pl

from i18n import current


def _terms(lang: str) -> dict[tuple[str, str], str]:
    """(vocabulary, term) -> label in `lang`, from data/meta/vocabularies.yml (parsed once)."""
    from data.metadata import labels

    return labels(lang)


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
