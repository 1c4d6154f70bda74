"""An editable PowerPoint brief: a title slide, one native chart per slide with its
sources as a footnote, and a closing slide listing every source cited and the link back
to the live view.

The layout is built for 16:9 (13.333 x 7.5 in): every slide is blank and the deck places
its own text boxes on a fixed grid (`GRID`), so title, subtitle, chart and footnote never
overlap and everything stays inside the slide (tests/test_deck.py checks both).

Charts are python-pptx chart objects (editable in PowerPoint), never pictures, of the
kind drawn on the page: bars stay bars (categories in the page's order, top to bottom),
lines stay lines, and the disagreement dots stay dots (an XY scatter, one row per
category, the rows named by labels beside the axis). Maps cannot be drawn without a
browser, so they are left out and the closing slide says so.

The whole deck is written in one language, chosen at download (`lang`); the words a
chart was collected with are carried into it by brief.translate.

Every category and series name goes through the shared formula neutraliser
(data.cells.escape_cell): python-pptx also writes them into the workbook embedded in each
chart, where "=1+1" would become a live formula; that workbook is written with
XlsxWriter's string-to-formula conversion off as well.
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from functools import cached_property

from pptx import Presentation
from pptx.chart.data import CategoryChartData, XyChartData
from pptx.chart.xlsx import CategoryWorkbookWriter, XyWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE, XL_TICK_LABEL_POSITION
from pptx.enum.dml import MSO_PATTERN
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt
from xlsxwriter import Workbook

from brief.spec import ChartSpec
from brief.translate import retranslate
from data.cells import escape_cell
from data.citations import MORE_NOTES, citation, documents
from i18n import _, current, ngettext, supported, using
from i18n.numbers import date

KINDS = {"bar": XL_CHART_TYPE.COLUMN_CLUSTERED, "line": XL_CHART_TYPE.LINE_MARKERS,
         "barh": XL_CHART_TYPE.BAR_CLUSTERED, "dots": XL_CHART_TYPE.XY_SCATTER}
# The deck's language (document property and proofing language of the text we write).
LANGUAGE_TAGS = {"en": "en-GB", "ru": "ru-RU", "ky": "ky-KG"}
PROOFING = {"en": MSO_LANGUAGE_ID.ENGLISH_UK, "ru": MSO_LANGUAGE_ID.RUSSIAN, "ky": MSO_LANGUAGE_ID.KYRGYZ}
# Columns that hold ids of reference tables: a slide shows their names, in the deck's language.
NAMED_COLUMNS = {"reporter": ("reporters", True), "region": ("regions", False), "country": ("countries", False)}
# names(table, short) -> {id: name in the current language}: given by the caller (the label
# layer sits above this room, so the deck does not import it).
Names = Callable[[str, bool], Mapping[str, str]]

# The 16:9 grid, in inches: (left, top, width, height). Each box ends above the next.
SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.6
WIDTH = SLIDE_W - 2 * MARGIN
GRID = {
    "cover_title": (0.9, 2.1, SLIDE_W - 1.8, 1.8),
    "cover_subtitle": (0.9, 4.05, SLIDE_W - 1.8, 0.9),
    "title": (MARGIN, 0.3, WIDTH, 0.85),
    "subtitle": (MARGIN, 1.2, WIDTH, 0.5),
    "chart": (MARGIN, 1.8, WIDTH, 4.75),
    "footnote": (MARGIN, 6.65, WIDTH, 0.6),
    "body": (MARGIN, 1.35, WIDTH, 4.6),
    "link": (MARGIN, 6.1, WIDTH, 0.9),
}
FOOTNOTE_LIMIT = 320  # characters: three lines at 11 pt; the rest goes to the slide notes
GREY = RGBColor(0x44, 0x44, 0x44)
# Series of a chart: Okabe-Ito, distinguishable for colour-blind readers. Colour is never the
# only code (WCAG 1.4.1): each series of dots or lines also has its own marker shape, and each
# series of bars its own fill (solid, then white hatching over the colour).
DOT_COLOURS = ("0072B2", "E69F00", "009E73", "D55E00", "CC79A7", "56B4E9", "000000")
MARKER_STYLES = (XL_MARKER_STYLE.CIRCLE, XL_MARKER_STYLE.SQUARE, XL_MARKER_STYLE.DIAMOND, XL_MARKER_STYLE.TRIANGLE,
                 XL_MARKER_STYLE.X, XL_MARKER_STYLE.STAR, XL_MARKER_STYLE.PLUS)
BAR_PATTERNS = (None, MSO_PATTERN.WIDE_UPWARD_DIAGONAL, MSO_PATTERN.SMALL_CONFETTI, MSO_PATTERN.DIAGONAL_CROSS,
                MSO_PATTERN.WIDE_DOWNWARD_DIAGONAL, MSO_PATTERN.LARGE_GRID, MSO_PATTERN.DARK_HORIZONTAL)


# -- chart data whose embedded workbook never turns text into formulas -------------------

@contextmanager
def _safe_worksheet(xlsx_file):
    workbook = Workbook(xlsx_file, {"in_memory": True, "strings_to_formulas": False,
                                    "strings_to_urls": False, "strings_to_numbers": False})
    worksheet = workbook.add_worksheet()
    yield workbook, worksheet
    workbook.close()


class _SafeCategoryWriter(CategoryWorkbookWriter):
    def _open_worksheet(self, xlsx_file):
        return _safe_worksheet(xlsx_file)


class _SafeXyWriter(XyWorkbookWriter):
    def _open_worksheet(self, xlsx_file):
        return _safe_worksheet(xlsx_file)


class SafeCategoryChartData(CategoryChartData):
    @cached_property
    def _workbook_writer(self):
        return _SafeCategoryWriter(self)


class SafeXyChartData(XyChartData):
    @cached_property
    def _workbook_writer(self):
        return _SafeXyWriter(self)


# -- words --------------------------------------------------------------------------------

def footnote_text(spec: ChartSpec, limit: int | None = FOOTNOTE_LIMIT) -> str:
    """'Sources: OSCE 2025, lines 204-206; UNODC 2022, lines 251-252', in the current language:
    reports by their short name, never an id or a file name."""
    return citation(spec.sources(), limit=limit, more=MORE_NOTES) or _("Source: see the dashboard's Sources page")


def number_format(series: dict[str, list[float | None]]) -> str:
    """An Office number format for the chart's figures: thousands grouped, no more decimals
    than the figures have (at most two). The format code is language-neutral: PowerPoint
    draws it with the separators of the reader's locale (12 345,5 in Russian)."""
    digits = 0
    for values in series.values():
        for value in values:
            if value is not None and not float(value).is_integer():
                tenths = float(value) * 10
                digits = max(digits, 1 if abs(tenths - round(tenths)) < 1e-9 else 2)
    return "#,##0" + ("." + "0" * digits if digits else "")


def display_names(column: str | None, values: list[str], names: Names | None, src: str | None = None) -> list[str]:
    """Ids of reporters, regions or countries -> their names (by `names`), in the current
    language; any other label, written in `src`, carried into the current language."""
    if column in NAMED_COLUMNS and names is not None:
        table, short = NAMED_COLUMNS[column]
        known = names(table, short)
        return [known.get(v, v) for v in values]
    if src:
        return [retranslate(v, src, current()) for v in values]
    return values


def _proofing(text_frame) -> None:
    """Mark every run of a text box as written in the current language (spell checking)."""
    language = PROOFING.get(current())
    for paragraph in text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.language_id = language


def _box(slide, name: str, text: str | list[str], size: int, bold: bool = False, align=PP_ALIGN.LEFT,
         anchor=MSO_ANCHOR.TOP, colour: RGBColor | None = None):
    """A text box on the grid: word-wrapped, never resized by PowerPoint, in the deck's language.

    A title goes in the slide's title placeholder, moved onto the grid (so PowerPoint's
    outline, slide sorter and screen readers know the slide's title)."""
    left, top, width, height = GRID[name]
    if name in ("title", "cover_title") and slide.shapes.title is not None:
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = Inches(left), Inches(top), Inches(width), Inches(height)
    else:
        shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
        shape.name = name.replace("_", " ").title()
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.05)
    frame.margin_top = frame.margin_bottom = Inches(0.03)
    paragraphs = [text] if isinstance(text, str) else list(text) or [""]
    for i, line in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        if colour is not None:
            run.font.color.rgb = colour
        if i:
            paragraph.space_before = Pt(size * 0.5)
    _proofing(frame)
    return shape


def _title_size(text: str, large: int, small: int, room: int) -> int:
    """The larger size when the text fits on the lines the box has room for, else the smaller."""
    return large if len(text) <= room else small


# -- slides -------------------------------------------------------------------------------

def _blank(deck):
    """A slide with only a title placeholder, which `_box` moves onto the 16:9 grid."""
    return deck.slides.add_slide(deck.slide_layouts[5])


def _cover(deck, title: str, day: dt.date) -> None:
    slide = _blank(deck)
    _box(slide, "cover_title", title, _title_size(title, 40, 30, 90), bold=True, align=PP_ALIGN.CENTER,
         anchor=MSO_ANCHOR.BOTTOM)
    _box(slide, "cover_subtitle", _("National Anti-Trafficking Rapporteur of the Kyrgyz Republic · {date}",
                                    date=date(day)), 18, align=PP_ALIGN.CENTER, colour=GREY)


def _category_chart(slide, spec: ChartSpec, names: Names | None):
    categories, series = spec.table()
    data = SafeCategoryChartData(number_format=number_format(series))
    data.categories = [escape_cell(c) for c in display_names(spec.category, categories, names, spec.lang)]
    series_names = (display_names(spec.series, list(series), names, spec.lang) if spec.series
                    else [_("Value")] * len(series))
    for name, values in zip(series_names, series.values()):
        data.add_series(escape_cell(name), values)
    left, top, width, height = GRID["chart"]
    chart = slide.shapes.add_chart(KINDS.get(spec.kind, KINDS["bar"]), Inches(left), Inches(top), Inches(width),
                                   Inches(height), data).chart
    if spec.kind == "barh":  # the first category on top, as on the page; the value axis stays at the foot
        chart.category_axis.reverse_order = True
        _value_axis_at_last_category(chart)
    if len(series) > 1:
        _code_series(chart, spec.kind)
    return chart, len(series)


def _code_series(chart, kind: str) -> None:
    """Each series in its colour and, beside it, its own marker shape (lines) or fill pattern (bars)."""
    for k, plotted in enumerate(chart.plots[0].series):
        colour = RGBColor.from_string(DOT_COLOURS[k % len(DOT_COLOURS)])
        if kind == "line":
            plotted.format.line.color.rgb = colour
            plotted.marker.style = MARKER_STYLES[k % len(MARKER_STYLES)]
            plotted.marker.size = 9
            plotted.marker.format.fill.solid()
            plotted.marker.format.fill.fore_color.rgb = colour
            plotted.marker.format.line.color.rgb = colour
            continue
        fill = plotted.format.fill
        pattern = BAR_PATTERNS[k % len(BAR_PATTERNS)]
        if pattern is None:
            fill.solid()
            fill.fore_color.rgb = colour
        else:
            fill.patterned()
            fill.pattern = pattern
            fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
            fill.back_color.rgb = colour


def _value_axis_at_last_category(chart) -> None:
    """With the categories reversed, the value axis would sit at the top: it crosses the
    category axis at its last category instead, i.e. at the foot (valAx c:crosses = max)."""
    value_axis = chart.value_axis._element
    crosses = value_axis.find(qn("c:crosses"))
    if crosses is None:
        crosses = OxmlElement("c:crosses")
        value_axis.find(qn("c:crossAx")).addnext(crosses)
    crosses.set("val", "max")


def _dot_chart(slide, spec: ChartSpec, names: Names | None):
    """One row per category (top to bottom in the page's order), one dot per series: an
    XY scatter whose y is the row; the rows are named by a label series at the left."""
    categories, series = spec.table()
    labels = display_names(spec.category, categories, names, spec.lang)
    rows = len(categories)
    data = SafeXyChartData(number_format=number_format(series))
    series_names = (display_names(spec.series, list(series), names, spec.lang) if spec.series
                    else [_("Value")] * len(series))
    lowest = min([0.0] + [v for values in series.values() for v in values if v is not None])
    # The row names come first: LibreOffice draws no dot at all when they come last.
    names_series = data.add_series(escape_cell(spec_header(spec)))
    for i in range(rows):
        names_series.add_data_point(lowest, rows - i)
    for name, values in zip(series_names, series.values()):
        points = data.add_series(escape_cell(name))
        for i, value in enumerate(values):
            if value is not None:  # a gap is no dot, never a zero
                points.add_data_point(value, rows - i)
    left, top, width, height = GRID["chart"]
    chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER, Inches(left), Inches(top), Inches(width),
                                   Inches(height), data).chart
    row_names, *plotted_series = list(chart.plots[0].series)
    for k, plotted in enumerate(plotted_series):
        plotted.marker.style = MARKER_STYLES[k % len(MARKER_STYLES)]
        plotted.marker.size = 11
        plotted.marker.format.fill.solid()
        plotted.marker.format.fill.fore_color.rgb = RGBColor.from_string(DOT_COLOURS[k % len(DOT_COLOURS)])
        plotted.marker.format.line.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    row_names.marker.style = XL_MARKER_STYLE.NONE
    for i, label in enumerate(labels):
        data_label = row_names.points[i].data_label
        data_label.position = XL_LABEL_POSITION.LEFT
        data_label.text_frame.text = label
        for run in data_label.text_frame.paragraphs[0].runs:
            run.font.size = Pt(12)
    x_axis, y_axis = chart.category_axis, chart.value_axis
    x_axis.minimum_scale = lowest
    x_axis.has_major_gridlines = True
    x_axis.number_format, x_axis.number_format_is_linked = number_format(series), False
    y_axis.minimum_scale, y_axis.maximum_scale, y_axis.major_unit = 0.5, rows + 0.5, 1
    y_axis.tick_label_position = XL_TICK_LABEL_POSITION.NONE
    y_axis.has_major_gridlines = True
    longest = max((len(label) for label in labels), default=0)
    _inset_plot(chart, left=min(0.45, max(0.12, 0.03 + longest * 0.0075)))
    return chart, len(series)


def spec_header(spec: ChartSpec) -> str:
    """The name of the label series of a dot chart (seen only in the chart's data sheet)."""
    return _("Row names")


def _inset_plot(chart, left: float) -> None:
    """Leave `left` (a fraction of the chart's width) free beside the plot for the row names."""
    plot_area = chart._chartSpace.chart.plotArea
    layout = plot_area.find(qn("c:layout"))
    if layout is None:
        layout = OxmlElement("c:layout")
        plot_area.insert(0, layout)
    for child in list(layout):
        layout.remove(child)
    manual = OxmlElement("c:manualLayout")
    for tag, value in (("layoutTarget", "inner"), ("xMode", "edge"), ("yMode", "edge"), ("x", f"{left:.3f}"),
                       ("y", "0.04"), ("w", f"{0.97 - left:.3f}"), ("h", "0.74")):
        element = OxmlElement(f"c:{tag}")
        element.set("val", value)
        manual.append(element)
    layout.append(manual)


def _hide_legend_entry(chart, index: int) -> None:
    """Keep the row-name series out of the legend."""
    if not chart.has_legend:
        return
    legend = chart.legend._element
    entry = OxmlElement("c:legendEntry")
    idx, delete = OxmlElement("c:idx"), OxmlElement("c:delete")
    idx.set("val", str(index))
    delete.set("val", "1")
    entry.append(idx)
    entry.append(delete)
    position = legend.find(qn("c:legendPos"))
    (position.addnext(entry) if position is not None else legend.insert(0, entry))


def _chart_slide(deck, spec: ChartSpec, names: Names | None) -> None:
    slide = _blank(deck)
    title = retranslate(spec.title, spec.lang, current())
    subtitle = retranslate(spec.subtitle, spec.lang, current())
    _box(slide, "title", title, _title_size(title, 28, 20, 75), bold=True, anchor=MSO_ANCHOR.BOTTOM)
    _box(slide, "subtitle", subtitle, _title_size(subtitle, 16, 12, 130), colour=GREY)
    chart, count = (_dot_chart if spec.kind == "dots" else _category_chart)(slide, spec, names)
    chart.has_title = False
    chart.font.size = Pt(12)
    chart.has_legend = count > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        if spec.kind == "dots":
            _hide_legend_entry(chart, 0)  # the row names
    _box(slide, "footnote", footnote_text(spec), 11, colour=GREY)
    # Every line reference, in full, in the notes (the footnote may be shortened).
    slide.notes_slide.notes_text_frame.text = footnote_text(spec, limit=None)


def _closing(deck, specs: list[ChartSpec], maps_left_out: int, link: str) -> None:
    slide = _blank(deck)
    _box(slide, "title", _("Sources"), 28, bold=True, anchor=MSO_ANCHOR.BOTTOM)
    cited = list(dict.fromkeys(s for spec in specs for s, _lines in spec.sources()))
    docs = documents()  # names, titles and publishers in the deck's language (our translation)
    lines = []
    for row in docs.iter_rows(named=True):
        if row["source"] in cited:
            year = f", {row['year_published']}" if row["year_published"] else ""
            name = row["short"] or row["source"]  # without a readable sources table only the id is known
            lines.append(f"{name}: {row['title']} ({row['publisher']}{year})" if row["title"] else name)
    if maps_left_out:
        lines.append(ngettext("{n} map left out: maps cannot be drawn as editable charts.",
                              "{n} maps left out: maps cannot be drawn as editable charts.", maps_left_out))
    _box(slide, "body", lines or [_("No source cited.")], 14 if len(lines) <= 5 else 12)
    if link:
        box = _box(slide, "link", [_("The live view, with every figure's source passage:"), link], 14)
        run = box.text_frame.paragraphs[1].runs[0]
        run.hyperlink.address = link


def build_brief(title: str, specs: list[ChartSpec], maps_left_out: int = 0, names: Names | None = None,
                lang: str | None = None, link: str = "", day: dt.date | None = None) -> bytes:
    """The deck, entirely in `lang` (default: the current language).

    `names(table, short)` gives the names of reporters, regions and countries in the
    current language (e.g. ui.labels.names); without it a slide shows their ids.
    `link` is the address of the live view (the app's Brief page), written on the last slide;
    `day` the date on the title slide (the page passes ui.clock.today(); default today)."""
    with using(supported(lang) or current()):
        deck = Presentation()
        deck.slide_width, deck.slide_height = Emu(Inches(SLIDE_W)), Emu(Inches(SLIDE_H))
        deck.core_properties.title = title
        deck.core_properties.language = LANGUAGE_TAGS.get(current(), current())
        deck.core_properties.author = _("National Anti-Trafficking Rapporteur of the Kyrgyz Republic")
        _cover(deck, title, day or dt.date.today())
        for spec in specs:
            _chart_slide(deck, spec, names)
        _closing(deck, specs, maps_left_out, link)
        out = io.BytesIO()
        deck.save(out)
        return out.getvalue()
