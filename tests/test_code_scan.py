"""No user-visible text is rendered as raw HTML: nothing from the data or the URL can
inject markup. The code must not use the escape hatches at all."""
from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

CODE = [p for d in ("pages", "ui", "metrics", "data", "geo") for p in (ROOT / d).rglob("*.py")] + [ROOT / "app.py"]
FORBIDDEN = {
    "unsafe_allow_html": re.compile(r"unsafe_allow_html\s*=\s*True"),
    "st.html with anything but the print stylesheet": re.compile(r"\bst\.html\((?!f\"<style>\{PRINT_CSS\}</style>\"\))"),
    "components.html": re.compile(r"components\.v1\.html|components\.html\("),
    "metrics importing streamlit": None,
}


@pytest.mark.parametrize("path", CODE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_raw_html(path) -> None:
    text = path.read_text(encoding="utf-8")
    for name, pattern in FORBIDDEN.items():
        if pattern is not None:
            assert not pattern.search(text), f"{path.name} uses {name}"


@pytest.mark.parametrize("path", list((ROOT / "metrics").rglob("*.py")) + list((ROOT / "data").rglob("*.py"))
                         + list((ROOT / "geo").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_layers_do_not_import_streamlit(path) -> None:
    assert not re.search(r"^\s*(import streamlit|from streamlit)", path.read_text(encoding="utf-8"), re.M), path.name
