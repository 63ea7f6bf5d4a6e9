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
from datetime import date, datetime, timezone

import httpx

from urllib.parse import urlsplit

from agendakaart.errors import FetchError, NothingFound, ParseError, RobotsDisallowed
from agendakaart.models import Activity, AgendaPage, ItemRef, Page, PageKind, Person, Problem
from agendakaart.parse.dates import date_from_path
from agendakaart.parse.html import page_text, strip_query
from agendakaart.parse.item import parse_item, related_items
from agendakaart.parse.listing import pagina_of
from agendakaart.parse.persons import persons_by_role
from agendakaart.parse.search_fields import apply_search_fields
from agendakaart.pipeline.duplicates import rollup_without_duplicates, settle_duplicates
from agendakaart.settings import Settings
from agendakaart.sources import rijksoverheid as site
from agendakaart.sources.http import OffsiteRedirect
from agendakaart.sources.routes import ROUTE_LABELS, RouteOutcome, routes_by_name
from agendakaart.store import transaction
from agendakaart.store import activities as act_store
from agendakaart.store import pages as page_store
from agendakaart.store import persons as person_store
from agendakaart.store import signals as signal_store
from agendakaart.store.problems import record_problem, resolve_problems
from agendakaart.store.runs import finish_run, start_run

log = logging.getLogger(__name__)
Progress = Callable[[str, int, int | None], None]
COUNT_KEYS = (
    "persons",
    "listing_pages",
    "pages_new",
    "pages_changed",
    "pages_unchanged",
    "activities_new",
    "activities_updated",
    "duplicates",
    "removed",
    "problems",
    "requests",
    "seconds",
)


def collect(settings: Settings, conn: sqlite3.Connection, **kw) -> dict[str, int]:
    """collect_report() without the per-route lines -> counts."""
    return collect_report(settings, conn, **kw)[0]


def collect_report(
    settings: Settings,
    conn: sqlite3.Connection,
    *,
    progress: Progress | None = None,
    fetcher=None,
    rss: bool = False,
    today: date | None = None,
) -> tuple[dict[str, int], list[str]]:
    """Discover item pages through the routes of settings.routes and crawl them into the store -> (counts (see
    COUNT_KEYS, plus `route_<name>`: items each route gave), one Dutch line per route); the run is recorded.

    rss: also run the RSS route (kept for callers of the listings-only era; `auto` includes it).
    Raises NothingFound (after recording the run) when the routes together found no item.
    """
    from agendakaart.sources.http import Fetcher

    run_id = start_run(conn, "collect", _settings_dict(settings))
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    names = tuple(settings.routes) + (("rss",) if rss and "auto" not in settings.routes else ())
    crawl = _Crawl(settings, conn, fetcher, progress or (lambda *_: None), run_id, today or date.today())
    status = "failed"
    try:
        crawl.run(routes_by_name(names))
        status = "ok" if crawl.found_any else "empty"
    finally:
        crawl.counts["requests"] = fetcher.requests_made
        crawl.counts["seconds"] = round(time.monotonic() - crawl.started)
        finish_run(conn, run_id, {**crawl.counts, "routes": crawl.route_lines()}, status)
        if own:
            fetcher.close()
    log.info("collect: %s", crawl.counts)
    if not crawl.found_any:
        unreachable = crawl.answers == 0 and all(o.status == "mislukt" for o in crawl.outcomes)
        found = NothingFound(
            "geen enkel agenda-item gevonden op " + settings.base_url, crawl.route_lines(), crawl.counts, unreachable
        )
        found.outside_window = len({r.url for o in crawl.outcomes for r in o.refs})  # all found lie outside the window
        raise found
    return crawl.counts, crawl.route_lines()


def _settings_dict(settings: Settings) -> dict:
    return {
        k: v
        for k, v in asdict(settings).items()
        if k in ("base_url", "rate", "since", "until", "persons", "refresh", "routes")
    }


class _Crawl:
    """One collect run: the fetcher, the store and the counts travel together. Implements the routes' Net."""

    def __init__(
        self, settings: Settings, conn: sqlite3.Connection, fetcher, progress: Progress, run_id: int, today: date
    ):
        self.settings, self.conn, self.fetcher, self.progress = settings, conn, fetcher, progress
        self.run_id, self.today = run_id, today
        self.counts = {k: 0 for k in COUNT_KEYS}
        self.started = time.monotonic()
        self.base = settings.base_url.rstrip("/")
        self.since, self.until = settings.since, settings.until
        self.wanted_persons = tuple(settings.persons)
        self.max_listing_pages = settings.max_listing_pages
        self.people: dict[str, str] = {}
        self.outcomes: list[RouteOutcome] = []
        self.found_any = False
        self.answers = 0  # HTTP answers the site gave (any status): none at all = unreachable
        self.missing_entries: set[str] = set()  # route entries that answered 404/410 (no such route)
        self.related: set[str] = set()  # item URLs under "Meer over dit onderwerp" of pages parsed in this run

    # -- the run ---------------------------------------------------------------------------------------------

    def run(self, routes: list) -> None:
        with transaction(self.conn):
            person_store.seed_persons(self.conn)
        found: dict[str, list[ItemRef]] = {}
        for i, route in enumerate(routes):
            self.progress("routes", i, len(routes))
            outcome = self.run_route(route)
            self.outcomes.append(outcome)
            inside = [r for r in outcome.refs if site.in_window(r.date, self.since, self.until)]
            self.counts[f"route_{route.name}"] = len({r.url for r in inside})
            for ref in inside:
                found.setdefault(ref.url, []).append(ref)
        self.progress("routes", len(routes), len(routes))
        self.counts["persons"] = len(person_store.discovered_persons(self.conn))
        self.found_any = bool(found)
        self.people = person_store.known_people(self.conn)
        items = sorted(found.items(), key=_rollups_last)
        for i, (url, refs) in enumerate(items):
            self.progress("items", i, len(items))
            self.item(url, refs)
        self.progress("items", len(items), len(items))
        self.follow_related(set(found))
        self.mark_absent()

    def follow_related(self, seen: set[str], cap: int = 2000) -> None:
        """Agenda items named only under "Meer over dit onderwerp" of pages parsed in this run (no route listed
        them): fetched too, in the window, never more than `cap`."""
        queue = sorted(u for u in self.related if u not in seen)
        done = 0
        while queue and done < cap:
            url = queue.pop(0)
            if url in seen or not site.in_window(date_from_path(url), self.since, self.until):
                continue
            seen.add(url)
            if page_store.page_state(self.conn, page_store.canonical_url(self.conn, url)) is not None:
                continue  # stored before: its own signals decide
            done += 1
            self.counts["route_related"] = self.counts.get("route_related", 0) + 1
            self.item(url, [ItemRef(url=url, route="related", date=date_from_path(url))])
            queue += sorted(u for u in self.related if u not in seen)

    def run_route(self, route) -> RouteOutcome:
        """One route, unless robots.txt forbids every entry of it (then skipped and named, never used)."""
        refused = [p for p in route.entry_paths if not self.allowed(self.base + p)]
        if refused and len(refused) == len(route.entry_paths):
            reason = self.robots_reason(self.base + refused[0])
            outcome = RouteOutcome(route.name, status="verboden" if "verbiedt" in reason else "mislukt", notes=[reason])
            return outcome
        try:
            return route.discover(self)
        except (FetchError, ParseError) as exc:  # a route's own failure: named, the other routes go on
            self.problem("fetch", self.base, f"route {route.name}: {exc}")
            return RouteOutcome(route.name, status="mislukt", notes=[str(exc)[:200]])

    def route_lines(self) -> list[str]:
        return [o.line() for o in self.outcomes]

    def mark_absent(self) -> None:
        """Items a complete route listed before but no route listed now (inside the window): marked removed."""
        for outcome in self.outcomes:
            if not outcome.complete or outcome.status not in ("ok", "leeg"):
                continue
            with transaction(self.conn):
                for url in signal_store.absent_from_route(self.conn, outcome.route, self.run_id):
                    if signal_store.seen_in_run(self.conn, url, self.run_id):
                        continue
                    if not site.in_window(date_from_path(url), self.since, self.until):
                        continue
                    label = ROUTE_LABELS.get(outcome.route, outcome.route)
                    if signal_store.mark_removed(self.conn, url, f"niet meer gevonden via {label}"):
                        self.counts["removed"] += 1

    # -- Net: what routes may use ------------------------------------------------------------------------------

    def get(self, url: str, kind: PageKind, *, conditional: bool = False, entry: bool = False) -> Page | None:
        """entry: a route's first address; 404/410 there means the site has no such route (noted by the route,
        no Problem)."""
        if conditional:
            return self.stored_or_fetched(url, kind, entry=entry)
        return self.fetch(url, kind, entry=entry)

    def post_json(self, url: str, payload: dict, kind: PageKind) -> Page | None:
        try:
            page = self.fetcher.post_json(url, payload, kind)
        except RobotsDisallowed as exc:
            return self.problem("fetch", url, f"robots.txt verbiedt dit adres: {exc}")
        except FetchError as exc:
            return self.problem("fetch", url, f"ophalen mislukt: {exc}")
        except (httpx.HTTPError, ValueError, UnicodeError) as exc:
            return self.problem("fetch", url, f"ophalen mislukt: {type(exc).__name__}: {exc}")
        self.answers += 1
        with transaction(self.conn):  # every API answer is kept (provenance, `doctor --save`)
            page_store.save_page(self.conn, page)
        return page

    def allowed(self, url: str) -> bool:
        return self.fetcher.allowed(url)

    def robots_sitemaps(self) -> list[str]:
        return self.fetcher.robots_sitemaps(self.base + "/")

    def robots_reason(self, url: str) -> str:
        try:
            self.fetcher.robots_check(url)
        except RobotsDisallowed:
            return f"robots.txt verbiedt {urlsplit(url).path}"
        except FetchError as exc:
            return f"robots.txt onbereikbaar, dus niet gebruikt: {exc}"
        return "toegestaan"

    def known_person(self, slug: str) -> Person | None:
        known = person_store.get_person(self.conn, slug)
        return None if self.settings.refresh else known

    def save_person(self, person: Person, *, prefer_existing: bool = False) -> None:
        with transaction(self.conn):
            person_store.upsert_person(self.conn, person, prefer_existing=prefer_existing)

    def discovered_persons(self) -> list[tuple[str, str]]:
        return person_store.discovered_persons(self.conn)

    # -- fetching with problems recorded ---------------------------------------------------------------------

    def fetch(self, url: str, kind: PageKind, state=None, *, entry: bool = False) -> Page | None:
        """Fetch (conditionally when a stored `state` row is given), or record a fetch Problem and return None."""
        try:
            page = self.fetcher.fetch(
                url,
                kind,
                etag=state["etag"] if state else None,
                last_modified=state["last_modified"] if state else None,
            )
        except RobotsDisallowed as exc:
            return self.problem("fetch", url, f"robots.txt verbiedt deze pagina: {exc}")
        except OffsiteRedirect as exc:  # kept (status 3xx, Location), so it is not asked again next run
            with transaction(self.conn):
                page_store.save_page(
                    self.conn,
                    Page(
                        url=url,
                        final_url=url,
                        kind=kind,
                        status=exc.status,
                        body=b"",
                        fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                        headers={"location": exc.target},
                    ),
                )
            return self.problem("fetch", url, f"ophalen mislukt: {exc}")
        except FetchError as exc:
            return self.problem("fetch", url, f"ophalen mislukt: {exc}")
        except (httpx.HTTPError, ValueError, UnicodeError) as exc:  # e.g. a broken gzip body
            return self.problem("fetch", url, f"ophalen mislukt: {type(exc).__name__}: {exc}")
        self.answers += 1
        if page.status >= 400:
            with transaction(self.conn):  # kept, so a dead link is not fetched again on the next run
                page_store.save_page(self.conn, page)
                if kind == PageKind.ITEM and page.status in (404, 410):
                    gone = signal_store.mark_removed(
                        self.conn, page_store.canonical_url(self.conn, url), f"HTTP {page.status}"
                    )
                    self.counts["removed"] += gone
            if kind in (PageKind.LISTING, PageKind.PERSONS) and (pagina_of(url) or 0) > 1 and page.status == 404:
                return None  # a listing's pages simply end here
            if entry and page.status in (404, 410):
                self.missing_entries.add(url)
                return None  # the site has no such route: the route says so, it is no Problem
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

    def stored_or_fetched(self, url: str, kind: PageKind, *, entry: bool = False) -> Page | None:
        """A listing-like page fetched conditionally; on 304 (or failure) the stored copy is used."""
        page = self.fetch(url, kind, page_store.page_state(self.conn, url), entry=entry)
        if page is None and url in self.missing_entries:
            return None
        if page is not None:
            with transaction(self.conn):
                page_store.save_page(self.conn, page)
            if page.status != 304:
                if kind == PageKind.LISTING:
                    self.counts["listing_pages"] += 1
                return page
        stored = page_store.get_page(self.conn, url)
        if stored is not None and 200 <= stored.status < 300:
            if kind == PageKind.LISTING:
                self.counts["listing_pages"] += 1
            return stored
        return None

    # -- items -----------------------------------------------------------------------------------------------

    def item(self, url: str, refs: list[ItemRef]) -> None:
        """Fetch (when needed), parse and store one item page with its links, persons, signals and activities.

        Not fetched again when stored and parsed, unless --refresh or a route's change signal moved: a listing
        entry (link text or date, per listing owner), a search result's fields, a sitemap lastmod, an RSS entry."""
        canonical = page_store.canonical_url(self.conn, url)
        state = page_store.page_state(self.conn, canonical)
        done = state is not None and (
            state["status"] >= 400 or state["parsed_sha256"] == state["sha256"] or _offsite_redirect(state)
        )
        changed = self.signal_changed(canonical, refs)
        if done and not changed and not self.settings.refresh:
            self.counts["pages_unchanged"] += 1
            with transaction(self.conn):
                self.save_links(canonical, refs)
                if state["status"] < 400:
                    signal_store.unmark_removed(self.conn, canonical)
                if act_store.add_page_persons(self.conn, canonical, [r.person for r in refs if r.person]):
                    resolve_problems(self.conn, "attribute", canonical)
            return
        page = self.fetch(url, PageKind.ITEM, state if done else None)
        if page is not None and _looks_truncated(page):
            page = self.refetch_truncated(url, page)
        if page is not None:
            self.store_item(url, page, refs)
        else:
            with transaction(self.conn):  # what the routes said is kept even when the page failed this time
                self.save_links(canonical, refs)

    def signal_changed(self, url: str, refs: list[ItemRef]) -> bool:
        """A route that saw the item before says it changed (listings: per owner, none of its entries matches)."""
        by_slug: dict[str, list[ItemRef]] = {}
        for ref in refs:
            if ref.route == "listings":
                by_slug.setdefault(ref.person, []).append(ref)
        if any(all(self.entry_changed(url, slug, ref) for ref in slug_refs) for slug, slug_refs in by_slug.items()):
            return True
        return any(
            ref.route != "listings"
            and signal_store.known_by_route(self.conn, url, ref.route)
            and signal_store.stored_signal(self.conn, url, ref.route) != ref.signal
            for ref in refs
        )

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

    def entry_changed(self, item_url: str, slug: str, ref: ItemRef) -> bool:
        old = page_store.link_entry(self.conn, item_url, slug)
        new_day = ref.date.isoformat() if ref.date else None
        return old is not None and (old["link_title"] != ref.title or old["link_date"] != new_day)

    def save_links(self, item_url: str, refs: list[ItemRef]) -> None:
        """Listing entries as page_links (attribution by listing owner); every route's signal as item_signals."""
        for ref in refs:
            if ref.route == "listings":
                page_store.upsert_link(
                    self.conn,
                    item_url,
                    ref.person,
                    ref.listing_url,
                    ref.title,
                    ref.date.isoformat() if ref.date else None,
                )
        for route in dict.fromkeys(r.route for r in refs):
            same = [r for r in refs if r.route == route]
            best = max(same, key=lambda r: (len(r.fields), r.signal or ""))
            signal_store.save_signal(self.conn, replace(best, url=item_url), self.run_id)

    def store_item(self, url: str, page: Page, refs: list[ItemRef]) -> None:
        final = strip_query(site.rebase(page.final_url, self.base) or page.final_url)
        if page.status == 304:
            stored = page_store.get_page(self.conn, final)
            page = stored if stored is not None else page
        result = self.parse(final, page)
        if result is not None:
            fields = next((r.fields for r in refs if r.route == "search" and r.fields), None)
            result = apply_search_fields(*result, fields or signal_store.search_fields(self.conn, final))
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
                signal_store.unmark_removed(self.conn, final)
            # parsed (or failed with a Problem kept): not fetched again unless --refresh or the entry changes
            page_store.mark_parsed(self.conn, final, page.sha256)
        self.counts[f"pages_{outcome}"] += 1

    def note_unattributed(self, url: str, title: str, persons: tuple[str, ...]) -> None:
        """A page with no person (no listing of a person, no name, no post held by one person) is listed as a
        Problem; it is resolved when a person is found. Runs inside the page's transaction."""
        if persons:
            resolve_problems(self.conn, "attribute", url)
            return
        record_problem(
            self.conn,
            Problem(
                stage="attribute",
                url=url,
                reason=(
                    f"geen bewindspersoon: niet op een eigen agendalijst, geen naam en geen eenduidige functie ('{title[:60]}')"
                ),
            ),
        )
        self.counts["problems"] += 1

    def parse(self, url: str, page: Page) -> tuple[AgendaPage, list[Activity]] | None:
        try:
            text = _text(page)
            for link in related_items(text, url):
                if (target := site.rebase(link, self.base)) is not None:
                    self.related.add(strip_query(target))
            return parse_item(text, url, person_store.people_on(self.conn, date_from_path(url), self.people))
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
            persons = tuple(sorted({*persons, *persons_by_role(page.title, page.page_date, person_store.seed_posts())}))
        self.note_unattributed(url, page.title, persons)
        ministry = page.ministry
        if ministry is None and persons:
            ministry = person_store.person_ministry(self.conn, persons[0], page.page_date)
        page = replace(page, persons=persons, ministry=ministry)
        acts = [
            replace(a, persons=tuple(sorted(set(persons) | set(a.persons))), ministry=a.ministry or ministry)
            for a in acts
        ]
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


def doctor(settings: Settings, *, fetcher=None, save_dir=None, today: date | None = None) -> dict:
    """Check the site: the persons -> listing -> item walk (`steps`), then every discovery route, one item and one
    roll-up (sources/doctor.py); optionally save everything fetched into save_dir with a manifest.

    Returns {"steps": [(what, url, finding)], "item": diagnosis or None, "routes": [RouteCheck],
    "rollup": (url, diagnosis), "ok": bool, "suspect": bool, "saved": Path | None, "requests": n}.
    """
    from pathlib import Path

    from agendakaart.sources.doctor import Recorder, check_save_dir, report_ok, run_doctor
    from agendakaart.sources.http import Fetcher

    if save_dir is not None:
        check_save_dir(Path(save_dir))
    own = fetcher is None
    recorder = Recorder(fetcher or Fetcher(settings))
    base = settings.base_url.rstrip("/")
    steps: list[tuple[str, str, str]] = []
    try:
        try:
            recorder.what = "robots.txt"
            recorder.fetch(base + "/robots.txt", PageKind.ROBOTS)
        except FetchError:
            pass
        recorder.what = None
        report = site.check_site(recorder, base, steps)
        routes = run_doctor(recorder, base, today or date.today())
        item_url, item = routes["item"]
        if report is not None:
            report.setdefault("suspect", bool(report["sources"]) and set(report["sources"]) <= {"meta", "url"})
        elif item is not None:
            report = item
            steps.append(
                (
                    "item",
                    item_url,
                    f"bronnen: {', '.join(item['sources']) or 'geen'}; "
                    f"lege velden: {', '.join(item['empty']) or 'geen'}",
                )
            )
        saved = routes["doctor"].save(Path(save_dir)) if save_dir is not None else None
    finally:
        if own:
            recorder.fetcher.close()
    rollup = routes["rollup"]
    suspect = any(r is not None and r.get("suspect") for r in (report, rollup[1]))
    ok = report_ok(report) and (rollup[1] is None or report_ok(rollup[1]))
    return {
        "steps": steps,
        "item": report,
        "routes": routes["routes"],
        "rollup": rollup,
        "ok": ok,
        "suspect": suspect,
        "saved": saved,
        "requests": recorder.requests_made,
    }
