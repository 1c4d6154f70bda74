"""Print what the evidence base holds: `python -m data.summary`.

One row per dataset, from the metadata (data/meta/*.yml) and the loaded rows:
title, rows, figures with a value, sources, years covered, problems; then the
vocabularies. Cross-source disagreements are a metric (`metrics.disagreements`,
shown on the Sources page), not printed here: data/ does not import metrics.
"""
from __future__ import annotations

import polars as pl

from data import metadata
from data.load import Loaded, load_all
from data.quality import years_covered

SCHEMA = {"dataset": pl.String, "title": pl.String, "rows": pl.Int64, "figures": pl.Int64, "sources": pl.String,
          "first_year": pl.Int64, "last_year": pl.Int64, "columns": pl.Int64, "problems": pl.Int64}


def summary(loaded: dict[str, Loaded]) -> pl.DataFrame:
    """One row per dataset of the metadata, in its order (a dataset that failed to load has 0 rows)."""
    rows = []
    for name in metadata.dataset_names():
        meta = metadata.table(name)
        item = loaded.get(name)
        frame = item.frame if item else pl.DataFrame()
        first, last = years_covered(frame)
        rows.append({
            "dataset": name, "title": meta.title.get("en", name), "rows": frame.height,
            "figures": int(frame["value"].is_not_null().sum()) if meta.figures and "value" in frame.columns else None,
            "sources": ", ".join(sorted(frame["source"].unique().to_list())) if frame.height else "",
            "first_year": first, "last_year": last, "columns": len(meta.columns),
            "problems": len(item.problems) if item else 0,
        })
    return pl.DataFrame(rows, schema=SCHEMA)


def main() -> None:
    loaded = load_all()
    table = summary(loaded)
    with pl.Config(tbl_rows=50, tbl_width_chars=240, fmt_str_lengths=80, tbl_hide_dataframe_shape=True):
        print(table)
    vocabularies = metadata.vocabularies()
    terms = sum(len(v.terms) for v in vocabularies.values())
    print(f"\n{int(table['rows'].sum())} rows in {table.height} datasets; "
          f"{int(table['figures'].fill_null(0).sum())} figures with a value.")
    print(f"{len(vocabularies)} vocabularies with {terms} terms, each labelled in {', '.join(metadata.LANGUAGES)}.")
    problems = int(table["problems"].sum())
    print(f"{problems} data problems." if problems else "No data problems.")


if __name__ == "__main__":
    main()
