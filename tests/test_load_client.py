"""The load benchmark's protocol client (bench/stclient.py) still speaks Streamlit's
protocol: against a live server with the project's config (XSRF and CORS protection
on), one session opens the root URL, visits a page, gets its first chart or table,
and changes one filter. Keeps `make load` from going silently wrong."""
from __future__ import annotations

import asyncio

from bench.stclient import CHART_ELEMENTS, ProtocolSession
from tests.browser import streamlit_server


async def _one_session(url: str):
    async with ProtocolSession(url, timeout_s=60) as session:
        opened = await session.open("overview")
        justice = await session.visit("justice")
        changed = await session.change_filter(justice, "view", 1, value="trends")
        return session, opened, justice, changed


def test_protocol_client_opens_a_session_and_gets_a_first_chart() -> None:
    with streamlit_server() as app:
        session, opened, justice, changed = asyncio.run(_one_session(app.url))

    assert session.session_id, "no new_session message: the websocket handshake changed"
    for run in (opened, justice, changed):
        assert run.error is None, run.error
        assert run.first_chart_s is not None and run.finished_s is not None
        assert run.first_chart_s <= run.finished_s
        assert CHART_ELEMENTS & run.elements.keys()
        assert "exception" not in run.elements
    assert opened.landed_on == "", "the root URL should run the default page"
    assert justice.landed_on == "justice"
    assert justice.headings and changed.headings != justice.headings
    assert changed.query_string.startswith("view=") or "&view=" in changed.query_string
