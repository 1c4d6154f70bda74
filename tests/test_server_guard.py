"""server.py's middleware: unit tests of its rules (the live server is in test_no_dial_out)."""
from __future__ import annotations

import asyncio

import pytest

from server import Guard, page_of_deep_path, same_origin


@pytest.mark.parametrize("origin,host,expected", [
    (None, "localhost:8501", True),
    ("http://localhost:8501", "localhost:8501", True),
    ("https://Rapporteur.example", "rapporteur.example", True),
    ("http://attacker.example", "localhost:8501", False),
    ("http://localhost:8502", "localhost:8501", False),
    ("null", "localhost:8501", False),
    ("http://attacker.example", None, False),
])
def test_same_origin(origin, host, expected) -> None:
    assert same_origin(origin, host) is expected


@pytest.mark.parametrize("path,expected", [
    ("/justice/a/b", "/justice"),
    ("/justice/", None),
    ("/justice", None),
    ("/", None),
    ("/justice/_stcore/health", None),   # Streamlit probes its base address below the page
    ("/_stcore/stream", None),
    ("/static/js/main.js", None),
    ("/app/static/icon.png", None),
    ("/media/abc.png", None),
])
def test_deep_paths(path, expected) -> None:
    assert page_of_deep_path(path) == expected


def _call(scope: dict) -> tuple[list[dict], bool]:
    sent: list[dict] = []
    reached = []

    async def inner(scope, receive, send):
        reached.append(True)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
        await send({"type": "http.response.body", "body": b"ok"})

    async def receive():
        return {"type": "http.request"}

    async def send(message):
        sent.append(message)

    asyncio.run(Guard(inner)(scope, receive, send))
    return sent, bool(reached)


def _headers(message: dict) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in message["headers"]}


def test_pages_carry_the_security_headers() -> None:
    sent, reached = _call({"type": "http", "path": "/justice", "method": "GET", "headers": []})
    assert reached
    headers = _headers(sent[0])
    assert headers["x-frame-options"] == "DENY"
    assert headers["content-security-policy"] == "frame-ancestors 'none'"
    assert headers["content-type"] == "text/html"


@pytest.mark.parametrize("path,method", [("/_stcore/upload_file/abc/def", "PUT"), ("/_stcore/metrics", "GET")])
def test_upload_and_metrics_are_closed(path: str, method: str) -> None:
    sent, reached = _call({"type": "http", "path": path, "method": method, "headers": []})
    assert not reached
    assert sent[0]["status"] == 404


def test_deep_path_redirects_to_its_page_with_the_query() -> None:
    sent, reached = _call({"type": "http", "path": "/justice/a/b", "method": "GET", "headers": [],
                           "query_string": b"year=2019&lang=ru"})
    assert not reached
    assert sent[0]["status"] == 308
    assert _headers(sent[0])["location"] == "/justice?year=2019&lang=ru"


def test_foreign_websocket_is_refused_before_streamlit() -> None:
    sent, reached = _call({"type": "websocket", "path": "/_stcore/stream",
                           "headers": [(b"host", b"localhost:8501"), (b"origin", b"http://attacker.example")]})
    assert not reached
    assert sent == [{"type": "websocket.close", "code": 1008}]
