"""Activity versions: what changed in a page's activities between crawls, and what vanished (kept whole).

Written only from store.activities.replace_activities, the one function through which a page's activities are
stored. Activity ids hash the text, so an edited line gets a new id: old and new activities of a page are paired
by id, then by (date, title), then by (date, ordinal), then by date alone (unique on both sides), then — one left
on each side with the same ordinal — as the same entry moved to another date. A pair whose compared fields differ is one 'gewijzigd' version; an old
activity left without a partner is a 'verdwenen' version holding its whole row.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

# the fields a reader cares about: text, time, place, persons, the site's label (status follows from the text)
TRACKED = ("title", "description", "date", "start_time", "end_time", "location_text", "persons", "type_label")
CHANGED = "gewijzigd"
VANISHED = "verdwenen"


def _key_pass(pairs: dict, old_left: dict, new_left: list, key) -> None:
    """Pair the unpaired old and new activities whose key(values) is equal and unique on both sides."""
    old_by: dict = {}
    for oid, row in old_left.items():
        old_by.setdefault(key(row), []).append(oid)
    new_by: dict = {}
    for a_id, values in new_left:
        new_by.setdefault(key(values), []).append(a_id)
    for k, new_ids in new_by.items():
        if len(new_ids) == 1 and len(old_by.get(k, ())) == 1:
            pairs[new_ids[0]] = old_by[k][0]
    for new_id, oid in pairs.items():
        old_left.pop(oid, None)
    new_left[:] = [(i, v) for i, v in new_left if i not in pairs]


def pair_activities(old: dict[str, dict], new: list[tuple[str, dict]]) -> tuple[dict[str, str], list[str]]:
    """old: id -> stored row; new: [(id, values)] -> ({new id: old id}, old ids without a partner)."""
    pairs = {a_id: a_id for a_id, _v in new if a_id in old}
    old_left = {i: r for i, r in old.items() if i not in pairs}
    new_left = [(i, v) for i, v in new if i not in pairs]
    _key_pass(pairs, old_left, new_left, lambda r: (r["date"], r["title"]))
    _key_pass(pairs, old_left, new_left, lambda r: (r["date"], r["ordinal"]))
    _key_pass(pairs, old_left, new_left, lambda r: r["date"])
    if len(old_left) == 1 and len(new_left) == 1:
        (oid, row), (a_id, values) = next(iter(old_left.items())), new_left[0]
        if row["ordinal"] == values["ordinal"]:
            pairs[a_id] = oid
            old_left.clear()
    return pairs, sorted(old_left)


def _value(field: str, value: Any) -> Any:
    """Stored value -> JSON value (persons: the JSON list of slugs as a list)."""
    if field == "persons":
        try:
            return json.loads(value or "[]")
        except ValueError:
            return value
    return value


def root_id(conn: sqlite3.Connection, activity_id: str) -> str:
    """The first id this activity had (itself when it never changed id)."""
    row = conn.execute(
        "SELECT root_id FROM activity_versions WHERE activity_id = ? ORDER BY id DESC LIMIT 1", (activity_id,)
    ).fetchone()
    return row[0] if row else activity_id


def _first_seen(conn: sqlite3.Connection, old_id: str, old_row: dict) -> str | None:
    """When the activity was first seen: carried by the version that gave `old_id` its id, else the old row's."""
    row = conn.execute(
        "SELECT first_seen FROM activity_versions WHERE activity_id = ? AND first_seen IS NOT NULL "
        "ORDER BY id DESC LIMIT 1",
        (old_id,),
    ).fetchone()
    return row[0] if row else old_row.get("first_seen")


def _insert(
    conn: sqlite3.Connection,
    activity_id: str,
    old_id: str,
    page_url: str,
    day: str,
    change: str,
    fields: list[str],
    old: dict,
    new: dict,
    now: str,
    first_seen: str | None,
) -> None:
    conn.execute(
        """INSERT INTO activity_versions (activity_id, old_id, root_id, page_url, date, change, fields, old, new,
             first_seen, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        (
            activity_id,
            old_id,
            root_id(conn, old_id),
            page_url,
            day,
            change,
            json.dumps(fields),
            json.dumps(old, ensure_ascii=False, sort_keys=True),
            json.dumps(new, ensure_ascii=False, sort_keys=True),
            first_seen,
            now,
        ),
    )


def record_changes(
    conn: sqlite3.Connection, page_url: str, old: dict[str, dict], new: list[tuple[str, dict]], now: str
) -> int:
    """Compare a page's stored activities with the ones about to replace them; record versions -> how many."""
    if not old:
        return 0
    pairs, vanished = pair_activities(old, new)
    count = 0
    for a_id, values in new:
        oid = pairs.get(a_id)
        if oid is None:
            continue
        before = old[oid]
        fields = [f for f in TRACKED if before[f] != values[f]]
        if fields:
            _insert(
                conn,
                a_id,
                oid,
                page_url,
                values["date"],
                CHANGED,
                fields,
                {f: _value(f, before[f]) for f in fields},
                {f: _value(f, values[f]) for f in fields},
                now,
                _first_seen(conn, oid, before),
            )
            count += 1
    for oid in vanished:
        row = {k: _value(k, v) for k, v in old[oid].items()}
        _insert(
            conn, oid, oid, page_url, old[oid]["date"], VANISHED, [], row, {}, now, _first_seen(conn, oid, old[oid])
        )
        count += 1
    return count


def _version(r: sqlite3.Row) -> dict[str, Any]:
    out = dict(r)
    for key in ("fields", "old", "new"):
        out[key] = json.loads(out[key])
    return out


def versions(conn: sqlite3.Connection, activity_id: str | None = None) -> list[dict[str, Any]]:
    """Every version (or those of one activity's line: its root), oldest first, JSON decoded."""
    if activity_id is None:
        rows = conn.execute("SELECT * FROM activity_versions ORDER BY id")
    else:
        rows = conn.execute(
            "SELECT * FROM activity_versions WHERE root_id = ? ORDER BY id", (root_id(conn, activity_id),)
        )
    return [_version(r) for r in rows]


def vanished(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Activities that vanished from their page and are gone still: not back in `activities`, and not a roll-up
    line now counted by its own item page (activity_duplicates). Newest vanishing per id."""
    rows = conn.execute(
        """SELECT v.* FROM activity_versions v
           WHERE v.change = 'verdwenen'
             AND v.id = (SELECT MAX(v2.id) FROM activity_versions v2 WHERE v2.activity_id = v.activity_id
                         AND v2.change = 'verdwenen')
             AND NOT EXISTS (SELECT 1 FROM activities a WHERE a.id = v.activity_id)
             AND NOT EXISTS (SELECT 1 FROM activity_duplicates d WHERE d.line_id = v.activity_id)
           ORDER BY v.id"""
    )
    return [_version(r) for r in rows]


def changes_by_activity(conn: sqlite3.Connection) -> dict[str, list[dict[str, Any]]]:
    """Current activity id -> its 'gewijzigd' versions (of its whole line, via root_id), oldest first."""
    by_root: dict[str, list[dict[str, Any]]] = {}
    for v in versions(conn):
        if v["change"] == CHANGED:
            by_root.setdefault(v["root_id"], []).append(v)
    current = conn.execute(
        """SELECT a.id, COALESCE((SELECT v.root_id FROM activity_versions v WHERE v.activity_id = a.id
                                  ORDER BY v.id DESC LIMIT 1), a.id) FROM activities a"""
    )
    return {a_id: by_root[root] for a_id, root in current if root in by_root}


def first_sightings(conn: sqlite3.Connection) -> dict[str, str]:
    """Current activity id -> when it was first seen under its root id, for every activity that changed id (its own
    row's first_seen is the day of the edit)."""
    rows = conn.execute(
        """SELECT v.activity_id, v.first_seen FROM activity_versions v
           WHERE v.change = 'gewijzigd' AND v.activity_id != v.old_id AND v.first_seen IS NOT NULL
             AND v.id = (SELECT MAX(v2.id) FROM activity_versions v2 WHERE v2.activity_id = v.activity_id)"""
    )
    return {a: f for a, f in rows}


def root_ids(conn: sqlite3.Connection) -> dict[str, str]:
    """Current activity id -> its root id, for every activity that ever changed id."""
    rows = conn.execute(
        """SELECT v.activity_id, v.root_id FROM activity_versions v
           WHERE v.id = (SELECT MAX(v2.id) FROM activity_versions v2 WHERE v2.activity_id = v.activity_id)"""
    )
    return {a: r for a, r in rows if a != r}
