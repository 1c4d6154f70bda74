"""The reader's brief: a list of charts (brief/link.py entries: name, page, filters,
title), kept in the session and in the link as `?charts=`, and the "Add this chart to
the brief" button that fills it (drawn under a chart by ui.display.show).

The link holds no data: the Brief page draws each chart again from its page and
filters (ui.briefs.rebuild). Page navigation drops the query string, so the session
remembers the brief and `sync()` (run by app.py on every page) puts it back in the
address whenever the brief is not empty: a reload on any page keeps it."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl
import streamlit as st

from brief.link import MAX_CHARTS, Entry, decode, encode
from i18n import _, ngettext

SESSION_KEY = "brief"
PARAM = "charts"  # registered in ui/params.py


def collected() -> list[Entry]:
    """The charts of the brief, in the brief's order."""
    return list(st.session_state.get(SESSION_KEY, []))


def keep(entries: list[Entry]) -> None:
    """Make `entries` the brief, in the session and in the address."""
    entries = entries[:MAX_CHARTS]
    st.session_state[SESSION_KEY] = entries
    try:
        if entries:
            st.query_params[PARAM] = encode(entries)
        else:
            st.query_params.pop(PARAM, None)
    except Exception:  # no browser context
        pass


def empty() -> None:
    keep([])


def sync() -> bool:
    """Settle the brief for this run: the link's `?charts=` wins over the session (an
    opened link is that brief); without one, a non-empty brief of the session is written
    back into the address. Returns False when the link's value was not a brief."""
    try:
        values = st.query_params.get_all(PARAM)
    except Exception:
        values = []
    if values:
        entries = decode(values[-1])
        if entries is None:
            st.query_params.pop(PARAM, None)
            return False
        st.session_state[SESSION_KEY] = entries
        return True
    if st.session_state.get(SESSION_KEY):
        keep(collected())
    return True


def add_button(name: str, meta: Mapping[str, Any], data: pl.DataFrame, brief: tuple[str, str | None, str]) -> None:
    """The button that adds a chart, with the filters it was drawn with, to the brief.

    What is kept is the chart's name, its page (the name's first word) and the page's link
    parameters; adding a chart again replaces it (and moves it to the end)."""
    if st.button(_("Add this chart to the brief"), key=f"brief_{name}", icon=":material/slideshow:"):
        try:
            query = {k: st.query_params.get_all(k)[-1] for k in st.query_params}
        except Exception:
            query = {}
        params = {k: v for k, v in query.items() if k not in ("lang", PARAM, "cite")}
        entry = Entry(name, name.split("_", 1)[0], params)
        items = [e for e in collected() if e.name != name]
        keep([*items, entry])
        count = len(collected())
        st.toast(ngettext("Added to the brief ({n} chart). Open the Brief page to download.",
                          "Added to the brief ({n} charts). Open the Brief page to download.", count))
