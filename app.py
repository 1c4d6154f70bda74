"""Rapporteur Dashboard: entry point (language, page config, navigation, common frame).

The pages, their titles and sections come from the page registry (ui/pages.py). The
language is settled first (link, session, browser), so every page title is in it.
"""
from __future__ import annotations

import streamlit as st

from brief import collect
from i18n import _
from ui import language, page_lang, pages, touch
from ui.frame import ensure_navigation

ensure_navigation()

lang, unknown_language = language.resolve()
brief_link_ok = collect.sync()  # the brief of the link (?charts=), else the session's, back in the address

st.set_page_config(
    page_title=_("Rapporteur Dashboard — trafficking in persons, Kyrgyz Republic"),
    page_icon="static/icon.png",
    layout="wide",
    initial_sidebar_state="auto",
)

page_lang.follow(lang)  # <html lang> for screen readers (Streamlit has no API for it)
touch.install()  # a tap on a chart selects, as a click does (Plotly selects on clicks only)
nav = st.navigation(pages.navigation())
language.switch(st.sidebar)
# Markdown, not a caption: a caption's grey on the sidebar's background is below 4.5:1 contrast (axe audit).
st.sidebar.markdown(
    _("National Anti-Trafficking Rapporteur of the Kyrgyz Republic. Every figure shows its source document and lines.")
)
if unknown_language:
    st.info(_("The link asked for a language that is not available; showing the page in {language} instead.",
              language=language.LANGUAGES[lang]), icon=":material/translate:")
if not brief_link_ok:
    st.info(_("The link asked for something that is not available here; showing the default view instead."),
            icon=":material/info:")
nav.run()
