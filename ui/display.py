"""Display components: a chart with the figures behind it (table and CSV download) and
the brief button, a card's sparkline, and downloads made only when clicked."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from brief.collect import add_button
from exports.csv import csv_bytes
from i18n import _, current, using
from ui.figures import CONFIG, point_text, sparkline_svg
from ui.labels import flags
from ui.formatting import file_stem
from ui.tables import blank, column_config


def later(build: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[], Any]:
    """A download's contents, made only when the reader clicks (`st.download_button(data=...)`).

    Building every CSV, workbook and deck on every run cost most of a rerun; the
    callable runs outside the page's script, so it carries the reader's language."""
    lang = current()

    def make() -> Any:
        with using(lang):
            return build(*args, **kwargs)

    return make


def show(fig: go.Figure, data: pl.DataFrame, name: str, columns: list[str] | None = None,
         brief: tuple[str, str | None, str] | None = None, headers: dict[str, Any] | None = None) -> None:
    """Draw a chart, then the exact figures behind it with source and lines, downloadable.

    `brief` = (category column, series column or None, kind) lets the reader add the
    chart, with the current filters, to the PowerPoint brief as a native chart.
    `headers` gives columns of the table under the chart their own (translated) headers.
    """
    meta = fig.layout.meta or {}
    stem = file_stem(meta.get("title", ""), name)
    config = {**CONFIG, "toImageButtonOptions": {**CONFIG["toImageButtonOptions"], "filename": stem}}
    # A tap on a mark selects it and the page writes what its hover says (a phone cannot hover)
    event = st.plotly_chart(fig, config=config, width="stretch", key=f"chart_{name}",
                            on_select="rerun", selection_mode="points")
    points = (event.get("selection") or {}).get("points") if isinstance(event, dict) else None
    if points:
        details = point_text(fig, points[0])
        if details:
            st.info(details, icon=":material/touch_app:")
    shown = data.select([c for c in (columns or data.columns) if c in data.columns])
    if "flags" in data.columns and "flags" not in shown.columns and data["flags"].drop_nulls().len():
        # what kind of number each is (estimate, range bound, cumulative, ...), in the reader's language
        shown = shown.with_columns(flags=pl.Series("flags", [flags(f) for f in data["flags"]], dtype=pl.String))
    # The table is built only while its expander is open: most readers never open it,
    # and a page of several charts would otherwise send every table on every run.
    box = st.expander(_("Figures behind this chart, with source and lines"), key=f"open_{name}", on_change="rerun")
    if box.open:
        with box:
            st.dataframe(blank(shown), hide_index=True, width="stretch", key=f"table_{name}",
                         column_config=column_config(shown.columns, headers))
            st.download_button(
                _("Download these figures (CSV)"),
                data=later(csv_bytes, shown, {k: v for k, v in (headers or {}).items() if isinstance(v, str)}),
                file_name=f"{stem}.csv",
                mime="text/csv", key=f"csv_{name}", on_click="ignore",
            )
    if brief is not None:
        add_button(name, meta, data, brief)


def sparkline(years: list[int], values: list[float]) -> None:
    """Draw a sparkline under a headline card, as an image.

    Not `st.metric(chart_data=...)`: its sparkline loads Vega, which held back the
    landing page's first screen by about 0.7 s on the benchmark machine. A drawing
    needs no chart code at all. The years it spans are written in the card's caption."""
    drawing = sparkline_svg(years, values)
    if drawing:
        st.image(drawing, width="stretch")
