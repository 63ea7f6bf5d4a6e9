"""One command from agenda to picture: collect → enrich → map → report → exports (and the offline demo)."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import replace
from pathlib import Path

from agendakaart.settings import Settings

log = logging.getLogger(__name__)

DEMO_RATE = 50.0  # requests/s: the demo talks only to its own replica on 127.0.0.1

DEMO_MARKER = ".agendakaart-demo"  # in a folder `demo` made; its database may be replaced by the next demo
OUTPUT_KINDS = {
    "kaart": "kaart",
    "rapport": "rapport",
    "csv": "csv",
    "geojson": "geojson",
    "jsonl": "jsonl",
    "figuur": "figuur",
    "figuur-svg": "figuur",
    "feed": "feed",
}

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


def check_outputs(out_dir: Path, db_path: Path, force: bool = False) -> None:
    """Refuse (OutputError) before any work when an output in out_dir would overwrite data we did not write."""
    from agendakaart.safe_output import check_output

    for name, filename in OUTPUT_FILES.items():
        check_output(out_dir / filename, OUTPUT_KINDS[name], db_path=db_path, force=force)


def build_outputs(conn: sqlite3.Connection, out_dir: Path, settings: Settings, force: bool = False) -> dict[str, Path]:
    """Database -> kaart.html, rapport.html and the three exports in out_dir; returns name -> path."""
    from agendakaart.pipeline.outputs import build_figure, build_map, build_report, export

    paths = {name: out_dir / filename for name, filename in OUTPUT_FILES.items()}
    build_map(conn, paths["kaart"], settings=settings, force=force)
    build_report(conn, paths["rapport"], fmt="html", force=force)
    export(conn, paths["csv"], fmt="csv", sep=";", force=force)
    export(conn, paths["geojson"], fmt="geojson", force=force)
    export(conn, paths["jsonl"], fmt="jsonl", force=force)
    build_figure(conn, paths["figuur"], settings=settings, force=force)
    build_figure(conn, paths["figuur-svg"], settings=settings, force=force)
    write_npvr_feed(conn, paths["feed"], force=force)
    return paths


def write_npvr_feed(conn: sqlite3.Connection, out: Path, force: bool = False) -> int:
    """The Atom feed beside the map: new and changed activities in NPVR regions (subscribe once, see each new
    regional visit) -> entries written."""
    from agendakaart.outputs.filters import Filters
    from agendakaart.pipeline.feeds import write_feed

    return write_feed(
        conn,
        out,
        fmt="atom",
        flt=Filters(only_npvr=True),
        title="agendakaart: nieuwe en gewijzigde activiteiten in NPVR-regio's",
        force=force,
    )


def run(settings: Settings, out_dir: Path, *, progress=None, force: bool = False) -> dict:
    """collect → enrich → outputs against settings.base_url; returns {"collect", "enrich", "paths"}.

    The outputs are checked before anything is fetched; the database is locked for collecting (pipeline.lock)."""
    from agendakaart.pipeline.collect import collect
    from agendakaart.pipeline.database import open_store
    from agendakaart.pipeline.enrich import enrich
    from agendakaart.pipeline.lock import collect_lock

    check_outputs(out_dir, settings.db_path, force)
    with collect_lock(settings.db_path), open_store(settings.db_path, write=True) as conn:
        collected = collect(settings, conn, progress=progress)
        enriched = enrich(settings, conn, progress=progress)
        paths = build_outputs(conn, out_dir, settings, force=force)
    return {"collect": collected, "enrich": enriched, "paths": paths}


def demo(
    out_dir: Path, settings: Settings | None = None, *, seed: int = 1, progress=None, platform: str = "2026"
) -> dict:
    """The whole pipeline against the bundled replica site, served on 127.0.0.1: fully offline. platform: "2026"
    (the site since 2 June 2026: search API, sitemaps, listings rendered in the browser) or "2024".

    The demo database (out_dir/agendakaart.db) starts empty each time, since the replica's port changes; it
    writes only into a folder of its own making (see claim_demo_folder).
    """
    from agendakaart.replica import ReplicaServer
    from agendakaart.replica_site import build_site

    db_path = out_dir / "agendakaart.db"
    claim_demo_folder(out_dir, db_path)
    site_dir = out_dir / "replica-site"
    if platform == "2026":
        from agendakaart.replica_site.platform2026 import build_site_2026

        build_site_2026(site_dir, seed=seed)
    else:
        build_site(site_dir, seed=seed)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    base = settings or Settings()
    with ReplicaServer(site_dir) as server:
        demo_settings = replace(base, db_path=db_path, base_url=server.base_url, rate=max(base.rate, DEMO_RATE))
        log.info("demo-replica op %s", server.base_url)
        first = None
        if platform == "2026":  # a week later the site has changed: an edit, a cancellation, a removal, a new item
            first = _collect_once(demo_settings, progress)
            build_site_2026(site_dir, seed=seed, revision=2)
        result = run(demo_settings, out_dir, progress=progress, force=True)  # the folder is the demo's own
        if first is not None:
            result["first_collect"] = first
        return result


def _collect_once(settings: Settings, progress=None) -> dict:
    """One collect into settings.db_path (the demo's first crawl, before the replica changes) -> its counts."""
    from agendakaart.pipeline.collect import collect
    from agendakaart.store import open_db

    conn = open_db(settings.db_path)
    try:
        return collect(settings, conn, progress=progress)
    finally:
        conn.close()


def claim_demo_folder(out_dir: Path, db_path: Path) -> None:
    """Make out_dir the demo's own folder, or raise OutputError: a folder that exists and is not empty is used
    only when an earlier demo made it (DEMO_MARKER) and its database holds nothing but demo runs."""
    from agendakaart.errors import OutputError
    from agendakaart.safe_output import os_error_text

    try:
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputError(f"{out_dir} is een bestand, geen map: kies een nieuwe map met --out")
        if out_dir.is_dir() and any(out_dir.iterdir()):
            if not (out_dir / DEMO_MARKER).is_file() and not _earlier_demo_folder(out_dir, db_path):
                raise OutputError(
                    f"map {out_dir} bestaat al en is niet door `agendakaart demo` gemaakt: "
                    f"kies een nieuwe of lege map met --out"
                )
            if db_path.exists() and not is_demo_database(db_path):
                raise OutputError(
                    f"{db_path} bevat meer dan de demo (verzameld van een echte site): "
                    f"de demo overschrijft hem niet; kies een nieuwe map met --out"
                )
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / DEMO_MARKER).write_text(
            "gemaakt door agendakaart demo; de demo mag deze map hergebruiken\n", encoding="utf-8"
        )
    except OSError as exc:
        raise OutputError(os_error_text(exc, out_dir)) from exc


def _earlier_demo_folder(out_dir: Path, db_path: Path) -> bool:
    """A folder an older agendakaart's demo made (before DEMO_MARKER): only demo names, and a demo database."""
    names = {
        "replica-site",
        db_path.name,
        f"{db_path.name}-wal",
        f"{db_path.name}-shm",
        f"{db_path.name}.lock",
        *OUTPUT_FILES.values(),
    }
    return db_path.exists() and all(p.name in names for p in out_dir.iterdir()) and is_demo_database(db_path)


def is_demo_database(db_path: Path) -> bool:
    """True when the database holds demo runs only: at least one collect, every run but enrich a collect from a
    replica on 127.0.0.1 (an import, or a collect from a real site, makes it the user's data)."""
    import json

    from agendakaart.pipeline.database import open_store

    try:
        with open_store(db_path, write=False, check=False) as conn:
            rows = conn.execute("SELECT kind, settings FROM runs").fetchall()
    except Exception:  # noqa: BLE001 - unreadable or foreign: not ours to replace
        return False
    collects = 0
    for kind, raw in rows:
        if kind == "enrich":
            continue
        try:
            base = str(json.loads(raw or "{}").get("base_url") or "")
        except (ValueError, AttributeError):
            return False
        if kind != "collect" or not base.startswith(("http://127.0.0.1:", "http://localhost:")):
            return False
        collects += 1
    return collects > 0
