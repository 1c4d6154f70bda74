"""`<html lang>` follows the interface language, so screen readers read the page in the
right voice (ru, ky, en). Streamlit serves its page with `<html lang="en">` and has no API
to change it; the least hacky supported means is a components-v2 component (public API,
no iframe): a constant three-line script, given only the language id (one of
i18n.LANGUAGES, never text from a reader or a link), sets the attribute. It is the only
component of the app (tests/test_code_scan.py allows `components.v2` in this file alone).
"""
from __future__ import annotations

import streamlit as st

from i18n import LANGUAGES

# Constant code; the data it receives is checked against LANGUAGES before it is sent.
_JS = """export default function ({ data }) {
  if (data && /^[a-z]{2}$/.test(data.lang)) { document.documentElement.lang = data.lang; }
}"""
_component = st.components.v2.component("rapporteur.page_lang", js=_JS)


def follow(lang: str) -> None:
    """Set `<html lang>` to `lang` (an interface language id) on this run."""
    if lang in LANGUAGES:
        _component(data={"lang": lang}, key="page_lang")
