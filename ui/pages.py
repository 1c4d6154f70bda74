"""The one list of the dashboard's pages.

Everything that names a page reads it from here: the navigation (app.py), each
page's title and question (ui.frame.PageFrame), the links between pages
(Overview, Recommendations, Brief), the AppTest and browser tests and the
benchmarks. Adding a page = one entry below plus its script in pages/.

`title`, `section` and `question` are message ids (marked with `N_`), translated
where they are shown; `id` is the page's address (`/justice`) and never shown.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from i18n import N_, _

EVIDENCE, ACTION, ABOUT = N_("Evidence"), N_("Action"), N_("About the data")


@dataclass(frozen=True)
class Page:
    id: str  # url_path: /justice; the default page is served at the root
    script: str  # the page's file, relative to the app's folder
    title: str  # message id
    icon: str
    section: str  # message id of its group in the navigation; "" = above every group
    question: str  # message id: the one question the page answers, under its title
    default: bool = False
    on_overview: bool = False  # linked from Overview's "Where to look next", with a one-line answer
    opens_with_figures: bool = True  # opened without filters, it shows a chart, table or map at once


PAGES: tuple[Page, ...] = (
    Page("overview", "pages/overview.py", N_("Overview"), ":material/dashboard:", "",
         N_("What do the sources say about trafficking in persons in Kyrgyzstan, and how recent is it?"),
         default=True),
    Page("victims", "pages/victims.py", N_("Victims"), ":material/diversity_3:", EVIDENCE,
         N_("How many victims are identified and helped, by whom, and how many never reach the police?"),
         on_overview=True),
    Page("justice", "pages/justice.py", N_("Justice"), ":material/gavel:", EVIDENCE,
         N_("How many trafficking cases move from registration to conviction, and is it getting better?"),
         on_overview=True),
    Page("regions", "pages/regions.py", N_("Regions"), ":material/map:", EVIDENCE,
         N_("Which regions have a coordination council against trafficking, and what do the sources say about each?"),
         on_overview=True),
    Page("migration", "pages/migration.py", N_("Migration"), ":material/flight_takeoff:", EVIDENCE,
         N_("To which countries are people from Kyrgyzstan taken, and from where do victims come to Kyrgyzstan?"),
         on_overview=True),
    Page("recommendations", "pages/recommendations.py", N_("Recommendations"), ":material/checklist:", ACTION,
         N_("What have the reports recommended, to whom, and what has been implemented?"),
         on_overview=True),
    Page("capacity", "pages/capacity.py", N_("Spending and training"), ":material/payments:", ACTION,
         N_("What has been spent against trafficking, who paid, and who was trained when?")),
    # An empty brief (a fresh visit) shows how to fill it, no figure.
    Page("brief", "pages/brief.py", N_("Brief"), ":material/slideshow:", ACTION,
         N_("Which charts go into the slides for Parliament or donors, and in what order?"),
         opens_with_figures=False),
    Page("sources", "pages/sources.py", N_("Sources"), ":material/menu_book:", ABOUT,
         N_("Where does every figure on this dashboard come from, and what does each dataset cover?")),
    Page("accessibility", "pages/accessibility.py", N_("Accessibility"), ":material/accessibility_new:", ABOUT,
         N_("Can everyone read this dashboard, what was tested, and what is known not to work?"),
         opens_with_figures=False),
)
BY_ID: dict[str, Page] = {p.id: p for p in PAGES}
DEFAULT: Page = next(p for p in PAGES if p.default)


def page(page_id: str) -> Page:
    """The page with this id (a KeyError names a page that does not exist)."""
    return BY_ID[page_id]


def navigation() -> dict[str, list]:
    """`st.navigation`'s pages by section, titles in the current language."""
    sections: dict[str, list] = {}
    for p in PAGES:
        sections.setdefault(_(p.section) if p.section else "", []).append(
            st.Page(p.script, title=_(p.title), icon=p.icon, url_path=p.id, default=p.default))
    return sections


def link(page_id: str, label: str, icon: str | None = None, container=st,
         query: dict[str, str] | None = None) -> None:
    """A link to a page of the dashboard (`label` already translated; the page's icon by default;
    `query`: registered link parameters, ui/params.py)."""
    target = page(page_id)
    container.page_link(target.script, label=label, icon=icon or target.icon, query_params=query)
