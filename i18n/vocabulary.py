"""Labels of the data's own terms (measures, units, statuses, ...), read from
data/meta/vocabularies.yml.

i18n is the lowest layer: it does not import data/. data.metadata, which reads, checks and
watches the file (a broken file falls back to the last good copy), hands its labels down
through `use_labels()` when it is imported. Before that (or in a tool that never imports
data/), the file is read here by its path; a file that cannot be read gives no labels (terms
are then shown as they are), never an exception.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
VOCABULARIES = DATA_DIR / "meta" / "vocabularies.yml"
log = logging.getLogger(__name__)

_provider: Callable[[str], dict[tuple[str, str], str]] | None = None


def use_labels(provider: Callable[[str], dict[tuple[str, str], str]]) -> None:
    """Take the labels from `provider(lang)` (data.metadata: the checked, watched vocabularies)."""
    global _provider
    _provider = provider


@lru_cache(maxsize=None)
def read(path: str = str(VOCABULARIES)) -> dict[str, Any]:
    """The vocabularies file as parsed YAML: {vocabulary: {title: ..., terms: {term: {en, ru, ky}}}};
    {} (with one logged warning) when it cannot be read."""
    try:
        with open(path, encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=yaml.CSafeLoader)  # safe subset, libyaml (fast)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        log.warning("vocabularies %s cannot be read (%s): terms are shown as they are", path, type(exc).__name__)
        return {}
    return doc if isinstance(doc, dict) else {}


def labels(lang: str, path: str | None = None) -> dict[tuple[str, str], str]:
    """(vocabulary, term) -> label in `lang`; English where `lang` has none, the term itself
    where neither exists."""
    if path is None and _provider is not None:
        return _provider(lang)
    return _file_labels(lang, path or str(VOCABULARIES))


@lru_cache(maxsize=None)
def _file_labels(lang: str, path: str) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for vocabulary, spec in read(path).items():
        terms = spec.get("terms") if isinstance(spec, dict) else None
        for term, names in (terms if isinstance(terms, dict) else {}).items():
            names = names if isinstance(names, dict) else {}
            out[(str(vocabulary), str(term))] = names.get(lang) or names.get("en") or str(term)
    return out
