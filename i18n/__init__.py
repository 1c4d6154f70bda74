"""Interface language: message catalogues and the language of the current run.

Every interface string is a message id in English, looked up in a gettext
catalogue (`i18n/locale/<lang>/LC_MESSAGES/messages.po`, managed with Babel:
`make i18n` extracts, updates and compiles), and numbers are formatted for the
language with Babel (`i18n.numbers`). The language of the run itself lives in
`i18n.context`, below both (re-exported here). Names of regions, reporters,
countries and the data's vocabulary come from the data, through the label layer
(`ui.labels`): this package is the bottom layer and imports nothing else of the project.

The language is a context variable, set once at the top of every script run
(`app.py`); `ui.labels` reads it to turn ids into words. `metrics/` does not use
it at all: it returns ids and numbers. Module-level labels are marked with `N_`
and translated where shown.
"""
from __future__ import annotations

import gettext
import io
import logging
from functools import lru_cache
from pathlib import Path

from i18n.context import DEFAULT, LANGUAGES, current, set_language, supported, using
from i18n.numbers import number

__all__ = ["DEFAULT", "LANGUAGES", "LOCALE_DIR", "N_", "_", "catalogue", "current", "ngettext", "set_language",
           "supported", "using"]
DOMAIN = "messages"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
log = logging.getLogger(__name__)


@lru_cache(maxsize=None)
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of a language, read once per process.

    `make` compiles the .po files with Babel; when a .mo is missing or older than
    its .po (a checkout without `make`), the .po is compiled in memory instead. A
    catalogue that is missing or cannot be read falls back to English (the message ids)
    with one logged warning, never an exception; a broken .mo falls back to its .po first.
    """
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    readers = [(mo, _read_mo), (po, _compiled)]  # the .mo first unless the .po is newer
    if mo.exists() and po.exists() and mo.stat().st_mtime < po.stat().st_mtime:
        readers.reverse()
    problems = []
    for path, read in readers:
        if not path.exists():
            continue
        try:
            return read(path, lang)
        except Exception as exc:  # gettext and Babel raise many types for a broken file
            problems.append(f"{path.name}: {type(exc).__name__}")
    if lang != DEFAULT:  # English is the message ids themselves: no catalogue needed
        log.warning("message catalogue for %s %s: shown in English",
                    lang, "cannot be read (" + "; ".join(problems) + ")" if problems else "is missing")
    return gettext.NullTranslations()


def _read_mo(mo: Path, lang: str) -> gettext.GNUTranslations:
    with mo.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def _compiled(po: Path, lang: str) -> gettext.GNUTranslations:
    """A .po file compiled in memory (rare: a checkout without `make`; Babel's catalogue
    tools are loaded only then)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as handle:
        parsed = read_po(handle, locale=lang, abort_invalid=True)
    if not len(parsed):
        raise ValueError("no messages")
    buffer = io.BytesIO()
    write_mo(buffer, parsed)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def _(message: str, /, **values: object) -> str:
    """The translation of `message` in the current language, with `{name}` values filled in.

    Values are inserted after translation, so a translator may reorder them.
    """
    text = catalogue(current()).gettext(message) if message else message
    return text.format(**values) if values else text


def ngettext(singular: str, plural: str, n: int, /, **values: object) -> str:
    """A message with a count: the right plural form for the language (Russian has three).

    `{n}` is the count formatted for the language.
    """
    text = catalogue(current()).ngettext(singular, plural, n)
    return text.format(n=number(n), **values)


def N_(message: str, /) -> str:
    """Mark a message for extraction without translating it yet (module-level labels)."""
    return message
