"""Transparency stage: the database -> one entry per activity with its publication delay, changes, removal and
completeness (outputs.transparency), and the tables and files made of them."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from agendakaart.enrich.status import entry_status
from agendakaart.outputs import transparency as tr
from agendakaart.outputs.filters import Filters, matches
from agendakaart.store import history
from agendakaart.store import transparency as tstore
from agendakaart.store.queries import load_persons, load_rows

log = logging.getLogger(__name__)


def vanished_passes(entry: dict[str, Any], flt: Filters | None) -> bool:
    """A vanished entry has no place or type any more: it passes person, ministry and date filters only, and is
    left out when the filters ask for a place or a type."""
    if flt is None:
        return True
    if flt.types or flt.exclude_den_haag or flt.only_npvr or flt.located_only or flt.abroad != "include":
        return False
    row = {
        **entry,
        "activity_type": None,
        "is_den_haag": False,
        "is_abroad": False,
        "npvr_region": None,
        "lat": None,
        "lon": None,
    }
    return matches(row, flt)


def first_sight(conn: sqlite3.Connection) -> dict[str, str]:
    """activity id -> when agendakaart first saw it: under its first id when an edit gave it a new one, else its
    own row's first_seen (a line added later to a weekly roll-up has its own), else its page's."""
    return {**tstore.activity_first_seen(conn), **history.first_sightings(conn)}


def load_entries(
    conn: sqlite3.Connection, flt: Filters | None = None, rows: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Every activity (export rows, filtered like the exports; or `rows` already loaded with the same `flt`) and
    every vanished one -> entry rows."""
    published = tstore.published_by_url(conn)
    sightings, seen = tstore.page_sightings(conn), first_sight(conn)
    watch_start = tr.local_day(tstore.first_collect(conn))
    changes = history.changes_by_activity(conn)
    entries = []
    for row in rows if rows is not None else load_rows(conn, flt, include_removed=True):
        own_site = row["source"] == "rijksoverheid"  # an import's first sight says nothing of the site
        entries.append(
            tr.entry_row(
                row,
                status=entry_status(row["title"], row["description"]),
                published=published.get(row["url"], {}),
                first_seen=seen.get(row["id"]) if own_site else None,
                watch_start=watch_start,
                changes=changes.get(row["id"], []),
                removed_at=sightings.get(row["url"], (None, None))[1],
            )
        )
    names = {slug: p["name"] for slug, p in load_persons(conn).items()}
    gone = (tr.vanished_entry(v, names) for v in history.vanished(conn))
    entries += [e for e in gone if vanished_passes(e, flt)]
    return entries


def _write(out: Path, write, *args) -> int:
    """Write a CSV atomically (whole or not at all, no temporary file left behind) -> rows written."""
    from agendakaart.safe_output import atomic_open

    with atomic_open(out, encoding="utf-8-sig", newline="") as fh:
        return write(*args, fh)


def write_entries(entries: list[dict[str, Any]], out: Path) -> int:
    """The entries behind every figure (load_entries) as CSV (UTF-8 with BOM) -> rows written."""
    from agendakaart.outputs.transparency_tables import write_entries_csv

    count = _write(Path(out), write_entries_csv, entries)
    log.info("transparency entries: %d -> %s", count, out)
    return count


def write_figures(conn: sqlite3.Connection, out: Path, flt: Filters | None = None, by: str | None = None) -> int:
    """The figures per group as CSV of raw counts (all groupings, or one) -> rows written."""
    from agendakaart.outputs.transparency_tables import write_figures_csv

    entries = load_entries(conn, flt)
    return _write(Path(out), lambda e, fh: write_figures_csv(e, fh, by), entries)
