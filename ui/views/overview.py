"""The Overview page's view: headline cards, the council card, the links' one-line
answers, milestones and gaps, ready to draw."""
from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from data.load import has_problems, reference
from data.load import table as dataset
from i18n import _, ngettext
from i18n.numbers import MINUS, number, signed
from metrics.overview import CARDS as CARD_IDS
from metrics.overview import headline_cards, page_facts, regional_councils
from ui import labels
from ui.formatting import fmt_value, line_label
from ui.frame import file_title


def report_name(source: str) -> str:
    """A source document by its short name ('OSCE 2025'), never its id."""
    from data.citations import short_names

    return short_names().get(source, "")


@dataclass(frozen=True)
class Card:
    """A headline card as the reader sees it."""
    label: str
    value: str
    delta: str | None
    help: str
    caption: str
    spark_years: list[int]
    spark_values: list[float]


def cards(justice: pl.DataFrame, assistance: pl.DataFrame, this_year: int) -> tuple[list[Card], pl.DataFrame]:
    """The headline cards in words, and their figures (ids and numbers)."""
    rows = headline_cards(justice, assistance, this_year)
    out = []
    for card in rows.iter_rows(named=True):
        delta = None
        if card["change"] is not None and card["previous_year"] is not None:
            # st.metric reads the arrow from a leading ASCII "-"; Babel's minus sign would point it up.
            # Translators: keep {change} first, its sign sets the arrow.
            delta = _("{change} vs {year}", change=signed(card["change"]).replace(MINUS, "-"),
                      year=str(card["previous_year"]))
        spark = len(card["spark_values"]) > 1
        reporter = labels.reporter(card["reporter"], short=True)
        help_text = f"{reporter}, {report_name(card['source'])}, {line_label(card['lines'])}"
        one_body = card.get("scope") == "organisation"  # one body's count (the 2023 victims: one NGO's)
        if one_body and card["reporter"] == "ngo":
            reporter = _("one NGO")
        notes = [f"{labels.term('unit', card['unit'])}, {card['year']}, {reporter}."]
        if one_body:
            notes.append(_("One organisation's count, not a national total."))
        if card["age"] >= 2:
            notes.append(ngettext("Latest data is {n} year old.", "Latest data is {n} years old.", card["age"]))
        if spark:
            notes.append(_("The line shows {first}–{last}.", first=str(card["spark_years"][0]),
                           last=str(card["spark_years"][-1])))
        others = labels.card_others(card)
        if others:
            notes.append("  \n" + _("Other reporters for {year}: {others}", year=str(card["year"]), others=others))
        out.append(Card(
            label=labels.card(card["card"]), value=fmt_value(card["value"]), delta=delta,
            help=help_text, caption=" ".join(notes),
            spark_years=card["spark_years"] if spark else [], spark_values=card["spark_values"] if spark else [],
        ))
    return out, rows


def missing_cards(shown: int) -> str | None:
    """A notice when a headline card cannot be computed because its data could not be
    loaded (a card is said to be missing, not dropped silently); None otherwise."""
    unavailable = [n for n in ("justice", "assistance") if dataset(n).is_empty() or has_problems(n)]
    if shown >= len(CARD_IDS) or not unavailable:
        return None
    return _("Some headline figures cannot be shown: the data they come from could not be loaded "
             "({datasets}). The Sources page lists the problems.",
             datasets=", ".join(file_title(n) for n in unavailable))


@dataclass(frozen=True)
class Councils:
    """The council card: how many regions have a council on record, and which have none."""
    value: str
    caption: str
    rows: pl.DataFrame


def councils(table: pl.DataFrame) -> Councils:
    rows = regional_councils(table)
    regions = reference("regions")
    missing = sorted(set(regions["region"]) - set(rows["region"]))
    sources = ", ".join(sorted({report_name(s) for s in rows["source"] if s}))
    caption = " ".join(text for text in (
        _("No council found in the sources for: {regions}.",
          regions=", ".join(labels.region(r) for r in missing) or _("none")),
        _("Sources: {sources}", sources=sources) if sources else "",
    ) if text)
    return Councils(_("{count} of {total}", count=number(rows.height), total=number(regions.height)), caption, rows)


def answers(tables: dict[str, pl.DataFrame]) -> dict[str, str]:
    """Page id -> the one-line answer of its link, from the data."""
    return labels.page_answers(page_facts(tables, reference("regions").height))


def themes(timeline: pl.DataFrame) -> list[str]:
    return sorted(timeline["theme"].unique().to_list())


def milestones(timeline: pl.DataFrame, theme: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(the dated milestones since 1990 of a theme ('all': every theme), numbered in date
    order (`mark`: the number on the chart), for the chart; the same in words, by date, for
    the table)."""
    shown = labels.localise(timeline.filter(pl.col("date") >= "1990-01-01"), "event", "document")
    if theme != "all":
        shown = shown.filter(pl.col("theme") == theme)
    shown = shown.sort("date", "id").with_columns(mark=pl.int_range(1, pl.len() + 1))
    return shown, labels.labelled(shown.select("mark", pl.exclude("mark")),
                                  {"theme": "event_theme", "date_precision": "date_precision"})


def milestone_key(shown: pl.DataFrame) -> list[tuple[str, str]]:
    """The key of the numbered marks, one entry a year, as plain text: ('2019', '14 — New codes
    in force; 15 — ...'), the events as the sources name them."""
    lines = []
    for (year,), part in shown.sort("mark").group_by(pl.col("date").str.slice(0, 4), maintain_order=True):
        lines.append((year, "; ".join(f"{m} — {e}" for m, e in zip(part["mark"], part["event"]))))
    return lines


def gaps(table: pl.DataFrame) -> list[str]:
    """Each gap the sources point out, in our words, with the lines that note it."""
    return [f"{row['gap']} *({report_name(row['source'])}, {line_label(row['lines'])})*"
            for row in labels.localise(table, "gap", "note").iter_rows(named=True)]
