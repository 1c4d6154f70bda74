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

Every yml is read like the data files: watched (`data/watch.py`, re-checked at most once a
second, a fixed file is picked up) and validated at read (required keys, types, the three
languages, known patterns, vocabularies and blocks). A file that is missing, empty, not
UTF-8, not YAML or wrongly built never raises: the last good copy read in this process is
served, else a minimal built-in description (a table's columns from its CSV header, as text
unless a shared block types them; no vocabulary checks), and `problems()` names the file and
the entry (the Sources page lists them). RAPPORTEUR_META_DIR points the app at another
folder (the fault tests use broken copies; the real files are never touched).
"""
from __future__ import annotations

import csv
import os
import re
import threading
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import yaml

from data.releases import current_data_dir
from data import watch
from data.watch import Problem, Watched
from i18n import vocabulary as i18n_vocabulary

DATA_DIR = Path(__file__).resolve().parent
META_DIR = DATA_DIR / "meta"  # the committed metadata
LANGUAGES = ("en", "ru", "ky")
TYPES = ("string", "integer", "float")
CHECKS = ("pattern", "range", "min", "vocabulary", "reference")
CATALOGUE, VOCABULARIES, DERIVED = "catalogue.yml", "vocabularies.yml", "derived_columns.yml"
# The reference tables, when even the catalogue cannot be read (the loader needs their names).
BUILTIN_REFERENCES = ("sources", "regions", "reporters", "countries")
# The types of the numeric columns, for a table described by the built-in minimal description
# when even the catalogue's blocks are not at hand (every other column is text).
BUILTIN_TYPES = {"value": "float", "year": "integer", "min_years": "float", "max_years": "float",
                 "point_lat": "float", "point_lon": "float", "year_published": "integer"}
ANY = r"^[\s\S]*$"  # the pattern of a check that a broken catalogue no longer defines

Text = dict[str, str]  # language -> text


class MetadataError(ValueError):
    """A metadata file that cannot be used (names the file and the entry)."""


def meta_dir() -> Path:
    """The metadata folder in use: RAPPORTEUR_META_DIR when set, else data/meta."""
    return Path(os.environ.get("RAPPORTEUR_META_DIR") or META_DIR)


def _read(file: str) -> Any:
    """One yml of the folder in use as parsed YAML, unchecked (tests and tools)."""
    with open(meta_dir() / file, encoding="utf-8") as fh:
        # libyaml's safe loader: the same safe subset as yaml.safe_load, about six times faster.
        return yaml.load(fh, Loader=yaml.CSafeLoader)


def _text(value: Any, where: str, every_language: bool = False) -> Text:
    """A {language: text} mapping; a bare string is English only. `every_language`: the
    text must be there in en, ru and ky."""
    if value is None:
        out: Text = {}
    elif isinstance(value, str):
        out = {"en": value}
    elif isinstance(value, dict):
        out = {str(k): str(v) for k, v in value.items() if v is not None and not isinstance(v, (dict, list))}
        if len(out) != len([v for v in value.values() if v is not None]):
            raise MetadataError(f"{where}: expected text in {', '.join(LANGUAGES)}")
    else:
        raise MetadataError(f"{where}: expected text in {', '.join(LANGUAGES)}")
    if every_language:
        missing = [lang for lang in LANGUAGES if not out.get(lang, "").strip()]
        if missing:
            raise MetadataError(f"{where}: missing in {', '.join(missing)}")
    return out


def _texts(value: Any, where: str) -> dict[str, tuple[str, ...]]:
    """A {language: [text, ...]} mapping (caveats)."""
    if not value:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, (list, type(None))) for v in value.values()):
        raise MetadataError(f"{where}: expected a list of texts per language")
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


def _column(name: str, spec: Any, where: str, patterns: dict[str, Any] | None = None,
            vocabularies: dict[str, Vocabulary] | None = None) -> Column:
    """One column spec, checked. `patterns` / `vocabularies`: the names a check may use
    (None: not checked here)."""
    if not isinstance(spec, dict):
        raise MetadataError(f"{where}: column '{name}' needs type, required and title")
    kind = spec.get("type", "string")
    if kind not in TYPES:
        raise MetadataError(f"{where}: column '{name}' has unknown type '{kind}'")
    checks = spec.get("checks") or {}
    if not isinstance(checks, dict):
        raise MetadataError(f"{where}: column '{name}' checks must be a mapping")
    unknown = [c for c in checks if c not in CHECKS]
    if unknown:
        raise MetadataError(f"{where}: column '{name}' has unknown checks {unknown}")
    if patterns is not None and "pattern" in checks and checks["pattern"] not in patterns:
        raise MetadataError(f"{where}: column '{name}' names unknown pattern '{checks['pattern']}'")
    if vocabularies is not None and "vocabulary" in checks and checks["vocabulary"] not in vocabularies:
        raise MetadataError(f"{where}: column '{name}' names unknown vocabulary '{checks['vocabulary']}'")
    if "range" in checks and not (isinstance(checks["range"], list) and len(checks["range"]) == 2):
        raise MetadataError(f"{where}: column '{name}' range must be [low, high]")
    return Column(
        name=name,
        type=kind,
        required=bool(spec.get("required", False)),
        checks=tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in checks.items()),
        title=_text(spec.get("title"), f"{where}: column '{name}' title", every_language=True),
        description=_text(spec.get("description"), f"{where}: column '{name}' description"),
    )


def _columns(specs: Any, where: str, patterns: dict[str, Any] | None = None,
             vocabularies: dict[str, Vocabulary] | None = None) -> dict[str, Column]:
    if specs is not None and not isinstance(specs, dict):
        raise MetadataError(f"{where}: 'columns' must be a mapping of column names")
    return {str(name): _column(str(name), spec, where, patterns, vocabularies)
            for name, spec in (specs or {}).items()}


# --- reading and checking each file ------------------------------------------------------------

def _yaml(file: str, path: Path) -> tuple[dict | None, list[Problem]]:
    """The file as a YAML mapping, or None with the reason."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(file, None, None, "file is missing")]
    except OSError as exc:
        return None, [Problem(file, None, None, f"file cannot be read ({exc.strerror})")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(file, None, None, f"file is not UTF-8 text ({exc.reason})")]
    if not text.strip():
        return None, [Problem(file, None, None, "file is empty")]
    try:
        doc = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or type(exc).__name__
        return None, [Problem(file, mark.line + 1 if mark else None, None, f"file is not valid YAML ({reason})")]
    if not isinstance(doc, dict):
        return None, [Problem(file, None, None, "file does not hold a mapping of keys")]
    return doc, []


def _build_catalogue(doc: dict) -> dict[str, Any]:
    for key in ("datasets", "reference_tables"):
        if not isinstance(doc.get(key), list) or not all(isinstance(n, str) for n in doc[key]):
            raise MetadataError(f"'{key}' must be a list of table names")
    patterns = doc.get("patterns")
    if not isinstance(patterns, dict):
        raise MetadataError("'patterns' must be a mapping of pattern names")
    for name, spec in patterns.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("regex"), str):
            raise MetadataError(f"pattern '{name}' needs a regex")
        try:
            re.compile(spec["regex"])
        except re.error as exc:
            raise MetadataError(f"pattern '{name}': the regex does not compile ({exc})") from None
        _text(spec.get("title"), f"pattern '{name}' title")
    blocks = doc.get("blocks") or {}
    if not isinstance(blocks, dict):
        raise MetadataError("'blocks' must be a mapping of block names")
    built = {str(name): _columns(cols, f"block '{name}'", patterns) for name, cols in blocks.items()}
    return {**doc, "patterns": patterns, "blocks": built}


def _build_vocabularies(doc: dict) -> dict[str, Vocabulary]:
    out = {}
    for name, spec in doc.items():
        if not isinstance(spec, dict) or not isinstance(spec.get("terms"), dict):
            raise MetadataError(f"vocabulary '{name}' needs title and terms")
        terms = {}
        for term, labels in spec["terms"].items():
            if not isinstance(term, str):  # yes/no/on/off/null unquoted become booleans in YAML
                raise MetadataError(f"vocabulary '{name}' has a term {term!r} that is not text; quote it")
            terms[term] = _text(labels, f"vocabulary '{name}', term '{term}'", every_language=True)
        out[str(name)] = Vocabulary(str(name), _text(spec.get("title"), f"vocabulary '{name}' title"), terms)
    return out


def _build_derived(doc: dict) -> dict[str, Text]:
    return {str(k): _text(v, f"column '{k}'", every_language=True) for k, v in doc.items()}


def _build_table(name: str, doc: dict) -> Table:
    """One table's metadata, checked against the catalogue's blocks and patterns and the
    vocabularies in use (a broken catalogue or vocabularies file is reported on its own:
    then the checks it would define are left out rather than failing every table)."""
    if doc.get("name") != name:
        raise MetadataError(f"'name' must be '{name}'")
    kind = doc.get("kind", "dataset")
    if kind not in ("dataset", "reference"):
        raise MetadataError(f"'kind' must be dataset or reference, not '{kind}'")
    # A broken catalogue or vocabularies file serves its last good copy (checked against as
    # usual), else a built-in one that defines no patterns, blocks or vocabularies.
    cat, vocabs = _served(CATALOGUE)[0], _served(VOCABULARIES)[0]
    cat_ok, vocabs_ok = not cat.get("builtin"), bool(vocabs)
    columns: dict[str, Column] = {}
    includes = [*(doc.get("include_before") or []), "", *(doc.get("include_after") or [])]
    own = _columns(doc.get("columns"), "", cat["patterns"] if cat_ok else None, vocabs if vocabs_ok else None)
    for include in includes:
        if include and include not in cat["blocks"]:
            raise MetadataError(f"no column block named '{include}' in {CATALOGUE}")
        for col_name, col in (cat["blocks"][include] if include else own).items():
            if vocabs_ok and col.vocabulary and col.vocabulary not in vocabs:
                raise MetadataError(f"column '{col_name}' names unknown vocabulary '{col.vocabulary}'")
            if col_name in columns:
                raise MetadataError(f"column '{col_name}' is declared twice")
            columns[col_name] = col
    if not vocabs_ok:  # no vocabulary checks without the vocabularies
        columns = {n: _without(c, "vocabulary") for n, c in columns.items()}
    if not cat_ok:
        columns = {n: _without(c, "pattern") for n, c in columns.items()}
    key = doc.get("key") or []
    if not isinstance(key, list):
        raise MetadataError("'key' must be a list of column names")
    missing = [k for k in key if k not in columns]
    if missing:
        raise MetadataError(f"key names undeclared columns {missing}")
    return Table(
        name=name,
        kind=kind,
        file=str(doc.get("file", f"{name}.csv")),
        title=_text(doc.get("title"), "title", every_language=True),
        row=_text(doc.get("row"), "row"),
        description=_text(doc.get("description"), "description"),
        caveats=_texts(doc.get("caveats"), "caveats"),
        licence=_text(doc.get("licence"), "licence"),
        figures=bool(doc.get("figures", False)),
        key=tuple(str(k) for k in key),
        columns=columns,
    )


def _without(col: Column, *kinds: str) -> Column:
    return Column(col.name, col.type, col.required, tuple((k, v) for k, v in col.checks if k not in kinds),
                  col.title, col.description)


# --- built-in minimal descriptions (a broken file, and no good copy read in this process) ---------

def _data_folder() -> Path:
    """The data folder in use (as data/load.py's folder(), which imports this module)."""
    return Path(os.environ.get("RAPPORTEUR_DATA_DIR") or current_data_dir() or DATA_DIR)


def _builtin_catalogue(base: Path) -> dict[str, Any]:
    """The tables are the yml files beside it; no patterns, no blocks."""
    special = {CATALOGUE, VOCABULARIES, DERIVED}
    names = sorted(p.stem for p in base.glob("*.yml") if p.name not in special)
    return {"datasets": [n for n in names if n not in BUILTIN_REFERENCES],
            "reference_tables": list(BUILTIN_REFERENCES), "languages": list(LANGUAGES),
            "patterns": {}, "blocks": {}, "builtin": True}


def _readable(name: str) -> str:
    """A name for readers when no title is at hand: 'destination_mentions' -> 'Destination mentions'."""
    return name.replace("_", " ").capitalize()


def _builtin_table(name: str) -> Table:
    """The columns of the table's CSV header, as text (typed as a shared block types a column
    of that name, else as BUILTIN_TYPES; no vocabulary or reference checks), titled by their names."""
    file = f"{name}.csv"
    try:
        with open(_data_folder() / file, newline="", encoding="utf-8-sig") as fh:
            header = next(csv.reader(fh), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        header = []
    cat, _ok = _served(CATALOGUE)
    typed = {n: c for cols in cat["blocks"].values() for n, c in cols.items()}
    columns = {}
    for column in (h.strip() for h in header):
        if column and column not in columns:
            spec = typed.get(column)
            columns[column] = (_without(spec, "vocabulary", "reference") if spec else
                               Column(column, BUILTIN_TYPES.get(column, "string"), False, (),
                                      {"en": _readable(column)}, {}))
    reference = name in BUILTIN_REFERENCES
    return Table(name=name, kind="reference" if reference else "dataset", file=file, title={"en": _readable(name)},
                 row={}, description={}, caveats={}, licence={},
                 figures={"value", "unit", "note"} <= set(columns) and columns["value"].type == "float",
                 key=(next(iter(columns)),) if reference and columns else (), columns=columns)


# --- the watched files --------------------------------------------------------------------------

_watched: dict[str, Watched] = {}
_watched_lock = threading.Lock()
_last_good: dict[str, Any] = {}  # file -> the last value read from it that passed, in this process


def _builder(file: str) -> tuple[Callable[[dict], Any], Callable[[Path], Any]]:
    """How a file is built from its YAML, and its built-in fallback (given its folder)."""
    if file == CATALOGUE:
        return _build_catalogue, _builtin_catalogue
    if file == VOCABULARIES:
        return _build_vocabularies, lambda base: {}
    if file == DERIVED:
        return _build_derived, lambda base: {}
    name = file[:-len(".yml")]
    return (lambda doc: _build_table(name, doc)), (lambda base: _builtin_table(name))


def _parse(file: str, path: Path) -> tuple[Any, list[Problem]]:
    build, builtin = _builder(file)
    doc, problems = _yaml(file, path)
    if doc is not None:
        try:
            value = build(doc)
        except MetadataError as exc:
            problems = [Problem(file, None, None, str(exc).lstrip(": "))]
        else:
            _last_good[file] = value
            return value, []
    if file in _last_good:
        note = "the last good copy of this file read since the app started is used"
        value = _last_good[file]
        if isinstance(value, Table):  # its vocabularies may have gone since: no check against none
            vocabs = _served(VOCABULARIES)[0]
            value = replace(value, columns={n: c if not c.vocabulary or c.vocabulary in vocabs
                                            else _without(c, "vocabulary") for n, c in value.columns.items()})
    else:
        note = "no good copy of this file was read since the app started: a minimal description is used"
        value = builtin(path.parent)
    return value, [*problems, Problem(file, None, None, note)]


def _depends(file: str) -> Callable[[Path], Any]:
    """A table's checks depend on the catalogue (blocks, patterns) and the vocabularies."""
    if file in (CATALOGUE, VOCABULARIES, DERIVED):
        return lambda base: None
    return lambda base: (_watch(CATALOGUE).state(base, track=False).served.stamp,
                         _watch(VOCABULARIES).state(base, track=False).served.stamp)


def _watch(file: str) -> Watched:
    watched = _watched.get(file)
    if watched is None:
        with _watched_lock:
            watched = _watched.get(file)
            if watched is None:
                watched = Watched(f"meta/{file}", file, meta_dir, lambda path, f=file: _parse(f, path),
                                  _depends(file), register=False)
                _watched[file] = watched
    return watched


def _served(file: str) -> tuple[Any, bool]:
    """The value served for a file of the folder in use, and whether it is the file's own
    reading (not a last good copy or the built-in description)."""
    copy = _watch(file).state(track=False).served
    return copy.value, not copy.problems


def _files() -> tuple[str, ...]:
    return (CATALOGUE, VOCABULARIES, DERIVED, *(f"{n}.yml" for n in (*dataset_names(), *reference_names())))


_versions: dict[str, tuple[float, tuple]] = {}  # folder -> (when computed, version)


def version() -> tuple:
    """Changes whenever a metadata file served changes (the files are checked against the disk
    at most once a second): part of the keys of what is built from the metadata (schemas)."""
    base, now = str(meta_dir()), watch.monotonic()
    hit = _versions.get(base)
    if hit is not None and now - hit[0] < watch.CHECK_EVERY:
        return hit[1]
    out = (base, *(_watch(f).state(track=False).served.stamp for f in _files()))
    _versions[base] = (now, out)
    return out


def problems() -> list[Problem]:
    """What is wrong with each metadata file (file and entry), including a newer copy on disk
    that was refused while the last good copy is served."""
    return [p for f in _files() for p in _watch(f).state(track=False).problems]


# --- what the rest of the app reads ---------------------------------------------------------------

def catalogue() -> dict[str, Any]:
    """data/meta/catalogue.yml: the tables in order, shared patterns and column blocks."""
    return _served(CATALOGUE)[0]


def pattern(name: str) -> str:
    """The regular expression of a named pattern (`lines`, `date`, ...); any text when the
    catalogue in use does not define it."""
    spec = catalogue()["patterns"].get(name)
    return spec["regex"] if spec else ANY


def pattern_title(name: str) -> Text:
    """How the data dictionary describes a named pattern, in every language."""
    spec = catalogue()["patterns"].get(name) or {}
    return _text(spec.get("title"), f"{CATALOGUE}: pattern '{name}'")


def block(name: str) -> dict[str, Column]:
    """A shared group of columns (`figure`, `period`, `provenance`)."""
    blocks = catalogue()["blocks"]
    if name not in blocks:
        raise MetadataError(f"{CATALOGUE}: no column block named '{name}'")
    return blocks[name]


def table(name: str) -> Table:
    """The metadata of one table, with its blocks merged in order."""
    return _served(f"{name}.yml")[0]


def dataset_names() -> tuple[str, ...]:
    """The curated datasets, in the order the app lists them."""
    return tuple(catalogue()["datasets"])


def reference_names() -> tuple[str, ...]:
    """The reference tables (sources, regions, reporters, countries)."""
    return tuple(catalogue()["reference_tables"])


def tables() -> dict[str, Table]:
    """Every table, datasets first."""
    return {n: table(n) for n in (*dataset_names(), *reference_names())}


def vocabularies() -> dict[str, Vocabulary]:
    """Every vocabulary in data/meta/vocabularies.yml."""
    return _served(VOCABULARIES)[0]


def vocabulary(name: str) -> tuple[str, ...]:
    """The allowed values (terms) of one vocabulary (none when the vocabularies in use lack it)."""
    vocab = vocabularies().get(name)
    return tuple(vocab.terms) if vocab else ()


def labels(lang: str) -> dict[tuple[str, str], str]:
    """(vocabulary, term) -> label in `lang` (English where that language has none)."""
    return _labels(lang, _watch(VOCABULARIES).state(track=False).served.stamp, str(meta_dir()))


@lru_cache(maxsize=16)
def _labels(lang: str, stamp: Any, base: str) -> dict[tuple[str, str], str]:
    return {(v.name, term): names.get(lang) or names.get("en") or term
            for v in vocabularies().values() for term, names in v.terms.items()}


# i18n (below data/) shows the labels of the vocabularies in use, checked and watched here.
i18n_vocabulary.use_labels(labels)


def derived_columns() -> dict[str, Text]:
    """Titles of the columns the app computes (change, share, ...), which no table declares."""
    return _served(DERIVED)[0]


def column_titles() -> dict[str, Text]:
    """Column id -> title, for every declared column of every table and every derived column.

    A column id means the same in every table that has it, so the first declaration wins."""
    return _column_titles(version())


@lru_cache(maxsize=8)
def _column_titles(version: tuple) -> dict[str, Text]:
    out: dict[str, Text] = {}
    for t in tables().values():
        for name, col in t.columns.items():
            out.setdefault(name, col.title)
    for name, title in derived_columns().items():
        out.setdefault(name, title)
    return out
