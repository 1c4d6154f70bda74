"""The metadata of every table in data/, read from data/meta/*.yml (once per process).

Each table is described once, in `data/meta/<table>.yml`: title, description, how to
read it, licence note, key, whether it holds figures, and its columns (type, required,
checks, title in every language). Column groups that several tables share (the figure
columns, the period, the provenance) are `blocks` in `data/meta/catalogue.yml`; a table
pulls them in with `include_before` / `include_after`. `data/meta/vocabularies.yml`
holds every vocabulary: its terms are both the allowed values of the columns that name
it and their labels in en, ru and ky.

Everything else is built from here: the pandera schemas (`data/schemas.py`), the term
labels (`ui/labels.py`), the column headers (`ui/tables.py`) and the data dictionary
(`data/dictionary.py`). Plain data only: no Streamlit, no gettext.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from i18n.vocabulary import labels as term_labels
from i18n.vocabulary import read as read_vocabularies

DATA_DIR = Path(__file__).resolve().parent
META_DIR = DATA_DIR / "meta"
LANGUAGES = ("en", "ru", "ky")
TYPES = ("string", "integer", "float")
CHECKS = ("pattern", "range", "min", "vocabulary", "reference")

Text = dict[str, str]  # language -> text


class MetadataError(ValueError):
    """A metadata file that cannot be used (names the file and the entry)."""


@lru_cache(maxsize=None)
def _read(file: str) -> Any:
    path = META_DIR / file
    with open(path, encoding="utf-8") as fh:
        # libyaml's safe loader: the same safe subset as yaml.safe_load, about six times faster.
        return yaml.load(fh, Loader=yaml.CSafeLoader)


def _text(value: Any, where: str) -> Text:
    """A {language: text} mapping; a bare string is English only."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {"en": value}
    if not isinstance(value, dict):
        raise MetadataError(f"{where}: expected text in {', '.join(LANGUAGES)}")
    return {str(k): str(v) for k, v in value.items() if v is not None}


def _texts(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    """A {language: [text, ...]} mapping (caveats)."""
    if not value:
        return {}
    return {str(k): tuple(str(x) for x in (v or [])) for k, v in value.items()}


def text_in(text: Text, lang: str) -> str:
    """`text` in `lang`, falling back to English (never empty when English exists)."""
    return text.get(lang) or text.get("en") or ""


@dataclass(frozen=True)
class Column:
    """One declared column."""

    name: str
    type: str
    required: bool
    checks: tuple[tuple[str, Any], ...]
    title: Text
    description: Text

    def check(self, kind: str) -> Any:
        return dict(self.checks).get(kind)

    @property
    def vocabulary(self) -> str | None:
        return self.check("vocabulary")

    @property
    def reference(self) -> str | None:
        return self.check("reference")


@dataclass(frozen=True)
class Table:
    """The metadata of one CSV file in data/ (a dataset or a reference table)."""

    name: str
    kind: str  # "dataset" or "reference"
    file: str
    title: Text
    row: Text
    description: Text
    caveats: dict[str, tuple[str, ...]]
    licence: Text
    figures: bool
    key: tuple[str, ...]
    columns: dict[str, Column]


@dataclass(frozen=True)
class Vocabulary:
    name: str
    title: Text
    terms: dict[str, Text]  # term -> labels


def _column(name: str, spec: Any, where: str) -> Column:
    if not isinstance(spec, dict):
        raise MetadataError(f"{where}: column '{name}' needs type, required and title")
    kind = spec.get("type", "string")
    if kind not in TYPES:
        raise MetadataError(f"{where}: column '{name}' has unknown type '{kind}'")
    checks = spec.get("checks") or {}
    unknown = [c for c in checks if c not in CHECKS]
    if unknown:
        raise MetadataError(f"{where}: column '{name}' has unknown checks {unknown}")
    patterns = catalogue()["patterns"]
    if "pattern" in checks and checks["pattern"] not in patterns:
        raise MetadataError(f"{where}: column '{name}' names unknown pattern '{checks['pattern']}'")
    if "vocabulary" in checks and checks["vocabulary"] not in vocabularies():
        raise MetadataError(f"{where}: column '{name}' names unknown vocabulary '{checks['vocabulary']}'")
    return Column(
        name=name,
        type=kind,
        required=bool(spec.get("required", False)),
        checks=tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in checks.items()),
        title=_text(spec.get("title"), f"{where}: column '{name}' title"),
        description=_text(spec.get("description"), f"{where}: column '{name}' description"),
    )


def _columns(specs: Any, where: str) -> dict[str, Column]:
    return {str(name): _column(str(name), spec, where) for name, spec in (specs or {}).items()}


@lru_cache(maxsize=None)
def catalogue() -> dict[str, Any]:
    """data/meta/catalogue.yml: the tables in order, shared patterns and column blocks."""
    return _read("catalogue.yml")


def pattern(name: str) -> str:
    """The regular expression of a named pattern (`lines`, `date`, ...)."""
    return catalogue()["patterns"][name]["regex"]


def pattern_title(name: str) -> Text:
    """How the data dictionary describes a named pattern, in every language."""
    return _text(catalogue()["patterns"][name].get("title"), f"catalogue.yml: pattern '{name}'")


@lru_cache(maxsize=None)
def block(name: str) -> dict[str, Column]:
    """A shared group of columns (`figure`, `period`, `provenance`)."""
    blocks = catalogue().get("blocks") or {}
    if name not in blocks:
        raise MetadataError(f"catalogue.yml: no column block named '{name}'")
    return _columns(blocks[name], f"catalogue.yml, block '{name}'")


@lru_cache(maxsize=None)
def table(name: str) -> Table:
    """The metadata of one table, with its blocks merged in order."""
    file = f"{name}.yml"
    doc = _read(file)
    if not isinstance(doc, dict) or doc.get("name") != name:
        raise MetadataError(f"{file}: 'name' must be '{name}'")
    columns: dict[str, Column] = {}
    parts = [*(block(b) for b in doc.get("include_before") or []),
             _columns(doc.get("columns"), file),
             *(block(b) for b in doc.get("include_after") or [])]
    for part in parts:
        for col_name, col in part.items():
            if col_name in columns:
                raise MetadataError(f"{file}: column '{col_name}' is declared twice")
            columns[col_name] = col
    key = tuple(doc.get("key") or ())
    missing = [k for k in key if k not in columns]
    if missing:
        raise MetadataError(f"{file}: key names undeclared columns {missing}")
    return Table(
        name=name,
        kind=doc.get("kind", "dataset"),
        file=doc.get("file", f"{name}.csv"),
        title=_text(doc.get("title"), f"{file} title"),
        row=_text(doc.get("row"), f"{file} row"),
        description=_text(doc.get("description"), f"{file} description"),
        caveats=_texts(doc.get("caveats"), f"{file} caveats"),
        licence=_text(doc.get("licence"), f"{file} licence"),
        figures=bool(doc.get("figures", False)),
        key=key,
        columns=columns,
    )


def dataset_names() -> tuple[str, ...]:
    """The curated datasets, in the order the app lists them."""
    return tuple(catalogue()["datasets"])


def reference_names() -> tuple[str, ...]:
    """The reference tables (sources, regions, reporters, countries)."""
    return tuple(catalogue()["reference_tables"])


def tables() -> dict[str, Table]:
    """Every table, datasets first."""
    return {n: table(n) for n in (*dataset_names(), *reference_names())}


@lru_cache(maxsize=None)
def vocabularies() -> dict[str, Vocabulary]:
    """Every vocabulary in data/meta/vocabularies.yml."""
    doc = read_vocabularies(str(META_DIR / "vocabularies.yml"))
    out = {}
    for name, spec in doc.items():
        terms = {}
        for term, labels in (spec.get("terms") or {}).items():
            if not isinstance(term, str):  # yes/no/on/off/null unquoted become booleans in YAML
                raise MetadataError(f"vocabularies.yml: vocabulary '{name}' has a term {term!r} that is "
                                    "not text; quote it")
            terms[term] = _text(labels, f"vocabularies.yml: {name}.{term}")
        out[str(name)] = Vocabulary(str(name), _text(spec.get("title"), f"vocabularies.yml: {name}"), terms)
    return out


def vocabulary(name: str) -> tuple[str, ...]:
    """The allowed values (terms) of one vocabulary."""
    return tuple(vocabularies()[name].terms)


def labels(lang: str) -> dict[tuple[str, str], str]:
    """(vocabulary, term) -> label in `lang` (English where that language has none)."""
    return term_labels(lang, str(META_DIR / "vocabularies.yml"))


@lru_cache(maxsize=None)
def derived_columns() -> dict[str, Text]:
    """Titles of the columns the app computes (change, share, ...), which no table declares."""
    doc = _read("derived_columns.yml") or {}
    return {str(k): _text(v, f"derived_columns.yml: {k}") for k, v in doc.items()}


@lru_cache(maxsize=None)
def column_titles() -> dict[str, Text]:
    """Column id -> title, for every declared column of every table and every derived column.

    A column id means the same in every table that has it, so the first declaration wins."""
    out: dict[str, Text] = {}
    for t in tables().values():
        for name, col in t.columns.items():
            out.setdefault(name, col.title)
    for name, title in derived_columns().items():
        out.setdefault(name, title)
    return out
