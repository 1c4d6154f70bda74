"""Run pages of the app through AppTest, opened directly as a shared link would."""
from __future__ import annotations

import os

from streamlit.components.v2 import manifest_scanner as _manifest_scanner
from streamlit.runtime import pages_manager as _pages_manager
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui import pages as registry

# AppTest forgets before every run that the app uses st.navigation, and would treat
# pages/ as a legacy multipage folder each time (ui.frame.ensure_navigation would
# then rerun every script, losing button clicks). A served app learns it once, on
# its first run; the browser tests cover that first run. Here we start from the
# state a served app is in after it: navigation by app.py.
_original_init = _pages_manager.PagesManager.__init__


def _navigation_by_app(self, *args, **kwargs) -> None:
    _original_init(self, *args, **kwargs)
    _pages_manager.PagesManager.uses_pages_directory = False


_pages_manager.PagesManager.__init__ = _navigation_by_app

# Every AppTest run builds a fresh component registry and scans the metadata of every
# installed package for Streamlit v2 components (~55 ms a run, over 300 runs in stage 1:
# a quarter of its time). The installed packages do not change during a test session, so
# scan once and hand every run the same findings; each run still registers them afresh.
_scanned_manifests = _manifest_scanner.scan_component_manifests()


def _scan_once(*args, **kwargs):
    return list(_scanned_manifests)


_manifest_scanner.scan_component_manifests = _scan_once

APP = str(ROOT / "app.py")
# Page id -> script, and the page served at the root, from the page registry.
PAGES = {p.id: p.script for p in registry.PAGES}
DEFAULT_PAGE = registry.DEFAULT.id


def page_title(page: str) -> str:
    """The English title a page shows at the top (from the registry; not always its id:
    /capacity is 'Spending and training')."""
    return registry.page(page).title


def run_page(page: str, params: dict[str, str | list[str]] | None = None, timeout: int = 60) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page != DEFAULT_PAGE:
        at.switch_page(PAGES[page])
    at.run()
    return at


_SHOWN: dict[tuple, AppTest] = {}


def shown(page: str, params: dict[str, str | list[str]] | None = None) -> AppTest:
    """The page as `run_page` renders it, shared by the tests that only read what it shows:
    one run per page, link and RAPPORTEUR_* environment (data folders, sources, clock) per
    session, whichever test asks first. Not for a test that clicks or types, reads the
    session, or patches the app (a module's clock, the loader): those use `run_page`."""
    key = (page, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in (params or {}).items())),
           tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("RAPPORTEUR_"))))
    if key not in _SHOWN:
        _SHOWN[key] = run_page(page, params)
    return _SHOWN[key]


def visible_text(at: AppTest) -> str:
    """The text of the elements a reader sees (titles, markdown, notices, captions)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "success", "error"):
        parts += [str(e.value) for e in getattr(at, kind)]
    return "\n".join(parts)
