"""The one label layer: ids from the data and from `metrics/` -> the reader's words.

`metrics/` speaks ids and numbers only (stage "registered", status "not_reported",
direction "up", reporter "us_tip", region "KG-C", ...). This module is the only place
that turns them into text in the language of the run: names of reporters, regions,
countries and sources (from the reference tables), the data's vocabulary (`term()`,
from data/meta/vocabularies.yml), the statuses, stages, directions and scopes that
metrics compute, and the sentences built from their figures.

Tables: `labelled(frame, {"stage": "stage", "unit": "unit", ...})` gives a copy with
each named column in words, for display only; charts, filters and keys keep the ids.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from functools import lru_cache

import polars as pl

from data.load import data_version, reference, reference_version
from data.localised import localise
from data.metadata import labels as vocabulary_labels
from i18n import DEFAULT, N_, _, current, ngettext
from i18n.numbers import number
from metrics.assistance import ESTIMATE, ONE_ORGANISATION, SEVERAL_NGOS, STATE_BODY
from metrics.geography import ESTABLISHED, NO_EVIDENCE
from metrics.masking import AS_PRINTED, FEWER_THAN_5, NOT_REPORTED, REPORTED
from metrics.recommendations import STATUS_ORDER
from metrics.yoy import DIRECTION_DOWN, DIRECTION_GAP, DIRECTION_SAME, DIRECTION_UP

__all__ = [
    "capitalised", "term", "terms", "translated",
    "names", "name", "localise", "note", "notes", "note_texts", "labelled", "reporters", "reporter", "regions", "region", "countries", "country",
    "source", "sources", "stage", "stages", "status", "statuses", "direction", "directions", "scope",
    "chain_title", "chain_step", "card", "dataset", "main_form", "forms", "flags", "not_reported", "shown",
    "disagreement_sentence", "range_sentence", "card_others", "page_answers",
]


# --- The data's vocabulary (measures, units, statuses, forms of exploitation, ...) -------
# Labelled in data/meta/vocabularies.yml (en, ru, ky); a missing label falls back to English.

def term(vocabulary: str, key: str | None) -> str:
    """A data term in the current language: term("status", "implemented") -> 'выполнена'.

    An unknown term is shown as written, with underscores as spaces."""
    if key is None or key == "":
        return ""
    return vocabulary_labels(current()).get((vocabulary, key)) or str(key).replace("_", " ")


def terms(vocabulary: str) -> dict[str, str]:
    """term -> name in the current language, for one vocabulary (for `pl.col(...).replace`)."""
    return {t: name for (v, t), name in vocabulary_labels(current()).items() if v == vocabulary}


def translated(frame: pl.DataFrame, vocabularies: Mapping[str, str]) -> pl.DataFrame:
    """Each text column named in `vocabularies` ({column: vocabulary}) with its ids replaced
    by their names in the current language (`term`), for display: keys, filters and charts
    keep the ids. Absent or non-text columns are left alone. (`labelled()` does this and
    more.)"""
    columns = {c: pl.col(c).replace({t: term(v, t) for t in frame[c].drop_nulls().unique().to_list()})
               for c, v in vocabularies.items() if c in frame.columns and frame[c].dtype == pl.String}
    return frame.with_columns(**columns) if columns else frame


def capitalised(text: str) -> str:
    """A name from the data with a capital first letter ('partially implemented' ->
    'Partially implemented'); the rest as written."""
    return text[:1].upper() + text[1:]


# --- Names from the reference tables (regions, countries, reporters) -------------------

def _column(table: pl.DataFrame, base: str, lang: str) -> str:
    wanted = f"{base}_{lang}"
    return wanted if wanted in table.columns else f"{base}_{DEFAULT}"


class Names(dict):
    """id -> name; an id without a name (its reference table could not be read) is shown as it is."""

    def __missing__(self, key: str) -> str:
        return key


@lru_cache(maxsize=64)
def _names(table_name: str, base: str, lang: str, version: Hashable) -> Names:
    """`version`: the data version (a new copy of a reference table gives new names)."""
    table = reference(table_name)
    ids = table[table.columns[0]]
    english = dict(zip(ids, table[f"{base}_{DEFAULT}"])) if f"{base}_{DEFAULT}" in table.columns else {}
    local = dict(zip(ids, table[_column(table, base, lang)])) if _column(table, base, lang) in table.columns else {}
    return Names({k: (local.get(k) or english.get(k) or k) for k in ids})


def names(table_name: str, short: bool = False) -> dict[str, str]:
    """id -> name in the current language, e.g. names("regions")["KG-C"] == "Чуйская область";
    from the reference table in use (a copy swapped in under a running server gives new names)."""
    return _names(table_name, "short" if short else "name", current(), reference_version(table_name))


def name(table_name: str, key: str | None, short: bool = False) -> str:
    """One id's name in the current language (the id itself when unknown)."""
    if key is None:
        return ""
    return names(table_name, short).get(key, key)


# --- Our notes (free text in data/*.csv), in the reader's language ---------------------
# Every dataset with a `note` has `note_ru` and `note_ky` (our translation). Metrics and views
# select the columns they show and drop those, so a note is looked up by its English text.

@lru_cache(maxsize=8)
def _note_texts(lang: str, version: Hashable) -> dict[str, str]:
    from data.load import CONFLICT_FILE, DATASETS

    out: dict[str, str] = {}
    for watched in (*DATASETS.values(), CONFLICT_FILE):
        frame = watched.state(track=False).served.value.frame
        if "note" in frame.columns and f"note_{lang}" in frame.columns:
            for english, local in frame.select("note", f"note_{lang}").drop_nulls().iter_rows():
                out.setdefault(english, local)
    return out


def note_texts() -> dict[str, str]:
    """English note -> the same note in the current language (empty in English)."""
    lang = current()
    return {} if lang == DEFAULT else _note_texts(lang, data_version())


def note(text: str | None) -> str:
    """One of our notes in the current language (as written when it has no translation)."""
    return "" if text is None else note_texts().get(text, text)


def notes(frame: pl.DataFrame, column: str = "note") -> pl.DataFrame:
    """`frame` with its notes in the current language, for display: our translation where the
    data has one, else the note as written."""
    if column not in frame.columns or frame[column].dtype != pl.String or current() == DEFAULT:
        return frame
    known = note_texts()
    present = {t: known[t] for t in frame[column].drop_nulls().unique().to_list() if t in known}
    return frame.with_columns(pl.col(column).replace(present)) if present else frame


def reporters(short: bool = False) -> dict[str, str]:
    """Reporter id -> name (or short name) in the current language."""
    return names("reporters", short=short)


def reporter(key: str | None, short: bool = False) -> str:
    return name("reporters", key, short)


def regions() -> dict[str, str]:
    """Region id (ISO 3166-2) -> name in the current language."""
    return names("regions")


def region(key: str | None) -> str:
    """A region's name; "unknown" (a figure whose region the source does not give) in words."""
    return _("unknown") if key == "unknown" else name("regions", key)


def countries() -> dict[str, str]:
    """Country id (ISO 3166-1 alpha-3) -> name in the current language."""
    return names("countries")


def country(key: str | None) -> str:
    return name("countries", key)


def sources() -> dict[str, str]:
    """Source id -> the document's short name in the current language (our translation
    where data/sources.csv has one, else as published)."""
    from data.citations import short_names

    return short_names()


def source(key: str | None) -> str:
    return "" if key is None else sources().get(key, key)


# --- What metrics compute: stages, statuses, directions, scopes, chains, cards ----------

STAGES = {
    "registered": N_("Registered"),
    "investigated": N_("Investigated / initiated"),
    "prosecuted": N_("Sent to court / prosecuted"),
    "convicted": N_("Convicted (persons)"),
    "discontinued": N_("Discontinued"),
}
# Status ids of metrics (gaps, masking, councils); recommendation statuses are vocabulary terms.
STATUSES = {
    REPORTED: N_("reported"), NOT_REPORTED: N_("not reported"), FEWER_THAN_5: N_("fewer than 5"),
    ESTABLISHED: N_("council on record"), NO_EVIDENCE: N_("no evidence in the sources"),
}
DIRECTIONS = {DIRECTION_UP: N_("▲ up"), DIRECTION_DOWN: N_("▼ down"), DIRECTION_SAME: N_("= no change"),
              DIRECTION_GAP: N_("— not comparable")}
SCOPES = {ONE_ORGANISATION: N_("one organisation's count"), SEVERAL_NGOS: N_("several NGOs together"),
          STATE_BODY: N_("a state body's count"), ESTIMATE: N_("an estimate or survey")}
CHAIN_TITLES = {
    "ngo_vs_police_2018_2020": N_("Victims who approached NGOs vs what reached the police and courts, 2018–2020"),
    "gpo_review_2020": N_("The Prosecutor General's review of closed cases"),
}
CHAIN_STEPS = {
    "victims_approached_ngo": N_("Victims who approached NGOs"), "crimes_registered": N_("Crimes registered"),
    "cases_sent_to_court": N_("Cases sent to court"), "cases_discontinued": N_("Cases discontinued"),
    "closed_cases_reviewed": N_("Closed cases reviewed"), "cases_reopened": N_("Cases reopened"),
    "registered_again": N_("Registered again"),
}
CARDS = {
    "registered": N_("Registered trafficking cases"),
    "prosecuted": N_("Cases sent to court / prosecuted"),
    "convicted": N_("Persons convicted"),
    "victims": N_("Victims identified or assisted (one year)"),
}
# Dataset ids -> what the reader sees (the Regions page's "Figures that name this region").
DATASETS = {"justice": N_("Justice"), "assistance": N_("Assistance"), "regional": N_("Regional figures")}


def _lookup(messages: Mapping[str, str], key: str | None) -> str:
    if key is None:
        return ""
    message = messages.get(key)
    return _(message) if message else str(key).replace("_", " ")


def stage(key: str | None) -> str:
    """A funnel stage in words: stage("registered") -> 'Registered'."""
    return _lookup(STAGES, key)


def stages() -> dict[str, str]:
    """Stage id -> label in the current language (charts, tables and selectors)."""
    return {key: _(message) for key, message in STAGES.items()}


def status(key: str | None) -> str:
    """Any status id in words: a gap ("not_reported"), a masked count, a council's
    status, or a recommendation's status (vocabulary `status`)."""
    if key in STATUSES:
        return _(STATUSES[key])
    return term("status", key)


def statuses(kind: str = "recommendation") -> dict[str, str]:
    """Status id -> words, in order: kind "recommendation" (STATUS_ORDER), "council" or "figure"."""
    keys = {"recommendation": STATUS_ORDER, "council": [ESTABLISHED, NO_EVIDENCE],
            "figure": [REPORTED, NOT_REPORTED, FEWER_THAN_5]}[kind]
    return {key: status(key) for key in keys}


def not_reported() -> str:
    """The words for a gap in the sources (never a zero)."""
    return status(NOT_REPORTED)


def direction(key: str | None) -> str:
    """A change's direction in words, with its arrow."""
    return _lookup(DIRECTIONS, key)


def directions() -> dict[str, str]:
    return {key: _(message) for key, message in DIRECTIONS.items()}


def scope(key: str | None) -> str:
    """Whose count a figure is (metrics.assistance.scope), in words."""
    return _lookup(SCOPES, key)


def chain_title(key: str) -> str:
    return _lookup(CHAIN_TITLES, key)


def chain_step(key: str | None) -> str:
    return _lookup(CHAIN_STEPS, key)


def card(key: str) -> str:
    """A headline card's label (metrics.overview.CARDS)."""
    return _lookup(CARDS, key)


def dataset(key: str | None) -> str:
    return _lookup(DATASETS, key)


def main_form(key: str | None) -> str:
    """The main form of exploitation named for a country (metrics.geography.MAIN_FORMS)."""
    return _("Other or not stated") if key == "other_or_not_stated" else term("exploitation", key)


def flags(ids: str | None) -> str | None:
    """A row's `flags` ("estimate;range_low"): what kind of number it is, in words."""
    if not ids:
        return None
    return "; ".join(term("flag", f) for f in ids.split(";") if f)


def forms(ids: str | None) -> str:
    """'labour, sexual' (ids, as metrics join them) -> the forms in words; '' -> 'form not stated'."""
    keys = [f.strip() for f in (ids or "").split(",") if f.strip()]
    return ", ".join(term("exploitation", f) for f in keys) if keys else _("form not stated")


# --- Tables ------------------------------------------------------------------------------

# Column kinds `labelled()` knows besides the data's vocabularies.
KINDS: dict[str, Callable[[str], str]] = {
    "reporter": reporter, "reporter_short": lambda k: reporter(k, short=True), "region": region,
    "country": country, "source": source, "stage": stage, "status": status, "direction": direction,
    "scope": scope, "chain_step": chain_step, "dataset": dataset, "main_form": main_form, "forms": forms,
    "flags": flags,
}


def labelled(frame: pl.DataFrame, columns: Mapping[str, str]) -> pl.DataFrame:
    """A copy of `frame` with each column of `columns` ({column: kind}) in the reader's words.

    A kind is one of KINDS (reporter, reporter_short, region, country, source, stage,
    status, direction, scope, chain_step, dataset, main_form, forms, flags) or else the name of
    a vocabulary of the data (measure, unit, offence, sex, ...: `term()`). Absent or
    non-text columns are left alone; an empty cell stays empty."""
    out = {}
    for column, kind in columns.items():
        if column not in frame.columns or frame[column].dtype != pl.String:
            continue
        word = KINDS.get(kind) or (lambda key, vocabulary=kind: term(vocabulary, key))
        mapping = {key: word(key) for key in frame[column].drop_nulls().unique().to_list()}
        out[column] = pl.col(column).replace(mapping)
    return frame.with_columns(**out) if out else frame


def shown(frame: pl.DataFrame, value: str = "value") -> pl.DataFrame:
    """Add `shown`: each figure as the reader sees it, after `metrics.masking.mask_small`
    (its `mask` id): the number in the reader's format, 'fewer than 5' or 'not reported'."""
    text = [number(v) if m == AS_PRINTED and v is not None else status(m)
            for v, m in zip(frame[value].to_list(), frame["mask"].to_list())]
    return frame.with_columns(shown=pl.Series(text, dtype=pl.String))


# --- Sentences -----------------------------------------------------------------------------

def listing(parts: list[str]) -> str:
    """'a, b and c' in the current language."""
    if len(parts) <= 1:
        return "".join(parts)
    return _("{items} and {last}", items=", ".join(parts[:-1]), last=parts[-1])


def disagreement_sentence(row: Mapping) -> str:
    """One row of `metrics.funnel.disagreements()` in words: '2020, registered: 7 (NSC),
    8 (MoI/GPO) and 40 (US TIP).', reporters by their short names."""
    parts = [f"{number(v)} ({reporter(r, short=True)})" for v, r in zip(row["figures"], row["reporter_ids"])]
    return _("{year}, {stage}: {figures}.", year=str(row["year"]), stage=stage(row["stage"]).lower(),
             figures=listing(parts))


def range_sentence(values: Mapping[str, int] | None) -> str | None:
    """`metrics.overview.value_range()` in words: '7 to 40 a year, 2016–2021, depending on the reporter'."""
    if values is None:
        return None
    return _("{low} to {high} a year, {first}–{last}, depending on the reporter", **_range_text(values))


def _range_text(values: Mapping[str, int]) -> dict[str, str]:
    return {"low": number(values["low"]), "high": number(values["high"]),
            "first": str(values["first"]), "last": str(values["last"])}


def card_others(row: Mapping) -> str:
    """The other reporters of a headline card's year: 'MoI/GPO: 7, NSC: 8'."""
    return ", ".join(f"{reporter(r, short=True)}: {number(v)}"
                     for r, v in zip(row["other_reporters"] or [], row["other_values"] or []))


def page_answers(facts: Mapping[str, Mapping]) -> dict[str, str]:
    """`metrics.overview.page_facts()` as one-line answers for the links to the other pages."""
    answers: dict[str, str] = {}
    if "justice" in facts:
        answers["justice"] = _("registered trafficking cases, {low} to {high} a year, {first}–{last}, "
                               "depending on the reporter.", **_range_text(facts["justice"]))
    if "victims" in facts:
        victims = facts["victims"]
        # Translators: {from_bodies} is "from 3 organisations and agencies" (translated on its own).
        from_bodies = ngettext("from {n} organisation or agency", "from {n} organisations and agencies",
                               victims["bodies"])
        answers["victims"] = ngettext(
            "{n} victim figure {from_bodies}, for its own period; no national count.",
            "{n} victim figures {from_bodies}, each for its own period; no national count.",
            victims["figures"], from_bodies=from_bodies)
    if "regions" in facts:
        councils = facts["regions"]
        answers["regions"] = ngettext("a coordination council is on record in {count} of {n} region.",
                                      "a coordination council is on record in {count} of {n} regions.",
                                      councils["regions"], count=number(councils["count"]))
    if "migration" in facts:
        migration = facts["migration"]
        answers["migration"] = ngettext("{n} country named as a destination; named most often: {top}.",
                                        "{n} countries named as destinations; named most often: {top}.",
                                        migration["countries"], top=", ".join(country(c) for c in migration["top"]))
    if "recommendations" in facts:
        recs = facts["recommendations"]
        # Translators: {in_reports} is "in 5 reports", {implemented} is "3 of the 10 assessed are
        # implemented" (each translated on its own, with its own plural).
        in_reports = ngettext("in {n} report", "in {n} reports", recs["reports"])
        implemented = ngettext("{n} of the {assessed} assessed is implemented",
                               "{n} of the {assessed} assessed are implemented", recs["implemented"],
                               assessed=number(recs["assessed"]))
        answers["recommendations"] = ngettext("{n} recommendation {in_reports}; {implemented}.",
                                              "{n} recommendations {in_reports}; {implemented}.",
                                              recs["recommendations"], in_reports=in_reports, implemented=implemented)
    return answers
