"""What the agendas don't say: publication delay, changes after publication, completeness — per entry and per
ministry, person or month. Pure functions over entry rows (pipeline.transparency.load_entries builds them).

Every figure is a count over the entry rows, so `agendakaart transparency --entries FILE` (one row per entry with
its own values) lets a reader redo any number. Definitions (Dutch, as the reader sees them): DEFINITIONS.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from zoneinfo import ZoneInfo

from agendakaart.models import EntryStatus
from agendakaart.outputs.report import QUALITY, quality_flags

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
GEANNULEERD, UITGESTELD, VERDWENEN = (
    EntryStatus.GEANNULEERD.value,
    EntryStatus.UITGESTELD.value,
    EntryStatus.VERDWENEN.value,
)
ROUTES = ("search", "sitemap", "rss")  # the site's own publication date, preferred in this order
ROUTE_NAMES = {"search": "zoek-API (sort_date)", "sitemap": "sitemap (lastmod)", "rss": "RSS (pubDate)"}
DELAY_CLASSES = ("vooraf", "op de dag", "binnen een week", "later")
BOTH = "onderwerp én met wie"
COMPLETENESS = (*QUALITY, BOTH)
GROUPINGS = ("ministerie", "bewindspersoon", "maand")
ENTRY_FIELDS = (
    "id",
    "url",
    "date",
    "ministry",
    "persons",
    "person_names",
    "title",
    "status",
    "published_at",
    "published_source",
    "publication_days",
    "publication_class",
    "first_seen",
    "first_seen_days",
    "first_seen_class",
    "changes",
    "changed_fields",
    "changed_after_date",
    "removed_at",
    "removed_after_date",
    "vanished_at",
    "vanished_after_date",
    *COMPLETENESS,
)

DEFINITIONS = (
    (
        "Publicatie",
        "De publicatiedatum is de datum die rijksoverheid.nl zelf aan het agendapunt geeft: de sort_date "
        "van de zoek-API, anders de lastmod van de sitemap (de laatste wijziging, dus hooguit een bovengrens van de "
        "publicatie), anders de pubDate van de RSS-feed; welke bron gebruikt is staat per activiteit in de lijst. "
        "Vertraging = publicatiedatum (Nederlandse tijd) min de datum van de activiteit, in dagen: negatief is vooraf "
        "gepubliceerd. Klassen: vooraf (< 0), op de dag (0), binnen een week (1–7 dagen erna), later (> 7).",
    ),
    (
        "Eerst gezien",
        "De eerste keer dat agendakaart de activiteit zag (een regel die later aan een weekoverzicht "
        "is toegevoegd: vanaf die regel; een aangepaste tekst houdt de eerste keer), op dezelfde manier tegen de datum "
        "van de activiteit gezet. Alleen gemeten voor activiteiten vanaf de eerste verzamelronde: wat daarvoor al online "
        "stond, zag agendakaart pas bij de start ('niet gemeten'). Hoe vaker er verzameld wordt, hoe scherper.",
    ),
    (
        "Wijzigingen",
        "Een wijziging is een verschil in tekst, datum, tijd, locatietekst, personen of label van een "
        "activiteit tussen twee verzamelrondes (een aangepaste tekst telt als wijziging, niet als nieuw punt). "
        "Geannuleerd/uitgesteld: de tekst zegt het ('geannuleerd', 'vervalt', 'gaat niet door', 'afgelast', "
        "doorgestreepte tekst; lijst in data/cancellation_words.csv). Verdwenen: de regel staat niet meer op zijn "
        "pagina. Verwijderd: de hele pagina is van de site verdwenen. 'Na de datum': gezien op een dag na de "
        "activiteit.",
    ),
    (
        "Volledigheid",
        "Per activiteit de velden die de richtlijn openbare agenda's vraagt: datum, tijd, locatie, "
        "met wie en onderwerp. 'Met wie' en 'onderwerp' zijn tekstregels (woorden als 'met', 'gesprek met', "
        "organisaties; 'over', of vier of meer woorden), dus een schatting. 'Onderwerp én met wie' is het aandeel "
        "dat beide noemt — het getal dat Open State Foundation telde (ongeveer één op acht in 2022–2024).",
    ),
)


def local_day(instant: str | None) -> date | None:
    """An instant as the site or the store writes it -> its date in Europe/Amsterdam; unreadable -> None.

    '2024-05-20T23:30:00Z' -> 2024-05-21; '2024-05-21' -> 2024-05-21; 'Tue, 21 May 2024 10:00:00 +0200' -> 2024-05-21
    """
    text = (instant or "").strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if moment.tzinfo is None:  # a bare date or local time: the site's own (Dutch) calendar day
        return moment.date()
    return moment.astimezone(AMSTERDAM).date()


def delay_class(days: int | None) -> str:
    """-2 -> 'vooraf', 0 -> 'op de dag', 5 -> 'binnen een week', 30 -> 'later', None -> 'onbekend'."""
    if days is None:
        return "onbekend"
    if days < 0:
        return "vooraf"
    if days == 0:
        return "op de dag"
    return "binnen een week" if days <= 7 else "later"


def publication(published: dict[str, str]) -> tuple[str | None, str]:
    """route -> instant (store.signals.published_at) -> (instant, route) of the preferred readable route."""
    for route in ROUTES:
        if local_day(published.get(route)) is not None:
            return published[route], route
    return None, ""


def _days(instant: str | None, day: date) -> int | None:
    seen = local_day(instant)
    return None if seen is None else (seen - day).days


def _after(instant: str | None, day: date) -> bool:
    seen = local_day(instant)
    return seen is not None and seen > day


def entry_row(
    row: dict[str, Any],
    *,
    status: str = EntryStatus.GEPLAND.value,
    published: dict[str, str] | None = None,
    first_seen: str | None = None,
    watch_start: date | None = None,
    changes: list[dict] = (),
    removed_at: str | None = None,
) -> dict:
    """One export row (store.queries.load_rows) + what is known of it (`status`: from its words,
    enrich.status.entry_status) -> one entry with ENTRY_FIELDS."""
    day = date.fromisoformat(row["date"])
    pub_at, route = publication(published or {})
    pub_days = _days(pub_at, day)
    measured = first_seen is not None and (watch_start is None or day >= watch_start)
    seen_days = _days(first_seen, day) if measured else None
    flags = quality_flags(row)
    flags[BOTH] = flags["met wie"] and flags["onderwerp"]
    return {
        "id": row["id"],
        "url": row["url"],
        "date": row["date"],
        "ministry": row["ministry"],
        "persons": row["persons"],
        "person_names": row["person_names"],
        "title": row["title"],
        "status": status,
        "published_at": pub_at,
        "published_source": route,
        "publication_days": pub_days,
        "publication_class": delay_class(pub_days),
        "first_seen": first_seen,
        "first_seen_days": seen_days,
        "first_seen_class": delay_class(seen_days) if measured else "niet gemeten",
        "changes": len(changes),
        "changed_fields": sorted({f for c in changes for f in c["fields"]}),
        "changed_after_date": any(_after(c["seen_at"], day) for c in changes),
        "removed_at": removed_at,
        "removed_after_date": _after(removed_at, day),
        "vanished_at": None,
        "vanished_after_date": False,
        **flags,
    }


def vanished_entry(version: dict[str, Any], person_names: dict[str, str]) -> dict:
    """A 'verdwenen' version (store.history.vanished) -> an entry with status 'verdwenen' (not in completeness or
    publication figures: it is no longer on the agenda)."""
    old = version["old"]
    slugs = old.get("persons") or []
    day = date.fromisoformat(version["date"])
    empty = dict.fromkeys(COMPLETENESS, None)
    return {
        "id": version["activity_id"],
        "url": version["page_url"],
        "date": version["date"],
        "ministry": old.get("ministry"),
        "persons": slugs,
        "person_names": [person_names.get(s, s) for s in slugs],
        "title": old.get("title"),
        "status": VERDWENEN,
        "published_at": None,
        "published_source": "",
        "publication_days": None,
        "publication_class": "onbekend",
        "first_seen": version["first_seen"],
        "first_seen_days": None,
        "first_seen_class": "niet gemeten",
        "changes": 0,
        "changed_fields": [],
        "changed_after_date": False,
        "removed_at": None,
        "removed_after_date": False,
        "vanished_at": version["seen_at"],
        "vanished_after_date": _after(version["seen_at"], day),
        **empty,
    }


@dataclass
class GroupStats:
    n: int = 0  # entries on the agenda now (not vanished)
    pub_days: list[int] = field(default_factory=list)
    pub_class: Counter = field(default_factory=Counter)
    seen_days: list[int] = field(default_factory=list)
    seen_class: Counter = field(default_factory=Counter)
    counts: Counter = field(default_factory=Counter)  # changes and statuses, see _add
    present: Counter = field(default_factory=Counter)  # completeness field -> entries that have it

    def median(self, which: str) -> float | None:
        values = self.pub_days if which == "publicatie" else self.seen_days
        return statistics.median(values) if values else None


def group_keys(entry: dict[str, Any], by: str) -> list[str]:
    """The groups an entry counts in: its ministry, each of its persons (a shared entry counts for each), or month."""
    if by == "ministerie":
        return [entry["ministry"] or "(onbekend ministerie)"]
    if by == "bewindspersoon":
        return list(entry["person_names"]) or ["(geen bewindspersoon)"]
    if by == "maand":
        return [entry["date"][:7]]
    raise ValueError(f"onbekende indeling {by!r} (kies uit {', '.join(GROUPINGS)})")


def _add(s: GroupStats, e: dict[str, Any]) -> None:
    c = s.counts
    if e["status"] == VERDWENEN:
        c["verdwenen"] += 1
        c["verdwenen na de datum"] += e["vanished_after_date"]
        c["gewijzigd of weg na de datum"] += e["vanished_after_date"]
        return
    s.n += 1
    if e["publication_days"] is not None:
        s.pub_days.append(e["publication_days"])
        s.pub_class[e["publication_class"]] += 1
    if e["first_seen_days"] is not None:
        s.seen_days.append(e["first_seen_days"])
        s.seen_class[e["first_seen_class"]] += 1
    c["gewijzigd"] += e["changes"] > 0
    c["gewijzigd na de datum"] += e["changed_after_date"]
    c["geannuleerd"] += e["status"] == GEANNULEERD
    c["uitgesteld"] += e["status"] == UITGESTELD
    c["verwijderd"] += e["removed_at"] is not None
    c["verwijderd na de datum"] += e["removed_after_date"]
    c["gewijzigd of weg na de datum"] += e["changed_after_date"] or e["removed_after_date"]
    s.present.update(k for k in COMPLETENESS if e[k])


def summarize(entries: list[dict[str, Any]], by: str) -> dict[str, GroupStats]:
    """Entries -> group -> GroupStats (groups as in group_keys)."""
    out: dict[str, GroupStats] = {}
    for e in entries:
        for key in group_keys(e, by):
            _add(out.setdefault(key, GroupStats()), e)
    return out


def total(entries: list[dict[str, Any]]) -> GroupStats:
    s = GroupStats()
    for e in entries:
        _add(s, e)
    return s
