"""Browser tests: every page renders its first chart or table in headless
Chromium, shows no error, and makes no request that leaves localhost."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import FIRST_CONTENT, PAGES, full_screenshot, launch, outside_requests, streamlit_server

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


GUARD = Path(__file__).resolve().parent / "netguard"


@pytest.fixture(scope="module")
def socket_log(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("net") / "outgoing.log"


@pytest.fixture(scope="module")
def server(socket_log: Path):
    """The app served on a free local port; its process records any outgoing connection."""
    import os

    env = {"PYTHONPATH": os.pathsep.join([str(GUARD), os.environ.get("PYTHONPATH", "")]),
           "RAPPORTEUR_SOCKET_LOG": str(socket_log)}
    with streamlit_server(env=env) as proc:
        yield proc.url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def open_page(browser, url: str, width: int = 1280):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(url)
    page.wait_for_selector(FIRST_CONTENT, timeout=60_000)
    page.wait_for_timeout(500)
    return context, page, requests


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_first_content_locally(server: str, browser, name: str) -> None:
    context, page, requests = open_page(browser, f"{server}/{name}")
    try:
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.locator("h1").first.inner_text().strip().lower() == name
        ARTIFACTS.mkdir(exist_ok=True)
        full_screenshot(page, str(ARTIFACTS / f"{name}.png"))
        assert requests, "the page made no request at all"
        assert outside_requests(requests) == []
    finally:
        context.close()


def test_justice_link_reproduces_the_view(server: str, browser) -> None:
    context, page, requests = open_page(browser, f"{server}/justice?year=2019&compare=2017")
    try:
        assert page.get_by_role("heading", name="The funnel in 2019").count() == 1
        assert "year=2019" in page.url and "compare=2017" in page.url
        assert outside_requests(requests) == []
    finally:
        context.close()


def test_bad_link_shows_notice_not_traceback(server: str, browser) -> None:
    context, page, _ = open_page(browser, f"{server}/justice?year=abc&reporter=%3Cscript%3E")
    try:
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.get_by_text("not available here").count() >= 1
    finally:
        context.close()


def test_phone_width_renders(server: str, browser) -> None:
    context, page, requests = open_page(browser, f"{server}/justice", width=390)
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "justice_phone.png"), full_page=False)
        assert outside_requests(requests) == []
    finally:
        context.close()


def test_server_made_no_outgoing_connection(server: str, browser, socket_log: Path) -> None:
    """Runs after the page tests in this module: the server side never dialled out."""
    context, _, _ = open_page(browser, f"{server}/migration")
    context.close()
    attempts = socket_log.read_text(encoding="utf-8") if socket_log.exists() else ""
    assert attempts == "", f"the server tried to connect to: {attempts}"


def _share_link(page) -> str:
    code = page.locator("[data-testid='stSidebar'] [data-testid='stCode'] code").first
    code.wait_for(timeout=30_000)
    return code.inner_text().strip()


def test_copied_link_reproduces_the_view(server: str, browser) -> None:
    context, page, _ = open_page(browser, f"{server}/justice?year=2019")
    try:
        page.get_by_text("By article", exact=True).click()
        page.get_by_role("heading", name="By Criminal Code article").wait_for(timeout=30_000)
        page.wait_for_timeout(1000)
        link = _share_link(page)
    finally:
        context.close()
    assert link.startswith(server + "/justice?"), link
    assert "year=2019" in link and "view=By+article" in link
    context, page, requests = open_page(browser, link)
    try:
        page.get_by_role("heading", name="By Criminal Code article").wait_for(timeout=30_000)
        assert outside_requests(requests) == []
    finally:
        context.close()
