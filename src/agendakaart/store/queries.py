"""Read queries for the outputs: one export row per activity (activity + person names + current enrichment)."""

from __future__ import annotations

from agendakaart.models import ENRICHMENT_FIELDS as MODEL_ENRICHMENT_FIELDS

import json
import sqlite3
from collections.abc import Callable
from typing import Any

# The export contract (issue 3 item 9 + issue 4 item 7), in this order, for JSONL, CSV and GeoJSON properties.
ACTIVITY_FIELDS = (
    "id",
    "url",
    "persons",
    "person_names",
    "ministry",
    "date",
    "start_time",
    "end_time",
    "type_label",
    "title",
    "description",
    "location_text",
    "source",
    "removed_at",
)
ENRICHMENT_FIELDS = MODEL_ENRICHMENT_FIELDS
EXPORT_FIELDS = ACTIVITY_FIELDS + ENRICHMENT_FIELDS

_ROWS_SQL = """
SELECT a.id, a.page_url AS url, a.persons, a.ministry, a.date, a.start_time, a.end_time, a.type_label,
       a.title, a.description, a.location_text, a.source,
       e.activity_id AS enriched, e.place, e.gm_code, e.gemeente, e.province, e.country, e.lat, e.lon,
       e.precision, e.is_den_haag, e.is_abroad, e.npvr_region, e.activity_type, e.confidence, e.reason,
       e.override, p.removed_at
FROM activities a LEFT JOIN current_enrichments e ON e.activity_id = a.id
     LEFT JOIN agenda_pages p ON p.url = a.page_url
WHERE (? OR p.removed_at IS NULL)
ORDER BY a.date, a.start_time IS NULL, a.start_time, a.page_url, a.ordinal, a.id
"""


def load_persons(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    """slug -> {slug, name, ministry, ministry_abbr, role} for every person in the store."""
    rows = conn.execute("SELECT slug, name, ministry, ministry_abbr, role FROM persons ORDER BY name")
    return {r["slug"]: dict(r) for r in rows}


def _slugs(raw: str | None) -> list[str]:
    """JSON list of slugs as stored -> list; anything else (bad JSON, not a list) -> []."""
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(s) for s in value] if isinstance(value, list) else []


def _row(r: sqlite3.Row, persons: dict[str, dict[str, Any]]) -> dict[str, Any]:
    slugs = _slugs(r["persons"])
    first = persons.get(slugs[0], {}) if slugs else {}
    enriched = r["enriched"] is not None
    return {
        "id": r["id"],
        "url": r["url"],
        "persons": slugs,
        "person_names": [persons.get(s, {}).get("name") or s for s in slugs],
        "ministry": r["ministry"] or first.get("ministry"),
        "date": r["date"],
        "start_time": r["start_time"],
        "end_time": r["end_time"],
        "type_label": r["type_label"],
        "title": r["title"],
        "description": r["description"],
        "location_text": r["location_text"],
        "source": r["source"],
        "removed_at": r["removed_at"],
        "place": r["place"],
        "gm_code": r["gm_code"],
        "gemeente": r["gemeente"],
        "province": r["province"],
        "country": r["country"],
        "lat": r["lat"],
        "lon": r["lon"],
        "precision": r["precision"] if enriched else "none",
        "is_den_haag": bool(r["is_den_haag"]),
        "is_abroad": bool(r["is_abroad"]),
        "npvr_region": r["npvr_region"],
        "activity_type": r["activity_type"] if enriched else "overig",
        "confidence": r["confidence"] if enriched else None,
        "reason": r["reason"] if enriched else "nog niet verrijkt",
        "override": bool(r["override"]),
    }


def load_rows(
    conn: sqlite3.Connection, keep: Callable[[dict[str, Any]], bool] | None = None, *, include_removed: bool = False
) -> list[dict[str, Any]]:
    """Every activity as one dict with exactly EXPORT_FIELDS, ordered by date and time, those `keep(row)` accepts
    (the outputs pass their Filters, which is such a predicate; the store knows nothing of outputs). Activities of
    items gone from the site (removed_at set) are left out unless include_removed.

    An activity without an enrichment row gets precision 'none' and type 'overig'; its ministry is its own or
    its first person's.
    """
    persons = load_persons(conn)
    rows = (_row(r, persons) for r in conn.execute(_ROWS_SQL, (1 if include_removed else 0,)))
    return [row for row in rows if keep is None or keep(row)]


def count_activities(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT COUNT(*) FROM activities").fetchone()[0]


def data_date(conn: sqlite3.Connection) -> str | None:
    """The date of the data: the newest fetched page, else the newest activity's last_seen (ISO text), else None."""
    for sql in ("SELECT MAX(fetched_at) FROM pages", "SELECT MAX(last_seen) FROM activities"):
        try:
            value = conn.execute(sql).fetchone()[0]
        except sqlite3.OperationalError:  # a table this schema does not have
            continue
        if value:
            return str(value)[:10]
    return None
