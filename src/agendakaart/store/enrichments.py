"""SQL for the enrichment stage: read the activities to enrich, write enrichment rows (one transaction)."""

from __future__ import annotations

from agendakaart.models import ENRICHMENT_FIELDS

import sqlite3
from collections.abc import Iterable, Iterator

from agendakaart.models import Enrichment
from agendakaart.store.db import transaction

_COLUMNS = ("activity_id", "version", *ENRICHMENT_FIELDS, "enriched_at")
_UPSERT = (
    f"INSERT INTO enrichments ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
    "ON CONFLICT(activity_id, version) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[2:])
)


def count_activities(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM activities").fetchone()[0])


def iter_activities(conn: sqlite3.Connection, batch: int = 5000) -> Iterator[sqlite3.Row]:
    """Every activity's id, page URL and text fields, in id order."""
    cur = conn.execute("SELECT id, page_url, title, description, location_text, type_label FROM activities ORDER BY id")
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            return
        yield from rows


def _row(e: Enrichment, enriched_at: str) -> tuple:
    return (
        e.activity_id,
        e.version,
        e.place,
        e.gm_code,
        e.gemeente,
        e.province,
        e.country,
        e.lat,
        e.lon,
        e.precision.value,
        int(e.is_den_haag),
        int(e.is_abroad),
        e.npvr_region,
        e.activity_type.value,
        e.confidence,
        e.reason,
        int(e.override),
        enriched_at,
    )


def write_enrichments(conn: sqlite3.Connection, enrichments: Iterable[Enrichment], enriched_at: str) -> int:
    """Upsert by (activity_id, version) in one transaction; returns the number of rows written."""
    with transaction(conn):
        return upsert_enrichments(conn, enrichments, enriched_at)


def upsert_enrichments(conn: sqlite3.Connection, enrichments: Iterable[Enrichment], enriched_at: str) -> int:
    """Upsert by (activity_id, version) inside the caller's transaction (enrich writes chunk by chunk)."""
    rows = [_row(e, enriched_at) for e in enrichments]
    conn.executemany(_UPSERT, rows)
    return len(rows)


def review_rows(conn: sqlite3.Connection, max_confidence: float) -> list[sqlite3.Row]:
    """Unknown or low-confidence activities (current enrichment), with their text fields and page URL."""
    return conn.execute(
        "SELECT a.id, a.page_url, a.date, a.title, a.location_text, a.type_label, e.precision, e.confidence,"
        " e.reason, e.place FROM activities a JOIN current_enrichments e ON e.activity_id = a.id"
        " WHERE e.override = 0 AND (e.precision = 'none' OR e.confidence < ?) ORDER BY a.date, a.id",
        (max_confidence,),
    ).fetchall()
