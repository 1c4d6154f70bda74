"""Readable by everyone: every chart's text alternative comes from its figures (what it
shows, the extremes, the gaps), sparklines too; the accessibility statement page."""
from __future__ import annotations

import polars as pl

from tests.apptest import run_page
from ui.display import chart_words, trend_words


def test_chart_words_name_the_extremes_and_the_gaps() -> None:
    data = pl.DataFrame({"stage": ["Registered", "Investigated", "Convicted"], "value": [12.0, None, 3.0],
                         "unit": ["cases", "cases", "persons"], "source": ["unodc-2022"] * 3})
    words = chart_words("Cases, 2018", data, "stage")
    assert words == ("Cases, 2018. 2 figures. Highest: 12 cases (Registered); lowest: 3 persons (Convicted). "
                     "1 figure is not reported (a gap, not a zero).")
    assert "unodc" not in words
    assert chart_words("Empty", data.clear()) == "Empty."


def test_trend_words_say_span_extremes_and_missing_years() -> None:
    assert trend_words([2016, 2017, 2019], [7.0, 2.0, 8.0]) == (
        "Trend 2016–2019: 7 in 2016, 8 in 2019; lowest 2 (2017), highest 8 (2019). No figure for 2018.")
    assert trend_words([2016], [None]) == "No figures to draw."


def test_every_chart_of_a_page_has_a_text_alternative() -> None:
    at = run_page("justice", {"year": "2018"})
    assert not at.exception
    alts = [c.proto.alt for c in at.get("plotly_chart")]
    assert alts and all(a.startswith("Trafficking cases through the justice system, 2018. ") for a in alts[:1])
    assert all("figure" in a for a in alts)


def test_accessibility_statement_page() -> None:
    from ui import pages as registry

    assert registry.page("accessibility").section == "About the data"
    at = run_page("accessibility")
    assert not at.exception
    assert at.title[0].value == "Accessibility"
    text = " ".join(m.value for m in at.markdown)
    assert "WCAG) 2.2 at level AA" in text and "axe-core" in text
    assert "on every release, in English, Russian and Kyrgyz" in text  # every page in every language
    assert "Colour is never the only code" in text and "by colour alone" not in text
    assert "known not to work" in " ".join(h.value for h in at.subheader)


def test_colour_is_not_the_only_code() -> None:
    from ui.figures import dot_plot, stacked_bars

    points = pl.DataFrame({"reporter": ["nsc", "us_tip", "moi_gpo"], "value": [8.0, 10.0, 9.0],
                           "row_label": ["2018 · Registered"] * 3, "year": [2018] * 3, "stage": ["registered"] * 3,
                           "period": ["2018"] * 3, "source": ["unodc-2022"] * 3, "lines": ["1", "2", "3"]})
    dots = dot_plot(points, "T", "S")
    symbols = [trace.marker.symbol for trace in dots.data]
    assert len(set(symbols)) == len(symbols) == 3
    bars = stacked_bars(pl.DataFrame({"year": ["2014", "2014"], "article": ["124", "125"], "value": [3.0, 4.0],
                                      "source": ["unodc-2022"] * 2, "lines": ["1", "2"]}), "year", "article", "T", "S")
    patterns = [trace.marker.pattern.shape for trace in bars.data]
    assert len(set(patterns)) == 2


# --- colour is never the only code, on every chart that tells reporters apart -----------------

def _justice():
    from data.load import table
    from ui import labels
    from ui.views import justice as view_of

    justice = table("justice")
    series = view_of.series(justice)
    return justice, series, view_of, labels.stages()


def _differ(marks: list[tuple[str, tuple]]) -> list[str]:
    """(reporter, code) pairs whose reporters differ but whose codes (symbol, pattern) are the same."""
    return [f"{a} and {b}: {ca}" for i, (a, ca) in enumerate(marks) for b, cb in marks[i + 1:] if a != b and ca == cb]


def test_the_fixed_reporter_codes_tell_every_justice_reporter_apart() -> None:
    from ui.figures import colour_for, pattern_for, symbol_for

    _j, series, _v, _s = _justice()
    reporters = sorted(series["reporter"].unique().to_list())
    assert len(reporters) >= 7
    assert len({symbol_for(r) for r in reporters}) == len(reporters)
    assert len({pattern_for(r) for r in reporters}) == len(reporters)
    assert symbol_for("nsc") == "circle" and pattern_for("nsc") == "" and colour_for("nsc") == "#009E73"
    assert symbol_for("someone_new") == symbol_for("someone_new")  # stable for reporters not listed


def test_every_funnel_year_tells_reporters_apart_by_pattern_and_by_name() -> None:
    from ui.figures import funnel_bars

    justice, series, view_of, stages = _justice()
    years = view_of.years(series, justice).years
    checked = 0
    for year in years:
        funnel, _gaps = view_of.year_funnel(justice, year, *view_of.chosen("all", "all"))
        fig = funnel_bars(funnel, stages, "T", "S")
        bars = [t for t in fig.data if t.type == "bar"]
        marks = [(t.name, (t.marker.pattern.shape,)) for t in bars]
        assert _differ(marks) == [], year
        panel_titles = [a.text for a in fig.layout.annotations][:len(bars)]
        # each panel is named: a direct label too (long names wrap)
        assert [t.replace("<br>", " ") for t in panel_titles] == [t.name for t in bars]
        checked += len(bars) > 1
    assert checked >= 6  # years with two or more reporters side by side
    fig = funnel_bars(view_of.year_funnel(justice, 2018, *view_of.chosen("all", "all"))[0], stages, "T", "S")
    assert [t.marker.pattern.shape for t in fig.data if t.type == "bar"] == ["+", "/", "", "."]
    assert all(t.marker.pattern.fillmode == "overlay" for t in fig.data if t.type == "bar")


def test_trend_lines_tell_reporters_apart_by_marker_shape() -> None:
    from ui.figures import small_multiples

    _j, series, view_of, stages = _justice()
    lines = view_of.trend_lines(series, *view_of.chosen("all", "all"))
    fig = small_multiples(lines, view_of.chosen("all", "all")[1], stages, "T", "S")
    marks = list({(t.legendgroup, (t.marker.symbol,)) for t in fig.data})
    assert len({r for r, _c in marks}) >= 7
    assert _differ(marks) == []
    # one reporter keeps its shape in every panel, and its legend entry shows it
    by_reporter: dict[str, set] = {}
    for t in fig.data:
        by_reporter.setdefault(t.legendgroup, set()).add(t.marker.symbol)
    assert all(len(s) == 1 for s in by_reporter.values())
    assert by_reporter["nsc"] == {"circle"} and by_reporter["moi_gpo"] == {"square"}


def _rows(reporters: list[str], **extra) -> pl.DataFrame:
    n = len(reporters)
    return pl.DataFrame({"reporter": reporters, "value": [float(5 + i) for i in range(n)], "unit": ["cases"] * n,
                         "period": ["2018"] * n, "source": ["unodc-2022"] * n, "lines": [str(i + 1) for i in range(n)],
                         **extra})


def test_bars_of_different_reporters_differ_in_pattern() -> None:
    from ui.figures import horizontal_bars, step_bars
    from ui.penalties import range_bars

    who = ["nsc", "us_tip", "moi_gpo", "gpo"]
    bars = horizontal_bars(_rows(who, label=["a", "b", "c", "d"]), "label", "T", "S").data[0]
    assert _differ(list(zip(who, [(p,) for p in bars.marker.pattern.shape]))) == []
    one = horizontal_bars(_rows(["nsc", "nsc"], label=["a", "b"]), "label", "T", "S").data[0]
    assert one.marker.pattern.shape == ""  # one reporter: plain bars, nothing to tell apart

    steps = step_bars(_rows(["ngo", "moi"], label=["Approached NGOs", "Registered"]), "T", "S").data[0]
    assert _differ(list(zip(["ngo", "moi"], [(p,) for p in steps.marker.pattern.shape]))) == []
    assert [t.split(" — ")[1] for t in steps.text] == ["NGOs", "Interior Ministry"]  # and named on the bar

    ranges = range_bars(_rows(["osce", "unodc", "gpo"], label=["a", "b", "c"], min_years=[3.0, 5.0, None],
                              max_years=[8.0, 10.0, 5.0], stated_min=[True, True, False]), "T", "S")
    assert _differ([(t.name, (t.marker.pattern.shape,)) for t in ranges.data]) == []


def test_dots_and_milestones_differ_in_shape() -> None:
    from ui.figures import dot_plot, timeline_chart

    points = _rows(["nsc", "us_tip", "moi_gpo", "auca"], row_label=["2018 · Registered"] * 4, year=[2018] * 4,
                   stage=["registered"] * 4)
    dots = dot_plot(points, "T", "S")
    assert _differ([(t.name, (t.marker.symbol,)) for t in dots.data]) == []
    assert [t.marker.symbol for t in dots.data] == ["x", "square", "circle", "diamond"]  # auca, moi_gpo, nsc, us_tip
    events = pl.DataFrame({"theme": ["law", "institution"], "date": ["2005-03-08", "2013-01-01"],
                           "event": ["a", "b"], "document": ["", ""], "source": ["unodc-2022"] * 2,
                           "lines": ["1", "2"], "mark": [1, 2], "id": ["timeline-0001", "timeline-0002"]})
    marks = timeline_chart(events, "T", "S")
    assert _differ([(t.name, (t.marker.symbol,)) for t in marks.data]) == []


def test_trend_panel_titles_keep_clear_of_the_axis_above_in_russian() -> None:
    from i18n import using
    from ui import labels
    from ui.figures import small_multiples

    _j, series, view_of, _s = _justice()
    stages = view_of.chosen("all", "all")[1]
    with using("ru"):
        fig = small_multiples(view_of.trend_lines(series, *view_of.chosen("all", "all")), stages,
                              labels.stages(), "T", "S")
    plot_h = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    lower_title = fig.layout.annotations[2].text  # the first panel of the second row
    gap_px = (fig.layout.yaxis.domain[0] - fig.layout.yaxis3.domain[1]) * plot_h
    assert lower_title.count("<br>") + 1 >= 3
    assert gap_px >= 30 + 16 * (lower_title.count("<br>") + 1) - 1
