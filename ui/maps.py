"""pydeck maps that draw their own boundaries: no tile server, no basemap, no CDN.

Streamlit replaces a missing map style with an online basemap, so every map
names a blank style served by the app itself (static/blank-map-style.json,
static file serving on): the only things drawn are the committed GeoJSON
layers from geo/.
"""
from __future__ import annotations

import json

import math

import pydeck as pdk
import polars as pl

from data.watch import touch
from geo import boundaries
from ui.figure_cache import cached_figure

BLANK_STYLE = "/app/static/blank-map-style.json"
BLUE = [0, 114, 178, 210]
ORANGE = [230, 159, 0, 255]
GREY = [205, 205, 205, 200]
OUTLINE = [255, 255, 255, 255]
FORM_COLOURS = {  # Okabe-Ito
    "sexual": [204, 121, 167, 220], "labour": [0, 158, 115, 220],
    "mixed": [213, 94, 0, 220], "other_or_not_stated": [86, 180, 233, 220],
}
# ... and a shape for each, written after a country's name on the map and in the legend:
# colour is never the only code (a reader who cannot tell pink from orange reads the shape).
FORM_SHAPES = {"sexual": "◆", "labour": "■", "mixed": "▲", "other_or_not_stated": "●"}
# Sequential blues for a measure (light to dark), colour-blind safe.
SEQUENTIAL = [[222, 235, 247, 230], [158, 202, 225, 230], [66, 146, 198, 230], [8, 81, 156, 230]]
TOOLTIP_STYLE = {"backgroundColor": "white", "color": "#1a1a1a", "fontSize": "13px",
                 "border": "1px solid #ccc", "maxWidth": "260px"}
# Kyrgyzstan (69.2-80.3 E) fills a phone's 358 px wide map at zoom 4.45 and most of a desktop column.
KGZ_VIEW = pdk.ViewState(latitude=41.25, longitude=74.75, zoom=4.45, min_zoom=4, max_zoom=9)
REGION_MAP_HEIGHT = 330
# The world map: at zoom 0.6 a phone's 358 px wide map shows 25 W - 141 E, the WINDOW (the
# United Kingdom to Japan) with a margin, and a desktop the whole world. Countries outside the
# WINDOW (the United States) are drawn at its edge, their arcs shortened and their names given
# an arrow, so that no arc runs off the map (ui.views.migration.within_window).
WORLD_VIEW = pdk.ViewState(latitude=36.0, longitude=58.0, zoom=0.6, min_zoom=0.4, max_zoom=6)
WORLD_MAP_HEIGHT = 400
WINDOW = (-10.0, 140.0, -10.0, 70.0)  # west, east, south, north (degrees)
# Where a region's name is written (pixel offset from its point, text anchor) where two names
# would overlap: Bishkek inside Chuy, Osh city inside Osh oblast.
LABEL_PLACES = {
    "KG-GB": ([0, -16], "middle"), "KG-C": ([34, 14], "middle"),
    "KG-GO": ([-12, 0], "end"), "KG-O": ([22, 16], "middle"),
}
CITIES = ("KG-GB", "KG-GO")  # drawn as points too: Bishkek's polygon is too small to tap


class FrozenDeck(pdk.Deck):
    """A deck that is serialised once, compactly. Maps are built once per process (cached)
    and never change afterwards, so every session can reuse the same JSON. pydeck indents
    its JSON (two spaces a level): the world map's outlines came to 1.2 MB, 0.25 MB without
    the white space, sent to every reader who opens Migration."""

    def to_json(self) -> str:
        cached = self.__dict__.get("_frozen_json")
        if cached is None:
            cached = json.dumps(json.loads(super().to_json()), separators=(",", ":"), ensure_ascii=False)
            self.__dict__["_frozen_json"] = cached
        return cached


def shade(value: float | None, low: float, high: float) -> list[int]:
    """A sequential colour for `value` between `low` and `high`; grey for a gap."""
    if value is None:
        return GREY
    if high <= low:
        return SEQUENTIAL[-1]
    step = int((value - low) / (high - low) * (len(SEQUENTIAL) - 1) + 0.5)
    return SEQUENTIAL[max(0, min(step, len(SEQUENTIAL) - 1))]


def region_map(facts: pl.DataFrame, selected: str | None) -> pdk.Deck:
    """The map of the regions (see _region_map); the page's data notice covers its files."""
    touch(boundaries.REGIONS.name, boundaries.POINT_FILE.name)
    return _region_map(facts, selected)


def world_map(arcs: pl.DataFrame, markers: pl.DataFrame, selected: str | None = None) -> pdk.Deck:
    """The world map (see _world_map); the page's data notice covers its file."""
    touch(boundaries.COUNTRIES.name)
    return _world_map(arcs, markers, selected)


def map_label(name: str) -> str:
    """A region's name on the map: a long name ('Джалал-Абадская область') on two lines, so
    that the names of neighbouring regions do not run into each other in any language."""
    head, space, tail = name.rpartition(" ")
    return f"{head}\n{tail}" if space and len(name) > 10 else name


@cached_figure
def _region_map(facts: pl.DataFrame, selected: str | None) -> pdk.Deck:
    """Oblasts (polygons) and Osh city (a point), coloured by `facts`.

    `facts` has one row per region with `region`, `name`, `fill` (RGBA list) and
    `tooltip` (plain text shown on hover).
    """
    by_region = {r["region"]: r for r in facts.iter_rows(named=True)}
    features = boundaries.region_features()
    for feature in features["features"]:
        code = feature["properties"]["region"]
        fact = by_region.get(code, {})
        feature["properties"].update(
            name=fact.get("name", code), tooltip=fact.get("tooltip", ""), fill=fact.get("fill", GREY),
            line=ORANGE if code == selected else OUTLINE, width=3 if code == selected else 1,
        )
    points = boundaries.region_points().join(facts, on="region", how="inner").to_dicts()
    for point in points:
        offset, anchor = LABEL_PLACES.get(point["region"], ([0, 0], "middle"))
        point.update(offset=offset, anchor=anchor, line=ORANGE if point["region"] == selected else OUTLINE,
                     label=map_label(point["name"]))
    cities = [p for p in points if p["region"] in CITIES]
    layers = [
        pdk.Layer(
            "GeoJsonLayer", features, id="regions", pickable=True, stroked=True, filled=True,
            get_fill_color="properties.fill", get_line_color="properties.line",
            get_line_width="properties.width", line_width_units="'pixels'",
        ),
        pdk.Layer(
            "ScatterplotLayer", cities, id="cities", pickable=True, get_position=["lon", "lat"],
            get_fill_color="fill", get_line_color="line", stroked=True, line_width_min_pixels=2,
            radius_min_pixels=7, radius_max_pixels=14, get_radius=5000,
        ),
        pdk.Layer(
            "TextLayer", points, id="labels", get_position=["lon", "lat"], get_text="label",
            get_size=12, line_height=1.0, get_color=[20, 20, 20, 255], get_pixel_offset="offset",
            get_text_anchor="anchor",
            font_family="'sans-serif'", font_weight=600,
            background=True, get_background_color=[255, 255, 255, 190], background_padding=[3, 1, 3, 1],
            character_set="'auto'",  # Cyrillic names: deck.gl draws only ASCII glyphs by default
        ),
    ]
    return FrozenDeck(layers=layers, initial_view_state=KGZ_VIEW, map_style=BLANK_STYLE, map_provider=None,
                    tooltip={"text": "{tooltip}", "style": TOOLTIP_STYLE})


def _pixel(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates of a point at `zoom`."""
    size = 512 * 2 ** zoom
    lat = max(min(lat, 85.0), -85.0)
    y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2 * size
    return (lon + 180) / 360 * size, y


def placed_labels(markers: list[dict], zoom: float, char_px: float = 6.6, line_px: float = 15) -> list[str]:
    """The countries whose names fit on the map at `zoom` without overlapping another name:
    most-named first (the selected country before all), a name under its marker. A country
    left out is still in the tooltip, the details under the map and the table."""
    boxes: list[tuple[float, float, float, float]] = []
    placed = []
    for m in sorted(markers, key=lambda m: (-m["priority"], m["name"])):
        x, y = _pixel(m["lon"], m["lat"], zoom)
        half = (len(m["name"]) + (2 if m.get("main_form") else 0)) * char_px / 2 + 2  # ' ■' after it
        box = (x - half, y + 12, x + half, y + 12 + line_px)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            continue
        boxes.append(box)
        placed.append(m["country"])
    return placed


@cached_figure
def _world_map(arcs: pl.DataFrame, markers: pl.DataFrame, selected: str | None) -> pdk.Deck:
    """Country outlines, arcs between Kyrgyzstan and other countries, markers and their names.

    `arcs`: from_lon, from_lat, to_lon, to_lat, width, colour, tooltip.
    `markers`: country, lon, lat, radius, colour, tooltip, name, sources. Names that would
    overlap are left out (the most named country wins; zoom in to see the others).
    """
    labelled = markers.to_dicts()
    for marker in labelled:
        chosen = marker.get("country") == selected
        marker.update(priority=100 if chosen else marker.get("sources", 0), line=ORANGE if chosen else OUTLINE)
    shown = set(placed_labels(labelled, WORLD_VIEW.zoom))
    for marker in labelled:
        shape = FORM_SHAPES.get(marker.get("main_form") or "", "")
        marker["label"] = f"{marker['name']} {shape}".strip() if marker.get("country") in shown else ""
        # a country drawn at the window's edge: its name runs inwards, never off the map
        name = marker["name"]
        marker["anchor"] = "start" if name.startswith("←") else ("end" if name.endswith("→") else "middle")
    countries = boundaries.country_features()
    for feature in countries["features"]:
        code = feature["properties"]["country"]
        feature["properties"]["fill"] = [245, 230, 200, 255] if code == "KGZ" else [236, 238, 240, 255]
        feature["properties"]["tooltip"] = feature["properties"].get("name", code)
    layers = [
        pdk.Layer("GeoJsonLayer", countries, id="countries", stroked=True, filled=True, pickable=False,
                  get_fill_color="properties.fill", get_line_color=[190, 190, 190, 255], line_width_min_pixels=0.5),
        pdk.Layer("ArcLayer", arcs.to_dicts(), id="arcs", pickable=True,
                  get_source_position=["from_lon", "from_lat"], get_target_position=["to_lon", "to_lat"],
                  get_source_color="colour", get_target_color="colour", get_width="width", width_units="'pixels'"),
        pdk.Layer("ScatterplotLayer", labelled, id="markers", pickable=True,
                  get_position=["lon", "lat"], get_fill_color="colour", get_radius="radius",
                  radius_units="'pixels'", stroked=True, get_line_color="line", line_width_min_pixels=1.5),
        pdk.Layer("TextLayer", labelled, id="names", get_position=["lon", "lat"], get_text="label", get_size=12,
                  get_color=[20, 20, 20, 255], get_pixel_offset=[0, 13], get_text_anchor="anchor",
                  get_alignment_baseline="'top'", font_family="'sans-serif'", font_weight=600,
                  background=True, get_background_color=[255, 255, 255, 170], background_padding=[2, 0, 2, 0],
                  character_set="'auto'"),
    ]
    return FrozenDeck(layers=layers, initial_view_state=WORLD_VIEW, map_style=BLANK_STYLE, map_provider=None,
                    tooltip={"text": "{tooltip}", "style": TOOLTIP_STYLE})
