"""The Sources page's view: the documents, the datasets, coverage, disagreements,
problems and the citation of one figure, ready to draw."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from data import metadata
from data.dictionary import columns_frame, tables_frame
from data.citations import document as source_document
from data.citations import documents as source_documents
from data.citations import short_names
from data.load import broken_files as broken
from data.load import conflicts
from data.releases import FIRST_NOTE, ROLLBACK_NOTE, Release, release_summary
from i18n import DEFAULT, _, current
from metrics import catalogue as catalogues
from metrics import coverage as coverages
from metrics.catalogue import figures_per_source
from metrics.disagreements import all_disagreements
from ui import labels
from ui.formatting import fmt_value, line_label
from ui.frame import file_title
from ui.tables import header


@dataclass(frozen=True)
class ReleaseView:
    """The data release the page shows, ready to draw: `heading` ("Release 3 of 2026-03-02"),
    `note` (what staff wrote, or what a rollback restores), `changes` (dataset by its title,
    new / changed / removed rows against the release before) and `earlier` (every earlier
    release: release, date, note; newest first)."""

    heading: str
    note: str
    changes: pl.DataFrame
    earlier: pl.DataFrame


def _release_heading(r: Release) -> str:
    if r.date is None:
        return _("Release {number}", number=r.number)
    return _("Release {number} of {date}", number=r.number, date=r.date.isoformat())


def _release_note(r: Release) -> str:
    """The staff's note, with what a rollback restores in the reader's words. Notes the desk
    writes itself (release 1 = the shipped data, a rollback without a note) are never shown
    as stored: they are worded here, in the reader's language."""
    note = r.note.strip()
    if r.restores is not None:
        if not note or note == ROLLBACK_NOTE.format(number=r.restores):
            return _("Restores release {number}", number=r.restores)
        return _("Restores release {number}: {note}", number=r.restores, note=note)
    if r.number == 1 and note in ("", FIRST_NOTE):
        return _("The curated first release, shipped with the app")
    return note


def release(folder: str | None = None) -> ReleaseView | None:
    """The published release the app shows (data.releases.release_summary), or None when it
    shows the shipped data (nothing was published): the page then says so in one line."""
    summary = release_summary(folder)
    if summary is None:
        return None
    titles = _dataset_titles()
    changes = pl.DataFrame(
        [{"dataset": titles.get(c.table, file_title(c.table)), "new": c.new, "changed": c.changed,
          "removed": c.removed} for c in summary.changes],
        schema={"dataset": pl.String, "new": pl.Int64, "changed": pl.Int64, "removed": pl.Int64})
    earlier = pl.DataFrame(
        [{"release": r.number, "date": r.date.isoformat() if r.date else None, "note": _release_note(r)}
         for r in summary.history if r.number != summary.release.number],
        schema={"release": pl.Int64, "date": pl.String, "note": pl.String})
    return ReleaseView(_release_heading(summary.release), _release_note(summary.release), changes, earlier)


def dictionary_titles() -> dict[str, str]:
    """Dataset id -> its title in the reader's language (the data dictionary's choices)."""
    described = tables_frame(current())
    return dict(zip(described["dataset"], described["title"]))


@dataclass(frozen=True)
class DictionaryEntry:
    about: str              # title, what one row is, description (markdown)
    caveats: str | None     # how to read it (a markdown list), if the metadata gives any
    licence: str
    fields: pl.DataFrame    # one row per column: title, column, required, checks, description


def dictionary(dataset: str) -> DictionaryEntry:
    """One dataset's entry in the data dictionary, from its metadata, in the reader's language."""
    lang = current()
    about = tables_frame(lang).filter(pl.col("dataset") == dataset).row(0, named=True)
    caveats = metadata.table(dataset).caveats
    fields = columns_frame(lang, [dataset], description_fallback=False).with_columns(
        checks=pl.coalesce("vocabulary_title", "reference_title", "pattern_title"),
    ).select("title", "column", "required", "checks", "description")
    return DictionaryEntry(
        about=f"**{about['title']}** — {about['one_row']}. {about['description']}",
        caveats=(f"{header('caveats')}:\n" + "\n".join(f"- {c}" for c in caveats.get(lang) or caveats["en"])
                 if caveats else None),
        licence=f"{header('licence')}: {about['licence']}",
        fields=fields,
    )


def datasets(loaded: dict) -> tuple[dict[str, pl.DataFrame], dict[str, int]]:
    """(dataset -> its valid rows; dataset -> how many problems the loader set aside)."""
    return ({name: item.frame for name, item in loaded.items()},
            {name: len(item.problems) for name, item in loaded.items()})


def _names_of(text: str | None, names: dict[str, str]) -> str | None:
    """'auca-2019, osce-2025' -> 'AUCA monitoring report 2019, OSCE 2025': the ids of a
    comma-joined list by name (readers never see an id)."""
    if text is None:
        return None
    return ", ".join(names.get(part, part) for part in text.split(", ") if part)


def _in_words(frame: pl.DataFrame, columns: dict[str, dict[str, str]]) -> pl.DataFrame:
    """Columns holding ids (or comma-joined ids) by name."""
    return frame.with_columns(**{
        column: pl.Series(column, [_names_of(v, names) for v in frame[column]], dtype=pl.String)
        for column, names in columns.items() if column in frame.columns})


def _dataset_titles() -> dict[str, str]:
    return {**{n: file_title(n) for n in metadata.tables()}, **dictionary_titles()}


def catalogue(tables: dict[str, pl.DataFrame], problem_counts: dict[str, int]) -> pl.DataFrame:
    """One row per dataset: rows, figures, documents, years, problems (datasets and
    documents by name)."""
    return _in_words(catalogues.catalogue(tables, problem_counts),
                     {"dataset": _dataset_titles(), "sources": short_names()})


def coverage(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Which source has figures for which dataset and year (long form)."""
    return coverages.coverage(tables)


def coverage_years(cov: pl.DataFrame, first: int, last: int) -> pl.DataFrame:
    """Datasets × years from `first` to `last`: the documents in each cell ('' for a gap)."""
    matrix = coverages.matrix(cov, first, last)
    return _in_words(matrix, {"dataset": _dataset_titles(),
                              **{c: short_names() for c in matrix.columns if c != "dataset"}})


def documents(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """The source documents, with how many rows of which datasets each feeds."""
    docs = source_documents().join(figures_per_source(tables), on="source", how="left")
    docs = _in_words(docs, {"datasets": _dataset_titles()})
    # In Russian and Kyrgyz the title is our translation; the title as published stands beside it.
    original = ["title_original"] if current() != DEFAULT and "title_original" in docs.columns else []
    return docs.select(pl.col("short").alias("document"), "title", *original, "description", "publisher",
                       "year_published", "period_covered", "rows", "datasets")


def disagreements(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Every case of reporters giving different figures for the same thing, in words."""
    rows = all_disagreements(tables)
    shown = labels.labelled(rows, {"measure": "measure", "unit": "unit"}).with_columns(
        reporters=pl.Series("reporters", [", ".join(labels.reporter(r, short=True) for r in (rs or "").split(", ") if r)
                                          for rs in rows["reporters"]], dtype=pl.String))
    return _in_words(shown, {"dataset": _dataset_titles()}).select(
        "dataset", "measure", "unit", "period", "reporters", "values")


def recorded_conflicts() -> list[str]:
    """Each conflict recorded by hand (data/conflicts.csv), in one line: where it lies
    (between sources, inside one source), our note, and the source and lines."""
    kinds = {"disagreement": _("between sources"), "internal_conflict": _("inside one source")}
    names = short_names()
    return [f"{kinds.get(r['kind'], '')}: {r['note']} *({names.get(r['source'], '')}, {line_label(r['lines'])})*"
            for r in labels.localise(conflicts(), "note").iter_rows(named=True)]


def broken_files() -> list[str]:
    """Each file on disk that has failed its checks, since when (the last good copy is shown)."""
    return [_("{table}: the copy on disk has failed its checks since {time}; the last good copy is shown.",
              table=file_title(name), time=since.strftime("%Y-%m-%d %H:%M UTC")) for name, since in broken()]


def problem_rows(problems: list) -> pl.DataFrame:
    return pl.DataFrame(
        [{"file": p.file, "row": p.row, "column": p.column, "problem": p.message} for p in problems],
        schema={"file": pl.String, "row": pl.Int64, "column": pl.String, "problem": pl.String},
    )


def figure_tables(tables: dict[str, pl.DataFrame]) -> list[str]:
    """The datasets with at least one figure."""
    return [n for n, t in tables.items() if "value" in t.columns and t["value"].is_not_null().any()]


def citable(frame: pl.DataFrame) -> tuple[pl.DataFrame, dict[int, str]]:
    """(the figures of a dataset, numbered by `row`; row -> a one-line label to pick it)."""
    rows = frame.filter(pl.col("value").is_not_null()).with_row_index("row")
    return rows, {r["row"]: _("{measure} = {value}, {period}, {reporter}", measure=labels.term("measure", r["measure"]),
                              value=fmt_value(r["value"], r["unit"]), period=r["period"],
                              reporter=labels.reporter(r["reporter"], short=True))
                  for r in rows.iter_rows(named=True)}


def citation(rows: pl.DataFrame, pick: int) -> str:
    """How to cite one figure: value, what, when, who, and the document and lines."""
    r = rows.filter(pl.col("row") == pick).row(0, named=True)
    known = source_document(r["source"])
    # Without a readable sources table the document is named by its id (the page says why).
    doc = known if known.get("title") else {
        "publisher": r["source"], "title": r["source"], "title_original": r["source"], "file": r["source"],
        "year_published": None}
    # The title as published, so the document can be found; our translation beside it in
    # square brackets, as bibliographies do; the publisher in the reader's language.
    title = doc.get("title_original") or doc["title"]
    if doc["title"] != title:
        title = f"{title} [{doc['title']}]"
    values = {"value": fmt_value(r["value"], r["unit"]), "measure": labels.term("measure", r["measure"]),
              "period": r["period"], "reporter": labels.reporter(r["reporter"], short=True),
              "publisher": doc["publisher"], "title": title, "lines": line_label(r["lines"]),
              # the document by its short name ('lines 204-206 of OSCE 2025'), never its file name
              "file": doc.get("short") or doc["title"]}
    if doc["year_published"]:
        return _("{value} ({measure}, {period}; reporter: {reporter}). Source: {publisher}, \"{title}\", "
                 "{year}, {lines} of {file}.", year=doc["year_published"], **values)
    return _("{value} ({measure}, {period}; reporter: {reporter}). Source: {publisher}, \"{title}\", "
             "{lines} of {file}.", **values)
