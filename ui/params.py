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

Every parameter is registered once in PARAMS below (name, allowed ids, default,
widget kind); pages call `select("year", options, label=...)` or `view({...})` and
never see the widgets' session-state keys.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from data.metadata import dataset_names
from i18n import LANGUAGES, _
from ui.device import on_phone

SELECT, VIEW, LANGUAGE = "select", "view", "language"  # widget kinds
VALUE = "value"  # no widget: read and written by the module named in its doc


@dataclass(frozen=True)
class Param:
    """One link parameter: `?name=<id>`.

    `allowed` is the ids it may take, or a function giving them, or None when the page
    gives them from its data (a page's options must then be among `allowed` when both
    are known). `default` is the id shown when the link has none (None: the page's
    default, or its first option); a page cannot override a default set here."""

    name: str
    kind: str  # SELECT (a selectbox), VIEW (a row of buttons: which part of a page), LANGUAGE (ui.language),
    # VALUE (no widget: the module its doc names reads and writes it)
    default: str | None = None
    allowed: tuple[str, ...] | Callable[[], Sequence[str]] | None = None
    doc: str = ""  # what it chooses, for developers

    def options(self) -> list[str] | None:
        if self.allowed is None:
            return None
        return list(self.allowed() if callable(self.allowed) else self.allowed)


# Every parameter a link may carry. Ids, never translated text: a link works in every language.
PARAMS: dict[str, Param] = {p.name: p for p in (
    Param("lang", LANGUAGE, allowed=lambda: tuple(LANGUAGES), doc="interface language (ui.language)"),
    Param("view", VIEW, doc="which part of a page is shown (Justice, Victims, Migration); default its first part"),
    Param("year", SELECT, doc="Justice: year of the funnel; default the latest year with data"),
    Param("compare", SELECT, doc="Justice: the year compared with; default the nearest earlier year"),
    Param("reporter", SELECT, default="all", doc="Justice: one reporter's figures (reporter id)"),
    Param("stage", SELECT, default="all", doc="Justice: one stage of the funnel (stage id)"),
    Param("offence", SELECT, default="all", doc="Justice, penalties view: one offence (offence id)"),
    Param("region", SELECT, default="all", doc="Regions, Victims: one oblast or city (ISO 3166-2 code)"),
    Param("sex", SELECT, default="all", allowed=("all", "female", "male"), doc="Victims: sex of the victims"),
    Param("age", SELECT, default="all", allowed=("all", "child", "adult"), doc="Victims: age group"),
    Param("measure", SELECT, doc="Regions: what colours the map; Migration: what sets the arcs' width"),
    Param("role", SELECT, default="all", doc="Migration: destination, origin or transit"),
    Param("country", SELECT, default="all", doc="Migration: one country (ISO 3166-1 alpha-3)"),
    Param("form", SELECT, default="all", doc="Migration: one form of exploitation (exploitation id)"),
    Param("theme", SELECT, default="all", doc="Overview: milestones' theme; Recommendations: theme"),
    Param("report", SELECT, default="all", doc="Recommendations: one report (source id)"),
    Param("status", SELECT, default="all", doc="Recommendations: status id"),
    Param("topic", SELECT, default="all", doc="Recommendations: a recurring issue (topic id)"),
    Param("all", SELECT, default="0", allowed=("0", "1"),
          doc="Recommendations: 1 counts every row (restatements, interviewees' views); default formal ones only"),
    Param("cite_dataset", SELECT, doc="Sources: the dataset of the figure to cite"),
    Param("charts", VALUE, doc="every page: the brief, each chart as (name, page, filters, title), "
          "base64url JSON (brief.collect, brief.link); never data"),
    Param("cite", VALUE, doc="Sources: the figure (data row id, e.g. justice-0145) whose source passage is shown"),
    Param("dictionary", SELECT, allowed=dataset_names,
          doc="Sources: the dataset whose data dictionary is shown (dataset id)"),
)}


def _spec(name: str, kind: str) -> Param:
    spec = PARAMS.get(name)
    if spec is None or spec.kind != kind:
        raise KeyError(f"{name!r} is not a registered {kind} link parameter (ui/params.py PARAMS)")
    return spec


def _widget_key(name: str) -> str:
    """The session-state key of the widget bound to `?name=`: known only to this module."""
    return f"_param_{name}"


def widget_key(name: str) -> str:
    """For tests (AppTest finds a widget by key): the key of the widget bound to `?name=`."""
    return _widget_key(PARAMS[name].name)


def _raw(key: str) -> str | None:
    try:
        values = st.query_params.get_all(key)
    except Exception:  # a malformed query string must never take the page down
        return None
    return values[-1] if values else None


def param_id(option: Any) -> str:
    """An option as it is written in the URL."""
    return str(option)


def _unavailable(key: str) -> None:
    """The link asked for something this page does not have: the usual notice, and `key`
    leaves the URL (its raw value is never echoed back: it may be a script fragment)."""
    st.info(_("The link asked for something that is not available here; showing the default view instead."),
            icon=":material/info:")
    try:
        del st.query_params[key]
    except Exception:
        pass


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
    _unavailable(key)
    return default


def peek(name: str, options: Sequence[Any] | None = None, default: Any | None = None) -> Any:
    """The option `select(name, options, default=...)` will return this run, without a widget
    or a notice: for a control's summary drawn before the widget (a 'Filters: 2018 · all
    reporters' button whose widgets are inside it). The URL holds the current choice at the
    start of every run (the widgets' callbacks write it before the script runs)."""
    spec = PARAMS[name]
    options, fallback = _options_and_default(spec, options, default)
    raw = _raw(spec.name)
    return next((o for o in options if raw is not None and param_id(o) == raw), fallback)


def _write(key: str, widget_key: str) -> None:
    value = st.session_state.get(widget_key)
    if value is None:
        st.query_params.pop(key, None)
    else:
        st.query_params[key] = param_id(value)


def _options_and_default(spec: Param, options: Sequence[Any] | None, default: Any | None) -> tuple[list, Any]:
    allowed = spec.options()
    if options is None:
        if allowed is None:
            raise ValueError(f"?{spec.name}= takes its options from the page: pass them")
        options = allowed
    options = list(options)
    if allowed is not None and not {param_id(o) for o in options} <= set(allowed):
        raise ValueError(f"options for ?{spec.name}= outside those registered in ui/params.py")
    if spec.default is not None and default is not None and default != spec.default:
        raise ValueError(f"?{spec.name}= has its default in ui/params.py ({spec.default!r})")
    wanted = spec.default if spec.default is not None else default
    fallback = wanted if wanted in options else (options[0] if options else None)
    return options, fallback


def select(
    name: str,
    options: Sequence[Any] | None = None,
    *,
    label: str,
    default: Any | None = None,
    format_func: Callable[[Any], str] = str,
    container: Any = st,
    **kwargs: Any,
) -> Any:
    """A selectbox whose value lives in the URL as `?name=<id>`; returns the chosen option.

    `name` is a registered parameter (PARAMS); `options` are ids (the registered ones
    when omitted), `label` is already translated and `format_func` shows an id to the
    reader. `default` only for a parameter whose default the registry leaves to the page.
    """
    spec = _spec(name, SELECT)
    options, fallback = _options_and_default(spec, options, default)
    value = from_url(spec.name, options, fallback)
    key = _widget_key(spec.name)
    st.session_state[key] = value
    return container.selectbox(label, options, key=key, format_func=format_func,
                               on_change=_write, args=(spec.name, key), **kwargs)


def choose(name: str, value: str | None) -> None:
    """Set `?name=<value>` from something other than the parameter's own widget (a click on a
    map): the next run's widget reads it from the URL. None removes it (the default)."""
    spec = _spec(name, SELECT)
    if value is None or value == spec.default:
        st.query_params.pop(spec.name, None)
    else:
        st.query_params[spec.name] = param_id(value)


def view(options: dict[str, str], name: str = "view", label: str | None = None) -> str:
    """A row of buttons choosing which part of a page to show, kept in the URL as `?view=<id>`.

    Showing one part at a time keeps a page light on a phone or a slow connection.
    `options` maps view ids to translated labels; the first is the default.
    """
    spec = _spec(name, VIEW)
    keys, fallback = _options_and_default(spec, list(options), None)
    value = from_url(spec.name, keys, fallback)
    key = _widget_key(spec.name)
    st.session_state[key] = value
    # On a phone a row of buttons wraps to two or three rows and pushes the chart off the
    # first screen: there the same choice is one line (a select showing the current part).
    widget = st.selectbox if on_phone() else st.segmented_control
    chosen = widget(
        label or _("Show"), keys, key=key, format_func=lambda k: options[k],
        on_change=_write, args=(spec.name, key), label_visibility="collapsed", width="stretch",
    )
    return chosen or keys[0]


def value(name: str) -> str | None:
    """The raw value of a registered VALUE parameter (no widget: the caller checks it and calls
    `refuse` when it is not valid; never echo it back)."""
    _spec(name, VALUE)
    return _raw(name)


def refuse(name: str) -> None:
    """A VALUE parameter the link gave is not valid: the usual notice, and it leaves the URL."""
    _spec(name, VALUE)
    _unavailable(name)
