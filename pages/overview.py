"""Overview: the situation at a glance. Layout only: figures come from metrics."""
from __future__ import annotations


import polars as pl
import streamlit as st

from data.load import has_problems, reference, table
from i18n import _, ngettext
from i18n.names import capitalised, localise, term
from i18n.names import names as names_of
from i18n.numbers import MINUS, number, signed
from metrics.overview import headline_cards, page_answers, regional_councils
from ui import params
from ui.charts import fmt_value, line_label, show, sparkline, timeline_chart
from ui.clock import today
from ui.frame import PageFrame, file_title
from ui.pages import PAGES, link

frame = PageFrame("overview")
justice, assistance, councils = table("justice"), table("assistance"), table("councils")
timeline, gaps = table("timeline"), table("gaps")
names = names_of("reporters", short=True)
region_names = names_of("regions")
this_year = today().year
HEADLINE_CARDS = 4  # the three justice stages and victims (metrics.overview.headline_cards)


# The page reads top to bottom, but its one Plotly chart (the timeline) is sent first:
# the browser shows nothing under the title until the chart code has loaded, so it
# should start loading it before the cards, links and gaps arrive.
cards_box, links_box, milestones_box, gaps_box = (st.container() for _box in range(4))

with milestones_box:
    # Timeline: the URL holds the theme id, the reader sees its name.
    st.header(_("Milestones"))
    themes = sorted(timeline["theme"].unique().to_list())
    theme = params.select("theme", ["all", *themes], label=_("Theme"),
                   format_func=lambda t: _("All themes") if t == "all" else capitalised(term("event_theme", t)))
    shown = localise(timeline.filter(pl.col("date") >= "1990-01-01"), "event", "document")
    if theme != "all":
        shown = shown.filter(pl.col("theme") == theme)
    if shown.height:
        first, last = shown["date"].min()[:4], shown["date"].max()[:4]
        table_rows = shown.sort("date").with_columns(
            theme=pl.col("theme").replace({t: term("event_theme", t) for t in themes}))
        show(timeline_chart(shown, _("Legal and institutional milestones"),
                            _("Kyrgyz Republic, {first}–{last}, one mark per dated act or event",
                              first=first, last=last)),
             table_rows, "overview_timeline",
             ["date", "date_precision", "event", "theme", "document", "source", "lines", "note"])
    else:
        st.info(_("No milestone of this theme in the sources."))

with cards_box:
    # Headline cards
    cards = headline_cards(justice, assistance, this_year, names)
    council_rows = regional_councils(councils)
    n_regions = reference("regions").height
    slots = [c for _row in range(2) for c in st.columns(3)]
    for col, card in zip(slots, cards.iter_rows(named=True)):
        with col.container(border=True):
            delta = None
            if card["change"] is not None and card["previous_year"] is not None:
                # st.metric reads the arrow from a leading ASCII "-"; Babel's minus sign would point it up.
                # Translators: keep {change} first, its sign sets the arrow.
                delta = _("{change} vs {year}", change=signed(card["change"]).replace(MINUS, "-"),
                          year=str(card["previous_year"]))
            spark = len(card["spark_values"]) > 1
            reporter = names.get(card["reporter"], card["reporter"])
            st.metric(card["label"], fmt_value(card["value"]), delta=delta, delta_color="off",
                      help=f"{reporter}, {card['source']}, {line_label(card['lines'])}")
            if spark:
                sparkline(card["spark_years"], card["spark_values"])
            if card.get("scope") == "organisation":  # one body's count (the 2023 victims: one NGO's)
                reporter = _("one NGO") if card["reporter"] == "ngo" else reporter
            notes = [f"{term('unit', card['unit'])}, {card['year']}, {reporter}."]
            if card.get("scope") == "organisation":
                notes.append(_("One organisation's count, not a national total."))
            if card["age"] >= 2:
                notes.append(ngettext("Latest data is {n} year old.", "Latest data is {n} years old.", card["age"]))
            if spark:
                notes.append(_("The line shows {first}–{last}.", first=str(card["spark_years"][0]),
                               last=str(card["spark_years"][-1])))
            if card["others"]:
                notes.append("  \n" + _("Other reporters for {year}: {others}", year=str(card["year"]),
                                         others=card["others"]))
            st.caption(" ".join(notes))
    # A card that cannot be computed because its data could not be loaded is said, not dropped.
    unavailable = [n for n in ("justice", "assistance") if table(n).is_empty() or has_problems(n)]
    if cards.height < HEADLINE_CARDS and unavailable:
        st.info(_("Some headline figures cannot be shown: the data they come from could not be loaded "
                  "({datasets}). The Sources page lists the problems.",
                  datasets=", ".join(file_title(n) for n in unavailable)), icon=":material/warning:")
    with slots[len(cards)].container(border=True):
        st.metric(_("Regions with a coordination council on record"),
                  _("{count} of {total}", count=number(council_rows.height), total=number(n_regions)))
        missing = sorted(set(reference("regions")["region"]) - set(council_rows["region"]))
        council_sources = ", ".join(sorted(set(council_rows["source"])))
        st.caption(" ".join(text for text in (
            _("No council found in the sources for: {regions}.",
              regions=", ".join(region_names.get(r, r) for r in missing) or _("none")),
            _("Sources: {sources}", sources=council_sources) if council_sources else "",
        ) if text))

with links_box:
    # One-line answers, with links
    st.header(_("Where to look next"))
    answers = page_answers(
        {"justice": justice, "assistance": assistance, "councils": councils,
         "destination_mentions": table("destination_mentions"), "recommendations": table("recommendations")},
        n_regions, names_of("countries"))
    for target in (p for p in PAGES if p.on_overview):
        answer = answers.get(target.id) or _("see the page.")
        link(target.id, _("{page}: {answer}", page=_(target.title), answer=answer))
    link("sources", _("Sources: every document, dataset and disagreement behind these figures."))

with gaps_box:
    # What the data does not tell us
    st.header(_("What the data does not tell us"))
    st.caption(_("Gaps that the sources themselves point out, in our words, with the lines that note them."))
    st.markdown("\n".join(f"- {row['gap']} *({row['source']}, {line_label(row['lines'])})*"
                          for row in localise(gaps, "gap", "note").iter_rows(named=True)))

frame.sources([pl.DataFrame({"source": cards["source"]}) if cards.height else pl.DataFrame(),
               council_rows, shown, gaps])
