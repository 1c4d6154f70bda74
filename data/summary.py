"""Print what the evidence base holds: `python -m data.summary` (or `--json`).

One row per dataset, from the metadata (data/meta/*.yml) and the loaded rows:
title, rows, figures with a value, sources, years covered, columns, problems;
then the vocabularies. `--json` prints a machine-readable summary: rows per
dataset, formal recommendations per report with status counts, the headline
figure per (year, stage, reporter) of the justice funnel (data/headlines.py) and
the number of unlinked duplicate headlines (must be 0).

data/ sits below metrics and does not import it: the cross-source disagreement
count is a metric (`metrics.disagreements`, shown on the Sources page) and is
not printed here.
"""
from __future__ import annotations

import json
import sys

import polars as pl

from data import headlines, metadata
from data.load import Loaded, load_all
from data.quality import years_covered

SCHEMA = {"dataset": pl.String, "title": pl.String, "rows": pl.Int64, "figures": pl.Int64, "sources": pl.String,
          "first_year": pl.Int64, "last_year": pl.Int64, "columns": pl.Int64, "problems": pl.Int64}


def datasets_table(loaded: dict[str, Loaded]) -> pl.DataFrame:
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


def recommendations_by_report(recs: pl.DataFrame) -> tuple[dict, bool]:
    """Formal recommendations per source with their status counts, and whether the data
    says which rows are formal (column `kind` == "formal"); without it every row counts."""
    formal = "kind" in recs.columns
    rows = recs.filter(pl.col("kind") == "formal") if formal else recs
    out = {}
    for source in sorted(rows["source"].unique().to_list()):
        part = rows.filter(pl.col("source") == source)
        counts = part.group_by("status").agg(n=pl.len()).sort("status")
        out[source] = {"total": part.height,
                       "status": {r["status"]: r["n"] for r in counts.iter_rows(named=True)}}
    return out, formal


def funnel_headlines(justice: pl.DataFrame) -> list[dict]:
    """The headline figure per (year or period, stage, reporter) of the justice funnel."""
    heads = headlines.funnel_headlines(justice).sort("period_start", "stage", "reporter")
    return [{"year": r["year"], "period": r["period"], "stage": r["stage"], "reporter": r["reporter"],
             "value": r["value"], "unit": r["unit"], "id": r["id"], "source": r["source"], "lines": r["lines"]}
            for r in heads.iter_rows(named=True)]


def summary() -> dict:
    """The machine-readable summary that `--json` prints."""
    tables = {name: item.frame for name, item in load_all().items()}
    recs, formal = recommendations_by_report(tables["recommendations"])
    duplicates = headlines.duplicates(tables)
    return {
        "rows": {name: frame.height for name, frame in tables.items()},
        "recommendations": {"formal_only": formal, "by_report": recs},
        "funnel_headlines": funnel_headlines(tables["justice"]),
        "unlinked_duplicate_headlines": duplicates.height,
        "duplicates": [dict(r) for r in duplicates.iter_rows(named=True)],
    }


def main() -> None:
    if "--json" in sys.argv[1:]:
        print(json.dumps(summary(), ensure_ascii=False, indent=1))
        return
    loaded = load_all()
    table = datasets_table(loaded)
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
