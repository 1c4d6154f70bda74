"""Filters bound to the URL, with a notice instead of a traceback for bad links.

Streamlit's `bind="query-params"` keeps a widget's value in the address bar,
so a copied link reproduces the view. It silently drops a value that is not
one of the options; we check the raw parameter first so the reader is told
the link asked for something that does not exist and sees the default.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st


def _raw(key: str) -> str | None:
    try:
        values = st.query_params.get_all(key)
    except Exception:  # a malformed query string must never take the page down
        return None
    return values[-1] if values else None


def notice_if_invalid(key: str, label: str, allowed: Sequence[str]) -> None:
    """Show a short notice when the URL holds a value for `key` that is not allowed.

    The raw value is never echoed back: it may be a script fragment.
    """
    raw = _raw(key)
    if raw is not None and raw != "" and raw not in allowed:
        st.info(f"The link asked for a {label.lower()} that is not available here; showing the default instead.",
                icon=":material/info:")


def choose(
    label: str,
    options: Sequence[Any],
    key: str,
    default: Any | None = None,
    format_func: Callable[[Any], str] = str,
    container: Any = st,
    **kwargs: Any,
) -> Any:
    """A selectbox whose value lives in the URL as `?key=...`."""
    options = list(options)
    index = options.index(default) if default in options else 0
    notice_if_invalid(key, label, [format_func(o) for o in options])
    return container.selectbox(
        label, options, index=index, key=key, format_func=format_func, bind="query-params", **kwargs
    )


def choose_view(options: dict[str, str], key: str = "view", label: str = "Show") -> str:
    """A row of buttons choosing which part of a page to show, kept in the URL.

    Showing one part at a time keeps a page light on a phone or a slow connection.
    Like every bound widget, the URL holds the option's label (`?view=By+article`).
    """
    keys = list(options)
    notice_if_invalid(key, "view", [options[k] for k in keys])
    value = st.segmented_control(
        label, keys, default=keys[0], key=key, format_func=lambda k: options[k],
        bind="query-params", label_visibility="collapsed", width="stretch",
    )
    return value or keys[0]
