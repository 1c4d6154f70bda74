"""A tap on a chart or map selects what is under the finger, as a click does.

Plotly selects a mark on a mouse click (the page then writes what its hover says, opens the
source passage, or chooses the tapped region or country), but not on a touch: a phone,
which cannot hover either, got nothing from a tap. The constant script below turns a short
touch that did not move, on a chart's plotting area, into the mouse events of one click at
the same place, and cancels the browser's own so that a phone never clicks twice. Nothing is
sent to it; it installs itself once per browser tab. Like ui/page_lang.py it is a
components-v2 component (public API, no iframe): tests/test_code_scan.py allows
`components.v2` in these two files only. tests/test_browser_maps.py taps the map as a phone.
"""
from __future__ import annotations

import streamlit as st

_JS = """export default function () {
  if (window.__tapToClick) { return; }
  window.__tapToClick = true;
  let start = null;
  const onPlot = (el) => el && el.closest && el.closest('.js-plotly-plot') && el.closest('.nsewdrag');
  document.addEventListener('touchstart', (e) => {
    const t = e.touches[0];
    start = e.touches.length === 1 && onPlot(e.target) ? { x: t.clientX, y: t.clientY, at: Date.now(), el: e.target } : null;
  }, { capture: true, passive: true });
  document.addEventListener('touchend', (e) => {
    const t = e.changedTouches[0];
    const tap = start && t && Date.now() - start.at < 500 && Math.hypot(t.clientX - start.x, t.clientY - start.y) <= 10;
    const el = tap ? start.el : null;
    start = null;
    if (!el) { return; }
    e.preventDefault();
    el.closest('.js-plotly-plot')._mouseDownTime = 0;  // one click, not the second of a double click
    const at = { bubbles: true, cancelable: true, view: window, clientX: t.clientX, clientY: t.clientY, button: 0 };
    setTimeout(() => {
      el.dispatchEvent(new MouseEvent('mousemove', at));
      el.dispatchEvent(new MouseEvent('mousedown', { ...at, buttons: 1 }));
      document.dispatchEvent(new MouseEvent('mouseup', at));
      el.dispatchEvent(new MouseEvent('click', at));
    }, 0);
  }, { capture: true, passive: false });
}"""
_component = st.components.v2.component("rapporteur.touch", js=_JS)


def install() -> None:
    """Make taps select on this page's charts (the script installs itself once per tab)."""
    _component(key="touch_to_click")
