"""The server settings that protect viewers, asserted from .streamlit/config.toml."""
from __future__ import annotations

import tomllib

from tests.conftest import ROOT

CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_xsrf_protection_on() -> None:
    assert CONFIG["server"]["enableXsrfProtection"] is True


def test_no_cross_origin_access() -> None:
    # Streamlit's enableCORS=true is its CORS *protection*: no other origin may call the app.
    assert CONFIG["server"]["enableCORS"] is True


def test_small_upload_limit_and_no_run_on_save() -> None:
    assert CONFIG["server"]["maxUploadSize"] <= 1
    assert CONFIG["server"]["runOnSave"] is False


def test_no_usage_statistics() -> None:
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_viewers_never_see_tracebacks() -> None:
    assert CONFIG["client"]["showErrorDetails"] == "none"


def test_nothing_served_from_static() -> None:
    # the maps are Plotly charts (ui/maps.py): no map style to serve, so no file is reachable
    assert CONFIG["server"]["enableStaticServing"] is False


def test_colour_blind_safe_palette() -> None:
    assert CONFIG["theme"]["chartCategoricalColors"][:3] == ["#0072B2", "#E69F00", "#009E73"]


def test_no_full_collection_after_every_run() -> None:
    # a full gc.collect() per run serialised every session behind ~220 ms of work
    assert CONFIG["runner"]["postScriptGC"] is False
