"""Victims and Overview through AppTest: the figures each part shows, the URL that
chooses the part and the filters, and the notices for links that ask for too much."""
from __future__ import annotations

import json

import polars as pl
import pytest

from data.load import reference, table
from metrics import assistance as am
from tests.apptest import run_page, shown
from ui import params
from ui.figures import sparkline_svg


def chart_data(at, index: int = 0) -> list[dict]:
    """The traces of a chart, category labels whole (the chart wraps long ones with <br>)."""
    data = json.loads(at.get("plotly_chart")[index].proto.spec)["data"]
    for trace in data:
        for axis in ("x", "y"):
            if isinstance(trace.get(axis), list):
                trace[axis] = [v.replace("<br>", " ") if isinstance(v, str) else v for v in trace[axis]]
    return data


def filter_labels(at) -> list[str]:
    return [s.label for s in at.selectbox if s.key in {params.widget_key(name) for name in params.PARAMS}]


# --- Victims -------------------------------------------------------------------------

@pytest.mark.parametrize("view,header,filters", [
    ("counts", "Victims identified, assisted and returned", ["Region", "Sex", "Age"]),
    ("gap", "The reporting gap", []),
    ("support", "Support from local bodies to victims referred by NGOs", ["Region"]),
    ("networks", "Hotlines, consultations and NGO networks", []),
    ("change", "Change between periods", ["Region", "Sex", "Age"]),
])
def test_victims_view_from_url_shows_its_part_and_only_its_filters(view: str, header: str,
                                                                   filters: list[str]) -> None:
    at = shown("victims", {"view": view})
    assert not at.exception, at.exception
    assert [h.value for h in at.subheader][:1] == [header]  # the part's heading comes first
    assert filter_labels(at) == filters


def test_victims_default_is_the_counts_and_a_bad_view_gives_a_notice() -> None:
    at = run_page("victims", {"view": "<img src=x>"})
    assert not at.exception
    assert any("not available here" in i.value for i in at.info)
    assert [h.value for h in at.subheader][:1] == ["Victims identified, assisted and returned"]


def test_victims_counts_bars_are_each_sources_own_figures() -> None:
    at = shown("victims")
    charts = [chart_data(at, i)[0] for i in range(len(at.get("plotly_chart")))]
    # one chart per kind of count: identified, assisted (or turned to NGOs), children returned
    assert len(charts) == 3
    assert all("identified" in y for y in charts[0]["y"])
    assert all("Children returned" in y for y in charts[2]["y"])
    labels = [y for c in charts for y in c["y"]]
    assert len(labels) == len(set(labels)), "two figures on one bar"
    by_label = dict(zip(labels, [x for c in charts for x in c["x"]]))
    assert by_label["Victims who approached NGOs · 2018–2020 · NGOs"] == 355
    assert by_label["Victims assisted · 2023 · Oasis"] == 123
    # a figure the source does not give is a gap, never a zero
    assert by_label["Victims identified · 2023 · Labour Ministry"] is None
    # the data's scope decides (issue 16): Oasis twice and the one NGO's 86; the Winrock focus groups are
    # a sample (not returns) and the Labour Ministry's children returned are a state body's count
    assert any("3 of these figures are a single organisation's count" in c.value for c in at.caption)


def test_victims_region_from_url_narrows_the_counts() -> None:
    # Osh city's only "victim" rows were the Winrock focus group, a sample and not returns
    # (issue 16): no victim count names a region now, so the link falls back to every region
    assert am.victims(table("assistance"))["region"].drop_nulls().is_empty()
    at = run_page("victims", {"region": "KG-GO"})
    assert at.selectbox(key=params.widget_key("region")).value == "all"
    bars = sum(len(chart_data(at, i)[0]["y"]) for i in range(len(at.get("plotly_chart"))))
    assert bars == am.victims(table("assistance")).height


def test_victims_reporting_gap_names_both_reporters() -> None:
    at = shown("victims", {"view": "gap"})
    bars = chart_data(at)[0]
    assert bars["x"][:2] == [355.0, 55.0]
    # short names on the bars (they must fit a phone); the hover and the table give the full names
    assert bars["text"][:2] == ["355 persons — NGOs", "55 crimes — Interior Ministry"]
    caption = " ".join(c.value for c in at.caption)
    assert "What it cannot show" in caption and "Interior Ministry" in caption


def test_victims_local_support_keeps_separately_printed_figures_apart() -> None:
    at = run_page("victims", {"view": "support", "region": "KG-N"})
    bars = chart_data(at)[0]
    assert len(bars["y"]) == 3 == len(set(bars["y"]))
    assert [r["Value"] for r in at.table[0].value.to_dict("records")] == ["2,000"]


def test_victims_change_table_says_when_periods_do_not_compare() -> None:
    at = shown("victims", {"view": "change"})
    rows = at.table[0].value.to_dict("records")
    half_year = next(r for r in rows if r["Period"].startswith("2019-01"))
    assert (half_year["Previous"], half_year["Change"], half_year["Comparable"]) == ("16", "", "no")
    assert half_year["Direction"] == "— not comparable"


# --- Overview ------------------------------------------------------------------------

def test_overview_cards_show_the_latest_figure_with_its_year_and_reporter(monkeypatch) -> None:
    monkeypatch.setenv("RAPPORTEUR_TODAY", "2026-12-03")  # the clock is injected: no dependence on the real date
    at = shown("overview")
    cards = {m.label: m.value for m in at.metric}
    assert cards["Registered trafficking cases"] == "18"
    assert cards["Persons convicted"] == "3"
    assert cards["Victims identified or assisted (one year)"] == "86"
    assert cards["Regions with a coordination council on record"] == "8 of 9"
    captions = " ".join(c.value for c in at.caption)
    assert "cases, 2024, National Rapporteur." in captions
    # the 2023 victims card: one NGO's 86, never "NGOs" or a national total (issue 16)
    assert "victims, 2023, one NGO. One organisation's count, not a national total." in captions
    assert "Latest data is 6 years old." in captions  # convictions: 2020, seen from 2026
    # a sparkline for every card whose reporter gives two years or more
    assert len(at.get("image")) == 2


def test_overview_age_follows_the_injected_clock(monkeypatch) -> None:
    monkeypatch.setenv("RAPPORTEUR_TODAY", "2027-01-01")
    captions = " ".join(c.value for c in run_page("overview").caption)
    assert "Latest data is 7 years old." in captions
    assert "6 years old" not in captions


def test_overview_lists_every_gap_with_its_source_lines() -> None:
    at = shown("overview")
    gaps = table("gaps")
    listing = next(m.value for m in at.markdown if m.value.startswith("- ") and "OSCE 2025" in m.value)
    assert listing.count("\n- ") + 1 == gaps.height
    first = gaps.row(0, named=True)
    short = dict(zip(*reference("sources").select("source", "short")))
    assert f"({short[first['source']]}, line" in listing  # the report by name, never its id
    assert "osce-2025" not in listing


def test_overview_timeline_theme_from_url() -> None:
    at = run_page("overview", {"theme": "law"})
    assert at.selectbox(key=params.widget_key("theme")).value == "law"
    marks = sum(len(trace.get("x") or []) for trace in chart_data(at, -1))
    laws = table("timeline").filter((pl.col("theme") == "law") & (pl.col("date") >= "1990-01-01")).height
    assert marks == laws
    bad = run_page("overview", {"theme": "nope"})
    assert any("not available here" in i.value for i in bad.info)
    assert bad.selectbox(key=params.widget_key("theme")).value == "all"


def test_overview_links_answer_in_one_line() -> None:
    at = shown("overview")
    labels = [p.label for p in at.get("page_link")]
    # not "1 to 40 ... 2016–2022": the GPO's 2022 "1" is a part of 11 + 1 + 2, not a headline (issue 16)
    assert "Justice: registered trafficking cases, 2 to 40 a year, 2016–2021, depending on the reporter." in labels
    assert "Regions: a coordination council is on record in 8 of 9 regions." in labels


# --- Sparkline drawing ---------------------------------------------------------------

def test_sparkline_breaks_at_a_missing_year_and_never_draws_a_zero() -> None:
    drawing = sparkline_svg([2016, 2017, 2019, 2020], [7.0, 12.0, 8.0, 40.0], height=44)
    assert drawing.count("<polyline") == 2  # 2016–2017, then 2019–2020: 2018 is a gap
    lowest = 44 - 4  # the bottom of the drawing is the lowest figure (7), not zero
    assert f",{lowest}.0" in drawing.split("<polyline")[1]


def test_sparkline_of_a_flat_or_single_series() -> None:
    assert sparkline_svg([2020], [3.0]) == ""
    flat = sparkline_svg([2019, 2020], [3.0, 3.0], height=44)
    assert flat.count("<polyline") == 1 and "nan" not in flat
    lonely = sparkline_svg([2016, 2018, 2020], [1.0, 2.0, 3.0])
    assert lonely.count("<circle") == 4  # three lone years, and the latest marked


def test_overview_milestones_are_numbered_marks_with_a_key_under_the_chart() -> None:
    """Every milestone carries its number on the chart, in date order, and the key under the
    chart names it: a phone or a printed page needs no hover (issue 17)."""
    at = shown("overview")
    timeline = table("timeline").filter(pl.col("date") >= "1990-01-01").sort("date", "id")
    traces = chart_data(at, -1)
    marks = [(int(t), x, y) for trace in traces for t, x, y in zip(trace["text"], trace["x"], trace["y"])]
    assert sorted(m for m, _x, _y in marks) == list(range(1, timeline.height + 1))
    assert len({(x, y) for _m, x, y in marks}) == len(marks)  # no two marks on one spot
    assert max(x for _m, x, _y in marks) <= 10  # ten a row: they fit a phone
    # in date order: a later number never sits in an earlier row
    rows = {m: y for m, _x, y in marks}
    assert all(rows[m] <= rows[m + 1] for m in range(1, timeline.height))
    key = next(h.proto.body for h in at.get("html") if "scroll-key" in h.proto.body)
    assert 'tabindex="0"' in key and 'role="region"' in key  # a keyboard reaches the scrolling box
    assert key.count("<li>") == timeline.select(pl.col("date").str.slice(0, 4).n_unique()).item()
    first = timeline.row(0, named=True)
    assert f"<li><b>{first['date'][:4]}</b>: 1 — " in key
    last = timeline.row(-1, named=True)
    assert f"{timeline.height} — " in key and f"<b>{last['date'][:4]}</b>" in key
