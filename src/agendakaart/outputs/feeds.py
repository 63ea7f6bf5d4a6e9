"""Feeds of new and changed activities: Atom 1.0 (feedgen) for feed readers, ICS (icalendar) for calendars.

Pure: FeedItems in, text out. Ids are stable: an activity's root id (its first id; an edited text keeps it, see
store.history), as a tag: URI in Atom and a UID in ICS, so a reader or calendar shows an update, never a duplicate.
Nothing depends on the clock: the same database gives the same file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone

from agendakaart.models import EntryStatus
from agendakaart.outputs.transparency import AMSTERDAM, GEANNULEERD, UITGESTELD, VERDWENEN

VERWIJDERD = EntryStatus.VERWIJDERD.value

TAG_AUTHORITY = "agendakaart.github.io,2026"  # tag: URI authority (RFC 4151): the project's name and year
FORMATS = ("atom", "ics")
_STATUS_WORDS = {
    GEANNULEERD: "Geannuleerd",
    UITGESTELD: "Uitgesteld",
    VERDWENEN: "Van de agenda verdwenen",
    VERWIJDERD: "Van de site verwijderd",
}
_FIELD_NAMES = {
    "title": "tekst",
    "description": "omschrijving",
    "date": "datum",
    "start_time": "begintijd",
    "end_time": "eindtijd",
    "location_text": "locatie",
    "persons": "personen",
    "type_label": "label",
}


@dataclass(frozen=True)
class FeedItem:
    uid: str  # the activity's root id (stable across edits)
    activity_id: str  # its current id
    url: str  # the agenda page
    title: str
    day: date
    start_time: str | None
    end_time: str | None
    persons: tuple[str, ...]  # names
    ministry: str | None
    place: str  # where (as resolved, with gemeente / region), or the verbatim location
    reason: str  # why there (the enrichment's reason)
    status: str  # an EntryStatus value
    first_seen: str  # ISO instant agendakaart first saw it
    updated: str  # ISO instant of the latest change (or first_seen)
    changes: tuple[str, ...] = field(default_factory=tuple)  # "tekst: 'a' → 'b'" per change, oldest first

    @property
    def sequence(self) -> int:
        return len(self.changes) + (self.status in (VERDWENEN, VERWIJDERD))


def tag_uri(uid: str) -> str:
    """'3f2a…' -> 'tag:agendakaart.github.io,2026:activiteit/3f2a…'."""
    return f"tag:{TAG_AUTHORITY}:activiteit/{uid}"


def describe_change(version: dict) -> str:
    """A store.history version -> "begintijd: '14:00' → '15:30'; tekst: '…' → '…'" (Dutch)."""
    parts = []
    for f in version["fields"]:
        old, new = version["old"].get(f), version["new"].get(f)
        if f == "persons":
            old, new = ", ".join(old or []), ", ".join(new or [])
        parts.append(f"{_FIELD_NAMES.get(f, f)}: '{old or ''}' → '{new or ''}'")
    return "; ".join(parts)


def _instant(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _clock(text: str | None) -> time | None:
    """'9:30' / '09.30' -> time(9, 30); anything else -> None."""
    m = re.fullmatch(r"\s*(\d{1,2})[:.](\d{2})\s*", text or "")
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return time(int(m.group(1)), int(m.group(2)))


def headline(item: FeedItem) -> str:
    """'Geannuleerd: Werkbezoek aan Zwolle (21-05-2024, Mark Rutte)'."""
    prefix = (
        f"{_STATUS_WORDS[item.status]}: " if item.status in _STATUS_WORDS else ("Gewijzigd: " if item.changes else "")
    )
    who = ", ".join(item.persons)
    return f"{prefix}{item.title} ({item.day:%d-%m-%Y}{', ' + who if who else ''})"


def body(item: FeedItem) -> str:
    """The entry's plain text: when, who, where and why there, status, what changed, the source page."""
    when = (
        f"{item.day:%d-%m-%Y}"
        + (f" {item.start_time}" if item.start_time else "")
        + (f"–{item.end_time}" if item.end_time else "")
    )
    lines = [
        f"Wanneer: {when}",
        f"Wie: {', '.join(item.persons) or 'onbekend'}" + (f" ({item.ministry})" if item.ministry else ""),
        f"Waar: {item.place or 'locatie onbekend'}",
        f"Waarom daar: {item.reason or '–'}",
        f"Status: {_STATUS_WORDS.get(item.status, 'gepland')}",
    ]
    lines += [f"Gewijzigd: {c}" for c in item.changes]
    lines.append(f"Bron: {item.url}")
    return "\n".join(lines)


def render_atom(items: list[FeedItem], *, title: str, feed_id: str, self_url: str | None = None) -> bytes:
    """Items -> an Atom 1.0 document (UTF-8 bytes), newest change first; feed updated = the newest change."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(f"tag:{TAG_AUTHORITY}:feed/{feed_id}")
    fg.title(title)
    fg.author({"name": "agendakaart"})
    fg.language("nl")
    fg.generator("agendakaart")
    if self_url:
        fg.link(href=self_url, rel="self")
    ordered = sorted(items, key=lambda i: (i.updated, i.uid), reverse=True)
    fg.updated(_instant(ordered[0].updated) if ordered else datetime(2000, 1, 1, tzinfo=timezone.utc))
    for item in ordered:
        fe = fg.add_entry(order="append")
        fe.id(tag_uri(item.uid))
        fe.title(headline(item))
        fe.updated(_instant(item.updated))
        fe.published(_instant(item.first_seen))
        fe.link(href=item.url, rel="alternate", type="text/html")
        fe.content(body(item), type="text")
        fe.category(term=item.status)
    return fg.atom_str(pretty=True, encoding="UTF-8")


def _event(item: FeedItem):
    from icalendar import Event

    ev = Event()
    ev.add("uid", f"{item.uid}@{TAG_AUTHORITY.split(',')[0]}")
    ev.add("summary", headline(item))
    ev.add("dtstamp", _instant(item.updated))
    ev.add("created", _instant(item.first_seen))
    ev.add("last-modified", _instant(item.updated))
    ev.add("sequence", item.sequence)
    start, end = _clock(item.start_time), _clock(item.end_time)
    if start is None:
        ev.add("dtstart", item.day)
        ev.add("dtend", item.day + timedelta(days=1))
    else:
        ev.add("dtstart", datetime.combine(item.day, start, AMSTERDAM))
        if end is not None and end > start:
            ev.add("dtend", datetime.combine(item.day, end, AMSTERDAM))
    if item.place:
        ev.add("location", item.place)
    ev.add("description", body(item))
    ev.add("url", item.url)
    ev.add(
        "status",
        {GEANNULEERD: "CANCELLED", VERDWENEN: "CANCELLED", VERWIJDERD: "CANCELLED", UITGESTELD: "TENTATIVE"}.get(
            item.status, "CONFIRMED"
        ),
    )
    return ev


def render_ics(items: list[FeedItem], *, title: str) -> bytes:
    """Items -> an iCalendar (RFC 5545) with one VEVENT per activity, times in Europe/Amsterdam with VTIMEZONE."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//agendakaart//agendakaart//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    for item in sorted(items, key=lambda i: (i.day.isoformat(), i.start_time or "", i.uid)):
        cal.add_component(_event(item))
    cal.add_missing_timezones()
    return cal.to_ical()
