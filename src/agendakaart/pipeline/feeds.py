"""Feeds stage: the database -> an Atom or ICS file of new and changed activities, filtered like the exports."""

from __future__ import annotations

import logging
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from agendakaart.enrich.status import entry_status
from agendakaart.models import EntryStatus
from agendakaart.outputs.feeds import FORMATS, FeedItem, describe_change, render_atom, render_ics
from agendakaart.outputs.filters import Filters
from agendakaart.outputs.transparency import local_day
from agendakaart.pipeline.transparency import first_sight, vanished_passes
from agendakaart.store import history
from agendakaart.store import transparency as tstore
from agendakaart.safe_output import atomic_open
from agendakaart.store.queries import load_persons, load_rows

log = logging.getLogger(__name__)
DEFAULT_LIMIT = 500


def place_text(row: dict[str, Any]) -> str:
    """Export row -> 'Zwolle (gemeente Zwolle, NPVR-regio Twente)', or the verbatim location text, or ''."""
    if not row.get("place"):
        return (row.get("location_text") or "").strip()
    extra = [f"gemeente {row['gemeente']}"] if row.get("gemeente") and row["gemeente"] != row["place"] else []
    extra += [f"NPVR-regio {row['npvr_region']}"] if row.get("npvr_region") else []
    return row["place"] + (f" ({', '.join(extra)})" if extra else "")


def _item(row: dict[str, Any], changes: list[dict], uid: str, first_seen: str, updated: str, removed: bool) -> FeedItem:
    status = EntryStatus.VERWIJDERD.value if removed else entry_status(row["title"], row["description"])
    return FeedItem(
        uid=uid,
        activity_id=row["id"],
        url=row["url"],
        title=row["title"],
        day=date.fromisoformat(row["date"]),
        start_time=row["start_time"],
        end_time=row["end_time"],
        persons=tuple(row["person_names"]),
        ministry=row["ministry"],
        place=place_text(row),
        reason=row["reason"] or "",
        status=status,
        first_seen=first_seen,
        updated=updated,
        changes=tuple(describe_change(c) for c in changes),
    )


def _vanished_item(version: dict[str, Any], names: dict[str, str]) -> FeedItem:
    old = version["old"]
    slugs = old.get("persons") or []
    return FeedItem(
        uid=version["root_id"],
        activity_id=version["activity_id"],
        url=version["page_url"],
        title=old.get("title") or "",
        day=date.fromisoformat(version["date"]),
        start_time=old.get("start_time"),
        end_time=old.get("end_time"),
        persons=tuple(names.get(s, s) for s in slugs),
        ministry=old.get("ministry"),
        place=(old.get("location_text") or "").strip(),
        reason="",
        status=EntryStatus.VERDWENEN.value,
        first_seen=version["first_seen"] or version["seen_at"],
        updated=version["seen_at"],
    )


def feed_items(
    conn: sqlite3.Connection, flt: Filters | None = None, *, since: date | None = None, limit: int = DEFAULT_LIMIT
) -> list[FeedItem]:
    """New and changed activities (and ones gone from their page), newest change first, at most `limit`;
    `since`: only those first seen or changed on or after that day."""
    roots, changes = history.root_ids(conn), history.changes_by_activity(conn)
    seen, sightings = first_sight(conn), tstore.page_sightings(conn)
    candidates = []  # (updated, uid, build): items are built only for those kept
    for row in load_rows(conn, flt, include_removed=True):
        first = seen.get(row["id"], "2000-01-01T00:00:00+00:00")
        own = changes.get(row["id"], [])
        removed_at = sightings.get(row["url"], (None, None))[1]
        updated = max([first, *(c["seen_at"] for c in own), *([removed_at] if removed_at else [])])
        uid = roots.get(row["id"], row["id"])
        candidates.append(
            (updated, uid, lambda r=row, o=own, u=uid, f=first, t=updated, x=bool(removed_at): _item(r, o, u, f, t, x))
        )
    names = {slug: p["name"] for slug, p in load_persons(conn).items()}
    for v in history.vanished(conn):
        entry = {"persons": v["old"].get("persons") or [], "ministry": v["old"].get("ministry"), "date": v["date"]}
        if vanished_passes(entry, flt):
            candidates.append((v["seen_at"], v["root_id"], lambda v=v: _vanished_item(v, names)))
    if since is not None:
        candidates = [c for c in candidates if (local_day(c[0]) or date.min) >= since]
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    return [build() for _u, _i, build in candidates[:limit]]


def write_feed(
    conn: sqlite3.Connection,
    out: Path,
    *,
    fmt: str,
    flt: Filters | None = None,
    since: date | None = None,
    limit: int = DEFAULT_LIMIT,
    title: str | None = None,
    force: bool = False,
) -> int:
    """Database -> `out` as Atom or ICS (written whole, then renamed) -> entries written. Refuses (OutputError)
    an `out` that is the database or a file no earlier feed wrote, unless force."""
    from agendakaart.pipeline.outputs import check_out

    if fmt not in FORMATS:
        raise ValueError(f"onbekend feedformaat {fmt!r}; kies uit {', '.join(FORMATS)}")
    check_out(conn, Path(out), "feed", force)
    items = feed_items(conn, flt, since=since, limit=limit)
    title = title or "agendakaart: nieuwe en gewijzigde activiteiten" + (
        f" ({flt.to_hash()})" if flt is not None and not flt.is_empty() else ""
    )
    feed_id = flt.to_hash().lstrip("#") if flt is not None and not flt.is_empty() else "alle"
    data = render_atom(items, title=title, feed_id=feed_id) if fmt == "atom" else render_ics(items, title=title)
    out = Path(out)
    with atomic_open(out, binary=True) as fh:
        fh.write(data)
    log.info("feed %s: %d entries -> %s", fmt, len(items), out)
    return len(items)
