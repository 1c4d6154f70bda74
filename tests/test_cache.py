"""Expensive work happens once per process: the second session reuses loaded data and
built figures."""
from __future__ import annotations

from unittest import mock

from data import load
from tests.apptest import run_page


def test_second_session_hits_the_data_cache() -> None:
    run_page("justice")  # first session (may already be warm from other tests)
    served = load.DATASETS["justice"].state().served
    with mock.patch.object(load, "load_dataset", wraps=load.load_dataset) as reads:
        run_page("justice")  # a second, independent session (files unchanged on disk)
    assert reads.call_count == 0, "datasets were read and validated again"
    assert load.DATASETS["justice"].state().served is served


def test_second_session_reuses_figures() -> None:
    run_page("justice")
    with mock.patch("plotly.graph_objects.Figure.__init__", side_effect=AssertionError("figure rebuilt")):
        # Sparklines and other tiny figures are not used on the Justice funnel view: every
        # figure there comes from the shared cache, so no Figure is constructed.
        at = run_page("justice")
    assert not at.exception, at.exception
    # The second run drew its chart (from the cache): without a chart the patch above proves nothing.
    assert len(at.get("plotly_chart")) >= 1
