"""Bulk reads for the transparency figures: publication instants per item, first sight and removal per page, and
when agendakaart started watching."""

from __future__ import annotations

import sqlite3


def published_by_url(conn: sqlite3.Connection) -> dict[str, dict[str, str]]:
    """url -> {route: published_at} for every item a route gave a publication instant for (store.signals)."""
    out: dict[str, dict[str, str]] = {}
    for url, route, at in conn.execute(
        "SELECT url, route, published_at FROM item_signals WHERE published_at IS NOT NULL AND published_at != ''"
    ):
        out.setdefault(url, {})[route] = at
    return out


def page_sightings(conn: sqlite3.Connection) -> dict[str, tuple[str | None, str | None]]:
    """agenda page url -> (first_seen, removed_at)."""
    return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT url, first_seen, removed_at FROM agenda_pages")}


def first_collect(conn: sqlite3.Connection) -> str | None:
    """When the first collect run started (agendakaart's first look at the site), or None."""
    return conn.execute("SELECT MIN(started_at) FROM runs WHERE kind = 'collect'").fetchone()[0]


def activity_first_seen(conn: sqlite3.Connection) -> dict[str, str]:
    """activity id -> when agendakaart first stored it (its page's first sight when the row has none)."""
    rows = conn.execute("""SELECT a.id, COALESCE(a.first_seen, p.first_seen) FROM activities a
                           LEFT JOIN agenda_pages p ON p.url = a.page_url""")
    return {r[0]: r[1] for r in rows if r[1]}
