"""HTML listings as a discovery route: the persons index -> person pages -> their agenda listings, and the central
listing `/actueel/agenda` (the site before June 2026, replicas and mirrors).

A listing that answers 200 with a client-side app and no item links (the 2026 platform renders results in the
browser) is a Problem ("lijst wordt in de browser geladen"), never the silent end of a listing.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from agendakaart.models import ItemRef, ListingPage, Page, PageKind, Person, PersonRef
from agendakaart.parse.html import strip_query
from agendakaart.parse.listing import parse_listing
from agendakaart.parse.persons import parse_person_page, parse_persons_index
from agendakaart.sources import rijksoverheid as site
from agendakaart.sources.routes import Net, RouteOutcome

log = logging.getLogger(__name__)

MAX_LISTING_PAGES = 500
_CLIENT_APP = re.compile(
    r"self\.__next_f\.push|__NEXT_DATA__|id=[\"']__next[\"']|id=[\"']root[\"']|"
    r"data-reactroot|ng-app|[?&]size=n_\d+_n|filters\[0\]|<noscript",
    re.I,
)


def looks_client_rendered(html: str) -> bool:
    """A page whose results a script fills in the browser (Next.js / React app shell, Search UI state in links)."""
    return bool(_CLIENT_APP.search(html))


class ListingsRoute:
    """Walk the persons index, each person's agenda listing and the central listing (see module doc)."""

    name = "listings"
    entry_paths = (site.INDEX_PATH, site.CENTRAL_LISTING_PATH)

    def __init__(self, max_pages: int = MAX_LISTING_PAGES):
        self.max_pages = max_pages

    def discover(self, net: Net) -> RouteOutcome:
        run = _ListingRun(net, getattr(net, "max_listing_pages", None) or self.max_pages)
        return run.run()


class _ListingRun:
    def __init__(self, net: Net, max_pages: int):
        self.net, self.max_pages = net, max_pages
        self.out = RouteOutcome("listings", complete=True)
        self.refs: list[ItemRef] = []
        self.pages = 0
        self.client_rendered = 0

    def run(self) -> RouteOutcome:
        listings = self.person_listings()
        for slug, url in listings:
            self.walk(url, slug)
        if not self.net.wanted_persons:
            self.walk(site.central_listing_url(self.net.base), "")
        else:
            self.out.complete = False  # only some persons' listings: absence says nothing of the others
        self.out.refs = self.refs
        self.out.status = "ok" if self.refs else ("leeg" if self.out.complete else "mislukt")
        self.out.notes.append(f"{len(listings)} persoonlijke lijsten, {self.pages} lijstpagina's")
        if self.client_rendered:
            self.out.notes.append(f"{self.client_rendered} lijst(en) worden in de browser geladen")
        return self.out

    # -- persons ------------------------------------------------------------------------------------------------

    def person_listings(self) -> list[tuple[str, str]]:
        """(slug, agenda listing URL) for every person on the index (or limited by --persons)."""
        net, wanted = self.net, set(self.net.wanted_persons)
        found = self.index_persons()
        for ref in found:
            if not wanted or ref.slug in wanted:
                url = site.rebase(ref.url, net.base) or site.person_url(net.base, ref.slug)
                net.save_person(Person(slug=ref.slug, name=ref.name, role=ref.role, url=url), prefer_existing=True)
        refs = [(r.slug, r.url) for r in found] or net.discovered_persons()
        for slug in sorted(wanted - {s for s, _ in refs}):
            refs.append((slug, site.person_url(net.base, slug)))
        out = []
        for slug, url in refs:
            if wanted and slug not in wanted:
                continue
            listing = self.person_listing(slug, site.rebase(url, net.base) or site.person_url(net.base, slug))
            if listing:
                out.append((slug, listing))
        return out

    def index_persons(self, cap: int = 20) -> list[PersonRef]:
        """PersonRefs of every page of the index (rel=next / Volgende / pagina=N+1, as listings paginate)."""
        found: dict[str, PersonRef] = {}
        url, seen = site.index_url(self.net.base), set()
        while url and url not in seen and len(seen) < cap:
            seen.add(url)
            page = self.net.get(url, PageKind.PERSONS, conditional=True)
            if page is None:
                break
            try:
                refs = parse_persons_index(site.page_text_of(page), page.final_url)
                nxt = parse_listing(site.page_text_of(page), page.final_url).next_url
            except Exception as exc:  # noqa: BLE001 - kept as a Problem; earlier persons are used
                self.net.problem("parse", page.final_url, f"onleesbare index: {type(exc).__name__}: {exc}")
                break
            new = [r for r in refs if r.slug not in found]
            found.update((r.slug, r) for r in new)
            url = site.rebase(nxt, self.net.base) if nxt and new else None
        return list(found.values())

    def person_listing(self, slug: str, url: str) -> str | None:
        """A person's agenda listing URL: stored from an earlier run, else read from the person page."""
        known = self.net.known_person(slug)
        if known and known.agenda_url and known.url:
            return known.agenda_url
        page = self.net.get(url, PageKind.PERSON)
        if page is None:
            return (known.agenda_url if known and known.agenda_url else None) or f"{url.rstrip('/')}/agenda"
        try:
            person = parse_person_page(site.page_text_of(page), page.final_url)
        except Exception as exc:  # noqa: BLE001 - kept as a Problem; the default listing URL is tried
            self.net.problem("parse", url, f"onleesbare persoonspagina: {type(exc).__name__}: {exc}")
            return f"{url.rstrip('/')}/agenda"
        agenda = site.rebase(person.agenda_url, self.net.base) if person.agenda_url else None
        agenda = agenda or f"{url.rstrip('/')}/agenda"
        self.net.save_person(replace(person, slug=slug, agenda_url=agenda, url=url))
        return agenda

    # -- listings -----------------------------------------------------------------------------------------------

    def load(self, url: str, first: bool) -> ListingPage | None:
        page: Page | None = self.net.get(url, PageKind.LISTING, conditional=True)
        if page is None:
            return None
        self.pages += 1
        html = site.page_text_of(page)
        try:
            parsed = parse_listing(html, page.final_url)
        except Exception as exc:  # noqa: BLE001 - kept as a Problem, the other listings go on
            self.net.problem("parse", url, f"onleesbare lijstpagina: {type(exc).__name__}: {exc}")
            return None
        if not parsed.items and first and looks_client_rendered(html):  # an empty listing as such is no Problem
            self.out.complete = False
            self.client_rendered += 1
            self.net.problem(
                "parse",
                url,
                "lijst wordt in de browser geladen: de HTML bevat geen agenda-items "
                "(andere routes: zoek-API, sitemaps, RSS)",
            )
            return None
        nxt = site.rebase(parsed.next_url, self.net.base) if parsed.next_url else None
        return ListingPage(items=parsed.items, next_url=nxt)

    def walk(self, listing_url: str, slug: str) -> None:
        """All pages of one listing; item refs are gathered (the crawl applies its window)."""
        state = {"first": True}

        def load(url: str) -> ListingPage | None:
            first, state["first"] = state["first"], False
            page = self.load(url, first)
            if page is None and first:
                self.out.complete = False  # the listing itself failed (a later page failing ends it)
            return page

        n, last = 0, None
        for _url, page in site.walk_listing(load, listing_url, cap=self.max_pages, since=self.net.since):
            n, last = n + 1, page
            for ref in page.items:
                url = site.rebase(ref.url, self.net.base)
                if url:
                    url = strip_query(url)
                    signal = f"{ref.title or ''}|{ref.date.isoformat() if ref.date else ''}"
                    self.refs.append(
                        ItemRef(
                            url=url,
                            route="listings",
                            date=ref.date,
                            title=ref.title,
                            person=slug,
                            listing_url=listing_url,
                            signal=signal,
                        )
                    )
        if n >= self.max_pages and last is not None and last.next_url:
            self.out.complete = False
            self.net.problem("fetch", listing_url, f"paginering afgebroken na {self.max_pages} pagina's (limiet)")
