"""The language of the current run: a context variable, set once at the top of every
script run (app.py) and read by the catalogues (`i18n`) and the number formats
(`i18n.numbers`). It imports nothing of the project, so both can build on it.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "ky": "Кыргызча"}
DEFAULT = "en"

_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


def supported(code: str | None) -> str | None:
    """The interface language for a language tag ('ru-RU' -> 'ru', 'ky' -> 'ky'), or None."""
    if not code or not isinstance(code, str):
        return None
    base = code.strip().replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else None


def current() -> str:
    """The language of this run ('en', 'ru' or 'ky')."""
    return _current.get()


def set_language(lang: str) -> str:
    """Make `lang` the language of this run (an unknown code falls back to English)."""
    lang = supported(lang) or DEFAULT
    _current.set(lang)
    return lang


@contextmanager
def using(lang: str) -> Iterator[str]:
    """Run a block in another language, then restore the previous one."""
    token = _current.set(supported(lang) or DEFAULT)
    try:
        yield _current.get()
    finally:
        _current.reset(token)
