"""Whether the reader is on a phone: the one place the app asks.

The server never learns the screen's width, but every browser names itself in the
User-Agent header of the page's first request, and phone browsers (Android, iPhone)
put "Mobi" in it ("Mobile Safari", "Mobile"); tablets and desktops do not. Used where
a phone needs something a mouse does not: what a hover would say, shown without one
(the figures under a chart open by default). Layout that can follow the width itself
(filters folded into one button, wrapped labels) does so on every screen instead."""
from __future__ import annotations

import streamlit as st


def on_phone() -> bool:
    """True when the browser says it is a phone; False when unsure (AppTest, no header)."""
    try:
        agent = st.context.headers.get("User-Agent") or ""
    except Exception:  # no browser session (tests, bare mode)
        return False
    return "Mobi" in agent
