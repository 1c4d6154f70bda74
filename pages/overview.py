"""Overview: the situation at a glance. Layout only: figures come from metrics."""
from __future__ import annotations

from datetime import date

import polars as pl
import streamlit as st

from data.load import labels, reference, table
from metrics.overview import headline_cards, page_answers, regional_councils
from ui.charts import fmt_value, line_label, reporter_names, show, timeline_chart
from ui.frame import PageFrame
from ui.params import choose

frame = PageFrame(
    "Overview",
    "What do the sources say about trafficking in persons in Kyrgyzstan, and how recent is it?",
)
justice, assistance, councils = table("justice"), table("assistance"), table("councils")
timeline, gaps = table("timeline"), table("gaps")
names = reporter_names(short=True)
this_year = date.today().year

# Headline cards
cards = headline_cards(justice, assistance, this_year, names)
council_rows = regional_councils(councils)
n_regions = reference("regions").height
slots = [c for _ in range(2) for c in st.columns(3)]
for col, card in zip(slots, cards.iter_rows(named=True)):
    with col.container(border=True):
        delta = None
        if card["change"] is not None and card["previous_year"] is not None:
            delta = f"{int(card['change']):+d} vs {card['previous_year']}"
        spark = card["spark_values"] if len(card["spark_values"]) > 1 else None
        st.metric(card["label"], fmt_value(card["value"]), delta=delta, delta_color="off",
                  chart_data=spark, chart_type="line",
                  help=f"{names.get(card['reporter'], card['reporter'])}, {card['source']}, {line_label(card['lines'])}")
        st.caption(f"{card['unit']}, {card['year']}, {names.get(card['reporter'], card['reporter'])}. "
                   + (f"Latest data is {card['age']} years old." if card["age"] >= 2 else "")
                   + (f" The line shows {card['spark_years'][0]}–{card['spark_years'][-1]}." if spark else ""))
        if card["others"]:
            st.caption(f"Other reporters for {card['year']}: {card['others']}")
with slots[len(cards)].container(border=True):
    st.metric("Regions with a coordination council on record", f"{council_rows.height} of {n_regions}")
    missing = sorted(set(reference("regions")["region"]) - set(council_rows["region"]))
    region_names = labels("regions")
    st.caption("No council found in the sources for: " + (", ".join(region_names[r] for r in missing) or "none")
               + ". Sources: " + ", ".join(sorted(set(council_rows["source"]))))

# One-line answers, with links
st.header("Where to look next")
answers = page_answers(
    {"justice": justice, "assistance": assistance, "councils": councils,
     "destination_mentions": table("destination_mentions"), "recommendations": table("recommendations")},
    n_regions, labels("countries"))
LINKS = [("victims", "Victims", ":material/diversity_3:"), ("justice", "Justice", ":material/gavel:"),
         ("regions", "Regions", ":material/map:"), ("migration", "Migration", ":material/flight_takeoff:"),
         ("recommendations", "Recommendations", ":material/checklist:")]
for key, label, icon in LINKS:
    st.page_link(f"pages/{key}.py", label=f"{label}: {answers.get(key, 'see the page.')}", icon=icon)
st.page_link("pages/sources.py", label="Sources: every document, dataset and disagreement behind these figures.",
             icon=":material/menu_book:")

# Timeline
st.header("Milestones")
themes = sorted(timeline["theme"].unique().to_list())
theme = choose("Theme", ["all", *themes], key="theme", default="all",
               format_func=lambda t: "All themes" if t == "all" else t.replace("_", " ").capitalize())
shown = timeline.filter(pl.col("date") >= "1990-01-01")
if theme != "all":
    shown = shown.filter(pl.col("theme") == theme)
if shown.height:
    first, last = shown["date"].min()[:4], shown["date"].max()[:4]
    show(timeline_chart(shown, "Legal and institutional milestones",
                        f"Kyrgyz Republic, {first}–{last}, one mark per dated act or event"),
         shown.sort("date"), "overview_timeline",
         ["date", "date_precision", "event", "theme", "document", "source", "lines", "note"])
else:
    st.info("No milestone of this theme in the sources.")

# What the data does not tell us
st.header("What the data does not tell us")
st.caption("Gaps that the sources themselves point out, in our words, with the lines that note them.")
for row in gaps.iter_rows(named=True):
    st.markdown(f"- {row['gap']} *({row['source']}, {line_label(row['lines'])})*")

frame.sources([pl.DataFrame({"source": cards["source"]}) if cards.height else pl.DataFrame(),
               council_rows, shown, gaps])
