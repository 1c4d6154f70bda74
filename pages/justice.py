"""Justice: the investigation-to-conviction funnel, year over year, with the
sources side by side. Layout only: every number comes from metrics.funnel."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import table
from i18n import _, ngettext
from ui import labels, params
from ui.display import reading_notes, show
from ui.figures import dot_plot, funnel_bars, small_multiples, stacked_bars, step_bars
from ui.frame import PageFrame
from ui.penalties import penalties_view
from ui.tables import blank, column_config, header
from ui.tables import table as show_table
from ui.views import justice as view_of
from ui.views.justice import PROVENANCE, readable

frame = PageFrame("justice")
justice = table("justice")
series = view_of.series(justice)
found = view_of.years(series, justice)
years, latest = found.years, found.latest
stage_labels = labels.stages()


if not years:
    st.warning(_("No justice figures could be loaded; see the Sources page for data problems."))
    st.stop()

VIEWS = {
    "funnel": _("Funnel and change"), "trends": _("Across the years"), "disagree": _("Where sources disagree"),
    "dropout": _("Where cases drop out"), "articles": _("By article"), "penalties": _("Penalties"),
}
view = params.view(VIEWS)
# Only the filters this view uses, folded into one button that says what is chosen, so the
# chart is on the first screen of a phone.
FILTERS = {"funnel": ("year", "compare", "reporter", "stage"), "trends": ("reporter", "stage"),
           "disagree": ("stage",)}
used = FILTERS.get(view, ())
reporter_options = ["all", *view_of.reporters(series)]
stage_options = ["all", *view_of.STAGES]


def reporter_name(r: str) -> str:
    return _("All reporters") if r == "all" else labels.reporter(r)


def stage_name(s: str) -> str:
    return _("All stages") if s == "all" else stage_labels[s]


year, base, reporter, stage = latest, None, "all", "all"
if used:
    year = params.peek("year", list(reversed(years)), default=latest) if "year" in used else latest
    compare_options, base_default = view_of.compare_options(years, year)
    # The button says what is chosen in as few words as fit one line of a phone: the year and
    # its comparison, then a reporter or stage only when one is picked (not "All ...").
    chosen_reporter, chosen_stage = params.peek("reporter", reporter_options), params.peek("stage", stage_options)
    summary = {
        "year": str(year),
        "compare": _("compared with {base}", base=str(params.peek("compare", compare_options, default=base_default)))
        if compare_options else "",
        "reporter": reporter_name(chosen_reporter) if chosen_reporter != "all" else "",
        "stage": stage_name(chosen_stage) if chosen_stage != "all" else "",
    }
    shown_choice = (" · ".join(summary[f] for f in used if summary[f])
                    or " · ".join(x for x in (reporter_name("all") if "reporter" in used else "", stage_name("all")) if x))
    box = st.popover(_("Filters: {choice}", choice=shown_choice), icon=":material/tune:")
    if "year" in used:
        year = params.select("year", list(reversed(years)), label=_("Year"), default=latest, container=box)
        base = params.select("compare", compare_options, label=_("Compare with"), default=base_default,
                             container=box) if compare_options else None
    if "reporter" in used:
        reporter = params.select("reporter", reporter_options, label=_("Reporter"), format_func=reporter_name,
                                 container=box)
    stage = params.select("stage", stage_options, label=_("Stage"), format_func=stage_name, container=box)
chosen_reporters, chosen_stages = view_of.chosen(reporter, stage)


def funnel_view() -> list[pl.DataFrame]:
    # Headings of a view are subheaders: the chart under them carries its own title, and a
    # phone's first screen should hold the chart's bars, not a large heading (issue 17).
    st.subheader(_("The funnel in {year}", year=str(year)))
    year_funnel, gaps = view_of.year_funnel(justice, year, chosen_reporters, chosen_stages)
    if year_funnel.is_empty():
        if chosen_reporters:
            st.info(_("No reporter gives trafficking figures for {year} from {reporter}.",
                      year=str(year), reporter=labels.reporter(reporter, short=True)))
        else:
            st.info(_("No reporter gives trafficking figures for {year}.", year=str(year)))
    else:
        n_reporters = year_funnel["reporter"].n_unique()
        show(
            funnel_bars(year_funnel, stage_labels,
                        _("Trafficking cases through the justice system, {year}", year=str(year)),
                        _("Kyrgyz Republic, {year}, cases or persons as labelled, by reporter", year=str(year))),
            readable(year_funnel),
            f"justice_funnel_{year}",
            ["stage", "status", *PROVENANCE],
            brief=("stage", "reporter", "barh"),
        )
        # under the chart, so the bars come first on a phone
        st.caption(
            ngettext("{n} reporter gives figures for {year}.", "{n} reporters give figures for {year}.",
                     n_reporters, year=str(year))
            + " "
            + ngettext("{n} stage is not reported and is shown as a gap.",
                       "{n} stages are not reported and are shown as gaps.", gaps)
        )
    if base is None:
        st.subheader(_("Year over year"))
        st.info(_("Only one year has justice figures, so there is nothing to compare with."))
        return [year_funnel]
    st.subheader(_("Year over year: {year} compared with {base}", year=str(year), base=str(base)))
    change, shown = view_of.change(justice, year, base, chosen_reporters, chosen_stages)
    show_table(
        shown, key="yoy_table",
        overrides={
            "value_then": str(base), "value_now": str(year), "change": header("change"),
            "change_pct": _("Change %"),
            "source_then": _("Source {year}", year=str(base)), "lines_then": _("Lines {year}", year=str(base)),
            "source_now": _("Source {year}", year=str(year)), "lines_now": _("Lines {year}", year=str(year)),
        },
        formats={"change": "signed", "change_pct": "percent"},
    )
    st.caption(_("An empty cell means the source did not report that stage for that year; no change is computed."))
    return [year_funnel, *view_of.change_sources(change)]


def trends_view() -> list[pl.DataFrame]:
    st.subheader(_("Each stage across the years"))
    lines = view_of.trend_lines(series, chosen_reporters, chosen_stages)
    if lines.is_empty():
        st.info(_("No figures for this selection."))
        return []
    first, last = view_of.trend_span(lines)
    show(
        small_multiples(lines, chosen_stages, stage_labels, _("Each stage across the years, by reporter"),
                        _("Kyrgyz Republic, {first}–{last}, cases (convictions: persons); gaps are years not "
                          "reported", first=str(first), last=str(last)), span=(first, last)),
        view_of.trend_rows(lines),
        "justice_stages_by_year",
        ["stage", *PROVENANCE, "series", "year"],
        brief=("year", "series", "line"),
    )
    if first > int(lines["year"].min()):
        st.caption(_("The chart starts in {first}; the figures for earlier years ({years}) are in the table "
                     "under it.", first=str(first),
                     years=", ".join(str(y) for y in sorted(set(lines["year"].to_list())) if y < first)))
    return [lines]


def disagree_view() -> list[pl.DataFrame]:
    st.subheader(_("Where the sources disagree"))
    disagree, points = view_of.disagreements(justice, series, chosen_stages)
    if disagree.is_empty():
        st.info(_("No year and stage has figures from more than one reporter for this selection."))
        return []
    biggest = disagree.sort("spread", descending=True).row(0, named=True)
    show(
        dot_plot(points, _("The same year, different counts"),
                 _("Kyrgyz Republic, {first}–{last}, one dot per reporter",
                   first=str(int(points["year"].min())), last=str(int(points["year"].max())))),
        readable(points),
        "justice_disagreements",
        ["row_label", "stage", *PROVENANCE],
        brief=("row_label", "reporter", "dots"),
    )
    # the answer in words under the chart (above it, it pushed the dots off a phone's first screen)
    st.markdown(
        ngettext("**{n} year-and-stage pair has figures from more than one reporter.**",
                 "**{n} year-and-stage pairs have figures from more than one reporter.**", disagree.height)
        + " " + _("The widest gap: {sentence}", sentence=biggest["sentence"])
    )
    st.markdown("\n".join(f"- {s}" for s in disagree["sentence"]))
    return [points]


def dropout_view() -> list[pl.DataFrame]:
    st.subheader(_("Where cases drop out"))
    tables = {"justice": justice, "assistance": table("assistance")}
    used = []
    for chain in view_of.chains(tables):
        used.append(chain.steps)
        st.subheader(chain.title)
        if chain.reporters:
            st.caption(_("The steps come from different reporters ({reporters}); the source sets them side by side, "
                         "they are not one body's count, so they need not add up.", reporters=chain.reporters))
        show(step_bars(chain.steps, chain.title,
                       _("Kyrgyz Republic, {periods}, cases or persons as labelled", periods=chain.periods)),
             chain.rows, f"justice_chain_{chain.key}",
             ["step", "label", "value", "unit", "reporter", "period", "source", "lines", "status"],
             brief=("label", None, "barh"))
    return used


def articles_view() -> list[pl.DataFrame]:
    st.subheader(_("By Criminal Code article"))
    articles, article_rows = view_of.by_article(justice)
    if articles.height:
        show(
            stacked_bars(articles, "year", "article", _("Cases in court by Criminal Code article, 2014–2017"),
                         _("Kyrgyz Republic, 2014–2017, cases (judicial-practice review)"),
                         labels=view_of.article_names(articles)),
            article_rows, "justice_by_article",
            ["year", "article", "offence", "value", "share", "unit", "source", "lines", "note"],
            brief=("year", "article", "bar"),
        )
        st.caption(_("Shares are of the cases shown for that year; the review printed only some of its articles, "
                     "so the bars need not equal the review's printed total."))
    crosswalk = table("article_crosswalk")
    st.subheader(_("Article numbers across the 1997, 2017 and 2021 codes"))
    shown = view_of.crosswalk(crosswalk)
    st.dataframe(blank(shown), hide_index=True, width="stretch", key="crosswalk",
                 column_config=column_config(shown.columns))
    related, related_rows = view_of.related(justice)
    st.subheader(_("Related crimes since 2019"))
    if related.height:
        st.dataframe(blank(related_rows), hide_index=True, width="stretch", key="related",
                     column_config=column_config(related_rows.columns))
    else:
        st.info(_("The sources give no figures for related crimes since 2019."))
    return [articles, crosswalk, related]


def how_to_read() -> None:
    reading_notes(
        _("**Each year's stages are different cohorts.** A case registered in one year may reach "
          "court or a verdict in a later year, so the stages of one year are not a chain of the same cases."),
        _("**Cases and persons are different units.** Registration, investigation and prosecution are "
          "mostly counted in cases; convictions in persons. Every bar names its unit."),
        _("**Article numbers changed.** The Criminal Code of 2017 (in force 2019) and the code of 2021 "
          "renumbered the trafficking articles (124 → 171 → 166); see the crosswalk below."),
        _("**Agencies count differently.** The National Statistical Committee, the police and prosecutors "
          "and the US TIP Report give different totals for the same year. We show them all, side by side."),
        _("**A grey 'not reported' mark is a gap in the sources, not a zero.**"),
    )


RENDER = {"funnel": funnel_view, "trends": trends_view, "disagree": disagree_view,
          "dropout": dropout_view, "articles": articles_view, "penalties": lambda: penalties_view(table("penalties"))}
shown_frames = RENDER[view]()
how_to_read()  # under the first chart: on a phone it would push the chart below the fold
frame.sources(shown_frames)
