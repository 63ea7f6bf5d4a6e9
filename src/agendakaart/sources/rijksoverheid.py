"""rijksoverheid.nl site knowledge: entry URLs, link re-basing, the crawl window, and listing pagination.

Pagination is walked here as a pure loop over a `load(url) -> ListingPage | None` callable, so its stop rules
(repeat, no new links, before --since, hard cap) are tested without HTTP.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from urllib.parse import urlsplit, urlunsplit

from agendakaart.errors import FetchError
from agendakaart.models import ListingPage, Page, PageKind, PageRef
from agendakaart.parse.html import page_text, strip_query

log = logging.getLogger(__name__)

INDEX_PATH = "/regering/bewindspersonen"
CENTRAL_LISTING_PATH = "/actueel/agenda"
SITE_HOST_SUFFIX = "rijksoverheid.nl"
# the hosts that are "the site": links and redirects to them belong to whatever base URL is crawled
SITE_HOSTS = frozenset({"rijksoverheid.nl", "www.rijksoverheid.nl"})
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
    if (link.hostname or "").lower() in SITE_HOSTS:
        if (base.hostname or "").lower() in SITE_HOSTS:
            return url  # crawling the real site: www and bare host are one site
        return urlunsplit((base.scheme, base.netloc, link.path, link.query, ""))
    return None


def redirect_target(current: str, target: str, base_url: str) -> str | None:
    """Where a crawl may follow a redirect: the same host, or a site host moved onto base_url; else None.

    >>> redirect_target("http://127.0.0.1:8/a", "https://www.rijksoverheid.nl/b", "http://127.0.0.1:8")
    'http://127.0.0.1:8/b'
    >>> redirect_target("http://127.0.0.1:8/a", "https://example.org/b", "http://127.0.0.1:8") is None
    True
    """
    if urlsplit(target).netloc.lower() == urlsplit(current).netloc.lower():
        return target
    return rebase(target, base_url)


def in_window(day: date | None, since: date | None, until: date | None) -> bool:
    """An item's path date inside --since/--until (with a week of slack before since for roll-ups)."""
    if day is None:
        return True
    if since is not None and day < since - ROLLUP_SLACK:
        return False
    return until is None or day <= until


def walk_listing(
    load: Callable[[str], ListingPage | None], start_url: str, *, cap: int, since: date | None = None
) -> Iterator[tuple[str, ListingPage]]:
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
    """Every item before `since`, on a page listed newest first (an oldest-first listing only gets later)."""
    dated = [ref.date for ref in items if ref.date is not None]
    if len(dated) >= 2 and dated[0] < dated[-1]:
        return False
    return bool(dated) and all(not in_window(d, since, None) for d in dated)


def page_text_of(page: Page) -> str:
    """A fetched page's body as text (see parse.html.page_text)."""
    return page_text(page.body, page.headers.get("content-type", ""))


def _doctor_get(fetcher, url: str, kind: PageKind, steps: list) -> Page | None:
    try:
        page = fetcher.fetch(url, kind)
    except FetchError as exc:
        steps.append((kind.value, url, f"ophalen mislukt: {exc}"))
        return None
    if page.status >= 400:
        steps.append((kind.value, url, f"HTTP {page.status}"))
        return None
    return page


def check_site(fetcher, base: str, steps: list) -> dict | None:
    """For `doctor`: index -> first person -> listing -> first fetchable item; findings appended to steps
    as (what, url, finding); returns the item's diagnosis (sources found, empty fields) or None."""
    from agendakaart.parse.item import diagnose_item as diagnose
    from agendakaart.parse.listing import parse_listing
    from agendakaart.parse.persons import parse_person_page, parse_persons_index

    index = _doctor_get(fetcher, index_url(base), PageKind.PERSONS, steps)
    refs = parse_persons_index(page_text_of(index), index.final_url) if index else []
    steps.append(("persons", index_url(base), f"{len(refs)} bewindspersonen gevonden"))
    person_url = rebase(refs[0].url, base) if refs else None
    listing_url = central_listing_url(base)
    if person_url and (page := _doctor_get(fetcher, person_url, PageKind.PERSON, steps)):
        person = parse_person_page(page_text_of(page), page.final_url)
        listing_url = rebase(person.agenda_url, base) or listing_url
        steps.append(
            (
                "person",
                person_url,
                f"{person.name}; rol {person.role or '?'}; ministerie {person.ministry or '?'}; agenda {listing_url}",
            )
        )
    listing = _doctor_get(fetcher, listing_url, PageKind.LISTING, steps)
    parsed = parse_listing(page_text_of(listing), listing.final_url) if listing else ListingPage(items=())
    steps.append(
        ("listing", listing_url, f"{len(parsed.items)} agenda-items; volgende pagina: {parsed.next_url or 'geen'}")
    )
    if not parsed.items:
        return None
    for ref in parsed.items[:3]:  # a dead or forbidden first item should not hide a working site
        item_url = rebase(ref.url, base) or ref.url
        if (item := _doctor_get(fetcher, item_url, PageKind.ITEM, steps)) is not None:
            break
    else:
        return None
    report = with_listing_persons(
        diagnose(page_text_of(item), strip_query(item.final_url)),
        person_url is not None and listing_url != central_listing_url(base),
    )
    steps.append(
        (
            "item",
            item_url,
            f"bronnen: {', '.join(report['sources']) or 'geen'}; "
            f"lege velden: {', '.join(report['empty']) or 'geen'}"
            + ("; personen: uit de agendalijst" if report.get("persons_from") else ""),
        )
    )
    return report


def with_listing_persons(report: dict, from_person_listing: bool) -> dict:
    """No person on the item page itself, but it was found on a person's own listing: persons come from the
    listing (as `collect` attributes them), so "persons" is no empty field but {"persons_from": "listing"}."""
    if not from_person_listing or "persons" not in report["empty"]:
        return report
    return {
        **report,
        "empty": [f for f in report["empty"] if f != "persons"],
        "persons_from": "listing",
        "fields": {**report["fields"], "persons": "listing"},
    }
