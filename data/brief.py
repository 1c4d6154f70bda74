"""An editable PowerPoint brief: a title slide, one native chart per slide with its
source as a footnote, and a closing slide listing every source cited.

Charts are python-pptx chart objects (editable in PowerPoint), never pictures.
Maps cannot be drawn without a browser, so they are left out and the closing
slide says so.
"""
from __future__ import annotations

import io
from datetime import date

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Inches, Pt

from data.load import reference
from metrics.brief import ChartSpec

KINDS = {"bar": XL_CHART_TYPE.COLUMN_CLUSTERED, "line": XL_CHART_TYPE.LINE_MARKERS,
         "barh": XL_CHART_TYPE.BAR_CLUSTERED}


def footnote_text(spec: ChartSpec) -> str:
    pairs = spec.sources()
    by_source: dict[str, list[str]] = {}
    for source, lines in pairs:
        by_source.setdefault(source, []).append(lines)
    parts = [f"{s} (lines {', '.join(l for l in ls if l)})" if any(ls) else s for s, ls in by_source.items()]
    return "Source: " + "; ".join(parts) if parts else "Source: see the dashboard's Sources page"


def build_brief(title: str, specs: list[ChartSpec], maps_left_out: int = 0) -> bytes:
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)

    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = title
    cover.placeholders[1].text = (f"National Anti-Trafficking Rapporteur of the Kyrgyz Republic · "
                                  f"{date.today():%d %B %Y}")

    for spec in specs:
        slide = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        slide.shapes.title.text = spec.title
        sub = slide.shapes.add_textbox(Inches(0.6), Inches(1.25), Inches(12), Inches(0.4))
        sub.text_frame.text = spec.subtitle
        sub.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
        categories, series = spec.table()
        data = CategoryChartData()
        data.categories = categories
        for name, values in series.items():
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

    closing = deck.slides.add_slide(deck.slide_layouts[1])
    closing.shapes.title.text = "Sources"
    cited = list(dict.fromkeys(s for spec in specs for s, _ in spec.sources()))
    docs = reference("sources")
    lines = []
    for row in docs.iter_rows(named=True):
        if row["source"] in cited:
            year = f", {row['year_published']}" if row["year_published"] else ""
            lines.append(f"{row['source']}: {row['publisher']}, {row['title']}{year}")
    if maps_left_out:
        lines.append(f"{maps_left_out} map(s) left out: maps cannot be drawn as editable charts.")
    body = closing.placeholders[1].text_frame
    body.text = lines[0] if lines else "No source cited."
    for text in lines[1:]:
        body.add_paragraph().text = text
    for paragraph in body.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(14)

    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
