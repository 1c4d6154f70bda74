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
