"""The source passage of a figure: the row a data id names, the document it cites (its
full title) and the cited lines, read at run time from the documents folder
(RAPPORTEUR_SOURCES), with where in each line the figure's number is printed.

Nothing of a document is copied into the project: the lines are read when asked for,
and are absent (None) when the folder or the file is not on this server.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data import provenance
from data.load import documents, loaded_datasets, reference

ID = re.compile(r"[a-z_]+-\d{1,6}")  # a data row id: justice-0145
# A printed number: digit groups ("1 234", "43.000"), decimals ("2,5"), or a number word.
TOKEN = re.compile(r"\d{1,3}(?:[ ,.\u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)?|[A-Za-z]+(?:-[A-Za-z]+)?")


@dataclass(frozen=True)
class Passage:
    row: dict[str, Any]          # the figure's row (id, value, unit, measure, period, reporter, source, lines, ...)
    dataset: str
    title: str                   # the document's full title, as published ('' when the sources table is unreadable)
    short: str                   # its short name (OSCE 2025)
    publisher: str
    year: int | None
    first: int                   # the cited lines, numbered as `sed -n` numbers them
    last: int
    lines: tuple[str, ...] | None = None  # their text; None: the document is not on this server
    marks: tuple[tuple[tuple[int, int], ...], ...] = field(default=())  # per line: (start, end) of the number


def find(row_id: str) -> tuple[str, dict[str, Any]] | None:
    """(dataset, row) of the data row `row_id`, or None when no dataset has it."""
    if not isinstance(row_id, str) or not ID.fullmatch(row_id):
        return None
    prefix = row_id.rsplit("-", 1)[0]
    loaded = loaded_datasets()
    for name in sorted(loaded, key=lambda n: n != prefix):  # its own dataset first
        frame = loaded[name].frame
        if "id" not in frame.columns or "lines" not in frame.columns:
            continue
        hit = frame.filter(frame["id"] == row_id)
        if hit.height:
            return name, hit.row(0, named=True)
    return None


def spans(line: str, value: float | None) -> tuple[tuple[int, int], ...]:
    """Where `value` is printed in `line`: the (start, end) of each token that reads as it."""
    if value is None:
        return ()
    out = []
    for match in TOKEN.finditer(line):
        token = match.group(0)
        if token[0].isalpha() and token.lower().split("-")[0] not in provenance.NUMBER_WORDS:
            continue
        if float(value) in _readings(token):
            out.append((match.start(), match.end()))
    return tuple(out)


def _readings(token: str) -> set[float]:
    """What one printed number can mean: '1,412' is 1412 (or 1.412), never 412 as well."""
    if token[0].isalpha():
        return provenance.numbers_in(token)
    out = {float(re.sub(r"[ ,.\u00a0\u202f]", "", token))}
    if re.fullmatch(r"\d+[.,]\d+", token):
        out.add(float(token.replace(",", ".")))
    return out


def passage(row_id: str) -> Passage | None:
    """The passage the figure `row_id` cites; None when no data row has that id."""
    found = find(row_id)
    if found is None:
        return None
    dataset, row = found
    sources = reference("sources")
    known = sources.filter(sources["source"] == row["source"]) if "source" in sources.columns else sources.clear()
    doc = known.row(0, named=True) if known.height else {}
    first_text, _sep, last_text = str(row.get("lines") or "0").partition("-")
    first, last = int(first_text), int(last_text or first_text)
    text = None
    path = documents().get(row["source"])
    if path and Path(path).is_file():
        every = provenance.document_lines(path)
        if 1 <= first <= last <= len(every):
            text = tuple(every[first - 1:last])
    marks = tuple(spans(line, row.get("value")) for line in text) if text else ()
    return Passage(row=row, dataset=dataset, title=doc.get("title") or "", short=doc.get("short") or "",
                   publisher=doc.get("publisher") or "", year=doc.get("year_published"), first=first, last=last,
                   lines=text, marks=marks)


def lookup(source: str | None, lines: str | None, values: list[Any] | tuple = ()) -> str | None:
    """The id of the data row citing `lines` of `source`, the one whose value is among
    `values` when several cite them (a chart point knows its source, lines and number,
    not always its row)."""
    if not source or not lines:
        return None
    wanted = set()
    for v in values:
        try:
            wanted.add(float(v))
        except (TypeError, ValueError):
            continue
    first = None
    for loaded in loaded_datasets().values():
        frame = loaded.frame
        if not {"id", "source", "lines"} <= set(frame.columns):
            continue
        hits = frame.filter((frame["source"] == source) & (frame["lines"] == str(lines)))
        for row in hits.iter_rows(named=True):
            value = row.get("value")
            if value is not None and float(value) in wanted:
                return row["id"]
            first = first or row["id"]
    return first
