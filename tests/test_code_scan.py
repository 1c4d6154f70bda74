"""No user-visible text is rendered as raw HTML: nothing from the data or the URL can
inject markup. The code must not use the escape hatches at all.

(Which layer may import what is checked by import-linter: tests/test_layers.py.)"""
from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

CODE = [p for d in ("pages", "ui", "brief", "exports", "metrics", "data", "geo", "i18n")
        for p in (ROOT / d).rglob("*.py")] + [ROOT / "app.py"]
FORBIDDEN = {
    "unsafe_allow_html": re.compile(r"unsafe_allow_html\s*=\s*True"),
    "st.html with anything but the print stylesheet": re.compile(r"\bst\.html\((?!f\"<style>\{PRINT_CSS\}</style>\"\))"),
    "components.html": re.compile(r"components\.v1\.html|components\.html\("),
    "a components-v2 component (runs its own script in the page)": re.compile(r"components\.v2"),
}
# The one reviewed exception: ui/page_lang.py sets <html lang> to the interface language with a
# constant script (Streamlit has no API for it; screen readers need it, WCAG 3.1.1), given only a
# language id checked against i18n.LANGUAGES.
# And ui/display.py's key_list(): a list in a scrolling box that a keyboard can reach needs a
# tabindex and a region name, which Markdown cannot give; every text in it goes through
# html.escape (tests/test_page_victims_overview.py reads it back).
# And ui/touch.py: a constant script, given no data, that makes a tap on a chart a click.
ALLOWED = {("page_lang.py", "a components-v2 component (runs its own script in the page)"),
           ("touch.py", "a components-v2 component (runs its own script in the page)"),
           ("display.py", "st.html with anything but the print stylesheet")}


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_raw_html(path) -> None:
    text = path.read_text(encoding="utf-8")
    for name, pattern in FORBIDDEN.items():
        if (path.name, name) in ALLOWED:
            continue
        assert not pattern.search(text), f"{path.name} uses {name}"

