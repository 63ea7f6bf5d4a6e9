"""The self-contained map (kaart.html): Leaflet + supercluster inlined from node_modules, our JS/CSS from static/,
the activities embedded as compact columnar JSON, a CSP that only runs the scripts we put in (by hash).

Payload layout (mirrored by static/kaart.js): low-cardinality texts go through one string table `s`; per activity
one entry in each column of `a`; activities at the same coordinates share one point in `pts`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from agendakaart import __version__
from agendakaart.errors import AgendakaartError
from agendakaart.models import ActivityType, Precision

TYPES = tuple(t.value for t in ActivityType)
PRECISIONS = tuple(p.value for p in Precision)
_EPOCH = date(1970, 1, 1)
TILE_HOSTS = "https://tile.openstreetmap.org https://*.tile.openstreetmap.org"
LIBRARIES = (
    "leaflet/dist/leaflet.js",
    "supercluster/dist/supercluster.min.js",
    "topojson-client/dist/topojson-client.min.js",
)
LIBRARY_CSS = ("leaflet/dist/leaflet.css",)


class MapAssetsError(AgendakaartError):
    """The npm packages the map inlines are not installed."""


@dataclass(frozen=True)
class Assets:
    scripts: tuple[str, ...]  # library JS then ours, in load order
    styles: tuple[str, ...]  # library CSS then ours
    template: str


def find_node_modules(start: Path | None = None) -> Path:
    """$AGENDAKAART_NODE_MODULES, else the first node_modules with leaflet above this file or `start`."""
    env = os.environ.get("AGENDAKAART_NODE_MODULES")
    candidates = [Path(env)] if env else []
    for base in (start or Path.cwd(), Path(__file__).resolve()):
        candidates += [p / "node_modules" for p in (base, *base.parents)]
    for path in candidates:
        if (path / "leaflet" / "dist" / "leaflet.js").is_file():
            return path
    raise MapAssetsError(
        "node_modules met leaflet en supercluster niet gevonden: draai `make setup` "
        "(npm install) of zet AGENDAKAART_NODE_MODULES op de map node_modules"
    )


def _script_text(js: str) -> str:
    """Make JS safe to inline: '</script' cannot end the element early ('<\\/' means the same inside JS)."""
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def load_assets(node_modules: Path | None = None) -> Assets:
    """Read the library files from node_modules and ours from the package; raise MapAssetsError when missing."""
    nm = node_modules or find_node_modules()
    try:
        libs = [(nm / rel).read_text(encoding="utf-8") for rel in LIBRARIES]
        css = [(nm / rel).read_text(encoding="utf-8") for rel in LIBRARY_CSS]
    except FileNotFoundError as exc:
        raise MapAssetsError(f"kaartbibliotheek ontbreekt: {exc.filename} (draai `make setup`)") from exc
    # Leaflet's CSS points at image files beside it; we use none of them, and file:// must not go looking.
    css = [re.sub(r"url\(images/[^)]*\)", "none", c) for c in css]
    pkg = resources.files("agendakaart.outputs")
    ours_js = pkg.joinpath("static", "kaart.js").read_text(encoding="utf-8")
    ours_css = pkg.joinpath("static", "kaart.css").read_text(encoding="utf-8")
    template = pkg.joinpath("templates", "kaart.html").read_text(encoding="utf-8")
    return Assets(tuple(_script_text(s) for s in (*libs, ours_js)), (*css, ours_css), template)


class _Strings:
    """A string table: the same text gets the same index; None -> -1."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: str | None) -> int:
        if value is None or value == "":
            return -1
        idx = self._index.get(value)
        if idx is None:
            idx = self._index[value] = len(self.items)
            self.items.append(value)
        return idx


def _day(iso: str) -> int:
    """'1970-01-02' -> 1 (days since 1970-01-01); a bad date -> 0."""
    try:
        return (date.fromisoformat(iso[:10]) - _EPOCH).days
    except ValueError:
        return 0


def _people(rows: list[dict], persons: dict[str, dict]) -> tuple[list[list], dict[str, int], list[str]]:
    """Person table [[slug, name, ministry index, activities]] of everyone named in rows (all of the store when
    there are no rows), and the ministries of the rows (or of those persons)."""
    counts: dict[str, int] = {}
    for r in rows:
        for s in r["persons"]:
            counts[s] = counts.get(s, 0) + 1
    slugs = list(counts) if rows else list(persons)
    ministries = sorted(
        {m for m in ((r["ministry"] for r in rows) if rows else (p.get("ministry") for p in persons.values())) if m}
    )
    m_index = {m: i for i, m in enumerate(ministries)}
    table = [
        [
            s,
            (persons.get(s) or {}).get("name") or s,
            m_index.get((persons.get(s) or {}).get("ministry"), -1),
            counts.get(s, 0),
        ]
        for s in slugs
    ]
    table.sort(key=lambda p: p[1].casefold())
    return table, {p[0]: i for i, p in enumerate(table)}, ministries


def map_payload(
    rows: list[dict[str, Any]],
    persons: dict[str, dict],
    outlines: list[dict],
    regions: list[str],
    backdrop: list[float] | None = None,
    geo: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Export rows -> the compact JSON the map reads (see module docstring); `geo` = outputs.map_geo.geo_payload."""
    table, p_index, ministries = _people(rows, persons)
    m_index = {m: i for i, m in enumerate(ministries)}
    r_index = {r: i for i, r in enumerate(regions)}
    strings, points, pt_index = _Strings(), [], {}
    cols: dict[str, list] = {
        k: [] for k in ("d", "h", "p", "t", "m", "ps", "f", "r", "ti", "u", "pl", "pr", "re", "tl", "c")
    }
    for row in rows:
        pt = -1
        if row["lat"] is not None and row["lon"] is not None:
            key = (round(row["lat"], 5), round(row["lon"], 5))
            pt = pt_index.get(key)
            if pt is None:
                pt = pt_index[key] = len(points)
                points.append(key)
        who = [p_index[s] for s in row["persons"]]
        flags = (1 if row["is_den_haag"] else 0) | (2 if row["is_abroad"] else 0) | (4 if row["override"] else 0)
        conf = row["confidence"]
        for key, value in (
            ("d", _day(row["date"])),
            ("h", strings(row["start_time"])),
            ("p", pt),
            ("t", TYPES.index(row["activity_type"]) if row["activity_type"] in TYPES else TYPES.index("overig")),
            ("m", m_index.get(row["ministry"], -1)),
            ("ps", who[0] if len(who) == 1 else who),
            ("f", flags),
            ("r", r_index.get(row["npvr_region"], -1)),
            ("ti", row["title"]),
            ("u", strings(row["url"])),
            ("pl", strings(row["place"] or row["gemeente"])),
            ("pr", PRECISIONS.index(row["precision"]) if row["precision"] in PRECISIONS else len(PRECISIONS) - 1),
            ("re", strings(row["reason"])),
            ("tl", strings(row["type_label"])),
            ("c", -1 if conf is None else round(conf * 100)),
        ):
            cols[key].append(value)
    if geo:
        from agendakaart.outputs.map_geo import activity_geo_columns

        geo = {**geo, **activity_geo_columns(rows, geo["codes"], strings, cols["p"], len(points))}
    return {
        "v": __version__,
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "types": list(TYPES),
        "precisions": list(PRECISIONS),
        "persons": table,
        "ministries": ministries,
        "regions": regions,
        "outlines": [[r_index[o["name"]], o["ring"]] for o in outlines if o["name"] in r_index],
        "pts": [c for pt in points for c in pt],
        "s": strings.items,
        "a": cols,
        "bg": backdrop or [],
        "geo": geo,
    }


def embed_json(data: Any) -> str:
    """Data -> JSON text safe inside <script type="application/json">: '<' '>' '&' as \\u003c \\u003e \\u0026."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def content_security_policy(scripts: tuple[str, ...]) -> str:
    """Only our inlined scripts run (by hash); images from OSM tiles and data: only; no fetch, no frames, no forms."""
    return "; ".join(
        (
            "default-src 'none'",
            "script-src " + " ".join(_sha256(s) for s in scripts),
            "style-src 'unsafe-inline'",
            f"img-src data: {TILE_HOSTS}",
            "connect-src 'none'",
            "font-src 'none'",
            "object-src 'none'",
            "frame-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def render_map_html(payload: dict[str, Any], assets: Assets, title: str = "Agendakaart") -> str:
    """Payload + assets -> the whole HTML document (a pure function of its inputs)."""
    from html import escape

    parts = {
        "@@CSP@@": escape(content_security_policy(assets.scripts), quote=True),
        "@@TITLE@@": escape(title),
        "@@STYLES@@": "\n".join(f"<style>{css}</style>" for css in assets.styles),
        "@@DATA@@": embed_json(payload),
        "@@SCRIPTS@@": "\n".join(f"<script>{js}</script>" for js in assets.scripts),
    }
    pattern = re.compile("|".join(re.escape(k) for k in parts))
    return pattern.sub(lambda m: parts[m.group(0)], assets.template)
