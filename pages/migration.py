"""Migration: where Kyrgyz citizens are taken, and where victims in Kyrgyzstan come
from. Layout only: facts come from metrics.geography."""
from __future__ import annotations

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


# The four filters fold into one control whose label is the current choice: the map stays
# on a phone's first screen.
form_options, role_options, country_options = ["all", *view_of.forms(mentions)], list(view_of.ROLES), ["all", *named]


def _country_option(c: str) -> str:
    return _("All countries") if c == "all" else labels.country(c)


choices = " · ".join((view_of.form_option(params.peek("form", form_options)),
                      view_of.role_option(params.peek("role", role_options)),
                      _country_option(params.peek("country", country_options))))
controls = st.popover(_("Filters: {choices}", choices=choices), icon=":material/filter_list:", width="stretch")
form = params.select("form", form_options, label=_("Form of exploitation"),
                     format_func=view_of.form_option, container=controls)
role = params.select("role", role_options, label=_("Direction"), format_func=view_of.role_option, container=controls)
country = params.select("country", country_options, label=_("Country"), format_func=_country_option,
                        container=controls)
measure = params.select("measure", list(options), label=_("Arc width shows"), default="none",
                        format_func=lambda m: options[m], container=controls)

summary = view_of.summary(mentions, role, form)
values = view_of.values(migration, measure)
world = view_of.world(summary, values, country)

show_map(world_map(world.arcs, world.markers, None if country == "all" else country, on_phone()), "world_map",
         _map_clicked,
         alt=_("Colour = form of exploitation the sources name ({legend}).", legend=world.legend),
         stem="migration_map")
st.caption(" ".join((
    _("Colour = form of exploitation the sources name ({legend}).", legend=world.legend),
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

left, right = st.columns(2)
with left:
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
    else:
        ranked = view_of.ranked(summary)
        show(horizontal_bars(ranked, "place", _("Countries named in a trafficking context"),
                             _("Number of the five source documents that name each country, {first}–{last}",
                               first="2003", last="2025")),
             ranked, "migration_mentions_ranked", ["country", "role", "sources", "mentions", "exploitation",
                                                    "first_year", "last_year", "source"])
with right:
    st.subheader(_("Every mention"))
    listed = view_of.mentions_listed(view_of.by_form(mentions, form), country, role)
    mention_rows = view_of.mention_rows(listed)
    st.dataframe(mention_rows, hide_index=True, width="stretch", key="mentions_table", height=380,
                 column_config=column_config(mention_rows.columns, {"cited": _("Source")}))

st.header(_("Figures by country"))
figures, figure_rows = view_of.figures(migration, country)
show_table(figure_rows, key="migration_figures", overrides={"cited": _("Source")})
st.caption(_("Ranges printed as 'from … to …' are two rows, the lower and the upper bound, never an average."))

frame.sources([listed, figures])
