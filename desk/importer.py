"""Importing a filled workbook: read, check everything, preview, stage.

The checks, in order: the file is an .xlsx workbook; every dataset sheet and column is there
(row 2 holds the column ids); no merged cells, no formulas; numbers without spaces or commas;
dates as dates; no Cyrillic look-alike letters in codes; no duplicate rows; row ids belong to
the document. Then the rows go through the same loader as the shipped data (`data.load.
load_dataset`, on a temporary data folder = the current release with this import applied), and
every number is checked against the cited lines of the registered document (the provenance
rule, `data.provenance.numbers_in`). Each problem names sheet, row and column; nothing is saved
while any remains. What the import would change (new, changed, removed rows; new disagreements
between sources) is the preview.
"""
from __future__ import annotations

import io
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from sqlalchemy.engine import Engine

from data import metadata
from data.load import load_dataset
from data.provenance import NUMBER_COLUMNS, numbers_in
from data.schemas import datasets as all_datasets
from desk import store
from desk.db import sha256
from desk.documents import sources_row
from desk.problems import DeskProblem, loader_message
from desk.template import (DATE_COLUMNS, FIRST_DATA_ROW, allowed, choice, choices, column_title, columns,
                           figure_datasets, is_identifier, is_number, list_name, sheet_name, sheet_names)
from i18n import _, current, using

# Cyrillic letters that look like Latin ones (what a Russian keyboard slips into a code).
LOOKALIKES = str.maketrans("аеорсхуіјԁһкмтвнАЕОРСХУІЈКМТВН", "aeopcxyijdhkmtbhAEOPCXYIJKMTBH")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
SPACED_NUMBER = re.compile(r"^-?\d+([ \u00a0\u202f]+\d+)+([.,]\d+)?$")
COMMA_NUMBER = re.compile(r"^-?\d+(,\d+)+$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The columns that, with measure and unit, say what a figure counts (two rows with the same
# ones and different values disagree). Provenance, evidence and the value itself are not among them.
NOT_KEY = {"id", "value", "source", "lines", "note", "note_ru", "note_ky",
           "reporter", "scope", "flags", "same_as", "breakdown",
           "period"}


@dataclass
class ImportResult:
    source: str
    problems: list[DeskProblem] = field(default_factory=list)
    payload: dict | None = None
    new: dict[str, list[dict]] = field(default_factory=dict)
    changed: dict[str, list[tuple[dict, dict]]] = field(default_factory=dict)
    removed: dict[str, list[dict]] = field(default_factory=dict)
    disagreements: list[tuple[str, dict, dict]] = field(default_factory=list)
    workbook_sha: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class _Row:
    dataset: str
    sheet: str
    excel_row: int
    values: dict[str, str]
    letters: dict[str, str]

    def column(self, column: str, lang: str) -> str | None:
        """A column as the staff see it: its title and letter."""
        if column not in self.letters:
            return None
        return f"{column_title(self.dataset, column, lang)} ({self.letters[column]})"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_cell(dataset: str, column: str, cell, where: dict) -> tuple[str, DeskProblem | None]:
    """A cell as CSV text, or a problem with it."""
    value = cell.value
    if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
        return "", DeskProblem(_("a formula: type the value itself"), **where)
    if value is None or (isinstance(value, str) and not value.strip()):
        return "", None
    if column in DATE_COLUMNS:
        if isinstance(value, datetime | date):
            return value.strftime("%Y-%m-%d"), None
        text = _text(value)
        if ISO_DATE.match(text):
            return text, None
        return "", DeskProblem(_("“{value}” is a date typed as text: enter it as a date, e.g. 2024-12-31",
                                 value=text), **where)
    if column == "lines" and isinstance(value, datetime | date):
        return "", DeskProblem(_("Excel turned the line range into a date: format the cell as text and type "
                                 "the lines again (for example 120-124)"), **where)
    if is_number(dataset, column):
        if isinstance(value, bool):
            return "", DeskProblem(_("“{value}” is not a number", value=value), **where)
        if isinstance(value, int | float):
            return _text(value), None
        text = _text(value)
        if SPACED_NUMBER.match(text) or COMMA_NUMBER.match(text):
            return "", DeskProblem(_("“{value}”: write numbers without spaces or commas, with a point for "
                                     "decimals (1234 or 12.5)", value=text), **where)
        return text, None
    text = _text(value)
    if list_name(dataset, column) and allowed(dataset, column):
        return _from_list(dataset, column, text, where)
    if is_identifier(dataset, column) and CYRILLIC.search(text):
        latin = text.translate(LOOKALIKES)
        if not CYRILLIC.search(latin):
            return "", DeskProblem(_("“{value}” contains Cyrillic letters that look like Latin ones: "
                                     "choose “{latin}” from the list", value=text, latin=latin), **where)
        return "", DeskProblem(_("“{value}” contains Cyrillic letters: codes use Latin letters only; "
                                 "choose a value from the list", value=text), **where)
    return text, None


def _from_list(dataset: str, column: str, text: str, where: dict) -> tuple[str, DeskProblem | None]:
    """A cell of a drop-down column as its code: the code itself, or its label in Russian,
    Kyrgyz or English (template.choice). An ambiguous label, a code with Cyrillic look-alike
    letters or anything not in the list is a problem."""
    found, candidates = choice(dataset, column, text)
    if found is not None:
        return found, None
    if candidates:
        options = "; ".join(f"“{choices(dataset, column, current())[c]}”" for c in candidates)
        return "", DeskProblem(_("“{value}” could mean several entries of the list ({options}): choose one "
                                 "from the list", value=text, options=options), **where)
    latin = text.translate(LOOKALIKES)
    if CYRILLIC.search(text) and latin in (allowed(dataset, column) or ()):
        return "", DeskProblem(_("“{value}” contains Cyrillic letters that look like Latin ones: "
                                 "choose “{latin}” from the list", value=text, latin=latin), **where)
    return "", DeskProblem(_("“{value}” is not one of the allowed values: choose one from the list", value=text),
                           **where)


def read_workbook(raw: bytes, lang: str) -> tuple[list[_Row], list[DeskProblem]]:
    """The rows of every dataset sheet, or the problems that stop reading them."""
    try:
        book = load_workbook(io.BytesIO(raw), data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        del exc
        return [], [DeskProblem(_("the file is not an Excel workbook (.xlsx)"))]
    by_dataset: dict[str, object] = {}
    for ws in book.worksheets:
        dataset = sheet_names().get(ws.title.strip().lower())
        if dataset:
            by_dataset[dataset] = ws
    problems: list[DeskProblem] = []
    rows: list[_Row] = []
    for dataset in figure_datasets():
        name = sheet_name(dataset, lang)
        ws = by_dataset.get(dataset)
        if ws is None:
            problems.append(DeskProblem(_("the sheet is missing or was renamed"), sheet=name))
            continue
        name = ws.title
        for merged in ws.merged_cells.ranges:
            problems.append(DeskProblem(_("merged cells {cells}: unmerge them", cells=str(merged)), sheet=name,
                                        row=merged.min_row))
        ids = {j: _text(ws.cell(row=2, column=j).value) for j in range(1, ws.max_column + 1)}
        position = {cid: j for j, cid in ids.items() if cid}
        for column in columns(dataset):
            if column not in position:
                problems.append(DeskProblem(_("the column is missing or its code in row 2 was changed"),
                                            sheet=name, column=column_title(dataset, column, lang)))
        for j, cid in ids.items():
            if cid and cid not in columns(dataset):
                problems.append(DeskProblem(_("unknown column code “{code}” in row 2", code=cid), sheet=name,
                                            column=get_column_letter(j)))
        if any(p.sheet == name for p in problems):
            continue
        seen: dict[tuple, int] = {}
        for r in range(FIRST_DATA_ROW, ws.max_row + 1):
            cells = {c: ws.cell(row=r, column=position[c]) for c in columns(dataset)}
            if all(cell.value is None or (isinstance(cell.value, str) and not cell.value.strip())
                   for cell in cells.values()):
                continue
            values = {}
            for column, cell in cells.items():
                where = {"sheet": name, "row": r,
                         "column": f"{column_title(dataset, column, lang)} ({get_column_letter(position[column])})"}
                text, problem = _read_cell(dataset, column, cell, where)
                if problem:
                    problems.append(problem)
                values[column] = text
            key = tuple(v for c, v in values.items() if c != "id")
            if key in seen:
                problems.append(DeskProblem(_("the same row as row {other}", other=seen[key]), sheet=name, row=r))
            else:
                seen[key] = r
            rows.append(_Row(dataset, name, r, values,
                             {c: get_column_letter(j) for c, j in position.items() if c in cells}))
    return rows, problems


def _used_numbers(eng: Engine, dataset: str) -> int:
    """The highest row number a dataset's ids ever used, in any release or waiting import
    (ids are never reused)."""
    pattern = re.compile(rf"(?m)^{re.escape(dataset)}-(\d{{4}})\b|,{re.escape(dataset)}-(\d{{4}}),")
    best = 0
    with eng.connect() as conn:
        for (text,) in conn.execute(sa.text("SELECT csv FROM release_tables WHERE dataset = :d"), {"d": dataset}):
            for a, b in pattern.findall(text):
                best = max(best, int(a or b))
    for waiting in store.staged(eng):  # imports not yet published hold numbers too
        for row in waiting["payload"]["tables"].get(dataset, []):
            prefix, _sep, number = row.get("id", "").rpartition("-")
            if prefix == dataset and number.isdigit():
                best = max(best, int(number))
    return best


def _reference_ids(tables: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Reference table -> its ids, from the release's own CSVs (sources.csv gains the
    document with its first import)."""
    out = {}
    for name in metadata.reference_names():
        key = metadata.table(name).key[0]
        _h, rows = store.read_csv(tables.get(name, ""))
        out[name] = tuple(r[key] for r in rows)
    return out


def _loader_problems(tables: dict[str, str], datasets: list[str]) -> dict[str, list]:
    """dataset -> the loader's problems on a temporary data folder holding `tables`
    (the citations are checked here against the registered document, not by the loader)."""
    out = {}
    ids = _reference_ids(tables)
    with tempfile.TemporaryDirectory(prefix="desk-import-") as folder:
        for name, text in tables.items():
            (Path(folder) / f"{name}.csv").write_text(text, encoding="utf-8")
        for dataset in datasets:
            loaded = load_dataset(all_datasets()[dataset], Path(folder) / f"{dataset}.csv", ids=ids, docs={})
            out[dataset] = list(loaded.problems)
    return out


def _provenance(row: _Row, lines_of_doc: list[str], lang: str) -> list[DeskProblem]:
    lines = row.values.get("lines", "")
    m = re.match(r"^(\d+)(?:-(\d+))?$", lines)
    if not m:
        return []  # the loader reports the format
    start, end = int(m[1]), int(m[2] or m[1])
    where = {"sheet": row.sheet, "row": row.excel_row, "column": row.column("lines", lang)}
    if start < 1 or end > len(lines_of_doc):
        return [DeskProblem(_("lines {lines} are outside the document (it has {count} lines)", lines=lines,
                              count=len(lines_of_doc)), **where)]
    printed = numbers_in("\n".join(lines_of_doc[start - 1:end]))
    out = []
    for column in NUMBER_COLUMNS:
        text = row.values.get(column)
        if not text:
            continue
        try:
            value = float(text)
        except ValueError:
            continue  # the loader reports it
        if value not in printed:
            out.append(DeskProblem(_("{value} is not printed in lines {lines} of the document", value=text,
                                     lines=lines), sheet=row.sheet, row=row.excel_row,
                                   column=row.column(column, lang)))
    return out


def _key(row: dict) -> tuple:
    # a translation (`district_ru`) is how to read the English column, which stays in the key
    return tuple(sorted((k, v) for k, v in row.items()
                        if k not in NOT_KEY and not k.endswith(("_ru", "_ky")) and v))


def check(eng: Engine, raw: bytes, source: str, lang: str = "ru") -> ImportResult:
    """Every check and the preview of one workbook for document `source`; saves nothing."""
    with using(lang):
        return _check(eng, raw, source, lang)


def _check(eng: Engine, raw: bytes, source: str, lang: str) -> ImportResult:
    result = ImportResult(source=source, workbook_sha=sha256(raw))
    doc = store.document(eng, source)
    if doc is None:
        result.problems.append(DeskProblem(_("no registered document has the id “{source}”: register it first",
                                             source=source)))
        return result
    rows, problems = read_workbook(raw, lang)
    result.problems += problems
    if problems:
        return result
    tables, _info = store.release_tables(eng)
    doc_lines = doc["text"].split("\n")
    # ids: a given id must be a row of this document; an empty one takes the next free number
    payload_tables: dict[str, list[dict]] = {d: [] for d in figure_datasets()}
    origin: dict[tuple[str, str], _Row] = {}
    current: dict[str, dict[str, dict]] = {}
    for dataset in figure_datasets():
        _h, current_rows = store.read_csv(tables[dataset])
        current[dataset] = {r["id"]: r for r in current_rows}
    next_number = {d: _used_numbers(eng, d) for d in figure_datasets()}
    taken: set[tuple[str, str]] = set()
    for row in rows:
        rid = row.values.get("id", "")
        if rid:
            existing = current[row.dataset].get(rid)
            if existing is None or existing.get("source") != source:
                result.problems.append(DeskProblem(
                    _("the row id is not a row of this document: leave it empty for a new figure"),
                    sheet=row.sheet, row=row.excel_row, column=row.column("id", lang)))
                continue
            if (row.dataset, rid) in taken:
                result.problems.append(DeskProblem(_("this row id is used twice"), sheet=row.sheet,
                                                   row=row.excel_row, column=row.column("id", lang)))
                continue
        else:
            next_number[row.dataset] += 1
            rid = f"{row.dataset}-{next_number[row.dataset]:04d}"
            row.values["id"] = rid
        taken.add((row.dataset, rid))
        origin[(row.dataset, rid)] = row
        payload_tables[row.dataset].append({**row.values, "source": source})
        result.problems += _provenance(row, doc_lines, lang)
    if result.problems:
        return result
    payload = {"source": source, "tables": payload_tables, "sources_row": sources_row(doc, [r for rows in payload_tables.values() for r in rows])}
    after = store.apply_payload(tables, payload)
    before_problems = _loader_problems(tables, list(figure_datasets()))
    after_problems = _loader_problems(after, list(figure_datasets()))
    for dataset in figure_datasets():
        _h, after_rows = store.read_csv(after[dataset])
        old = {(p.column, p.message) for p in before_problems[dataset]}
        for p in after_problems[dataset]:
            rid = after_rows[p.row - 2]["id"] if p.row and 0 <= p.row - 2 < len(after_rows) else None
            row = origin.get((dataset, rid))
            column = column_title(dataset, p.column, lang) if p.column in metadata.table(dataset).columns else None
            if row is not None:
                result.problems.append(DeskProblem(loader_message(p.message), sheet=row.sheet, row=row.excel_row,
                                                   column=row.column(p.column, lang) if p.column else None))
            elif (p.column, p.message) not in old:
                result.problems.append(DeskProblem(loader_message(p.message), sheet=sheet_name(dataset, lang),
                                                   column=column))
    if result.problems:
        return result
    result.payload = payload
    _preview(result, current, payload_tables, source)
    return result


def _preview(result: ImportResult, current: dict[str, dict[str, dict]], new_tables: dict[str, list[dict]],
             source: str) -> None:
    for dataset, rows in new_tables.items():
        mine = {rid: r for rid, r in current[dataset].items() if r.get("source") == source}
        imported = {r["id"]: r for r in rows}
        cols = columns(dataset)
        result.new[dataset] = [r for rid, r in imported.items() if rid not in mine]
        result.changed[dataset] = [(mine[rid], r) for rid, r in imported.items()
                                   if rid in mine and any((mine[rid].get(c) or "") != (r.get(c) or "") for c in cols)]
        result.removed[dataset] = [r for rid, r in mine.items() if rid not in imported]
        old_pairs = set()
        others = [r for r in current[dataset].values() if r.get("source") != source]
        for r in others:
            for m in mine.values():
                if _key(r) == _key(m) and r.get("value") != m.get("value"):
                    old_pairs.add((r["id"], _key(m), m.get("value")))
        for r in others:
            for m in rows:
                if r.get("value") and m.get("value") and _key(r) == _key(m) and r["value"] != m["value"] \
                        and (r["id"], _key(m), m["value"]) not in old_pairs:
                    result.disagreements.append((dataset, m, r))


def stage(eng: Engine, result: ImportResult, who: str) -> int:
    """Keep a checked import until the next publish (refused while any problem remains)."""
    if not result.ok or result.payload is None:
        raise store.DeskError(_("the import has problems: nothing was saved"))
    return store.stage(eng, result.payload, who, result.workbook_sha)


@lru_cache(maxsize=1)
def _shipped_problems() -> dict[str, list]:
    from desk.db import shipped_tables

    return _loader_problems(shipped_tables(), list(figure_datasets()))


def release_problems(tables: dict[str, str]) -> list[str]:
    """Problems the loader finds in a whole release that the shipped release does not have
    (publish refuses a release that adds any)."""
    found = _loader_problems(tables, list(figure_datasets()))
    base = _shipped_problems()
    out = []
    for dataset, problems in found.items():
        old = {(p.column, p.message) for p in base[dataset]}
        out += [str(p) for p in problems if (p.column, p.message) not in old]
    return out
