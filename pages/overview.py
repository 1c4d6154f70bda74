"""Overview: the situation at a glance. Layout only: figures come from metrics."""
from __future__ import annotations

import streamlit as st

from data.load import table
from i18n import _
from ui import cite, labels, params
from ui.clock import today
from ui.display import card as headline
from ui.display import key_list, show, sparkline
from ui.figures import timeline_chart
from ui.frame import PageFrame
from ui.pages import PAGES, link
from ui.views import overview as view_of

frame = PageFrame("overview")
justice, assistance, councils = table("justice"), table("assistance"), table("councils")
timeline, gaps = table("timeline"), table("gaps")
this_year = today().year


# The page reads top to bottom, but its one Plotly chart (the timeline) is sent first:
# the browser shows nothing under the title until the chart code has loaded, so it
# should start loading it before the cards, links and gaps arrive.
cards_box, links_box, milestones_box, gaps_box = (st.container() for _box in range(4))

with milestones_box:
    # Timeline: the URL holds the theme id, the reader sees its name.
    st.header(_("Milestones"))
    theme = params.select("theme", ["all", *view_of.themes(timeline)], label=_("Theme"),
                   format_func=lambda t: _("All themes") if t == "all"
                   else labels.capitalised(labels.term("event_theme", t)))
    shown, table_rows = view_of.milestones(timeline, theme)
    if shown.height:
        first, last = shown["date"].min()[:4], shown["date"].max()[:4]
        show(timeline_chart(shown, _("Legal and institutional milestones"),
                            _("Kyrgyz Republic, {first}–{last}, one mark per dated act or event",
                              first=first, last=last)),
             table_rows, "overview_timeline",
             ["mark", "date", "date_precision", "event", "theme", "document", "source", "lines", "note"])
        # The key of the numbered marks, always shown (a phone and paper cannot hover): a year a
        # line, in a box that scrolls on screen (static/print.css prints it whole).
        key_list(view_of.milestone_key(shown), _("Milestones by number"), "milestone-key")
    else:
        st.info(_("No milestone of this theme in the sources."))

with cards_box:
    # Headline cards
    cards, card_rows = view_of.cards(justice, assistance, this_year)
    council_card = view_of.councils(councils)
    slots = [c for _row in range(2) for c in st.columns(3)]
    cite.pending()  # a card's "Where the source says it" was clicked
    for i, (col, card, row) in enumerate(zip(slots, cards, card_rows.iter_rows(named=True))):
        with col.container(border=True):
            headline(card.label, card.value, delta=card.delta, help=card.help)
            if card.spark_values:
                sparkline(card.spark_years, card.spark_values)
            st.caption(card.caption)
            cite.button(f"cite_card_{i}", row["source"], row["lines"], row["value"])
    missing = view_of.missing_cards(len(cards))
    if missing:
        st.info(missing, icon=":material/warning:")
    with slots[len(cards)].container(border=True):
        headline(_("Regions with a coordination council on record"), council_card.value)
        st.caption(council_card.caption)

with links_box:
    # One-line answers, with links
    st.header(_("Where to look next"))
    answers = view_of.answers(
        {"justice": justice, "assistance": assistance, "councils": councils,
         "destination_mentions": table("destination_mentions"), "recommendations": table("recommendations")})
    for target in (p for p in PAGES if p.on_overview):
        answer = answers.get(target.id) or _("see the page.")
        link(target.id, _("{page}: {answer}", page=_(target.title), answer=answer))
    link("sources", _("Sources: every document, dataset and disagreement behind these figures."))

with gaps_box:
    # What the data does not tell us
    st.header(_("What the data does not tell us"))
    st.caption(_("Gaps that the sources themselves point out, in our words, with the lines that note them."))
    st.markdown("\n".join(f"- {line}" for line in view_of.gaps(gaps)))

frame.sources([card_rows, council_card.rows, shown, gaps])
