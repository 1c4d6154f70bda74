"""A live Streamlit server and headless Debian Chromium for the browser tests and the benchmarks.

The server runs on a free local port; the browser is Debian's /usr/bin/chromium
driven by Playwright (no browser download). Every request the page makes is
recorded so tests can prove nothing leaves localhost.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from ui import pages as registry

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
# The pages (ids, from the page registry) that show a chart, table or map as soon as they
# open: the browser tests and the benchmarks wait for it (FIRST_CONTENT).
PAGES = [p.id for p in registry.PAGES if p.opens_with_figures]


def path_of(name: str) -> str:
    """A page's address: the default page (Overview) lives at the root; Streamlit answers
    its url_path (/overview) with a 'Page not found' notice."""
    return "" if name == registry.DEFAULT.id else name


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(env: dict[str, str] | None = None, script: str = "server.py",
                     address: str | None = "127.0.0.1", args: tuple[str, ...] = ()):
    """Start `streamlit run <script>` on a free port; yield the process with `.url`; stop it.

    `address=None` starts it as `make run` does, with no address pinned (it then listens on
    every interface and is reached through localhost); `args` are further Streamlit options."""
    port = free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / script), "--server.port", str(port),
           *(["--server.address", address] if address else []), "--server.headless", "true", *args]
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://{address or 'localhost'}:{port}"
    proc.port = port  # type: ignore[attr-defined]
    try:
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not start within 60 s")
        proc.url = url  # type: ignore[attr-defined]
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def outside_requests(urls: list[str]) -> list[str]:
    """The URLs that would leave this machine (data:, blob: and about: stay inside)."""
    out = []
    for url in urls:
        parsed = urlparse(url)
        if parsed.scheme in {"data", "blob", "about", "chrome-extension"}:
            continue
        if parsed.hostname not in LOCAL_HOSTS:
            out.append(url)
    return out


# A phone's user agent ("Mobile": ui/device.py draws the phone's layout for it).
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/126.0 Mobile Safari/537.36")
FIRST_CONTENT = ".js-plotly-plot .main-svg, [data-testid='stDataFrame'], [data-testid='stTable']"


def full_screenshot(page, path: str) -> None:
    """Streamlit scrolls inside its main block, so grow the viewport to the content first."""
    height = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"], section, body')]"
        ".map(e => e.scrollHeight))"
    )
    width = page.viewport_size["width"] if page.viewport_size else 1280
    page.set_viewport_size({"width": width, "height": min(int(height) + 40, 12000)})
    page.wait_for_timeout(400)
    page.screenshot(path=path, full_page=True)
