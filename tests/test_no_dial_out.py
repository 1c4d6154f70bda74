"""The server never dials out, started exactly as `make run` starts it.

Streamlit looks up this machine's addresses (a UDP socket towards 8.8.8.8, an
HTTP request to checkip.amazonaws.com) at start and on every websocket
handshake from a foreign Origin. `server.py` and `.streamlit/config.toml` switch
that off; the socket guard (tests/netguard) records every outside connect and
every name lookup of the server process. A control run of the bare app shows
the guard would see the lookup.
"""
from __future__ import annotations

import asyncio
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
import websockets

from tests.browser import streamlit_server

GUARD = Path(__file__).resolve().parent / "netguard"
# live servers of their own (started as `make run` starts them): the live-server stage
pytestmark = pytest.mark.browser


@contextmanager
def server(script: str, log: Path):
    """`streamlit run <script>` as the Makefile does (no address pinned), under the socket guard."""
    env = {"PYTHONPATH": str(GUARD), "RAPPORTEUR_SOCKET_LOG": str(log)}
    with streamlit_server(env=env, script=script, address=None) as proc:
        yield proc.port


async def _handshake(port: int, origin: str) -> str:
    """Open Streamlit's websocket with the given Origin; 'accepted' or the refusal."""
    try:
        async with websockets.connect(f"ws://localhost:{port}/_stcore/stream", origin=origin,
                                      subprotocols=["streamlit"], open_timeout=10):
            return "accepted"
    except websockets.exceptions.InvalidStatus as exc:
        return f"refused {exc.response.status_code}"
    except (OSError, websockets.exceptions.WebSocketException) as exc:
        return f"failed {type(exc).__name__}"


def _foreign_handshakes(port: int, n: int = 5) -> list[str]:
    async def run() -> list[str]:
        return [await _handshake(port, f"http://attacker-{i}.example") for i in range(n)]
    return asyncio.run(run())


def test_served_app_never_dials_out(tmp_path: Path) -> None:
    log = tmp_path / "sockets.log"
    with server("server.py", log) as port:
        with urllib.request.urlopen(f"http://localhost:{port}/justice", timeout=10) as page:
            assert page.status == 200
        results = _foreign_handshakes(port)
        time.sleep(1.5)  # a lookup would run on the server's event loop after the handshake
    assert all(r.startswith("refused 403") for r in results), results
    attempts = log.read_text() if log.exists() else ""
    assert attempts == "", f"the server tried to reach outside:\n{attempts}"


def test_guard_sees_the_bare_app_look_up_its_address(tmp_path: Path) -> None:
    """Control: without server.py's rule, a foreign-Origin handshake makes Streamlit look up
    this machine's addresses, and the guard records it. (If Streamlit stops doing that,
    this test fails and the rule in server.py can be reviewed.)"""
    log = tmp_path / "sockets.log"
    with server("app.py", log) as port:
        _foreign_handshakes(port, n=1)
        time.sleep(1.5)
    attempts = log.read_text() if log.exists() else ""
    assert "8.8.8.8" in attempts or "checkip.amazonaws.com" in attempts, attempts
