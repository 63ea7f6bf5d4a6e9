"""Outputs stage: the database -> kaart.html, rapport.html/.md, and CSV / GeoJSON / JSONL exports.

Each function is a pure function of the database (plus the map libraries in node_modules) and writes one file.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from agendakaart.outputs.filters import Filters
from agendakaart.safe_output import atomic_open, check_output, write_text_atomic
from agendakaart.settings import Settings
from agendakaart.store.queries import load_persons, load_rows

log = logging.getLogger(__name__)


def db_file(conn: sqlite3.Connection) -> Path | None:
    """The file behind a connection ('main' database), or None for an in-memory one."""
    name = conn.execute("PRAGMA database_list").fetchone()[2]
    return Path(name) if name else None


def check_filter_values(conn: sqlite3.Connection, flt: Filters) -> None:
    """Persons and ministries the filter names must exist (else OptionError): never an empty export without a word."""
    from agendakaart.errors import OptionError
    from agendakaart.outputs.filters import unknown_values

    persons = load_persons(conn)
    ministries = {p["ministry"] for p in persons.values() if p["ministry"]}
    ministries |= {r[0] for r in conn.execute("SELECT DISTINCT ministry FROM activities WHERE ministry IS NOT NULL")}
    problem = unknown_values(flt, set(persons), ministries)
    if problem:
        raise OptionError(problem)


def check_out(conn: sqlite3.Connection, out: Path, kind: str, force: bool = False) -> None:
    """Refuse (OutputError) an `out` that is the database or a file this command did not write before."""
    check_output(Path(out), kind, db_path=db_file(conn), force=force)


def build_map(
    conn: sqlite3.Connection,
    out: Path,
    *,
    settings: Settings | None = None,
    node_modules: Path | None = None,
    force: bool = False,
) -> Path:
    """Database -> one self-contained kaart.html at `out` (raises MapAssetsError without node_modules)."""
    from agendakaart.outputs.map import load_assets, map_payload, render_map_html
    from agendakaart.outputs.map_geo import geo_payload
    from agendakaart.outputs.regions import npvr_members

    check_out(conn, out, "kaart", force)
    settings = settings or Settings()
    assets = load_assets(node_modules)
    rows = load_rows(conn)
    members = npvr_members(settings.include_uncertain_npvr)
    regions = sorted(set(members) | {r["npvr_region"] for r in rows if r["npvr_region"]})
    # the base map and the NPVR outlines are CBS boundaries (geo), no longer hulls of places or a dotted backdrop
    payload = map_payload(
        rows, load_persons(conn), [], regions, None, geo_payload(regions, settings.include_uncertain_npvr)
    )
    write_text_atomic(Path(out), render_map_html(payload, assets))
    log.info("kaart: %d activiteiten, %d punten -> %s", len(rows), len(payload["pts"]) // 2, out)
    return Path(out)


def build_report(conn: sqlite3.Connection, out: Path, *, fmt: str = "html", force: bool = False) -> Path:
    """Database -> the Dutch report (html with SVG charts and the map figure, or md) at `out`."""
    import tempfile

    from agendakaart.outputs.report import render_report
    from agendakaart.pipeline.transparency import load_entries

    check_out(conn, out, "rapport" if fmt == "html" else "rapport-md", force)
    rows = load_rows(conn)
    svg = None
    if fmt == "html":  # the figure of all activities, embedded as SVG
        with tempfile.TemporaryDirectory() as tmp:
            path = build_figure(conn, Path(tmp) / "figuur.svg", rows=rows)
            text = path.read_text(encoding="utf-8")
            svg = text[text.index("<svg") :]
    write_text_atomic(Path(out), render_report(rows, fmt=fmt, figure_svg=svg, entries=load_entries(conn)))
    log.info("rapport (%s): %d activiteiten -> %s", fmt, len(rows), out)
    return Path(out)


def export(
    conn: sqlite3.Connection,
    out: Path,
    *,
    fmt: str,
    sep: str = ",",
    flt: Filters | None = None,
    force: bool = False,
    stats: dict | None = None,
) -> int:
    """Database -> `out` as jsonl | csv | geojson, filtered by `flt`; returns the number of rows/features written
    (and puts the number of selected rows with a location, what the map shows, in stats["located"])."""
    from agendakaart.outputs import export as ex

    if fmt not in ex.FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(ex.FORMATS)}")
    out = Path(out)
    check_out(conn, out, fmt, force)
    if flt is not None:
        check_filter_values(conn, flt)
    rows = load_rows(conn, flt)
    if stats is not None:
        stats["located"] = sum(1 for r in rows if r["lat"] is not None and r["lon"] is not None)
    if fmt == "csv":
        with atomic_open(out, encoding="utf-8-sig", newline="") as fh:
            written = ex.write_csv(rows, fh, sep)
    else:
        with atomic_open(out, encoding="utf-8", newline="\n") as fh:
            if fmt == "jsonl":
                written = ex.write_jsonl(rows, fh)
            else:
                written, left_out = ex.write_geojson(rows, fh)
                log.info("geojson: %d activiteiten zonder locatie weggelaten", left_out)
    log.info("export %s: %d rijen -> %s", fmt, written, out)
    return written


def build_figure(
    conn: sqlite3.Connection,
    out: Path,
    *,
    flt: Filters | None = None,
    size: str = "a4",
    measure: str = "aantal",
    title: str | None = None,
    settings: Settings | None = None,
    rows: list | None = None,
    force: bool = False,
) -> Path:
    """Database -> the static map (PNG 300 dpi, SVG or PDF by the suffix of `out`) of the activities `flt` selects."""
    from datetime import date

    check_out(conn, out, "figuur", force)
    from agendakaart.outputs.figure import FigureSpec, render_figure
    from agendakaart.store.queries import data_date

    settings = settings or Settings()
    rows = load_rows(conn, flt) if rows is None else rows
    stamp = data_date(conn)
    spec = FigureSpec(
        Path(out), size=size, measure=measure, title=title, data_date=date.fromisoformat(stamp) if stamp else None
    )
    render_figure(rows, spec, flt=flt, persons=load_persons(conn), uncertain_counted=settings.include_uncertain_npvr)
    log.info("figure (%s, %s): %d activities -> %s", size, measure, len(rows), out)
    return Path(out)
