"""Citations in words: which reports, which lines, for the source line under a chart
(ui.figures.source_line, also printed on the PNG download) and the footnote of a slide
(brief.deck). One formatter, so a chart and its slide cite alike:

    Sources: OSCE 2025, lines 139, 206; UNODC 2022, lines 247-251

A report is named by its short name in the reader's language (data/sources.csv `short`,
`short_ru`, `short_ky`), never its id or file.
A long citation is cut where it would pass `limit` characters and ends with
"… and N more", saying where the rest is (the table under the chart, the slide notes).
"""
from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from i18n import _, ngettext

# Where the lines left out of a shortened citation can be read.
MORE_TABLE = "table"
MORE_NOTES = "notes"


def _start(lines: str) -> tuple[int, int]:
    first, _sep, last = lines.partition("-")
    try:
        return int(first), int(last or first)
    except ValueError:  # never in valid data (the schema checks `lines`); keep it last
        return 10**9, 10**9


def grouped(pairs: Iterable[tuple[str, str | None]]) -> dict[str, list[str]]:
    """(source, lines) pairs -> {source: its line references in document order, no repeats};
    sources in the order they first appear."""
    out: dict[str, list[str]] = {}
    for source, lines in pairs:
        if not source:
            continue
        refs = out.setdefault(source, [])
        if lines and lines not in refs:
            refs.append(lines)
    return {s: sorted(refs, key=_start) for s, refs in out.items()}


def lines_words(refs: list[str]) -> str:
    """'line 139' for one single line, else 'lines 139, 206' / 'lines 247-251'."""
    joined = ", ".join(refs)
    if len(refs) == 1 and "-" not in refs[0]:
        return _("line {lines}", lines=joined)
    return _("lines {lines}", lines=joined)


# The texts of a source document that have our translation beside them (`<column>_ru`, `_ky`).
DOCUMENT_TEXTS = ("short", "title", "publisher", "period_covered", "language", "description")


def documents() -> pl.DataFrame:
    """The sources table with short name, title, publisher, period, language and description
    in the current language (our translation where data/sources.csv has one, else as
    published); `title_original` keeps the title as published, which is what the document
    is found by: the Sources page, a citation and the passage dialog show it too."""
    from data.load import reference
    from data.localised import localise

    table = reference("sources")
    if "title" in table.columns:
        table = table.with_columns(title_original=pl.col("title"))
    return localise(table, *DOCUMENT_TEXTS)


def document(key: str | None) -> dict:
    """One source document's row of `documents()` ({} when unknown)."""
    table = documents()
    if key is None or "source" not in table.columns:
        return {}
    found = table.filter(pl.col("source") == key)
    return found.row(0, named=True) if found.height else {}


def short_names() -> dict[str, str]:
    """Source id -> the report's short name in the current language: our translation
    (`short_ru`, `short_ky` in data/sources.csv) where there is one, else as published."""
    from data.load import labels
    from i18n import DEFAULT, current

    names = labels("sources", "short")
    lang = current()
    local = labels("sources", f"short_{lang}") if lang != DEFAULT else {}
    return {key: local.get(key) or name for key, name in names.items()}


def citation(pairs: Iterable[tuple[str, str | None]], limit: int | None = None, more: str = MORE_TABLE) -> str:
    """'Sources: OSCE 2025, lines 139, 206; UNODC 2022, lines 247-251', in the current
    language; '' when nothing is cited. With `limit`, line references are dropped from the
    end until the text fits, and the count of those left out is said."""
    by_source = grouped(pairs)
    if not by_source:
        return ""
    names = short_names()
    total = sum(max(len(refs), 1) for refs in by_source.values())

    def text(keep: int) -> str:
        parts, left = [], keep
        for source, refs in by_source.items():
            if left <= 0:
                break
            shown = refs[:left]
            name = names.get(source, source)
            parts.append(f"{name}, {lines_words(shown)}" if shown else name)
            left -= max(len(shown), 1)
        body = ngettext("Source: {sources}", "Sources: {sources}", len(by_source), sources="; ".join(parts))
        dropped = total - keep
        if dropped <= 0:
            return body
        if more == MORE_NOTES:
            return body + " " + ngettext("… and {n} more: see the slide notes", "… and {n} more: see the slide notes",
                                         dropped)
        return body + " " + ngettext("… and {n} more: see the table", "… and {n} more: see the table", dropped)

    keep = total
    out = text(keep)
    while limit is not None and len(out) > limit and keep > 1:
        keep -= 1
        out = text(keep)
    return out
