"""Brief: the charts a reader picked on other pages, ordered and titled, downloaded as
an editable PowerPoint deck. The brief lives in the link (`?charts=`, brief.collect):
each chart is drawn again here from its page and filters (ui.briefs.rebuild). Layout only."""
from __future__ import annotations

from urllib.parse import urlencode

import polars as pl
import streamlit as st

from brief.collect import PARAM as CHARTS, collected, empty, keep
from brief.deck import build_brief, footnote_text
from brief.link import Entry, encode
from i18n import LANGUAGES, N_, _, current, ngettext, using
from ui import language
from ui.briefs import rebuild
from ui.clock import today
from ui.display import later
from ui.formatting import file_stem
from ui.labels import names
from ui.frame import PageFrame
from ui.pages import link

frame = PageFrame("brief")
entries = collected()

if not entries:
    st.info(" ".join((
        _("The brief is empty. On any page, open a chart and press **Add this chart to the brief**; "
          "it keeps the filters you chose there."),
        _("Then come back here to order the charts and download the slides."),
    )))
    link("justice", _("Start with the Justice page"))
    frame.sources([])
    st.stop()

st.caption(" ".join((
    _("Each chart becomes a native, editable PowerPoint chart with its source as a footnote."),
    _("Maps are not included: they cannot be drawn as editable charts."),
    _("The slides are written in the language you choose below, whatever the language each chart was added in."),
    _("The address of this page holds the brief: copy it to share the brief, or bookmark it."),
)))


def moved(i: int, step: int) -> None:
    items = collected()
    j = i + step
    if 0 <= i < len(items) and 0 <= j < len(items):
        items[i], items[j] = items[j], items[i]
        keep(items)


def removed(i: int) -> None:
    items = collected()
    if 0 <= i < len(items):
        keep(items[:i] + items[i + 1:])


def retitled(i: int, key: str) -> None:
    items = collected()
    if 0 <= i < len(items):
        chart = rebuild(Entry(items[i].name, items[i].page, items[i].params))
        text = (st.session_state.get(key) or "").strip()[:120]
        mine = "" if chart is not None and text == chart.title else text
        items[i] = Entry(items[i].name, items[i].page, items[i].params, mine)
        keep(items)


def thumbnail(spec) -> None:
    """A small native chart of the slide's figures (plotly's static image export, kaleido,
    is not installed; a native Streamlit chart needs no image at all)."""
    categories, series = spec.table()
    data = pl.DataFrame({"category": categories, **{str(k): v for k, v in series.items()}}, strict=False)
    if spec.kind == "line":
        st.line_chart(data, x="category", height=140, x_label="", y_label="")
    else:
        st.bar_chart(data, x="category", height=140, x_label="", y_label="", horizontal=spec.kind == "barh")


specs = [rebuild(entry) for entry in entries]
for i, (entry, spec) in enumerate(zip(entries, specs)):
    with st.container(border=True, key=f"brief_chart_{i}"):
        if spec is None:
            st.warning(_("This chart can no longer be drawn from its page and filters; remove it from the brief."))
        else:
            picture, words = st.columns([1, 2])
            with picture:
                thumbnail(spec)
            with words:
                key = f"brief_title_{i}_{entry.name}"
                st.session_state[key] = spec.title
                st.text_input(_("Title of chart {n}", n=str(i + 1)), key=key, max_chars=120,
                              on_change=retitled, args=(i, key))
                st.caption(spec.subtitle)
                st.caption(footnote_text(spec))
        buttons = st.columns(3)
        buttons[0].button(_("Move up"), key=f"brief_up_{i}", icon=":material/arrow_upward:", disabled=i == 0,
                          on_click=moved, args=(i, -1), width="stretch")
        buttons[1].button(_("Move down"), key=f"brief_down_{i}", icon=":material/arrow_downward:",
                          disabled=i == len(entries) - 1, on_click=moved, args=(i, 1), width="stretch")
        buttons[2].button(_("Remove"), key=f"brief_remove_{i}", icon=":material/delete:",
                          on_click=removed, args=(i,), width="stretch")

DEFAULT_TITLE = N_("Trafficking in persons in the Kyrgyz Republic: the evidence")
title = st.text_input(_("Title of the brief"), value=_(DEFAULT_TITLE), max_chars=120, key="brief_title")
deck_lang = st.selectbox(_("Language of the slides"), list(LANGUAGES), index=list(LANGUAGES).index(current()),
                         format_func=LANGUAGES.get, key="brief_lang")
if title == _(DEFAULT_TITLE):  # the suggested title, not one the reader typed: in the slides' language
    with using(deck_lang):
        title = _(DEFAULT_TITLE)


def live_link() -> str:
    """The address of this brief, in the slides' language, for the deck's last slide."""
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:  # no browser context (tests)
        return ""
    return f"{base}?{urlencode({CHARTS: encode(entries), language.PARAM: deck_lang})}" if base else ""


def deck(title: str, entries: list[Entry], lang: str, link: str) -> bytes:
    """The deck, each chart drawn again in the slides' language (titles the reader typed stay)."""
    with using(lang):
        charts = [c for c in (rebuild(e) for e in entries) if c is not None]
        return build_brief(title, charts, names=names, lang=lang, link=link, day=today())


chosen = [spec for spec in specs if spec is not None]
st.download_button(
    ngettext("Download the brief ({n} chart slide, PowerPoint)", "Download the brief ({n} chart slides, PowerPoint)",
             len(chosen)),
    data=later(deck, title, entries, deck_lang, live_link()),
    file_name=f"{file_stem(title, 'brief')[:60].rstrip('-')}.pptx", key="brief_download", on_click="ignore",
    icon=":material/download:", mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    disabled=not chosen,
)
if st.button(_("Empty the brief"), key="brief_clear"):
    empty()
    st.rerun()

frame.sources([spec.frame for spec in chosen])
