"""Spending and training: what the programmes against trafficking cost, who paid, and who
was trained when. Layout only: every number comes from metrics.capacity."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import labels, table
from i18n import _, ngettext
from i18n.names import capitalised, term, translated
from i18n.names import names as names_of
from metrics import capacity as cap
from ui import params
from ui.charts import fmt_value, horizontal_bars, line_label, show
from ui.frame import PageFrame
from ui.tables import table as show_table

PROVENANCE = ["period", "reporter", "source", "lines", "note"]

frame = PageFrame("capacity")
capacity = table("capacity")
reporters = names_of("reporters", short=True)
full_names = names_of("reporters")


def readable(frame_: pl.DataFrame) -> pl.DataFrame:
    """Ids in the reader's language, for tables only (charts and keys keep the ids)."""
    frame_ = translated(frame_, {"measure": "measure", "unit": "unit", "audience": "audience"})
    if "reporter" in frame_.columns:
        frame_ = frame_.with_columns(reporter=pl.col("reporter").replace(reporters))
    if "source" in frame_.columns:  # the document's short name, not its id
        frame_ = frame_.with_columns(source=pl.col("source").replace(labels("sources", "short")))
    return frame_.drop([c for c in ("id", "addable", "repeated", "scope") if c in frame_.columns])


def unique_labels(labels: list[str], rows: pl.DataFrame) -> list[str]:
    """Bar labels, made unique with the source lines where two would read the same."""
    seen = {label: labels.count(label) for label in labels}
    return [f"{label} · {line_label(lines)}" if seen[label] > 1 else label
            for label, lines in zip(labels, rows["lines"])]


def subtitle(rows: pl.DataFrame, unit: str) -> str:
    first, last = cap.span(rows) or (0, 0)
    years = str(first) if first == last else f"{first}–{last}"
    return _("Kyrgyz Republic, {years}, {unit}", years=years, unit=unit)


with st.expander(_("How to read this page"), icon=":material/help:"):
    st.markdown("\n".join("- " + bullet for bullet in (
        _("**Budgets stay in the currency the source prints.** Amounts in different currencies are never "
          "converted or added."),
        _("**Training counts overlap.** A report may print the same group twice, or a total and its parts; "
          "such figures are never added up. Each bar is one printed count."),
        _("**Many counts cover the whole life of a project.** Where the source gives no year, the bar shows "
          "the years the project ran, not the year of the training."),
    )))

if capacity.is_empty():
    st.warning(_("No spending or training figures could be loaded; see the Sources page for data problems."))
    st.stop()

VIEWS = {"budgets": _("What it cost"), "training": _("Who was trained"), "activities": _("Other activities")}
view = params.view(VIEWS)


def budgets_view() -> list[pl.DataFrame]:
    st.header(_("What the programmes cost, and who paid"))
    budgets = cap.budgets(capacity)
    if budgets.is_empty():
        st.info(_("The sources give no budget figures."))
        return []
    shown = budgets.with_columns(label=pl.Series(unique_labels(
        [_("{organiser}, {period}", organiser=o or full_names.get(r, r), period=p)
         for o, r, p in zip(budgets["organiser"], budgets["reporter"], budgets["period"])], budgets), dtype=pl.String))
    cards = st.columns(min(shown.height, 4))
    for i, row in enumerate(shown.iter_rows(named=True)):
        cards[i % len(cards)].metric(row["label"], fmt_value(row["value"], row["unit"]))
    used = [budgets]
    # One chart per currency: bars of different currencies never share an axis.
    for unit in dict.fromkeys(budgets["unit"].to_list()):
        part = shown.filter((pl.col("unit") == unit) & pl.col("value").is_not_null())
        if part.is_empty():
            continue
        show(horizontal_bars(part, "label", _("Budgets in {currency}", currency=term("unit", unit)),
                             subtitle(part, term("unit", unit))),
             readable(part), f"capacity_budgets_{unit}",
             ["label", "organiser", "value", "unit", *PROVENANCE], brief=("label", None, "barh"))
    for row in cap.budget_totals(budgets).iter_rows(named=True):
        st.caption(ngettext(
            "Together {n} budget of {reporter}: {total}. We add them up; the source prints no total.",
            "Together the {n} budgets of {reporter}: {total}. We add them up; the source prints no total.",
            row["added"], reporter=full_names.get(row["reporter"], row["reporter"]),
            total=fmt_value(row["total"], row["unit"])))
    missing = budgets.filter(pl.col("value").is_null())
    for row in missing.iter_rows(named=True):
        st.info(_("No amount is printed for the budget of {who}, {period}; see the note in the table below.",
                  who=full_names.get(row["reporter"], row["reporter"]), period=row["period"]))
    st.subheader(_("Every budget figure, with who paid as the source states it"))
    show_table(readable(budgets).select("organiser", "value", "unit", *PROVENANCE), key="budgets_table")
    return used


def training_view() -> list[pl.DataFrame]:
    st.header(_("Who was trained, and when"))
    trained = cap.trained(capacity)
    if trained.is_empty():
        st.info(_("The sources give no training figures."))
        return []
    labels = []
    for row in trained.iter_rows(named=True):
        who = capitalised(term("audience", row["audience"])) if row["audience"] else _("audience not stated")
        if row["part"]:
            who = _("of which: {audience}", audience=who)
        labels.append(f"{who} · {row['period']}")
    shown = trained.with_columns(label=pl.Series(unique_labels(labels, trained), dtype=pl.String))
    show(horizontal_bars(shown, "label", _("People trained, as each source prints the count"),
                         subtitle(shown, term("unit", "persons"))),
         readable(shown), "capacity_trained", ["label", "audience", "organiser", "value", "unit", *PROVENANCE],
         brief=("label", None, "barh"))
    by_year = cap.trained_by_year(trained)
    if by_year.is_empty():
        st.caption(_("The counts overlap (one group printed twice, totals beside their parts), so they are shown "
                     "one by one and not added up."))
    else:
        st.subheader(_("People trained in a single year"))
        st.caption(_("Only counts printed for one calendar year; parts of a printed total and repeated figures "
                     "are left out, so nothing is counted twice."))
        show_table(by_year.select("year", "value", "counts").rename({"counts": "figures"}), key="trained_by_year")
    parts = trained.filter(pl.col("part")).height
    if parts:
        st.caption(ngettext("{n} bar is a part of a total printed beside it (marked 'of which').",
                            "{n} bars are parts of a total printed beside them (marked 'of which').", parts))
    return [trained]


def activities_view() -> list[pl.DataFrame]:
    st.header(_("Campaigns, events, materials and other activities"))
    other = cap.other_activities(capacity)
    if other.is_empty():
        st.info(_("The sources give no other activity figures."))
        return []
    st.caption(ngettext("{n} figure, each as the source prints it.", "{n} figures, each as the source prints it.",
                        other.height))
    show_table(readable(other).select("measure", "value", "unit", "audience", "organiser", *PROVENANCE),
               key="activities_table")
    return [other]


RENDER = {"budgets": budgets_view, "training": training_view, "activities": activities_view}
frame.sources(RENDER[view]())
