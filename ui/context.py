"""The Regions page's context: poverty and unemployment in the selected region, each
figure with its year shown as large as the figure (most are from 2003), and the map
options that colour the regions by one context measure. Layout only: metrics.context
chooses the rows."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.citations import short_names
from i18n import _
from metrics import context as ctx
from ui.formatting import fmt_value, line_label
from ui.labels import capitalised, localise, names, term

PREFIX = "context"


def map_options(context: pl.DataFrame) -> dict[str, str]:
    """Map colouring options ('context|poverty_rate|2003' -> 'Poverty rate (percent, 2003)'):
    the year is part of the name, so the map's legend says which year it shows."""
    return {f"{PREFIX}|{r['measure']}|{r['year']}": _(
        "{measure} ({unit}, {period})", measure=capitalised(term("measure", r["measure"])),
        unit=term("unit", r["unit"]), period=str(r["year"]))
        for r in ctx.map_measures(context).iter_rows(named=True)}


def map_values(context: pl.DataFrame, option: str) -> pl.DataFrame | None:
    """The rows that colour the map for a context option; None when `option` is not one."""
    kind, _sep, rest = option.partition("|")
    if kind != PREFIX:
        return None
    measure, _sep, year = rest.partition("|")
    return ctx.map_values(context, measure, int(year))


def _figure(row: dict) -> None:
    """One figure: its year, large, beside the value; who says so and where, under them."""
    year, value = st.columns([1, 2])
    year.metric(_("Year"), str(row["year"]) if row["year"] is not None else row["period"])
    what = capitalised(term("measure", row["measure"]))
    if row.get("district"):
        what = _("{measure}, {place} only", measure=what, place=row["district"])
    value.metric(what, fmt_value(row["value"], row["unit"]))
    bits = [names("reporters").get(row["reporter"], row["reporter"]),
            f"{short_names().get(row['source'], row['source'])}, {line_label(row['lines'])}"]
    if "estimate" in (row.get("flags") or "").split(";"):
        bits.append(_("the source's own estimate"))
    st.caption(" · ".join(bits))


def context_section(context: pl.DataFrame, region: str, region_name: str) -> list[pl.DataFrame]:
    """The 'Context' part of a region's profile; returns the rows shown."""
    st.markdown(_("**Context: poverty and unemployment in {region}**", region=region_name))
    rows = localise(ctx.for_region(context, region), "district")  # 'Tokmak only' in the reader's language
    if rows.is_empty():
        st.caption(_("The sources print no poverty or unemployment figure for this region."))
    for row in rows.iter_rows(named=True):
        _figure(row)
    country = ctx.national(context)
    if country.height:
        st.markdown(_("**For comparison, the whole country**"))
        for row in localise(country, "district").iter_rows(named=True):
            _figure(row)
    return [rows, country]
