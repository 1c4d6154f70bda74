"""Spending and training: what the programmes against trafficking cost, who paid, and who
was trained when. Layout only: every number comes from metrics.capacity."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import table
from i18n import _, ngettext
from metrics import capacity as cap
from ui import labels, params
from ui.display import card as headline
from ui.display import reading_notes, show
from ui.figures import horizontal_bars
from ui.formatting import fmt_value
from ui.frame import PageFrame
from ui.tables import table as show_table
from ui.views import capacity as view_of
from ui.views.capacity import PROVENANCE, readable, subtitle

frame = PageFrame("capacity")
capacity = table("capacity")


if capacity.is_empty():
    st.warning(_("No spending or training figures could be loaded; see the Sources page for data problems."))
    st.stop()

VIEWS = {"budgets": _("What it cost"), "training": _("Who was trained"), "activities": _("Other activities")}
view = params.view(VIEWS)


def budgets_view() -> list[pl.DataFrame]:
    st.header(_("What the programmes cost, and who paid"))
    shown = view_of.budgets(capacity)
    budgets = shown.drop("label")
    if budgets.is_empty():
        st.info(_("The sources give no budget figures."))
        return []
    cards = st.columns(min(shown.height, 2))  # a budget with its currency fits half a desktop's width
    for i, row in enumerate(shown.iter_rows(named=True)):
        with cards[i % len(cards)]:
            headline(row["label"], fmt_value(row["value"], row["unit"]))
    used = [budgets]
    # One chart per currency: bars of different currencies never share an axis.
    for unit in view_of.currencies(budgets):
        part = view_of.in_currency(shown, unit)
        if part.is_empty():
            continue
        show(horizontal_bars(part, "label", _("Budgets in {currency}", currency=labels.term("unit", unit)),
                             subtitle(part, labels.term("unit", unit))),
             readable(part), f"capacity_budgets_{unit}",
             ["label", "organiser", "value", "unit", *PROVENANCE], brief=("label", None, "barh"))
    for row in cap.budget_totals(budgets).iter_rows(named=True):
        st.caption(ngettext(
            "Together {n} budget of {reporter}: {total}. We add them up; the source prints no total.",
            "Together the {n} budgets of {reporter}: {total}. We add them up; the source prints no total.",
            row["added"], reporter=labels.reporter(row["reporter"]),
            total=fmt_value(row["total"], row["unit"])))
    for row in budgets.filter(pl.col("value").is_null()).iter_rows(named=True):
        st.info(_("No amount is printed for the budget of {who}, {period}; see the note in the table below.",
                  who=labels.reporter(row["reporter"]), period=row["period"]))
    st.subheader(_("Every budget figure, with who paid as the source states it"))
    show_table(readable(budgets).select("organiser", "value", "unit", *PROVENANCE), key="budgets_table")
    return used


def training_view() -> list[pl.DataFrame]:
    st.header(_("Who was trained, and when"))
    shown = view_of.trained(capacity)
    trained = shown.drop("label")
    if trained.is_empty():
        st.info(_("The sources give no training figures."))
        return []
    show(horizontal_bars(shown, "label", _("People trained, as each source prints the count"),
                         subtitle(shown, labels.term("unit", "persons"))),
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
    other = cap.other_activities(view_of.organisers(capacity))
    if other.is_empty():
        st.info(_("The sources give no other activity figures."))
        return []
    st.caption(ngettext("{n} figure, each as the source prints it.", "{n} figures, each as the source prints it.",
                        other.height))
    show_table(readable(other).select("measure", "value", "unit", "audience", "organiser", *PROVENANCE),
               key="activities_table")
    return [other]


RENDER = {"budgets": budgets_view, "training": training_view, "activities": activities_view}


def how_to_read() -> None:
    reading_notes(
        _("**Budgets stay in the currency the source prints.** Amounts in different currencies are never "
          "converted or added."),
        _("**Training counts overlap.** A report may print the same group twice, or a total and its parts; "
          "such figures are never added up. Each bar is one printed count."),
        _("**Many counts cover the whole life of a project.** Where the source gives no year, the bar shows "
          "the years the project ran, not the year of the training."),
    )


shown_frames = RENDER[view]()
how_to_read()  # under the first chart: on a phone it would push the chart below the fold
frame.sources(shown_frames)
