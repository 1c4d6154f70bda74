"""Rapporteur Dashboard: entry point (language, page config, navigation, common frame).

Pages join the navigation only when they show real data. The language is settled
first (link, session, browser), so every page title below is in it.
"""
from __future__ import annotations

import streamlit as st

from i18n import _
from ui import language
from ui.frame import ensure_navigation

ensure_navigation()

lang, unknown_language = language.resolve()

st.set_page_config(
    page_title=_("Rapporteur Dashboard — trafficking in persons, Kyrgyz Republic"),
    page_icon="static/icon.png",
    layout="wide",
    initial_sidebar_state="auto",
)

PAGES = {
    "": [
        st.Page("pages/overview.py", title=_("Overview"), icon=":material/dashboard:", url_path="overview",
                default=True),
    ],
    _("Evidence"): [
        st.Page("pages/victims.py", title=_("Victims"), icon=":material/diversity_3:", url_path="victims"),
        st.Page("pages/justice.py", title=_("Justice"), icon=":material/gavel:", url_path="justice"),
        st.Page("pages/regions.py", title=_("Regions"), icon=":material/map:", url_path="regions"),
        st.Page("pages/migration.py", title=_("Migration"), icon=":material/flight_takeoff:",
                url_path="migration"),
    ],
    _("Action"): [
        st.Page("pages/recommendations.py", title=_("Recommendations"), icon=":material/checklist:",
                url_path="recommendations"),
        st.Page("pages/capacity.py", title=_("Spending and training"), icon=":material/payments:",
                url_path="capacity"),
        st.Page("pages/brief.py", title=_("Brief"), icon=":material/slideshow:", url_path="brief"),
    ],
    _("About the data"): [
        st.Page("pages/sources.py", title=_("Sources"), icon=":material/menu_book:", url_path="sources"),
    ],
}

nav = st.navigation(PAGES)
language.switch(st.sidebar)
st.sidebar.caption(
    _("National Anti-Trafficking Rapporteur of the Kyrgyz Republic. Every figure shows its source document and lines.")
)
if unknown_language:
    st.info(_("The link asked for a language that is not available; showing the page in {language} instead.",
              language=language.LANGUAGES[lang]), icon=":material/translate:")
nav.run()
