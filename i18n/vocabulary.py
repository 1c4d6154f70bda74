"""Labels of the data's own terms (measures, units, statuses, ...), read from
data/meta/vocabularies.yml.

i18n is the lowest layer: it reads the file by its path instead of importing data/.
data.metadata parses the same file through `read()`, so it is parsed once per process.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
VOCABULARIES = DATA_DIR / "meta" / "vocabularies.yml"


@lru_cache(maxsize=None)
def read(path: str = str(VOCABULARIES)) -> dict[str, Any]:
    """The vocabularies file as parsed YAML: {vocabulary: {title: ..., terms: {term: {en, ru, ky}}}}."""
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=yaml.CSafeLoader) or {}  # safe subset, libyaml (fast)


@lru_cache(maxsize=None)
def labels(lang: str, path: str = str(VOCABULARIES)) -> dict[tuple[str, str], str]:
    """(vocabulary, term) -> label in `lang`; English where `lang` has none, the term itself
    where neither exists."""
    out: dict[tuple[str, str], str] = {}
    for vocabulary, spec in read(path).items():
        for term, names in ((spec or {}).get("terms") or {}).items():
            names = names or {}
            out[(str(vocabulary), str(term))] = names.get(lang) or names.get("en") or str(term)
    return out
