"""Agenda pages and their activities: idempotent upserts; a page's activities are replaced as a whole."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

from agendakaart.models import Activity, AgendaPage
from agendakaart.store import history

_COMPARED = (
    "persons",
    "date",
    "start_time",
    "end_time",
    "type_label",
    "title",
    "description",
    "location_text",
    "ministry",
    "ordinal",
    "source",
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def save_agenda_page(conn: sqlite3.Connection, page: AgendaPage) -> None:
    """Insert or update one agenda page (first_seen kept, last_seen now)."""
    now = _now()
    conn.execute(
        """INSERT INTO agenda_pages (url, persons, title, page_date, ministry, location_text, kind, source,
             content_sha256, field_sources, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (url) DO UPDATE SET persons = excluded.persons, title = excluded.title,
             page_date = excluded.page_date, ministry = excluded.ministry, location_text = excluded.location_text,
             kind = excluded.kind, source = excluded.source, content_sha256 = excluded.content_sha256,
             field_sources = excluded.field_sources, last_seen = excluded.last_seen""",
        (
            page.url,
            json.dumps(list(page.persons)),
            page.title,
            page.page_date.isoformat(),
            page.ministry,
            page.location_text,
            page.kind.value,
            page.source,
            page.content_sha256,
            json.dumps(page.field_sources, sort_keys=True),
            now,
            now,
        ),
    )


def _row_values(a: Activity) -> dict:
    return {
        "persons": json.dumps(list(a.persons)),
        "date": a.date.isoformat(),
        "start_time": a.start_time,
        "end_time": a.end_time,
        "type_label": a.type_label,
        "title": a.title,
        "description": a.description,
        "location_text": a.location_text,
        "ministry": a.ministry,
        "ordinal": a.ordinal,
        "source": a.source,
    }


def replace_activities(conn: sqlite3.Connection, page_url: str, activities: list[Activity]) -> tuple[int, int]:
    """Make the page's stored activities exactly `activities` -> (new, updated); vanished ones are deleted (and kept,
    with every change, in activity_versions: store.history)."""
    old = {r["id"]: dict(r) for r in conn.execute("SELECT * FROM activities WHERE page_url = ?", (page_url,))}
    now = _now()
    history.record_changes(conn, page_url, old, [(a.id, _row_values(a)) for a in activities], now)
    new = updated = 0
    for a in activities:
        values = _row_values(a)
        if a.id not in old:
            conn.execute(
                """INSERT INTO activities (id, page_url, persons, date, start_time, end_time, type_label, title,
                     description, location_text, ministry, ordinal, source, first_seen, last_seen)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET page_url = excluded.page_url, last_seen = excluded.last_seen""",
                (a.id, page_url, *values.values(), now, now),
            )
            new += 1
        elif any(old[a.id][k] != v for k, v in values.items()):
            conn.execute(
                f"UPDATE activities SET {', '.join(f'{k} = ?' for k in values)}, last_seen = ? WHERE id = ?",
                (*values.values(), now, a.id),
            )
            updated += 1
    vanished = set(old) - {a.id for a in activities}
    conn.executemany("DELETE FROM activities WHERE id = ?", [(i,) for i in sorted(vanished)])
    return new, updated


def page_persons(conn: sqlite3.Connection, url: str) -> tuple[str, ...] | None:
    """The persons stored for an agenda page, or None when the page is not stored."""
    row = conn.execute("SELECT persons FROM agenda_pages WHERE url = ?", (url,)).fetchone()
    return tuple(json.loads(row[0])) if row else None


def add_page_persons(conn: sqlite3.Connection, url: str, slugs: list[str]) -> bool:
    """Add persons to a stored page and all its activities (an item found on one more listing) -> changed?"""
    current = page_persons(conn, url)
    if current is None:
        return False
    merged = tuple(sorted(set(current) | set(slugs)))
    if merged == tuple(current):
        return False
    conn.execute("UPDATE agenda_pages SET persons = ? WHERE url = ?", (json.dumps(list(merged)), url))
    for row in conn.execute("SELECT id, persons FROM activities WHERE page_url = ?", (url,)).fetchall():
        own = set(json.loads(row["persons"] or "[]"))  # a roll-up line may name one more person than its page
        conn.execute(
            "UPDATE activities SET persons = ? WHERE id = ?", (json.dumps(sorted(own | set(merged))), row["id"])
        )
    return True


def count_activities(conn: sqlite3.Connection) -> dict[str, int]:
    """Totals for `status`: activities, agenda pages, roll-up pages, activities without persons, roll-up lines not
    counted because their item page is (duplicate_lines)."""
    q = conn.execute
    return {
        "activities": q("SELECT COUNT(*) FROM activities").fetchone()[0],
        "agenda_pages": q("SELECT COUNT(*) FROM agenda_pages").fetchone()[0],
        "rollup_pages": q("SELECT COUNT(*) FROM agenda_pages WHERE kind = 'rollup'").fetchone()[0],
        "without_persons": q("SELECT COUNT(*) FROM activities WHERE persons = '[]'").fetchone()[0],
        "duplicate_lines": q("SELECT COUNT(*) FROM activity_duplicates").fetchone()[0],
    }


# -- one activity on two pages (a roll-up line with its own item page): see parse/duplicates.py -----------------


def _activity_of(row: dict) -> Activity:
    """A stored activities row (or its JSON copy) -> Activity."""
    from datetime import date

    return Activity(
        id=row["id"],
        page_url=row["page_url"],
        persons=tuple(json.loads(row["persons"] or "[]")),
        date=date.fromisoformat(row["date"]),
        title=row["title"],
        start_time=row["start_time"],
        end_time=row["end_time"],
        type_label=row["type_label"],
        description=row["description"],
        location_text=row["location_text"],
        ministry=row["ministry"],
        ordinal=row["ordinal"],
        source=row["source"],
    )


def activities_of_kind(conn: sqlite3.Connection, kind: str, dates: set, exclude_url: str) -> list[Activity]:
    """Stored activities of agenda pages of this kind ('single' / 'rollup') on these dates, other pages only."""
    days = sorted(d.isoformat() for d in dates)
    if not days:
        return []
    rows = conn.execute(
        f"""SELECT a.* FROM activities a JOIN agenda_pages p ON p.url = a.page_url
            WHERE p.kind = ? AND a.page_url != ? AND a.date IN ({', '.join('?' * len(days))})
            ORDER BY a.page_url, a.ordinal""",
        (kind, exclude_url, *days),
    )
    return [_activity_of(dict(r)) for r in rows]


def lines_merged_into(conn: sqlite3.Connection, kept_page_url: str) -> list[Activity]:
    """The roll-up lines whose item page is this one (dropped as duplicates), as they were parsed."""
    rows = conn.execute(
        "SELECT line FROM activity_duplicates WHERE kept_page_url = ? ORDER BY line_id", (kept_page_url,)
    )
    return [_activity_of(json.loads(r[0])) for r in rows]


def forget_duplicates(
    conn: sqlite3.Connection, *, line_page_url: str | None = None, kept_page_url: str | None = None
) -> None:
    """Drop the duplicate records of a roll-up page (or of an item page), before they are worked out again."""
    if line_page_url is not None:
        conn.execute("DELETE FROM activity_duplicates WHERE line_page_url = ?", (line_page_url,))
    if kept_page_url is not None:
        conn.execute("DELETE FROM activity_duplicates WHERE kept_page_url = ?", (kept_page_url,))


def save_duplicate(conn: sqlite3.Connection, line: Activity, kept: Activity, similarity: float) -> None:
    """Record that roll-up `line` is `kept` (another page) and remove the line's own activity row."""
    row = {"id": line.id, "page_url": line.page_url, **_row_values(line)}
    conn.execute(
        """INSERT INTO activity_duplicates (line_id, line_page_url, kept_id, kept_page_url, similarity, line, at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (line_id) DO UPDATE SET kept_id = excluded.kept_id, kept_page_url = excluded.kept_page_url,
             similarity = excluded.similarity, line = excluded.line, at = excluded.at""",
        (line.id, line.page_url, kept.id, kept.page_url, round(similarity, 3), json.dumps(row, sort_keys=True), _now()),
    )
    conn.execute("DELETE FROM activities WHERE id = ?", (line.id,))


def restore_lines(conn: sqlite3.Connection, lines: list[Activity]) -> int:
    """Put roll-up lines back as activities (their item page no longer matches) -> number restored."""
    now = _now()
    for a in lines:
        conn.execute(
            """INSERT INTO activities (id, page_url, persons, date, start_time, end_time, type_label, title,
                 description, location_text, ministry, ordinal, source, first_seen, last_seen)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
            (a.id, a.page_url, *_row_values(a).values(), now, now),
        )
    return len(lines)


def duplicates(conn: sqlite3.Connection) -> list[dict]:
    """Every recorded pair (for status and tests): line_id, line_page_url, kept_id, kept_page_url, similarity."""
    rows = conn.execute("""SELECT line_id, line_page_url, kept_id, kept_page_url, similarity
                           FROM activity_duplicates ORDER BY line_page_url, line_id""")
    return [dict(r) for r in rows]
