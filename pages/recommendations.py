"""Recommendations: what the reports asked for, to whom, and whether it was done.
Layout only: counts come from metrics.recommendations."""
from __future__ import annotations

import streamlit as st

from data.load import table
from exports.csv import csv_bytes
from i18n import _, ngettext
from i18n.numbers import number
from ui import labels, params
from ui.display import later, reading_notes, show
from ui.figures import stacked_bars
from ui.frame import PageFrame
from ui.pages import link
from ui.tables import blank, column_config
from ui.views import recommendations as view_of

frame = PageFrame("recommendations")
every_row = view_of.recommendations(table("recommendations"))
statuses = labels.statuses()



def scope_name(s_: str) -> str:
    return _("Formal recommendations only") if s_ == "0" else _("All rows: restatements and interviewees' views too")


def report_name(s_: str) -> str:
    return _("All reports") if s_ == "all" else labels.source(s_)


def status_name(s_: str) -> str:
    return _("Any status") if s_ == "all" else labels.capitalised(statuses[s_])


def theme_name(t: str) -> str:
    return _("All themes") if t == "all" else labels.capitalised(labels.term("theme", t))


def topic_name(t: str) -> str:
    return _("All issues") if t == "all" else labels.capitalised(labels.term("topic", t))


# The filters fold into one button that says what is chosen (the table and charts then
# start on a phone's first screen). The URL holds the choice before the widgets are drawn.
chosen_scope = params.peek("all", ["0", "1"])
peeked = view_of.counted(every_row, chosen_scope == "1")
choice = [report_name(params.peek("report", ["all", *view_of.reports(peeked)])),
          status_name(params.peek("status", ["all", *statuses]))]
choice += [name(params.peek(param, ["all", *options(peeked)])) for param, options, name in
           (("theme", view_of.themes, theme_name), ("topic", view_of.topics, topic_name))
           if params.peek(param, ["all", *options(peeked)]) != "all"]
if chosen_scope == "1":
    choice.insert(0, scope_name("1"))
box = st.popover(_("Filters: {choice}", choice=" · ".join(choice)), icon=":material/tune:")
# ?all=1 shows every row; the default (no parameter) counts formal recommendations only.
scope = params.select("all", ["0", "1"], label=_("Which rows to count"), format_func=scope_name, container=box)
recs = view_of.counted(every_row, scope == "1")
report = params.select("report", ["all", *view_of.reports(recs)], label=_("Report"), format_func=report_name,
                       container=box)
status = params.select("status", ["all", *statuses], label=_("Status"), format_func=status_name, container=box)
theme = params.select("theme", ["all", *view_of.themes(recs)], label=_("Theme"), format_func=theme_name,
                      container=box)
topic = params.select("topic", ["all", *view_of.topics(recs)], label=_("Recurring issue"), format_func=topic_name,
                      container=box)

shown = view_of.chosen(recs, {"source": report, "status": status, "theme": theme, "topic": topic})

st.markdown(ngettext("**{shown} of {n} recommendation** match the filters.",
                     "**{shown} of {n} recommendations** match the filters.", recs.height,
                     shown=number(shown.height)))
table_view = view_of.table_rows(shown, scope == "1")
st.caption(_("A number in brackets, such as (4): the report does not number its recommendations; "
             "they are counted in the order it gives them."))
st.dataframe(blank(table_view), hide_index=True, width="stretch", key="recommendations_table",
             column_config=column_config(table_view.columns, {
                 "report": _("Report"), "report_number": _("No."), "summary": _("Recommendation (our summary)"),
                 "addressee": _("Addressed to"), "topic": _("Issue"), "status_date": _("Assessed"),
                 "government_response": _("Government's response"), "page": _("Data on page"),
                 "restates": _("Restates No.")}))
st.download_button(_("Download these recommendations (CSV)"), data=later(csv_bytes, table_view),
                   file_name="recommendations.csv", mime="text/csv", key="recs_csv", on_click="ignore")

chart_subtitle = _("Kyrgyz Republic, reports of {first}–{last}, number of recommendations", first="2005", last="2025")
by_report = view_of.by_report(shown)
left, right = st.columns(2)
with left:
    show(stacked_bars(by_report, "source_label", "status", _("Status of recommendations, by report"), chart_subtitle),
         by_report, "recommendations_by_report", ["source_label", "status", "value", "source"],
         brief=("source_label", "status", "bar"))
by_theme = view_of.by_theme(shown)
with right:
    show(stacked_bars(by_theme, "theme", "status", _("Status of recommendations, by theme"), chart_subtitle),
         by_theme, "recommendations_by_theme", ["theme", "status", "value"],
         brief=("theme", "status", "bar"))

st.header(_("Raised again and again"))
again = view_of.raised_again(recs)
if not again:
    st.info(_("No issue is raised in more than one report."))
titles = view_of.page_titles()
for line, page in again:
    with st.container(border=True):
        st.markdown(line)
        if page:
            link(page, _("See the data on the {page} page", page=titles[page]), icon=":material/arrow_forward:")

def how_to_read() -> None:
    reading_notes(
        _("**Status is the source's own assessment.** Only the 2019 monitoring report assessed earlier "
          "recommendations (as of December 2017 and October 2019); the other reports make recommendations "
          "without a status, shown as *{no_status}*.", no_status=labels.capitalised(statuses["no_status"])),
        _("Summaries are in our words; the *lines* column points to the recommendation in its report."),
        _("*Topic* links recommendations on the same issue across reports, so you can see how long it has "
          "been raised."),
        _("**Each recommendation is counted once.** By default the page counts the formal recommendations: "
          "the list each report sets out as its recommendations (the OSCE report's Section VII, for example). "
          "Choose *all rows* to see also the same recommendation restated elsewhere in a report, views of "
          "people the authors interviewed, and recommendations a report quotes from others."),
    )


how_to_read()  # at the foot: on a phone it would push the table and charts below the fold
frame.sources([shown])
