"""Fill the English catalogue: every msgstr is its msgid (English is the source language,
but it has a catalogue like the others, so plural forms and tests treat all three alike).

`python -m i18n.english` (run by `make i18n`).
"""
from __future__ import annotations

from babel.messages.pofile import read_po, write_po

from i18n import LOCALE_DIR


def main() -> None:
    path = LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale="en")
    for message in catalogue:
        if not message.id:
            continue
        message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100, omit_header=False)


if __name__ == "__main__":
    main()
