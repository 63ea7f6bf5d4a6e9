"""One command from agenda to picture: collect → enrich → map → report → exports (and the offline demo)."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from pathlib import Path

from agendakaart.settings import Settings

log = logging.getLogger(__name__)

DEMO_RATE = 50.0  # requests/s: the demo talks only to its own replica on 127.0.0.1

OUTPUT_FILES = {
    "kaart": "kaart.html",
    "rapport": "rapport.html",
    "csv": "activiteiten.csv",
    "geojson": "activiteiten.geojson",
    "jsonl": "activiteiten.jsonl",
    "figuur": "figuur.png",
    "figuur-svg": "figuur.svg",
    "feed": "nieuw-in-npvr-regios.atom",
}


def build_outputs(conn: sqlite3.Connection, out_dir: Path, settings: Settings) -> dict[str, Path]:
    """Database -> kaart.html, rapport.html and the three exports in out_dir; returns name -> path."""
    from agendakaart.pipeline.outputs import build_figure, build_map, build_report, export

    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {name: out_dir / filename for name, filename in OUTPUT_FILES.items()}
    build_map(conn, paths["kaart"], settings=settings)
    build_report(conn, paths["rapport"], fmt="html")
    export(conn, paths["csv"], fmt="csv", sep=";")
    export(conn, paths["geojson"], fmt="geojson")
    export(conn, paths["jsonl"], fmt="jsonl")
    build_figure(conn, paths["figuur"], settings=settings)
    build_figure(conn, paths["figuur-svg"], settings=settings)
    write_npvr_feed(conn, paths["feed"])
    return paths


def write_npvr_feed(conn: sqlite3.Connection, out: Path) -> int:
    """The Atom feed beside the map: new and changed activities in NPVR regions (subscribe once, see each new
    regional visit) -> entries written."""
    from agendakaart.outputs.filters import Filters
    from agendakaart.pipeline.feeds import write_feed

    return write_feed(conn, out, fmt="atom", flt=Filters(only_npvr=True),
                      title="agendakaart: nieuwe en gewijzigde activiteiten in NPVR-regio's")


def run(settings: Settings, out_dir: Path, *, progress=None) -> dict:
    """collect → enrich → outputs against settings.base_url; returns {"collect", "enrich", "paths"}."""
    from agendakaart.store import open_db

    conn = open_db(settings.db_path)
    try:
        from agendakaart.pipeline.collect import collect
        from agendakaart.pipeline.enrich import enrich


        collected = collect(settings, conn, progress=progress)
        enriched = enrich(settings, conn, progress=progress)
        paths = build_outputs(conn, out_dir, settings)
    finally:
        conn.close()
    return {"collect": collected, "enrich": enriched, "paths": paths}


def demo(out_dir: Path, settings: Settings | None = None, *, seed: int = 1, progress=None,
         platform: str = "2026") -> dict:
    """The whole pipeline against the bundled replica site, served on 127.0.0.1: fully offline. platform: "2026"
    (the site since 2 June 2026: search API, sitemaps, listings rendered in the browser) or "2024".

    The demo database (out_dir/agendakaart.db) starts empty each time, since the replica's port changes.
    """
    from agendakaart.replica import ReplicaServer
    from agendakaart.replica_site import build_site

    out_dir.mkdir(parents=True, exist_ok=True)
    site_dir = out_dir / "replica-site"
    if platform == "2026":
        from agendakaart.replica_site.platform2026 import build_site_2026

        build_site_2026(site_dir, seed=seed)
    else:
        build_site(site_dir, seed=seed)
    db_path = out_dir / "agendakaart.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    base = settings or Settings()
    with ReplicaServer(site_dir) as server:
        demo_settings = replace(base, db_path=db_path, base_url=server.base_url, rate=max(base.rate, DEMO_RATE))
        log.info("demo replica at %s", server.base_url)
        return run(demo_settings, out_dir, progress=progress)
