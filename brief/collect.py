"""The reader's collection of charts for the brief, kept in the session, and the
"Add this chart to the brief" button that fills it (drawn under a chart by ui.display.show)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl
import streamlit as st

from brief.spec import ChartSpec
from i18n import _, current, ngettext

SESSION_KEY = "brief"


def collected() -> list[ChartSpec]:
    """The charts added so far, in the order they were added."""
    return list(st.session_state.get(SESSION_KEY, []))


def empty() -> None:
    st.session_state[SESSION_KEY] = []


def add_button(name: str, meta: Mapping[str, Any], data: pl.DataFrame, brief: tuple[str, str | None, str]) -> None:
    """The button that adds a chart, with the filters it was drawn with, to the brief.

    `meta` is the figure's layout meta (its title and subtitle); `brief` = (category
    column, series column or None, kind). Adding a chart again replaces it."""
    category, series, kind = brief
    if st.button(_("Add this chart to the brief"), key=f"brief_{name}", icon=":material/slideshow:"):
        keep = [c for c in {category, series, "value", "unit", "source", "lines"} if c and c in data.columns]
        spec = ChartSpec(name=name, title=meta.get("title", name), subtitle=meta.get("subtitle", ""),
                         frame=data.select(keep), category=category, series=series, kind=kind,
                         lang=current())
        items = [s for s in collected() if s.name != name]
        st.session_state[SESSION_KEY] = [*items, spec]
        count = len(st.session_state[SESSION_KEY])
        st.toast(ngettext("Added to the brief ({n} chart). Open the Brief page to download.",
                          "Added to the brief ({n} charts). Open the Brief page to download.", count))
