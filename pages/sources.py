"""Sources: the documents behind every figure, what each dataset holds, and any
problems the loader found. Layout only."""
from __future__ import annotations

import streamlit as st

from data.load import citations_checked, loaded_datasets, problems
from exports.csv import csv_bytes
from exports.excel import workbook_bytes
from geo.boundaries import attribution
from i18n import _, current, ngettext
from ui import cite, params
from ui.display import later
from ui.frame import PageFrame, file_title
from ui.tables import blank, column_config, header
from ui.tables import table as plain_table
from ui.views import sources as view_of

frame = PageFrame("sources")
cite.at_link()  # ?cite=<row id>: the passage of that figure, first

tables, problem_counts = view_of.datasets(loaded_datasets())

st.subheader(_("Source documents"))
st.caption(_("Titles are given as published; the description is ours.") if current() == "en" else
           _("Titles are our translation, with the title as published beside them; the description is ours."))
docs = view_of.documents(tables)
# Plain tables (ui.tables.table): their text wraps, so they print whole on A4.
plain_table(docs, key="documents", overrides={"document": _("Document"), "year_published": _("Year"), "rows": _("Rows"),
                                              "datasets": _("Feeds datasets"),
                                              "title": _("Title") if current() == "en" else _("Title (our translation)")},
            formats={"year_published": "year"})

st.subheader(_("Data release"))
shown_release = view_of.release()
if shown_release is None:
    st.caption(_("These are the figures of the curated first release, shipped with the app; no later release "
                 "has been published."))
else:
    st.markdown(f"**{shown_release.heading}**")
    if shown_release.note:
        st.markdown(shown_release.note)
    st.markdown(_("What changed in this release (rows, against the release before):"))
    if shown_release.changes.height:
        plain_table(shown_release.changes, key="release_changes",
                    overrides={"dataset": _("Dataset"), "new": _("New"), "changed": _("Changed"),
                               "removed": _("Removed")})
    else:
        st.caption(_("No row changed."))
    if shown_release.earlier.height:
        st.markdown(_("Earlier releases:"))
        plain_table(shown_release.earlier, key="release_history",
                    overrides={"release": _("Release"), "date": _("Date"), "note": _("Note")},
                    formats={"release": "year"})

st.subheader(_("Datasets"))
st.caption(_("One row per curated table in data/: how many rows, how many figures, which documents, which years."))
cat = view_of.catalogue(tables, problem_counts)
plain_table(cat, key="catalogue", overrides={"figures": _("Figures with a value"), "sources": _("Sources"),
                                             "first_year": _("From"), "last_year": _("To"), "problems": _("Problems")},
            formats={"first_year": "year", "last_year": "year"})

st.subheader(_("Data dictionary"))
titles = view_of.dictionary_titles()
chosen = params.select("dictionary", list(titles), label=_("Dataset"), format_func=lambda n: titles[n])
entry = view_of.dictionary(chosen)
with st.container(key="dictionary_about"):  # documents the files' own column ids and values, on purpose
    st.markdown(entry.about)
    if entry.caveats:
        st.markdown(entry.caveats)
    st.caption(entry.licence)
    plain_table(entry.fields, key="dictionary_columns", overrides={"column": _("Column in the files"),
                                                                  "description": _("Meaning")})

st.subheader(_("Which source covers which years"))
st.caption(_("Each cell lists the documents with figures for that dataset and year; an empty cell is a gap."))
cov = view_of.coverage(tables)
recent = view_of.coverage_years(cov, 2014, 2025)
plain_table(recent, key="coverage")
with st.expander(_("Earlier years ({first}–{last})", first="2001", last="2013")):
    early = view_of.coverage_years(cov, 2001, 2013)
    st.dataframe(blank(early), hide_index=True, width="stretch", key="coverage_early",
                 column_config=column_config(early.columns))

st.subheader(_("Where sources disagree"))
disagree_rows = view_of.disagreements(tables)
st.caption(" ".join((
    ngettext("{n} case where different reporters give different figures for the same measure, period and dimensions.",
             "{n} cases where different reporters give different figures for the same measure, period and dimensions.",
             disagree_rows.height),
    _("Both are kept and shown; none is picked silently."),
)))
plain_table(disagree_rows, key="disagreements", overrides={"reporters": _("Reporters"), "values": _("Values")})

# Conflicts recorded by hand (data/conflicts.csv): across sources, and inside one source.
recorded = view_of.recorded_conflicts()
if recorded:
    st.markdown(ngettext("**{n} conflict recorded by hand**, each with both figures kept:",
                         "**{n} conflicts recorded by hand**, each with both figures kept:", len(recorded)))
    st.markdown("\n".join(f"- {line}" for line in recorded))

st.subheader(_("Data-quality problems"))
for line in view_of.broken_files():
    st.warning(line, icon=":material/history:")
all_problems = problems()
if all_problems:
    st.warning(ngettext("{n} row or file was set aside; the rest is shown as usual.",
                        "{n} rows or files were set aside; the rest is shown as usual.", len(all_problems)))
    problem_rows = view_of.problem_rows(all_problems)
    st.dataframe(blank(problem_rows), hide_index=True, width="stretch", column_config=column_config(problem_rows.columns))
else:
    st.success(_("Every row of every dataset passed its checks."))
if citations_checked():
    st.caption(_("Each figure was checked against the lines it cites in its source document when it was loaded."))
else:
    st.info(_("The source documents are not on this server, so figures could not be checked against the lines "
              "they cite."))

st.subheader(_("Download the data"))
st.caption(_("Each file has two header rows: the column titles in your language, then the data's own column ids; "
             "the dictionary sheets explain every column."))
# TRANSLATORS: the three sheet names are at most 31 characters, without [ ] : * ? / or a backslash
sheet_titles = {"dictionary": _("dictionary"), "sources": _("sources"), "columns_sheet": _("columns"),
                **{c: header(c) for c in ("dataset", "file", "title", "one_row", "description", "caveats", "licence",
                                          "columns", "column", "type", "required", "checks")}}
st.download_button(_("All datasets as one Excel workbook (with the data dictionary)"),
                   data=later(workbook_bytes, sheet_titles, current()),
                   file_name="rapporteur_dashboard_data.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="xlsx",
                   on_click="ignore", icon=":material/download:")
cols = st.columns(4)
for i, (name, frame_) in enumerate(tables.items()):
    cols[i % 4].download_button(file_title(name), icon=":material/download:", data=later(csv_bytes, frame_.drop("period", strict=False)),
                                file_name=f"{name}.csv", mime="text/csv", key=f"csv_{name}", on_click="ignore")

st.subheader(_("Cite a figure"))
figure_tables = view_of.figure_tables(tables)
if not figure_tables:
    st.info(_("No figure could be loaded, so there is nothing to cite; see the problems above."))
else:
    dataset = params.select("cite_dataset", figure_tables, label=_("Dataset"), format_func=file_title,
                     default="justice" if "justice" in figure_tables else figure_tables[0])
    rows, labels = view_of.citable(tables[dataset])
    pick = st.selectbox(_("Figure"), list(labels), format_func=lambda i: labels[i], key="cite_figure")
    if pick is not None:
        st.code(view_of.citation(rows, pick), language=None, wrap_lines=True)

st.subheader(_("Map boundaries"))
for item in attribution():  # names, licences and attributions as their publishers give them
    name = " ".join(part for part in (item.get("name", ""), item.get("version", "")) if part)
    st.markdown(f"- {name}: {item.get('licence', item.get('license', ''))}"
                f" — {item.get('attribution', item.get('description', ''))}")

frame.sources(tables.values())
