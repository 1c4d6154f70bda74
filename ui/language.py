"""The reader's language: from the link (`?lang=ru`), else the choice made earlier in
this session, else the browser's preferred language, else English.

A link copied with "Copy link to this view" always names its language; the
address bar names it whenever the reader chose one other than their browser's.
Page navigation may drop the query string; the session remembers the choice and
puts it back.
"""
from __future__ import annotations

import streamlit as st

from i18n import DEFAULT, LANGUAGES, set_language, supported
from ui.params import LANGUAGE, PARAMS

PARAM = next(p.name for p in PARAMS.values() if p.kind == LANGUAGE)  # `lang`, registered in ui/params.py
_SESSION = "_lang"
_WIDGET = "_lang_switch"
# The switch is labelled in all three languages, so a reader who does not read the
# current one can still find it.
SWITCH_LABEL = "Тил · Язык · Language"


def _from_url() -> tuple[str | None, bool]:
    """(language asked for by the link, whether the link asked for one we do not have)."""
    try:
        values = st.query_params.get_all(PARAM)
    except Exception:  # an unreadable query string must never take the page down
        return None, False
    if not values:
        return None, False
    raw = values[-1]
    return (raw, False) if raw in LANGUAGES else (None, raw != "")


def _from_browser() -> str | None:
    try:
        return supported(st.context.locale)
    except Exception:  # no browser (tests) or an old client
        return None


def resolve() -> tuple[str, bool]:
    """Set and return the language of this run, and whether the link asked for an unknown one.

    The URL is written only when it must change: to drop an unknown value, or to put
    back a language the reader chose that differs from their browser's (page
    navigation drops the query string). Writing it on every first visit made the
    browser run the page a second time. The share link always names the language.
    """
    url_lang, invalid = _from_url()
    browser = _from_browser() or DEFAULT
    lang = set_language(url_lang or st.session_state.get(_SESSION) or browser)
    st.session_state[_SESSION] = lang
    try:
        if invalid:
            del st.query_params[PARAM]
        if url_lang is None and lang != browser:
            st.query_params[PARAM] = lang
    except Exception:
        pass
    return lang, invalid


def _switched() -> None:
    lang = st.session_state.get(_WIDGET) or DEFAULT
    st.session_state[_SESSION] = lang
    st.query_params[PARAM] = lang


def switch(container=st.sidebar) -> None:
    """The language switch (English, Русский, Кыргызча), kept in the URL as `?lang=`."""
    st.session_state[_WIDGET] = st.session_state.get(_SESSION, DEFAULT)
    container.selectbox(SWITCH_LABEL, list(LANGUAGES), key=_WIDGET, format_func=LANGUAGES.get,
                        on_change=_switched)
