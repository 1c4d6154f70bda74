"""Sources: the documents behind every figure, what each dataset holds, and any
problems the loader found. Layout only."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import load_all, reference
from metrics.catalogue import catalogue, figures_per_source
from ui.frame import PageFrame

frame = PageFrame(
    "Sources",
    "Where does every figure on this dashboard come from, and what does each dataset cover?",
)

loaded = load_all()
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

st.subheader("Data-quality problems")
all_problems = [p for item in loaded.values() for p in item.problems]
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

frame.sources(tables.values())
