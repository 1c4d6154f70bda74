"""The load benchmark's protocol client (bench/stclient.py) still speaks Streamlit's
protocol: against a live server with the project's config (XSRF and CORS protection
on), one session opens the root URL, visits a page, gets its first chart or table,
and changes one filter. Keeps `make load` from going silently wrong.

It needs a live server, so it runs in the browser stage, on that stage's shared server
(the `server` fixture in tests/conftest.py)."""
from __future__ import annotations

import asyncio

import pytest

from bench.stclient import CHART_ELEMENTS, ProtocolSession

pytestmark = pytest.mark.browser


async def _one_session(url: str):
    async with ProtocolSession(url, timeout_s=60) as session:
        opened = await session.open("overview")
        justice = await session.visit("justice")
        changed = await session.change_filter(justice, "view", 1, value="trends")
        return session, opened, justice, changed


def test_protocol_client_opens_a_session_and_gets_a_first_chart(server: str) -> None:
    session, opened, justice, changed = asyncio.run(_one_session(server))

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
