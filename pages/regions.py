"""Regions: coordination councils and what the sources say about each oblast and
city. Layout only: facts come from metrics.geography."""
from __future__ import annotations

import streamlit as st

from data.load import reference, table
from exports.csv import csv_bytes
from i18n import _
from i18n.numbers import number
from ui import labels, params
from ui.context import context_section
from ui.device import on_phone
from ui.display import later, show_map
from ui.frame import PageFrame
from ui.maps import region_map
from ui.tables import table as show_table
from ui.views import regions as view_of

frame = PageFrame("regions")
codes = reference("regions")["region"].to_list()
councils = view_of.councils(table("councils"))
regional, assistance, justice = table("regional"), table("assistance"), table("justice")
context = table("context")
status = view_of.status(councils, codes)
measure_options = view_of.measure_options(regional, context)


def _map_clicked() -> None:
    """A click on a region (polygon or city point) selects it, like the selector: it is
    written into the link (?region=), which the selector reads on the rerun."""
    code = view_of.clicked(st.session_state.get("region_map"), codes)
    if code is not None:
        params.choose("region", code)


controls = st.columns(2)
measure = params.select("measure", list(measure_options), label=_("Colour the map by"), default="council",
                 format_func=lambda m: measure_options[m], container=controls[0])
region = params.select("region", ["all", *codes], label=_("Region"),
                format_func=lambda r: _("No region selected") if r == "all" else labels.region(r), container=controls[1])
selected = None if region == "all" else region

# Facts per region for the map
shown_map = (view_of.council_facts(status, councils) if measure == "council"
             else view_of.measure_facts(regional, context, codes, measure, measure_options[measure]))
facts, legend, shown_rows = shown_map.facts, shown_map.legend, shown_map.rows

# The map is the page: beside the profile on a desktop, above it on a phone (columns stack).
left, right = st.columns([3, 2])
with left:
    show_map(region_map(facts, selected, on_phone()), "region_map", _map_clicked, alt=legend, stem="regions_map")
    st.caption(legend + " " + _("Tap or click a region to see its profile.") + " "
               + _("Boundaries: Natural Earth (public domain).") + " "
               + _("Bishkek and Osh city are drawn as points."))
with right:
    if selected is None:
        st.subheader(_("Pick a region"))
        st.markdown(_("Choose a region above or click it on the map to see what the sources say about it."))
        st.metric(_("Regions with a council on record"),
                  _("{n} of {total}", n=number(view_of.on_record(status)), total=number(len(codes))))
    else:
        st.subheader(labels.region(selected))
        st.markdown(_("**On the map:** {value}", value=view_of.map_value(facts, selected)))
        bodies = view_of.bodies(councils, selected)
        if bodies.height:
            st.markdown(_("**Coordination bodies on record: {n}**", n=number(bodies.height)))
            st.markdown("\n".join(view_of.body_lines(bodies)))
        else:
            st.warning(_("No source records a coordination council for this region."))
        figures, figure_rows = view_of.figures({"justice": justice, "assistance": assistance, "regional": regional},
                                               selected)
        st.markdown(_("**Figures that name this region: {n}**", n=number(figures.height)))
        if figures.height:
            show_table(figure_rows, key="region_figures")
        unsaid = view_of.unsaid(bodies, figures)
        if unsaid:
            st.caption(_("The sources do not say: {items}.", items="; ".join(unsaid)))
        context_shown = context_section(context, selected, labels.region(selected))

with st.expander(_("The map as a table"), expanded=False):
    show_table(view_of.map_table(facts), key="regions_map_table",
               overrides={"region_name": _("Region"), "map_value": measure_options[measure]})

st.header(_("All regions"))
summary = view_of.summary(status, [regional, assistance, justice])
# a plain table: it wraps, so it prints whole
show_table(view_of.summary_shown(summary), key="regions_table", overrides={
    "name": _("Region"), "status": _("Council"), "bodies": _("Bodies on record"),
    "first_date": _("Earliest date"), "established_by": _("Set up by"),
    "sources": _("Sources"), "figures": _("Figures naming the region")})
st.download_button(_("Download this table (CSV)"), data=later(csv_bytes, summary), file_name="regions_summary.csv",
                   mime="text/csv", key="regions_csv", on_click="ignore")

frame.sources([shown_rows, view_of.regional_bodies(councils),
               *(context_shown if selected is not None else [])])
