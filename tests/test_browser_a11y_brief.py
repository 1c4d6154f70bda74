"""Browser tests of the brief in the link (issue 12): charts added on a page survive a
reload and open the same brief in a fresh browser context from its link. Part of the
browser stage (`pytest -m browser`)."""
from __future__ import annotations

import pytest

from tests.browser import FIRST_CONTENT, outside_requests

pytestmark = pytest.mark.browser


def _open(browser, url: str, locale: str = "en-US", ready: str = FIRST_CONTENT):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=locale)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(url)
    page.wait_for_selector(ready, timeout=60_000)
    page.wait_for_timeout(500)
    return context, page, requests


BRIEF_READY = ".st-key-brief_download"  # the Brief page draws it after every chart


def _add(page, key: str) -> None:
    button = page.locator(f".st-key-brief_{key} button")
    button.scroll_into_view_if_needed()
    button.click()
    page.wait_for_function("k => location.search.includes('charts=') && atob(new URLSearchParams("
                           "location.search).get('charts').replace(/-/g, '+').replace(/_/g, '/')).includes(k)",
                           arg=key, timeout=30_000)


def _brief_titles(page) -> list[str]:
    page.locator(BRIEF_READY).wait_for(timeout=60_000)  # drawn after every chart of the brief
    page.wait_for_timeout(1000)
    boxes = page.locator("[class*='st-key-brief_title_'] input")
    return [boxes.nth(i).input_value() for i in range(boxes.count())]


def test_brief_survives_a_reload_and_opens_from_its_link(server: str, browser) -> None:
    context, page, requests = _open(browser, f"{server}/justice?year=2018")
    try:
        _add(page, "justice_funnel_2018")
        page.get_by_text("Across the years", exact=True).click()
        page.locator(".st-key-brief_justice_stages_by_year button").wait_for(timeout=60_000)
        _add(page, "justice_stages_by_year")
        page.reload()  # the brief is in this page's address: a reload keeps it
        page.wait_for_selector(FIRST_CONTENT, timeout=60_000)
        page.locator("[data-testid='stSidebarNav'] a", has_text="Brief").click()
        expected = ["Trafficking cases through the justice system, 2018", "Each stage across the years, by reporter"]
        assert _brief_titles(page) == expected
        page.reload()
        assert _brief_titles(page) == expected
        link = page.url
        assert "/brief?" in link and "charts=" in link
        assert page.locator("[data-testid='stException']").count() == 0
        assert outside_requests(requests) == []
    finally:
        context.close()
    fresh, page, requests = _open(browser, link, ready=BRIEF_READY)  # a donor opening the link: no session, no cookies
    try:
        assert _brief_titles(page) == expected
        assert page.get_by_text("chart slides, PowerPoint").count() == 1
        assert outside_requests(requests) == []
    finally:
        fresh.close()


def test_a_click_on_a_chart_point_opens_its_source_passage(server: str, browser) -> None:
    context, page, requests = _open(browser, f"{server}/justice?year=2018")
    try:
        points = page.locator(".st-key-chart_justice_funnel_2018 .js-plotly-plot g.point path")
        assert points.count() > 1
        points.nth(1).click(force=True)
        dialog = page.locator("[role='dialog']")
        dialog.wait_for(timeout=30_000)
        dialog.get_by_text("Where the source says it").wait_for(timeout=30_000)
        text = dialog.inner_text()
        assert "9 cases · Cases initiated · 2018" in text
        assert "Report on monitoring and evaluation of implementation of the Law of the Kyrgyz Republic" in text
        assert "lines 200-202" in text
        bold = dialog.locator("strong").all_inner_texts()
        assert "9" in bold  # the number, highlighted in the cited line
        assert page.locator("[data-testid='stException']").count() == 0
        assert outside_requests(requests) == []
    finally:
        context.close()
