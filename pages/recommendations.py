"""Recommendations: what the reports asked for, to whom, and whether it was done.
Layout only: counts come from metrics.recommendations."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import labels, reference, table
from exports.csv import csv_bytes
from i18n import _, ngettext
from i18n.names import capitalised, localise, term, translated
from i18n.numbers import number
from metrics.recommendations import (formal, recurring, restated_numbers, status_counts, status_labels,
                                     with_report_year)
from ui import params
from ui.charts import later, show, stacked_bars
from ui.frame import PageFrame
from ui.pages import PAGES, link
from ui.tables import column_config



frame = PageFrame("recommendations")
sources = reference("sources")
short = labels("sources", "short")  # short titles of the reports, as published: not translated
every_row = restated_numbers(with_report_year(table("recommendations"), sources))
statuses = status_labels()
page_titles = {p.id: _(p.title) for p in PAGES}

with st.expander(_("How to read this page"), icon=":material/help:"):
    st.markdown("\n".join("- " + line for line in (
        _("**Status is the source's own assessment.** Only the 2019 monitoring report assessed earlier "
          "recommendations (as of December 2017 and October 2019); the other reports make recommendations "
          "without a status, shown as *{no_status}*.", no_status=capitalised(statuses["no_status"])),
        _("Summaries are in our words; the *lines* column points to the recommendation in its report."),
        _("*Topic* links recommendations on the same issue across reports, so you can see how long it has "
          "been raised."),
        _("**Each recommendation is counted once.** By default the page counts the formal recommendations: "
          "the list each report sets out as its recommendations (the OSCE report's Section VII, for example). "
          "Choose *all rows* to see also the same recommendation restated elsewhere in a report, views of "
          "people the authors interviewed, and recommendations a report quotes from others."),
    )))

# ?all=1 shows every row; the default (no parameter) counts formal recommendations only.
scope = params.select("all", ["0", "1"], label=_("Which rows to count"),
               format_func=lambda s: _("Formal recommendations only") if s == "0" else
               _("All rows: restatements and interviewees' views too"))
recs = every_row if scope == "1" else formal(every_row)

controls = st.columns(4)
report = params.select("report", ["all", *sorted(recs["source"].unique().to_list())], label=_("Report"),
                format_func=lambda s: _("All reports") if s == "all" else short.get(s, s), container=controls[0])
status = params.select("status", ["all", *statuses], label=_("Status"),
                format_func=lambda s: _("Any status") if s == "all" else capitalised(statuses[s]),
                container=controls[1])
themes = sorted(recs["theme"].unique().to_list(), key=lambda t: term("theme", t).lower())
theme = params.select("theme", ["all", *themes], label=_("Theme"),
               format_func=lambda t: _("All themes") if t == "all" else capitalised(term("theme", t)),
               container=controls[2])
topics = sorted(recs["topic"].drop_nulls().unique().to_list(), key=lambda t: term("topic", t).lower())
topic = params.select("topic", ["all", *topics], label=_("Recurring issue"),
               format_func=lambda t: _("All issues") if t == "all" else capitalised(term("topic", t)),
               container=controls[3])

shown = recs
for col, val in (("source", report), ("status", status), ("theme", theme), ("topic", topic)):
    if val != "all":
        shown = shown.filter(pl.col(col) == val)

st.markdown(ngettext("**{shown} of {n} recommendation** match the filters.",
                     "**{shown} of {n} recommendations** match the filters.", recs.height,
                     shown=number(shown.height)))
table_view = translated(localise(shown, "summary", "addressee"),
                        {"theme": "theme", "topic": "topic", "kind": "recommendation_kind"}).with_columns(
    report=pl.col("source").replace(short), status=pl.col("status").replace(statuses),
    page=pl.col("page").replace(page_titles),
).select("report", "report_number", "summary", "addressee", "theme", "topic", "status", "status_date",
         "government_response", "page", "source", "lines", *(("kind", "restates") if scope == "1" else ()))
st.dataframe(table_view, hide_index=True, width="stretch", key="recommendations_table",
             column_config=column_config(table_view.columns, {
                 "report": _("Report"), "report_number": _("No."), "summary": _("Recommendation (our summary)"),
                 "addressee": _("Addressed to"), "topic": _("Issue"), "status_date": _("Assessed"),
                 "government_response": _("Government's response"), "page": _("Data on page"),
                 "restates": _("Restates No.")}))
st.download_button(_("Download these recommendations (CSV)"), data=later(csv_bytes, table_view),
                   file_name="recommendations.csv", mime="text/csv", key="recs_csv", on_click="ignore")

chart_subtitle = _("Kyrgyz Republic, reports of {first}–{last}, number of recommendations", first="2005", last="2025")
by_report = status_counts(shown, "source").with_columns(
    source_label=pl.col("source").replace(short), status=pl.col("status").replace(statuses),
    source=pl.col("source"), lines=pl.lit(""), unit=pl.lit("recommendations"))
left, right = st.columns(2)
with left:
    show(stacked_bars(by_report, "source_label", "status", _("Status of recommendations, by report"), chart_subtitle),
         by_report, "recommendations_by_report", ["source_label", "status", "value", "source"],
         brief=("source_label", "status", "bar"))
by_theme = translated(status_counts(shown, "theme"), {"theme": "theme"}).with_columns(
    status=pl.col("status").replace(statuses),
    lines=pl.lit(""), unit=pl.lit("recommendations"), source=pl.lit(_("all reports")))
with right:
    show(stacked_bars(by_theme, "theme", "status", _("Status of recommendations, by theme"), chart_subtitle),
         by_theme, "recommendations_by_theme", ["theme", "status", "value"],
         brief=("theme", "status", "bar"))

st.header(_("Raised again and again"))
again = recurring(recs)
if again.is_empty():
    st.info(_("No issue is raised in more than one report."))
for row in again.iter_rows(named=True):
    values = {
        "topic": capitalised(term("topic", row["topic"])),
        # TRANSLATORS: a count of recommendations, inserted as {recommendations} in the sentences below.
        "recommendations": ngettext("{n} recommendation", "{n} recommendations", row["recommendations"]),
        "statuses": ", ".join(statuses.get(s) or term("status", s) for s in row["statuses"].split(", ")),
    }
    with st.container(border=True):
        if row["first_year"] and row["last_year"] and row["first_year"] != row["last_year"]:
            st.markdown(ngettext(
                "**{topic}**: {recommendations} in {n} report from {first} to {last} — statuses: {statuses}",
                "**{topic}**: {recommendations} in {n} reports from {first} to {last} — statuses: {statuses}",
                row["reports"], first=str(row["first_year"]), last=str(row["last_year"]), **values))
        else:
            st.markdown(ngettext("**{topic}**: {recommendations} in {n} report — statuses: {statuses}",
                                 "**{topic}**: {recommendations} in {n} reports — statuses: {statuses}",
                                 row["reports"], **values))
        if row["page"] in page_titles:
            link(row["page"], _("See the data on the {page} page", page=page_titles[row["page"]]),
                 icon=":material/arrow_forward:")

frame.sources([shown])
