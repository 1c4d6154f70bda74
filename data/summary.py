"""Print what the evidence base holds: `python -m data.summary` (or `--json`).

Rows per dataset, sources, years covered, problems, and the number of
cross-source disagreements found. `--json` prints a machine-readable summary:
rows per dataset, formal recommendations per report with status counts, the
headline figure per (year, stage, reporter) of the justice funnel
(data/headlines.py) and the number of unlinked duplicate headlines (must be 0).
"""
from __future__ import annotations

import json
import sys

import polars as pl

from data import headlines
from data.load import load_all
from metrics.catalogue import catalogue
from metrics.disagreements import all_disagreements


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
    from metrics.funnel import headline  # metrics builds on data/headlines.py
    heads = headline(justice).sort("period_start", "stage", "reporter")
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
    tables = {name: item.frame for name, item in loaded.items()}
    cat = catalogue(tables, {name: len(item.problems) for name, item in loaded.items()})
    with pl.Config(tbl_rows=50, tbl_width_chars=160, fmt_str_lengths=80, tbl_hide_dataframe_shape=True):
        print(cat)
    total = int(cat["rows"].sum())
    figures = int(cat["figures"].fill_null(0).sum())
    disagree = all_disagreements(tables)
    print(f"\n{total} rows in {cat.height} datasets; {figures} figures with a value.")
    print(f"{disagree.height} cross-source disagreements (same measure, period and dimensions; "
          "different values from different reporters).")
    problems = sum(len(item.problems) for item in loaded.values())
    print(f"{problems} data problems." if problems else "No data problems.")


if __name__ == "__main__":
    main()
