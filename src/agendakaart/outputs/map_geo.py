"""The boundaries part of the map's payload: the CBS TopoJSON of gemeenten and provinces, slimmed (only the ids, the
arcs no geometry uses dropped) but kept as topology — shared borders stored once, coordinates quantized — so it
stays small; the browser decodes it with topojson-client and merges each NPVR region from its gemeenten.

Also per activity: the index of its gemeente and its country name (for the choropleth and the abroad panel).
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from typing import Any

from agendakaart.enrich.boundaries import GEMEENTE_FILES, PROVINCE_FILE, geo_text, load_boundaries, npvr_inwoners


def slim_topology(text: str) -> dict[str, Any]:
    """TopoJSON text -> the same topology with only `id` per geometry, its geometries' names in `names`, and the
    arcs that no geometry uses removed (references renumbered)."""
    topo = json.loads(text)
    ((name, obj),) = topo["objects"].items()
    used: set[int] = set()

    def walk(refs, fn):
        return [walk(r, fn) for r in refs] if isinstance(refs, list) else fn(refs)

    for g in obj["geometries"]:
        walk(g["arcs"], lambda r: used.add(r if r >= 0 else ~r))
    new = {old: k for k, old in enumerate(sorted(used))}
    geoms = [
        {"type": g["type"], "id": g["id"], "arcs": walk(g["arcs"], lambda r: new[r] if r >= 0 else ~new[~r])}
        for g in obj["geometries"]
    ]
    return {
        "type": "Topology",
        "transform": topo["transform"],
        "arcs": [topo["arcs"][k] for k in sorted(used)],
        "objects": {"a": {"type": "GeometryCollection", "geometries": geoms}},
        "names": [g["properties"]["statnaam"] for g in obj["geometries"]],
    }


@cache
def _slim(name: str) -> str:
    return json.dumps(slim_topology(geo_text(name)), separators=(",", ":"))


@cache
def country_names() -> dict[str, str]:
    """ISO 3166 alpha-2 -> the Dutch country name (data/abroad.csv, rows of kind `land`)."""
    text = resources.files("agendakaart.data").joinpath("abroad.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    out: dict[str, str] = {}
    for r in rows:
        if r["kind"] == "land":
            out.setdefault(r["country"], r["name"])
    return out


def geo_payload(regions: list[str], include_uncertain: bool = False) -> dict[str, Any]:
    """-> {"gm": gemeente topology, "pv": province topology, "inw": inwoners per gemeente (topology order),
    "rm": per region (in `regions` order) its established gemeenten (indices), "ru": its uncertain ones,
    "rinw": inwoners per region as counted, "nl": inwoners of NL, "uncertain": counted or not}."""
    b = load_boundaries()
    gm = json.loads(_slim(GEMEENTE_FILES[max(GEMEENTE_FILES)]))
    codes = [g["id"] for g in gm["objects"]["a"]["geometries"]]
    idx = {c: k for k, c in enumerate(codes)}
    inw = npvr_inwoners(b, include_uncertain)
    return {
        "gm": gm,
        "pv": json.loads(_slim(PROVINCE_FILE)),
        "codes": codes,
        "inw": [b.inwoners.get(c, 0) for c in codes],
        "rm": [[idx[c] for c in b.npvr_members.get(r, []) if c in idx] for r in regions],
        "ru": [[idx[c] for c in b.npvr_uncertain_members.get(r, []) if c in idx] for r in regions],
        "rinw": [inw.get(r, 0) for r in regions],
        "nl": sum(b.inwoners.values()),
        "uncertain": include_uncertain,
    }


def activity_geo_columns(
    rows: list[dict[str, Any]], codes: list[str], strings, point_of: list[int], n_points: int
) -> dict[str, list]:
    """Compact gemeente and country per activity (most activities share a point, few are abroad):
    "pg" = per point the index of its gemeente in `codes` (-1: none); "gx" = [[activity, gemeente index], ...] for
    the activities whose gemeente differs from their point's (or that have no point); "co" = [[activity, string
    index of the Dutch country name], ...] for the activities abroad."""
    idx = {c: k for k, c in enumerate(codes)}
    names = country_names()
    pg, seen, gx, co = [-1] * n_points, [False] * n_points, [], []
    for i, (r, p) in enumerate(zip(rows, point_of)):
        g = idx.get(r["gm_code"], -1) if r["gm_code"] else -1
        if p >= 0 and not seen[p]:
            pg[p], seen[p] = g, True
        elif g != (pg[p] if p >= 0 else -1):
            gx.append([i, g])
        if r["is_abroad"]:
            country = r["country"]
            co.append([i, strings(names.get(country, country) if country else "onbekend land")])
    return {"pg": pg, "gx": gx, "co": co}
