"""Plotly figures with the dashboard's anatomy: title, subtitle (place, period,
unit), source line, Okabe-Ito colours, and hover that names source and lines.
Builders take frames of ids and numbers (plus labels where the chart shows words) and
are cached per language (`ui.figure_cache`)."""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

from i18n import _
from i18n.numbers import plotly_separators
from metrics.masking import AS_PRINTED
from ui.figure_cache import cached_figure
from ui.formatting import fmt_value
from ui.labels import names as names_of
from ui.labels import not_reported, notes, status, term

# Okabe-Ito, colour-blind safe. Reporters keep one colour on every page.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
REPORTER_COLOURS = {
    "nsc": "#009E73", "moi_gpo": "#0072B2", "us_tip": "#E69F00", "gpo": "#D55E00",
    "national_rapporteur": "#CC79A7", "government": "#56B4E9", "moi": "#003E62",
    "auca": "#000000", "ngo": "#4D4D4D", "courts": "#7A7A7A", "unodc": "#8C5A00",
    "gkns": "#B8A200", "researchers": "#5E3C99", "winrock": "#8C5A00",
}
GAP_COLOUR = "#BBBBBB"
# Colour is never the only code (WCAG 1.4.1): beside its colour every reporter has its own marker
# shape (dots and lines) and bar fill pattern, the same on every chart. The reporters that stand
# side by side on the Justice funnel and trend charts all differ (tests/test_a11y.py); others fall
# back to a stable choice. Plotly has only eight fill patterns ("" is solid).
REPORTER_SYMBOLS = {
    "nsc": "circle", "moi_gpo": "square", "us_tip": "diamond", "gpo": "triangle-up",
    "national_rapporteur": "star", "auca": "x", "gkns": "triangle-down", "government": "cross",
    "moi": "pentagon", "ngo": "hexagon", "courts": "hourglass", "unodc": "bowtie",
    "osce": "star-diamond", "researchers": "triangle-left", "winrock": "triangle-right",
    "iom": "star-square", "mlsd": "diamond-wide", "migration_service": "square-x",
}
SYMBOLS = ("circle", "diamond", "square", "triangle-up", "cross", "x", "star", "triangle-down", "pentagon", "hexagon")
REPORTER_PATTERNS = {
    "nsc": "", "moi_gpo": "/", "us_tip": ".", "gpo": "x", "national_rapporteur": "\\", "auca": "+",
    "gkns": "-", "government": "|", "unodc": "/", "osce": ".", "moi": "x", "ngo": "\\", "iom": "+",
}
PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")

CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "width": 1600, "height": 900, "scale": 1},
}


def colour_for(reporter: str) -> str:
    """A reporter's colour, the same on every page (stable hash for reporters not listed)."""
    if reporter in REPORTER_COLOURS:
        return REPORTER_COLOURS[reporter]
    return OKABE_ITO[sum(map(ord, reporter or "")) % len(OKABE_ITO)]


def symbol_for(reporter: str) -> str:
    """A reporter's marker shape, the same on every chart (stable for reporters not listed)."""
    if reporter in REPORTER_SYMBOLS:
        return REPORTER_SYMBOLS[reporter]
    return SYMBOLS[sum(map(ord, reporter or "")) % len(SYMBOLS)]


def pattern_for(reporter: str) -> str:
    """A reporter's bar fill pattern ("" is solid), the same on every chart."""
    if reporter in REPORTER_PATTERNS:
        return REPORTER_PATTERNS[reporter]
    return PATTERNS[sum(map(ord, reporter or "")) % len(PATTERNS)]


def patterned(shapes: str | list[str]) -> dict:
    """A bar's `marker.pattern`: white hatching over the bar's own colour, so the colour keeps
    its strength and the pattern tells the bars apart where colours cannot."""
    return {"shape": shapes, "fillmode": "overlay", "fgcolor": "white", "size": 7, "solidity": 0.35}


# Characters per line at the narrowest screen (a 390 px phone, about 350 px of chart):
# plotly does not wrap text, so titles, subtitles, source lines and long category labels
# are broken into lines here, by size of type. A desktop shows the same lines, shorter
# than its width; nothing is cut at any width.
TITLE_CHARS, SUBTITLE_CHARS, SOURCE_CHARS, LABEL_CHARS = 34, 46, 56, 16
LEGEND_WIDTH = 260  # px a legend row may take on a phone


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` characters, broken between words (a longer word
    stands on its own line)."""
    lines: list[str] = []
    for word in (text or "").split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def wrapped(text: str, width: int = LABEL_CHARS) -> str:
    """A category label in lines for an axis (plotly breaks lines at <br>); the table under
    the chart and the hover keep the whole text."""
    return "<br>".join(wrap(text, width))


def band_height(categories: list[str], minimum: int = 28) -> int:
    """Pixels the plot needs for a category axis: every band holds the most lines any
    label of it has (labels wrapped with <br>), so wrapped labels never run into each other."""
    if not categories:
        return 0
    lines = max(c.count("<br>") + 1 for c in categories)
    return len(categories) * max(minimum, 15 * lines + 10)


def legend_rows(names: list[str], room: int = LEGEND_WIDTH) -> int:
    """How many rows (lines) a horizontal legend of `names` takes on a phone (entries packed
    left to right: a swatch, then about 7 px a character)."""
    rows, used, tall = 0, room, 0  # rows: lines of the rows before this one; tall: this row's lines
    for name in names:
        parts = name.split("<br>")  # a wrapped name: as wide as its longest line, as tall as its lines
        width = 50 + 8.5 * max(len(p) for p in parts)
        if used + width > room:
            rows, tall, used = rows + tall, 0, 0
        used += width
        tall = max(tall, len(parts))
    return rows + tall


def anatomy(fig: go.Figure, title: str, subtitle: str, sources: str, height: int = 420) -> go.Figure:
    """Title, subtitle and source line inside the figure, so an export stands alone.

    Each is wrapped to the width of a phone (plotly does not wrap), and the top margin
    grows with their lines. The legend sits under the plot and the source line under the
    legend; the bottom margin grows with the legend's rows and the source line's lines so
    none of them overlap or leave the chart.
    """
    names = [t.name for t in fig.data if t.showlegend is not False and t.name]
    left = _left_margin(fig)
    # plotly wraps a horizontal legend at the plot's width: a phone's less the axis labels
    rows = legend_rows(names, min(LEGEND_WIDTH, 370 - left)) if len(names) > 1 else 0
    title_lines, subtitle_lines = wrap(title, TITLE_CHARS), wrap(subtitle, SUBTITLE_CHARS)
    source_lines = wrap(sources, SOURCE_CHARS)
    # subplot titles (annotations already there) stand above the plot: room for them too
    panel_titles = max((a.text.count("<br>") + 1 for a in fig.layout.annotations if a.text), default=0)
    top = 12 + 22 * len(title_lines) + 18 * len(subtitle_lines) + 14 + (8 + 16 * panel_titles if panel_titles else 0)
    axis = 30  # the x axis' tick labels under the plot
    bottom = axis + 24 * rows + 15 * len(source_lines) + 10
    plot_h = max(height - 92 - 56, 120)
    head = "<br>".join(f"<b>{line}</b>" for line in title_lines)
    sub = "<br>".join(f"<span style='font-size:13px;color:#444'>{line}</span>" for line in subtitle_lines)
    fig.update_layout(
        title=None,  # written as an annotation (below): plotly misplaces a multi-line title
        height=plot_h + top + bottom,
        margin={"l": left, "r": 10, "t": top, "b": bottom, "pad": 0},
        font={"family": "sans-serif"},
        # in the chart's own coordinates (the container), so it never pushes the plot aside
        legend={"orientation": "h", "xref": "container", "x": 0.01, "xanchor": "left",
                "yref": "container", "y": (bottom - axis) / (plot_h + top + bottom), "yanchor": "top"},
        showlegend=rows > 0,
        colorway=OKABE_ITO,
        separators=plotly_separators(),
        meta={"title": title, "subtitle": subtitle},
    )
    fig.add_annotation(
        # the title and subtitle, from the chart's top left corner; `meta` keeps them for exports
        text=f"{head}<br>{sub}", xref="paper", yref="paper", x=0, xshift=10 - left, y=1, yshift=top - 10,
        showarrow=False, xanchor="left", yanchor="top", align="left", font={"size": 17, "color": "#222"},
        name="title",
    )
    fig.add_annotation(
        # from the chart's left edge (not the plot's, which starts after the axis labels)
        text="<br>".join(source_lines), xref="paper", yref="paper", x=0, xshift=10 - left,
        y=-(bottom - 6) / plot_h, showarrow=False,
        xanchor="left", yanchor="bottom", align="left", font={"size": 11, "color": "#555"},
    )
    return fig


def _left_margin(fig: go.Figure) -> int:
    """Room for the y axis' labels: the longest line of a category label (at about 6.8 px
    a character), else a number's width. Plotly's automargin still widens it if needed."""
    longest = 0
    for trace in fig.data:
        ys = getattr(trace, "y", None)
        if ys is None or getattr(trace, "orientation", None) != "h" and trace.type == "bar":
            continue
        for y in ys:
            if isinstance(y, str):
                longest = max([longest, *(len(part) for part in y.split("<br>"))])
    return int(16 + 6.8 * longest) if longest else 48


def point_text(fig: go.Figure, point: dict) -> str:
    """What the hover of a tapped (selected) point says, as lines of text: a phone or a
    printed page cannot hover, so the page writes it under the chart. Fills the trace's
    hover template from the selection event's x, y, customdata and the trace's name."""
    import re

    from i18n.numbers import number

    try:
        trace = fig.data[int(point.get("curve_number", 0))]
    except (IndexError, TypeError, ValueError):
        return ""
    custom = point.get("customdata") or []

    def plain(value) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return number(int(value)) if value.is_integer() else number(value)
        return str(value).replace("<br>", " ")

    def fill(match: re.Match) -> str:
        key, fmt = match.group(1), match.group(2)
        if key in ("x", "y"):
            value = point.get(key)
            return str(value)[:10] if fmt and isinstance(value, str) else plain(value)
        if key.startswith("customdata["):
            i = int(key[len("customdata["):-1])
            return plain(custom[i]) if i < len(custom) else ""
        if key == "fullData.name":
            return plain(trace.name)
        return ""

    text = re.sub(r"%\{([^}|]+)(?:\|([^}]*))?\}", fill, trace.hovertemplate or "")
    text = re.sub(r"<extra>.*?</extra>", "", text)
    lines = [re.sub(r"<[^>]+>", "", line).strip() for line in text.split("<br>")]
    return "  \n".join(line for line in lines if line)


def source_line(frame: pl.DataFrame, limit: int = 120) -> str:
    """'Sources: OSCE 2025, lines 139, 206; UNODC 2022, lines 247-251' under a chart, from the
    rows it draws (data.citations, as on the slides). It is printed on the PNG download
    too, which cannot be hovered, so it names the lines itself; when long, it ends with
    '… and N more: see the table' (the figures under the chart)."""
    from data.citations import citation

    if frame.is_empty() or "source" not in frame.columns:
        return _("Sources: none")
    lines = frame["lines"].cast(pl.String).to_list() if "lines" in frame.columns else [None] * frame.height
    return citation(zip(frame["source"].to_list(), lines), limit=limit) or _("Sources: none")


def hover_provenance(frame: pl.DataFrame) -> list[list[str]]:
    """customdata rows [reporter, period, source, lines, note, row id, source id] for hover
    templates: reporter and source by name (never an id on screen); the row id and the source id
    (last two, never shown) let a click on the point open its source passage (ui.cite.from_chart)."""
    cols = ["reporter", "period", "source", "lines", "note", "id"]
    present = [c for c in cols if c in frame.columns]
    who = reporter_names()
    rows = [[("" if row.get(c) is None else str(row.get(c))) for c in cols]
            for row in notes(frame.select(present)).iter_rows(named=True)]
    sources = source_names()
    for row in rows:
        row.append(row[2])  # the source id, for the citation
        row[0] = who.get(row[0], row[0])
        row[2] = sources.get(row[2], row[2])
    return rows


def source_names() -> dict[str, str]:
    """Source id -> the report's short name ('OSCE 2025'), for hovers: never an id or a file."""
    from data.citations import short_names

    return short_names()


def hover(first: str = "<b>%{y}</b><br>%{x}") -> str:
    """The hover template naming reporter, period, source and lines (customdata order of
    `hover_provenance`), in the current language."""
    return first + _("<br>Reporter: %{customdata[0]}<br>Period: %{customdata[1]}"
                     "<br>Source: %{customdata[2]}, lines %{customdata[3]}") + "<extra></extra>"


def hover_source(first: str) -> str:
    """A shorter hover template: `first`, then source and lines."""
    return first + _("<br>Source: %{customdata[2]}, lines %{customdata[3]}") + "<extra></extra>"


def reporter_names(short: bool = False) -> dict[str, str]:
    """Reporter id -> name (or short name) in the current language, from data/reporters.csv."""
    return names_of("reporters", short=short)


@cached_figure
def funnel_bars(funnel: pl.DataFrame, stage_labels: dict[str, str], title: str, subtitle: str) -> go.Figure:
    """One panel per reporter (named above it), a bar per stage labelled with its unit, in the
    reporter's colour and fill pattern; a stage the reporter does not give is written 'not
    reported' in grey at zero, never drawn as a bar."""
    from plotly.subplots import make_subplots

    names = reporter_names(short=True)
    reporters = list(dict.fromkeys(funnel["reporter"].to_list()))
    fig = make_subplots(rows=len(reporters), cols=1, shared_xaxes=True, vertical_spacing=0.08,
                        subplot_titles=[wrapped(names.get(r, r), 26) for r in reporters])  # over a phone's plot
    stages = [wrapped(stage_labels[s]) for s in dict.fromkeys(funnel["stage"].to_list())]
    for i, reporter in enumerate(reporters, start=1):
        part = funnel.filter(pl.col("reporter") == reporter)
        labels = [wrapped(stage_labels[s]) for s in part["stage"]]
        texts = [fmt_value(v, u) for v, u in zip(part["value"], part["unit"])]
        fig.add_bar(
            y=labels, x=part["value"].to_list(), orientation="h", name=names.get(reporter, reporter),
            marker={"color": colour_for(reporter), "pattern": patterned(pattern_for(reporter))},
            text=texts, textposition="outside", cliponaxis=False,
            customdata=hover_provenance(part), hovertemplate=hover(), showlegend=False, row=i, col=1,
        )
        gaps = part.filter(pl.col("value").is_null())
        if gaps.height:
            fig.add_scatter(
                y=[wrapped(stage_labels[s]) for s in gaps["stage"]], x=[0] * gaps.height, mode="text",
                text=[not_reported()] * gaps.height, textposition="middle right",
                textfont={"color": "#777", "size": 12}, hoverinfo="skip", showlegend=False, row=i, col=1,
            )
        fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(stages)), row=i, col=1)
    top = funnel["value"].max() or 1
    fig.update_xaxes(range=[0, top * 1.6])
    panel = band_height(stages, minimum=30) + 50  # its bars and its title
    return anatomy(fig, title, subtitle, source_line(funnel), height=148 + panel * len(reporters))


@cached_figure
def small_multiples(series: pl.DataFrame, stages: list[str], stage_labels: dict[str, str],
                    title: str, subtitle: str, span: tuple[int, int] | None = None) -> go.Figure:
    """One panel per stage across years (two panels a row, so a phone can read them), a
    line per reporter with its own colour and marker shape; missing years break the line.
    The time axis spans the years with figures, not a fixed range."""
    from plotly.subplots import make_subplots

    names = reporter_names(short=True)
    years = list(range(int(series["year"].min()), int(series["year"].max()) + 1)) if series.height else []
    cols = min(2, len(stages))
    n_rows = -(-len(stages) // cols)
    titles = [wrapped(stage_labels[s], 18) for s in stages]
    # between two rows of panels: the upper row's year labels and the lower row's titles (in
    # Russian a stage's name takes four lines), so the titles never run into the axis above
    gap = 36 + 20 * max((t.count("<br>") + 1 for t in titles), default=1)  # a title line is ~20 px
    # (the rows are placed `gap` px apart by _row_gaps, once anatomy() has set the margins)
    fig = make_subplots(rows=n_rows, cols=cols, subplot_titles=titles, shared_yaxes=False,
                        horizontal_spacing=0.12, vertical_spacing=0.0)
    seen: set[str] = set()
    for i, stage in enumerate(stages):
        row, col = i // cols + 1, i % cols + 1
        part = series.filter(pl.col("stage") == stage)
        for reporter in sorted(part["reporter"].unique().to_list()):
            rows = part.filter(pl.col("reporter") == reporter)
            by_year = {int(y): r for y, r in zip(rows["year"], rows.iter_rows(named=True))}
            full = [by_year.get(y) for y in years]
            fig.add_scatter(
                x=years, y=[r["value"] if r else None for r in full], mode="lines+markers",
                name=names.get(reporter, reporter), legendgroup=reporter, showlegend=reporter not in seen,
                line={"color": colour_for(reporter)}, connectgaps=False,
                marker={"symbol": symbol_for(reporter), "size": 9},
                customdata=[[names.get(r["reporter"], r["reporter"]), r["period"],
                             source_names().get(r["source"], r["source"]), r["lines"],
                             term("unit", r["unit"])] if r else ["", "", "", "", ""] for r in full],
                hovertemplate=hover("%{x}: <b>%{y}</b> %{customdata[4]}"),
                row=row, col=col,
            )
            seen.add(reporter)
    if years:
        first, last = span or (years[0], years[-1])
        fig.update_xaxes(tickformat="d", nticks=4, range=[first - 0.5, last + 0.5])
    fig.update_yaxes(rangemode="tozero", nticks=4)
    fig = anatomy(fig, title, subtitle, source_line(series), height=200 + 230 * n_rows + gap * (n_rows - 1))
    return _row_gaps(fig, n_rows, cols, len(stages), gap)


def _row_gaps(fig: go.Figure, n_rows: int, cols: int, panels: int, gap: int) -> go.Figure:
    """Rows of panels `gap` px apart in the plotting area anatomy() left (its margins grow
    with the title's and the legend's lines, which make_subplots could not know): the
    rows' y domains and the panels' titles (the first `panels` annotations) moved to fit."""
    if n_rows < 2:
        return fig
    plot_h = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    space = min(0.4, gap / plot_h)
    row_h = (1 - space * (n_rows - 1)) / n_rows
    for k in range(n_rows * cols):
        top = 1 - (k // cols) * (row_h + space)
        fig.layout[f"yaxis{k + 1 if k else ''}"].domain = [max(0.0, top - row_h), top]
    for i, note in enumerate(fig.layout.annotations[:panels]):
        note.y = 1 - (i // cols) * (row_h + space)
    return fig


@cached_figure
def dot_plot(points: pl.DataFrame, title: str, subtitle: str) -> go.Figure:
    """One row per (year, stage), one dot per reporter: how far apart the sources are."""
    names = reporter_names(short=True)
    fig = go.Figure()
    for reporter in sorted(points["reporter"].unique().to_list()):
        part = points.filter(pl.col("reporter") == reporter)
        fig.add_scatter(
            x=part["value"].to_list(), y=[wrapped(r, 24) for r in part["row_label"]], mode="markers",
            name=names.get(reporter, reporter), marker={"size": 13, "color": colour_for(reporter),
                                                        "symbol": symbol_for(reporter),
                                                        "line": {"width": 1, "color": "white"}},
            customdata=hover_provenance(part), hovertemplate=hover("<b>%{x}</b> — %{y}"),
        )
    # row labels wrapped so a phone keeps room for the dots (Russian and Kyrgyz stages are long)
    order = [wrapped(r, 24) for r in dict.fromkeys(points.sort("year", "stage")["row_label"].to_list())]
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(order)))
    return anatomy(fig, title, subtitle, source_line(points),
                   height=140 + max(band_height(order, minimum=34), 3 * 34))


@cached_figure
def step_bars(steps: pl.DataFrame, title: str, subtitle: str) -> go.Figure:
    """A chain of steps as bars, each named with its reporter and in the reporter's colour and
    pattern; a missing step is a labelled gap, not a zero."""
    names = reporter_names(short=True)
    labels = [wrapped(t) for t in steps["label"].to_list()]
    texts = [fmt_value(v, u) + (f" — {names.get(r, r)}" if r else "") for v, u, r in
             zip(steps["value"], steps["unit"], steps["reporter"])]
    colours = [colour_for(r) if r else GAP_COLOUR for r in steps["reporter"].to_list()]
    patterns = [pattern_for(r) if r else "" for r in steps["reporter"].to_list()]
    fig = go.Figure(go.Bar(
        y=labels, x=steps["value"].to_list(), orientation="h", text=texts, textposition="outside",
        cliponaxis=False, marker={"color": colours, "pattern": patterned(patterns)}, customdata=hover_provenance(steps), hovertemplate=hover(),
        showlegend=False,
    ))
    fig.update_yaxes(categoryorder="array", categoryarray=list(reversed(labels)))
    fig.update_xaxes(range=[0, (steps["value"].max() or 1) * 2.2])
    return anatomy(fig, title, subtitle, source_line(steps), height=148 + band_height(labels, minimum=50))


@cached_figure
def stacked_bars(frame: pl.DataFrame, x: str, colour: str, title: str, subtitle: str,
                 labels: dict[str, str] | None = None) -> go.Figure:
    """Stacked bars of `value` by `x`, one segment per `colour` category. Categories in
    words (a theme, a report) lie horizontally, wrapped, so they are never cut; years
    stand as columns."""
    words = frame.height and frame[x].dtype == pl.String and any(
        not str(v).isdigit() for v in frame[x].drop_nulls().to_list())
    fig = go.Figure()
    for i, key in enumerate(sorted(frame[colour].unique().to_list())):
        part = frame.filter(pl.col(colour) == key)
        categories = [wrapped(str(v)) for v in part[x].to_list()] if words else part[x].to_list()
        fig.add_bar(
            **({"y": categories, "x": part["value"].to_list(), "orientation": "h"} if words
               else {"x": categories, "y": part["value"].to_list()}),
            name=(labels or {}).get(key, key),
            marker={"color": OKABE_ITO[i % len(OKABE_ITO)], "pattern": patterned(PATTERNS[i % len(PATTERNS)])},
            customdata=hover_provenance(part),
            hovertemplate=hover_source("<b>%{fullData.name}</b><br>"
                                       + ("%{y}: <b>%{x}</b>" if words else "%{x}: <b>%{y}</b>")),
        )
    fig.update_layout(barmode="stack")
    if words:
        order = [wrapped(str(v)) for v in dict.fromkeys(frame[x].to_list())]
        fig.update_yaxes(type="category", categoryorder="array", categoryarray=list(reversed(order)))
        return anatomy(fig, title, subtitle, source_line(frame), height=148 + band_height(order, minimum=30))
    fig.update_xaxes(type="category")
    return anatomy(fig, title, subtitle, source_line(frame))


def sparkline_svg(years: list[int], values: list[float], colour: str = OKABE_ITO[0],
                  width: int = 240, height: int = 44) -> str:
    """A card's sparkline as a small SVG drawing: the series' shape across its years,
    broken at every year without a figure (a gap, never a zero), the latest point marked.

    Made from numbers only (no text from the data), so it cannot carry markup."""
    by_year = {int(y): float(v) for y, v in zip(years, values) if v is not None}
    if len(by_year) < 2:
        return ""
    first, last = min(by_year), max(by_year)
    low, high = min(by_year.values()), max(by_year.values())
    pad = 4

    def point(year: int) -> tuple[float, float]:
        x = pad + (year - first) / (last - first) * (width - 2 * pad)
        y = height - pad - ((by_year[year] - low) / (high - low) if high > low else 0.5) * (height - 2 * pad)
        return round(x, 1), round(y, 1)

    runs: list[list[int]] = []
    for year in range(first, last + 1):
        if year not in by_year:
            runs.append([])
        elif runs and runs[-1] and runs[-1][-1] == year - 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    shapes = []
    for run in (r for r in runs if r):
        coords = " ".join(f"{x},{y}" for x, y in map(point, run))
        shapes.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2" '
                      'stroke-linejoin="round" stroke-linecap="round"/>')
        if len(run) == 1:  # a year standing alone between gaps
            x, y = point(run[0])
            shapes.append(f'<circle cx="{x}" cy="{y}" r="2" fill="{colour}"/>')
    x, y = point(last)
    shapes.append(f'<circle cx="{x}" cy="{y}" r="3.5" fill="{colour}"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">{"".join(shapes)}</svg>')


MARKS_A_ROW = 10  # numbered marks side by side in one row: 10 fit a phone's plot (about 280 px)
THEME_COLOURS = [*OKABE_ITO, "#882255"]  # nine themes, nine colours (Okabe-Ito and Tol's wine)
# ... and nine shapes, each wide enough to hold its number: colour is never the only code
THEME_SYMBOLS = ["circle", "square", "diamond", "hexagon", "pentagon", "octagon", "hexagon2", "diamond-wide",
                 "diamond-tall"]


@cached_figure
def timeline_chart(timeline: pl.DataFrame, title: str, subtitle: str) -> go.Figure:
    """Dated milestones, one row per year, each a numbered mark (its `mark`, in date order)
    coloured by theme: the number keys the list and the table under the chart, so a phone
    or a printed page names every milestone without a hover. Marks of one year stand side
    by side (a busy year goes on in a second row), so they never cover each other."""
    fig = go.Figure()
    frame = timeline.sort("mark").with_columns(year=pl.col("date").str.slice(0, 4))
    frame = frame.with_columns(slot=pl.int_range(0, pl.len()).over("year"))
    # one plot row per MARKS_A_ROW marks of a year, the year written on its first row only
    per_year = frame.group_by("year", maintain_order=True).agg(rows=(pl.col("slot").max() // MARKS_A_ROW) + 1)
    first_row = dict(zip(per_year["year"], [0, *pl.Series(per_year["rows"]).cum_sum().to_list()[:-1]]))
    frame = frame.with_columns(
        x=pl.col("slot") % MARKS_A_ROW + 1,
        y=pl.col("year").replace_strict(first_row, return_dtype=pl.Int64) + pl.col("slot") // MARKS_A_ROW)
    themes = sorted(frame["theme"].unique().to_list())
    for i, theme in enumerate(themes):
        part = frame.filter(pl.col("theme") == theme)
        colour = THEME_COLOURS[i % len(THEME_COLOURS)]
        fig.add_scatter(
            x=part["x"].to_list(), y=part["y"].to_list(), mode="markers+text",
            text=[str(m) for m in part["mark"]], textposition="middle center",
            textfont={"size": 10, "color": "#000" if colour in ("#E69F00", "#F0E442", "#56B4E9", "#CC79A7")
                      else "#fff"},
            name=wrapped(term("event_theme", theme), 30),
            marker={"size": 22, "color": colour, "symbol": THEME_SYMBOLS[i % len(THEME_SYMBOLS)],
                    "line": {"width": 1, "color": "white"}},
            # items 5 and 6 (row id, source id) let a tap open the milestone's source passage (ui.cite)
            customdata=[[e, d or "", source_names().get(s, s), l, str(m), i, s, y] for e, d, s, l, m, i, y in
                        zip(part["event"], part["document"], part["source"], part["lines"], part["mark"],
                            part["id"], part["year"])],
            hovertemplate=hover_source("<b>%{customdata[4]}</b> · %{customdata[7]}<br>%{customdata[0]}"
                                       "<br>%{customdata[1]}"),
        )
    rows = int(per_year["rows"].sum()) if per_year.height else 0
    fig.update_xaxes(visible=False, range=[0.4, MARKS_A_ROW + 0.6])
    fig.update_yaxes(tickvals=list(first_row.values()), ticktext=list(first_row), autorange=False,
                     range=[rows - 0.5, -0.5], showgrid=True, gridcolor="#eee", zeroline=False)
    return anatomy(fig, title, subtitle, source_line(timeline), height=160 + 26 * rows)


@cached_figure
def horizontal_bars(frame: pl.DataFrame, label: str, title: str, subtitle: str) -> go.Figure:
    """One bar per row, labelled with its value and unit; a missing value is written, not drawn."""
    texts = [fmt_value(v, u) for v, u in zip(frame["value"], frame["unit"])]
    if "mask" in frame.columns:  # masked small counts and gaps (metrics.masking): their words
        texts = [t if m == AS_PRINTED else status(m) for m, t in zip(frame["mask"], texts)]
    colours = [colour_for(r) for r in frame["reporter"]] if "reporter" in frame.columns else OKABE_ITO[0]
    # bars of different reporters differ in fill pattern too, not only in colour
    patterns = ([pattern_for(r) for r in frame["reporter"]]
                if "reporter" in frame.columns and frame["reporter"].n_unique() > 1 else "")
    categories = [wrapped(t) for t in frame[label].cast(pl.String).fill_null("").to_list()]
    fig = go.Figure(go.Bar(
        y=categories, x=frame["value"].to_list(), orientation="h", text=texts,
        textposition="outside", cliponaxis=False, marker={"color": colours, "pattern": patterned(patterns)},
        customdata=hover_provenance(frame), hovertemplate=hover(), showlegend=False,
    ))
    gaps = frame.filter(pl.col("value").is_null())
    if gaps.height:
        fig.add_scatter(y=[wrapped(t) for t in gaps[label].cast(pl.String).fill_null("").to_list()],
                        x=[0] * gaps.height, mode="text", text=[not_reported()] * gaps.height,
                        textposition="middle right", textfont={"color": "#777"}, hoverinfo="skip", showlegend=False)
    fig.update_yaxes(autorange="reversed", categoryorder="array", categoryarray=categories)
    # room right of the longest bar for its label on a phone's plot (about 7 px a character):
    # "1 000 000 АКШ доллары" needs more than the usual 60 %
    room = max(358 - _left_margin(fig) - 10, 120)
    share = min(0.7, (7 * max((len(t) for t in texts), default=0) + 6) / room)
    fig.update_xaxes(range=[0, (frame["value"].max() or 1) * max(1.6, 1 / (1 - share))])
    return anatomy(fig, title, subtitle, source_line(frame), height=148 + band_height(categories))
