"""Each public replica follows the desk database's current release (server.py's lifespan hook).

With several replicas on one PostgreSQL database, a release published at the desk must reach
every replica's folder: each replica calls `desk.release.sync_current(url, folder)` once when it
starts (before it serves its first page) and then about once a minute (RAPPORTEUR_DESK_SYNC_S
seconds, when set). `sync_current` writes only
when the database's current release differs from the folder's, so a minute with no publish costs
one small query.

Without a configured database URL (RAPPORTEUR_DESK_URL, or `[connections.sql] url` in
.streamlit/secrets.toml) nothing runs: the single-machine default is the desk's SQLite file,
whose publish already writes the folder the app reads. This module imports no database driver
until a URL is configured, so the public app stays as light as before. A database that does not
answer is logged and the replica keeps serving the release it has.
"""
from __future__ import annotations

import asyncio
import logging
import os
import tomllib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INTERVAL_S = 60.0  # RAPPORTEUR_DESK_SYNC_S overrides it (the end-to-end test follows within seconds)
log = logging.getLogger(__name__)


def configured_url(secrets: Path | None = None) -> str | None:
    """The desk database the replicas follow, or None when none is configured."""
    if os.environ.get("RAPPORTEUR_DESK_URL"):
        return os.environ["RAPPORTEUR_DESK_URL"]
    secrets = secrets or ROOT / ".streamlit" / "secrets.toml"
    try:
        with secrets.open("rb") as fh:
            found = tomllib.load(fh).get("connections", {}).get("sql", {}).get("url")
    except (OSError, tomllib.TOMLDecodeError):
        return None
    return str(found) if found else None


def sync_once(url: str, folder: str | Path | None = None) -> int | None:
    """Bring the folder to the database's current release; its number, or None when the
    database could not be read (the folder is left as it was)."""
    from desk.release import sync_current

    try:
        return sync_current(url, folder)
    except Exception:  # noqa: BLE001  a replica keeps serving what it has; the next round tries again
        log.warning("could not follow the desk's current release", exc_info=True)
        return None


async def follow(url: str, folder: str | Path | None = None, interval: float = INTERVAL_S,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep, rounds: int | None = None) -> None:
    """Every `interval` seconds, sync the folder (in a worker thread: the event loop keeps serving).
    `rounds` bounds the loop (tests); None runs until cancelled."""
    done = 0
    while rounds is None or done < rounds:
        await sleep(interval)
        await asyncio.to_thread(sync_once, url, folder)
        done += 1


@asynccontextmanager
async def following(url: str | None, folder: str | Path | None = None, interval: float = INTERVAL_S,
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
    """st.App's lifespan hook (server.py): follow the configured desk database, if any."""
    interval = float(os.environ.get("RAPPORTEUR_DESK_SYNC_S") or INTERVAL_S)
    async with following(configured_url(), interval=max(interval, 1.0)):
        yield
