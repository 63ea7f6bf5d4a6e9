"""Outputs stage: the database -> kaart.html, rapport.html/.md, and CSV / GeoJSON / JSONL exports.

Each function is a pure function of the database (plus the map libraries in node_modules) and writes one file.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from agendakaart.outputs.filters import Filters
from agendakaart.settings import Settings
from agendakaart.store.queries import load_persons, load_rows

log = logging.getLogger(__name__)


def _write_text(out: Path, text: str) -> Path:
    """Write via a temporary file beside `out`, then rename: a reader never sees half a file."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return out


def build_map(conn: sqlite3.Connection, out: Path, *, settings: Settings | None = None,
              node_modules: Path | None = None) -> Path:
    """Database -> one self-contained kaart.html at `out` (raises MapAssetsError without node_modules)."""
    from agendakaart.outputs.map import load_assets, map_payload, render_map_html
    from agendakaart.outputs.map_geo import geo_payload
    from agendakaart.outputs.regions import npvr_members

    settings = settings or Settings()
    assets = load_assets(node_modules)
    rows = load_rows(conn)
    members = npvr_members(settings.include_uncertain_npvr)
    regions = sorted(set(members) | {r["npvr_region"] for r in rows if r["npvr_region"]})
    # the base map and the NPVR outlines are CBS boundaries (geo), no longer hulls of places or a dotted backdrop
    payload = map_payload(rows, load_persons(conn), [], regions, None,
                          geo_payload(regions, settings.include_uncertain_npvr))
    _write_text(Path(out), render_map_html(payload, assets))
    log.info("map: %d activities, %d points -> %s", len(rows), len(payload["pts"]) // 2, out)
    return Path(out)


def build_report(conn: sqlite3.Connection, out: Path, *, fmt: str = "html") -> Path:
    """Database -> the Dutch report (html with SVG charts and the map figure, or md) at `out`."""
    import tempfile

    from agendakaart.outputs.report import render_report
    from agendakaart.pipeline.transparency import load_entries

    rows = load_rows(conn)
    svg = None
    if fmt == "html":  # the figure of all activities, embedded as SVG
        with tempfile.TemporaryDirectory() as tmp:
            path = build_figure(conn, Path(tmp) / "figuur.svg", rows=rows)
            text = path.read_text(encoding="utf-8")
            svg = text[text.index("<svg"):]
    _write_text(Path(out), render_report(rows, fmt=fmt, figure_svg=svg,
                                                entries=load_entries(conn)))
    log.info("report (%s): %d activities -> %s", fmt, len(rows), out)
    return Path(out)


def export(conn: sqlite3.Connection, out: Path, *, fmt: str, sep: str = ",", flt: Filters | None = None) -> int:
    """Database -> `out` as jsonl | csv | geojson, filtered by `flt`; returns the number of rows/features written."""
    from agendakaart.outputs import export as ex

    if fmt not in ex.FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(ex.FORMATS)}")
    rows = load_rows(conn, flt)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    if fmt == "csv":
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            written = ex.write_csv(rows, fh, sep)
    else:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            if fmt == "jsonl":
                written = ex.write_jsonl(rows, fh)
            else:
                written, left_out = ex.write_geojson(rows, fh)
                log.info("geojson: %d activities without location left out", left_out)
    tmp.replace(out)
    log.info("export %s: %d rows -> %s", fmt, written, out)
    return written


def build_figure(conn: sqlite3.Connection, out: Path, *, flt: Filters | None = None, size: str = "a4",
                 measure: str = "aantal", title: str | None = None, settings: Settings | None = None,
                 rows: list | None = None) -> Path:
    """Database -> the static map (PNG 300 dpi, SVG or PDF by the suffix of `out`) of the activities `flt` selects."""
    from datetime import date

    from agendakaart.outputs.figure import FigureSpec, render_figure
    from agendakaart.store.queries import data_date

    settings = settings or Settings()
    rows = load_rows(conn, flt) if rows is None else rows
    stamp = data_date(conn)
    spec = FigureSpec(Path(out), size=size, measure=measure, title=title,
                      data_date=date.fromisoformat(stamp) if stamp else None)
    render_figure(rows, spec, flt=flt, persons=load_persons(conn), uncertain_counted=settings.include_uncertain_npvr)
    log.info("figure (%s, %s): %d activities -> %s", size, measure, len(rows), out)
    return Path(out)
