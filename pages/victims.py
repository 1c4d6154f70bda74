"""Victims: what the sources say about victims identified and assisted, mostly by
NGOs and crisis centres. Layout only: figures come from metrics."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import labels, reference, table
from metrics import assistance as am
from metrics import funnel as fn
from metrics.masking import mask_small
from ui.charts import horizontal_bars, reporter_names, show, step_bars
from ui.frame import PageFrame
from ui.params import choose

PROVENANCE = ["period", "reporter", "organisation", "source", "lines", "note"]

frame = PageFrame(
    "Victims",
    "How many victims are identified and helped, by whom, and how many never reach the police?",
)
assistance, justice, regional = table("assistance"), table("justice"), table("regional")
regions = reference("regions")
region_names = labels("regions")
kinds = labels("reporters", "kind")
names = reporter_names(short=True)

with st.expander("How to read this page", icon=":material/help:"):
    st.markdown(
        "- **There is no national count of victims.** Each figure is one organisation's or one "
        "agency's count for its own period; the column *scope* says whose. Figures of different "
        "organisations are not added up.\n"
        "- **Periods differ** (a year, half a year, several years): compare like with like.\n"
        "- **A figure the source does not give is shown as 'not reported', never as zero.**\n"
        "- Counts for one region, sex and age that we would derive are shown as *fewer than 5*; "
        "every figure on this page was printed by its source, so none needed masking."
    )

# Filters
victim_rows = am.scope(am.victims(assistance), kinds)
region_options = ["all", *sorted(r for r in victim_rows["region"].drop_nulls().unique().to_list())]
controls = st.columns(3)
region = choose("Region", region_options, key="region", default="all",
                format_func=lambda r: "All regions" if r == "all" else region_names.get(r, r), container=controls[0])
sex = choose("Sex", ["all", "female", "male"], key="sex", default="all",
             format_func=lambda s: "Everyone" if s == "all" else s.capitalize(), container=controls[1])
age = choose("Age", ["all", "child", "adult"], key="age", default="all",
             format_func=lambda a: "All ages" if a == "all" else a.capitalize(), container=controls[2])


def narrowed(frame_: pl.DataFrame) -> pl.DataFrame:
    out = frame_
    if region != "all" and "region" in out.columns:
        out = out.filter(pl.col("region") == region)
    if sex != "all" and "sex" in out.columns:
        out = out.filter(pl.col("sex") == sex)
    if age != "all" and "age_group" in out.columns:
        out = out.filter(pl.col("age_group") == age)
    return out


# 1. Victims identified and assisted
st.header("Victims identified, assisted and returned")
shown = mask_small(narrowed(victim_rows).with_columns(published=pl.lit(True)))
if shown.is_empty():
    st.info("The sources give no victim figure for this selection.")
else:
    country_names = labels("countries")
    shown = shown.with_columns(label=pl.col("measure").str.replace_all("_", " ").str.to_titlecase()
                               + pl.when(pl.col("country").is_not_null())
                               .then(" from " + pl.col("country").replace(country_names)).otherwise(pl.lit(""))
                               + " · " + pl.col("period") + " · " + pl.col("reporter").replace(names))
    shown = shown.with_columns(label=pl.when(pl.col("label").is_duplicated())
                               .then(pl.col("label") + " (line " + pl.col("lines") + ")").otherwise(pl.col("label")))
    first, last = shown["period_start"].min()[:4], shown["period_end"].max()[:4]
    show(horizontal_bars(shown, "label", "Victim counts as each source prints them",
                         f"Kyrgyz Republic, {first}–{last}, persons; each bar is one reporter's own count"),
         shown, "victims_counts", ["label", "measure", "shown", "value", "unit", "scope", "country", "sex", "age_group",
                                   *PROVENANCE], brief=("label", None, "barh"))
    single = shown.filter(pl.col("scope") == "one organisation's count")
    if single.height:
        st.caption(f"{single.height} of these figures are a single organisation's count for its own work, "
                   "not a national total.")

# 2. Reporting gap
st.header("The reporting gap")
steps = fn.chain({"justice": justice, "assistance": assistance}, "ngo_vs_police_2018_2020")
show(step_bars(steps, "Victims who approached NGOs vs crimes the police registered, 2018–2020",
               "Kyrgyz Republic, 2018–2020, persons and crimes as labelled"),
     steps, "victims_reporting_gap", ["label", "value", "unit", "reporter", "period", "source", "lines"],
     brief=("label", None, "barh"))
st.caption(
    "What this shows: over the same three years, NGOs saw far more victims than the police registered "
    "crimes. What it cannot show: how many of the NGOs' victims correspond to registered crimes, since "
    "one crime can involve several victims and one victim may approach several NGOs. The two figures "
    "come from different reporters (NGOs through the study team; the Interior Ministry)."
)

# 3. Support by local bodies
st.header("Support from local bodies to victims referred by NGOs")
support = am.local_support(assistance)
if region != "all":
    support = support.filter(pl.col("region") == region)
cases = am.support_by_region(support).with_columns(
    place=pl.col("organisation").fill_null("") + " (" + pl.col("district").fill_null("district not given") + ")")
if cases.height:
    show(horizontal_bars(cases, "place", "Cases of support by local bodies, by district",
                         "Kyrgyz Republic, 2018–2019, cases (IOM partner NGOs' referrals)"),
         cases, "victims_local_support", ["place", "district", "region", "organisation", "value", "unit",
                                          "support_type", "period", "source", "lines", "note"],
         brief=("place", None, "barh"))
amounts = support.filter(pl.col("measure") == "support_given")
if amounts.height:
    st.subheader("What the support was")
    st.dataframe(amounts.select("organisation", "district", "region", "support_type", "value", "unit",
                                "period", "source", "lines", "note").with_columns(
        region=pl.col("region").replace(region_names)), hide_index=True, width="stretch", key="support_amounts")

# 4. Consultations, networks, baseline
st.header("Hotlines, consultations and NGO networks")
other = assistance.filter(pl.col("measure").is_in(am.CONSULTATION_MEASURES + am.NETWORK_MEASURES))
st.dataframe(other.select("measure", "value", "unit", "period", "reporter", "organisation", "source", "lines", "note")
             .with_columns(reporter=pl.col("reporter").replace(names)), hide_index=True, width="stretch",
             key="networks")
st.subheader("The 2003 NGO baseline")
baseline = regional.filter(pl.col("measure") == "ngos_surveyed").with_columns(
    place=pl.col("region").replace(region_names).fill_null("Bishkek and Chuy (together)"))
if baseline.height:
    show(horizontal_bars(baseline, "place", "NGOs surveyed in the 2003 baseline, by region",
                         "Kyrgyz Republic, 2003, organisations (questionnaires returned)"),
         baseline, "victims_ngo_baseline", ["place", "value", "unit", "period", "source", "lines", "note"])
shares = assistance.filter(pl.col("measure").str.starts_with("share_ngos_"))
if shares.height:
    st.dataframe(shares.select("measure", "value", "unit", "period", "source", "lines"),
                 hide_index=True, width="stretch", key="ngo_shares")

# 5. Change over time
st.header("Change between periods")
changes = am.series_changes(narrowed(am.victims(assistance)), ["measure", "unit", "reporter", "organisation",
                                                                  "region", "sex", "age_group", "country"])
if changes.is_empty():
    st.info("No victim series has figures for two or more periods from the same reporter, so no change "
            "can be shown. Each figure above stands alone.")
else:
    st.dataframe(changes.select("measure", "reporter", "period", "value", "previous", "change", "comparable",
                                "source", "lines"), hide_index=True, width="stretch", key="victim_changes")
    st.caption("'comparable' is false when the two periods differ in length (a year vs half a year): "
               "no change is computed then.")

frame.sources([victim_rows, steps, support, other, baseline])
