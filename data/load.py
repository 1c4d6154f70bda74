"""Read → validate → (valid rows, problems), for every table file the app reads.

A bad file or row never takes the app down: each dataset and reference table comes
back as the rows that pass its schema, plus a list of `Problem`s naming file, row
and column. Pages show the rows; the Sources page shows the problems.

Every file is watched (`data/watch.py`): read once per process and folder, checked
against the disk at most once a second, and a changed file is swapped in only if it
passes; otherwise the last good copy is served and the file is reported broken since
then. Where the source documents are at hand (`RAPPORTEUR_SOURCES`, default
../shared/sources), each figure's cited lines are checked at load: the lines must
exist and print the value.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import pandera.polars as pa
import polars as pl

from data import metadata, provenance
from data.releases import current_data_dir
from data.schemas import DATA_DIR, Dataset, dataset_from_metadata, datasets
from data import watch
from data.watch import Problem, Watched

__all__ = ["Problem", "Loaded", "load_dataset", "load_all", "loaded_datasets", "table", "problems",
           "reference", "labels", "data_dir", "folder", "data_version", "reference_version"]


@dataclass(frozen=True)
class Loaded:
    """A dataset's valid rows and what was wrong with the rest."""

    name: str
    frame: pl.DataFrame
    problems: tuple[Problem, ...]


def _empty(ds: Dataset) -> pl.DataFrame:
    dtypes = {name: col.dtype.type for name, col in ds.columns.items()}
    frame = pl.DataFrame(schema=dtypes)
    return _with_period(frame) if "period_start" in frame.columns else frame


def _read_text(path: Path, ds: Dataset) -> tuple[pl.DataFrame | None, list[Problem]]:
    """The file as all-text columns, or None with the reason."""
    name = path.name
    if not path.exists():
        return None, [Problem(name, None, None, "file is missing")]
    try:
        raw = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, None, None, f"file is not UTF-8 text ({exc.reason})")]
    if not raw.strip():
        return None, [Problem(name, None, None, "file is empty")]
    header = raw.lstrip("\ufeff").split("\n", 1)[0]
    if ";" in header and "," not in header:
        return None, [Problem(name, None, None, "columns are separated by ';', not ','")]
    try:
        frame = pl.read_csv(raw.encode("utf-8"), infer_schema=False)
    except Exception as exc:  # polars raises several types for malformed CSV
        return None, [Problem(name, None, None, f"file cannot be parsed as CSV ({type(exc).__name__})")]
    missing = [c for c in ds.columns if c not in frame.columns]
    if missing:
        return None, [
            Problem(name, None, c, "required column is missing from the header") for c in missing
        ]
    return frame, []


def _cast(frame: pl.DataFrame, ds: Dataset) -> tuple[pl.DataFrame, list[Problem]]:
    """Cast text to the declared types; a cell that does not parse is a problem, not a crash."""
    problems: list[Problem] = []
    bad = pl.Series("bad", [False] * frame.height)
    frame = frame.with_columns(pl.col(pl.String).str.strip_chars().replace("", None))
    casts = {}
    for name, col in ds.columns.items():
        target = col.dtype.type
        if target == pl.String:
            continue
        text = frame[name]
        if target == pl.Int64:
            as_float = text.cast(pl.Float64, strict=False)
            cast = as_float.cast(pl.Int64, strict=False)
            not_whole = as_float.is_not_null() & (as_float != as_float.floor())
            failed = (text.is_not_null() & as_float.is_null()) | not_whole.fill_null(False)
            cast = pl.when(failed).then(None).otherwise(cast)
            cast = frame.select(cast.alias(name))[name] if isinstance(cast, pl.Expr) else cast
        else:
            cast = text.cast(target, strict=False)
            failed = text.is_not_null() & cast.is_null()
        for idx in failed.arg_true().to_list():
            problems.append(
                Problem(ds.file, idx + 2, name, f"'{text[idx]}' is not a valid {target.__name__.lower()}")
            )
        bad = bad | failed
        casts[name] = cast
    frame = frame.with_columns(**casts).with_row_index("_row")
    return frame.filter(~bad), problems


def _has_flag(flag: str) -> pl.Expr:
    """True where the `;`-separated `flags` cell holds `flag`."""
    return pl.col("flags").fill_null("").str.split(";").list.contains(flag)


def _row_rules(frame: pl.DataFrame, ds: Dataset) -> tuple[pl.DataFrame, list[Problem]]:
    """Rules across columns that a per-column schema cannot state."""
    rules: list[tuple[pl.Expr, str | None, str]] = []
    if "period_start" in frame.columns:  # a year alone (penalties) needs no period
        # A cumulative "as of" figure has only an end: period_end is the as-of date.
        cumulative = _has_flag("cumulative") if "flags" in frame.columns else pl.lit(False)
        rules.append((
            pl.col("year").is_null() & (pl.col("period_start").is_null() | pl.col("period_end").is_null())
            & ~(cumulative & pl.col("period_end").is_not_null()),
            "year",
            "needs a year, or both period_start and period_end (or period_end and the flag cumulative)",
        ))
        if "flags" in frame.columns:
            rules.append((
                cumulative & (pl.col("year").is_not_null() | pl.col("period_start").is_not_null()),
                "period_start",
                "a cumulative figure has no start: leave year and period_start empty",
            ))
        rules.append((
            pl.col("period_start").is_not_null() & pl.col("period_end").is_not_null()
            & (pl.col("period_start") > pl.col("period_end")),
            "period_end",
            "period ends before it starts",
        ))
    if "min_years" in frame.columns and "max_years" in frame.columns:
        rules.append((
            pl.col("min_years") > pl.col("max_years"),
            "max_years",
            "the longest sentence is shorter than the shortest",
        ))
    if ds.figures:
        rules.append((
            pl.col("value").is_null() & pl.col("note").is_null(),
            "value",
            "a missing value needs a note saying why",
        ))
        rules.append((
            (pl.col("unit") == "percent") & (pl.col("value") > 100),
            "value",
            "a percentage above 100",
        ))
    if "lines" in frame.columns:
        bounds = pl.col("lines").str.split("-").list.eval(pl.element().cast(pl.Int64, strict=False))
        rules.append((bounds.list.first() > bounds.list.last(), "lines", "line range is reversed"))
    problems: list[Problem] = []
    bad = pl.lit(False)
    for expr, column, message in rules:
        hits = frame.filter(expr.fill_null(False))["_row"].to_list()
        problems += [Problem(ds.file, r + 2, column, message) for r in hits]
        bad = bad | expr.fill_null(False)
    return frame.filter(~bad), problems


_CHECK_WORDS = {
    "isin": "is not one of the allowed values",
    "str_matches": "does not have the expected format",
    "greater_than_or_equal_to": "is negative",
    "in_range": "is out of range",
    "not_nullable": "is empty but required",
}


def _explain(failure: str, check: str) -> str:
    """A short, readable reason for one failed pandera check."""
    name = check.split("(")[0]
    words = _CHECK_WORDS.get(name, f"fails check {name}")
    if name == "not_nullable":
        return "is empty but required"
    return f"'{failure[:60]}' {words}"


def _validate(frame: pl.DataFrame, ds: Dataset, ids: dict[str, tuple[str, ...] | None] | None = None,
              ) -> tuple[pl.DataFrame, list[Problem]]:
    """Check against the pandera schema; drop the rows that fail, naming each failure."""
    try:
        ds.schema(ids).validate(frame, lazy=True)
        return frame, []
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    problems: list[Problem] = []
    bad_positions: set[int] = set()
    for case in cases.iter_rows(named=True):
        pos = case["index"]
        if pos is None:
            problems.append(Problem(ds.file, None, case["column"], f"fails check {case['check']}"))
            continue
        bad_positions.add(int(pos))
        row = int(frame["_row"][int(pos)]) + 2
        if case["check"] == "multiple_fields_uniqueness":
            message = "duplicate row: same key as another row"
        else:
            message = _explain(str(case["failure_case"]), str(case["check"]))
        problems.append(Problem(ds.file, row, case["column"], message))
    keep = pl.Series([i not in bad_positions for i in range(frame.height)])
    return frame.filter(keep), problems


AS_OF = "as of "  # prefix of the readable period of a cumulative figure ("as of 2019-07-01")


def _with_period(frame: pl.DataFrame) -> pl.DataFrame:
    """Every row gets period_start/period_end and a readable `period` label."""
    year = pl.col("year").cast(pl.String)
    frame = frame.with_columns(
        period_start=pl.coalesce(pl.col("period_start"), year + "-01-01"),
        period_end=pl.coalesce(pl.col("period_end"), year + "-12-31"),
    )
    start_y = pl.col("period_start").str.slice(0, 4)
    end_y = pl.col("period_end").str.slice(0, 4)
    whole = (pl.col("period_start").str.slice(5) == "01-01") & (pl.col("period_end").str.slice(5) == "12-31")
    label = (
        pl.when(pl.col("year").is_not_null()).then(year)
        # a cumulative "as of" figure: the ISO as-of date after a marker that ui/ formats in the
        # reader's language (never a start date that the source does not give)
        .when(pl.col("period_start").is_null() & pl.col("period_end").is_not_null())
        .then(pl.lit(AS_OF) + pl.col("period_end"))
        .when(whole & (start_y == end_y)).then(start_y)
        .when(whole).then(start_y + "–" + end_y)
        .otherwise(pl.col("period_start").str.slice(0, 7) + " – " + pl.col("period_end").str.slice(0, 7))
    )
    return frame.with_columns(period=label)



# --- citations -------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _document_length(path: str) -> int:
    return len(provenance.document_lines(path))


@lru_cache(maxsize=65536)
def _cited_numbers(path: str, lines: str) -> frozenset[float]:
    first, _, last = lines.partition("-")
    text = provenance.document_lines(path)[int(first) - 1:int(last or first)]
    return frozenset(provenance.numbers_in("\n".join(text)))


def _citations(frame: pl.DataFrame, ds: Dataset, docs: dict[str, str]) -> tuple[pl.DataFrame, list[Problem]]:
    """Rows whose cited lines are outside the document, or do not print the row's value
    (or its other printed numbers: provenance.NUMBER_COLUMNS).

    `docs`: source id -> path of its text file, for the documents at hand (rows citing
    another document are not checked). Each (document, lines) is read once per process."""
    if not docs or "lines" not in frame.columns or "source" not in frame.columns or frame.is_empty():
        return frame, []
    # value, min_years, max_years (numbers unless a broken yml left them as text: not checked then)
    numbers = [c for c in provenance.NUMBER_COLUMNS if c in frame.columns and frame[c].dtype.is_numeric()]
    cols = ["_row", "source", "lines", *numbers]
    problems: list[Problem] = []
    bad_rows: set[int] = set()
    for r in frame.select(cols).iter_rows(named=True):
        path = docs.get(r["source"])
        if path is None or r["lines"] is None:
            continue
        first, _, last = r["lines"].partition("-")
        start, end = int(first), int(last or first)
        length = _document_length(path)
        if start < 1 or end > length:
            problems.append(Problem(ds.file, r["_row"] + 2, "lines",
                                    f"lines {r['lines']} are outside the document (1-{length})"))
            bad_rows.add(r["_row"])
        else:
            for column in numbers:
                if r[column] is not None and float(r[column]) not in _cited_numbers(path, r["lines"]):
                    problems.append(Problem(ds.file, r["_row"] + 2, column,
                                            f"{r[column]:g} is not printed in the cited lines {r['lines']}"))
                    bad_rows.add(r["_row"])
    if not bad_rows:
        return frame, []
    return frame.filter(~pl.col("_row").is_in(sorted(bad_rows))), problems


# --- one table ---------------------------------------------------------------------------------

def load_dataset(ds: Dataset, path: Path | None = None, ids: dict[str, tuple[str, ...] | None] | None = None,
                 docs: dict[str, str] | None = None) -> Loaded:
    """Load one table from `path` (default: its file in the folder in use).

    `ids`: reference table -> its ids, for the columns that point to one (None: the table
    could not be read, so that check is skipped; default: the reference tables of the folder
    in use). `docs`: source id -> document path for the citation check (default: the
    documents at hand; {} skips it)."""
    path = path or (folder() / ds.file)
    if ids is None:
        ids = reference_id_sets()
    if docs is None:
        docs = documents()
    frame, problems = _read_text(path, ds)
    if frame is None:
        return Loaded(ds.name, _empty(ds), tuple(problems))
    frame, cast_problems = _cast(frame, ds)
    frame, rule_problems = _row_rules(frame, ds)
    frame, schema_problems = _validate(frame, ds, ids)
    frame, cite_problems = _citations(frame, ds, docs)
    frame = frame.drop("_row").select([*ds.columns, *[c for c in frame.columns if c not in ds.columns and c != "_row"]])
    if "period_start" in frame.columns:
        frame = _with_period(frame)
    return Loaded(ds.name, frame, tuple(problems + cast_problems + rule_problems + schema_problems + cite_problems))


# --- the folder in use -------------------------------------------------------------------------

def data_dir() -> str | None:
    """The folder the app reads data from: RAPPORTEUR_DATA_DIR when set (the fault tests point
    it at broken copies; the real files are never touched), else the data release the desk
    published last (data/releases.py), else data/ itself (None)."""
    return os.environ.get("RAPPORTEUR_DATA_DIR") or current_data_dir()


def folder() -> Path:
    """The data folder in use, as a path."""
    return Path(data_dir()) if data_dir() else DATA_DIR


# --- reference tables --------------------------------------------------------------------------

def _reference_table(name: str) -> Dataset:
    return _reference_dataset(name, metadata.version())


@lru_cache(maxsize=32)
def _reference_dataset(name: str, version: tuple) -> Dataset:
    return dataset_from_metadata(metadata.table(name))


def _parse_reference(name: str, path: Path) -> tuple[Loaded, tuple[Problem, ...]]:
    loaded = load_dataset(_reference_table(name), path, ids={}, docs={})
    return loaded, loaded.problems


REFERENCES: dict[str, Watched] = {
    # validated again when its metadata (data/meta/<name>.yml, vocabularies) changes
    name: Watched(name, metadata.table(name).file, folder, lambda path, n=name: _parse_reference(n, path),
                  lambda base: metadata.version())
    for name in metadata.reference_names()
}


def _reference_state(name: str, base: Path | None = None, track: bool = True) -> watch.State:
    return REFERENCES[name].state(base, track)


def reference(name: str) -> pl.DataFrame:
    """A reference table (sources, regions, countries, reporters): the valid rows of the last
    good copy. With none, the ids the datasets use, every other column empty: pages then show
    ids as they are (and the page frame a notice)."""
    frame = _reference_state(name).served.value.frame
    if frame.height:
        return frame
    return _ids_only(name, str(folder()), data_version())


@lru_cache(maxsize=32)
def _ids_only(name: str, base: str, version: tuple) -> pl.DataFrame:
    ref = _reference_table(name)
    used: set[str] = set()
    for dataset, watched in DATASETS.items():
        frame = watched.state(Path(base), track=False).served.value.frame
        for column, spec in datasets()[dataset].meta.columns.items():
            if spec.reference == name and column in frame.columns:
                used.update(v for v in frame[column].to_list() if v)
    key = ref.meta.key[0]
    return _empty(ref).vstack(pl.DataFrame({key: sorted(used)}).select(
        [pl.col(key) if c == key else pl.lit(None, dtype=_empty(ref)[c].dtype).alias(c) for c in ref.columns]))


def data_version() -> tuple[int, str | None, str | None]:
    """What caches of things built from the data put in their key: the number of swaps so far,
    and the folders in use (tests switch folders within one process)."""
    return watch.version(), data_dir(), os.environ.get("RAPPORTEUR_GEO_DIR") or None


def reference_version(name: str) -> tuple[int, str | None, str | None]:
    """The data version, after checking reference table `name` against the disk (so a page that
    shows its names counts as reading it)."""
    _reference_state(name)
    return data_version()




def reference_id_sets(base: Path | None = None) -> dict[str, tuple[str, ...] | None]:
    """Reference table -> its ids, or None when it has no readable rows (checks against it are
    then skipped rather than failing every row)."""
    out: dict[str, tuple[str, ...] | None] = {}
    for name in REFERENCES:
        frame = _reference_state(name, base, track=False).served.value.frame
        key = metadata.table(name).key[0]
        out[name] = tuple(frame[key].to_list()) if frame.height else None
    return out


def labels(name: str, column: str = "name_en") -> dict[str, str]:
    """id -> label from a reference table, e.g. labels("regions") = {"KG-C": "Chuy", ...}.

    The id is the table's first column (region, country, reporter, source). A column the
    table does not have gives no labels (ids are then shown as they are)."""
    ref = reference(name)
    if column not in ref.columns or not ref.height:
        return {}
    return {k: v for k, v in zip(ref[ref.columns[0]], ref[column]) if v is not None}


RELEASE_DOCUMENTS = "sources"  # a published release folder's copies of the documents it cites


def _document_folders(base: Path | None = None) -> list[Path]:
    """Where documents are looked for, in order: the data folder's own `sources/` (a published
    release carries the exact texts it was checked against), then RAPPORTEUR_SOURCES."""
    return [where for where in ((base or folder()) / RELEASE_DOCUMENTS, provenance.sources_dir()) if where.is_dir()]


def documents(base: Path | None = None) -> dict[str, str]:
    """source id -> path of its text, for the documents at hand ({} when no folder has any)."""
    folders = _document_folders(base)
    if not folders:
        return {}
    frame = _reference_state("sources", base, track=False).served.value.frame
    if not frame.height:
        return {}
    out = {}
    for source, file in zip(frame["source"], frame["file"]):
        for where in folders:
            path = where / file if file else None
            if path is not None and path.is_file():
                out[source] = str(path)
                break
    return out


def citations_checked() -> bool:
    """Whether the source documents are at hand, so figures were checked against their lines."""
    return bool(_document_folders())


# --- datasets ----------------------------------------------------------------------------------

def _dataset_depends(base: Path) -> tuple:
    ids = reference_id_sets(base)
    return tuple(sorted(ids.items())), tuple(sorted(documents(base).items())), metadata.version()


def _parse_dataset(name: str, path: Path) -> tuple[Loaded, tuple[Problem, ...]]:
    base = path.parent
    loaded = load_dataset(datasets()[name], path, ids=reference_id_sets(base), docs=documents(base))
    return loaded, loaded.problems


DATASETS: dict[str, Watched] = {
    name: Watched(name, f"{name}.csv", folder, lambda path, n=name: _parse_dataset(n, path), _dataset_depends)
    for name in metadata.dataset_names()
}


def load_all(data_dir: str | None = None) -> dict[str, Loaded]:
    """Every dataset of a folder (default: the one in use), each checked against the disk at
    most once a second; the problems include a newer copy on disk that was refused."""
    base = Path(data_dir) if data_dir else None
    out = {}
    for name, watched in DATASETS.items():
        state = watched.state(base)
        out[name] = Loaded(name, state.served.value.frame, state.problems)
    return out


def loaded_datasets() -> dict[str, Loaded]:
    """Every dataset of the folder in use."""
    return load_all(data_dir())


def table(name: str) -> pl.DataFrame:
    """The valid rows of one dataset."""
    return DATASETS[name].state().served.value.frame


def problems() -> list[Problem]:
    """Every problem found in every file the app reads (datasets, reference tables, geometry,
    and the metadata in data/meta/*.yml)."""
    return [*metadata.problems(), *watch.all_problems()]


def broken_files() -> list[tuple[str, datetime]]:
    """(watched name, since when) for each file whose newer copy on disk was refused."""
    out = []
    for name, watched in watch.registered().items():
        state = watched.state(track=False)
        if state.broken_since is not None:
            out.append((name, state.broken_since))
    return out


def has_problems(name: str) -> bool:
    """Whether a watched file (dataset, reference table, geometry) has problems."""
    return bool(watch.registered()[name].problems())


# --- recorded conflicts --------------------------------------------------------------------------

CONFLICTS = Dataset(
    name="conflicts", description="pairs of rows that disagree",
    columns={
        "id": pa.Column(pl.String, [pa.Check.str_matches(metadata.pattern("row_id"))], nullable=False),
        "row_a": pa.Column(pl.String, nullable=False),
        "row_b": pa.Column(pl.String, nullable=False),
        "kind": pa.Column(pl.String, [pa.Check.isin(["disagreement", "internal_conflict"])], nullable=False),
        "note": pa.Column(pl.String, nullable=False),
        "source": pa.Column(pl.String, nullable=False),
        "lines": pa.Column(pl.String, [pa.Check.str_matches(metadata.pattern("lines"))], nullable=False),
        "note_ru": pa.Column(pl.String, nullable=True),  # the note in Russian and Kyrgyz (our translation)
        "note_ky": pa.Column(pl.String, nullable=True),
    },
    key=("id",), figures=False,
)


def _parse_conflicts(path: Path) -> tuple[Loaded, tuple[Problem, ...]]:
    base = path.parent
    loaded = load_dataset(CONFLICTS, path, ids=reference_id_sets(base), docs=documents(base))
    return loaded, loaded.problems


CONFLICT_FILE = Watched("conflicts", "conflicts.csv", folder, _parse_conflicts, _dataset_depends)


def conflicts() -> pl.DataFrame:
    """data/conflicts.csv: pairs of rows (by id) that disagree across sources
    (`disagreement`) or inside one source (`internal_conflict`), with a note in our words
    and the source and lines. Both rows of a pair are kept in their datasets. Read through
    the watched loader like every other file."""
    return CONFLICT_FILE.state().served.value.frame
