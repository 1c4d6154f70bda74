"""Recommendations: what the reports asked for, to whom, and whether it was done.
Layout only: counts come from metrics.recommendations."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.export import csv_bytes
from data.load import labels, reference, table
from metrics.recommendations import STATUS_LABELS, recurring, status_counts, with_report_year
from ui.charts import show, stacked_bars
from ui.frame import PageFrame
from ui.params import choose

PAGE_FILES = {"justice": "pages/justice.py", "victims": "pages/victims.py", "regions": "pages/regions.py",
              "migration": "pages/migration.py", "overview": "pages/overview.py"}

frame = PageFrame(
    "Recommendations",
    "What have the reports recommended, to whom, and what has been implemented?",
)
sources = reference("sources")
short = labels("sources", "short")
recs = with_report_year(table("recommendations"), sources)

with st.expander("How to read this page", icon=":material/help:"):
    st.markdown(
        "- **Status is the source's own assessment.** Only the 2019 monitoring report assessed earlier "
        "recommendations (as of December 2017 and October 2019); the other reports make recommendations "
        "without a status, shown as *No status reported*.\n"
        "- Summaries are in our words; the *lines* column points to the recommendation in its report.\n"
        "- *Topic* links recommendations on the same issue across reports, so you can see how long it has been raised."
    )

controls = st.columns(4)
report = choose("Report", ["all", *sorted(recs["source"].unique().to_list())], key="report", default="all",
                format_func=lambda s: "All reports" if s == "all" else short.get(s, s), container=controls[0])
status = choose("Status", ["all", *STATUS_LABELS], key="status", default="all",
                format_func=lambda s: "Any status" if s == "all" else STATUS_LABELS[s], container=controls[1])
themes = sorted(recs["theme"].unique().to_list())
theme = choose("Theme", ["all", *themes], key="theme", default="all",
               format_func=lambda t: "All themes" if t == "all" else t.replace("_", " ").capitalize(), container=controls[2])
topics = sorted(recs["topic"].drop_nulls().unique().to_list())
topic = choose("Recurring issue", ["all", *topics], key="topic", default="all",
               format_func=lambda t: "All issues" if t == "all" else t.replace("_", " ").capitalize(), container=controls[3])

shown = recs
for col, val in (("source", report), ("status", status), ("theme", theme), ("topic", topic)):
    if val != "all":
        shown = shown.filter(pl.col(col) == val)

st.markdown(f"**{shown.height} of {recs.height} recommendations** match the filters.")
table_view = shown.with_columns(
    report=pl.col("source").replace(short), status=pl.col("status").replace(STATUS_LABELS),
).select("report", "report_number", "summary", "addressee", "theme", "topic", "status", "status_date",
         "government_response", "page", "source", "lines")
st.dataframe(table_view, hide_index=True, width="stretch", key="recommendations_table",
             column_config={"report": "Report", "report_number": "No.", "summary": "Recommendation (our summary)",
                            "addressee": "To", "theme": "Theme", "topic": "Issue", "status": "Status",
                            "status_date": "Assessed", "government_response": "Government's response",
                            "page": "Data on page", "source": "Source", "lines": "Lines"})
st.download_button("Download these recommendations (CSV)", data=csv_bytes(table_view),
                   file_name="recommendations.csv", mime="text/csv", key="recs_csv", on_click="ignore")

by_report = status_counts(shown, "source").with_columns(
    source_label=pl.col("source").replace(short), status=pl.col("status").replace(STATUS_LABELS),
    source=pl.col("source"), lines=pl.lit(""), unit=pl.lit("recommendations"))
left, right = st.columns(2)
with left:
    show(stacked_bars(by_report, "source_label", "status", "Status of recommendations, by report",
                      "Kyrgyz Republic, reports of 2005–2025, number of recommendations"),
         by_report, "recommendations_by_report", ["source_label", "status", "value", "source"],
         brief=("source_label", "status", "bar"))
by_theme = status_counts(shown, "theme").with_columns(
    status=pl.col("status").replace(STATUS_LABELS), lines=pl.lit(""), unit=pl.lit("recommendations"),
    source=pl.lit("all reports"))
with right:
    show(stacked_bars(by_theme, "theme", "status", "Status of recommendations, by theme",
                      "Kyrgyz Republic, reports of 2005–2025, number of recommendations"),
         by_theme, "recommendations_by_theme", ["theme", "status", "value"],
         brief=("theme", "status", "bar"))

st.header("Raised again and again")
again = recurring(recs)
if again.is_empty():
    st.info("No issue is raised in more than one report.")
for row in again.iter_rows(named=True):
    span = (f"from {row['first_year']} to {row['last_year']}" if row["first_year"] and row["last_year"]
            and row["first_year"] != row["last_year"] else "")
    with st.container(border=True):
        st.markdown(f"**{row['topic'].replace('_', ' ').capitalize()}**: {row['recommendations']} recommendations "
                    f"in {row['reports']} reports {span} — statuses: "
                    + ", ".join(STATUS_LABELS[s] for s in row["statuses"].split(", ")))
        if row["page"] in PAGE_FILES:
            st.page_link(PAGE_FILES[row["page"]], label=f"See the data on the {row['page'].capitalize()} page",
                         icon=":material/arrow_forward:")

frame.sources([shown])
