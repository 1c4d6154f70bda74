"""Names that come from the data, in the current language.

Regions, countries and reporters have `name_en`, `name_ru` and `name_ky` in their
reference tables; the data's own vocabulary (measures, units, statuses, forms of
exploitation, themes, ...) is labelled in `data/meta/vocabularies.yml`; free text that we
wrote (summaries, events, gaps) has `<column>_ru` and `<column>_ky` beside it.
A missing translation falls back to English, never to an empty cell.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import lru_cache

import polars as pl

from i18n import DEFAULT, current
from i18n.vocabulary import DATA_DIR, labels


def _column(table: pl.DataFrame, base: str, lang: str) -> str:
    wanted = f"{base}_{lang}"
    return wanted if wanted in table.columns else f"{base}_{DEFAULT}"


class Names(dict):
    """id -> name; an id without a name (its reference table could not be read) is shown as it is."""

    def __missing__(self, key: str) -> str:
        return key


# The data layer hands this module its validated, watched reference tables (data.load
# registers a provider when it is imported): i18n sits below data/ and does not import it.
# Without a provider (i18n used on its own), the committed file is read by its path.
_provider: Callable[[str], tuple[pl.DataFrame, Hashable]] | None = None


def use_reference_tables(provider: Callable[[str], tuple[pl.DataFrame, Hashable]]) -> None:
    """Read reference tables through `provider(name) -> (table, version)` from now on."""
    global _provider
    _provider = provider


@lru_cache(maxsize=None)
def _reference(table_name: str) -> pl.DataFrame:
    """A reference table (regions, countries, reporters, sources) as text, read by its path."""
    return pl.read_csv(DATA_DIR / f"{table_name}.csv", infer_schema=False)


def _table(table_name: str) -> tuple[pl.DataFrame, Hashable]:
    if _provider is not None:
        return _provider(table_name)
    return _reference(table_name), ()


@lru_cache(maxsize=64)
def _names(table_name: str, base: str, lang: str, version: Hashable = ()) -> dict[str, str]:
    """`version`: the data version (a new copy of a reference table gives new names)."""
    table = _table(table_name)[0]
    ids = table[table.columns[0]]
    english = dict(zip(ids, table[f"{base}_{DEFAULT}"]))
    local = dict(zip(ids, table[_column(table, base, lang)]))
    return Names({k: (local.get(k) or english.get(k) or k) for k in english})


def names(table_name: str, short: bool = False) -> dict[str, str]:
    """id -> name in the current language, e.g. names("regions")["KG-C"] == "Чуйская область"."""
    return _names(table_name, "short" if short else "name", current(), _table(table_name)[1])


def name(table_name: str, key: str | None, short: bool = False) -> str:
    """One id's name in the current language (the id itself when unknown)."""
    if key is None:
        return ""
    return names(table_name, short).get(key, key)


def _terms(lang: str) -> dict[tuple[str, str], str]:
    """(vocabulary, term) -> label in `lang`, from data/meta/vocabularies.yml (parsed once)."""
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


def localise(frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
    """Replace each free-text column with its translation (`<column>_<lang>`) where one exists."""
    lang = current()
    out = frame
    for column in columns:
        local = f"{column}_{lang}"
        if lang != DEFAULT and local in frame.columns and column in frame.columns:
            out = out.with_columns(pl.coalesce(pl.col(local).replace("", None), pl.col(column)).alias(column))
    return out
