"""The site's search API (`POST /api/search`, Search UI / App Search shape, SITE.md) as a discovery route.

The agenda value of `information_type` is learnt from the facet at run time. Results are paged with `current`
until a short page; where paging cannot reach every result (HTTP 400 past a cap, or a total larger than what the
pages reached) the query is narrowed by a `sort_date` range of full ISO instants: below the oldest result reached
when results come sorted newest first, else by halving the window. Each result keeps its structured fields.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from agendakaart.errors import ParseError
from agendakaart.models import ItemRef, PageKind
from agendakaart.parse.dates import date_from_path
from agendakaart.parse.html import page_text, resolve, strip_query
from agendakaart.parse.listing import is_item_url
from agendakaart.sources.routes import Net, RouteOutcome

log = logging.getLogger(__name__)

SEARCH_PATH = "/api/search"
RESULT_FIELDS = (
    "url",
    "page_title",
    "meta_description",
    "sort_date",
    "information_type",
    "ministry",
    "author",
    "activity_start_date",
    "activity_end_date",
    "activity_type",
    "activity_location_title",
    "activity_location_description",
    "activity_organiser",
    "activity_show_time",
)
FACETS = ("information_type", "ministry", "activity_type")
PAGE_SIZES = (100, 20, 10)  # tried in turn when a page size is refused with 400
OLDEST = datetime(1990, 1, 1, tzinfo=timezone.utc)
NEWEST = datetime(2100, 1, 1, tzinfo=timezone.utc)
MAX_REQUESTS = 5000
_AGENDA = re.compile(r"agenda", re.I)


@dataclass
class SearchAnswer:
    """One answer: result field dicts (plain values), totals when the server gives them, value facets."""

    results: list[dict[str, Any]]
    total: int | None = None
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def instant(moment: datetime) -> str:
    """datetime -> '2026-10-06T00:00:00.000Z' (the full instant the API wants; a date alone answers 500)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_instant(value: Any) -> datetime | None:
    """'2026-10-06T08:00:00Z' / '...+02:00' / '2026-10-06' -> aware datetime (UTC for a bare date), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def request_body(current: int, size: int, filters: list[dict], *, facets: bool = False) -> dict:
    """The request body in the shape the site's own Search UI sends (SITE.md)."""
    return {
        "requestState": {
            "current": current,
            "resultsPerPage": size,
            "filters": filters,
            "searchTerm": "",
            "sortDirection": "desc",
            "sortField": "sort_date",
            "sortList": [],
        },
        "queryConfig": {
            "filters": filters,
            "result_fields": {name: {"raw": {}} for name in RESULT_FIELDS},
            "disjunctiveFacets": [],
            "facets": {name: {"type": "value", "size": 100} for name in FACETS} if facets else {},
            "sortList": [{"field": "sort_date", "direction": "desc"}],
        },
    }


def value_filter(field_name: str, values: list[str]) -> dict:
    return {"field": field_name, "values": values, "type": "any" if len(values) > 1 else "all"}


def range_filter(field_name: str, start: datetime, end: datetime) -> dict:
    return {
        "field": field_name,
        "values": [{"from": instant(start), "to": instant(end), "name": f"{instant(start)}/{instant(end)}"}],
        "type": "all",
    }


def _plain(value: Any) -> Any:
    """A Search UI field {"raw": v} (or {"snippet": ...}) -> v; plain values as they are."""
    if isinstance(value, dict):
        for key in ("raw", "value", "snippet"):
            if key in value:
                return value[key]
        return None
    return value


def parse_search_answer(text: str) -> SearchAnswer:
    """A search API answer -> SearchAnswer; ParseError when it is not the JSON of a search answer.

    {"results": [{"url": {"raw": "/actueel/agenda/2026/03/02/x"}}], "totalResults": 1} -> 1 result, total 1
    """
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError as exc:
        start = text.lstrip()[:1]
        raise ParseError("zoek-API gaf geen JSON" + (" maar HTML" if start == "<" else f": {exc}")) from None
    if not isinstance(data, dict):
        raise ParseError("zoek-API gaf JSON zonder resultatenlijst")
    raw = data.get("rawResponse") if isinstance(data.get("rawResponse"), dict) else {}
    results = next(
        (v for v in (data.get("results"), raw.get("rawResults"), raw.get("results")) if isinstance(v, list)), None
    )
    if results is None:
        raise ParseError("zoek-API gaf JSON zonder resultatenlijst (results / rawResponse.rawResults)")
    rows = [{k: _plain(v) for k, v in r.items() if not k.startswith("_")} for r in results if isinstance(r, dict)]
    return SearchAnswer(rows, _total(data, raw), _facets(data.get("facets")) or _facets(raw.get("facets")))


def _total(data: dict, raw: dict) -> int | None:
    for value in (
        data.get("totalResults"),
        _dig(data, "meta", "page", "total_results"),
        _dig(raw, "meta", "page", "total_results"),
    ):
        if isinstance(value, int) and value >= 0:
            return value
    return None


def _dig(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _facets(value: Any) -> dict[str, list[tuple[str, int]]]:
    """{NAME: [{"data": [{"value", "count"}]}]} (or {NAME: {"data": ...}}) -> {NAME: [(value, count)]}."""
    out: dict[str, list[tuple[str, int]]] = {}
    if not isinstance(value, dict):
        return out
    for name, entries in value.items():
        for entry in entries if isinstance(entries, list) else [entries]:
            for item in (entry.get("data") or []) if isinstance(entry, dict) else []:
                if isinstance(item, dict) and isinstance(item.get("value"), (str, int)):
                    out.setdefault(name, []).append((str(item["value"]), int(item.get("count") or 0)))
    return out


def agenda_values(facets: dict[str, list[tuple[str, int]]]) -> list[str]:
    """The information_type values that name agenda items: [("Nieuwsbericht", 9), ("Agenda-item", 4)] ->
    ["Agenda-item"]."""
    return [value for value, _count in facets.get("information_type", []) if _AGENDA.search(value)]


def result_ref(result: dict[str, Any], base: str) -> ItemRef | str:
    """One result -> ItemRef (fields kept, signal = hash of the fields), or the Dutch reason it is skipped."""
    from agendakaart.sources.rijksoverheid import rebase

    link = result.get("url")
    if not isinstance(link, str) or not link.strip():
        return "resultaat zonder url"
    absolute = resolve(link.strip(), base + "/")
    url = rebase(absolute, base) if absolute else None
    if url is None:
        return f"url buiten de site: {link[:80]}"
    url = strip_query(url)
    if not is_item_url(url):
        return "geen agenda-item-url"
    fields = {k: _field_text(v) for k, v in sorted(result.items()) if k != "url" and _field_text(v) is not None}
    signal = hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    sort_date = parse_instant(fields.get("sort_date"))
    return ItemRef(
        url=url,
        route="search",
        date=date_from_path(url),
        title=fields.get("page_title"),
        signal=signal,
        published_at=sort_date.isoformat() if sort_date else None,
        fields=fields,
    )


def _field_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value).strip() or None
    if isinstance(value, list):
        parts = [str(v).strip() for v in value if isinstance(v, (str, int, float)) and str(v).strip()]
        return " | ".join(parts) or None
    return None


class SearchRoute:
    """Discovery through POST /api/search (see module doc)."""

    name = "search"
    entry_paths = (SEARCH_PATH,)

    def discover(self, net: Net) -> RouteOutcome:
        return _SearchRun(net).run()


class _SearchRun:
    def __init__(self, net: Net):
        self.net, self.url = net, net.base + SEARCH_PATH
        self.out = RouteOutcome("search")
        self.refs: dict[str, ItemRef] = {}
        self.requests = 0
        self.size = PAGE_SIZES[0]
        self.cap: int | None = None  # results reachable per query, once a 400 has shown it
        self.skipped: dict[str, int] = {}
        self.complete = True
        self.probed: SearchAnswer | None = None  # page 2, asked by clamped() to learn the server's page size

    def ask(self, current: int, filters: list[dict], facets: bool = False) -> SearchAnswer | int | None:
        """One request -> answer, or the HTTP status (4xx) it got, or None (failed, Problem recorded)."""
        self.requests += 1
        page = self.net.post_json(self.url, request_body(current, self.size, filters, facets=facets), PageKind.SEARCH)
        if page is None:
            return None
        if page.status >= 400:
            return page.status
        try:
            return parse_search_answer(page_text(page.body, page.headers.get("content-type", "")))
        except ParseError as exc:
            self.net.problem("parse", self.url, str(exc))
            return None

    def run(self) -> RouteOutcome:
        first = self.ask(1, [], facets=True)
        while isinstance(first, int) and first == 400 and self.size != PAGE_SIZES[-1]:
            self.size = PAGE_SIZES[PAGE_SIZES.index(self.size) + 1]  # a smaller page, as the site's own UI asks
            first = self.ask(1, [], facets=True)
        if isinstance(first, int) and first in (404, 405, 410):
            return self.fail(f"de site heeft geen zoek-API op {SEARCH_PATH} (HTTP {first})")
        if isinstance(first, int):
            self.net.problem("fetch", self.url, f"zoek-API: HTTP {first} op de eerste zoekvraag")
        if not isinstance(first, SearchAnswer):
            return self.fail(f"zoekvraag mislukt{f' (HTTP {first})' if isinstance(first, int) else ''}")
        values = agenda_values(first.facets) or agenda_values(
            {"information_type": [(str(r.get("information_type")), 1) for r in first.results]}
        )  # no facet: the
        values = list(dict.fromkeys(values))  # results' own values
        if not values:
            names = ", ".join(v for v, _c in first.facets.get("information_type", [])[:8]) or "geen facet"
            self.net.problem("parse", self.url, f"zoek-API: geen agenda-waarde in facet information_type ({names})")
            return self.fail(f"geen agenda-waarde in facet information_type ({names})")
        for value in values:
            self.window([value_filter("information_type", [value])], OLDEST, NEWEST, ranged=False)
        return self.finish(values)

    def fail(self, note: str) -> RouteOutcome:
        self.out.status, self.out.complete = "mislukt", False
        self.out.notes.append(note)
        return self.out

    def window(self, base_filters: list[dict], start: datetime, end: datetime, *, ranged: bool) -> None:
        """Every result of the query in [start, end) (no range filter when not `ranged`), narrowing as needed."""
        pending = [(start, end, ranged)]
        while pending:
            lo, hi, use_range = pending.pop()
            if self.requests >= MAX_REQUESTS:
                self.complete = False
                self.net.problem("fetch", self.url, f"zoek-API: gestopt na {MAX_REQUESTS} zoekvragen")
                return
            filters = base_filters + ([range_filter("sort_date", lo, hi)] if use_range else [])
            reached, capped, dates, ordered = self.pages(filters)
            if reached is None:
                self.complete = False
                continue
            if not capped:
                continue
            pending += self.narrow(lo, hi, dates, ordered)

    def pages(self, filters: list[dict]) -> tuple[int | None, bool, list[datetime], bool]:
        """Page one query -> (results reached or None on failure, capped?, their sort_dates, sorted newest first?)."""
        current, reached, dates = 1, 0, []
        self.probed = None
        while True:
            answer, self.probed = (self.probed, None) if self.probed is not None else (self.ask(current, filters), None)
            if isinstance(answer, int):
                if answer == 400 and current > 1:  # past the paging cap
                    self.cap = min(self.cap or reached, reached)
                    return reached, True, dates, _newest_first(dates)
                self.net.problem("fetch", self.url, f"zoek-API: HTTP {answer} op pagina {current}")
                return None, False, dates, False
            if answer is None:
                return None, False, dates, False
            for result in answer.results:
                self.keep(result)
                if (moment := parse_instant(_field_text(result.get("sort_date")))) is not None:
                    dates.append(moment)
            reached += len(answer.results)
            short = len(answer.results) < self.size
            if short and current == 1 and answer.results and self.clamped(filters, answer):
                current += 1  # the server pages by a smaller size than asked: page on with its size
                continue
            if (
                answer.total is not None
                and answer.total > reached
                and (short or (self.cap is not None and answer.total > self.cap and reached >= self.cap))
            ):
                return reached, True, dates, _newest_first(dates)  # the pages stop before the total
            if short:
                return reached, False, dates, True
            current += 1

    def clamped(self, filters: list[dict], first: SearchAnswer) -> bool:
        """A first page shorter than asked but not the end: the total says more, or (no total) page 2 at the size
        the server used brings new results (kept in self.probed, so it is not asked twice). The server's size is
        then used from here on."""
        n = len(first.results)
        if first.total is not None:
            if first.total <= n:
                return False
        else:
            asked, self.size = self.size, n
            probe = self.ask(2, filters)
            self.size = asked
            if not isinstance(probe, SearchAnswer) or not probe.results:
                return False
            urls = {r.get("url") for r in first.results}
            if all(r.get("url") in urls for r in probe.results):
                return False
            self.probed = probe
        self.size = n
        return True

    def narrow(self, lo: datetime, hi: datetime, dates: list[datetime], ordered: bool) -> list:
        """The windows still to ask after a capped one: below the oldest result reached (sorted answers), else
        both halves."""
        oldest = min(dates) if dates else None
        if ordered and oldest is not None and lo < oldest and oldest + timedelta(milliseconds=1) < hi:
            return [(lo, oldest + timedelta(milliseconds=1), True)]
        if hi - lo <= timedelta(seconds=1):
            self.complete = False
            self.net.problem("fetch", self.url, f"zoek-API: meer resultaten dan bereikbaar op {instant(lo)}")
            return []
        middle = lo + (hi - lo) / 2
        return [(lo, middle, True), (middle, hi, True)]

    def keep(self, result: dict[str, Any]) -> None:
        ref = result_ref(result, self.net.base)
        if isinstance(ref, str):
            key = ref.split(":")[0]
            self.skipped[key] = self.skipped.get(key, 0) + 1
            if key != "geen agenda-item-url":
                self.net.problem("parse", self.url, f"zoek-API: {ref}")
            return
        old = self.refs.get(ref.url)
        if old is None or len(ref.fields) > len(old.fields):
            self.refs[ref.url] = ref

    def finish(self, values: list[str]) -> RouteOutcome:
        self.out.refs = list(self.refs.values())
        self.out.complete = self.complete
        self.out.status = "ok" if self.refs else ("leeg" if self.complete else "mislukt")
        self.out.notes.append(f"{self.requests} zoekvragen, information_type {' / '.join(values)}")
        if self.skipped:
            self.out.notes.append(", ".join(f"{n}× {why}" for why, n in sorted(self.skipped.items())))
        if not self.complete:
            self.out.notes.append("niet volledig")
        return self.out


def _newest_first(dates: list[datetime]) -> bool:
    return all(a >= b for a, b in zip(dates, dates[1:]))
