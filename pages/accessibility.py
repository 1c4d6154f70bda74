"""Accessibility: what was tested, against which standard, and what is known not to work.
Layout only: plain text, no figures."""
from __future__ import annotations

import streamlit as st

from i18n import _
from ui.frame import PageFrame
from ui.pages import link

frame = PageFrame("accessibility")

st.markdown(_("We aim for the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA, in English, Russian "
              "and Kyrgyz."))

st.subheader(_("What is tested"))
st.markdown("\n".join("- " + line for line in (
    _("Every page is audited automatically in a browser with axe-core against the WCAG 2.0, 2.1 and 2.2 A and AA "
      "rules, on every release, in English, Russian and Kyrgyz. No serious or critical problem is accepted, "
      "except the few inside the dashboard's framework listed below."),
    _("The page language is set to the language you read in, so screen readers use the right voice."),
    _("Colour is never the only code on a chart: each reporter also has its own marker shape and bar pattern, "
      "statuses their own pattern, and panels and bars are named on the chart. The colours stay apart for "
      "colour-blind readers."),
    _("Icon names are hidden from screen readers; only the words beside them are read."),
    _("Every chart has a text alternative made from its figures: what it shows, the highest and the lowest, "
      "and the years not reported. The figures behind every chart are a table under it, downloadable as CSV."),
    _("From any chart point or table row, the passage of the source document that gives the figure opens in "
      "a dialog, as text."),
)))

st.subheader(_("What is known not to work"))
st.markdown("\n".join("- " + line for line in (
    _("The page navigation is not a valid list for screen readers (section names sit inside the list of links)."),
    _("Wide plain tables scroll sideways but cannot be scrolled with the keyboard alone; their figures are in "
      "the CSV download of the same page."),
    _("The small chart previews on the Brief page are not described to screen readers; the title, subtitle and "
      "sources beside each are."),
    _("The maps are drawn on a canvas: screen readers cannot read them. Their figures are in the tables on the "
      "same page."),
    _("On the migration map, each named country carries the shape of its form of exploitation after its name "
      "(◆ ■ ▲ ●, named in the note under the map) besides its colour; a country whose name is left out where "
      "names would overlap shows its form by colour only, and its tooltip and the map's table give it in words."),
    _("Keyboard use and screen readers have not yet been tested by people who rely on them."),
)))

st.subheader(_("Tell us"))
st.markdown(_("If something on this dashboard does not work for you, tell the secretariat of the National "
              "Rapporteur: say which page and what you tried."))
link("sources", _("Where the figures come from"))
frame.sources([])
