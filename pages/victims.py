"""Victims: what the sources say about victims identified and assisted, mostly by
NGOs and crisis centres. Layout only: figures come from metrics."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import table
from i18n import _, ngettext
from ui import labels, params
from ui.display import reading_notes, show
from ui.figures import horizontal_bars, step_bars
from ui.frame import PageFrame
from ui.tables import table as show_table
from ui.views import victims as view_of
from ui.views.victims import PROVENANCE, readable

frame = PageFrame("victims")
assistance, justice, regional = table("assistance"), table("justice"), table("regional")
# Headers of this page's own columns (the common ones come from ui.tables).
HEADERS = {"previous": _("Previous"), "comparable": _("Comparable")}


def table_of(frame_: pl.DataFrame, key: str, formats: dict[str, str] | None = None) -> None:
    """A table of figures with translated values and headers (a plain table when small)."""
    show_table(readable(frame_), key, {c: h for c, h in HEADERS.items() if c in frame_.columns}, formats)


VIEWS = {
    "counts": _("Victim counts"), "gap": _("Reporting gap"), "support": _("Local support"),
    "networks": _("Hotlines and NGO networks"), "change": _("Change between periods"),
}
# One part of the page at a time (as on Justice): lighter on a phone, and each part has its own link.
view = params.view(VIEWS)

# Filters: the URL holds ids ("all", "KG-C", "female"); the reader sees names. Only the
# filters that narrow the chosen part are shown; the others keep their value in the link.
FILTERS = {"counts": ("region", "sex", "age"), "support": ("region",), "change": ("region", "sex", "age")}
victim_rows = view_of.victim_rows(assistance)
# The regions offered are those the chosen part has figures for.
region_options = view_of.region_options(view_of.local_support(assistance, "all") if view == "support"
                                        else victim_rows)
used = FILTERS.get(view, ())
region, sex, age = "all", "all", "all"


def region_name(r: str) -> str:
    return _("All regions") if r == "all" else labels.region(r)


def sex_name(s_: str) -> str:
    return _("Everyone") if s_ == "all" else labels.capitalised(labels.term("sex", s_))


def age_name(a: str) -> str:
    return _("All ages") if a == "all" else labels.capitalised(labels.term("age_group", a))


if used:
    # folded into one button that says what is chosen, so the chart is on a phone's first screen
    # (as on Justice) only what is picked, so the button stays one line on a phone; all at their
    # default, the first filter's "All ..." says so
    picked = {"region": params.peek("region", region_options), "sex": params.peek("sex"), "age": params.peek("age")}
    names = {"region": region_name, "sex": sex_name, "age": age_name}
    choice = " · ".join(names[f](picked[f]) for f in used if picked[f] != "all") or names[used[0]]("all")
    box = st.popover(_("Filters: {choice}", choice=choice), icon=":material/tune:")
    if "region" in used:
        region = params.select("region", region_options, label=_("Region"), format_func=region_name, container=box)
    if "sex" in used:
        sex = params.select("sex", label=_("Sex"), format_func=sex_name, container=box)
    if "age" in used:
        age = params.select("age", label=_("Age"), format_func=age_name, container=box)


def counts_view() -> list[pl.DataFrame]:
    """Victims identified, assisted and returned, as each source prints them."""
    st.subheader(_("Victims identified, assisted and returned"))
    shown, single = view_of.counts(view_of.narrowed(victim_rows, region, sex, age))
    if shown.is_empty():
        st.info(_("The sources give no victim figure for this selection."))
    else:
        for group, part in view_of.count_groups(shown):
            first, last = part["period_start"].min()[:4], part["period_end"].max()[:4]
            show(horizontal_bars(part, "label", _(view_of.COUNT_TITLES[group]),
                                 _("Kyrgyz Republic, {first}–{last}, persons; each bar is one reporter's own count",
                                   first=first, last=last)),
                 readable(part), f"victims_counts_{group}",
                 ["label", "measure", "shown", "value", "unit", "scope", "country", "sex", "age_group", *PROVENANCE],
                 brief=("label", None, "barh"))
        if single:
            st.caption(ngettext(
                "{n} of these figures is a single organisation's count for its own work, not a national total.",
                "{n} of these figures are a single organisation's count for its own work, not a national total.",
                single))
    return [shown]


def gap_view() -> list[pl.DataFrame]:
    """Victims who approached NGOs next to crimes the police registered."""
    st.subheader(_("The reporting gap"))
    steps = view_of.reporting_gap(justice, assistance)
    show(step_bars(steps, _("Victims who approached NGOs vs crimes the police registered, {first}–{last}",
                            first="2018", last="2020"),
                   _("Kyrgyz Republic, {first}–{last}, persons and crimes as labelled", first="2018", last="2020")),
         readable(steps), "victims_reporting_gap", ["label", "value", "unit", "reporter", "period", "source", "lines"],
         brief=("label", None, "barh"))
    st.caption(" ".join((
        _("What this shows: over the same three years, NGOs saw far more victims than the police registered crimes."),
        _("What it cannot show: how many of the NGOs' victims correspond to registered crimes, since one crime can "
          "involve several victims and one victim may approach several NGOs."),
        _("The two figures come from different reporters (NGOs through the study team; the Interior Ministry)."),
    )))
    return [steps]


def support_view() -> list[pl.DataFrame]:
    """Support by local bodies to victims referred by NGOs."""
    st.subheader(_("Support from local bodies to victims referred by NGOs"))
    support = view_of.local_support(assistance, region)
    cases = view_of.support_cases(support)
    if cases.height:
        show(horizontal_bars(cases, "place", _("Cases of support by local bodies, by district"),
                             _("Kyrgyz Republic, {first}–{last}, cases (IOM partner NGOs' referrals)",
                               first="2018", last="2019")),
             readable(cases), "victims_local_support", ["place", "district", "region", "organisation", "value", "unit",
                                                        "support_type", "period", "source", "lines", "note"],
             brief=("place", None, "barh"))
    amounts = view_of.support_amounts(support)
    if amounts.height:
        st.subheader(_("What the support was"))
        table_of(amounts, "support_amounts")
    return [support]


def networks_view() -> list[pl.DataFrame]:
    """Hotlines, consultations, NGO networks and the 2003 baseline."""
    st.subheader(_("Hotlines, consultations and NGO networks"))
    other = view_of.networks(assistance)
    table_of(other, "networks")
    st.subheader(_("The 2003 NGO baseline"))
    baseline = view_of.baseline(regional)
    if baseline.height:
        show(horizontal_bars(baseline, "place", _("NGOs surveyed in the 2003 baseline, by region"),
                             _("Kyrgyz Republic, {year}, organisations (questionnaires returned)", year="2003")),
             readable(baseline), "victims_ngo_baseline", ["place", "value", "unit", "period", "source", "lines", "note"])
    shares = view_of.shares(assistance)
    if shares.height:
        table_of(shares, "ngo_shares")
    return [other, baseline, shares]


def change_view() -> list[pl.DataFrame]:
    """Change between periods of each victim series."""
    st.subheader(_("Change between periods"))
    changes, shown = view_of.changes(assistance, region, sex, age)
    if changes.is_empty():
        st.info(" ".join((
            _("No victim series has figures for two or more periods from the same reporter, so no change can be shown."),
            _("Each figure stands alone."),
        )))
    else:
        table_of(shown, "victim_changes", {"change": "signed"})
        st.caption(" ".join((
            _("'Comparable' says no when the two periods differ in length (a year vs half a year): "
              "no change is computed then."),
            _("A year without a figure inside a series has a row of its own, marked not reported."),
        )))
    return [changes]


RENDER = {"counts": counts_view, "gap": gap_view, "support": support_view, "networks": networks_view,
          "change": change_view}


def how_to_read() -> None:
    reading_notes(
        _("**There is no national count of victims.** Each figure is one organisation's or one "
          "agency's count for its own period; the column *scope* says whose. Figures of different "
          "organisations are not added up."),
        _("**Periods differ** (a year, half a year, several years): compare like with like."),
        _("**A figure the source does not give is shown as 'not reported', never as zero.**"),
        _("Counts for one region, sex and age that we would derive are shown as *fewer than 5*; "
          "every figure on this page was printed by its source, so none needed masking."),
    )


shown_frames = RENDER[view]()
how_to_read()  # under the first chart: on a phone it would push the chart below the fold
frame.sources(shown_frames)
