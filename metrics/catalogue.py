"""What each dataset holds: rows, sources, years covered. Pure polars."""
from __future__ import annotations

import polars as pl

from data.quality import years_covered


def catalogue(tables: dict[str, pl.DataFrame], problems: dict[str, int]) -> pl.DataFrame:
    """One row per dataset: name, rows, figures with a value, sources, years, problems."""
    rows = []
    for name, frame in tables.items():
        first, last = years_covered(frame)
        rows.append({
            "dataset": name,
            "rows": frame.height,
            "figures": int(frame["value"].is_not_null().sum()) if "value" in frame.columns else None,
            "sources": ", ".join(sorted(frame["source"].unique().to_list())) if frame.height else "",
            "first_year": first,
            "last_year": last,
            "problems": problems.get(name, 0),
        })
    return pl.DataFrame(rows, schema={
        "dataset": pl.String, "rows": pl.Int64, "figures": pl.Int64, "sources": pl.String,
        "first_year": pl.Int64, "last_year": pl.Int64, "problems": pl.Int64,
    })


def figures_per_source(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """For each source id: rows it contributes and the datasets it feeds."""
    parts = [
        frame.select("source").with_columns(dataset=pl.lit(name))
        for name, frame in tables.items() if frame.height
    ]
    if not parts:
        return pl.DataFrame(schema={"source": pl.String, "rows": pl.UInt32, "datasets": pl.String})
    stacked = pl.concat(parts)
    return (
        stacked.group_by("source")
        .agg(rows=pl.len(), datasets=pl.col("dataset").unique().sort().str.join(", "))
        .sort("source")
    )
