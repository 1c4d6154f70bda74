"""The three catalogues are complete, match the code, and keep every placeholder;
numbers and dates are formatted for the language."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import i18n
from i18n import LANGUAGES, LOCALE_DIR, _, ngettext
from i18n.numbers import date, number, percent, signed
from tests.conftest import ROOT

PLACEHOLDER = re.compile(r"(?<!%)\{([a-z_]+)\}")


def catalogue(lang: str):
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def message_ids(cat) -> set:
    return {m.id for m in cat if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set:
    """The message ids in the code now (what `make i18n` would extract)."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F", "i18n/babel.cfg",
         "-k", "N_", "-k", "ngettext:1,2", "-c", "TRANSLATORS:", "--no-location", "-o", str(pot), "."],
        cwd=ROOT, check=True,
    )
    with pot.open("rb") as handle:
        return message_ids(read_po(handle))


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_message_in_the_code_is_in_the_catalogue(lang: str, extracted: set) -> None:
    missing = extracted - message_ids(catalogue(lang))
    assert not missing, f"{lang}: run `make i18n` and translate: {sorted(map(str, missing))[:10]}"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_message_has_a_translation(lang: str) -> None:
    cat = catalogue(lang)
    empty = []
    for message in cat:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if "fuzzy" in message.flags or not all(s and s.strip() for s in strings):
            empty.append(message.id)
    assert not empty, f"{lang}: {len(empty)} messages without a translation, e.g. {empty[:5]}"
    if lang != "en":
        forms = {"ru": 3, "ky": 2}[lang]
        assert cat.num_plurals == forms


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_translations_keep_every_placeholder(lang: str) -> None:
    """A lost or renamed {placeholder} (or plotly %{field}) would break the page at run time."""
    broken = []
    for message in catalogue(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, (tuple, list)) else (message.id,)
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        wanted = set().union(*(set(PLACEHOLDER.findall(i)) for i in ids))
        fields = sorted(re.findall(r"%\{[^}]+\}", ids[0]))
        for text in strings:
            if not text:
                continue
            if set(PLACEHOLDER.findall(text)) != wanted or sorted(re.findall(r"%\{[^}]+\}", text)) != fields:
                broken.append((message.id, text))
    assert not broken, broken[:5]


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_catalogue_translates(lang: str) -> None:
    with i18n.using(lang):
        assert _("Justice") != "Justice"
        assert re.search("[а-яА-ЯөүңӨҮҢ]", _("Justice"))
    with i18n.using("en"):
        assert _("Justice") == "Justice"


def test_russian_plural_forms() -> None:
    with i18n.using("ru"):
        one, few, many = (ngettext("{value} case", "{value} cases", n, value=str(n)) for n in (1, 3, 5))
    assert len({one, few, many}) == 3, (one, few, many)


@pytest.mark.parametrize("lang, grouped, decimal, pct", [
    ("en", "12,345", "2.5", "12.5%"),
    ("ru", "12\u00a0345", "2,5", "12,5\u00a0%"),
    ("ky", "12\u00a0345", "2,5", "12,5%"),
])
def test_numbers_follow_the_language(lang: str, grouped: str, decimal: str, pct: str) -> None:
    with i18n.using(lang):
        assert number(12345) == grouped
        assert number(2.5) == decimal
        assert percent(12.5, 1) == pct
        assert signed(-3) == "\u22123" and signed(4) == "+4"


def test_dates_follow_the_language() -> None:
    with i18n.using("ru"):
        assert date("2019-09-19") == "19 сентября 2019"
    with i18n.using("en"):
        assert date("2019-09-19") == "19 September 2019" and date("2019-09-19", "year") == "2019"


def test_language_tags() -> None:
    assert i18n.supported("ru-RU") == "ru" and i18n.supported("ky_KG") == "ky"
    assert i18n.supported("de-DE") is None and i18n.supported("") is None and i18n.supported(None) is None
