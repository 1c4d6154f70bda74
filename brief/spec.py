"""A chart collected for the brief, and its figures as the categories and series of a
slide chart. Pure polars: the deck itself is built in brief/deck.py."""
from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl


@dataclass(frozen=True)
class ChartSpec:
    """What a chart shows, enough to redraw it as a native PowerPoint chart."""

    name: str
    title: str
    subtitle: str
    frame: pl.DataFrame = field(compare=False)
    category: str
    series: str | None = None
    kind: str = "bar"  # bar | barh | line | dots (the disagreement dot chart)
    lang: str = "en"  # the language its title, subtitle and labels were collected in

    def table(self) -> tuple[list[str], dict[str, list[float | None]]]:
        """(categories, {series name: values per category}); a missing figure stays None."""
        return categories_and_series(self.frame, self.category, self.series)

    def sources(self) -> list[tuple[str, str]]:
        """(source, lines) pairs of every figure drawn, in order, without repeats."""
        if "source" not in self.frame.columns:
            return []
        pairs = self.frame.select("source", pl.col("lines") if "lines" in self.frame.columns else pl.lit(""))
        return list(dict.fromkeys((s, l or "") for s, l in pairs.iter_rows() if s))


def categories_and_series(frame: pl.DataFrame, category: str, series: str | None
                          ) -> tuple[list[str], dict[str, list[float | None]]]:
    cats = list(dict.fromkeys(str(c) for c in frame[category].to_list()))
    groups = list(dict.fromkeys(frame[series].to_list())) if series else ["value"]
    out: dict[str, list[float | None]] = {}
    for group in groups:
        part = frame if series is None else frame.filter(pl.col(series) == group)
        by_cat = {str(c): v for c, v in zip(part[category].to_list(), part["value"].to_list())}
        out[str(group)] = [by_cat.get(c) for c in cats]
    return cats, out
