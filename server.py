"""How the dashboard is served: `streamlit run server.py` (what `make run` starts).

`app.py` is the app; this file wraps it in Streamlit's own ASGI entry point
(`st.App`) so that a small middleware sees every request before Streamlit does:

- **No outgoing traffic.** Streamlit judges a websocket handshake whose `Origin`
  is not the page's own host by looking up this machine's addresses (a UDP
  socket towards 8.8.8.8 and an HTTP request to checkip.amazonaws.com), on the
  event loop, for every such handshake. The dashboard runs with no internet, and
  a slow resolver let five hostile handshakes stall every reader. A foreign
  Origin is refused here, so that lookup never runs. (The start-up banner's
  lookup is switched off by `browser.serverAddress` in `.streamlit/config.toml`.)
- **No write path.** The app has no file uploader, so Streamlit's upload
  endpoint is closed; its metrics endpoint is not public.
- **Not framed by other sites**, and a mistyped deeper path (`/justice/a/b`)
  leads to its page instead of a blank one.

Behind nginx (`deploy/`) the proxy repeats these rules; this file keeps them
when the app is run on its own.

**Following the data desk.** When a desk database is configured (RAPPORTEUR_DESK_URL or
`[connections.sql] url` in secrets.toml: several replicas on one PostgreSQL), the lifespan hook
brings this replica's release folder to the database's current release at start and about once a
minute (`desk/replica.py`); with none configured it does nothing.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

import streamlit as st
from starlette.middleware import Middleware

from desk.replica import lifespan

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Response headers on every page and file.
SECURITY_HEADERS: dict[str, str] = {
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
CLOSED_PREFIXES = ("/_stcore/upload_file", "/_stcore/metrics")
# Path segments of Streamlit's own routes; any other path of more than one segment
# is a mistyped page address.
STREAMLIT_PREFIXES = {"_stcore", "static", "media", "app", "component", "~", "favicon.png", "auth", "oauth2callback"}


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or []:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def same_origin(origin: str | None, host: str | None) -> bool:
    """True when a handshake's Origin names the host it was sent to (or names none:
    non-browser clients send no Origin, and Streamlit allows that)."""
    if origin is None:
        return True
    return bool(host) and urlsplit(origin).netloc.lower() == host.lower()


def page_of_deep_path(path: str) -> str | None:
    """'/justice/a/b' -> '/justice'; None for a one-segment path or one Streamlit serves.

    Streamlit's page code probes its own routes below the page's path as well
    (`/justice/_stcore/health`, to find the app's base address): those must keep
    their plain 'not found', so a path naming any of Streamlit's folders is left alone."""
    parts = [p for p in path.split("/") if p]
    if len(parts) < 2 or STREAMLIT_PREFIXES.intersection(parts):
        return None
    return "/" + parts[0]


class Guard:
    """The ASGI middleware described in the module docstring."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope.get("type")
        path = scope.get("path", "")
        if kind == "websocket" and not same_origin(_header(scope, b"origin"), _header(scope, b"host")):
            await send({"type": "websocket.close", "code": 1008})  # before accept: the client sees 403
            return
        if kind != "http":
            await self.app(scope, receive, send)
            return
        if path.startswith(CLOSED_PREFIXES):
            await _respond(send, 404, b"Not found")
            return
        target = page_of_deep_path(path)
        if target is not None:
            query = scope.get("query_string", b"")
            location = target + ("?" + query.decode("latin-1") if query else "")
            await _respond(send, 308, b"", {"Location": location})
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _v in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *[
                    (k.lower().encode("latin-1"), v.encode("latin-1"))
                    for k, v in SECURITY_HEADERS.items() if k.lower().encode("latin-1") not in present
                ]]
            await send(message)

        await self.app(scope, receive, with_headers)


async def _respond(send: Send, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
    raw = [(k.lower().encode("latin-1"), v.encode("latin-1"))
           for k, v in {**SECURITY_HEADERS, **(headers or {}), "Content-Type": "text/plain; charset=utf-8",
                        "Content-Length": str(len(body))}.items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


app = st.App("app.py", middleware=[Middleware(Guard)], lifespan=lifespan)

if __name__ == "__main__":
    app.run()
