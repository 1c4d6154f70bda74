"""Sources: the documents behind every figure, what each dataset holds, and any
problems the loader found. Layout only."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data import metadata
from data.dictionary import columns_frame, tables_frame
from data.load import broken_files, citations_checked, conflicts, loaded_datasets, problems, reference
from exports.csv import csv_bytes
from exports.excel import workbook_bytes
from geo.boundaries import attribution
from i18n import _, current, ngettext
from i18n.names import localise, names, term
from metrics.catalogue import catalogue, figures_per_source
from metrics.coverage import coverage, matrix
from metrics.disagreements import all_disagreements
from ui import params
from ui.charts import fmt_value, later, line_label
from ui.frame import PageFrame, file_title
from ui.tables import column_config, header
from ui.tables import table as plain_table

frame = PageFrame("sources")

loaded = loaded_datasets()
tables = {name: item.frame for name, item in loaded.items()}
problem_counts = {name: len(item.problems) for name, item in loaded.items()}
reporters = names("reporters", short=True)


def reporter_name(reporter: str | None) -> str:
    return reporters.get(reporter, reporter) if reporter else ""


st.subheader(_("Source documents"))
st.caption(_("Titles are given as published; the description is ours."))
docs = localise(reference("sources"), "description").join(figures_per_source(tables), on="source", how="left")
docs = docs.select("source", "title", "description", "publisher", "year_published", "period_covered", "rows",
                   "datasets", "file")
# Plain tables (ui.tables.table): their text wraps, so they print whole on A4.
plain_table(docs, key="documents", overrides={"source": _("Id"), "year_published": _("Year"), "rows": _("Rows"),
                                              "datasets": _("Feeds datasets")})

st.subheader(_("Datasets"))
st.caption(_("One row per curated table in data/: how many rows, how many figures, which documents, which years."))
cat = catalogue(tables, problem_counts)
plain_table(cat, key="catalogue", overrides={"figures": _("Figures with a value"), "sources": _("Sources"),
                                             "first_year": _("From"), "last_year": _("To"), "problems": _("Problems")},
            formats={"first_year": "year", "last_year": "year"})

st.subheader(_("Data dictionary"))
lang = current()
described = tables_frame(lang)
titles = dict(zip(described["dataset"], described["title"]))
chosen = params.select("dictionary", list(titles), label=_("Dataset"), format_func=lambda n: titles[n])
about = described.filter(pl.col("dataset") == chosen).row(0, named=True)
st.markdown(f"**{about['title']}** — {about['one_row']}. {about['description']}")
caveats = metadata.table(chosen).caveats
if caveats:
    st.markdown(f"{header('caveats')}:\n" + "\n".join(f"- {c}" for c in caveats.get(lang) or caveats["en"]))
st.caption(f"{header('licence')}: {about['licence']}")
fields = columns_frame(lang, [chosen], description_fallback=False).with_columns(
    checks=pl.coalesce("vocabulary_title", "reference_title", "pattern_title"),
).select("title", "column", "required", "checks", "description")
plain_table(fields, key="dictionary_columns", overrides={"column": _("Column in the files"),
                                                        "description": _("Meaning")})

st.subheader(_("Which source covers which years"))
st.caption(_("Each cell lists the documents with figures for that dataset and year; an empty cell is a gap."))
cov = coverage(tables)
recent = matrix(cov, 2014, 2025)
plain_table(recent, key="coverage")
with st.expander(_("Earlier years ({first}–{last})", first="2001", last="2013")):
    early = matrix(cov, 2001, 2013)
    st.dataframe(early, hide_index=True, width="stretch", key="coverage_early",
                 column_config=column_config(early.columns))

st.subheader(_("Where sources disagree"))
disagree = all_disagreements(tables)
st.caption(" ".join((
    ngettext("{n} case where different reporters give different figures for the same measure, period and dimensions.",
             "{n} cases where different reporters give different figures for the same measure, period and dimensions.",
             disagree.height),
    _("Both are kept and shown; none is picked silently."),
)))
disagree_rows = disagree.with_columns(
    measure=pl.Series("measure", [term("measure", m) for m in disagree["measure"]], dtype=pl.String),
    unit=pl.Series("unit", [term("unit", u) for u in disagree["unit"]], dtype=pl.String),
    reporters=pl.Series("reporters", [", ".join(reporters.get(r, r) for r in (rs or "").split(", ") if r)
                                      for rs in disagree["reporters"]], dtype=pl.String),
).select("dataset", "measure", "unit", "period", "reporters", "values")
plain_table(disagree_rows, key="disagreements", overrides={"reporters": _("Reporters"), "values": _("Values")})

# Conflicts recorded by hand (data/conflicts.csv): across sources, and inside one source.
recorded = conflicts()
if recorded.height:
    kinds = {"disagreement": _("between sources"), "internal_conflict": _("inside one source")}
    st.markdown(ngettext("**{n} conflict recorded by hand**, each with both figures kept:",
                         "**{n} conflicts recorded by hand**, each with both figures kept:", recorded.height))
    st.markdown("\n".join(f"- {kinds.get(r['kind'], '')}: {r['note']} *({r['source']}, {line_label(r['lines'])})*"
                          for r in recorded.iter_rows(named=True)))

st.subheader(_("Data-quality problems"))
for name, since in broken_files():
    st.warning(_("{table}: the copy on disk has failed its checks since {time}; the last good copy is shown.",
                 table=file_title(name), time=since.strftime("%Y-%m-%d %H:%M UTC")), icon=":material/history:")
all_problems = problems()
if all_problems:
    st.warning(ngettext("{n} row or file was set aside; the rest is shown as usual.",
                        "{n} rows or files were set aside; the rest is shown as usual.", len(all_problems)))
    problem_rows = pl.DataFrame(
        [{"file": p.file, "row": p.row, "column": p.column, "problem": p.message} for p in all_problems],
        schema={"file": pl.String, "row": pl.Int64, "column": pl.String, "problem": pl.String},
    )
    st.dataframe(problem_rows, hide_index=True, width="stretch", column_config=column_config(problem_rows.columns))
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
    cols[i % 4].download_button(f"{name}.csv", data=later(csv_bytes, frame_.drop("period", strict=False)),
                                file_name=f"{name}.csv", mime="text/csv", key=f"csv_{name}", on_click="ignore")

st.subheader(_("Cite a figure"))
figure_tables = [n for n, t in tables.items() if "value" in t.columns and t["value"].is_not_null().any()]
if not figure_tables:
    st.info(_("No figure could be loaded, so there is nothing to cite; see the problems above."))
else:
    dataset = params.select("cite_dataset", figure_tables, label=_("Dataset"),
                     default="justice" if "justice" in figure_tables else figure_tables[0])
    rows = tables[dataset].filter(pl.col("value").is_not_null()).with_row_index("row")
    labels = {r["row"]: _("{measure} = {value}, {period}, {reporter}", measure=term("measure", r["measure"]),
                          value=fmt_value(r["value"], r["unit"]), period=r["period"],
                          reporter=reporter_name(r["reporter"]))
              for r in rows.iter_rows(named=True)}
    pick = st.selectbox(_("Figure"), list(labels), format_func=lambda i: labels[i], key="cite_figure")
    if pick is not None:
        r = rows.filter(pl.col("row") == pick).row(0, named=True)
        known = reference("sources").filter(pl.col("source") == r["source"])
        # Without a readable sources table the document is named by its id (the page says why).
        doc = known.row(0, named=True) if known.height and known["title"][0] else {
            "publisher": r["source"], "title": r["source"], "file": r["source"], "year_published": None}
        # Publisher and title stay as published (not translated).
        values = {"value": fmt_value(r["value"], r["unit"]), "measure": term("measure", r["measure"]),
                  "period": r["period"], "reporter": reporter_name(r["reporter"]),
                  "publisher": doc["publisher"], "title": doc["title"], "lines": line_label(r["lines"]),
                  "file": doc["file"]}
        if doc["year_published"]:
            citation = _("{value} ({measure}, {period}; reporter: {reporter}). Source: {publisher}, \"{title}\", "
                         "{year}, {lines} of {file}.", year=doc["year_published"], **values)
        else:
            citation = _("{value} ({measure}, {period}; reporter: {reporter}). Source: {publisher}, \"{title}\", "
                         "{lines} of {file}.", **values)
        st.code(citation, language=None, wrap_lines=True)

st.subheader(_("Map boundaries"))
for item in attribution():  # names, licences and attributions as their publishers give them
    name = " ".join(part for part in (item.get("name", ""), item.get("version", "")) if part)
    st.markdown(f"- {name}: {item.get('licence', item.get('license', ''))}"
                f" — {item.get('attribution', item.get('description', ''))}")

frame.sources(tables.values())
