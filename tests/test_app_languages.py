"""Every page in Russian and Kyrgyz: through the link (`?lang=`) and through the switch,
with no English interface string left and numbers formatted for the language."""
from __future__ import annotations

import re

import pytest

import i18n
from i18n import _
from tests.apptest import PAGES, run_page
from tests.i18n_text import english_left, interface_texts
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
    left = english_left(at, lang)
    assert not left, f"{page} in {lang}: English left: {left[:8]}"
    # numbers: no English thousands separator or decimal point in the interface text
    english_numbers = [t for t in interface_texts(at) if re.search(r"\b\d{1,3},\d{3}\b|\b\d+\.\d+\s?%", t)]
    assert not english_numbers, english_numbers[:5]


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
        assert _("Each stage across the years") in [h.value for h in at.header]


def test_unknown_language_gives_a_notice_and_english() -> None:
    at = run_page("justice", {"lang": "<b>xx</b>"})
    assert not at.exception
    assert at.title[0].value == "Justice"
    assert any("language that is not available" in i.value for i in at.info)
    assert "<b>xx</b>" not in " ".join(i.value for i in at.info)


def test_english_is_the_default() -> None:
    at = run_page("overview")
    assert at.title[0].value == "Overview"
    assert "lang" not in at.query_params  # nothing to write: the browser's (no) preference holds


@pytest.mark.parametrize("lang", ["ru", "ky"])
@pytest.mark.parametrize("page,view", [
    ("victims", "gap"), ("victims", "support"), ("victims", "networks"), ("victims", "change"),
    ("justice", "trends"), ("justice", "disagree"), ("justice", "dropout"), ("justice", "articles"),
])
def test_every_view_speaks_the_language(page: str, view: str, lang: str) -> None:
    """The parts of a page that are not its default view (`?view=`) are translated too."""
    at = run_page(page, {"lang": lang, "view": view})
    assert not at.exception, at.exception
    left = english_left(at, lang)
    assert not left, f"{page}?view={view} in {lang}: English left: {left[:8]}"
