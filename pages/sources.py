"""Sources: the documents behind every figure, what each dataset holds, and any
problems the loader found. Layout only."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.export import csv_bytes, workbook_bytes
from data.load import loaded_datasets, problems, reference
from geo.boundaries import attribution
from metrics.catalogue import catalogue, figures_per_source
from metrics.coverage import coverage, matrix
from metrics.disagreements import all_disagreements
from ui.charts import line_label
from ui.frame import PageFrame
from ui.params import choose

frame = PageFrame(
    "Sources",
    "Where does every figure on this dashboard come from, and what does each dataset cover?",
)

loaded = loaded_datasets()
tables = {name: item.frame for name, item in loaded.items()}
problem_counts = {name: len(item.problems) for name, item in loaded.items()}

st.subheader("Source documents")
docs = reference("sources").join(figures_per_source(tables), on="source", how="left")
st.dataframe(
    docs.select("source", "title", "publisher", "year_published", "period_covered", "rows", "datasets", "file"),
    hide_index=True,
    width="stretch",
    column_config={
        "source": "Id", "title": "Title", "publisher": "Publisher", "year_published": "Year",
        "period_covered": "Period covered", "rows": st.column_config.NumberColumn("Rows", format="%d"),
        "datasets": "Feeds datasets", "file": "File",
    },
)

st.subheader("Datasets")
st.caption("One row per curated table in data/: how many rows, how many figures, which documents, which years.")
cat = catalogue(tables, problem_counts)
st.dataframe(
    cat,
    hide_index=True,
    width="stretch",
    key="catalogue",
    column_config={
        "dataset": "Dataset", "rows": "Rows", "figures": "Figures with a value",
        "sources": "Sources", "first_year": st.column_config.NumberColumn("From", format="%d"),
        "last_year": st.column_config.NumberColumn("To", format="%d"), "problems": "Problems",
    },
)

st.subheader("Which source covers which years")
st.caption("Each cell lists the documents with figures for that dataset and year; an empty cell is a gap.")
cov = coverage(tables)
st.dataframe(matrix(cov, 2014, 2025), hide_index=True, width="stretch", key="coverage")
with st.expander("Earlier years (2001–2013)"):
    st.dataframe(matrix(cov, 2001, 2013), hide_index=True, width="stretch", key="coverage_early")

st.subheader("Where sources disagree")
disagree = all_disagreements(tables)
st.caption(f"{disagree.height} cases where different reporters give different figures for the same measure, "
           "period and dimensions. Both are kept and shown; none is picked silently.")
st.dataframe(disagree.select("dataset", "measure", "unit", "period", "reporters", "values"),
             hide_index=True, width="stretch", key="disagreements")

st.subheader("Data-quality problems")
all_problems = problems()
if all_problems:
    st.warning(f"{len(all_problems)} rows or files were set aside; the rest is shown as usual.")
    st.dataframe(
        pl.DataFrame(
            [{"file": p.file, "row": p.row, "column": p.column, "problem": p.message} for p in all_problems],
            schema={"file": pl.String, "row": pl.Int64, "column": pl.String, "problem": pl.String},
        ),
        hide_index=True,
        width="stretch",
    )
else:
    st.success("Every row of every dataset passed its checks.")

st.subheader("Download the data")
st.download_button("All datasets as one Excel workbook (with the data dictionary)", data=workbook_bytes(),
                   file_name="rapporteur_dashboard_data.xlsx",
                   mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="xlsx",
                   on_click="ignore", icon=":material/download:")
cols = st.columns(4)
for i, (name, frame_) in enumerate(tables.items()):
    cols[i % 4].download_button(f"{name}.csv", data=csv_bytes(frame_.drop("period", strict=False)),
                                file_name=f"{name}.csv", mime="text/csv", key=f"csv_{name}", on_click="ignore")

st.subheader("Cite a figure")
figure_tables = [n for n, t in tables.items() if "value" in t.columns and t["value"].is_not_null().any()]
if not figure_tables:
    st.info("No figure could be loaded, so there is nothing to cite; see the problems above.")
else:
    dataset = choose("Dataset", figure_tables, key="cite_dataset",
                     default="justice" if "justice" in figure_tables else figure_tables[0])
    rows = tables[dataset].filter(pl.col("value").is_not_null()).with_row_index("row")
    labels = {r["row"]: f"{r['measure']} = {r['value']:g} {r['unit']}, {r['period']}, {r['reporter']}"
              for r in rows.iter_rows(named=True)}
    pick = st.selectbox("Figure", list(labels), format_func=lambda i: labels[i], key="cite_figure")
    if pick is not None:
        r = rows.filter(pl.col("row") == pick).row(0, named=True)
        doc = reference("sources").filter(pl.col("source") == r["source"]).row(0, named=True)
        citation = (f"{r['value']:g} {r['unit']} ({r['measure'].replace('_', ' ')}, {r['period']}; reporter: "
                    f"{r['reporter']}). Source: {doc['publisher']}, \"{doc['title']}\""
                    + (f", {doc['year_published']}" if doc["year_published"] else "")
                    + f", {line_label(r['lines'])} of {doc['file']}.")
        st.code(citation, language=None, wrap_lines=True)

st.subheader("Map boundaries")
for item in attribution():
    st.markdown(f"- {item.get('name', '')} {item.get('version', '')}: {item.get('licence', item.get('license', ''))}"
                f" — {item.get('attribution', item.get('description', ''))}")

frame.sources(tables.values())
