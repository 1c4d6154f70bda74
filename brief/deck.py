"""An editable PowerPoint brief: a title slide, one native chart per slide with its
source as a footnote, and a closing slide listing every source cited.

Charts are python-pptx chart objects (editable in PowerPoint), never pictures.
Maps cannot be drawn without a browser, so they are left out and the closing
slide says so.
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.util import Inches, Pt

from brief.spec import ChartSpec
from data.load import reference
from i18n import _, current, ngettext
from i18n.numbers import date

KINDS = {"bar": XL_CHART_TYPE.COLUMN_CLUSTERED, "line": XL_CHART_TYPE.LINE_MARKERS,
         "barh": XL_CHART_TYPE.BAR_CLUSTERED}
# The deck's language (document property and proofing language of the text we write).
LANGUAGE_TAGS = {"en": "en-GB", "ru": "ru-RU", "ky": "ky-KG"}
PROOFING = {"en": MSO_LANGUAGE_ID.ENGLISH_UK, "ru": MSO_LANGUAGE_ID.RUSSIAN, "ky": MSO_LANGUAGE_ID.KYRGYZ}
# Columns that hold ids of reference tables: a slide shows their names, in the current language.
NAMED_COLUMNS = {"reporter": ("reporters", True), "region": ("regions", False), "country": ("countries", False)}
# names(table, short) -> {id: name in the current language}: given by the caller (the label
# layer sits above this room, so the deck does not import it).
Names = Callable[[str, bool], Mapping[str, str]]


def footnote_text(spec: ChartSpec) -> str:
    """'Source: unodc-2022 (lines 251-252, 254-259)', in the current language."""
    pairs = spec.sources()
    by_source: dict[str, list[str]] = {}
    for source, lines in pairs:
        by_source.setdefault(source, []).append(lines)
    parts = [_("{source} (lines {lines})", source=s, lines=", ".join(l for l in ls if l)) if any(ls) else s
             for s, ls in by_source.items()]
    if not parts:
        return _("Source: see the dashboard's Sources page")
    return ngettext("Source: {sources}", "Sources: {sources}", len(parts), sources="; ".join(parts))


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


def display_names(column: str | None, values: list[str], names: Names | None) -> list[str]:
    """Ids of reporters, regions or countries -> their names (by `names`); anything else as it is."""
    if column not in NAMED_COLUMNS or names is None:
        return values
    table, short = NAMED_COLUMNS[column]
    known = names(table, short)
    return [known.get(v, v) for v in values]


def _proofing(text_frame) -> None:
    """Mark every run of a text box as written in the current language (spell checking)."""
    language = PROOFING.get(current())
    for paragraph in text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.language_id = language


def build_brief(title: str, specs: list[ChartSpec], maps_left_out: int = 0, names: Names | None = None) -> bytes:
    """The deck, in the current language (the chart titles and subtitles are the specs' own).

    `names(table, short)` gives the names of reporters, regions and countries in the
    current language (e.g. i18n.names.names); without it a slide shows their ids."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    deck.core_properties.title = title
    deck.core_properties.language = LANGUAGE_TAGS.get(current(), current())
    deck.core_properties.author = _("National Anti-Trafficking Rapporteur of the Kyrgyz Republic")

    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = title
    cover.placeholders[1].text = _("National Anti-Trafficking Rapporteur of the Kyrgyz Republic · {date}",
                                   date=date(dt.date.today()))
    _proofing(cover.shapes.title.text_frame)
    _proofing(cover.placeholders[1].text_frame)

    for spec in specs:
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        slide.shapes.title.text = spec.title
        _proofing(slide.shapes.title.text_frame)
        sub = slide.shapes.add_textbox(Inches(0.6), Inches(1.25), Inches(12), Inches(0.4))
        sub.text_frame.text = spec.subtitle
        if sub.text_frame.paragraphs[0].runs:
            sub.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
        _proofing(sub.text_frame)
        categories, series = spec.table()
        data = CategoryChartData(number_format=number_format(series))
        data.categories = display_names(spec.category, categories, names)
        series_names = display_names(spec.series, list(series), names) if spec.series else [_("Value")] * len(series)
        for name, values in zip(series_names, series.values()):
            data.add_series(name, values)
        frame = slide.shapes.add_chart(KINDS.get(spec.kind, KINDS["bar"]), Inches(0.6), Inches(1.8),
                                       Inches(12), Inches(4.8), data)
        chart = frame.chart
        chart.has_legend = len(series) > 1
        if chart.has_legend:
            chart.legend.position = XL_LEGEND_POSITION.BOTTOM
            chart.legend.include_in_layout = False
        note = slide.shapes.add_textbox(Inches(0.6), Inches(6.75), Inches(12), Inches(0.5))
        note.name = "Footnote"
        note.text_frame.text = footnote_text(spec)
        note.text_frame.word_wrap = True
        note.text_frame.paragraphs[0].runs[0].font.size = Pt(10)
        _proofing(note.text_frame)

    closing = deck.slides.add_slide(deck.slide_layouts[1])
    closing.shapes.title.text = _("Sources")
    _proofing(closing.shapes.title.text_frame)
    cited = list(dict.fromkeys(s for spec in specs for s, _lines in spec.sources()))
    docs = reference("sources")
    lines = []
    for row in docs.iter_rows(named=True):  # titles and publishers as published: not translated
        if row["source"] in cited:
            year = f", {row['year_published']}" if row["year_published"] else ""
            # without a readable sources table only the id is known
            lines.append(f"{row['source']}: {row['publisher']}, {row['title']}{year}" if row["title"] else row["source"])
    if maps_left_out:
        lines.append(ngettext("{n} map left out: maps cannot be drawn as editable charts.",
                              "{n} maps left out: maps cannot be drawn as editable charts.", maps_left_out))
    body = closing.placeholders[1].text_frame
    body.text = lines[0] if lines else _("No source cited.")
    for text in lines[1:]:
        body.add_paragraph().text = text
    for paragraph in body.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(14)
    _proofing(body)

    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
