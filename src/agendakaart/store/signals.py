"""What discovery routes said of item pages (item_signals) and removals of items gone from the site."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

from agendakaart.models import ItemRef


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def stored_signal(conn: sqlite3.Connection, url: str, route: str) -> str | None:
    """The change signal a route gave for the item last time (None: never seen by that route, or no signal)."""
    row = conn.execute("SELECT signal FROM item_signals WHERE url = ? AND route = ?", (url, route)).fetchone()
    return row[0] if row else None


def known_by_route(conn: sqlite3.Connection, url: str, route: str) -> bool:
    return conn.execute("SELECT 1 FROM item_signals WHERE url = ? AND route = ?", (url, route)).fetchone() is not None


def save_signal(conn: sqlite3.Connection, ref: ItemRef, run_id: int) -> None:
    """Record (or refresh) what `ref.route` says of `ref.url` in this run."""
    now = _now()
    conn.execute(
        """INSERT INTO item_signals (url, route, signal, published_at, fields, first_seen, last_seen, last_run)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (url, route) DO UPDATE SET signal = excluded.signal,
             published_at = COALESCE(excluded.published_at, item_signals.published_at),
             fields = excluded.fields, last_seen = excluded.last_seen, last_run = excluded.last_run""",
        (
            ref.url,
            ref.route,
            ref.signal,
            ref.published_at,
            json.dumps(ref.fields, sort_keys=True, ensure_ascii=False),
            now,
            now,
            run_id,
        ),
    )


def absent_from_route(conn: sqlite3.Connection, route: str, run_id: int) -> list[str]:
    """URLs of items the route listed in an earlier run but not in run `run_id`."""
    rows = conn.execute("SELECT url FROM item_signals WHERE route = ? AND last_run < ? ORDER BY url", (route, run_id))
    return [r[0] for r in rows]


def seen_in_run(conn: sqlite3.Connection, url: str, run_id: int) -> bool:
    """Did any route list the item in this run?"""
    return (
        conn.execute("SELECT 1 FROM item_signals WHERE url = ? AND last_run = ?", (url, run_id)).fetchone() is not None
    )


def search_fields(conn: sqlite3.Connection, url: str) -> dict[str, str]:
    """The structured fields the search API gave for the item ({} when it never did)."""
    row = conn.execute("SELECT fields FROM item_signals WHERE url = ? AND route = 'search'", (url,)).fetchone()
    try:
        return json.loads(row[0]) if row else {}
    except ValueError:
        return {}


def published_at(conn: sqlite3.Connection, url: str) -> dict[str, str]:
    """route -> the publication instant that route gives for the item (search sort_date, sitemap lastmod, RSS
    pubDate); routes without one are left out."""
    rows = conn.execute(
        "SELECT route, published_at FROM item_signals WHERE url = ? AND published_at IS NOT NULL", (url,)
    )
    return {r[0]: r[1] for r in rows}


def mark_removed(conn: sqlite3.Connection, url: str, reason: str) -> bool:
    """Mark a stored item as gone from the site (kept, never deleted) -> True when it was not marked yet."""
    cur = conn.execute(
        "UPDATE agenda_pages SET removed_at = ?, removed_reason = ? WHERE url = ? AND removed_at IS NULL",
        (_now(), reason, url),
    )
    return cur.rowcount > 0


def unmark_removed(conn: sqlite3.Connection, url: str) -> None:
    """An item seen again on the site is no longer removed."""
    conn.execute(
        "UPDATE agenda_pages SET removed_at = NULL, removed_reason = NULL WHERE url = ? AND removed_at IS NOT NULL",
        (url,),
    )


def removed_items(conn: sqlite3.Connection) -> list[dict]:
    """Every item marked removed: url, title, page_date, removed_at, removed_reason (for `status`)."""
    rows = conn.execute(
        "SELECT url, title, page_date, removed_at, removed_reason FROM agenda_pages "
        "WHERE removed_at IS NOT NULL ORDER BY removed_at, url"
    )
    return [dict(r) for r in rows]
