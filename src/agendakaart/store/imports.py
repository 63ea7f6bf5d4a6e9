"""The activities of one import source, written batch by batch (bounded memory) and touching only that source.

An import never changes or deletes an activity another source owns (a page collected from the site, another
import): an id that exists under another source is left as it is and counted as `elsewhere`.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from agendakaart.models import Activity
from agendakaart.store.activities import _row_values

_INSERT = """INSERT INTO activities (id, page_url, persons, date, start_time, end_time, type_label, title,
               description, location_text, ministry, ordinal, source, first_seen, last_seen)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


def begin_import(conn: sqlite3.Connection) -> None:
    """Start a fresh list of the ids this import has written (a temporary table: memory stays bounded)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_seen (id TEXT PRIMARY KEY)")
    conn.execute("DELETE FROM import_seen")


def write_import_batch(conn: sqlite3.Connection, source: str, batch: list[Activity]) -> tuple[int, int, int]:
    """Insert new activities, update changed ones of this source -> (new, updated, elsewhere)."""
    if not batch:
        return 0, 0, 0
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    ids = [a.id for a in batch]
    old: dict[str, dict] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        rows = conn.execute(f"SELECT * FROM activities WHERE id IN ({', '.join('?' * len(part))})", part)
        old.update((r["id"], dict(r)) for r in rows)
    new = updated = elsewhere = 0
    for a in batch:
        values = _row_values(a)
        current = old.get(a.id)
        if current is None:
            conn.execute(_INSERT, (a.id, a.page_url, *values.values(), now, now))
            old[a.id] = {"source": source, **values}
            new += 1
        elif current["source"] != source:
            elsewhere += 1
            continue
        elif any(current[k] != v for k, v in values.items()):
            conn.execute(
                f"UPDATE activities SET {', '.join(f'{k} = ?' for k in values)}, last_seen = ? WHERE id = ?",
                (*values.values(), now, a.id),
            )
            updated += 1
    conn.executemany("INSERT OR IGNORE INTO import_seen VALUES (?)", [(i,) for i in ids])
    return new, updated, elsewhere


def finish_import(conn: sqlite3.Connection, source: str) -> int:
    """Delete the activities of this source that the import did not write again -> how many."""
    cur = conn.execute("DELETE FROM activities WHERE source = ? AND id NOT IN (SELECT id FROM import_seen)", (source,))
    conn.execute("DELETE FROM import_seen")
    return cur.rowcount
