"""Migration: where Kyrgyz citizens are taken, and where victims in Kyrgyzstan come
from. Layout only: facts come from metrics.geography."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import table
from i18n import _, ngettext
from ui import labels, params
from ui.device import on_phone
from ui.display import show, show_map
from ui.figures import horizontal_bars
from ui.frame import PageFrame
from ui.maps import world_map
from ui.tables import column_config
from ui.tables import table as show_table
from ui.views import migration as view_of

frame = PageFrame("migration")
migration, mentions = table("migration"), table("destination_mentions")

measures = view_of.measures(migration)
options = measures.options
named = view_of.countries_named(mentions, migration)


def _map_clicked() -> None:
    """A tap or click on a country's marker chooses it, like the selector (?country=)."""
    code = view_of.clicked(st.session_state.get("world_map"), named)
    if code is not None:
        params.choose("country", code)


VIEWS = {"map": _("Map"), "countries": _("Countries compared"), "mentions": _("Every mention"),
         "figures": _("Figures by country")}
view = params.view(VIEWS)
# Only the filters this view uses, folded into one control whose label is the current choice:
# the map stays on a phone's first screen. One part at a time keeps the page light (the map
# page drew a second chart and two tables under the map before any of it appeared).
FILTERS = {"map": ("form", "role", "country", "measure"), "countries": ("form", "role", "measure"),
           "mentions": ("form", "role", "country"), "figures": ("country",)}
used = FILTERS[view]
form_options, role_options, country_options = ["all", *view_of.forms(mentions)], list(view_of.ROLES), ["all", *named]


def _country_option(c: str) -> str:
    return _("All countries") if c == "all" else labels.country(c)


SUMMARY = {"form": lambda: view_of.form_option(params.peek("form", form_options)),
           "role": lambda: view_of.role_option(params.peek("role", role_options)),
           "country": lambda: _country_option(params.peek("country", country_options))}
choices = " · ".join(SUMMARY[f]() for f in used if f in SUMMARY)
controls = st.popover(_("Filters: {choices}", choices=choices), icon=":material/filter_list:", width="stretch")
form = (params.select("form", form_options, label=_("Form of exploitation"), format_func=view_of.form_option,
                      container=controls) if "form" in used else "all")
role = (params.select("role", role_options, label=_("Direction"), format_func=view_of.role_option,
                      container=controls) if "role" in used else "all")
country = (params.select("country", country_options, label=_("Country"), format_func=_country_option,
                         container=controls) if "country" in used else "all")
measure = (params.select("measure", list(options), label=_("Arc width shows") if view == "map" else _("Figure"),
                         default="none", format_func=lambda m: options[m], container=controls)
           if "measure" in used else "none")

summary = view_of.summary(mentions, role, form)
values = view_of.values(migration, measure)


def map_view() -> list[pl.DataFrame]:
    world = view_of.world(summary, values, country)
    colours = _("Colour = form of exploitation the sources name ({legend}).", legend=world.legend)
    show_map(world_map(world.arcs, world.markers, None if country == "all" else country, on_phone()), "world_map",
             _map_clicked, alt=colours, stem="migration_map")
    st.caption(" ".join((
        colours,
        _("Marker size = how many of the five sources name the country."),
        _("Arc width = {measure}.", measure=options[measure]) if measure != "none"
        else _("Arcs are all one width: pick a figure above to size them."),
        _("An arrow after a name: the country lies beyond the map's edge."),
        _("Tap or click a country to see its details."),
        _("Country outlines: Natural Earth (public domain)."),
    )))
    if country != "all":
        st.subheader(labels.country(country))
        details = view_of.country_details(view_of.summary(mentions, "all", form), migration, country)
        st.markdown("\n".join(f"- {line}" for line in details) if details
                    else _("The sources name this country in no mention shown with these filters."))
    with st.expander(_("The map as a table"), expanded=False):
        show_table(view_of.map_table(summary, country), key="migration_map_table")
    listed = view_of.mentions_listed(view_of.by_form(mentions, form), country, role)
    return [listed, values]


def countries_view() -> list[pl.DataFrame]:
    if measure != "none" and values.height:
        chart_rows = view_of.chart_rows(values)
        m, period = measure.split("|", 1)
        show(horizontal_bars(chart_rows, "place", measures.names[measure],
                             _("Kyrgyz nationals, {period}, {unit}, by country", period=period,
                               unit=labels.term("unit", chart_rows["unit"][0]))),
             chart_rows, f"migration_{m}", ["place", "country", "value", "unit", "period", "reporter", "source",
                                            "lines", "note"], brief=("place", None, "barh"))
        others = view_of.other_periods(migration, measure)
        if others:
            st.caption(ngettext("The same measure for other periods: {n} figure; choose it above to compare.",
                                "The same measure for other periods: {n} figures; choose them above to compare.",
                                others))
        return [values]
    ranked = view_of.ranked(summary)
    show(horizontal_bars(ranked, "place", _("Countries named in a trafficking context"),
                         _("Number of the five source documents that name each country, {first}–{last}",
                           first="2003", last="2025")),
         ranked, "migration_mentions_ranked", ["country", "role", "sources", "mentions", "exploitation",
                                                "first_year", "last_year", "source"])
    st.caption(_("Pick a figure under Filters to compare countries by it instead."))
    return [view_of.mentions_listed(view_of.by_form(mentions, form), "all", role)]


def mentions_view() -> list[pl.DataFrame]:
    listed = view_of.mentions_listed(view_of.by_form(mentions, form), country, role)
    mention_rows = view_of.mention_rows(listed)
    st.dataframe(mention_rows, hide_index=True, width="stretch", key="mentions_table",
                 column_config=column_config(mention_rows.columns, {"cited": _("Source")}))
    return [listed]


def figures_view() -> list[pl.DataFrame]:
    figures, figure_rows = view_of.figures(migration, country)
    show_table(figure_rows, key="migration_figures", overrides={"cited": _("Source")})
    st.caption(_("Ranges printed as 'from … to …' are two rows, the lower and the upper bound, never an average."))
    return [figures]


RENDER = {"map": map_view, "countries": countries_view, "mentions": mentions_view, "figures": figures_view}
frame.sources(RENDER[view]())
