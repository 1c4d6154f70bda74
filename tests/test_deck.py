"""The PowerPoint brief as a presenter gets it: a 16:9 layout whose boxes never overlap
or leave the slide, charts of the kind drawn on the page (dots stay dots, order kept),
readable footnotes, a closing slide with the sources and the link back, the whole deck in
the language chosen at download, and no formula anywhere, not even in the workbook
PowerPoint keeps behind each chart."""
from __future__ import annotations

import datetime as dt
import io
import itertools
import zipfile

import openpyxl
import polars as pl
import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches

from brief.deck import build_brief
from brief.spec import ChartSpec
from i18n import catalogue, using
from ui.labels import names

LINK = "https://dashboard.example/brief?lang=en"
FUNNEL = pl.DataFrame({
    "stage": ["Registered", "Sent to court", "Convicted (persons)"] * 2,
    "reporter": ["nsc"] * 3 + ["us_tip"] * 3,
    "value": [8.0, 6.0, None, 10.0, 7.0, 5.0],
    "source": ["unodc-2022"] * 6, "lines": ["251-252", "253", "254-259", "304-305", "306", "347-352"],
})
# The disagreement dot chart: rows in the page's order (not alphabetical), one dot per reporter.
DOTS = pl.DataFrame({
    "row_label": ["2016 · Registered", "2016 · Registered", "2014 · Convicted (persons)", "2015 · Registered"],
    "reporter": ["nsc", "us_tip", "nsc", "us_tip"],
    "value": [7.0, 9.0, 2.0, 11.0],
    "source": ["unodc-2022", "unodc-2022", "osce-2025", "osce-2025"],
    "lines": ["251-252", "304-305", "204-206", "139"],
})
TREND = pl.DataFrame({"year": [2016, 2017, 2018], "value": [7.0, 2.0, 8.0], "source": ["unodc-2022"] * 3,
                      "lines": ["251-252"] * 3})
TITLE = "Trafficking cases through the justice system, 2018"
SPECS = [
    ChartSpec("funnel", TITLE, "Kyrgyz Republic, 2018, cases or persons as labelled, by reporter",
              FUNNEL, "stage", "reporter", "barh"),
    ChartSpec("disagree", "The same year, different counts", "Kyrgyz Republic, 2014–2016, one dot per reporter",
              DOTS, "row_label", "reporter", "dots"),
    ChartSpec("trend", "Registered cases", "2016-2018", TREND, "year", None, "line"),
    ChartSpec("columns", "By article", "2014-2017", TREND, "year", None, "bar"),
]


def deck(specs=SPECS, lang: str = "en", link: str = LINK) -> Presentation:
    return Presentation(io.BytesIO(build_brief("My brief", specs, names=names, lang=lang, link=link,
                                               day=dt.date(2026, 3, 2))))


def box(shape) -> tuple[int, int, int, int]:
    return shape.left, shape.top, shape.left + shape.width, shape.top + shape.height


def charts(presentation) -> list:
    return [shape.chart for slide in presentation.slides for shape in slide.shapes if shape.has_chart]


def test_slides_are_16_by_9_and_every_shape_lies_inside() -> None:
    presentation = deck()
    assert (presentation.slide_width, presentation.slide_height) == (Inches(13.333), Inches(7.5))
    slides = list(presentation.slides)
    assert len(slides) == 1 + len(SPECS) + 1
    for n, slide in enumerate(slides, start=1):
        assert list(slide.placeholders) == [slide.shapes.title] or not list(slide.placeholders), n
        for shape in slide.shapes:
            left, top, right, bottom = box(shape)
            assert 0 <= left and 0 <= top, (n, shape.name)
            assert right <= presentation.slide_width and bottom <= presentation.slide_height, (n, shape.name)


def test_no_two_boxes_intersect() -> None:
    """Title, subtitle, chart and footnote (and every other shape) never overlap."""
    for n, slide in enumerate(deck().slides, start=1):
        shapes = [s for s in slide.shapes if s.has_text_frame or s.has_chart]
        assert len(shapes) >= 2, n
        for a, b in itertools.combinations(shapes, 2):
            (al, at, ar, ab), (bl, bt, br, bb) = box(a), box(b)
            assert ar <= bl or br <= al or ab <= bt or bb <= at, (n, a.name, b.name)


def test_title_slide_is_centred() -> None:
    presentation = deck()
    cover = presentation.slides[0]
    for shape in cover.shapes:
        left, _top, right, _bottom = box(shape)
        assert abs(left - (presentation.slide_width - right)) <= Inches(0.02), shape.name  # centred box
        assert all(p.alignment == 2 for p in shape.text_frame.paragraphs), shape.name  # PP_ALIGN.CENTER
    assert cover.shapes.title.text == "My brief"
    assert cover.shapes[1].text_frame.text.endswith("· 2 March 2026")


def test_chart_kinds_and_category_order() -> None:
    funnel, dots, trend, columns = charts(deck())
    assert funnel.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(funnel.plots[0].categories) == ["Registered", "Sent to court", "Convicted (persons)"]
    assert funnel.category_axis.reverse_order  # the first category drawn on top, as on the page
    crosses = funnel.value_axis._element.find(qn("c:crosses"))
    assert crosses.get("val") == "max"  # and the value axis at the foot
    assert [s.name for s in funnel.series] == ["NSC", "US TIP Report"]
    assert list(funnel.series[0].values) == [8.0, 6.0, None]  # a gap stays a gap
    assert trend.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert columns.chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    assert list(columns.plots[0].categories) == ["2016", "2017", "2018"]

    assert dots.chart_type == XL_CHART_TYPE.XY_SCATTER  # dots stay dots
    rows, *reporters = dots.plots[0].series
    assert [s.name for s in reporters] == ["NSC", "US TIP Report"]
    labels = [rows.points[i].data_label.text_frame.text for i in range(3)]
    assert labels == ["2016 · Registered", "2014 · Convicted (persons)", "2015 · Registered"]  # page order
    assert list(rows.values) == [3, 2, 1]  # top to bottom
    nsc, us_tip = reporters
    xml = nsc._element.xml
    assert "<c:v>7.0</c:v>" in xml and "<c:v>2.0</c:v>" in xml
    assert list(nsc.values) == [3, 2] and list(us_tip.values) == [3, 1]  # each dot on its row


def test_footnotes_name_reports_and_lines_never_ids() -> None:
    presentation = deck()
    footnotes = [shape.text_frame.text for slide in presentation.slides for shape in slide.shapes
                 if shape.name == "Footnote"]
    assert footnotes[0] == "Source: UNODC 2022, lines 251-252, 253, 254-259, 304-305, 306, 347-352"
    assert footnotes[1] == "Sources: UNODC 2022, lines 251-252, 304-305; OSCE 2025, lines 139, 204-206"
    for text in footnotes:
        assert "unodc-2022" not in text and "osce-2025" not in text and ".txt" not in text


def test_long_footnote_is_shortened_and_complete_in_the_notes() -> None:
    many = pl.DataFrame({"year": list(range(1990, 2050)), "value": [1.0] * 60, "source": ["osce-2025"] * 60,
                         "lines": [str(100 + 3 * i) for i in range(60)]})
    slide = deck([ChartSpec("long", "Long", "", many, "year")]).slides[1]
    footnote = next(s for s in slide.shapes if s.name == "Footnote").text_frame.text
    assert len(footnote) <= 320 and "more: see the slide notes" in footnote
    assert slide.notes_slide.notes_text_frame.text.endswith("274, 277")


def test_closing_slide_lists_the_sources_and_links_back() -> None:
    closing = deck().slides[-1]
    text = "\n".join(shape.text_frame.text for shape in closing.shapes if shape.has_text_frame)
    assert closing.shapes.title.text == "Sources"
    assert "Final report: Strengthening the Criminal Justice Response to Trafficking in Persons" in text
    assert "Report of the OSCE Special Representative" in text
    assert "AUCA" not in text  # only the sources cited
    assert "osce-2025" not in text and "unodc-2022" not in text
    assert LINK in text
    links = [r.hyperlink.address for s in closing.shapes if s.has_text_frame
             for p in s.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert links == [LINK]


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_deck_in_the_language_chosen(lang: str) -> None:
    presentation = deck(lang=lang)
    titles = [slide.shapes.title.text for slide in presentation.slides]
    expected = catalogue(lang).gettext("Trafficking cases through the justice system, {year}").format(year="2018")
    assert expected != "Trafficking cases through the justice system, {year}".format(year="2018")
    assert titles[1] == expected
    with using(lang):
        assert titles[-1] == catalogue(lang).gettext("Sources")
        funnel, dots, *_rest = charts(presentation)
        assert list(funnel.plots[0].categories)[0] == catalogue(lang).gettext("Registered")
        assert [s.name for s in funnel.series] == [names("reporters", True)[r] for r in ("nsc", "us_tip")]
    footnote = next(s for s in presentation.slides[1].shapes if s.name == "Footnote").text_frame.text
    assert footnote.startswith(catalogue(lang).ngettext("Source: {sources}", "Sources: {sources}", 1)[:5])
    assert presentation.core_properties.language.startswith(lang)


def test_a_russian_chart_in_an_english_deck() -> None:
    """A chart collected in Russian reads in English when the deck is downloaded in English."""
    with using("ru"):
        from i18n import _

        title = _("Trafficking cases through the justice system, {year}", year="2018")
        stage = _("Registered")
    russian = ChartSpec("funnel", title, "", FUNNEL.with_columns(pl.col("stage").replace({"Registered": stage})),
                        "stage", "reporter", "barh", lang="ru")
    presentation = deck([russian], lang="en")
    assert presentation.slides[1].shapes.title.text == TITLE
    assert list(charts(presentation)[0].plots[0].categories)[0] == "Registered"


def embedded_workbooks(raw: bytes) -> list[openpyxl.Workbook]:
    with zipfile.ZipFile(io.BytesIO(raw)) as package:
        parts = [n for n in package.namelist() if n.startswith("ppt/embeddings/") and n.endswith(".xlsx")]
        return [openpyxl.load_workbook(io.BytesIO(package.read(n))) for n in parts]


def test_no_formula_in_the_deck_nor_in_the_workbook_behind_each_chart() -> None:
    evil = pl.DataFrame({"place": ["=1+1", "+SUM(A1)", "@cmd", "-2", "Osh"], "reporter": ["=HYPERLINK(1)"] * 5,
                         "value": [1.0, 2.0, 3.0, 4.0, 5.0], "source": ["osce-2025"] * 5, "lines": ["139"] * 5})
    specs = [ChartSpec("evil", "=cmd|' /C calc'!A0", "", evil, "place", "reporter", kind)
             for kind in ("bar", "barh", "dots")]
    raw = build_brief("=1+1", specs, lang="en")
    books = embedded_workbooks(raw)
    assert len(books) == 3
    texts = []
    for book in books:
        for row in book.active.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert "'=1+1" in texts and "'+SUM(A1)" in texts and "'@cmd" in texts and "'=HYPERLINK(1)" in texts
    assert "=1+1" not in texts
    bar = charts(Presentation(io.BytesIO(raw)))[0]
    assert list(bar.plots[0].categories)[:2] == ["'=1+1", "'+SUM(A1)"]


def test_chart_source_line_names_reports_and_lines_for_the_png() -> None:
    from ui.figures import source_line

    frame = pl.DataFrame({"source": ["osce-2025", "unodc-2022", "osce-2025", "osce-2025"],
                          "lines": ["206", "247-251", "139", "206"]})
    assert source_line(frame) == "Sources: OSCE 2025, lines 139, 206; UNODC 2022, lines 247-251"
    assert source_line(frame.head(1)) == "Source: OSCE 2025, line 206"
    many = pl.DataFrame({"source": ["osce-2025"] * 60, "lines": [str(100 + 3 * i) for i in range(60)]})
    long = source_line(many)
    assert len(long) <= 120 and long.endswith("more: see the table") and "hover" not in long
    with using("ru"):
        assert source_line(frame).startswith("Источники: ОБСЕ 2025, строки 139, 206")  # report names in Russian too


def test_colour_is_not_the_only_code_on_a_slide() -> None:
    from pptx.enum.chart import XL_MARKER_STYLE
    from pptx.enum.dml import MSO_FILL, MSO_PATTERN

    lines = ChartSpec("lines", "By reporter", "2016-2018", FUNNEL.with_columns(year=pl.Series([2016, 2017, 2018] * 2)),
                      "year", "reporter", "line")
    funnel, dots, trend = charts(deck([SPECS[0], SPECS[1], lines]))
    fills = [s.format.fill for s in funnel.series]
    assert [f.type for f in fills] == [MSO_FILL.SOLID, MSO_FILL.PATTERNED]  # NSC solid, US TIP hatched
    assert fills[1].pattern == MSO_PATTERN.WIDE_UPWARD_DIAGONAL and str(fills[1].back_color.rgb) == "E69F00"
    _rows, *reporters = dots.plots[0].series
    assert [s.marker.style for s in reporters] == [XL_MARKER_STYLE.CIRCLE, XL_MARKER_STYLE.SQUARE]
    assert [s.marker.style for s in trend.series] == [XL_MARKER_STYLE.CIRCLE, XL_MARKER_STYLE.SQUARE]
