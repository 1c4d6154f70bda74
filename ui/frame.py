"""The common frame of every page: title, the question it answers, sources footer."""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlencode

import polars as pl
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from data import watch
from data.citations import documents
from data.metadata import dataset_names, reference_names, text_in
from data.metadata import table as table_meta
from i18n import N_, _, current
from i18n.numbers import date
from ui import language
from ui.clock import today
from ui.pages import page

# Static print stylesheet (A4, no sidebar, charts whole). It is the only raw HTML the
# app renders: a constant file, never data or URL values (tests/test_code_scan.py).
PRINT_CSS = (Path(__file__).resolve().parents[1] / "static" / "print.css").read_text(encoding="utf-8")


def ensure_navigation() -> None:
    """Make the app's own `st.navigation` govern, even on a server's very first run.

    Streamlit treats an app with a `pages/` folder beside its entry script as a
    legacy multipage app until `st.navigation` has run once; on that first run a
    URL such as `/justice` would execute the page file on its own, without the
    app's navigation and frame. Our pages live in `pages/` (the project layout),
    so we switch the legacy mode off and rerun through `app.py`. This reads a
    Streamlit internal; `tests/test_browser.py` opens a fresh server on a page URL
    to catch any change in that behaviour.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


class PageFrame:
    """Title and one-line question at the top; `sources()` writes the footer.

    `page_id` names the page in the registry (ui/pages.py), which holds its title and
    question; both are shown in the reader's language, which app.py settled before
    the page runs.
    """

    def __init__(self, page_id: str) -> None:
        ensure_navigation()
        st.html(f"<style>{PRINT_CSS}</style>")
        registered = page(page_id)
        self.page_id = page_id
        self.title = _(registered.title)
        st.title(self.title)
        st.caption(_(registered.question))
        watch.start_tracking()  # the files this run reads; sources() shows a notice if any is broken
        self._notice = st.empty()

    def view_link(self) -> str:
        """The address of this view: the page with every filter in it, in the reader's
        language ('' outside a browser, e.g. in tests). The reader's brief (`?charts=`) is in
        the link of the Brief page only: a link to a chart's page does not hand over a brief."""
        skip = {language.PARAM} | ({"charts"} if self.page_id != "brief" else set())
        try:
            base = st.context.url or ""
            pairs = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)
                     if k not in skip]
            pairs.append((language.PARAM, current()))  # a shared link opens in the language it was copied in
        except Exception:  # no browser context (tests) or an unreadable query string
            base, pairs = "", []
        base = base.split("?")[0]
        return (base + ("?" + urlencode(pairs) if pairs else "")) if base else ""

    def share_link(self) -> None:
        """'Copy link to this view': the page address with every filter in it.

        The link (a code block with a copy button) is drawn only when asked for: the
        code block's script is heavy, and most visits do not need it.
        """
        with st.sidebar:
            if not st.toggle(_("Copy link to this view"), key="_share_link"):
                return
            link = self.view_link()
            st.code(link or _("(open the page in a browser to get its link)"), language=None, wrap_lines=True)

    def print_footer(self) -> None:
        """The foot of a printed page: the link to this view and the date (print only:
        static/print.css shows the `print_footer` container on paper and hides it on screen;
        Chromium does not print CSS page margin boxes, so the page cannot carry it there)."""
        with st.container(key="print_footer"):
            link = self.view_link()
            day = date(today())
            st.caption(_("Printed from {link} on {date}", link=link, date=day) if link
                       else _("Printed on {date}", date=day))

    def sources(self, frames: Iterable[pl.DataFrame]) -> None:
        """Footer naming the documents whose figures this page showed, and the share link;
        under the title, a notice when a file this page read has problems; and on paper the
        link to the view and the date."""
        self._sources(frames)
        self.print_footer()

    def _sources(self, frames: Iterable[pl.DataFrame]) -> None:
        used: set[str] = set()
        for frame in frames:
            if "source" in frame.columns:
                used.update(s for s in frame["source"].unique().to_list() if s)
        if used:
            watch.touch("sources")  # the footer names the documents from sources.csv
        data_notice(watch.accessed(), self._notice)
        self.share_link()
        st.divider()
        if not used:
            st.caption(_("No source figures are shown on this page."))
            return
        # Names, titles and publishers in the reader's language (our translation where the
        # sources table has one; the Sources page shows the title as published beside it).
        catalogue = documents().filter(pl.col("source").is_in(sorted(used)))
        lines = [
            f"- **{row['short'] or row['source']}**: {row['title']} ({row['publisher']}"
            + (f", {row['year_published']}" if row["year_published"] else "")
            + ")"
            if row["title"] else f"- **{row['source']}**"  # the sources table could not be read
            for row in catalogue.sort("source").iter_rows(named=True)
        ]
        st.caption(_("Sources used on this page (details on the Sources page):"))
        st.markdown("\n".join(lines))


# Files that are not tables of data/ (which are named by their title in the metadata).
FILE_TITLES = {"kgz_regions": N_("map of the regions"), "world_countries": N_("world map"),
               "points": N_("map label points"), "geo_sources": N_("map credits"),
               "conflicts": N_("recorded conflicts")}


def file_title(name: str) -> str:
    """A watched file's name for readers: its table title, or what the file draws."""
    meta = table_meta(name) if name in (*dataset_names(), *reference_names()) else None
    if meta is not None:
        return text_in(meta.title, current()) or name
    return _(FILE_TITLES[name]) if name in FILE_TITLES else name


def data_notice(datasets_used: Iterable[str], box=None) -> bool:
    """A short notice when any of the files a page used (watched names: datasets, reference
    tables, geometry) has problems. Returns whether one was shown."""
    used = set(datasets_used)
    affected = [n for n in sorted(used) if n in watch.registered() and watch.registered()[n].problems()]
    if not affected:
        return False
    (box or st).warning(
        _("Some data behind this page could not be read or failed its checks ({files}); the page shows "
          "what passed. The Sources page lists the problems.", files=", ".join(file_title(n) for n in affected)),
        icon=":material/warning:")
    return True
