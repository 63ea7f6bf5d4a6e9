"""Every record type agendakaart passes between modules: frozen dataclasses and closed vocabularies.

Nothing else in the project defines fields. Dates are `datetime.date`, times "HH:MM" strings.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class PageKind(str, Enum):
    PERSONS = "persons"  # the index of bewindspersonen
    PERSON = "person"  # one bewindspersoon's page
    LISTING = "listing"  # an agenda listing (a person's or the central one), one pagina
    ITEM = "item"  # an agenda item page (single activity or weekly roll-up)
    ROBOTS = "robots"
    FEED = "feed"  # RSS discovery answers
    SEARCH = "search"  # search API answers (POST /api/search), kept as pages
    SITEMAP = "sitemap"  # sitemap indexes and urlsets
    DATA = "data"  # a data file (e.g. the official woonplaatsen list for the gazetteer)


class AgendaKind(str, Enum):
    SINGLE = "single"
    ROLLUP = "rollup"


class ActivityType(str, Enum):
    WERKBEZOEK = "werkbezoek"
    EVENEMENT = "evenement"
    GESPREK = "gesprek"
    TOESPRAAK = "toespraak"
    VERGADERING = "vergadering"
    PARLEMENT = "parlement"
    MEDIA = "media"
    OVERIG = "overig"


class EntryStatus(str, Enum):
    """An agenda entry's status: from its own words (enrich/status.py), or from the store (gone from its page, or
    its page gone from the site)."""

    GEPLAND = "gepland"
    GEANNULEERD = "geannuleerd"
    UITGESTELD = "uitgesteld"
    VERDWENEN = "verdwenen"  # the line is no longer on its page (store.history)
    VERWIJDERD = "verwijderd"  # the page is gone from the site (agenda_pages.removed_at)


class Precision(str, Enum):
    VENUE = "venue"
    WOONPLAATS = "woonplaats"
    GEMEENTE = "gemeente"
    REGIO = "regio"
    PROVINCIE = "provincie"
    LAND = "land"
    NONE = "none"


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    role: str | None = None  # minister / staatssecretaris / minister-president
    ministry: str | None = None
    ministry_abbr: str | None = None
    cabinet: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    agenda_url: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Page:
    """One fetched page, kept for provenance; re-parsing never re-fetches."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    kind: PageKind
    status: int
    fetched_at: str  # ISO 8601 UTC
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None


@dataclass(frozen=True)
class PersonRef:
    """A person link found on the index page."""

    slug: str
    name: str
    url: str
    role: str | None = None


@dataclass(frozen=True)
class PageRef:
    """A link to an agenda item found on a listing page."""

    url: str
    title: str | None = None
    date: date | None = None


@dataclass(frozen=True)
class ItemRef:
    """An agenda item found by a discovery route (search | sitemap | listings | rss), with the route's change signal
    (a search result's fields, a sitemap lastmod, a listing entry) and any structured fields it gave."""

    url: str  # canonical: on the crawled base URL, query and fragment dropped
    route: str
    date: date | None = None  # from the path (/actueel/agenda/YYYY/MM/DD/slug)
    title: str | None = None
    person: str = ""  # slug of the person whose own listing linked it ('' otherwise)
    listing_url: str | None = None
    signal: str | None = None  # changes when the site changed the item
    published_at: str | None = None  # the site's own publication instant, when the route gives one
    fields: dict[str, str] = field(default_factory=dict)  # search API: activity_*, ministry, sort_date, ...


@dataclass(frozen=True)
class ListingPage:
    """What a listing page gives: item links and, maybe, the next page."""

    items: tuple[PageRef, ...]
    next_url: str | None = None


@dataclass(frozen=True)
class AgendaPage:
    url: str  # canonical
    persons: tuple[str, ...]  # slugs
    title: str
    page_date: date
    ministry: str | None = None
    location_text: str | None = None  # verbatim
    kind: AgendaKind = AgendaKind.SINGLE
    source: str = "rijksoverheid"  # or "import:NAME"
    content_sha256: str | None = None
    field_sources: dict[str, str] = field(default_factory=dict)  # field -> jsonld|nextjs|labels|meta|url
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True)
class Activity:
    """The unit everything counts. A single page gives one, a weekly roll-up one per bullet."""

    id: str
    page_url: str
    persons: tuple[str, ...]
    date: date
    title: str
    start_time: str | None = None
    end_time: str | None = None
    type_label: str | None = None
    description: str | None = None
    location_text: str | None = None
    ministry: str | None = None
    ordinal: int = 0
    source: str = "rijksoverheid"


def activity_id(page_url: str, day: date, ordinal: int, text: str) -> str:
    """Stable id: page URL + date + ordinal + text hash -> 16 hex chars.

    >>> activity_id("https://x/a", date(2024, 5, 21), 0, "Werkbezoek")[:4]  # doctest: +SKIP
    """
    text_hash = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]
    key = f"{page_url}|{day.isoformat()}|{ordinal}|{text_hash}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Enrichment:
    activity_id: str
    version: str
    activity_type: ActivityType
    precision: Precision
    confidence: float
    reason: str
    place: str | None = None
    gm_code: str | None = None
    gemeente: str | None = None
    province: str | None = None
    country: str | None = None  # ISO2
    lat: float | None = None
    lon: float | None = None
    is_den_haag: bool = False
    is_abroad: bool = False
    npvr_region: str | None = None
    override: bool = False


# The enrichment's own fields, in the order exports, the store and `locate` write them
ENRICHMENT_FIELDS = (
    "place", "gm_code", "gemeente", "province", "country", "lat", "lon", "precision", "is_den_haag", "is_abroad",
    "npvr_region", "activity_type", "confidence", "reason", "override",
)  # fmt: skip


@dataclass(frozen=True)
class Problem:
    """Nothing is dropped silently: every failure is one of these, with where and why."""

    stage: str  # fetch | parse | import | enrich | ...
    reason: str
    url: str | None = None
    item_id: str | None = None
    at: str | None = None


@dataclass(frozen=True)
class RunStats:
    kind: str
    started_at: str
    finished_at: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
