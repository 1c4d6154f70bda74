"""Shared fixtures: the project root on sys.path; the live app server and browser of the browser stage."""
from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


# Randomised tests draw a fresh seed each run and say which: the pytest header prints it,
# and HYPOTHESIS_SEED=<n> replays that run exactly.
SEED = int(os.environ.get("HYPOTHESIS_SEED") or random.SystemRandom().randrange(2**32))


def pytest_report_header(config) -> str:
    return f"hypothesis seed: {SEED} (set HYPOTHESIS_SEED={SEED} to replay this run)"


# --- the live-server stage (`pytest -m browser`) -----------------------------------------
# One app server for the whole stage and a headless Chromium per test module, started
# only when a test asks for them (never in the first stage). The server's process logs
# any connection it tries to make to the outside (tests/netguard), for
# tests/test_browser.py to check.

@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items) -> None:
    """A test that asks for the live server or the browser belongs to the browser stage,
    marked or not (before `-m` selects the stage)."""
    for item in items:
        if {"server", "browser"} & set(getattr(item, "fixturenames", ())) and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def socket_log(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("net") / "outgoing.log"


@pytest.fixture(scope="session")
def server(socket_log: Path):
    """The app served on a free local port (its address); its process records any outgoing connection."""
    from tests.browser import streamlit_server

    guard = Path(__file__).resolve().parent / "netguard"
    env = {"PYTHONPATH": os.pathsep.join([str(guard), os.environ.get("PYTHONPATH", "")]),
           "RAPPORTEUR_SOCKET_LOG": str(socket_log)}
    with streamlit_server(env=env) as proc:
        yield proc.url


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright, for one test module: Playwright's sync
    API keeps an event loop running in this thread, where `asyncio.run` (the protocol
    client, websockets) then refuses to start, so the browser ends with its module."""
    from playwright.sync_api import sync_playwright

    from tests.browser import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
