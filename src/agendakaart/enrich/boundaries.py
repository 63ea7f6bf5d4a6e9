"""CBS boundaries as shapes: gemeenten (by GM code), provinces (by PV code), the NPVR regions as the union of their
gemeenten, population per gemeente, and the point-in-gemeente lookup.

The files in `data/geo/` are CBS Gebiedsindelingen (generalised, WGS84, TopoJSON via cartomap/nl) and CBS
Kerncijfers wijken en buurten 2024 (inwoners); CC BY 4.0, source: CBS. See data/SOURCES.md.

TopoJSON -> geometry is the format's delta decoding of quantized arcs plus its transform (a few lines, below);
shapely does the geometry (union, point-in-polygon, simplification).

    >>> b = load_boundaries()
    >>> b.gemeente_at(52.08, 4.30)
    'GM0518'
"""

from __future__ import annotations

import csv
import json
import logging
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

log = logging.getLogger(__name__)

GEO = "geo"
GEMEENTE_FILES = {2025: "gemeente_2025.topojson", 2026: "gemeente_2026.topojson"}
PROVINCE_FILE = "provincie_2025.topojson"
POPULATION_FILE = "bevolking_gemeenten.csv"
ATTRIBUTION = "grenzen en inwoners: CBS (CC BY 4.0)"


def geo_text(name: str) -> str:
    """The text of one file in data/geo/."""
    return resources.files("agendakaart.data").joinpath(GEO).joinpath(name).read_text(encoding="utf-8")


def decode_arcs(topology: dict[str, Any]) -> list[np.ndarray]:
    """TopoJSON arcs -> one (n, 2) array of lon, lat per arc (quantized arcs are delta-encoded; then the transform)."""
    tf = topology.get("transform")
    out = []
    for arc in topology["arcs"]:
        a = np.asarray(arc, dtype=float)
        if tf:
            a = np.cumsum(a, axis=0) * tf["scale"] + tf["translate"]
        out.append(a)
    return out


def _ring(arcs: list[np.ndarray], refs: list[int]) -> np.ndarray:
    """Arc references -> one ring; a negative reference ~i means arc i reversed; shared end points are not repeated."""
    parts = []
    for k, ref in enumerate(refs):
        a = arcs[ref] if ref >= 0 else arcs[~ref][::-1]
        parts.append(a if k == 0 else a[1:])
    return np.concatenate(parts)


def _shape(arcs: list[np.ndarray], geom: dict[str, Any]) -> Polygon | MultiPolygon:
    polys = [geom["arcs"]] if geom["type"] == "Polygon" else geom["arcs"]
    shapes = [Polygon(_ring(arcs, rings[0]), [_ring(arcs, r) for r in rings[1:]]) for rings in polys]
    shape = shapes[0] if len(shapes) == 1 else MultiPolygon(shapes)
    if shape.is_valid:
        return shape
    # the generalisation left a self-touching ring (GM1676): repair, keep only the areas
    areas = [g for g in shapely.get_parts(shapely.make_valid(shape)) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(areas)


def topology_shapes(text: str) -> dict[str, tuple[str, Polygon | MultiPolygon]]:
    """TopoJSON text (one object of Polygon/MultiPolygon geometries with an id) -> {id: (statnaam, shape)}."""
    topo = json.loads(text)
    arcs = decode_arcs(topo)
    (obj,) = topo["objects"].values()
    return {g["id"]: (g["properties"]["statnaam"], _shape(arcs, g)) for g in obj["geometries"]}


def population() -> dict[str, int]:
    """gm_code -> inwoners on 1 January 2024 (CBS)."""
    return {r["gm_code"]: int(r["inwoners"]) for r in csv.DictReader(geo_text(POPULATION_FILE).splitlines())}


def gemeente_file(year: int | None = None) -> str:
    """The gemeente file of the indeling of `year` (the newest we have for later years, the oldest for earlier)."""
    years = sorted(GEMEENTE_FILES)
    pick = years[-1] if year is None else max([y for y in years if y <= year] or years[:1])
    return GEMEENTE_FILES[pick]


@dataclass(frozen=True)
class Boundaries:
    """Shapes in lon/lat (WGS84). `npvr` holds the union of each region's gemeenten; `npvr_uncertain` the union of
    the gemeenten whose membership is uncertain (drawn dashed; counted only with --include-uncertain)."""

    gemeenten: dict[str, Polygon | MultiPolygon]
    gemeente_names: dict[str, str]
    provinces: dict[str, Polygon | MultiPolygon]
    province_names: dict[str, str]
    inwoners: dict[str, int]
    npvr_members: dict[str, list[str]]
    npvr_uncertain_members: dict[str, list[str]]
    npvr: dict[str, Polygon | MultiPolygon] = field(default_factory=dict)
    npvr_uncertain: dict[str, Polygon | MultiPolygon] = field(default_factory=dict)
    _codes: tuple[str, ...] = ()
    _tree: Any = None

    def gemeente_at(self, lat: float, lon: float) -> str | None:
        """(lat, lon) -> the GM code of the gemeente containing it, or None (sea, abroad)."""
        return self.gemeenten_at([lat], [lon])[0]

    def gemeenten_at(self, lats, lons) -> list[str | None]:
        """Many points at once (vectorised STRtree query) -> GM code or None for each."""
        pts = shapely.points(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        out: list[str | None] = [None] * len(pts)
        hit_pt, hit_geom = self._tree.query(pts, predicate="intersects")
        for p, g in zip(hit_pt.tolist(), hit_geom.tolist()):
            if out[p] is None:
                out[p] = self._codes[g]
        return out

    def province_of(self, gm_code: str) -> str | None:
        """GM code -> the PV code of the province that holds most of it."""
        shape = self.gemeenten.get(gm_code)
        if shape is None:
            return None
        point = shape.representative_point()
        return next((pv for pv, p in self.provinces.items() if p.contains(point)), None)

    def region_inwoners(self, codes: list[str]) -> int:
        return sum(self.inwoners.get(gm, 0) for gm in codes)


def _npvr_rows() -> list[dict[str, str]]:
    text = resources.files("agendakaart.data").joinpath("npvr_regions.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def load_boundaries(year: int | None = None) -> Boundaries:
    """All shapes, built once per process (~0.2 s): gemeenten of `year`'s indeling, provinces, NPVR unions."""
    gm = topology_shapes(geo_text(gemeente_file(year)))
    pv = topology_shapes(geo_text(PROVINCE_FILE))
    established: dict[str, list[str]] = {}
    uncertain: dict[str, list[str]] = {}
    for row in _npvr_rows():
        target = established if row["confidence"] == "established" else uncertain
        target.setdefault(row["region"], []).append(row["gm_code"])
    missing = sorted({c for m in (*established.values(), *uncertain.values()) for c in m} - gm.keys())
    if missing:
        log.warning("NPVR gemeenten without a boundary: %s", ", ".join(missing))
    shapes = {c: s for c, (_, s) in gm.items()}
    codes = tuple(shapes)

    def union(members: dict[str, list[str]]) -> dict[str, Polygon | MultiPolygon]:
        return {r: shapely.union_all([shapes[c] for c in cs if c in shapes]) for r, cs in sorted(members.items())}

    return Boundaries(
        gemeenten=shapes,
        gemeente_names={c: n for c, (n, _) in gm.items()},
        provinces={c: s for c, (_, s) in pv.items()},
        province_names={c: n for c, (n, _) in pv.items()},
        inwoners=population(),
        npvr_members=established,
        npvr_uncertain_members=uncertain,
        npvr=union(established),
        npvr_uncertain=union(uncertain),
        _codes=codes,
        _tree=shapely.STRtree([shapes[c] for c in codes]),
    )


def npvr_inwoners(b: Boundaries, include_uncertain: bool = False) -> dict[str, int]:
    """region -> inwoners of its gemeenten (established, plus uncertain if asked)."""
    out = {}
    for region, codes in b.npvr_members.items():
        extra = b.npvr_uncertain_members.get(region, []) if include_uncertain else []
        out[region] = b.region_inwoners(codes + extra)
    return out
