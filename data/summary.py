"""Print what the evidence base holds: `python -m data.summary`.

Rows per dataset, sources, years covered, problems, and the number of
cross-source disagreements found.
"""
from __future__ import annotations

import polars as pl

from data.load import load_all
from metrics.catalogue import catalogue
from metrics.disagreements import all_disagreements


def main() -> None:
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
