"""collect(): persons -> their agenda listings (+ the central one) -> item pages -> activities in the store.

Incremental and resumable: all state is in the database. Listings are fetched conditionally; an item page already
stored is not fetched again unless --refresh or its listing entry changed. Each item page is stored with its
activities in one transaction, so a killed run leaves whole pages only. Every failure is a Problem row.
"""

from __future__ import annotations

import logging
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import date, datetime, timedelta, timezone

import httpx

from agendakaart.errors import FetchError, ParseError, RobotsDisallowed
from agendakaart.models import Activity, AgendaPage, ListingPage, Page, PageKind, PageRef, Person, Problem
from agendakaart.parse.html import page_text, strip_query
from agendakaart.parse.item import parse_item
from agendakaart.parse.listing import pagina_of, parse_listing
from agendakaart.parse.persons import parse_person_page, parse_persons_index, persons_by_role
from agendakaart.pipeline.duplicates import rollup_without_duplicates, settle_duplicates
from agendakaart.settings import Settings
from agendakaart.sources import rijksoverheid as site
from agendakaart.sources.http import OffsiteRedirect
from agendakaart.store import transaction
from agendakaart.store import activities as act_store
from agendakaart.store import pages as page_store
from agendakaart.store import persons as person_store
from agendakaart.store.problems import record_problem, resolve_problems
from agendakaart.store.runs import finish_run, start_run

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int | None], None]
COUNT_KEYS = ("persons", "listing_pages", "pages_new", "pages_changed", "pages_unchanged", "activities_new",
              "activities_updated", "duplicates", "problems", "requests", "seconds")


def collect(settings: Settings, conn: sqlite3.Connection, *, progress: Progress | None = None,
            fetcher=None, rss: bool = False, today: date | None = None) -> dict[str, int]:
    """Crawl the site at settings.base_url into the store -> counts (see COUNT_KEYS); the run is recorded.

    rss: also discover item pages through the site's RSS search (over --since/--until, default the last year
    up to `today`), for listings that changed or failed.
    """
    from agendakaart.sources.http import Fetcher

    run_id = start_run(conn, "collect", _settings_dict(settings))
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    crawl = _Crawl(settings, conn, fetcher, progress or (lambda *_: None))
    crawl.rss_until = (today or date.today()) if rss else None
    status = "failed"
    try:
        crawl.run()
        status = "ok"
    finally:
        crawl.counts["requests"] = fetcher.requests_made
        crawl.counts["seconds"] = round(time.monotonic() - crawl.started)
        finish_run(conn, run_id, crawl.counts, status)
        if own:
            fetcher.close()
    log.info("collect: %s", crawl.counts)
    return crawl.counts


def _settings_dict(settings: Settings) -> dict:
    return {k: v for k, v in asdict(settings).items() if k in ("base_url", "rate", "since", "until", "persons",
                                                               "refresh")}


class _Crawl:
    """One collect run: the fetcher, the store and the counts travel together."""

    def __init__(self, settings: Settings, conn: sqlite3.Connection, fetcher, progress: Progress):
        self.settings, self.conn, self.fetcher, self.progress = settings, conn, fetcher, progress
        self.counts = {k: 0 for k in COUNT_KEYS}
        self.started = time.monotonic()
        self.base = settings.base_url.rstrip("/")
        self.people: dict[str, str] = {}
        self.rss_until: date | None = None

    # -- the run ---------------------------------------------------------------------------------------------

    def run(self) -> None:
        person_store.seed_persons(self.conn)
        listings = self.discover_persons()
        found: dict[str, list[tuple[str, str, PageRef]]] = {}
        for i, (slug, listing_url) in enumerate(listings):
            self.progress("listings", i, len(listings))
            self.walk(listing_url, slug, found)
        if not self.settings.persons:
            self.walk(site.central_listing_url(self.base), "", found)
            if self.rss_until is not None:
                self.feed(found)
        self.progress("listings", len(listings), len(listings))
        self.people = person_store.known_people(self.conn)
        items = sorted(found.items(), key=_rollups_last)
        for i, (url, refs) in enumerate(items):
            self.progress("items", i, len(items))
            self.item(url, refs)
        self.progress("items", len(items), len(items))

    # -- fetching with problems recorded ---------------------------------------------------------------------

    def fetch(self, url: str, kind: PageKind, state=None) -> Page | None:
        """Fetch (conditionally when a stored `state` row is given), or record a fetch Problem and return None."""
        try:
            page = self.fetcher.fetch(url, kind, etag=state["etag"] if state else None,
                                      last_modified=state["last_modified"] if state else None)
        except RobotsDisallowed as exc:
            return self.problem("fetch", url, f"robots.txt verbiedt deze pagina: {exc}")
        except OffsiteRedirect as exc:  # kept (status 3xx, Location), so it is not asked again next run
            with transaction(self.conn):
                page_store.save_page(self.conn, Page(
                    url=url, final_url=url, kind=kind, status=exc.status, body=b"",
                    fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    headers={"location": exc.target}))
            return self.problem("fetch", url, f"ophalen mislukt: {exc}")
        except FetchError as exc:
            return self.problem("fetch", url, f"ophalen mislukt: {exc}")
        except (httpx.HTTPError, ValueError, UnicodeError) as exc:  # e.g. a broken gzip body
            return self.problem("fetch", url, f"ophalen mislukt: {type(exc).__name__}: {exc}")
        if page.status >= 400:
            with transaction(self.conn):  # kept, so a dead link is not fetched again on the next run
                page_store.save_page(self.conn, page)
            if kind in (PageKind.LISTING, PageKind.PERSONS) and (pagina_of(url) or 0) > 1 and page.status == 404:
                return None  # a listing's pages simply end here
            return self.problem("fetch", url, f"HTTP {page.status}")
        with transaction(self.conn):
            resolve_problems(self.conn, "fetch", url)
        return page

    def problem(self, stage: str, url: str, reason: str) -> None:
        log.warning("%s %s: %s", stage, url, reason)
        with transaction(self.conn):
            record_problem(self.conn, Problem(stage=stage, reason=reason, url=url))
        self.counts["problems"] += 1
        return None

    def stored_or_fetched(self, url: str, kind: PageKind) -> Page | None:
        """A listing-like page fetched conditionally; on 304 (or failure) the stored copy is used."""
        page = self.fetch(url, kind, page_store.page_state(self.conn, url))
        if page is not None:
            with transaction(self.conn):
                page_store.save_page(self.conn, page)
            if page.status != 304:
                return page
        stored = page_store.get_page(self.conn, url)
        return stored if stored is not None and 200 <= stored.status < 300 else None

    # -- persons and listings --------------------------------------------------------------------------------

    def discover_persons(self) -> list[tuple[str, str]]:
        """(slug, agenda listing URL) for every person on the index (or limited by --persons)."""
        wanted = set(self.settings.persons)
        refs = []
        found = self.index_persons()
        if found:
            with transaction(self.conn):  # known (for attribution by name) even if the person page fails
                for r in found:
                    if not wanted or r.slug in wanted:
                        url = site.rebase(r.url, self.base) or site.person_url(self.base, r.slug)
                        person_store.upsert_person(self.conn, Person(slug=r.slug, name=r.name, role=r.role,
                                                                     url=url), prefer_existing=True)
            refs = [(r.slug, r.url) for r in found]
        if not refs:  # index unreachable or unreadable: the persons an earlier run discovered
            refs = person_store.discovered_persons(self.conn)
        for slug in sorted(wanted - {s for s, _ in refs}):
            refs.append((slug, site.person_url(self.base, slug)))
        out = []
        for slug, url in refs:
            if wanted and slug not in wanted:
                continue
            url = site.rebase(url, self.base) or site.person_url(self.base, slug)
            listing = self.person_listing(slug, url)
            if listing:
                out.append((slug, listing))
        self.counts["persons"] = len(out)
        return out

    def index_persons(self, cap: int = 20) -> list:
        """PersonRefs of every page of the index (rel=next / Volgende / pagina=N+1, as listings paginate)."""
        found: dict[str, object] = {}
        url, seen = site.index_url(self.base), set()
        while url and url not in seen and len(seen) < cap:
            seen.add(url)
            page = self.stored_or_fetched(url, PageKind.PERSONS)
            if page is None:
                break
            try:
                refs = parse_persons_index(_text(page), page.final_url)
                nxt = parse_listing(_text(page), page.final_url).next_url
            except Exception as exc:  # noqa: BLE001 - kept as a Problem; earlier persons are used
                self.problem("parse", page.final_url, f"onleesbare index: {type(exc).__name__}: {exc}")
                break
            new = [r for r in refs if r.slug not in found]
            found.update((r.slug, r) for r in new)
            url = site.rebase(nxt, self.base) if nxt and new else None
        return list(found.values())

    def person_listing(self, slug: str, url: str) -> str | None:
        """A person's agenda listing URL: stored from an earlier run, else read from the person page."""
        known = person_store.get_person(self.conn, slug)
        if known and known.agenda_url and known.url and not self.settings.refresh:
            return known.agenda_url
        page = self.fetch(url, PageKind.PERSON)
        if page is None:
            return (known.agenda_url if known and known.agenda_url else None) or f"{url.rstrip('/')}/agenda"
        try:
            person = parse_person_page(_text(page), page.final_url)
        except Exception as exc:  # noqa: BLE001 - kept as a Problem; the default listing URL is tried
            self.problem("parse", url, f"onleesbare persoonspagina: {type(exc).__name__}: {exc}")
            return f"{url.rstrip('/')}/agenda"
        agenda = site.rebase(person.agenda_url, self.base) or f"{url.rstrip('/')}/agenda"
        with transaction(self.conn):
            page_store.save_page(self.conn, page)
            person_store.upsert_person(self.conn, replace(person, slug=slug, agenda_url=agenda, url=url))
        return agenda

    def walk(self, listing_url: str, slug: str, found: dict) -> None:
        """All pages of one listing; item refs in the crawl window are gathered into `found`."""
        def load(url: str) -> ListingPage | None:
            page = self.stored_or_fetched(url, PageKind.LISTING)
            if page is None:
                return None
            self.counts["listing_pages"] += 1
            try:
                parsed = parse_listing(_text(page), page.final_url)
            except Exception as exc:  # noqa: BLE001 - kept as a Problem, the other listings go on
                return self.problem("parse", url, f"onleesbare lijstpagina: {type(exc).__name__}: {exc}")
            nxt = site.rebase(parsed.next_url, self.base) if parsed.next_url else None
            return ListingPage(items=parsed.items, next_url=nxt)

        cap = self.settings.max_listing_pages
        n, last = 0, None
        for _url, page in site.walk_listing(load, listing_url, cap=cap, since=self.settings.since):
            n, last = n + 1, page
            for ref in page.items:
                url = site.rebase(ref.url, self.base)
                if url and site.in_window(ref.date, self.settings.since, self.settings.until):
                    found.setdefault(strip_query(url), []).append((slug, listing_url, ref))
        if n >= cap and last is not None and last.next_url:
            self.problem("fetch", listing_url, f"paginering afgebroken na {cap} pagina's (limiet)")

    def feed(self, found: dict) -> None:
        """Item links from the RSS search over the crawl window, attributed by names on the pages."""
        from agendakaart.sources import rss

        until = self.settings.until or self.rss_until
        since = self.settings.since or until - timedelta(days=365)

        def load(url: str) -> list[PageRef] | None:
            page = self.fetch(url, PageKind.FEED)
            if page is None:
                return None
            try:
                return rss.parse_rss(_text(page), page.final_url)
            except ParseError as exc:
                return self.problem("parse", url, str(exc))

        for ref in rss.discover(load, self.base, since, until):
            url = site.rebase(ref.url, self.base)
            if url and site.in_window(ref.date, self.settings.since, self.settings.until):
                found.setdefault(strip_query(url), []).append(("", rss.RSS_PATH, ref))

    # -- items -----------------------------------------------------------------------------------------------

    def item(self, url: str, refs: list[tuple[str, str, PageRef]]) -> None:
        """Fetch (when needed), parse and store one item page with its links, persons and activities."""
        canonical = page_store.canonical_url(self.conn, url)
        state = page_store.page_state(self.conn, canonical)
        # per listing owner: changed when none of its links (an item may recur on two pages, or in the central
        # listing and the RSS feed, with other link texts) matches the entry stored last time
        by_slug: dict[str, list[PageRef]] = {}
        for slug, _l, ref in refs:
            by_slug.setdefault(slug, []).append(ref)
        changed_entry = any(all(self.entry_changed(canonical, slug, ref) for ref in slug_refs)
                            for slug, slug_refs in by_slug.items())
        done = state is not None and (state["status"] >= 400 or state["parsed_sha256"] == state["sha256"]
                                      or _offsite_redirect(state))
        if done and not changed_entry and not self.settings.refresh:
            self.counts["pages_unchanged"] += 1
            with transaction(self.conn):
                self.save_links(canonical, refs)
                if act_store.add_page_persons(self.conn, canonical, [s for s, _l, _r in refs if s]):
                    resolve_problems(self.conn, "attribute", canonical)
            return
        page = self.fetch(url, PageKind.ITEM, state if done else None)
        if page is not None and _looks_truncated(page):
            page = self.refetch_truncated(url, page)
        if page is not None:
            self.store_item(url, page, refs)

    def refetch_truncated(self, url: str, page: Page) -> Page:
        """A page without its closing </html> is fetched once more; a different, complete answer replaces it."""
        log.info("%s looks truncated; fetching once more", url)
        again = self.fetch(url, PageKind.ITEM)
        if again is None or again.sha256 == page.sha256:
            return page
        if _looks_truncated(again):
            self.problem("parse", strip_query(page.final_url), "pagina afgekapt ontvangen (geen </html>)")
            return again if len(again.body) > len(page.body) else page
        return again

    def entry_changed(self, item_url: str, slug: str, ref: PageRef) -> bool:
        old = page_store.link_entry(self.conn, item_url, slug)
        new_day = ref.date.isoformat() if ref.date else None
        return old is not None and (old["link_title"] != ref.title or old["link_date"] != new_day)

    def save_links(self, item_url: str, refs: list[tuple[str, str, PageRef]]) -> None:
        for slug, listing_url, ref in refs:
            page_store.upsert_link(self.conn, item_url, slug, listing_url, ref.title,
                                   ref.date.isoformat() if ref.date else None)

    def store_item(self, url: str, page: Page, refs: list[tuple[str, str, PageRef]]) -> None:
        final = strip_query(site.rebase(page.final_url, self.base) or page.final_url)
        if page.status == 304:
            stored = page_store.get_page(self.conn, final)
            page = stored if stored is not None else page
        result = self.parse(final, page)
        with transaction(self.conn):
            outcome = page_store.save_page(self.conn, page, url=final)
            if final != url:
                page_store.save_alias(self.conn, url, final, PageKind.ITEM)
            self.save_links(final, refs)
            if result is not None:
                agenda_page, acts = self.attribute(final, *result)
                act_store.save_agenda_page(self.conn, agenda_page)
                acts, pairs = rollup_without_duplicates(self.conn, agenda_page, acts)
                new, updated = act_store.replace_activities(self.conn, final, acts)
                self.counts["duplicates"] += settle_duplicates(self.conn, agenda_page, acts, pairs)
                self.counts["activities_new"] += new
                self.counts["activities_updated"] += updated
                resolve_problems(self.conn, "parse", final)
            # parsed (or failed with a Problem kept): not fetched again unless --refresh or the entry changes
            page_store.mark_parsed(self.conn, final, page.sha256)
        self.counts[f"pages_{outcome}"] += 1

    def note_unattributed(self, url: str, title: str, persons: tuple[str, ...]) -> None:
        """A page with no person (no listing of a person, no name, no post held by one person) is listed as a
        Problem; it is resolved when a person is found. Runs inside the page's transaction."""
        if persons:
            resolve_problems(self.conn, "attribute", url)
            return
        record_problem(self.conn, Problem(stage="attribute", url=url, reason=(
            f"geen bewindspersoon: niet op een eigen agendalijst, geen naam en geen eenduidige functie ('{title[:60]}')")))
        self.counts["problems"] += 1

    def parse(self, url: str, page: Page) -> tuple[AgendaPage, list[Activity]] | None:
        try:
            return parse_item(_text(page), url, self.people)
        except ParseError as exc:
            return self.problem("parse", url, str(exc))
        except Exception as exc:  # noqa: BLE001 - one hostile page must not stop the run; kept as a Problem
            log.debug("parse crash on %s", url, exc_info=True)
            return self.problem("parse", url, f"onleesbare pagina: {type(exc).__name__}: {exc}")

    def attribute(self, url: str, page: AgendaPage, acts: list[Activity]) -> tuple[AgendaPage, list[Activity]]:
        """Persons = listings that link the page (all runs) + known names on the page (+ on no person's listing: the
        one holder of the post its title names, see persons_by_role); ministry from the page, else the first
        person's post on the page date (a person may change post), else their current one."""
        linked = page_store.linked_persons(self.conn, url)
        persons = tuple(sorted(set(page.persons) | set(linked)))
        if not linked and (not persons or _AGENDA_OF.match(page.title)):  # "Agenda minister-president": its owner
            persons = tuple(sorted({*persons, *persons_by_role(page.title, page.page_date,
                                                               person_store.seed_posts())}))
        self.note_unattributed(url, page.title, persons)
        ministry = page.ministry
        if ministry is None and persons:
            ministry = person_store.person_ministry(self.conn, persons[0], page.page_date)
        page = replace(page, persons=persons, ministry=ministry)
        acts = [replace(a, persons=tuple(sorted(set(persons) | set(a.persons))), ministry=a.ministry or ministry)
                for a in acts]
        return page, acts


_AGENDA_OF = re.compile(r"^\s*(?:de\s+)?(?:week)?agenda\b", re.I)


def _rollups_last(entry: tuple[str, list]) -> tuple[bool, str]:
    """Item pages before weekly roll-ups ("…-week-45"): a line with its own page is then dropped before it is
    stored (the other order ends the same, see pipeline/duplicates.py)."""
    return bool(re.search(r"week", entry[0].rsplit("/", 1)[-1], re.I)), entry[0]


def _offsite_redirect(state) -> bool:
    """A stored redirect to another host (status 3xx on its own URL): not followed, not asked again."""
    return 300 <= state["status"] < 400 and state["status"] != 304 and state["final_url"] == state["url"]


def _text(page: Page) -> str:
    return page_text(page.body, page.headers.get("content-type", ""))


def _looks_truncated(page: Page) -> bool:
    """An HTML page cut short in transit lacks its closing tag (honest truncation still parses)."""
    return page.status == 200 and b"<html" in page.body[:4096].lower() and b"</html" not in page.body[-4096:].lower()


def doctor(settings: Settings, *, fetcher=None) -> dict:
    """Fetch one person, one listing and one item from the site; report what the parsers found there.

    Returns {"steps": [(what, url, finding)], "item": diagnose_item(...) or None, "ok": bool}.
    """
    from agendakaart.sources.http import Fetcher

    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    base = settings.base_url.rstrip("/")
    steps: list[tuple[str, str, str]] = []
    report = None
    try:
        report = site.check_site(fetcher, base, steps)
    finally:
        if own:
            fetcher.close()
    ok = bool(report and report["activities"] and set(report["sources"]) - {"url"})
    return {"steps": steps, "item": report, "ok": ok, "requests": fetcher.requests_made}
