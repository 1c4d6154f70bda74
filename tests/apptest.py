"""Run pages of the app through AppTest, opened directly as a shared link would."""
from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGES = {
    "overview": "pages/overview.py",
    "victims": "pages/victims.py",
    "justice": "pages/justice.py",
    "regions": "pages/regions.py",
    "migration": "pages/migration.py",
    "recommendations": "pages/recommendations.py",
    "sources": "pages/sources.py",
}
DEFAULT_PAGE = "overview"


def run_page(page: str, params: dict[str, str | list[str]] | None = None, timeout: int = 60) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page != DEFAULT_PAGE:
        at.switch_page(PAGES[page])
    at.run()
    return at


def visible_text(at: AppTest) -> str:
    """The text of the elements a reader sees (titles, markdown, notices, captions)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)
