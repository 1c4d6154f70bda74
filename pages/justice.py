"""Justice: the investigation-to-conviction funnel, year over year, with the
sources side by side. Layout only: every number comes from metrics.funnel."""
from __future__ import annotations

import polars as pl
import streamlit as st

from data.load import table
from metrics import funnel as fn
from metrics.yoy import default_years, years_with_data
from ui.charts import (dot_plot, funnel_bars, reporter_names, show, small_multiples,
                       stacked_bars, step_bars)
from ui.frame import PageFrame
from ui.params import choose, choose_view

PROVENANCE = ["reporter", "measure", "value", "unit", "period", "source", "lines", "note"]

frame = PageFrame(
    "Justice",
    "How many trafficking cases move from registration to conviction, and is it getting better?",
)
justice = table("justice")
series = fn.series(justice)
years = years_with_data(series)
full_names = reporter_names()
names = reporter_names(short=True)
latest, _ = default_years(years)

with st.expander("How to read this page", icon=":material/help:"):
    st.markdown(
        "- **Each year's stages are different cohorts.** A case registered in one year may reach "
        "court or a verdict in a later year, so the stages of one year are not a chain of the same cases.\n"
        "- **Cases and persons are different units.** Registration, investigation and prosecution are "
        "mostly counted in cases; convictions in persons. Every bar names its unit.\n"
        "- **Article numbers changed.** The Criminal Code of 2017 (in force 2019) and the code of 2021 "
        "renumbered the trafficking articles (124 → 171 → 166); see the crosswalk below.\n"
        "- **Agencies count differently.** The National Statistical Committee, the police and prosecutors "
        "and the US TIP Report give different totals for the same year. We show them all, side by side.\n"
        "- **A grey 'not reported' mark is a gap in the sources, not a zero.**"
    )

if not years:
    st.warning("No justice figures could be loaded; see the Sources page for data problems.")
    st.stop()

controls = st.columns(4)
year = choose("Year", list(reversed(years)), key="year", default=latest, container=controls[0])
compare_options = [y for y in reversed(years) if y != year]
earlier = [y for y in compare_options if y < year]
base_default = max(earlier) if earlier else (compare_options[0] if compare_options else None)
base = choose("Compare with", compare_options, key="compare", default=base_default,
              container=controls[1]) if compare_options else None
reporter_ids = sorted(series["reporter"].unique().to_list())
reporter = choose("Reporter", ["all", *reporter_ids], key="reporter", default="all",
                  format_func=lambda r: "All reporters" if r == "all" else full_names.get(r, r), container=controls[2])
stage = choose("Stage", ["all", *fn.FUNNEL_STAGES], key="stage", default="all",
               format_func=lambda s: "All stages" if s == "all" else fn.STAGE_LABELS[s], container=controls[3])
chosen_reporters = None if reporter == "all" else [reporter]
chosen_stages = fn.FUNNEL_STAGES if stage == "all" else [stage]
VIEWS = {
    "funnel": "Funnel and change", "trends": "Across the years", "disagree": "Where sources disagree",
    "dropout": "Where cases drop out", "articles": "By article",
}
view = choose_view(VIEWS)


def funnel_view() -> list[pl.DataFrame]:
    st.header(f"The funnel in {year}")
    year_funnel = fn.for_year(justice, year, reporters=chosen_reporters, stages=chosen_stages)
    if year_funnel.is_empty():
        st.info(f"No reporter gives trafficking figures for {year}" +
                (f" from {names.get(reporter, reporter)}." if chosen_reporters else "."))
    else:
        gaps = year_funnel.filter(pl.col("status") == fn.NOT_REPORTED).height
        st.caption(
            f"{year_funnel['reporter'].n_unique()} reporter(s) give figures for {year}; "
            f"{gaps} stage(s) are not reported and are shown as gaps."
        )
        show(
            funnel_bars(year_funnel, fn.STAGE_LABELS, f"Trafficking cases through the justice system, {year}",
                        f"Kyrgyz Republic, {year}, cases or persons as labelled, by reporter"),
            year_funnel.with_columns(stage=pl.col("stage").replace(fn.STAGE_LABELS)),
            f"justice_funnel_{year}",
            ["stage", "status", *PROVENANCE],
            brief=("stage", "reporter", "barh"),
        )
    st.header(f"Year over year: {year} compared with {base}" if base else "Year over year")
    if base is None:
        st.info("Only one year has justice figures, so there is nothing to compare with.")
        return [year_funnel]
    change = fn.yoy(justice, year, base)
    if chosen_reporters:
        change = change.filter(pl.col("reporter").is_in(chosen_reporters))
    change = change.filter(pl.col("stage").is_in(chosen_stages))
    arrows = {"up": "▲ up", "down": "▼ down", "no change": "= no change", "not comparable": "— not comparable"}
    st.dataframe(
        change.with_columns(
            stage=pl.col("stage").replace(fn.STAGE_LABELS),
            reporter=pl.col("reporter").replace(full_names),
            direction=pl.col("direction").replace(arrows),
            change_pct=pl.col("change_pct").round(0),
        ).select("stage", "reporter", "unit", "value_then", "value_now", "change", "change_pct", "direction",
                 "source_then", "lines_then", "source_now", "lines_now"),
        hide_index=True, width="stretch", key="yoy_table",
        column_config={
            "stage": "Stage", "reporter": "Reporter", "unit": "Unit",
            "value_then": st.column_config.NumberColumn(str(base), format="%d"),
            "value_now": st.column_config.NumberColumn(str(year), format="%d"),
            "change": st.column_config.NumberColumn("Change", format="%+d"),
            "change_pct": st.column_config.NumberColumn("Change %", format="%+d%%"),
            "direction": "Direction", "source_then": f"Source {base}", "lines_then": "Lines",
            "source_now": f"Source {year}", "lines_now": "Lines",
        },
    )
    st.caption("An empty cell means the source did not report that stage for that year; no change is computed.")
    return [year_funnel, change.select("source_now").rename({"source_now": "source"}),
            change.select("source_then").rename({"source_then": "source"})]


def trends_view() -> list[pl.DataFrame]:
    st.header("Each stage across the years")
    lines = series.filter(pl.col("stage").is_in(chosen_stages))
    if chosen_reporters:
        lines = lines.filter(pl.col("reporter").is_in(chosen_reporters))
    if lines.is_empty():
        st.info("No figures for this selection.")
        return []
    first, last = int(lines["year"].min()), int(lines["year"].max())
    show(
        small_multiples(lines, chosen_stages, fn.STAGE_LABELS, "Each stage across the years, by reporter",
                        f"Kyrgyz Republic, {first}–{last}, cases (convictions: persons); gaps are years not reported"),
        lines.with_columns(stage=pl.col("stage").replace(fn.STAGE_LABELS)).with_columns(
            series=pl.col("stage") + " · " + pl.col("reporter").replace(names)).sort("year"),
        "justice_stages_by_year",
        ["stage", *PROVENANCE, "series", "year"],
        brief=("year", "series", "line"),
    )
    return [lines]


def disagree_view() -> list[pl.DataFrame]:
    st.header("Where the sources disagree")
    disagree = fn.disagreements(justice, names).filter(pl.col("stage").is_in(chosen_stages))
    if disagree.is_empty():
        st.info("No year and stage has figures from more than one reporter for this selection.")
        return []
    biggest = disagree.sort("spread", descending=True).row(0, named=True)
    st.markdown(
        f"**{disagree.height} year-and-stage pairs have figures from more than one reporter.** "
        f"The widest gap: {biggest['sentence']}"
    )
    points = series.join(disagree.select("year", "stage"), on=["year", "stage"]).filter(
        pl.col("value").is_not_null()
    ).with_columns(row_label=pl.col("year").cast(pl.String) + " · " + pl.col("stage").replace(fn.STAGE_LABELS))
    show(
        dot_plot(points, "The same year, different counts",
                 f"Kyrgyz Republic, {int(points['year'].min())}–{int(points['year'].max())}, one dot per reporter"),
        points.with_columns(stage=pl.col("stage").replace(fn.STAGE_LABELS)),
        "justice_disagreements",
        ["row_label", "stage", *PROVENANCE],
        brief=("row_label", "reporter", "barh"),
    )
    st.markdown("\n".join(f"- {s}" for s in disagree["sentence"]))
    return [points]


def dropout_view() -> list[pl.DataFrame]:
    st.header("Where cases drop out")
    tables = {"justice": justice, "assistance": table("assistance")}
    used = []
    for key, spec in fn.CHAINS.items():
        steps = fn.chain(tables, key)
        used.append(steps)
        periods = ", ".join(sorted(set(steps["period"].drop_nulls().to_list()))) or "period not reported"
        st.subheader(spec["title"])
        if steps["mixed_reporters"][0]:
            who = ", ".join(full_names.get(r, r) for r in dict.fromkeys(steps["reporter"].drop_nulls().to_list()))
            st.caption(f"The steps come from different reporters ({who}); the source sets them side by side, "
                       "they are not one body's count, so they need not add up.")
        show(step_bars(steps, spec["title"], f"Kyrgyz Republic, {periods}, cases or persons as labelled"),
             steps, f"justice_chain_{key}",
             ["step", "label", "value", "unit", "reporter", "period", "source", "lines", "status"],
             brief=("label", None, "barh"))
    return used


def articles_view() -> list[pl.DataFrame]:
    st.header("By Criminal Code article")
    articles = fn.by_article(justice)
    if articles.height:
        show(
            stacked_bars(articles, "year", "article", "Cases in court by Criminal Code article, 2014–2017",
                         "Kyrgyz Republic, 2014–2017, cases (judicial-practice review)"),
            articles, "justice_by_article",
            ["year", "article", "offence", "value", "share", "unit", "source", "lines", "note"],
            brief=("year", "article", "bar"),
        )
        st.caption("Shares are of the cases shown for that year; the review printed only some of its articles, "
                   "so the bars need not equal the review's printed total.")
    crosswalk = table("article_crosswalk")
    st.subheader("Article numbers across the 1997, 2017 and 2021 codes")
    st.dataframe(crosswalk.select("concept", "article_cc1997", "article_cc2017", "article_cc2021", "source", "lines"),
                 hide_index=True, width="stretch", key="crosswalk")
    related = fn.related_crimes(justice)
    st.subheader("Related crimes since 2019")
    if related.height:
        st.dataframe(related.select("offence", "measure", "value", "unit", "period", "reporter", "article", "source",
                                    "lines", "note"), hide_index=True, width="stretch", key="related")
    else:
        st.info("The sources give no figures for related crimes since 2019.")
    return [articles, crosswalk, related]


RENDER = {"funnel": funnel_view, "trends": trends_view, "disagree": disagree_view,
          "dropout": dropout_view, "articles": articles_view}
frame.sources(RENDER[view]())
