"""Brief: the charts a reader picked on other pages, ordered and titled, downloaded as
an editable PowerPoint deck. Layout only: the collection and the deck are the brief room's (brief/)."""
from __future__ import annotations

from urllib.parse import urlencode

import polars as pl
import streamlit as st

from brief.collect import collected, empty
from brief.deck import build_brief, footnote_text
from brief.translate import retranslate
from i18n import LANGUAGES, N_, _, current, ngettext, using
from ui import language
from ui.clock import today
from ui.display import later
from ui.formatting import file_stem
from ui.labels import names
from ui.frame import PageFrame
from ui.pages import link
from ui.tables import column_config

frame = PageFrame("brief")
items = collected()

if not items:
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
)))
order = pl.DataFrame({
    "include": [True] * len(items),
    "order": list(range(1, len(items) + 1)),
    "chart": [retranslate(spec.title, spec.lang, current()) for spec in items],
    "subtitle": [retranslate(spec.subtitle, spec.lang, current()) for spec in items],
    "source": [footnote_text(spec) for spec in items],
})
edited = st.data_editor(order, hide_index=True, width="stretch", key="brief_editor",
                        disabled=["chart", "subtitle", "source"],
                        column_config=column_config(order.columns, {
                            "include": _("Include"), "order": st.column_config.NumberColumn(_("Order"), step=1),
                            "chart": _("Chart"), "subtitle": _("What, where, when"), "source": _("Footnote")}))
DEFAULT_TITLE = N_("Trafficking in persons in the Kyrgyz Republic: the evidence")
title = st.text_input(_("Title of the brief"), value=_(DEFAULT_TITLE), max_chars=120, key="brief_title")
deck_lang = st.selectbox(_("Language of the slides"), list(LANGUAGES), index=list(LANGUAGES).index(current()),
                         format_func=LANGUAGES.get, key="brief_lang")
if title == _(DEFAULT_TITLE):  # the suggested title, not one the reader typed: in the slides' language
    with using(deck_lang):
        title = _(DEFAULT_TITLE)


def live_link() -> str:
    """The address of this page, in the slides' language, for the deck's last slide."""
    try:
        base = (st.context.url or "").split("?")[0]
    except Exception:  # no browser context (tests)
        return ""
    return f"{base}?{urlencode({language.PARAM: deck_lang})}" if base else ""


chosen = [items[i] for i in sorted(
    (i for i, inc in enumerate(edited["include"].to_list()) if inc),
    key=lambda i: (edited["order"][i] if edited["order"][i] is not None else 999, i))]
st.download_button(
    ngettext("Download the brief ({n} chart slide, PowerPoint)", "Download the brief ({n} chart slides, PowerPoint)",
             len(chosen)),
    data=later(build_brief, title, chosen, names=names, lang=deck_lang, link=live_link(),
                day=today()),
    file_name=f"{file_stem(title, 'brief')[:60].rstrip('-')}.pptx", key="brief_download", on_click="ignore",
    icon=":material/download:", mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
    disabled=not chosen,
)
if st.button(_("Empty the brief"), key="brief_clear"):
    empty()
    st.rerun()

frame.sources([spec.frame for spec in chosen])
