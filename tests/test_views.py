"""Page views on the real data, without Streamlit: they hand pages frames of ids for
charts and keys, and words (in the reader's language) for what is read."""
from __future__ import annotations

import polars as pl

from data.load import reference, table
from i18n import using
from ui.views import justice, overview, regions, victims


def test_justice_disagreements_are_sentences_over_ids() -> None:
    series = justice.series(table("justice"))
    with using("en"):
        disagree, points = justice.disagreements(table("justice"), series, justice.STAGES)
    assert "2020, registered: 7 (Interior Ministry/Prosecutor), 8 (NSC) and 40 (US TIP Report)." in set(
        disagree["sentence"])
    assert set(points["stage"]) <= set(justice.STAGES)  # the chart keeps ids
    with using("ru"):
        russian, _ = justice.disagreements(table("justice"), series, ["registered"])
    assert all("registered" not in s for s in russian["sentence"])


def test_justice_tables_name_what_the_chart_keys_by_id() -> None:
    year_funnel, gaps = justice.year_funnel(table("justice"), 2020, None, justice.STAGES)
    assert gaps == year_funnel.filter(pl.col("status") == "not_reported").height > 0
    with using("ru"):
        shown = justice.readable(year_funnel)
    assert "нет данных" in set(shown["status"]) and "not_reported" not in set(shown["status"])
    assert set(year_funnel["reporter"]).isdisjoint(set(shown["reporter"]))


def test_victim_counts_one_bar_each_and_whose_count() -> None:
    with using("en"):
        shown, single = victims.counts(victims.victim_rows(table("assistance")))
    assert shown["label"].is_duplicated().sum() == 0
    assert single == 3  # the data's scope decides: Oasis twice and one NGO's 86
    assert set(shown["mask"]) <= {"as_printed", "not_reported"}
    assert "not reported" in set(shown["shown"])


def test_victim_change_table_in_words() -> None:
    with using("en"):
        rows, shown = victims.changes(table("assistance"), "all", "all", "all")
        words = victims.readable(shown)
    assert "not_comparable" in set(rows["direction"])
    assert "— not comparable" in set(words["direction"])


def test_regions_summary_and_overview_cards() -> None:
    status = regions.status(regions.councils(table("councils")), reference("regions")["region"].to_list())
    with using("ru"):
        summary = regions.summary(status, [table("regional")])
    assert set(summary["status"]) == {"совет зафиксирован в источниках", "в источниках нет сведений"}
    assert regions.on_record(status) == 8
    with using("en"):
        cards, rows = overview.cards(table("justice"), table("assistance"), 2026)
    assert [c.label for c in cards][:3] == ["Registered trafficking cases", "Cases sent to court / prosecuted",
                                            "Persons convicted"]
    assert rows["card"].to_list()[:3] == ["registered", "prosecuted", "convicted"]


def test_capacity_tables_in_words_without_internal_columns() -> None:
    from ui.views import capacity

    budgets = capacity.budgets(table("capacity"))
    assert budgets["label"].is_duplicated().sum() == 0
    with using("en"):
        shown = capacity.readable(budgets)
    assert not {"id", "addable", "repeated", "scope"} & set(shown.columns)
    short = dict(zip(reference("sources")["source"], reference("sources")["short"]))
    assert set(shown["source"]) <= set(short.values())
    assert set(budgets["source"]) <= set(short)  # the view's frame keeps the ids


def test_justice_trend_axis_spans_the_latest_run_of_years() -> None:
    import polars as pl

    lines = pl.DataFrame({"year": [2001, 2002, 2003, 2016, 2018, 2021, 2024]})
    assert justice.trend_span(lines) == (2016, 2024)  # a 13-year break ends the run; 3-year breaks do not
    assert justice.trend_span(pl.DataFrame({"year": [2019]})) == (2019, 2019)


def test_a_tapped_point_says_what_its_hover_says() -> None:
    import plotly.graph_objects as go

    from ui.figures import hover_source, point_text

    fig = go.Figure(go.Bar(x=[2015], y=[12.0], name="Article 124",
                           hovertemplate=hover_source("<b>%{fullData.name}</b><br>%{x}: <b>%{y}</b>")))
    point = {"curve_number": 0, "x": 2015, "y": 12.0, "customdata": ["", "", "UNODC 2022", "247-251"]}
    assert point_text(fig, point) == "Article 124  \n2015: 12  \nSource: UNODC 2022, lines 247-251"
    assert point_text(fig, {"curve_number": 3}) == ""
