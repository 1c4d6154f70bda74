"""Plotly charts with the dashboard's anatomy: title, subtitle (place, period,
unit), source line, Okabe-Ito colours, and hover that names source and lines.
"""
from __future__ import annotations

import plotly.graph_objects as go
import polars as pl

# Okabe-Ito, colour-blind safe. Reporters keep one colour on every page.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
REPORTER_COLOURS = {
    "moi": "#0072B2", "gpo": "#D55E00", "us_tip": "#E69F00", "nsc": "#009E73",
    "courts": "#CC79A7", "government": "#56B4E9", "ngo": "#000000", "osce": "#F0E442",
}
GAP_COLOUR = "#BBBBBB"

CONFIG = {
    "displaylogo": False,
    "toImageButtonOptions": {"format": "png", "width": 1600, "height": 900, "scale": 1},
}


def colour_for(reporter: str, i: int = 0) -> str:
    return REPORTER_COLOURS.get(reporter, OKABE_ITO[i % len(OKABE_ITO)])


def anatomy(fig: go.Figure, title: str, subtitle: str, sources: str, height: int = 420) -> go.Figure:
    """Title, subtitle and source line inside the figure, so an export stands alone."""
    fig.update_layout(
        title={"text": f"{title}<br><sup>{subtitle}</sup>", "x": 0, "xanchor": "left"},
        height=height,
        margin={"l": 10, "r": 10, "t": 80, "b": 70},
        font={"family": "sans-serif"},
        legend={"orientation": "h", "y": -0.18},
        colorway=OKABE_ITO,
    )
    fig.add_annotation(
        text=sources, xref="paper", yref="paper", x=0, y=-0.28, showarrow=False,
        xanchor="left", yanchor="top", font={"size": 11, "color": "#555"},
    )
    return fig


def hover_provenance(frame: pl.DataFrame) -> list[list[str]]:
    """customdata rows [reporter, period, source, lines, note] for hover templates."""
    cols = ["reporter", "period", "source", "lines", "note"]
    present = [c for c in cols if c in frame.columns]
    return [[("" if row.get(c) is None else str(row.get(c))) for c in cols]
            for row in frame.select(present).iter_rows(named=True)]


HOVER = (
    "<b>%{y}</b><br>%{x}<br>Reporter: %{customdata[0]}<br>Period: %{customdata[1]}"
    "<br>Source: %{customdata[2]}, lines %{customdata[3]}<extra></extra>"
)
