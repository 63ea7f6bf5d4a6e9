"""SQL for the enrichment stage: read the activities to enrich, write enrichment rows (one transaction)."""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Iterable, Iterator

from agendakaart.models import ENRICHMENT_FIELDS, Enrichment
from agendakaart.store.db import transaction

_COLUMNS = ("activity_id", "version", *ENRICHMENT_FIELDS, "enriched_at")
_UPSERT = (
    f"INSERT INTO enrichments ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))}) "
    "ON CONFLICT(activity_id, version) DO UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[2:])
)


def count_activities(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM activities").fetchone()[0])


def iter_activities(conn: sqlite3.Connection, batch: int = 5000) -> Iterator[tuple]:
    """Every activity as a plain tuple (id, page_url, title, description, location_text, type_label), in id order
    (tuples, not sqlite3.Row: enrich reads 100,000s of them)."""
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute("SELECT id, page_url, title, description, location_text, type_label FROM activities ORDER BY id")
    while True:
        rows = cur.fetchmany(batch)
        if not rows:
            return
        yield from rows


_VALUES = operator.attrgetter(*_COLUMNS[:-1])  # the Enrichment fields of a row, in column order, in one C call
# a row's columns by name, for code that reads rows (Tally): ROW["precision"] -> 9
ROW = {name: i for i, name in enumerate(_COLUMNS)}


def _row(e: Enrichment, enriched_at: str) -> tuple:
    """Enrichment -> its row's values in _COLUMNS order (enums by value, flags as 0/1)."""
    v = _VALUES(e)
    return (*v[:9], v[9].value, int(v[10]), int(v[11]), v[12], v[13].value, v[14], v[15], int(v[16]), enriched_at)


enrichment_row = _row


def write_enrichments(conn: sqlite3.Connection, enrichments: Iterable[Enrichment], enriched_at: str) -> int:
    """Upsert by (activity_id, version) in one transaction; returns the number of rows written."""
    with transaction(conn):
        return upsert_enrichments(conn, enrichments, enriched_at)


def upsert_enrichments(conn: sqlite3.Connection, enrichments: Iterable[Enrichment], enriched_at: str) -> int:
    """Upsert by (activity_id, version) inside the caller's transaction (enrich writes chunk by chunk)."""
    rows = [_row(e, enriched_at) for e in enrichments]
    conn.executemany(_UPSERT, rows)
    return len(rows)


def upsert_rows(conn: sqlite3.Connection, rows: list[tuple]) -> int:
    """Upsert rows made by enrichment_row (the time stamp already in them) inside the caller's transaction."""
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
