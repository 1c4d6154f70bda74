"""The Regions and Migration maps in headless Chromium (one server for this module): a click
on a region's polygon selects it (profile and link follow), and both maps are whole on the
first screen, without horizontal overflow, at 390 x 844 and 1280 x 900 in every language."""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.browser import FIRST_CONTENT, outside_requests, streamlit_server
from ui.maps import KGZ_VIEW

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DECK = "[data-testid='stDeckGlJsonChart']"


@pytest.fixture(scope="module")
def maps_server():
    with streamlit_server() as proc:
        yield proc.url


def _open(browser, url: str, width: int, height: int, settle_ms: int = 3000):
    """A new context at this size on `url`, once the map's canvas is there and has had
    `settle_ms` to draw its layers (a click needs them; a layout check needs only the box)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(url)
    page.wait_for_selector(FIRST_CONTENT, timeout=60_000)
    page.locator(f"{DECK} canvas").first.wait_for(timeout=30_000)
    page.wait_for_timeout(settle_ms)
    return context, page, requests


def _pixel(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    size = 512 * 2 ** zoom
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * size
    return (lon + 180) / 360 * size, y


def test_a_click_on_a_region_selects_it(maps_server: str, browser) -> None:
    context, page, requests = _open(browser, f"{maps_server}/regions", 1280, 900)
    try:
        box = page.locator(DECK).first.bounding_box()
        assert box
        # Naryn: a point inside its polygon, away from its label and from other regions
        cx, cy = _pixel(KGZ_VIEW.longitude, KGZ_VIEW.latitude, KGZ_VIEW.zoom)
        x, y = _pixel(75.6, 41.0, KGZ_VIEW.zoom)
        point = (box["x"] + box["width"] / 2 + (x - cx), box["y"] + box["height"] / 2 + (y - cy))
        for _attempt in range(3):  # the canvas may still be loading its layers: click again
            page.mouse.move(*point)
            page.wait_for_timeout(500)
            page.mouse.click(*point)
            try:
                page.wait_for_function("() => window.location.search.includes('region=KG-N')", timeout=10_000)
                break
            except Exception:
                continue
        assert "region=KG-N" in page.url
        page.get_by_role("heading", name="Naryn", exact=True).wait_for(timeout=30_000)
        assert page.get_by_text("Coordination bodies on record").count() >= 1
        assert outside_requests(requests) == []
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ru", "ky"])
@pytest.mark.parametrize("width,height", [(390, 844), (1280, 900)])
@pytest.mark.parametrize("name", ["regions", "migration"])
def test_map_whole_on_the_first_screen_without_overflow(maps_server: str, browser, name: str, width: int,
                                                         height: int, lang: str) -> None:
    context, page, requests = _open(browser, f"{maps_server}/{name}?lang={lang}", width, height, settle_ms=800)
    try:
        assert page.locator("[data-testid='stException']").count() == 0
        box = page.locator(DECK).first.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= height, box
        assert box["height"] >= 300 and box["x"] >= 0 and box["x"] + box["width"] <= width
        overflow = page.evaluate(
            "() => Math.max(document.documentElement.scrollWidth,"
            " ...[...document.querySelectorAll('[data-testid=\"stMain\"], [data-testid=\"stMainBlockContainer\"]')]"
            ".map(e => e.scrollWidth))")
        assert overflow <= width, overflow
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{name}_{lang}_{width}_first.png"))
        assert outside_requests(requests) == []
    finally:
        context.close()
