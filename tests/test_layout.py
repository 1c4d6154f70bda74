"""A parliamentarian's phone (issue 17): every page answers on the first screen at 390 x 844,
1280 x 900 and 1920 x 1080 -- the first chart's bars, not just its title --, nothing runs off
the side, no chart's text is clipped or overlaps other text (tests/chart_text.js), card
titles wrap whole (never cut with "..."), and no internal id, file name or "None" is visible.
A phone (its user agent says "Mobile") gets the figures under the first chart open; a desktop
does not.

One browser context per width and language, the pages opened one after another in it.
English at every width, Kyrgyz (the longest words) and Russian at 390. Screenshots land in
tests/artifacts/layout_<page>_<lang>_<width>.png."""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import polars as pl
import pytest

from tests.browser import FIRST_CONTENT, PHONE_AGENT, full_screenshot, path_of

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHART_TEXT = (Path(__file__).resolve().parent / "chart_text.js").read_text(encoding="utf-8")
# The pages this test owns (the map pages have their own layout tests).
PAGES = ["overview", "victims", "justice", "recommendations", "capacity", "sources"]
SIZES = [(390, 844), (1280, 900), (1920, 1080)]
PLOT_SEEN = 160
# A phone's user agent (the app opens the figures under a chart for it: ui/device.py).
# What counts as the page's first answer: a chart, a table, a headline card or a map.
ANSWER = FIRST_CONTENT + ", [data-testid='stMetric']"


def _plain_words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", (text or "").lower()))


@cache
def internal_ids() -> set[str]:
    """Every id of data/ a reader must never see: source ids, reporter ids, region codes,
    dataset names, source file names, vocabulary term ids that differ from their English
    label. Ids that are ordinary words (reporter 'government', dataset 'justice') are left
    out: the page may say them."""
    from data.load import reference
    from data.metadata import dataset_names
    from data.metadata import labels as vocabulary

    ids: set[str] = {"None"}
    sources = reference("sources")
    ids |= set(sources["source"].to_list()) | set(sources["file"].drop_nulls().to_list())
    reporters = reference("reporters")
    for rid, short, name in zip(reporters["reporter"], reporters["short_en"], reporters["name_en"]):
        if rid not in _plain_words(f"{short} {name}"):
            ids.add(rid)
    ids |= set(reference("regions")["region"].to_list())
    ids |= {n for n in dataset_names() if "_" in n}
    for (_vocab, term), label in vocabulary("en").items():
        if "_" in term and term != label:
            ids.add(term)
    return ids


def ids_in(text: str) -> list[str]:
    found = []
    for ident in sorted(internal_ids()):
        if re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", text):
            found.append(ident)
    return found


def test_the_id_list_holds_what_it_must() -> None:
    ids = internal_ids()
    assert {"osce-2025", "moi_gpo", "us_tip", "KG-B", "None"} <= ids
    assert any(re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", i) for i in ids)
    assert "government" not in ids
    assert ids_in("OSCE 2025 report, lines 204-206") == []
    assert ids_in("Sources: osce-2025, lines 4") == ["osce-2025"]


# The text a reader sees: the page, the sidebar and every chart's svg text. The Sources
# page's data dictionary is left out: it documents the files' own column ids and values
# for those who use the files, so it names them on purpose.
VISIBLE_TEXT = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.body;
  let text = main.innerText;
  document.querySelectorAll('.st-key-dictionary_columns, .st-key-dictionary_about').forEach(e => {
    text = text.split(e.innerText).join('');
  });
  const charts = [...document.querySelectorAll('.js-plotly-plot svg text')].map(t => t.textContent);
  const side = document.querySelector('[data-testid="stSidebar"]');
  return [text, side ? side.innerText : '', ...charts].join('\\n');
}"""


# Where the first answer is a chart: where its first plotting area is (the first subplot's drag
# rectangle, which covers exactly the axes' box), else null.
FIRST_PLOT = """(sel) => {
  const first = document.querySelector(sel);
  const plot = first && first.closest('.js-plotly-plot');
  if (!plot) return null;
  const area = plot.querySelector('.draglayer .nsewdrag') || plot.querySelector('.cartesianlayer .plot');
  if (!area) return null;
  const r = area.getBoundingClientRect();
  return {middle: (r.top + r.bottom) / 2, top: r.top, bottom: r.bottom};
}"""

# Card texts cut short: in every card (the block around a metric), any visible element of its
# title, text or figure whose content is wider than its box, or that is set to end in an
# ellipsis and does not fit (st.metric's own label and value do that by default).
CLIPPED_CARD_TITLES = """() => {
  const out = [];
  const texts = '[data-testid="stMetricLabel"], [data-testid="stMarkdownContainer"], [data-testid="stMetricValue"]';
  const cards = new Set([...document.querySelectorAll('[data-testid="stMetric"]')]
    .map(m => m.closest('[data-testid="stVerticalBlock"]') || m));
  [...cards].flatMap(card => [...card.querySelectorAll(texts)]).forEach(label => {
    if (!label.checkVisibility()) return;
    [label, ...label.querySelectorAll('*')].forEach(e => {
      const style = getComputedStyle(e);
      const over = e.scrollWidth > e.clientWidth + 1 && style.overflowX !== 'visible';
      if (over || (style.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1))
        out.push(label.innerText.trim().slice(0, 60));
    });
  });
  return [...new Set(out)];
}"""

# Whether the figures under the first chart are open (their table is drawn), or null when
# the page has no such expander.
FIGURES_OPEN = """() => {
  const all = [...document.querySelectorAll('[data-testid="stExpander"]')]
    .filter(e => /figures behind this chart/i.test(e.innerText));
  if (!all.length) return null;
  const details = all[0].querySelector('details');
  return details ? details.open : null;
}"""


def check_page(page, name: str, lang: str, width: int, height: int, phone: bool = False) -> list[str]:
    """The problems of one page as drawn: the list is empty when all is well."""
    problems = []
    page.wait_for_selector(ANSWER, timeout=60_000)
    page.wait_for_timeout(1000)  # the charts settle (plotly draws after the first frame)
    top = page.evaluate(f"() => document.querySelector({ANSWER!r}).getBoundingClientRect().top")
    if top >= height:
        problems.append(f"first answer at y={top:.0f}, below the fold ({height})")
    plot = page.evaluate(FIRST_PLOT, ANSWER)
    # The bars (not just the title) on the first screen: the plotting area's middle above the
    # fold, or, for a chart taller than that, at least PLOT_SEEN px of it (two or three bars).
    if plot and plot["middle"] >= height and min(plot["bottom"], height) - plot["top"] < PLOT_SEEN:
        problems.append(f"first chart's plotting area centred at y={plot['middle']:.0f}, below the fold "
                        f"({height}): only its title is on the first screen")
    clipped = page.evaluate(CLIPPED_CARD_TITLES)
    if clipped:
        problems.append(f"card texts cut short: {clipped}")
    if lang == "en":
        opened = page.evaluate(FIGURES_OPEN)
        if opened is not None and opened != phone:
            problems.append(f"figures under the first chart {'closed' if phone else 'open'} on a "
                            f"{'phone' if phone else 'desktop'}")
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    if scroll > width:
        problems.append(f"page {scroll} px wide on a {width} px screen")
    problems += page.evaluate(CHART_TEXT)
    if lang == "en":
        found = ids_in(page.evaluate(VISIBLE_TEXT))
        if found:
            problems.append(f"internal ids visible: {found}")
    ARTIFACTS.mkdir(exist_ok=True)
    full_screenshot(page, str(ARTIFACTS / f"layout_{name}_{lang}_{width}.png"))
    page.set_viewport_size({"width": width, "height": height})
    return [f"{name} ({lang}, {width} px): {p}" for p in problems]


def check_pages(server: str, browser, lang: str, width: int, height: int,
                pages: list[tuple[str, str]]) -> list[str]:
    """Open `pages` ((page, extra query)) one after another in one context; their problems."""
    phone = width < 500
    context = browser.new_context(viewport={"width": width, "height": height}, locale=LOCALES[lang],
                                  **({"user_agent": PHONE_AGENT, "has_touch": True} if phone else {}))
    page = context.new_page()
    problems = []
    try:
        for name, query in pages:
            page.goto(f"{server}/{path_of(name)}?lang={lang}{'&' + query if query else ''}")
            shown = f"{name}-{query.split('=')[1]}" if query else name
            problems += check_page(page, shown, lang, width, height, phone)
    finally:
        context.close()
    return problems


LOCALES = {"en": "en-US", "ru": "ru-RU", "ky": "ky-KG"}
EVERY_PAGE = [(name, "") for name in PAGES] + [("justice", "view=trends"), ("justice", "view=disagree")]


@pytest.mark.parametrize("width,height", SIZES)
def test_pages_answer_on_the_first_screen_legibly(server: str, browser, width: int, height: int) -> None:
    problems = check_pages(server, browser, "en", width, height, EVERY_PAGE)
    assert problems == [], "\n".join(problems)


def test_kyrgyz_pages_fit_a_phone(server: str, browser) -> None:
    problems = check_pages(server, browser, "ky", 390, 844, EVERY_PAGE)
    assert problems == [], "\n".join(problems)


def test_russian_charts_fit_a_phone(server: str, browser) -> None:
    problems = check_pages(server, browser, "ru", 390, 844,
                           [("overview", ""), ("justice", ""), ("recommendations", "")])
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_russian_and_kyrgyz_card_titles_wrap_on_a_desktop(server: str, browser, lang: str) -> None:
    """The longest card titles (Russian and Kyrgyz) in a third of a desktop's width."""
    problems = check_pages(server, browser, lang, 1280, 900, [("overview", "")])
    assert problems == [], "\n".join(problems)
