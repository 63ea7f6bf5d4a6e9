"""A markup-free discovery route: the site's RSS search endpoint `/api/rss?query=<JSON>` (SITE.md, 1.).

At most 20 results per query and no paging, so a date window that comes back full is split in two and both
halves are asked again. Only links under /actueel/agenda/ are kept. Date-only window values answer HTTP 500 on
the site, so windows are full instants: Amsterdam day boundaries written in UTC.
"""

from __future__ import annotations

import json
import logging
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from urllib.parse import quote

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring

from agendakaart.errors import ParseError
from agendakaart.models import ItemRef, PageKind
from agendakaart.parse.dates import date_from_path
from agendakaart.parse.html import resolve, strip_query
from agendakaart.parse.listing import is_item_url

log = logging.getLogger(__name__)

RSS_PATH = "/api/rss"
MAX_RESULTS = 20
MIN_WINDOW = timedelta(minutes=1)


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def amsterdam_midnight_utc(day: date) -> datetime:
    """00:00 in Amsterdam on `day`, as a UTC instant (CEST from the last Sunday of March to that of October).

    >>> amsterdam_midnight_utc(date(2026, 7, 1)).isoformat()
    '2026-06-30T22:00:00+00:00'
    """
    summer = _last_sunday(day.year, 3) <= day < _last_sunday(day.year, 10)
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc) - timedelta(hours=2 if summer else 1)


def _instant(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def query_url(base_url: str, start: datetime, end: datetime, words: str = "") -> str:
    """The search URL for one sort_date window [start, end]."""
    query = {
        "resultSearchTerm": words,
        "pageTitle": "Zoeken",
        "filters": [
            {
                "field": "sort_date",
                "values": [{"name": "specificPeriod", "from": _instant(start), "to": _instant(end)}],
                "type": "all",
            }
        ],
    }
    return f"{base_url.rstrip('/')}{RSS_PATH}?query={quote(json.dumps(query, separators=(',', ':')))}"


def parse_rss(xml: str, url: str) -> list["RssEntry"]:
    """RSS 2.0 text -> every <item>'s link (resolved) with its title; ParseError when it is not RSS.

    <item><title>T</title><link>/actueel/agenda/2026/03/02/x</link></item> -> [PageRef(".../x", "T", 2026-03-02)]
    """
    try:
        root = safe_fromstring(xml.lstrip("\ufeff").strip())
    except (ET.ParseError, DefusedXmlException, ValueError) as exc:
        raise ParseError(f"RSS onleesbaar: {exc}") from exc
    out = []
    for item in root.iter("item"):
        link = resolve((item.findtext("link") or item.findtext("guid") or "").strip(), url)
        if link:
            out.append(
                RssEntry(
                    url=link,
                    title=(item.findtext("title") or "").strip() or None,
                    date=date_from_path(link),
                    published=_rfc822(item.findtext("pubDate")),
                )
            )
    return out


@dataclass(frozen=True)
class RssEntry:
    """One <item>: its link, title, the date in its path, and its pubDate as an ISO instant."""

    url: str
    title: str | None = None
    date: date | None = None
    published: str | None = None


def _rfc822(value: str | None) -> str | None:
    """'Mon, 23 Sep 2026 10:00:00 +0200' -> '2026-09-23T08:00:00+00:00'; unreadable -> None."""
    try:
        moment = parsedate_to_datetime((value or "").strip())
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).isoformat()


def discover(
    load: Callable[[str], list | None], base_url: str, since: date, until: date, *, max_queries: int = 2000
) -> Iterator[RssEntry]:
    """Agenda item links from the feed over [since, until]; full windows are split until they are not.

    `load(url)` fetches and parses one feed answer (None when it failed: that window is skipped).
    """
    windows = [(amsterdam_midnight_utc(since), amsterdam_midnight_utc(until + timedelta(days=1)))]
    seen: set[str] = set()
    queries = 0
    while windows and queries < max_queries:
        start, end = windows.pop()
        refs = load(query_url(base_url, start, end - timedelta(seconds=1)))
        queries += 1
        if refs is None:
            continue
        if len(refs) >= MAX_RESULTS and end - start > MIN_WINDOW:
            middle = start + (end - start) / 2
            windows += [(start, middle), (middle, end)]
            continue
        for ref in refs:
            canonical = strip_query(ref.url)
            if is_item_url(canonical) and "/actueel/agenda/" in canonical and canonical not in seen:
                seen.add(canonical)
                yield RssEntry(url=canonical, title=ref.title, date=ref.date, published=getattr(ref, "published", None))
    if windows:
        log.warning("RSS discovery stopped after %d queries", queries)


# a publication window reaching this far past --until: roll-ups are published weeks after their week (SITE.md)
PUBLICATION_LAG = timedelta(weeks=6)
# in `auto`, RSS is a supplement for recent items: this far back from --until (alone it covers the whole window)
AUTO_SPAN = timedelta(weeks=8)


class RssRoute:
    """Discovery through the RSS search over a publication-date window (see module doc), filtered by the date
    in the item's path by the crawl. Never a complete enumeration (relevance-ranked, 20 results)."""

    name = "rss"
    entry_paths = (RSS_PATH,)

    def __init__(self, recent_only: bool = False):
        self.recent_only = recent_only

    def discover(self, net):  # -> sources.routes.RouteOutcome
        from agendakaart.sources.rijksoverheid import page_text_of, rebase
        from agendakaart.sources.routes import RouteOutcome

        out = RouteOutcome("rss")
        until = net.until or net.today
        since = net.since or until - timedelta(days=365)
        if self.recent_only:
            since = max(since, until - AUTO_SPAN)
        asked = {"n": 0, "failed": 0}

        def load(url: str) -> list | None:
            asked["n"] += 1
            page = net.get(url, PageKind.FEED, entry=True)
            if page is None:
                asked["failed"] += 1
                return None
            try:
                return parse_rss(page_text_of(page), page.final_url)
            except ParseError as exc:
                asked["failed"] += 1
                net.problem("parse", url, str(exc))
                return None

        refs = {}
        for entry in discover(load, net.base, since, until + PUBLICATION_LAG):
            url = rebase(entry.url, net.base)
            if url and url not in refs:
                refs[url] = ItemRef(
                    url=url,
                    route="rss",
                    date=entry.date,
                    title=entry.title,
                    signal=f"{entry.title or ''}|{entry.published or ''}",
                    published_at=entry.published,
                )
        out.refs = list(refs.values())
        out.status = "ok" if refs else ("mislukt" if asked["failed"] == asked["n"] else "leeg")
        out.notes.append(
            f"{asked['n']} feedvragen, publicatie {since.isoformat()} – {(until + PUBLICATION_LAG).isoformat()}"
        )
        return out
