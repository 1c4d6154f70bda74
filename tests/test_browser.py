"""Browser tests: every page renders its first chart or table in headless
Chromium, shows no error, and makes no request that leaves localhost; links,
downloads, print and phone layouts; one page per language as the browser renders it.

They are the second stage of `make test` (`pytest -m browser`); what AppTest can
check (every page and view in every language, URL parameters, broken data) lives in
the first stage."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import FIRST_CONTENT, PAGES, full_screenshot, outside_requests, path_of, streamlit_server
from ui import pages as registry

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


# `server` (the app on a free local port, its outgoing connections logged to `socket_log`;
# one for the whole stage) and `browser` (headless Chromium, one for this module) are
# fixtures in tests/conftest.py.


def open_page(browser, url: str, width: int = 1280, locale: str = "en-US"):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale=locale)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(url)
    page.wait_for_selector(FIRST_CONTENT, timeout=60_000)
    page.wait_for_timeout(500)
    return context, page, requests


def assert_rendered_locally(page, requests: list[str], shot: str) -> None:
    """A page that rendered without error or "Page not found", saved as a screenshot,
    whose every request stayed on this machine."""
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Page not found").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    full_screenshot(page, str(ARTIFACTS / f"{shot}.png"))
    assert requests, "the page made no request at all"
    assert outside_requests(requests) == []


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_first_content_locally(server: str, browser, name: str) -> None:
    context, page, requests = open_page(browser, f"{server}/{path_of(name)}")
    try:
        assert page.locator("h1").first.inner_text().strip() == registry.page(name).title
        assert_rendered_locally(page, requests, name)
    finally:
        context.close()


def test_fresh_server_opened_directly_on_a_page_url(browser) -> None:
    """A new server whose very first visitor arrives through a page link (/justice), not
    the root: the app's own navigation and frame govern from that first run. The shared
    server has served the root first, so this needs a server of its own
    (ui.frame.ensure_navigation reads a Streamlit internal; this catches a change in it)."""
    from ui.language import SWITCH_LABEL

    with streamlit_server() as fresh:
        context, page, requests = open_page(browser, f"{fresh.url}/justice")
        try:
            assert page.locator("h1").first.inner_text().strip() == "Justice"
            assert page.get_by_text("Page not found").count() == 0
            assert page.locator("[data-testid='stException']").count() == 0
            # app.py ran: its navigation (titles, not file names) and its language switch
            links = [a.inner_text().strip().splitlines()[-1] for a in
                     page.locator("[data-testid='stSidebarNav'] a").all()]
            assert {"Overview", "Justice", "Sources"} <= set(links), links
            assert page.locator("[data-testid='stSidebar']").get_by_text(SWITCH_LABEL).count() == 1
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


def _share_link(page, label: str = "Copy link to this view") -> str:
    page.locator("[data-testid='stSidebar']").get_by_text(label).click()
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
    assert "year=2019" in link and "view=articles" in link and "lang=en" in link
    context, page, requests = open_page(browser, link)
    try:
        page.get_by_role("heading", name="By Criminal Code article").wait_for(timeout=30_000)
        assert outside_requests(requests) == []
    finally:
        context.close()


def test_png_and_csv_downloads(server: str, browser, tmp_path: Path) -> None:
    import csv
    import io

    from PIL import Image

    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/justice?year=2020")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        page.locator(".js-plotly-plot").first.hover()
        with page.expect_download(timeout=60_000) as png:
            page.locator(".js-plotly-plot").first.locator(".modebar-btn[data-title='Download plot as a PNG']").click()
        assert png.value.suggested_filename == "trafficking-cases-through-the-justice-system-2020.png"
        image = Image.open(png.value.path())
        assert image.width >= 1600

        page.get_by_text("Figures behind this chart, with source and lines").first.click()
        with page.expect_download(timeout=60_000) as data:
            page.get_by_role("button", name="Download these figures (CSV)").first.click()
        assert data.value.suggested_filename == "trafficking-cases-through-the-justice-system-2020.csv"
        raw = Path(data.value.path()).read_bytes()
        assert raw.startswith("\ufeff".encode())  # BOM: Excel opens Cyrillic text correctly
        lines = raw.decode("utf-8-sig").splitlines()
        # row 1: headers in the reader's language; row 2: the stable column ids; then the figures
        assert lines[0].startswith("Stage,")
        rows = list(csv.DictReader(io.StringIO("\n".join(lines[1:]))))
        assert rows and {"source", "lines", "value", "reporter"} <= set(rows[0])
        # reporters by name, never by id (data/reporters.csv: us_tip's short name)
        assert not any(r["reporter"] == "us_tip" for r in rows)
        us = [r for r in rows if r["reporter"] == "US TIP Report" and r["stage"] == "Registered"]
        assert us and float(us[0]["value"]) == 40.0 and us[0]["lines"] == "322-323"
    finally:
        context.close()


def test_brief_downloads_an_editable_deck(server: str, browser) -> None:
    import io

    from pptx import Presentation
    from pptx.enum.dml import MSO_FILL

    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(f"{server}/justice?year=2020")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        page.get_by_role("button", name="Add this chart to the brief").first.click()
        page.wait_for_timeout(1500)
        page.locator("[data-testid='stSidebarNav'] a", has_text="Brief").click()
        page.get_by_role("heading", name="Brief").wait_for(timeout=30_000)
        with page.expect_download(timeout=60_000) as deck:
            page.get_by_role("button", name="Download the brief (1 chart slide, PowerPoint)").click()
        assert deck.value.suggested_filename.endswith(".pptx")
        slides = list(Presentation(io.BytesIO(Path(deck.value.path()).read_bytes())).slides)
        assert len(slides) == 3
        chart = next(s.chart for s in slides[1].shapes if s.has_chart)
        values = {series.name: list(series.values) for series in chart.series}
        assert values["US TIP Report"][0] == 40.0
        # colour is not the only code on the slide either: the first reporter solid, the others hatched
        fills = [series.format.fill.type for series in chart.series]
        assert len(fills) == 3 and fills[0] == MSO_FILL.SOLID and set(fills[1:]) == {MSO_FILL.PATTERNED}
    finally:
        context.close()


def test_prints_to_a4_without_sidebar(server: str, browser, tmp_path: Path) -> None:
    context, page, _ = open_page(browser, f"{server}/justice")
    try:
        page.emulate_media(media="print")
        assert page.evaluate("() => getComputedStyle(document.querySelector(\"[data-testid='stSidebar']\")).display") == "none"
        pdf = tmp_path / "justice.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        assert pdf.read_bytes()[:4] == b"%PDF"
        # the chart fits the printable A4 width (210 mm less two 12 mm margins = 703 CSS px);
        # tests/test_print.py checks every element of every page the same way
        width = page.evaluate("() => document.querySelector('.stPlotlyChart').getBoundingClientRect().width")
        assert 0 < width <= 703
        assert page.evaluate("() => getComputedStyle(document.querySelector('.stDownloadButton, .stButton')).display") == "none"
    finally:
        context.close()


@pytest.mark.parametrize("path,heading", [
    ("regions?region=KG-C", "Chuy"),
    ("migration?country=RUS&role=destination", "Russia"),
])
def test_place_selection_in_the_url(server: str, browser, path: str, heading: str) -> None:
    context, page, requests = open_page(browser, f"{server}/{path}")
    try:
        page.get_by_role("heading", name=heading, exact=True).wait_for(timeout=30_000)
        assert page.locator("[data-testid='stPlotlyChart'] .main-svg").count() >= 1
        assert page.get_by_text("not available here").count() == 0
        assert outside_requests(requests) == []
    finally:
        context.close()


@pytest.mark.parametrize("name", ["regions", "migration"])
def test_maps_fit_a_phone(server: str, browser, name: str) -> None:
    context, page, requests = open_page(browser, f"{server}/{path_of(name)}", width=390)
    try:
        drawn = page.locator("[data-testid='stPlotlyChart']").first  # the map comes first
        drawn.wait_for(timeout=30_000)
        box = drawn.bounding_box()
        assert box and box["width"] <= 390 and box["height"] >= 230
        ARTIFACTS.mkdir(exist_ok=True)
        drawn.screenshot(path=str(ARTIFACTS / f"{name}_phone_map.png"))
        assert outside_requests(requests) == []
    finally:
        context.close()


# --- languages ---------------------------------------------------------------------------

TITLES = {p.id: p.title for p in registry.PAGES}  # message ids


def _translated(lang: str, message: str) -> str:
    import i18n

    with i18n.using(lang):
        return i18n._(message)


# One page per language proves the browser path (the app's text as the browser renders
# it, the navigation menu, the window title); every page and view in both languages is
# checked in AppTest (tests/test_app_languages.py), which reads the same text faster.
@pytest.mark.parametrize("name,lang", [("overview", "ru"), ("regions", "ky")])
def test_page_in_russian_and_kyrgyz(server: str, browser, name: str, lang: str) -> None:
    """What the reader sees has no English interface text and no English number format."""
    import re

    from tests.i18n_text import english_fragments, without_published

    context, page, requests = open_page(browser, f"{server}/{path_of(name)}?lang={lang}")
    try:
        assert page.locator("h1").first.inner_text().strip() == _translated(lang, TITLES[name])
        text = page.title() + "\n" + page.locator("[data-testid='stMain']").inner_text() + "\n" + \
            page.locator("[data-testid='stSidebar']").inner_text()
        text = without_published(text)
        left = [piece for piece in english_fragments(lang) if piece in text]
        assert not left, f"English left on {name} ({lang}): {left[:8]}"
        # (a line range before a comma is a citation, "lines 363-366, 370-372", whose wrapped
        # source line the browser's text joins without the space: not a number)
        found = re.findall(r"(?<!-)\b\d{1,3},\d{3}\b", text)
        assert not found, f"English thousands separator: {found}"
        # the navigation menu (which AppTest does not see) names every page in the language
        links = [a.inner_text().strip().splitlines()[-1] for a in
                 page.locator("[data-testid='stSidebarNav'] a").all()]
        titles = {_translated(lang, p.title) for p in registry.PAGES}
        assert len(links) == len(registry.PAGES) and set(links) == titles, links
        menu = {line.strip() for line in page.locator("[data-testid='stSidebarNav']").inner_text().splitlines()}
        sections = {p.section for p in registry.PAGES if p.section}
        assert not menu & sections, f"English section names in the menu: {menu & sections}"
        assert_rendered_locally(page, requests, f"{name}_{lang}")
    finally:
        context.close()


def test_language_switch_keeps_the_view_and_the_link(server: str, browser) -> None:
    context, page, _ = open_page(browser, f"{server}/justice?lang=ru&view=trends")
    try:
        page.get_by_role("heading", name=_translated("ru", "Each stage across the years")).wait_for(timeout=30_000)
        page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").first.click()
        page.get_by_role("option", name="Кыргызча").click()
        page.get_by_role("heading", name=_translated("ky", "Each stage across the years")).wait_for(timeout=30_000)
        assert page.locator("h1").first.inner_text().strip() == _translated("ky", "Justice")
        page.wait_for_function("() => location.search.includes('lang=ky')", timeout=10_000)
        assert "view=trends" in page.url
    finally:
        context.close()


def test_browser_language_sets_the_default(server: str, browser) -> None:
    context, page, _ = open_page(browser, f"{server}/justice", locale="ru-RU")
    try:
        page.locator("h1").first.wait_for(timeout=30_000)
        assert page.locator("h1").first.inner_text().strip() == _translated("ru", "Justice")
        assert "lang=" not in page.url  # the reader's own browser language: nothing to write
        link = _share_link(page, _translated("ru", "Copy link to this view"))
        assert "lang=ru" in link  # but a shared link opens in Russian for everyone
    finally:
        context.close()


def test_server_made_no_outgoing_connection(server: str, browser, socket_log: Path) -> None:
    """Runs last in this module, after every page it served: the server side never dialled out."""
    context, _, _ = open_page(browser, f"{server}/migration")
    context.close()
    attempts = socket_log.read_text(encoding="utf-8") if socket_log.exists() else ""
    assert attempts == "", f"the server tried to connect to: {attempts}"
