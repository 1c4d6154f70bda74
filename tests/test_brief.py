"""The PowerPoint brief: native charts with the right values and footnotes, opened
back with python-pptx; and the page flow from 'Add to brief' to the download."""
from __future__ import annotations

import io

import polars as pl
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from brief.deck import build_brief
from brief.spec import ChartSpec, categories_and_series
from tests.apptest import run_page, shown
from ui.labels import names
from ui import pages as registry

FUNNEL = pl.DataFrame({
    "stage": ["Registered", "Convicted (persons)", "Registered", "Convicted (persons)"],
    "reporter": ["nsc", "nsc", "us_tip", "us_tip"],
    "value": [8.0, None, 10.0, 5.0],
    "source": ["unodc-2022"] * 4, "lines": ["251-252", "254-259", "304-305", "347-352"],
})


def test_categories_and_series_keep_gaps() -> None:
    cats, series = categories_and_series(FUNNEL, "stage", "reporter")
    assert cats == ["Registered", "Convicted (persons)"]
    assert series == {"nsc": [8.0, None], "us_tip": [10.0, 5.0]}


def test_deck_has_title_chart_slides_and_sources() -> None:
    specs = [
        ChartSpec("funnel", "Trafficking cases through the justice system, 2018", "Kyrgyz Republic, 2018",
                  FUNNEL, "stage", "reporter", "barh"),
        ChartSpec("trend", "Registered cases", "2016-2018", pl.DataFrame({
            "year": [2016, 2017, 2018], "value": [7.0, 2.0, 8.0], "source": ["unodc-2022"] * 3,
            "lines": ["251-252"] * 3}), "year", None, "line"),
    ]
    deck = Presentation(io.BytesIO(build_brief("My brief", specs, names=names)))
    slides = list(deck.slides)
    assert len(slides) == 1 + 2 + 1
    assert slides[0].shapes.title.text == "My brief"
    charts = [shape.chart for slide in slides[1:3] for shape in slide.shapes if shape.has_chart]
    assert [c.chart_type for c in charts] == [XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.LINE_MARKERS]
    first = charts[0]
    assert [s.name for s in first.series] == ["NSC", "US TIP Report"]
    assert list(first.series[1].values) == [10.0, 5.0]
    assert list(first.plots[0].categories) == ["Registered", "Convicted (persons)"]
    assert list(charts[1].series[0].values) == [7.0, 2.0, 8.0]
    footnotes = [shape.text_frame.text for shape in slides[1].shapes if shape.name == "Footnote"]
    assert footnotes == ["Source: UNODC 2022, lines 251-252, 254-259, 304-305, 347-352"]
    closing = " ".join(shape.text_frame.text for shape in slides[-1].shapes if shape.has_text_frame)
    assert "unodc-2022" not in closing and "UNODC" in closing
    assert "osce-2025" not in closing


def test_page_flow_add_then_download() -> None:
    at = run_page("justice", {"year": "2018"})
    at.button(key="brief_justice_funnel_2018").click().run()
    assert not at.exception
    assert [s.name for s in at.session_state["brief"]] == ["justice_funnel_2018"]
    at.switch_page(registry.page("brief").script).run()
    assert not at.exception
    assert at.title[0].value == "Brief"
    downloads = [d for d in at.get("download_button") if "brief" in str(d.proto.label).lower()]
    assert downloads and "(1 chart slide," in downloads[0].proto.label
    assert at.session_state["brief"][0].frame["value"].drop_nulls().len() > 0


def test_empty_brief_explains_what_to_do() -> None:
    at = shown("brief")
    assert not at.exception
    assert any("The brief is empty" in i.value for i in at.info)


def test_brief_page_offers_the_deck_in_each_language_defaulting_to_the_readers() -> None:
    from streamlit.testing.v1 import AppTest

    from tests.apptest import APP, PAGES

    spec = ChartSpec("funnel", "Trafficking cases through the justice system, 2018", "", FUNNEL, "stage",
                     "reporter", "barh", lang="en")
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["brief"] = [spec]
    at.query_params["lang"] = "ru"
    at.switch_page(PAGES["brief"])
    at.run()
    assert not at.exception
    choice = at.selectbox(key="brief_lang")
    assert choice.options == ["English", "Русский", "Кыргызча"] and choice.value == "ru"
    deck = Presentation(io.BytesIO(build_brief("T", [spec], names=names, lang=choice.value)))
    assert deck.slides[1].shapes.title.text.startswith("Дела о торговле людьми")


def test_disagreement_dots_go_to_the_brief_as_dots() -> None:
    at = run_page("justice", {"view": "disagree"})
    buttons = [b for b in at.button if str(b.key).startswith("brief_justice_disagreements")]
    assert buttons
    buttons[0].click().run()
    assert at.session_state["brief"][-1].kind == "dots"
