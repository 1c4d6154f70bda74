"""A phone gets the figures under a chart open (it cannot hover to read them); a desktop
does not. The app learns it is a phone from the browser's User-Agent (ui/device.py);
tests/test_layout.py checks the same in Chromium with a phone's user agent."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import ui.device
import ui.display
from tests.apptest import run_page

IPHONE = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
          "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")
ANDROID = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36"
IPAD = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
        "Version/17.5 Safari/605.1.15")
DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


@pytest.mark.parametrize("agent,phone", [(IPHONE, True), (ANDROID, True), (IPAD, False), (DESKTOP, False),
                                         ("", False)])
def test_a_phone_is_known_by_its_user_agent(monkeypatch, agent: str, phone: bool) -> None:
    monkeypatch.setattr(ui.device, "st", SimpleNamespace(context=SimpleNamespace(headers={"User-Agent": agent})))
    assert ui.device.on_phone() is phone


def test_without_a_browser_it_is_not_a_phone() -> None:
    assert ui.device.on_phone() is False  # no session: AppTest and scripts get the desktop layout


def figure_tables(at) -> list[str]:
    return [d.key for d in at.dataframe if (d.key or "").startswith("table_")]


@pytest.mark.parametrize("page,params,table", [
    ("justice", {}, "table_justice_funnel_"),
    ("overview", {}, "table_overview_timeline"),
])
def test_figures_under_a_chart_open_on_a_phone_only(monkeypatch, page: str, params: dict, table: str) -> None:
    desktop = run_page(page, params)
    assert not desktop.exception
    assert not any(k.startswith(table) for k in figure_tables(desktop))
    monkeypatch.setattr(ui.display, "on_phone", lambda: True)
    phone = run_page(page, params)
    assert not phone.exception
    assert any(k.startswith(table) for k in figure_tables(phone)), figure_tables(phone)


def test_the_view_switch_is_one_select_on_a_phone(monkeypatch) -> None:
    """A row of view buttons wraps to three rows on a phone; there it is one select."""
    import ui.params

    desktop = run_page("justice", {"view": "trends"})
    view_key = ui.params.widget_key("view")
    assert view_key not in [s.key for s in desktop.selectbox]
    monkeypatch.setattr(ui.params, "on_phone", lambda: True)
    phone = run_page("justice", {"view": "trends"})
    assert not phone.exception
    switch = phone.selectbox(key=view_key)
    assert switch.value == "trends"
    assert "Where sources disagree" in switch.options
    switch.set_value("disagree").run()
    assert any(h.value == "Where the sources disagree" for h in phone.subheader)


def test_a_phone_gets_no_plotly_toolbar_over_the_chart_title(monkeypatch) -> None:
    """A tap on a chart shows Plotly's toolbar, which covers the right end of the title."""
    import json

    def toolbar(at) -> list:
        return [json.loads(c.proto.config or "{}").get("displayModeBar") for c in at.get("plotly_chart")]

    desktop = run_page("justice")
    assert toolbar(desktop) and all(t is not False for t in toolbar(desktop))
    monkeypatch.setattr(ui.display, "on_phone", lambda: True)
    phone = run_page("justice")
    assert toolbar(phone) and all(t is False for t in toolbar(phone))
