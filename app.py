"""Rapporteur Dashboard: entry point (page config, navigation, common frame).

Pages join the navigation only when they show real data.
"""
from __future__ import annotations

import streamlit as st

from ui.frame import ensure_navigation

ensure_navigation()

st.set_page_config(
    page_title="Rapporteur Dashboard — trafficking in persons, Kyrgyz Republic",
    page_icon="static/icon.png",
    layout="wide",
    initial_sidebar_state="auto",
)

PAGES = {
    "": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview",
                default=True),
    ],
    "Evidence": [
        st.Page("pages/victims.py", title="Victims", icon=":material/diversity_3:", url_path="victims"),
        st.Page("pages/justice.py", title="Justice", icon=":material/gavel:", url_path="justice"),
        st.Page("pages/regions.py", title="Regions", icon=":material/map:", url_path="regions"),
        st.Page("pages/migration.py", title="Migration", icon=":material/flight_takeoff:", url_path="migration"),
    ],
    "Action": [
        st.Page("pages/recommendations.py", title="Recommendations", icon=":material/checklist:",
                url_path="recommendations"),
        st.Page("pages/brief.py", title="Brief", icon=":material/slideshow:", url_path="brief"),
    ],
    "About the data": [
        st.Page("pages/sources.py", title="Sources", icon=":material/menu_book:", url_path="sources"),
    ],
}

nav = st.navigation(PAGES)
st.sidebar.caption(
    "National Anti-Trafficking Rapporteur of the Kyrgyz Republic. Every figure shows its "
    "source document and lines."
)
nav.run()
