"""Maps drawn as Plotly charts from our own boundaries: no tile server, no basemap, no CDN,
no WebGL.

Why Plotly and not pydeck: a deck.gl map made the page's first content wait for 3 MB of
deck.gl code and for WebGL to compile its shaders (1.6-2.5x the one-chart floor in
`make bench`, on a phone's processor too), and a WebGL canvas prints and exports poorly.
Drawn as SVG, a map is one more Plotly chart: the same code the other pages already load,
the same hover, tap and PNG download.

Longitudes and latitudes are projected to the chart's x and y here (Kyrgyzstan: a flat
projection true at its middle latitude; the world: Mercator), and the axes keep one unit
of x as long as one unit of y, so shapes are not stretched on any screen.

A tap selects (ui/touch.py makes a tap a click): the region map has an invisible grid of
points inside each region (see `geo.boundaries.region_hit_points`), so a tap anywhere in a
region, not only on its name, chooses it; on the world map a tap chooses a country's
marker. A point's `customdata` is the region's or country's code.
"""
from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go
import polars as pl

from data.watch import touch
from geo import boundaries
from i18n.numbers import plotly_separators
from ui.figure_cache import cached_figure

ORANGE = [230, 159, 0, 255]
GREY = [205, 205, 205, 200]
OUTLINE = [255, 255, 255, 255]
FORM_COLOURS = {  # Okabe-Ito
    "sexual": [204, 121, 167, 220], "labour": [0, 158, 115, 220],
    "mixed": [213, 94, 0, 220], "other_or_not_stated": [86, 180, 233, 220],
}
# ... and a shape for each: the marker's own shape on the map, and the same shape written in
# the note under it. Colour is never the only code (a reader who cannot tell pink from orange
# reads the shape).
FORM_SHAPES = {"sexual": "◆", "labour": "■", "mixed": "▲", "other_or_not_stated": "●"}
FORM_SYMBOLS = {"sexual": "diamond", "labour": "square", "mixed": "triangle-up", "other_or_not_stated": "circle"}
# Sequential blues for a measure (light to dark), colour-blind safe.
SEQUENTIAL = [[222, 235, 247, 230], [158, 202, 225, 230], [66, 146, 198, 230], [8, 81, 156, 230]]
HOVER = {"bgcolor": "white", "bordercolor": "#ccc", "font": {"color": "#1a1a1a", "size": 13}}
REGION_MAP_HEIGHT = 330
# On a phone (358 px wide) Kyrgyzstan is about 190 px tall: a lower box, smaller names, and an
# oblast named without the word "oblast" (the tooltip and the profile give the full name).
PHONE_REGION_MAP_HEIGHT = 240
PHONE_FONT, FONT = 10, 12
GENERIC_WORDS = ("область", "облусу", "oblast")
# Kyrgyzstan's middle latitude: one degree of longitude there is cos(41.3°) of a degree of latitude.
KGZ_LATITUDE = 41.3
# The world map shows the WINDOW (the United Kingdom to Japan) at least, more where the screen
# is wider. Countries outside it (the United States) are drawn at its edge, their arcs
# shortened and their names given an arrow, so that no arc runs off the map
# (ui.views.migration.within_window).
WORLD_MAP_HEIGHT = 370  # with the view switch and filters above it, whole on a 390 x 844 screen in ky
WINDOW = (-10.0, 140.0, -10.0, 70.0)  # west, east, south, north (degrees)
PAD = 4.0  # degrees of map beyond the window's west and east edges: a marker on the edge is whole
LABEL_ZOOM = 0.75  # the scale names are placed at (web-mercator zoom): a phone's 358 px across the WINDOW
# Where a region's name is written (pixel offset from its point, right and down; text anchor)
# where two names would overlap: Bishkek inside Chuy, Osh city inside Osh oblast.
LABEL_PLACES = {
    "KG-GB": ([0, -22], "middle"), "KG-C": ([34, 14], "middle"),
    "KG-GO": ([-12, 0], "end"), "KG-O": ([22, 16], "middle"),
}
CITIES = ("KG-GB", "KG-GO")  # drawn as points too: Bishkek's polygon is too small to tap
ANCHORS = {"middle": "center", "start": "left", "end": "right"}


def rgba(colour: list[int]) -> str:
    """A CSS colour from [r, g, b, a] (a from 0 to 255), as the map's data carry colours."""
    r, g, b, *a = colour
    return f"rgba({r},{g},{b},{(a[0] if a else 255) / 255:.2f})"


def shade(value: float | None, low: float, high: float) -> list[int]:
    """A sequential colour for `value` between `low` and `high`; grey for a gap."""
    if value is None:
        return GREY
    if high <= low:
        return SEQUENTIAL[-1]
    step = int((value - low) / (high - low) * (len(SEQUENTIAL) - 1) + 0.5)
    return SEQUENTIAL[max(0, min(step, len(SEQUENTIAL) - 1))]


def kgz_xy(lon: float, lat: float) -> tuple[float, float]:
    """A point of Kyrgyzstan on the region map's axes."""
    return lon * math.cos(math.radians(KGZ_LATITUDE)), lat


def world_xy(lon: float, lat: float) -> tuple[float, float]:
    """A point of the world on the world map's axes (Mercator, in degrees of longitude)."""
    lat = max(min(lat, 84.0), -84.0)
    return lon, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def rings(geometry: dict[str, Any], project, digits: int = 3) -> tuple[list, list]:
    """A (Multi)Polygon's rings as one x and one y list, rings apart by None: Plotly fills
    them as one path (non-zero rule) and the files wind a hole against its outline, as
    GeoJSON does, so a hole (Batken's enclaves, Bishkek inside Chuy) stays a hole."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs: list = []
    ys: list = []
    for polygon in polygons:
        for ring in polygon:
            for lon, lat in ring:
                x, y = project(lon, lat)
                xs.append(round(x, digits))
                ys.append(round(y, digits))
            xs.append(None)
            ys.append(None)
    return xs, ys


def selected_code(selection: object, codes: list[str]) -> str | None:
    """The code a tap on a map chose, from `st.plotly_chart`'s selection state
    ({"selection": {"points": [{"customdata": code, ...}]}}), if it is one of `codes`."""
    try:
        points = selection["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for point in points or []:
        code = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(code, list):
            code = code[0] if code else None
        if code in codes:
            return code
    return None


def region_map(facts: pl.DataFrame, selected: str | None, compact: bool = False) -> go.Figure:
    """The map of the regions (see _region_map); the page's data notice covers its files."""
    touch(boundaries.REGIONS.name, boundaries.POINT_FILE.name)
    return _region_map(facts, selected, compact)


def world_map(arcs: pl.DataFrame, markers: pl.DataFrame, selected: str | None = None,
              compact: bool = False) -> go.Figure:
    """The world map (see _world_map); the page's data notice covers its file."""
    touch(boundaries.COUNTRIES.name)
    return _world_map(arcs, markers, selected, compact)


def map_label(name: str, compact: bool = False) -> str:
    """A region's name on the map: a long name ('Джалал-Абадская область') on two lines, so
    that the names of neighbouring regions do not run into each other in any language; on a
    phone an oblast without the word "oblast" ('Джалал-Абадская'), a city whole."""
    head, space, tail = name.rpartition(" ")
    if compact and space and tail.lower() in GENERIC_WORDS:
        return head
    return f"{head}\n{tail}" if space and len(name) > 10 else name


def _frame(fig: go.Figure, height: int) -> go.Figure:
    """No axes, no zoom (a finger scrolls the page), one unit of x as long as one of y."""
    fig.update_xaxes(visible=False, fixedrange=True)
    fig.update_yaxes(visible=False, fixedrange=True, scaleanchor="x", scaleratio=1)
    fig.update_layout(height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0}, dragmode=False,
                      hovermode="closest", hoverlabel=HOVER, showlegend=False, clickmode="event+select",
                      plot_bgcolor="white", paper_bgcolor="white", font={"family": "sans-serif"},
                      separators=plotly_separators())
    return fig


@cached_figure
def _region_map(facts: pl.DataFrame, selected: str | None, compact: bool = False) -> go.Figure:
    """Oblasts (polygons) and the two cities (points), coloured by `facts`, with their names.

    `facts` has one row per region with `region`, `name`, `fill` (RGBA list) and
    `tooltip` (plain text shown on hover, and under the map after a tap).
    """
    by_region = {r["region"]: r for r in facts.iter_rows(named=True)}
    fig = go.Figure()
    features = sorted(boundaries.region_features()["features"],
                      key=lambda f: f["properties"]["region"] == selected)  # the selected outline on top
    for feature in features:
        code = feature["properties"]["region"]
        xs, ys = rings(feature["geometry"], kgz_xy)
        chosen = code == selected
        fig.add_trace(go.Scatter(
            x=xs, y=ys, mode="lines", fill="toself", name=code, hoverinfo="skip",
            fillcolor=rgba(by_region.get(code, {}).get("fill", GREY)),
            line={"color": rgba(ORANGE if chosen else OUTLINE), "width": 3 if chosen else 1},
        ))
    # The invisible points a tap or a hover finds, anywhere inside a region: one trace per
    # region (its tooltip said once), drawn as one point (maxdisplayed) though all are found.
    hits = boundaries.region_hit_points()
    for code, tooltip in zip(facts["region"], facts["tooltip"]):
        mine = hits.filter(pl.col("region") == code)
        if mine.is_empty():
            continue
        xy = [kgz_xy(lon, lat) for lon, lat in zip(mine["lon"], mine["lat"])]
        fig.add_trace(go.Scatter(
            x=[round(x, 3) for x, _ in xy], y=[round(y, 3) for _, y in xy], mode="markers", name="regions",
            marker={"size": 14, "opacity": 0, "maxdisplayed": 1}, selected={"marker": {"opacity": 0}},
            unselected={"marker": {"opacity": 0}}, customdata=[code] * len(xy),
            hovertemplate=tooltip + "<extra></extra>",
        ))
    points = boundaries.region_points().join(facts, on="region", how="inner").to_dicts()
    cities = [p for p in points if p["region"] in CITIES]
    xy = [kgz_xy(p["lon"], p["lat"]) for p in cities]
    lines = [ORANGE if p["region"] == selected else OUTLINE for p in cities]
    fig.add_trace(go.Scatter(
        x=[x for x, _ in xy], y=[y for _, y in xy], mode="markers", name="cities",
        marker={"size": 15, "color": [rgba(p["fill"]) for p in cities],
                "line": {"color": [rgba(c) for c in lines], "width": 2}},
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}},
        customdata=[p["region"] for p in cities], hovertext=[p["tooltip"] for p in cities],
        hovertemplate="%{hovertext}<extra></extra>",
    ))
    for point in points:
        (dx, dy), anchor = LABEL_PLACES.get(point["region"], ([0, 0], "middle"))
        x, y = kgz_xy(point["lon"], point["lat"])
        fig.add_annotation(
            x=x, y=y, xshift=dx, yshift=-dy, xanchor=ANCHORS[anchor], showarrow=False, name=point["region"],
            text="<b>" + map_label(point["name"], compact).replace("\n", "<br>") + "</b>",
            font={"size": PHONE_FONT if compact else FONT, "color": "#141414"}, bgcolor="rgba(255,255,255,0.75)",
            borderpad=1,
        )
    return _frame(fig, PHONE_REGION_MAP_HEIGHT if compact else REGION_MAP_HEIGHT)


def _pixel(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at `zoom`."""
    size = 512 * 2 ** zoom
    lat = max(min(lat, 85.0), -85.0)
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * size
    return (lon + 180) / 360 * size, y


def name_shift(marker: dict, zoom: float, char_px: float) -> float:
    """How far (px) a country's name, centred under its marker, moves sideways to stay inside
    the WINDOW at `zoom` (a phone's scale): South Korea's and Japan's names run left of their
    markers rather than off the map's east edge. A name with an arrow (a country beyond the
    edge, drawn on it) starts at its marker and runs inwards."""
    x = _pixel(marker["lon"], marker["lat"], zoom)[0]
    half = len(marker["name"]) * char_px / 2 + 2
    west, east = _pixel(WINDOW[0], 0, zoom)[0], _pixel(WINDOW[1], 0, zoom)[0]
    if marker["name"].startswith("←"):
        return half - 4
    if marker["name"].endswith("→"):
        return -(half - 4)
    return max(west - (x - half), 0.0) + min(east - (x + half), 0.0)


def placed_labels(markers: list[dict], zoom: float, char_px: float = 6.6, line_px: float = 15) -> list[str]:
    """The countries whose names fit on the map at `zoom` without overlapping another name:
    most-named first (the selected country before all), a name under its marker (moved by
    `name_shift`). A country left out is still in the tooltip, the details under the map
    and the table."""
    boxes: list[tuple[float, float, float, float]] = []
    placed = []
    for m in sorted(markers, key=lambda m: (-m["priority"], m["name"])):
        x, y = _pixel(m["lon"], m["lat"], zoom)
        half = len(m["name"]) * char_px / 2 + 2
        x += name_shift(m, zoom, char_px)
        top = y + m.get("radius", 5) + 9
        box = (x - half, top, x + half, top + line_px)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        boxes.append(box)
        placed.append(m["country"])
    return placed


def arc_points(start: tuple[float, float], end: tuple[float, float], steps: int = 16) -> list[tuple[float, float]]:
    """A curve from `start` to `end` on the map (a quadratic Bézier bowed to the left of the
    way, by a fifth of its length), so that arcs to neighbouring countries stay apart."""
    (x0, y0), (x1, y1) = start, end
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    cx, cy = mx - (y1 - y0) * 0.2, my + (x1 - x0) * 0.2
    out = []
    for i in range(steps + 1):
        t = i / steps
        out.append(((1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t ** 2 * x1,
                    (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t ** 2 * y1))
    return out


@cached_figure
def _world_map(arcs: pl.DataFrame, markers: pl.DataFrame, selected: str | None, compact: bool = False) -> go.Figure:
    """Country outlines, arcs between Kyrgyzstan and other countries, markers and their names.

    `arcs`: from_lon, from_lat, to_lon, to_lat, width, colour, tooltip.
    `markers`: country, lon, lat, radius, colour, main_form, tooltip, name, sources. Names
    that would overlap are left out (the most named country wins); every country is in the
    tooltip, the details under the map and the table.
    """
    fig = go.Figure()
    land: tuple[list, list] = ([], [])
    home: tuple[list, list] = ([], [])
    for feature in boundaries.country_outlines()["features"]:
        if feature["properties"]["country"] == "ATA":
            continue  # Antarctica: no one is taken there, and Mercator would make it a continent of ice
        xs, ys = rings(feature["geometry"], world_xy, digits=1)
        target = home if feature["properties"]["country"] == "KGZ" else land
        target[0].extend(xs)
        target[1].extend(ys)
    for (xs, ys), colour in ((land, [236, 238, 240, 255]), (home, [245, 230, 200, 255])):
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor=rgba(colour), hoverinfo="skip",
                                 line={"color": "rgb(190,190,190)", "width": 0.5}, name="land"))
    # one trace per colour and width (each arc a run of points, arcs apart by None): a few
    # traces instead of one per country, which Plotly draws markedly faster
    drawn: dict[tuple, tuple[list, list, list]] = {}
    for arc in arcs.iter_rows(named=True):
        curve = arc_points(world_xy(arc["from_lon"], arc["from_lat"]), world_xy(arc["to_lon"], arc["to_lat"]))
        xs, ys, tips = drawn.setdefault((tuple(arc["colour"]), round(arc["width"], 1)), ([], [], []))
        xs.extend([round(x, 2) for x, _ in curve] + [None])
        ys.extend([round(y, 2) for _, y in curve] + [None])
        tips.extend([arc["tooltip"]] * len(curve) + [None])
    for (colour, width), (xs, ys, tips) in drawn.items():
        fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name="arc", line={"color": rgba(list(colour)), "width": width},
                                 hovertext=tips, hovertemplate="%{hovertext}<extra></extra>"))
    labelled = markers.to_dicts()
    for marker in labelled:
        marker["priority"] = 100 if marker["country"] == selected else marker.get("sources", 0)
    char_px = 5.5 if compact else 6.6
    shown = set(placed_labels(labelled, LABEL_ZOOM, char_px))
    xy = [world_xy(m["lon"], m["lat"]) for m in labelled]
    chosen = [m["country"] == selected for m in labelled]
    fig.add_trace(go.Scatter(
        x=[x for x, _ in xy], y=[y for _, y in xy], mode="markers", name="markers",
        marker={"size": [2 * m["radius"] for m in labelled], "color": [rgba(m["colour"]) for m in labelled],
                "symbol": [FORM_SYMBOLS.get(m.get("main_form") or "", "circle") for m in labelled],
                "line": {"color": [rgba(ORANGE if c else OUTLINE) for c in chosen],
                         "width": [3 if c else 1.5 for c in chosen]}},
        selected={"marker": {"opacity": 1}}, unselected={"marker": {"opacity": 1}},
        customdata=[m["country"] for m in labelled], hovertext=[m["tooltip"] for m in labelled],
        hovertemplate="%{hovertext}<extra></extra>",
    ))
    for marker, (x, y) in zip(labelled, xy):
        if marker["country"] not in shown:
            continue
        fig.add_annotation(x=x, y=y, yshift=-(marker["radius"] + 9), xshift=name_shift(marker, LABEL_ZOOM, char_px),
                           yanchor="top",
                           showarrow=False, text=f"<b>{marker['name']}</b>", name=marker["country"],
                           font={"size": PHONE_FONT if compact else FONT, "color": "#141414"},
                           bgcolor="rgba(255,255,255,0.67)", borderpad=0)
    west, east, south, north = WINDOW
    fig.update_xaxes(range=[west - PAD, east + PAD])
    fig.update_yaxes(range=[world_xy(0, south)[1], world_xy(0, north)[1]])
    return _frame(fig, WORLD_MAP_HEIGHT)
