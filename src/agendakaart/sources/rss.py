"""A markup-free discovery route: the site's RSS search endpoint `/api/rss?query=<JSON>` (SITE.md, 1.).

At most 20 results per query and no paging, so a date window that comes back full is split in two and both
halves are asked again. Only links under /actueel/agenda/ are kept. Date-only window values answer HTTP 500 on
the site, so windows are full instants: Amsterdam day boundaries written in UTC.
"""

from __future__ import annotations

import json
import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from urllib.parse import quote

from agendakaart.errors import ParseError
from agendakaart.models import PageRef
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
    query = {"resultSearchTerm": words, "pageTitle": "Zoeken", "filters": [{
        "field": "sort_date", "values": [{"name": "specificPeriod", "from": _instant(start), "to": _instant(end)}],
        "type": "all"}]}
    return f"{base_url.rstrip('/')}{RSS_PATH}?query={quote(json.dumps(query, separators=(',', ':')))}"


def parse_rss(xml: str, url: str) -> list[PageRef]:
    """RSS 2.0 text -> every <item>'s link (resolved) with its title; ParseError when it is not RSS.

    <item><title>T</title><link>/actueel/agenda/2026/03/02/x</link></item> -> [PageRef(".../x", "T", 2026-03-02)]
    """
    try:
        root = ET.fromstring(xml.lstrip("\ufeff").strip())
    except ET.ParseError as exc:
        raise ParseError(f"RSS onleesbaar: {exc}") from exc
    out = []
    for item in root.iter("item"):
        link = resolve((item.findtext("link") or item.findtext("guid") or "").strip(), url)
        if link:
            out.append(PageRef(url=link, title=(item.findtext("title") or "").strip() or None,
                               date=date_from_path(link)))
    return out


def discover(load: Callable[[str], list[PageRef] | None], base_url: str, since: date, until: date,
             *, max_queries: int = 2000) -> Iterator[PageRef]:
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
                yield PageRef(url=canonical, title=ref.title, date=ref.date)
    if windows:
        log.warning("RSS discovery stopped after %d queries", queries)
