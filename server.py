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

**Following the data desk.** With several replicas on one PostgreSQL database, a release
published at the desk must reach every replica's folder. When a desk database is configured
(RAPPORTEUR_DESK_URL or `[connections.sql] url` in secrets.toml) the lifespan hook runs
`python -m desk sync` (desk.release.sync_current) before the first page is served and then about
once a minute (RAPPORTEUR_DESK_SYNC_S seconds, when set). It runs as a child process: the public
app never loads the desk or a database driver, and a database that does not answer only logs a
warning (the replica keeps serving the release it has). With no database configured (one
machine: the desk's publish writes the folder itself) nothing runs.
"""
from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import tomllib
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager, suppress
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import streamlit as st
from starlette.middleware import Middleware

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


# --- following the desk's current release (replicas) ---------------------------------------------

ROOT = Path(__file__).resolve().parent
SYNC_INTERVAL_S = 60.0
log = logging.getLogger("rapporteur.replica")


def desk_url(secrets: Path | None = None) -> str | None:
    """The desk database this replica follows, or None when none is configured."""
    if os.environ.get("RAPPORTEUR_DESK_URL"):
        return os.environ["RAPPORTEUR_DESK_URL"]
    try:
        with (secrets or ROOT / ".streamlit" / "secrets.toml").open("rb") as fh:
            found = tomllib.load(fh).get("connections", {}).get("sql", {}).get("url")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return str(found) if found else None


def sync_once(url: str, folder: str | Path | None = None, timeout: float = 120) -> int | None:
    """`python -m desk sync` for this replica's folder: the release number it now holds, or None
    when the database could not be read (the folder is left as it was)."""
    cmd = [sys.executable, "-m", "desk", "sync", *(["--folder", str(folder)] if folder else [])]
    try:
        out = subprocess.run(cmd, cwd=ROOT, env={**os.environ, "RAPPORTEUR_DESK_URL": url}, capture_output=True,
                             text=True, timeout=timeout, check=True)
        return int(out.stdout.strip().splitlines()[-1])
    except (subprocess.SubprocessError, OSError, ValueError, IndexError) as exc:
        log.warning("could not follow the desk's current release: %s", getattr(exc, "stderr", "") or exc)
        return None


async def follow(url: str, folder: str | Path | None = None, interval: float = SYNC_INTERVAL_S,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep, rounds: int | None = None) -> None:
    """Every `interval` seconds, sync the folder (in a worker thread: the event loop keeps serving);
    `rounds` bounds the loop (tests), None runs until cancelled."""
    done = 0
    while rounds is None or done < rounds:
        await sleep(interval)
        await asyncio.to_thread(sync_once, url, folder)
        done += 1


@asynccontextmanager
async def following(url: str | None, folder: str | Path | None = None, interval: float = SYNC_INTERVAL_S,
                    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> AsyncIterator[None]:
    """Sync once, then keep following in the background until the context ends (no URL: nothing)."""
    if not url:
        yield
        return
    await asyncio.to_thread(sync_once, url, folder)
    task = asyncio.create_task(follow(url, folder, interval, sleep))
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


@asynccontextmanager
async def lifespan(_app) -> AsyncIterator[None]:
    """st.App's lifespan hook: follow the configured desk database, if any."""
    interval = max(float(os.environ.get("RAPPORTEUR_DESK_SYNC_S") or SYNC_INTERVAL_S), 1.0)
    async with following(desk_url(), interval=interval):
        yield


app = st.App("app.py", middleware=[Middleware(Guard)], lifespan=lifespan)

if __name__ == "__main__":
    app.run()
