"""The Justice page's "Penalties" view: the sentences the Criminal Code sets, by article,
code version and circumstances, beside the funnel. Layout only: the ordering and the
longest sentence per code come from metrics.penalties."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl
import streamlit as st

from i18n import _, ngettext
from i18n.numbers import number
from metrics import penalties as pen
from ui import params
from ui.display import show
from ui.figure_cache import cached_figure
from ui.figures import (anatomy, band_height, colour_for, hover, hover_provenance, pattern_for, patterned,
                        source_line, wrapped)
from ui.labels import capitalised, names, term, translated

COLUMNS = ["label", "article", "code", "offence", "aggravation", "penalty", "min_years", "max_years", "year",
           "reporter", "source", "lines", "note"]


def span_text(low: float | None, high: float | None) -> str:
    """'3–6 years', 'up to 5 years' or 'not stated', in the reader's language."""
    if high is None:
        return _("not stated")
    if low is None:
        return ngettext("up to {years} year", "up to {years} years", int(high), years=number(high))
    return ngettext("{low}–{high} year", "{low}–{high} years", int(high), low=number(low), high=number(high))


def row_label(row: dict) -> str:
    """'Art. 166, Criminal Code 2021 — Basic offence · OSCE': article, code, circumstances, reporter.
    Where the source prints no article number, the offence stands in its place."""
    code = term("criminal_code", row["code"])
    where = (_("Art. {article}, {code}", article=row["article"], code=code) if row["article"]
             else f"{capitalised(term('offence', row['offence']))}, {code}")
    who = names("reporters", short=True).get(row["reporter"], row["reporter"])
    return f"{where} — {capitalised(term('aggravation', row['aggravation']))} · {who}"


@cached_figure
def range_bars(rows: pl.DataFrame, title: str, subtitle: str) -> go.Figure:
    """One floating bar per printed range, from the shortest to the longest term; a range
    with no stated minimum ("up to") starts at zero, paler, and says so in its label."""
    fig = go.Figure()
    # labels in lines (plotly does not wrap): unwrapped, they took a phone's whole width
    labels = [wrapped(label, 24) for label in rows["label"].to_list()]
    for reporter in dict.fromkeys(rows["reporter"].to_list()):
        part = rows.filter(pl.col("reporter") == reporter)
        base = [low if low is not None else 0 for low in part["min_years"]]
        fig.add_bar(
            y=[wrapped(label, 24) for label in part["label"].to_list()], x=[high - b for high, b in zip(part["max_years"], base)], base=base,
            orientation="h", name=names("reporters", short=True).get(reporter, reporter),
            marker={"color": colour_for(reporter), "pattern": patterned(pattern_for(reporter)),
                    "opacity": [1.0 if s else 0.45 for s in part["stated_min"]]},
            text=[span_text(lo, hi) for lo, hi in zip(part["min_years"], part["max_years"])],
            textposition="outside", cliponaxis=False,
            customdata=hover_provenance(part), hovertemplate=hover("<b>%{y}</b><br>%{text}"),
        )
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=labels)
    # room right of the longest bar for its words ('up to 20 years'); the unit is in the subtitle
    # (an axis title here ran into the legend, which anatomy() places under the tick labels)
    fig.update_xaxes(range=[0, (rows["max_years"].max() or 1) * 2.2])
    return anatomy(fig, title, subtitle, source_line(rows), height=170 + band_height(labels, minimum=30))


def penalties_view(penalties: pl.DataFrame) -> list[pl.DataFrame]:
    """Draw the view; return the frames shown (for the page's sources footer)."""
    st.subheader(_("Penalties set by the Criminal Code"))
    if penalties.is_empty():
        st.info(_("No penalty figures could be loaded; see the Sources page for data problems."))
        return []
    offences = pen.offences(penalties)
    offence = params.select("offence", ["all", *offences], label=_("Offence"),
                            format_func=lambda o: _("All offences") if o == "all" else capitalised(term("offence", o)))
    longest = pen.longest_by_code(penalties, "trafficking")
    if longest.height:
        reporters = names("reporters", short=True)
        parts = [_("{code}: {years} ({reporters})", code=term("criminal_code", r["code"]),
                   years=span_text(None, r["max_years"]),
                   reporters=", ".join(reporters.get(x, x) for x in r["reporters"]))
                 for r in longest.iter_rows(named=True)]
        st.markdown(_("**Longest sentence for trafficking in persons, by code:** {parts}.", parts="; ".join(parts)))
        st.caption(_("The monitoring report says the 2017 code (in force from 2019) made the penalty for trafficking "
                     "milder than the old code."))
    rows = pen.ranges(penalties, None if offence == "all" else offence).filter(pl.col("max_years").is_not_null())
    if rows.is_empty():
        st.info(_("The sources print no sentence range for this offence."))
        return []
    rows = rows.with_columns(
        label=pl.Series([row_label(r) for r in rows.iter_rows(named=True)], dtype=pl.String),
        period=pl.col("year").cast(pl.String),
    )
    codes = ", ".join(term("criminal_code", c) for c in dict.fromkeys(rows.sort("code")["code"].to_list()))
    show(range_bars(rows, _("Prison sentences by article and circumstances"),
                    _("Kyrgyz Republic, {codes}, years of imprisonment", codes=codes)),
         translated(rows, {"code": "criminal_code", "offence": "offence", "aggravation": "aggravation",
                           "penalty": "penalty"}).with_columns(
             reporter=pl.col("reporter").replace(names("reporters", short=True))),
         "justice_penalties", COLUMNS)
    st.caption(_("A pale bar starting at zero is a sentence of 'up to' so many years: the source states no "
                 "minimum. Reports summarise the code in their own words, so two reports may give the same "
                 "article different ranges; both are shown."))
    return [rows]
