"""Sitemaps of the 2026 replica: /sitemap.xml (an index) -> numbered urlsets (one gzipped), a nested index,
a Google News sitemap and a video sitemap. Entries hold only loc and lastmod (SITE.md); locs are absolute on
https://www.rijksoverheid.nl, as a real sitemap's are. URLs are grouped by the year in their path, so an edit
changes only the files that hold the edited URL.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import datetime, timedelta
from xml.sax.saxutils import escape

from agendakaart.replica_site.chrome2026 import SITE
from agendakaart.replica_site.pages2026 import local_iso

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
VIDEO_NS = "http://www.google.com/schemas/sitemap-video/1.1"
NEWS_DAYS = 14
# file (as served) -> the groups it holds; 2.xml.gz is served gzipped
URLSETS = {
    "sitemap/1.xml": ("pages", "2024"),
    "sitemap/2.xml.gz": ("2025",),
    "sitemap/3.xml": ("2026a",),
    "sitemap/4.xml": ("2026b",),
}
NESTED = "sitemap/index-2026.xml"
TOP = {"sitemap/1.xml", "sitemap/2.xml.gz", NESTED, "news/sitemap.xml", "videos/sitemap.xml"}


@dataclass(frozen=True)
class Entry:
    path: str
    lastmod: datetime
    title: str = ""
    published: datetime | None = None  # set: a candidate for the news sitemap


def group_of(path: str) -> str:
    """'/actueel/agenda/2025/04/11/x' -> '2025'; 2026 splits at July; paths without a date -> 'pages'."""
    parts = path.strip("/").split("/")
    year = next((p for p in parts if len(p) == 4 and p.isdigit() and p.startswith("20")), None)
    if year is None:
        return "pages"
    if year == "2026":
        month = parts[parts.index(year) + 1]
        return "2026a" if month < "07" else "2026b"
    return year if year in ("2024", "2025") else "pages"


def _urlset(entries: list[Entry]) -> bytes:
    rows = "".join(
        f"<url><loc>{escape(SITE + e.path)}</loc><lastmod>{local_iso(e.lastmod)}</lastmod></url>"
        for e in sorted(entries, key=lambda e: e.path)
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}">{rows}</urlset>\n'.encode()


def _index(children: dict[str, datetime]) -> bytes:
    rows = "".join(
        f"<sitemap><loc>{SITE}/{name}</loc><lastmod>{local_iso(when)}</lastmod></sitemap>"
        for name, when in children.items()
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{NS}">{rows}</sitemapindex>\n'.encode()


def _news(entries: list[Entry], now: datetime) -> bytes:
    recent = sorted(
        (e for e in entries if e.published and now - timedelta(days=NEWS_DAYS) <= e.published <= now),
        key=lambda e: (e.published, e.path),
        reverse=True,
    )
    rows = "".join(
        f"<url><loc>{escape(SITE + e.path)}</loc><news:news><news:publication><news:name>Rijksoverheid"
        f"</news:name><news:language>nl</news:language></news:publication><news:publication_date>"
        f"{local_iso(e.published)}</news:publication_date><news:title>{escape(e.title)}</news:title></news:news></url>"
        for e in recent
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}" xmlns:news="{NEWS_NS}">{rows}</urlset>\n'
    ).encode()


def _videos() -> bytes:
    rows = "".join(
        f"<url><loc>{SITE}/actueel/videos/{slug}</loc><video:video><video:thumbnail_loc>{SITE}/binaries/{slug}.jpg"
        f"</video:thumbnail_loc><video:title>{escape(title)}</video:title><video:description>{escape(title)}."
        f"</video:description></video:video></url>"
        for slug, title in (
            ("uitleg-miljoenennota-2027", "Uitleg bij de Miljoenennota 2027"),
            ("persconferentie-na-ministerraad", "Persconferentie na de ministerraad"),
        )
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{NS}" xmlns:video="{VIDEO_NS}">{rows}</urlset>\n'.encode()


def sitemap_files(entries: list[Entry], now: datetime) -> dict[str, bytes]:
    """Every sitemap file of the site -> {relative file: bytes}; gzip with mtime 0 (same bytes every build)."""
    files: dict[str, bytes] = {}
    newest: dict[str, datetime] = {}
    for name, groups in URLSETS.items():
        chosen = [e for e in entries if group_of(e.path) in groups]
        body = _urlset(chosen)
        files[name] = gzip.compress(body, mtime=0) if name.endswith(".gz") else body
        newest[name] = max(e.lastmod for e in chosen)
    files[NESTED] = _index({n: newest[n] for n in ("sitemap/3.xml", "sitemap/4.xml")})
    newest[NESTED] = max(newest["sitemap/3.xml"], newest["sitemap/4.xml"])
    files["news/sitemap.xml"] = _news(entries, now)
    newest["news/sitemap.xml"] = now
    files["videos/sitemap.xml"] = _videos()
    newest["videos/sitemap.xml"] = datetime(2026, 9, 16, 12, 0, tzinfo=now.tzinfo)
    files["sitemap.xml"] = _index({n: newest[n] for n in sorted(TOP)})
    return files
