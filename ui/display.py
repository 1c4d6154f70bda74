"""Display components: a chart with the figures behind it (table and CSV download) and
the brief button, a card's sparkline, and downloads made only when clicked."""
from __future__ import annotations

import html
from collections.abc import Callable
from functools import partial
from typing import Any

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from brief.collect import add_button
from exports.csv import csv_bytes
from i18n import _, current, ngettext, using
from i18n.numbers import number
from ui import cite
from ui.device import on_phone
from ui.figures import CONFIG, point_text, sparkline_svg
from ui.labels import flags, notes
from ui.formatting import file_stem, fmt_value
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
    config = chart_config(stem)
    cite.pending()  # a click on a point or a row of this page asked for its source passage
    # A tap on a mark selects it: its source passage opens (ui/cite.py) and the page writes what
    # its hover says under the chart (a phone cannot hover).
    event = st.plotly_chart(fig, config=config, width="stretch", key=f"chart_{name}",
                            alt=chart_words(meta.get("title", ""), data, brief[0] if brief else None),
                            on_select=partial(cite.from_chart, f"chart_{name}"), selection_mode="points")
    points = (event.get("selection") or {}).get("points") if isinstance(event, dict) else None
    if points:
        details = point_text(fig, points[0])
        if details:
            st.info(details, icon=":material/touch_app:")
    if "source" in data.columns and "lines" in data.columns:
        st.caption(_("Click a point of the chart, or a row of the table under it, to read the passage of the "
                     "source that gives the figure."))
    shown = data.select([c for c in (columns or data.columns) if c in data.columns])
    if "flags" in data.columns and "flags" not in shown.columns and data["flags"].drop_nulls().len():
        # what kind of number each is (estimate, range bound, cumulative, ...), in the reader's language
        shown = shown.with_columns(flags=pl.Series("flags", [flags(f) for f in data["flags"]], dtype=pl.String))
    shown = notes(shown)  # our notes in the reader's language, in the table and its CSV
    # The table is built only while its expander is open: most desktop readers never open it,
    # and a page of several charts would otherwise send every table on every run. A phone
    # cannot hover, so there the figures (what the hover says: source and lines) start open.
    box = st.expander(_("Figures behind this chart, with source and lines"), expanded=on_phone(),
                      key=f"open_{name}", on_change="rerun")
    if box.open:
        with box:
            ids = cite.refs(data)
            st.dataframe(blank(shown), hide_index=True, width="stretch", key=f"table_{name}",
                         column_config=column_config(shown.columns, headers),
                         on_select=partial(cite.from_table, f"table_{name}", ids) if ids else "ignore",
                         selection_mode="single-row")
            st.download_button(
                _("Download these figures (CSV)"),
                data=later(csv_bytes, shown, {k: v for k, v in (headers or {}).items() if isinstance(v, str)}),
                file_name=f"{stem}.csv",
                mime="text/csv", key=f"csv_{name}", on_click="ignore",
            )
    if brief is not None:
        add_button(name, meta, data, brief)


def chart_config(stem: str) -> dict[str, Any]:
    """Plotly's config for a chart or map: its PNG download named `stem`, and no toolbar on a
    phone (a tap shows it over the chart's title; a phone zooms with its fingers)."""
    config = {**CONFIG, "toImageButtonOptions": {**CONFIG["toImageButtonOptions"], "filename": stem}}
    if on_phone():
        config["displayModeBar"] = False
    return config


def show_map(fig: go.Figure, key: str, on_select: Callable[[], None], alt: str, stem: str) -> None:
    """Draw a map (ui.maps): a tap or click on a region or marker calls `on_select`, which
    reads the selection from `st.session_state[key]`. PNG download as for every chart."""
    st.plotly_chart(fig, config=chart_config(stem), width="stretch", key=key, alt=alt, on_select=on_select,
                    selection_mode="points", theme=None)


def reading_notes(*notes: str) -> None:
    """A page's "How to read this page": folded, one bullet a note (already translated), each
    opening with its point in bold."""
    with st.expander(_("How to read this page"), icon=":material/help:"):
        st.markdown("\n".join(f"- {note}" for note in notes))


def key_list(entries: list[tuple[str, str]], label: str, name: str) -> None:
    """A key as a list of (heading, text) entries, in a box that scrolls on screen: a named
    region a keyboard can reach and scroll (tabindex: a scrolling box without it is a serious
    accessibility fault, axe's scrollable-region-focusable), printed whole (static/print.css,
    `.scroll-key`). The texts are escaped: no markup comes from the data."""
    items = "".join(f"<li><b>{html.escape(head)}</b>: {html.escape(text)}</li>" for head, text in entries)
    st.html(f'<div class="scroll-key {html.escape(name, quote=True)}" tabindex="0" role="region" '
            f'aria-label="{html.escape(label, quote=True)}"><ul>{items}</ul></div>')


def card(title: str, value: str, delta: str | None = None, help: str | None = None) -> None:
    """A headline card's title and figure. The title is written as text that wraps whole
    (st.metric cuts its label to one line with "...", which hid most of a Russian or Kyrgyz
    title, even at 1280 px); the metric under it keeps the title as its (hidden) label."""
    st.markdown(f"**{cite.escaped(title)}**", help=help)
    st.metric(title, value, delta=delta, delta_color="off", label_visibility="collapsed")


def chart_words(title: str, data: pl.DataFrame, label: str | None = None) -> str:
    """A chart's text alternative, from the figures it draws: what it shows, how many
    figures, the highest and the lowest (with their label), and how many are not reported."""
    parts = [title if title.endswith((".", "?", "!")) else f"{title}."] if title else []
    if "value" not in data.columns or data.is_empty():
        return " ".join(parts)
    if label is None or label not in data.columns:
        label = next((c for c in data.columns if data[c].dtype == pl.String and c not in
                      ("source", "lines", "note", "unit", "id", "period", "flags")), None)
    known = data.filter(pl.col("value").is_not_null())
    gaps = data.height - known.height
    parts.append(ngettext("{n} figure.", "{n} figures.", known.height))
    if known.height > 1:
        high = known.sort("value", descending=True).row(0, named=True)
        low = known.sort("value").row(0, named=True)

        def said(row: dict) -> str:
            what = fmt_value(row["value"], row.get("unit"))
            return f"{what} ({row[label]})" if label and row.get(label) is not None else what

        parts.append(_("Highest: {high}; lowest: {low}.", high=said(high), low=said(low)))
    if gaps:
        parts.append(ngettext("{n} figure is not reported (a gap, not a zero).",
                              "{n} figures are not reported (gaps, not zeros).", gaps))
    return " ".join(parts)


def sparkline(years: list[int], values: list[float]) -> None:
    """Draw a sparkline under a headline card, as an image.

    Not `st.metric(chart_data=...)`: its sparkline loads Vega, which held back the
    landing page's first screen by about 0.7 s on the benchmark machine. A drawing
    needs no chart code at all. The years it spans are written in the card's caption."""
    drawing = sparkline_svg(years, values)
    if drawing:
        st.image(drawing, width="stretch", alt=trend_words(years, values))


def trend_words(years: list[int], values: list[float | None]) -> str:
    """A trend in words, from its figures (the text alternative of a sparkline): the span,
    first and last figure, the lowest and highest, and the years without a figure."""
    points = [(y, v) for y, v in zip(years, values) if v is not None]
    if not points:
        return _("No figures to draw.")
    (first_year, first), (last_year, last) = points[0], points[-1]
    low = min(points, key=lambda p: p[1])
    high = max(points, key=lambda p: p[1])
    text = _("Trend {first_year}–{last_year}: {first} in {first_year}, {last} in {last_year}; lowest {low} "
             "({low_year}), highest {high} ({high_year}).", first_year=str(first_year), last_year=str(last_year),
             first=number(first), last=number(last), low=number(low[1]), low_year=str(low[0]),
             high=number(high[1]), high_year=str(high[0]))
    missing = [str(y) for y in range(first_year, last_year + 1) if y not in {p[0] for p in points}]
    if missing:
        text += " " + _("No figure for {years}.", years=", ".join(missing))
    return text
