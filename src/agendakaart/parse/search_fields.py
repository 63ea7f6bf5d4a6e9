"""The search API's structured fields of an item merged into what its page gave (pure).

The page wins wherever it gives a value; the search result fills the gaps and `field_sources` says "search":
the location title is the activity's location where the page gives none (never a roll-up's "Diverse
locaties"), start/end times from activity_start_date/activity_end_date instants, the activity type as type
label, the ministry.
"""

from __future__ import annotations

import re
from dataclasses import replace

from agendakaart.models import Activity, AgendaKind, AgendaPage
from agendakaart.parse.dates import parse_iso_datetime
from agendakaart.parse.sources import short_ministry

_VARIOUS = re.compile(r"^\s*(diverse|verschillende|meerdere)\s+locaties?\b|^\s*(n\.?v\.?t\.?|onbekend|-)\s*$", re.I)


def _usable_location(value: str | None) -> str | None:
    """ "Provinciehuis Assen" -> itself; "Diverse locaties" / "n.v.t." / "" -> None."""
    if not value or _VARIOUS.match(value):
        return None
    return value.strip() or None


def _time_of(value: str | None, show_time: str | None) -> str | None:
    """An instant's Amsterdam time "HH:MM", unless the result says the time is not shown or it is midnight."""
    if not value or (show_time or "").lower() in ("false", "0", "nee"):
        return None
    day, hhmm = parse_iso_datetime(value)
    return None if hhmm in (None, "00:00") else hhmm


def apply_search_fields(
    page: AgendaPage, acts: list[Activity], fields: dict[str, str]
) -> tuple[AgendaPage, list[Activity]]:
    """(page, activities) with the gaps filled from a search result's fields (see module doc).

    page location None + {"activity_location_title": "Provinciehuis Assen"} -> location "Provinciehuis Assen"
    """
    if not fields:
        return page, acts
    sources = dict(page.field_sources)
    location = _usable_location(fields.get("activity_location_title"))
    ministry = page.ministry or short_ministry(fields.get("ministry"))
    if ministry and not page.ministry:
        sources["ministry"] = "search"
    single = page.kind == AgendaKind.SINGLE and len(acts) == 1
    new_location = page.location_text
    if single and not page.location_text and location:
        new_location, sources["location"] = location, "search"
    out = []
    for act in acts:
        changes = {}
        if ministry and not act.ministry:
            changes["ministry"] = ministry
        if single:
            if not act.location_text and new_location:
                changes["location_text"] = new_location
            start = _time_of(fields.get("activity_start_date"), fields.get("activity_show_time"))
            end = _time_of(fields.get("activity_end_date"), fields.get("activity_show_time"))
            if not act.start_time and start and parse_iso_datetime(fields.get("activity_start_date"))[0] == act.date:
                changes["start_time"], sources["start_time"] = start, "search"
                if not act.end_time and end and end > start:
                    changes["end_time"] = end
            if not act.type_label and fields.get("activity_type"):
                changes["type_label"], sources["type_label"] = fields["activity_type"], "search"
        out.append(replace(act, **changes) if changes else act)
    return replace(page, location_text=new_location, ministry=ministry, field_sources=sources), out
