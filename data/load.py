"""Read → validate → (valid rows, problems), once per process.

A bad file or row never takes the app down: each dataset comes back as the
rows that pass its schema, plus a list of `Problem`s naming file, row and
column. Pages show the rows; the Sources page shows the problems.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandera.polars as pa
import polars as pl

from data.schemas import DATA_DIR, Dataset, datasets


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file. `row` is the line number in the CSV (header = 1)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


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
    rules.append((
        pl.col("lines").str.split("-").list.eval(pl.element().cast(pl.Int64, strict=False))
        .list.first() > pl.col("lines").str.split("-").list.eval(pl.element().cast(pl.Int64, strict=False)).list.last(),
        "lines",
        "line range is reversed",
    ))
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


def _validate(frame: pl.DataFrame, ds: Dataset) -> tuple[pl.DataFrame, list[Problem]]:
    """Check against the pandera schema; drop the rows that fail, naming each failure."""
    try:
        ds.schema().validate(frame, lazy=True)
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


def load_dataset(ds: Dataset, path: Path | None = None) -> Loaded:
    """Load one dataset from `path` (default: its file in data/)."""
    frame, problems = _read_text(path or ds.path, ds)
    if frame is None:
        return Loaded(ds.name, _empty(ds), tuple(problems))
    frame, cast_problems = _cast(frame, ds)
    frame, rule_problems = _row_rules(frame, ds)
    frame, schema_problems = _validate(frame, ds)
    frame = frame.drop("_row").select([*ds.columns, *[c for c in frame.columns if c not in ds.columns and c != "_row"]])
    if "period_start" in frame.columns:
        frame = _with_period(frame)
    return Loaded(ds.name, frame, tuple(problems + cast_problems + rule_problems + schema_problems))


@lru_cache(maxsize=None)
def load_all(data_dir: str | None = None) -> dict[str, Loaded]:
    """Every dataset, loaded once per process (and per data folder, for tests)."""
    base = Path(data_dir) if data_dir else DATA_DIR
    return {name: load_dataset(ds, base / ds.file) for name, ds in datasets().items()}


def data_dir() -> str | None:
    """The folder the app reads datasets from: data/, unless RAPPORTEUR_DATA_DIR names another
    (the fault tests point it at broken copies; the real files are never touched)."""
    return os.environ.get("RAPPORTEUR_DATA_DIR") or None


def loaded_datasets() -> dict[str, Loaded]:
    """Every dataset of the folder in use, loaded once per process."""
    return load_all(data_dir())


def table(name: str) -> pl.DataFrame:
    """The valid rows of one dataset."""
    return loaded_datasets()[name].frame


def problems() -> list[Problem]:
    """Every problem found in every dataset."""
    return [p for loaded in loaded_datasets().values() for p in loaded.problems]


@lru_cache(maxsize=None)
def labels(name: str, column: str = "name_en") -> dict[str, str]:
    """id -> label from a reference table, e.g. labels("regions") = {"KG-C": "Chuy", ...}.

    The id is the table's first column (region, country, reporter, source)."""
    ref = reference(name)
    return dict(zip(ref[ref.columns[0]], ref[column]))


@lru_cache(maxsize=None)
def reference(name: str) -> pl.DataFrame:
    """A small reference table (sources, regions, countries, reporters) as text columns."""
    return pl.read_csv(DATA_DIR / f"{name}.csv", infer_schema=False)


@lru_cache(maxsize=None)
def conflicts() -> pl.DataFrame:
    """data/conflicts.csv: pairs of rows (by id) that disagree across sources
    (`disagreement`) or inside one source (`internal_conflict`), with a note in our words
    and the source and lines. Both rows of a pair are kept in their datasets."""
    path = DATA_DIR / "conflicts.csv"
    schema = {c: pl.String for c in ("id", "row_a", "row_b", "kind", "note", "source", "lines")}
    if not path.exists():
        return pl.DataFrame(schema=schema)
    return pl.read_csv(path, infer_schema=False)
