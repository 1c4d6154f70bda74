"""Filters kept in the URL, with a notice instead of a traceback for bad links.

Every filter's value lives in the address bar as a language-neutral id
(`?year=2021&reporter=nsc&view=trends&lang=ru`), so a copied link reproduces the
view in any language. We keep the URL ourselves rather than with Streamlit's
`bind="query-params"`, which stores an option's *displayed label*: a translated
label would change the link with the language and break it for other readers.

The URL is read at the start of every run and decides the widget's value; a
change by the reader writes the new id into the URL (an `on_change` callback,
which runs before the script). A value that is not allowed gives a notice, is
removed from the URL, and the default view is shown.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from i18n import _


def _raw(key: str) -> str | None:
    try:
        values = st.query_params.get_all(key)
    except Exception:  # a malformed query string must never take the page down
        return None
    return values[-1] if values else None


def param_id(option: Any) -> str:
    """An option as it is written in the URL."""
    return str(option)


def from_url(key: str, options: Sequence[Any], default: Any) -> Any:
    """The option the URL asks for under `key`, or `default` (with a notice when the
    URL asked for something that is not available). The raw value is never echoed
    back: it may be a script fragment."""
    raw = _raw(key)
    if raw is None or raw == "":
        return default
    for option in options:
        if param_id(option) == raw:
            return option
    st.info(_("The link asked for something that is not available here; showing the default view instead."),
            icon=":material/info:")
    try:
        del st.query_params[key]
    except Exception:
        pass
    return default


def _write(key: str, widget_key: str) -> None:
    value = st.session_state.get(widget_key)
    if value is None:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = param_id(value)


def choose(
    label: str,
    options: Sequence[Any],
    key: str,
    default: Any | None = None,
    format_func: Callable[[Any], str] = str,
    container: Any = st,
    **kwargs: Any,
) -> Any:
    """A selectbox whose value lives in the URL as `?key=<id>` (`label` already translated)."""
    options = list(options)
    fallback = default if default in options else (options[0] if options else None)
    value = from_url(key, options, fallback)
    widget_key = f"_param_{key}"
    st.session_state[widget_key] = value
    return container.selectbox(label, options, key=widget_key, format_func=format_func,
                               on_change=_write, args=(key, widget_key), **kwargs)


def choose_view(options: dict[str, str], key: str = "view", label: str | None = None) -> str:
    """A row of buttons choosing which part of a page to show, kept in the URL as `?view=<id>`.

    Showing one part at a time keeps a page light on a phone or a slow connection.
    `options` maps view ids to translated labels.
    """
    keys = list(options)
    value = from_url(key, keys, keys[0])
    widget_key = f"_param_{key}"
    st.session_state[widget_key] = value
    chosen = st.segmented_control(
        label or _("Show"), keys, key=widget_key, format_func=lambda k: options[k],
        on_change=_write, args=(key, widget_key), label_visibility="collapsed", width="stretch",
    )
    return chosen or keys[0]
