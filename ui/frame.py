"""The common frame of every page: title, the question it answers, sources footer."""
from __future__ import annotations

from collections.abc import Iterable

import polars as pl
import streamlit as st

from data.load import reference


class PageFrame:
    """Title and one-line question at the top; `sources()` writes the footer."""

    def __init__(self, title: str, question: str) -> None:
        self.title = title
        st.title(title)
        st.caption(question)

    def sources(self, frames: Iterable[pl.DataFrame]) -> None:
        """Footer naming the documents whose figures this page showed."""
        used: set[str] = set()
        for frame in frames:
            if "source" in frame.columns:
                used.update(s for s in frame["source"].unique().to_list() if s)
        st.divider()
        if not used:
            st.caption("No source figures are shown on this page.")
            return
        catalogue = reference("sources").filter(pl.col("source").is_in(sorted(used)))
        lines = [
            f"- **{row['source']}**: {row['title']} ({row['publisher']}"
            + (f", {row['year_published']}" if row["year_published"] else "")
            + ")"
            for row in catalogue.sort("source").iter_rows(named=True)
        ]
        st.caption("Sources used on this page (details on the Sources page):")
        st.markdown("\n".join(lines))


def source_line(frame: pl.DataFrame) -> str:
    """'Sources: unodc-2022 (lines 245-262); osce-2025 (line 207)' for a chart's footer."""
    if frame.is_empty() or "source" not in frame.columns:
        return "Sources: none"
    parts = []
    for src in sorted(frame["source"].drop_nulls().unique().to_list()):
        parts.append(src)
    return "Sources: " + "; ".join(parts)
