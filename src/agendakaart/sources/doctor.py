"""`doctor`: try every discovery route on the live site, cheaply, and diagnose one item and one weekly roll-up.

Per route: allowed by robots.txt, reachable, items found (a sample: one search page, the first sitemaps, the
first listings, one feed window). Then one single item and one roll-up are fetched and parsed: which sources
gave which fields, which stayed empty; a page that gives only meta and URL values is suspect. Everything fetched
can be saved (`--save DIR`) with a manifest, so a user online can hand real pages to the project.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from agendakaart.errors import AgendakaartError, FetchError, ParseError
from agendakaart.models import Page, PageKind
from agendakaart.parse.html import strip_query
from agendakaart.parse.listing import is_item_url, parse_listing
from agendakaart.parse.persons import parse_person_page, parse_persons_index
from agendakaart.sources import rijksoverheid as site
from agendakaart.sources.listings import looks_client_rendered
from agendakaart.sources.routes import ROUTE_LABELS, ROUTE_NAMES

MAX_SITEMAP_FILES = 4


@dataclass
class Saved:
    what: str
    url: str
    page: Page
    request: dict | None = None


@dataclass
class RouteCheck:
    route: str
    allowed: bool = True
    reachable: bool = False
    items: list[str] = field(default_factory=list)
    note: str = ""

    def line(self) -> str:
        label = ROUTE_LABELS.get(self.route, self.route)
        if not self.allowed:
            return f"{label}: niet gebruikt — {self.note}"
        state = "bereikbaar" if self.reachable else "NIET bereikbaar"
        return f"{label}: {state}, toegestaan door robots.txt, {len(self.items)} agenda-items gevonden" + (
            f" — {self.note}" if self.note else ""
        )


class Recorder:
    """A Fetcher that keeps every answer it got (for `doctor --save`); `what` labels the next fetches."""

    def __init__(self, fetcher):
        self.fetcher, self.saved, self.what = fetcher, [], None

    def fetch(self, url: str, kind: PageKind, **kw) -> Page:
        page = self.fetcher.fetch(url, kind, **kw)
        self.saved.append(Saved(self.what or kind.value, url, page))
        return page

    def post_json(self, url: str, payload: dict, kind: PageKind) -> Page:
        page = self.fetcher.post_json(url, payload, kind)
        self.saved.append(Saved(self.what or kind.value, url, page, payload))
        return page

    def __getattr__(self, name):
        return getattr(self.fetcher, name)


class Doctor:
    def __init__(self, fetcher: Recorder, base: str, today: date):
        self.fetcher, self.base, self.today = fetcher, base.rstrip("/"), today
        self.saved: list[Saved] = fetcher.saved

    def get(self, what: str, url: str, kind: PageKind) -> Page | None:
        self.fetcher.what = what
        try:
            page = self.fetcher.fetch(url, kind)
        except (FetchError, ValueError) as exc:
            raise _Failed(str(exc)) from None
        return page if page.status < 400 else None

    def post(self, what: str, url: str, payload: dict) -> Page:
        self.fetcher.what = what
        try:
            return self.fetcher.post_json(url, payload, PageKind.SEARCH)
        except (FetchError, ValueError) as exc:
            raise _Failed(str(exc)) from None

    # -- routes ----------------------------------------------------------------------------------------------

    def check(self, route: str) -> RouteCheck:
        from agendakaart.sources.routes import routes_by_name

        result = RouteCheck(route)
        entry = routes_by_name([route])[0].entry_paths
        refused = [p for p in entry if not self.fetcher.allowed(self.base + p)]
        if len(refused) == len(entry):
            try:
                self.fetcher.robots_check(self.base + refused[0])
                result.note = "robots.txt niet te lezen"
            except FetchError as exc:
                result.note = (
                    ("robots.txt verbiedt " + refused[0])
                    if "disallowed" in str(exc)
                    else f"robots.txt onbereikbaar: {exc}"
                )
            result.allowed = False
            return result
        try:
            getattr(self, f"_{route}")(result)
        except _Failed as exc:
            result.note = str(exc)[:200]
        except (ParseError, AgendakaartError) as exc:
            result.reachable, result.note = True, str(exc)[:200]
        return result

    def _search(self, result: RouteCheck) -> None:
        from agendakaart.sources.search import (
            SEARCH_PATH,
            agenda_values,
            parse_search_answer,
            request_body,
            result_ref,
            value_filter,
        )

        url = self.base + SEARCH_PATH
        first = self.post("zoekvraag (facetten)", url, request_body(1, 10, [], facets=True))
        result.reachable = True
        if first.status >= 400:
            result.note = f"HTTP {first.status}"
            return
        values = agenda_values(parse_search_answer(site.page_text_of(first)).facets)
        if not values:
            result.note = "geen agenda-waarde in facet information_type"
            return
        page = self.post("zoekvraag (agenda)", url, request_body(1, 20, [value_filter("information_type", values[:1])]))
        answer = parse_search_answer(site.page_text_of(page))
        refs = [r for r in (result_ref(x, self.base) for x in answer.results) if not isinstance(r, str)]
        result.items = [r.url for r in refs]
        result.note = f"information_type {values[0]}" + (f", totaal {answer.total}" if answer.total is not None else "")

    def _sitemap(self, result: RouteCheck) -> None:
        from agendakaart.sources.sitemap import SITEMAP_PATH, parse_sitemap

        queue, files = [self.base + SITEMAP_PATH], 0
        while queue and files < MAX_SITEMAP_FILES and not result.items:
            url = queue.pop(0)
            page = self.get("sitemap", url, PageKind.SITEMAP)
            files += 1
            if page is None:
                result.note = f"{url}: HTTP-fout"
                continue
            result.reachable = True
            parsed = parse_sitemap(page.body, page.final_url)
            targets = [t for t in (site.rebase(e.loc, self.base) for e in parsed.entries) if t]
            if parsed.kind == "index":
                queue += targets
            else:
                result.items += [strip_query(t) for t in targets if is_item_url(t)]
        result.note = f"{files} sitemapbestand(en) gelezen"

    def _listings(self, result: RouteCheck) -> None:
        index = self.get("index bewindspersonen", site.index_url(self.base), PageKind.PERSONS)
        persons = parse_persons_index(site.page_text_of(index), index.final_url) if index else []
        result.reachable = index is not None
        notes = [f"{len(persons)} bewindspersonen in de index"]
        listings = [site.central_listing_url(self.base)]
        if persons and (url := site.rebase(persons[0].url, self.base)):
            page = self.get("persoonspagina", url, PageKind.PERSON)
            if page is not None:
                person = parse_person_page(site.page_text_of(page), page.final_url)
                listings.insert(0, site.rebase(person.agenda_url or "", self.base) or f"{url}/agenda")
        for url in listings:
            page = self.get("agendalijst", url, PageKind.LISTING)
            if page is None:
                continue
            result.reachable = True
            html = site.page_text_of(page)
            items = parse_listing(html, page.final_url).items
            if not items and looks_client_rendered(html):
                notes.append(f"{url.removeprefix(self.base)}: lijst wordt in de browser geladen")
            result.items += [strip_query(site.rebase(r.url, self.base) or r.url) for r in items]
        result.note = "; ".join(notes)

    def _rss(self, result: RouteCheck) -> None:
        from agendakaart.sources.rss import PUBLICATION_LAG, amsterdam_midnight_utc, parse_rss, query_url

        start = amsterdam_midnight_utc(self.today - timedelta(weeks=8))
        end = amsterdam_midnight_utc(self.today + PUBLICATION_LAG)
        page = self.get("RSS", query_url(self.base, start, end), PageKind.FEED)
        if page is None:
            result.note = "HTTP-fout"
            return
        result.reachable = True
        entries = parse_rss(site.page_text_of(page), page.final_url)
        result.items = [
            strip_query(site.rebase(e.url, self.base) or e.url)
            for e in entries
            if is_item_url(e.url) and "/agenda/" in e.url
        ]

    # -- items -----------------------------------------------------------------------------------------------

    def diagnose(self, urls: list[str], rollup: bool) -> tuple[str | None, dict | None]:
        """The first fetchable item of the wanted kind (roll-up: a "week" slug) -> (url, diagnosis)."""
        from agendakaart.parse.item import diagnose_item

        wanted = [u for u in dict.fromkeys(urls) if bool(re.search(r"week", u.rsplit("/", 1)[-1])) == rollup]
        for url in wanted[:3]:
            try:
                page = self.get("roll-up" if rollup else "agenda-item", url, PageKind.ITEM)
            except _Failed:
                continue
            if page is not None:
                report = diagnose_item(site.page_text_of(page), strip_query(page.final_url))
                report["suspect"] = bool(report["sources"]) and set(report["sources"]) <= {"meta", "url"}
                return url, report
        return None, None

    def save(self, out: Path) -> Path:
        """Write every fetched answer into `out` (a new or empty folder) with manifest.json -> its path."""
        check_save_dir(out)
        out.mkdir(parents=True, exist_ok=True)
        manifest = []
        for n, s in enumerate(self.saved, 1):
            ext = _ext(s.page)
            name = f"{n:02d}-{re.sub(r'[^a-z0-9]+', '-', s.what.lower()).strip('-')}{ext}"
            (out / name).write_bytes(s.page.body)
            entry = {
                "file": name,
                "what": s.what,
                "url": s.url.split("#")[0],
                "status": s.page.status,
                "content_type": s.page.headers.get("content-type"),
                "fetched_at": s.page.fetched_at,
                "sha256": hashlib.sha256(s.page.body).hexdigest(),
            }
            if s.request is not None:
                req = f"{n:02d}-verzoek.json"
                (out / req).write_text(json.dumps(s.request, ensure_ascii=False, indent=1), encoding="utf-8")
                entry["request_file"], entry["method"] = req, "POST"
            manifest.append(entry)
        (out / "manifest.json").write_text(
            json.dumps(
                {
                    "tool": "agendakaart doctor --save",
                    "base_url": self.base,
                    "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "files": manifest,
                },
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
        return out


def check_save_dir(out: Path) -> None:
    """doctor --save writes only into a new or empty folder (it never overwrites what it did not make)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise AgendakaartError(f"map {out} bestaat al en is niet leeg: kies een nieuwe map voor doctor --save")


class _Failed(Exception):
    """A probe request failed (network, robots, off-site redirect): the route is named unreachable."""


def _ext(page: Page) -> str:
    kind = page.headers.get("content-type", "")
    if page.body[:2] == b"\x1f\x8b":
        return ".gz"
    for word, ext in (("json", ".json"), ("xml", ".xml"), ("rss", ".xml"), ("html", ".html"), ("text/plain", ".txt")):
        if word in kind:
            return ext
    return ".bin"


def run_doctor(recorder: Recorder, base: str, today: date) -> dict:
    """Every route checked, one item and one roll-up diagnosed -> {"routes", "item", "rollup", "found"}."""
    doctor = Doctor(recorder, base, today)
    checks = [doctor.check(route) for route in ROUTE_NAMES]
    urls = [u for c in checks for u in c.items]
    item = doctor.diagnose(urls, rollup=False)
    rollup = doctor.diagnose(urls, rollup=True)
    return {"routes": checks, "item": item, "rollup": rollup, "found": len(set(urls)), "doctor": doctor}


def report_ok(report: dict | None) -> bool:
    """An item diagnosis that counts: activities, a source beyond the URL, not only meta and URL values."""
    return bool(report and report["activities"] and set(report["sources"]) - {"url"} and not report.get("suspect"))
