"""A small TopoJSON -> GeoJSON decoder (TopoJSON specification 1.0).

Handles what real topologies use: quantized, delta-encoded arcs (``transform``
with ``scale``/``translate``), unquantized arcs (no ``transform``), negative
arc indexes (``~i``: arc ``i`` walked backwards), Point/MultiPoint positions
(quantized but not delta-encoded), LineString, MultiLineString, Polygon,
MultiPolygon, GeometryCollection and null geometries. It mirrors
topojson-client's ``feature()``: consecutive arcs share their joining point,
which is kept once.

Only the standard library is used, so the build needs no extra dependency.
"""
from __future__ import annotations

from typing import Any

Position = list[float]


class TopologyError(ValueError):
    """The input is not a TopoJSON topology this decoder understands."""


def _decode_arcs(topology: dict[str, Any]) -> list[list[Position]]:
    transform = topology.get("transform")
    arcs = topology.get("arcs")
    if not isinstance(arcs, list):
        raise TopologyError("topology has no 'arcs' list")
    if transform is None:
        return [[[float(c) for c in p] for p in arc] for arc in arcs]
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    decoded: list[list[Position]] = []
    for arc in arcs:
        x = y = 0
        out: list[Position] = []
        for p in arc:
            x += p[0]
            y += p[1]
            # Extra dimensions (elevation, ...) are carried over undecoded, as
            # topojson-client does.
            out.append([x * kx + dx, y * ky + dy, *p[2:]])
        decoded.append(out)
    return decoded


def _point_decoder(topology: dict[str, Any]):
    transform = topology.get("transform")
    if transform is None:
        return lambda p: [float(c) for c in p]
    (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
    return lambda p: [p[0] * kx + dx, p[1] * ky + dy, *p[2:]]


class _Decoder:
    def __init__(self, topology: dict[str, Any]) -> None:
        if topology.get("type") != "Topology":
            raise TopologyError(f"expected type 'Topology', got {topology.get('type')!r}")
        self.arcs = _decode_arcs(topology)
        self.point = _point_decoder(topology)

    def _arc(self, index: int) -> list[Position]:
        # ~i == -i - 1: a negative index means arc ~i, reversed.
        if index < 0:
            return self.arcs[~index][::-1]
        return self.arcs[index]

    def line(self, indexes: list[int]) -> list[Position]:
        points: list[Position] = []
        for index in indexes:
            arc = self._arc(index)
            if points:
                points.pop()  # the shared joining point comes again with this arc
            points.extend(list(p) for p in arc)
        if len(points) < 2:  # a degenerate line: topojson-client doubles the point
            points.append(list(points[0]))
        return points

    def ring(self, indexes: list[int]) -> list[Position]:
        points = self.line(indexes)
        while len(points) < 4:  # a degenerate ring is padded to stay a closed ring
            points.append(list(points[0]))
        return points

    def geometry(self, obj: dict[str, Any]) -> dict[str, Any] | None:
        kind = obj.get("type")
        if kind is None:
            return None
        if kind == "GeometryCollection":
            return {
                "type": "GeometryCollection",
                "geometries": [g for g in (self.geometry(o) for o in obj["geometries"]) if g],
            }
        if kind == "Point":
            coords: Any = self.point(obj["coordinates"])
        elif kind == "MultiPoint":
            coords = [self.point(p) for p in obj["coordinates"]]
        elif kind == "LineString":
            coords = self.line(obj["arcs"])
        elif kind == "MultiLineString":
            coords = [self.line(a) for a in obj["arcs"]]
        elif kind == "Polygon":
            coords = [self.ring(a) for a in obj["arcs"]]
        elif kind == "MultiPolygon":
            coords = [[self.ring(a) for a in poly] for poly in obj["arcs"]]
        else:
            raise TopologyError(f"unknown geometry type {kind!r}")
        return {"type": kind, "coordinates": coords}

    def feature(self, obj: dict[str, Any]) -> dict[str, Any]:
        feature: dict[str, Any] = {"type": "Feature"}
        if "id" in obj:
            feature["id"] = obj["id"]
        feature["properties"] = dict(obj.get("properties") or {})
        feature["geometry"] = self.geometry(obj)
        return feature


def feature_collection(topology: dict[str, Any], name: str) -> dict[str, Any]:
    """GeoJSON for ``topology["objects"][name]``.

    A GeometryCollection object becomes a FeatureCollection with one Feature
    per member (carrying its ``id`` and ``properties``); any other object
    becomes a FeatureCollection holding that single Feature.
    """
    objects = topology.get("objects") or {}
    if name not in objects:
        raise TopologyError(f"no object {name!r}; have {sorted(objects)}")
    decoder = _Decoder(topology)
    obj = objects[name]
    members = obj["geometries"] if obj.get("type") == "GeometryCollection" else [obj]
    return {"type": "FeatureCollection", "features": [decoder.feature(o) for o in members]}
