"""Fetched pages (zlib-compressed bodies, headers JSON), redirect aliases, and page_links (item <-> person <-> listing)."""

from __future__ import annotations

import json
import sqlite3
import zlib
from datetime import datetime, timezone

from agendakaart.models import Page, PageKind

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def page_state(conn: sqlite3.Connection, url: str) -> sqlite3.Row | None:
    """The stored row of a URL without its body: final_url, status, etag, last_modified, sha256, parsed_sha256."""
    return conn.execute(
        "SELECT url, final_url, kind, status, etag, last_modified, sha256, parsed_sha256, fetched_at "
        "FROM pages WHERE url = ?",
        (url,),
    ).fetchone()


def get_page(conn: sqlite3.Connection, url: str) -> Page | None:
    """A stored page with its body decompressed, or None."""
    row = conn.execute("SELECT * FROM pages WHERE url = ?", (url,)).fetchone()
    if row is None:
        return None
    body = zlib.decompress(row["body"]) if row["body"] else b""
    return Page(
        url=row["url"],
        final_url=row["final_url"],
        kind=PageKind(row["kind"]),
        status=row["status"],
        fetched_at=row["fetched_at"],
        body=body,
        headers=json.loads(row["headers"] or "{}"),
        etag=row["etag"],
        last_modified=row["last_modified"],
        sha256=row["sha256"],
    )


def save_page(conn: sqlite3.Connection, page: Page, url: str | None = None) -> str:
    """Upsert a fetched page under `url` (default page.url) -> new | changed | unchanged.

    A 304 answer only refreshes fetched_at: the stored body, ETag and hash stay.
    """
    key = url or page.url
    old = page_state(conn, key)
    if page.status == 304 and old is not None:
        conn.execute("UPDATE pages SET fetched_at = ? WHERE url = ?", (page.fetched_at, key))
        return UNCHANGED
    conn.execute(
        """INSERT INTO pages (url, final_url, kind, status, headers, fetched_at, etag, last_modified, sha256, body)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url, kind = excluded.kind,
             status = excluded.status, headers = excluded.headers, fetched_at = excluded.fetched_at,
             etag = excluded.etag, last_modified = excluded.last_modified, sha256 = excluded.sha256,
             body = excluded.body""",
        (
            key,
            page.final_url,
            page.kind.value,
            page.status,
            json.dumps(page.headers),
            page.fetched_at,
            page.etag,
            page.last_modified,
            page.sha256,
            zlib.compress(page.body, 6) if page.body else None,
        ),
    )
    if old is None:
        return NEW
    return UNCHANGED if old["sha256"] == page.sha256 and old["status"] == page.status else CHANGED


def save_alias(conn: sqlite3.Connection, url: str, final_url: str, kind: PageKind) -> None:
    """Remember that `url` redirects to `final_url`, so it is never fetched again for its own sake."""
    conn.execute(
        """INSERT INTO pages (url, final_url, kind, status, fetched_at) VALUES (?, ?, ?, 301, ?)
           ON CONFLICT (url) DO UPDATE SET final_url = excluded.final_url, status = 301, body = NULL,
             sha256 = NULL, parsed_sha256 = NULL""",
        (url, final_url, kind.value, _now()),
    )


def canonical_url(conn: sqlite3.Connection, url: str) -> str:
    """A URL as stored after redirects (an alias row points to its final URL); unknown URLs map to themselves."""
    seen = {url}
    while True:
        row = conn.execute("SELECT final_url, status FROM pages WHERE url = ?", (url,)).fetchone()
        if row is None or row["status"] != 301 or row["final_url"] in seen:
            return url
        url = row["final_url"]
        seen.add(url)


def mark_parsed(conn: sqlite3.Connection, url: str, sha256: str | None) -> None:
    """Record that the page body with this hash has been parsed into activities (None: must be parsed again)."""
    conn.execute("UPDATE pages SET parsed_sha256 = ? WHERE url = ?", (sha256, url))


def link_entry(conn: sqlite3.Connection, item_url: str, slug: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT link_title, link_date, listing_url FROM page_links WHERE item_url = ? AND person_slug = ?",
        (item_url, slug),
    ).fetchone()


def upsert_link(
    conn: sqlite3.Connection, item_url: str, slug: str, listing_url: str | None, title: str | None, day: str | None
) -> None:
    """Record that a listing (of person `slug`, '' for the central one) links the item."""
    now = _now()
    conn.execute(
        """INSERT INTO page_links (item_url, person_slug, listing_url, link_title, link_date, first_seen, last_seen)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (item_url, person_slug) DO UPDATE SET listing_url = excluded.listing_url,
             link_title = excluded.link_title, link_date = excluded.link_date, last_seen = excluded.last_seen""",
        (item_url, slug, listing_url, title, day, now, now),
    )


def linked_persons(conn: sqlite3.Connection, item_url: str) -> list[str]:
    """Slugs of the persons whose listings link this item (the central listing's '' left out)."""
    rows = conn.execute(
        "SELECT DISTINCT person_slug FROM page_links WHERE item_url = ? AND person_slug != '' ORDER BY 1",
        (item_url,),
    )
    return [r[0] for r in rows]


def count_pages(conn: sqlite3.Connection) -> dict[str, int]:
    """Stored pages per kind (redirect aliases left out)."""
    rows = conn.execute("SELECT kind, COUNT(*) FROM pages WHERE status != 301 GROUP BY kind")
    return {r[0]: r[1] for r in rows}


def stored_item_pages(conn: sqlite3.Connection) -> list[str]:
    """URLs of stored item pages with a 2xx body (for re-parsing without re-fetching)."""
    rows = conn.execute(
        "SELECT url FROM pages WHERE kind = ? AND status BETWEEN 200 AND 299 AND body IS NOT NULL ORDER BY url",
        (PageKind.ITEM.value,),
    )
    return [r[0] for r in rows]
