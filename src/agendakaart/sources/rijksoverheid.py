"""rijksoverheid.nl site knowledge: entry URLs, link re-basing, the crawl window, and listing pagination.

Pagination is walked here as a pure loop over a `load(url) -> ListingPage | None` callable, so its stop rules
(repeat, no new links, before --since, hard cap) are tested without HTTP.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from urllib.parse import urlsplit, urlunsplit

from agendakaart.models import ListingPage, PageRef

log = logging.getLogger(__name__)

INDEX_PATH = "/regering/bewindspersonen"
CENTRAL_LISTING_PATH = "/actueel/agenda"
SITE_HOST_SUFFIX = "rijksoverheid.nl"
# a weekly roll-up's path carries its Monday: an item dated up to 6 days before --since may hold later days
ROLLUP_SLACK = timedelta(days=6)


def index_url(base_url: str) -> str:
    return base_url.rstrip("/") + INDEX_PATH


def central_listing_url(base_url: str) -> str:
    return base_url.rstrip("/") + CENTRAL_LISTING_PATH


def person_url(base_url: str, slug: str) -> str:
    return f"{base_url.rstrip('/')}{INDEX_PATH}/{slug}"


def rebase(url: str, base_url: str) -> str | None:
    """Keep links on the crawled site; absolute rijksoverheid.nl links move onto base_url (a replica or mirror).

    >>> rebase("https://www.rijksoverheid.nl/actueel/agenda/2024/07/05/x", "http://127.0.0.1:8000")
    'http://127.0.0.1:8000/actueel/agenda/2024/07/05/x'
    """
    link, base = urlsplit(url), urlsplit(base_url)
    if link.netloc.lower() == base.netloc.lower():
        return url
    host = (link.hostname or "").lower()
    if host == SITE_HOST_SUFFIX or host.endswith("." + SITE_HOST_SUFFIX):
        return urlunsplit((base.scheme, base.netloc, link.path, link.query, ""))
    return None


def in_window(day: date | None, since: date | None, until: date | None) -> bool:
    """An item's path date inside --since/--until (with a week of slack before since for roll-ups)."""
    if day is None:
        return True
    if since is not None and day < since - ROLLUP_SLACK:
        return False
    return until is None or day <= until


def walk_listing(load: Callable[[str], ListingPage | None], start_url: str, *, cap: int,
                 since: date | None = None) -> Iterator[tuple[str, ListingPage]]:
    """Follow a listing's pages from start_url; stop on a repeat, a page without new links, a page wholly
    before `since`, a failed page, or after `cap` pages. Yields (url, page) for every page loaded."""
    visited: set[str] = set()
    seen_items: set[str] = set()
    url: str | None = start_url
    while url and len(visited) < cap:
        if url in visited:
            log.info("pagination loop at %s", url)
            return
        visited.add(url)
        page = load(url)
        if page is None:
            return
        yield url, page
        new = {ref.url for ref in page.items} - seen_items
        seen_items |= new
        if not new:
            log.info("no new links on %s: end of listing", url)
            return
        if since is not None and _all_before(page.items, since):
            return
        url = page.next_url
    if url and len(visited) >= cap:
        log.warning("listing %s: stopped at the cap of %d pages", start_url, cap)


def _all_before(items: tuple[PageRef, ...], since: date) -> bool:
    dated = [ref.date for ref in items if ref.date is not None]
    return bool(dated) and all(not in_window(d, since, None) for d in dated)
