"""The figure cache: a figure (a Plotly chart or map) is built once per process, per language
and inputs, and shared by every session."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from data.load import data_version
from i18n import current, using

Built = TypeVar("Built")


@st.cache_resource(show_spinner=False, max_entries=1024)
def _build_once(builder: str, lang: str, version: tuple, _build: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The shared cache behind `cached_figure`: keyed by builder, language, data version and inputs."""
    with using(lang):
        return _build(*args, **kwargs)


def cached_figure(build: Callable[..., Built]) -> Callable[..., Built]:
    """Build a figure once per process, per language, and share it across sessions.

    Figures depend only on their inputs and the language, never on the session
    (plotly figure construction is the slowest step of a rerun). The language is
    part of the key, so a Russian chart is never served to an English reader; so is
    the data version, so a file swapped in under a running server redraws what
    depends on it (names, boundaries) even when the inputs are the same.
    """
    name = f"{build.__module__}.{build.__qualname__}"

    @functools.wraps(build)
    def cached(*args: Any, **kwargs: Any) -> Built:
        return _build_once(name, current(), data_version(), build, *args, **kwargs)

    return cached
