"""'Print this page' gives a clean A4 (static/print.css): every page of the app printed to
PDF by Chromium has no blank page, stays within a page-count bound, nothing wider than
the printable area, and ends with the link to the view and the date.

The page is first laid out as Chromium lays out a print: print media, at the printable
width (A4 210 mm minus two 12 mm margins = 186 mm = 703 CSS px), so the charts redraw at
that width; then every visible element is measured, and the PDF is made.

Page-count bounds: measured on the current data, each page plus one for growth; Justice
prints 4 pages since the phone layout put "How to read this page" under its chart, and its bound
stays 4: a fifth page would be the blank-page fault the issue reported.
Overview (cards, milestones, what the data does not tell us, sources) and Recommendations
(the table's first rows, two charts, the recurring issues as cards) fill four to five
A4 pages, Sources (documents, datasets, the dictionary of one dataset, coverage,
disagreements, recorded conflicts, downloads) seven; Justice fits in two (it printed five, with blank ones, before print.css was
rewritten). A page above its bound means a chart or table is forcing breaks again.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from tests.browser import FIRST_CONTENT, launch, path_of, streamlit_server
from ui import pages as registry

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PRINT_WIDTH_PX = 186 / 25.4 * 96  # 703.0
# Overview: + the numbered milestones' key (a page, in two columns) and their taller chart (issue 17).
MAX_PAGES = {"overview": 7, "victims": 4, "justice": 4, "regions": 3, "migration": 4, "recommendations": 6,
             "capacity": 3, "brief": 2, "sources": 8}
TODAY = "2026-03-02"
ALL_PAGES = [p.id for p in registry.PAGES]


@pytest.fixture(scope="module")
def server():
    with streamlit_server(env={"RAPPORTEUR_TODAY": TODAY}) as proc:
        yield proc.url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def page_texts(pdf: Path) -> list[str]:
    """The text of each page: Debian's pdftotext when installed (make chromium installs
    poppler-utils), else whether each page's content stream draws text or an object."""
    if shutil.which("pdftotext") and shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        return [subprocess.run(["pdftotext", "-f", str(i), "-l", str(i), str(pdf), "-"], capture_output=True,
                               text=True, check=True).stdout for i in range(1, count + 1)]
    data = pdf.read_bytes()
    objects = {int(m.group(1)): m.start() for m in re.finditer(rb"(\d+) 0 obj", data)}
    texts = []
    for page in re.finditer(rb"\d+ 0 obj\s*<<\s*/Type /Page\b", data):
        body = data[page.start():data.index(b"endobj", page.start())]
        drawn = b""
        for ref in re.findall(rb"/Contents \[?((?:\d+ 0 R\s*)+)", body):
            for number in re.findall(rb"(\d+) 0 R", ref):
                start = data.index(b"stream", objects[int(number)]) + len(b"stream")
                stream = data[start:data.index(b"endstream", start)].strip(b"\r\n")
                try:
                    drawn += zlib.decompress(stream)
                except zlib.error:
                    drawn += stream
        texts.append("drawn" if re.search(rb"\bT[jJ]\b|/\w+ Do\b", drawn) else "")  # text, or a drawn object
    return texts


def too_wide(page) -> list[str]:
    """Visible elements reaching past the printable width (or left of the page)."""
    return page.evaluate("""(limit) => {
        const out = [];
        for (const e of document.querySelectorAll('body *')) {
            const s = getComputedStyle(e);
            if (s.display === 'none' || s.visibility === 'hidden') continue;
            const r = e.getBoundingClientRect();
            if (r.width === 0 || r.height === 0 || r.right <= 0) continue;  // (plotly measures text off-page)
            if (e.closest('[data-testid="stSidebar"], [data-testid="stHeader"]')) continue;
            // Inside a chart only the drawing itself counts (plotly's groups may reach past
            // their clipped drawing).
            if (e instanceof SVGElement && e.tagName.toLowerCase() !== 'svg') continue;
            if (r.right > limit + 1 || r.left < -1) {
                const where = e.closest('[data-testid]');
                out.push(`${e.tagName.toLowerCase()}.${String(e.className.baseVal ?? e.className).slice(0, 40)} ` +
                         `in ${where ? where.getAttribute('data-testid') : 'body'} ` +
                         `${Math.round(r.left)}..${Math.round(r.right)}`);
            }
        }
        return out;
    }""", PRINT_WIDTH_PX)


def cut_tables(page) -> list[str]:
    """Scrolling boxes (data grids) of at most 30 rows whose rows do not all show: on paper
    the hidden rows would be lost. A longer grid scrolls on screen and prints its first rows
    (its CSV download has them all); ui.tables.whole_grid sizes the short ones."""
    return page.evaluate("""(limit) => {
        const out = [];
        for (const e of document.querySelectorAll('[data-testid="stMain"] *')) {
            if (e instanceof SVGElement) continue;
            const s = getComputedStyle(e);
            if (s.display === 'none' || s.visibility === 'hidden' || s.overflowY === 'visible') continue;
            if (e.scrollHeight > e.clientHeight + 2 && e.scrollHeight <= limit) {
                const where = e.closest('[data-testid]');
                out.push(`${where ? where.getAttribute('data-testid') : 'body'}: ${e.clientHeight} of ${e.scrollHeight}px`);
            }
        }
        return out;
    }""", 31 * 35 + 20)


def short_grids(page) -> list[str]:
    """Data grids (canvas: their text neither wraps nor prints past the right edge) holding
    at most 30 rows: such a table is drawn as a plain table (ui.tables.table), which prints
    whole. Longer grids scroll on screen; their CSV download has every row."""
    return page.evaluate("""() => [...document.querySelectorAll('[data-testid="stDataFrame"] [aria-rowcount]')]
        .map(g => Number(g.getAttribute('aria-rowcount')) - 1).filter(rows => rows <= 30)
        .map(rows => `a data grid of ${rows} rows`)""")


@pytest.mark.parametrize("name", ALL_PAGES)
def test_print_is_a_clean_a4(server: str, browser, name: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    try:
        page.goto(f"{server}/{path_of(name)}")
        opens_with_figures = registry.page(name).opens_with_figures
        page.wait_for_selector(FIRST_CONTENT if opens_with_figures else "h1", timeout=60_000)
        page.wait_for_selector(".st-key-print_footer", state="attached", timeout=60_000)
        page.emulate_media(media="print")
        page.set_viewport_size({"width": round(PRINT_WIDTH_PX), "height": 1000})
        page.wait_for_timeout(1200)  # charts redraw at the new width
        wide = too_wide(page)
        assert wide == [], "\n".join(wide)
        assert cut_tables(page) == []
        assert short_grids(page) == []
        footer = page.locator(".st-key-print_footer")
        assert footer.is_visible()
        text = footer.inner_text()
        assert "2 March 2026" in text and f"{server}/{path_of(name)}".rstrip("/") + "?" in text and "lang=en" in text
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = ARTIFACTS / f"print-{name}.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
        texts = page_texts(pdf)
        assert 1 <= len(texts) <= MAX_PAGES.get(name, 5), f"{name}: {len(texts)} pages"
        blank = [i + 1 for i, t in enumerate(texts) if not t.strip()]
        assert blank == [], f"{name}: blank pages {blank}"
        if shutil.which("pdftotext"):
            assert "2 March 2026" in texts[-1]  # the link and the date close the last page
    finally:
        context.close()
