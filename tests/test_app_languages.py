"""Every page in Russian and Kyrgyz: through the link (`?lang=`) and through the switch,
with no English interface string left and numbers formatted for the language.

This is the language check for every page and view; the browser (tests/test_browser.py)
repeats it on one page per language only, for what AppTest cannot see: the navigation
menu and the text as the browser renders it."""
from __future__ import annotations

import re

import pytest

import i18n
from i18n import _
from tests.apptest import PAGES, run_page, shown
from tests.i18n_text import chart_layouts, english_left, interface_texts, without_published
from ui import pages as registry

CYRILLIC = re.compile("[А-Яа-яЁёӨөҮүҢң]")
TITLES = {p.id: p.title for p in registry.PAGES}  # message ids


@pytest.mark.parametrize("lang", ["ru", "ky"])
@pytest.mark.parametrize("page", list(PAGES))
def test_page_speaks_the_language(page: str, lang: str) -> None:
    at = run_page(page, {"lang": lang})
    assert not at.exception, at.exception
    with i18n.using(lang):
        assert at.title[0].value == _(TITLES[page])
    assert CYRILLIC.search(at.title[0].value)
    if registry.BY_ID[page].opens_with_figures:
        # its first chart, table or map, as the browser waits for
        assert at.get("plotly_chart") or at.dataframe or at.table, page
    assert_speaks(at, lang, page)


def assert_speaks(at, lang: str, where: str) -> None:
    """No English interface text, and numbers written the language's way."""
    left = english_left(at, lang)
    assert not left, f"{where} in {lang}: English left: {left[:8]}"
    # no English thousands separator or decimal point in the interface text
    # (text shown as it stands in the data, such as an English note, is left out)
    english_numbers = [t for t in map(without_published, interface_texts(at))
                       if re.search(r"\b\d{1,3},\d{3}\b|\b\d+\.\d+\s?%", t)]
    assert not english_numbers, f"{where} in {lang}: {english_numbers[:5]}"
    # numbers plotly draws itself (axis ticks, hover) use the language's separators:
    # a decimal comma and a no-break space between thousands
    separators = [layout.get("separators") for layout in chart_layouts(at)]
    assert all(s == ",\u00a0" for s in separators), f"{where} in {lang}: plotly separators {separators}"


def test_switch_changes_language_and_keeps_the_view() -> None:
    at = run_page("justice", {"lang": "ru", "view": "trends"})
    # AppTest calls the widgets' format functions in the test's own thread: give it the
    # page's language, as the script thread has it.
    with i18n.using("ru"):
        at.selectbox(key="_lang_switch").set_value("ky")
        at.run()
    assert not at.exception
    lang = at.query_params["lang"]
    assert (lang[0] if isinstance(lang, list) else lang) == "ky"
    with i18n.using("ky"):
        assert at.title[0].value == _("Justice")
        assert _("Each stage across the years") in [h.value for h in at.subheader]


def test_unknown_language_gives_a_notice_and_english() -> None:
    at = run_page("justice", {"lang": "<b>xx</b>"})
    assert not at.exception
    assert at.title[0].value == "Justice"
    assert any("language that is not available" in i.value for i in at.info)
    assert "<b>xx</b>" not in " ".join(i.value for i in at.info)


def test_english_is_the_default() -> None:
    at = shown("overview")
    assert at.title[0].value == "Overview"
    assert "lang" not in at.query_params  # nothing to write: the browser's (no) preference holds


@pytest.mark.parametrize("lang", ["ru", "ky"])
@pytest.mark.parametrize("page,view", [
    ("victims", "gap"), ("victims", "support"), ("victims", "networks"), ("victims", "change"),
    ("justice", "trends"), ("justice", "disagree"), ("justice", "dropout"), ("justice", "articles"),
    ("migration", "countries"), ("migration", "mentions"), ("migration", "figures"),
])
def test_every_view_speaks_the_language(page: str, view: str, lang: str) -> None:
    """The parts of a page that are not its default view (`?view=`) are translated too."""
    at = run_page(page, {"lang": lang, "view": view})
    assert not at.exception, at.exception
    assert_speaks(at, lang, f"{page}?view={view}")


CHECKED_ELEMENTS = """
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.segmented_control("Show", ["Option shown on a button"], key="view")
st.table(pd.DataFrame({"Header of a table": ["Cell of a table"], "n": [1]}))
frame = pd.DataFrame({"raw_name": ["Cell of a dataframe"], "hidden": ["Hidden cell"], "left": ["Left out"]})
st.dataframe(frame,
             column_config={"raw_name": st.column_config.Column("Label of a column"), "hidden": None},
             column_order=["raw_name", "hidden"])
fig = go.Figure(go.Bar(x=["Category on an axis"], y=[1], name="Name of a trace"))
fig.update_layout(xaxis_title="Title of an axis", legend_title_text="Title of a legend", separators=",.")
st.plotly_chart(fig)
"""


def test_the_check_reads_what_a_browser_draws() -> None:
    """The language check above reads what the browser matrix used to read: button-group
    options, table and dataframe headers (their configured labels) and cells, chart axis
    titles, categories and legend, and the chart's number separators."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(CHECKED_ELEMENTS, default_timeout=30).run()
    assert not at.exception, at.exception
    texts = interface_texts(at)
    for shown in ["Option shown on a button", "Header of a table", "Cell of a table", "Label of a column",
                  "Cell of a dataframe", "Category on an axis", "Name of a trace", "Title of an axis",
                  "Title of a legend"]:
        assert shown in texts, shown
    assert "raw_name" not in texts and "Hidden cell" not in texts and "Left out" not in texts
    assert [layout.get("separators") for layout in chart_layouts(at)] == [",."]
