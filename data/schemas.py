"""Declared schemas of the curated datasets (pandera, polars backend), built from
the metadata in data/meta/*.yml (`data/metadata.py`).

One `Dataset` per CSV in `data/`: its file, the columns it must have, the
pandera schema every row is checked against, and its unique key. The loader
(`data/load.py`) reads each file as text, casts it to these types and keeps
only the rows that pass; everything else becomes a named problem.

Nothing about a dataset is written here: adding a column is an edit of the
dataset's yml, allowing a value is an edit of data/meta/vocabularies.yml.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandera.polars as pa
import polars as pl

from data import metadata
from data.metadata import DATA_DIR, Column

LINES_PATTERN = metadata.pattern("lines")
DATE_PATTERN = metadata.pattern("date")
ID_PATTERN = metadata.pattern("id")

DTYPES = {"string": pl.String, "integer": pl.Int64, "float": pl.Float64}


def vocabulary(name: str) -> list[str]:
    """The allowed values of a vocabulary (the terms of data/meta/vocabularies.yml)."""
    return list(metadata.vocabulary(name))


# The vocabularies by their former constant names (read from the metadata).
UNITS = vocabulary("unit")
SEXES = vocabulary("sex")
EXPLOITATION = vocabulary("exploitation")
STATUSES = vocabulary("status")
THEMES_REC = vocabulary("theme")
THEMES_TIMELINE = vocabulary("event_theme")
PRECISIONS = vocabulary("date_precision")
LEVELS = vocabulary("level")
ROLES = vocabulary("role")
OFFENCES = vocabulary("offence")


@lru_cache(maxsize=None)
def _ids(file: str, column: str) -> tuple[str, ...]:
    """The ids in one column of a small reference table (sources, regions, ...)."""
    with open(DATA_DIR / file, newline="", encoding="utf-8") as fh:
        return tuple(row[column] for row in csv.DictReader(fh))


def reference_ids(name: str) -> tuple[str, ...]:
    """The ids of a reference table: the values of its key column."""
    ref = metadata.table(name)
    return _ids(ref.file, ref.key[0])


def source_ids() -> tuple[str, ...]:
    return reference_ids("sources")


def region_ids() -> tuple[str, ...]:
    return reference_ids("regions")


def country_ids() -> tuple[str, ...]:
    return reference_ids("countries")


def reporter_ids() -> tuple[str, ...]:
    return reference_ids("reporters")


def pandera_column(col: Column, ids: dict[str, tuple[str, ...] | None] | None = None) -> pa.Column:
    """The pandera column for one declared column: type, required (not empty), checks.

    A `reference` check uses `ids[table]` when given (None there: the reference table could
    not be read, so the check is skipped), else the ids of the committed table."""
    checks = []
    for kind, arg in col.checks:
        if kind == "pattern":
            checks.append(pa.Check.str_matches(metadata.pattern(arg)))
        elif kind == "range":
            low, high = arg
            checks.append(pa.Check.in_range(low, high))
        elif kind == "min":
            checks.append(pa.Check.ge(arg))
        elif kind == "vocabulary":
            if arg in metadata.vocabularies():  # absent: the vocabularies file in use is broken
                checks.append(pa.Check.isin(vocabulary(arg)))
        elif kind == "reference":
            allowed = ids.get(arg) if ids is not None else reference_ids(arg)
            if allowed is not None:
                checks.append(pa.Check.isin(list(allowed)))
    return pa.Column(DTYPES[col.type], checks, nullable=not col.required)


@dataclass(frozen=True)
class Dataset:
    """A curated table: where it lives, what it must hold, how it is checked."""

    name: str
    description: str
    columns: dict[str, pa.Column]
    key: tuple[str, ...] = ()
    figures: bool = True  # holds `value` rows that the provenance test checks
    integer_columns: tuple[str, ...] = field(default=())
    references: tuple[str, ...] = field(default=())  # columns checked against a reference table

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def path(self) -> Path:
        return DATA_DIR / self.file

    @property
    def meta(self) -> metadata.Table:
        """Everything data/meta/<name>.yml says about this dataset."""
        return metadata.table(self.name)

    def schema(self, ids: dict[str, tuple[str, ...] | None] | None = None) -> pa.DataFrameSchema:
        """The pandera schema; `ids` gives the reference tables' ids in use (see pandera_column)."""
        columns = dict(self.columns)
        for name in self.references:
            columns[name] = pandera_column(self.meta.columns[name], ids)
        return pa.DataFrameSchema(columns, unique=list(self.key) or None, strict=False)


def dataset_from_metadata(meta: metadata.Table) -> Dataset:
    return Dataset(
        name=meta.name,
        description=meta.description.get("en", ""),
        # reference checks are added by schema(), with the ids of the reference tables in use
        columns={name: pandera_column(col, {}) for name, col in meta.columns.items()},
        key=meta.key,
        figures=meta.figures,
        integer_columns=tuple(n for n, c in meta.columns.items() if c.type == "integer"),
        references=tuple(n for n, c in meta.columns.items() if c.reference),
    )


def reference_schema(name: str) -> pa.DataFrameSchema:
    """The schema of a reference table (sources, regions, ...), from its metadata: checked
    by the tests, since the app reads these small tables as text."""
    meta = metadata.table(name)
    return pa.DataFrameSchema({n: pandera_column(c) for n, c in meta.columns.items()},
                              unique=list(meta.key) or None, strict=True)


def datasets() -> dict[str, Dataset]:
    """Every curated dataset, by name, in the order of data/meta/catalogue.yml
    (built lazily: reference ids are read from CSV; built again when a yml in use changes)."""
    return _datasets(metadata.version())


@lru_cache(maxsize=4)
def _datasets(version: tuple) -> dict[str, Dataset]:
    return {name: dataset_from_metadata(metadata.table(name)) for name in metadata.dataset_names()}
