"""Sitemaps as a discovery route: `/sitemap.xml` (an index or a urlset; nested indexes followed; gzip allowed),
keeping agenda item URLs with their `lastmod` (the change signal) and a news sitemap's publication date.

Parsing is pure (`parse_sitemap`) and uses defusedxml, so an entity bomb is refused, never expanded. Loops
between indexes, a nesting deeper than MAX_DEPTH and more than MAX_FILES files stop with a Problem.
"""

from __future__ import annotations

import gzip
import io
import logging
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError as XMLParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from agendakaart.errors import ParseError
from agendakaart.models import ItemRef, Page, PageKind
from agendakaart.parse.dates import date_from_path
from agendakaart.parse.html import resolve, strip_query
from agendakaart.parse.listing import is_item_url
from agendakaart.sources.routes import Net, RouteOutcome

log = logging.getLogger(__name__)

SITEMAP_PATH = "/sitemap.xml"
MAX_DEPTH = 5
MAX_FILES = 2000
MAX_UNZIPPED = 100 * 1024 * 1024  # the protocol allows 50 MB uncompressed; twice that is refused


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None = None
    published: str | None = None  # news:publication_date


@dataclass(frozen=True)
class Sitemap:
    kind: str  # index | urlset
    entries: tuple[SitemapEntry, ...]


def unzip_if_gzip(body: bytes) -> bytes:
    """A gzipped body (magic 1f 8b) -> its content, capped at MAX_UNZIPPED; other bodies as they are."""
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
            data = stream.read(MAX_UNZIPPED + 1)
    except (OSError, EOFError) as exc:
        raise ParseError(f"sitemap: kapotte gzip ({exc})") from None
    if len(data) > MAX_UNZIPPED:
        raise ParseError(f"sitemap: uitgepakt groter dan {MAX_UNZIPPED // 1024 // 1024} MB")
    return data


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def parse_sitemap(body: bytes, url: str) -> Sitemap:
    """Sitemap bytes (maybe gzipped) -> Sitemap(kind, entries with resolved loc); ParseError otherwise.

    <urlset><url><loc>/actueel/agenda/2026/03/02/x</loc><lastmod>2026-03-03</lastmod></url></urlset>
    -> Sitemap("urlset", (SitemapEntry(".../actueel/agenda/2026/03/02/x", "2026-03-03"),))
    """
    data = unzip_if_gzip(body)
    try:
        root = fromstring(data.lstrip(b"\xef\xbb\xbf").strip() or b"<empty/>")
    except (XMLParseError, DefusedXmlException, ValueError) as exc:
        raise ParseError(f"sitemap onleesbaar: {type(exc).__name__}: {exc}") from None
    kind = _local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        raise ParseError(f"geen sitemap (hoofdelement <{kind}>)")
    entries = []
    for node in root:
        if _local(node.tag) not in ("sitemap", "url"):
            continue
        values = {_local(child.tag): (child.text or "").strip() for child in node.iter() if child is not node}
        loc = resolve(values.get("loc"), url)
        if loc:
            entries.append(SitemapEntry(loc, values.get("lastmod") or None, values.get("publication_date") or None))
    return Sitemap("index" if kind == "sitemapindex" else "urlset", tuple(entries))


class SitemapRoute:
    """Discovery through /sitemap.xml and every sitemap it leads to (see module doc)."""

    name = "sitemap"
    entry_paths = (SITEMAP_PATH,)

    def discover(self, net: Net) -> RouteOutcome:
        from agendakaart.sources.rijksoverheid import rebase

        out = RouteOutcome("sitemap", complete=True)
        refs: dict[str, ItemRef] = {}
        declared = getattr(net, "robots_sitemaps", lambda: [])()  # robots.txt's Sitemap: lines, on this site
        queue = [(net.base + SITEMAP_PATH, 0)] + [(u, 0) for u in (rebase(d, net.base) for d in declared) if u]
        seen, files = set(), 0
        while queue:
            url, depth = queue.pop(0)
            if url in seen:
                continue  # a loop between indexes, or one file listed twice
            seen.add(url)
            if depth > MAX_DEPTH or files >= MAX_FILES:
                out.complete = False
                net.problem("parse", url, f"sitemap: te diep genest of te veel bestanden (>{MAX_DEPTH} / {MAX_FILES})")
                continue
            files += 1
            sitemap = self._load(net, url, entry=depth == 0)
            if sitemap is None:
                out.complete = False
                continue
            for entry in sitemap.entries:
                target = rebase(entry.loc, net.base)
                if target is None:
                    continue  # another host: never followed
                if sitemap.kind == "index":
                    queue.append((target, depth + 1))
                elif is_item_url(target):
                    ref = _ref(strip_query(target), entry)
                    refs[ref.url] = _combined(refs.get(ref.url), ref)
        out.refs = list(refs.values())
        out.status = "ok" if refs else ("leeg" if files and out.complete else "mislukt")
        out.notes.append(f"{files} sitemapbestanden" if refs or files > 1 else "geen sitemap gevonden")
        if not out.complete:
            out.notes.append("niet volledig")
        return out

    @staticmethod
    def _load(net: Net, url: str, entry: bool = False) -> Sitemap | None:
        page: Page | None = net.get(url, PageKind.SITEMAP, conditional=True, entry=entry)
        if page is None:
            return None
        try:
            return parse_sitemap(page.body, page.final_url)
        except ParseError as exc:
            net.problem("parse", url, str(exc))
            return None


def _combined(old: ItemRef | None, new: ItemRef) -> ItemRef:
    """One item in several sitemaps (a urlset and a news sitemap): the latest lastmod is its signal, the earliest
    publication its publication, whatever order the files were read in."""
    if old is None:
        return new
    signals = [s for s in (old.signal, new.signal) if s]
    published = [p for p in (old.published_at, new.published_at) if p]
    return ItemRef(
        url=old.url,
        route="sitemap",
        date=old.date,
        signal=max(signals) if signals else None,
        published_at=min(published) if published else None,
    )


def _ref(url: str, entry: SitemapEntry) -> ItemRef:
    return ItemRef(
        url=url,
        route="sitemap",
        date=date_from_path(url),
        signal=entry.lastmod,
        published_at=entry.published or entry.lastmod,
    )
