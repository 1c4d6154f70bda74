"""The Spending and training page's view: budgets, people trained and other activities
(metrics.capacity), with their bar labels and table columns in the reader's words."""
from __future__ import annotations

import polars as pl

from i18n import _
from metrics import capacity as cap
from ui import labels
from ui.formatting import line_label

PROVENANCE = ["period", "reporter", "source", "lines", "note"]
# Columns of this page's tables and what they hold (ui.labels.labelled); the source by its short name.
WORDS = {"measure": "measure", "unit": "unit", "audience": "audience", "reporter": "reporter_short",
         "source": "source"}
INTERNAL = ("id", "addable", "repeated", "scope")  # kept by metrics, never shown


def readable(frame: pl.DataFrame) -> pl.DataFrame:
    """Ids in the reader's words, for tables only (charts and keys keep the ids)."""
    return labels.labelled(frame, WORDS).drop([c for c in INTERNAL if c in frame.columns])


def unique_labels(texts: list[str], rows: pl.DataFrame) -> list[str]:
    """Bar labels, made unique with the source lines where two would read the same."""
    seen = {text: texts.count(text) for text in texts}
    return [f"{text} · {line_label(lines)}" if seen[text] > 1 else text for text, lines in zip(texts, rows["lines"])]


def subtitle(rows: pl.DataFrame, unit: str) -> str:
    first, last = cap.span(rows) or (0, 0)
    years = str(first) if first == last else f"{first}–{last}"
    return _("Kyrgyz Republic, {years}, {unit}", years=years, unit=unit)


def organisers(capacity: pl.DataFrame) -> pl.DataFrame:
    """The table with each organiser's name in the reader's language (our translation)."""
    return labels.localise(capacity, "organiser")


def budgets(capacity: pl.DataFrame) -> pl.DataFrame:
    """Every budget figure (ids), with a bar `label`: who organised or paid it, and when."""
    rows = cap.budgets(organisers(capacity))
    return rows.with_columns(label=pl.Series(unique_labels(
        [_("{organiser}, {period}", organiser=o or labels.reporter(r), period=p)
         for o, r, p in zip(rows["organiser"], rows["reporter"], rows["period"])], rows), dtype=pl.String))


def currencies(budgets_: pl.DataFrame) -> list[str]:
    """The currencies of the budgets, in order of appearance: one chart each."""
    return list(dict.fromkeys(budgets_["unit"].to_list()))


def in_currency(budgets_: pl.DataFrame, unit: str) -> pl.DataFrame:
    return budgets_.filter((pl.col("unit") == unit) & pl.col("value").is_not_null())


def trained(capacity: pl.DataFrame) -> pl.DataFrame:
    """Every training count (ids), with a bar `label`: the audience ('of which' for a part) and period."""
    rows = cap.trained(organisers(capacity))
    texts = []
    for row in rows.iter_rows(named=True):
        who = labels.capitalised(labels.term("audience", row["audience"])) if row["audience"] \
            else _("audience not stated")
        if row["part"]:
            who = _("of which: {audience}", audience=who)
        texts.append(f"{who} · {row['period']}")
    return rows.with_columns(label=pl.Series(unique_labels(texts, rows), dtype=pl.String))
