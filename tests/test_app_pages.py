"""AppTest for every page: runs without exception, shows its title and main
chart/table, and takes its filters from the URL."""
from __future__ import annotations

import pytest

from tests.apptest import PAGES, page_title, run_page, shown
from ui import params


@pytest.mark.parametrize("page", list(PAGES))
def test_page_renders_without_exception(page: str) -> None:
    at = shown(page)
    assert not at.exception, at.exception
    assert at.title and at.title[0].value.lower() == page_title(page).lower()


def test_sources_page_lists_datasets_and_documents() -> None:
    at = shown("sources")
    frames = [t.value for t in at.table]  # plain tables (they print whole), headers in the reader's language
    catalogue = next(f for f in frames if "Dataset" in f.columns and "Rows" in f.columns)
    assert "Criminal justice" in set(catalogue["Dataset"])  # by its title, never its file name
    assert "justice" not in set(catalogue["Dataset"])
    assert "2 001" not in set(catalogue["From"]) and "2001" in set(catalogue["From"])  # years are not grouped
    docs = next(f for f in frames if "Publisher" in f.columns)
    assert len(docs) == 5
    assert any("Every row of every dataset passed" in s.value for s in at.success)


def test_justice_page_shows_funnel_and_tables() -> None:
    at = shown("justice")
    assert len(at.get("plotly_chart")) >= 1
    headers = [h.value for h in at.subheader]  # a view's headings are subheaders (a phone's first screen)
    assert any(h.startswith("The funnel in") for h in headers)
    assert any(h.startswith("Year over year") for h in headers)


def popover_labels(at) -> list[str]:
    return [p.proto.popover.label for p in at.get("popover")]


def test_justice_opens_on_the_latest_year_with_most_stages_and_folds_its_filters() -> None:
    at = shown("justice")
    # 2018 is the latest year with all four stages reported (2019-2024 have two or three)
    assert at.selectbox(key=params.widget_key("year")).value == 2018
    assert at.selectbox(key=params.widget_key("compare")).value == 2017
    assert any(h.value == "The funnel in 2018" for h in at.subheader)
    # one line on a phone: the year and its comparison; "All ..." only when nothing else is chosen
    assert popover_labels(at) == ["Filters: 2018 · compared with 2017"]
    picked = shown("justice", {"reporter": "nsc"})
    assert popover_labels(picked) == ["Filters: 2018 · compared with 2017 · National Statistical Committee"]


def test_justice_views_show_only_the_filters_they_use() -> None:
    at = shown("justice", {"view": "disagree"})
    assert popover_labels(at) == ["Filters: All stages"]
    assert [s.key for s in at.selectbox if s.key.startswith("_param_")] == [params.widget_key("stage")]
    assert not shown("justice", {"view": "dropout"}).get("popover")


@pytest.mark.parametrize("view,header,charts", [
    ("trends", "Each stage across the years", 1),
    ("disagree", "Where the sources disagree", 1),
    ("dropout", "Where cases drop out", 2),
    ("articles", "By Criminal Code article", 1),
])
def test_justice_views_from_url(view: str, header: str, charts: int) -> None:
    at = shown("justice", {"view": view})
    assert not at.exception
    assert header in [h.value for h in at.subheader]
    assert len(at.get("plotly_chart")) >= charts


def test_justice_disagreement_sentence_names_reporters() -> None:
    at = shown("justice", {"view": "disagree"})
    text = " ".join(m.value for m in at.markdown)
    assert "2020, registered: 7 (Interior Ministry/Prosecutor), 8 (NSC) and 40 (US TIP Report)." in text


def test_justice_year_from_url_sets_widgets() -> None:
    at = run_page("justice", {"year": "2019", "compare": "2017"})
    assert not at.exception
    assert at.selectbox(key=params.widget_key("year")).value == 2019
    assert at.selectbox(key=params.widget_key("compare")).value == 2017
    assert any(h.value == "The funnel in 2019" for h in at.subheader)


@pytest.mark.parametrize("params", [
    {"year": "abc"}, {"year": "1900"}, {"reporter": "<script>alert(1)</script>"}, {"stage": "%00"},
])
def test_bad_url_parameters_give_notice_and_default(params: dict[str, str]) -> None:
    at = run_page("justice", params)
    assert not at.exception
    assert any("not available here" in i.value for i in at.info)
    # the raw value is never echoed back
    page_text = " ".join(str(e.value) for e in at.markdown) + " ".join(i.value for i in at.info)
    assert "<script>" not in page_text


def test_recommendations_count_formal_ones_unless_all_rows_are_asked_for() -> None:
    at = shown("recommendations")
    assert not at.exception, at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "**121 of 121 recommendations** match the filters." in text
    table = next(df.value for df in at.dataframe if "report_number" in df.columns)
    assert "kind" not in table.columns and len(table) == 121

    at = shown("recommendations", {"all": "1", "report": "osce-2025"})
    assert not at.exception, at.exception
    assert at.selectbox(key="_param_all").value == "1"
    text = " ".join(m.value for m in at.markdown)
    assert "**76 of 222 recommendations** match the filters." in text
    table = next(df.value for df in at.dataframe if "report_number" in df.columns)
    # a restatement shows the number of the formal recommendation it repeats, never an internal id
    assert table.loc[table["report_number"] == "10.1", "restates"].tolist() == ["1.4"]
    assert not table.astype(str).apply(lambda c: c.str.contains("recommendations-0")).any().any()
