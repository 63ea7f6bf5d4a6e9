"""Numbered schema migrations, each applied once in its own transaction and recorded in schema_migrations.

To change the schema, append a new (number, name, sql) tuple; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "initial",
        """
    CREATE TABLE persons (
        slug TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT, ministry TEXT, ministry_abbr TEXT, cabinet TEXT,
        start_date TEXT, end_date TEXT, agenda_url TEXT, url TEXT,
        updated_at TEXT
    );
    -- every fetched page (body zlib-compressed): provenance, re-parse without re-fetch
    CREATE TABLE pages (
        url TEXT PRIMARY KEY,
        final_url TEXT NOT NULL,
        kind TEXT NOT NULL,
        status INTEGER NOT NULL,
        headers TEXT NOT NULL DEFAULT '{}',
        fetched_at TEXT NOT NULL,
        etag TEXT, last_modified TEXT,
        sha256 TEXT,
        body BLOB,
        parsed_sha256 TEXT           -- sha256 of the body last parsed into activities
    );
    CREATE INDEX pages_kind ON pages(kind);
    -- which listing (of which person) linked which item page
    CREATE TABLE page_links (
        item_url TEXT NOT NULL,
        person_slug TEXT NOT NULL DEFAULT '',
        listing_url TEXT,
        link_title TEXT, link_date TEXT,
        first_seen TEXT NOT NULL, last_seen TEXT NOT NULL,
        PRIMARY KEY (item_url, person_slug)
    );
    CREATE TABLE agenda_pages (
        url TEXT PRIMARY KEY,
        persons TEXT NOT NULL DEFAULT '[]',    -- JSON list of slugs
        title TEXT NOT NULL,
        page_date TEXT NOT NULL,
        ministry TEXT,
        location_text TEXT,
        kind TEXT NOT NULL DEFAULT 'single',
        source TEXT NOT NULL DEFAULT 'rijksoverheid',
        content_sha256 TEXT,
        field_sources TEXT NOT NULL DEFAULT '{}',
        first_seen TEXT, last_seen TEXT
    );
    CREATE TABLE activities (
        id TEXT PRIMARY KEY,
        page_url TEXT NOT NULL,
        persons TEXT NOT NULL DEFAULT '[]',    -- JSON list of slugs
        date TEXT NOT NULL,
        start_time TEXT, end_time TEXT,
        type_label TEXT,
        title TEXT NOT NULL,
        description TEXT,
        location_text TEXT,
        ministry TEXT,
        ordinal INTEGER NOT NULL DEFAULT 0,
        source TEXT NOT NULL DEFAULT 'rijksoverheid',
        first_seen TEXT, last_seen TEXT
    );
    CREATE INDEX activities_page ON activities(page_url);
    CREATE INDEX activities_date ON activities(date);
    CREATE TABLE enrichments (
        activity_id TEXT NOT NULL,
        version TEXT NOT NULL,
        place TEXT, gm_code TEXT, gemeente TEXT, province TEXT, country TEXT,
        lat REAL, lon REAL,
        precision TEXT NOT NULL DEFAULT 'none',
        is_den_haag INTEGER NOT NULL DEFAULT 0,
        is_abroad INTEGER NOT NULL DEFAULT 0,
        npvr_region TEXT,
        activity_type TEXT NOT NULL DEFAULT 'overig',
        confidence REAL NOT NULL DEFAULT 0,
        reason TEXT NOT NULL DEFAULT '',
        override INTEGER NOT NULL DEFAULT 0,
        enriched_at TEXT,
        PRIMARY KEY (activity_id, version)
    );
    CREATE TABLE problems (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        stage TEXT NOT NULL,
        url TEXT NOT NULL DEFAULT '',       -- '' when not about a URL
        item_id TEXT NOT NULL DEFAULT '',   -- '' when not about one activity
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        resolved INTEGER NOT NULL DEFAULT 0,
        UNIQUE (stage, url, item_id, reason)
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL DEFAULT 'running',
        counts TEXT NOT NULL DEFAULT '{}',
        settings TEXT NOT NULL DEFAULT '{}'
    );
    """,
    ),
    (
        2,
        "current_enrichments view",
        """
    CREATE INDEX enrichments_at ON enrichments(activity_id, enriched_at);
    -- the newest enrichment row of each activity (whatever enricher version wrote it)
    CREATE VIEW current_enrichments AS
        SELECT e.* FROM enrichments e
        WHERE e.rowid = (SELECT e2.rowid FROM enrichments e2 WHERE e2.activity_id = e.activity_id
                         ORDER BY e2.enriched_at DESC, e2.version DESC LIMIT 1);
    """,
    ),
    (
        3,
        "activity duplicates",
        """
    -- a roll-up line that also has its own item page: the line is not an activity row, the item page's is;
    -- kept here with both pages (provenance) and its own values, so it comes back when the pair breaks
    CREATE TABLE activity_duplicates (
        line_id TEXT PRIMARY KEY,          -- the roll-up line's activity id (stable)
        line_page_url TEXT NOT NULL,       -- the roll-up page
        kept_id TEXT NOT NULL,             -- the item page's activity that counts
        kept_page_url TEXT NOT NULL,
        similarity REAL NOT NULL,
        line TEXT NOT NULL,                -- the line's activity as JSON
        at TEXT NOT NULL
    );
    CREATE INDEX activity_duplicates_kept ON activity_duplicates(kept_page_url);
    CREATE INDEX activity_duplicates_line ON activity_duplicates(line_page_url);
    """,
    ),
    (
        4,
        "discovery routes: item signals, removals",
        """
    -- what each discovery route (search | sitemap | listings | rss) said of an item page, per route: its change
    -- signal, the publication instant the site gives (search sort_date, sitemap lastmod, RSS pubDate) and the
    -- structured fields of a search result; last_run tells which run last saw it (absence = removal candidate)
    CREATE TABLE item_signals (
        url TEXT NOT NULL,                 -- canonical item URL
        route TEXT NOT NULL,
        signal TEXT,
        published_at TEXT,
        fields TEXT NOT NULL DEFAULT '{}',
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        last_run INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (url, route)
    );
    CREATE INDEX item_signals_route ON item_signals(route, last_run);
    -- an item gone from the site (HTTP 404/410, or absent from a complete enumeration of a route that listed
    -- it): kept, marked with when and why; outputs leave it out by default
    ALTER TABLE agenda_pages ADD COLUMN removed_at TEXT;
    ALTER TABLE agenda_pages ADD COLUMN removed_reason TEXT;
    """,
    ),
    (
        5,
        "activity versions",
        """
    -- every change of a stored activity between crawls (written by store.activities.replace_activities): which
    -- fields changed, their old and new values, when agendakaart saw it; an activity gone from its page is kept
    -- here whole (change 'verdwenen'). root_id: the first id of the activity (ids hash the text, so an edited
    -- text gives a new id; root_id stays), the stable id for feeds
    CREATE TABLE activity_versions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        activity_id TEXT NOT NULL,         -- the id after the change (for 'verdwenen': the id that vanished)
        old_id TEXT NOT NULL,              -- the id before the change
        root_id TEXT NOT NULL,
        page_url TEXT NOT NULL,
        date TEXT NOT NULL,                -- the activity's date (after the change)
        change TEXT NOT NULL,              -- gewijzigd | verdwenen
        fields TEXT NOT NULL DEFAULT '[]', -- JSON list of the changed fields
        old TEXT NOT NULL DEFAULT '{}',    -- JSON: field -> old value (for 'verdwenen': the whole row)
        new TEXT NOT NULL DEFAULT '{}',    -- JSON: field -> new value
        first_seen TEXT,                   -- when agendakaart first saw the activity (under its root id)
        seen_at TEXT NOT NULL
    );
    CREATE INDEX activity_versions_activity ON activity_versions(activity_id);
    CREATE INDEX activity_versions_root ON activity_versions(root_id);
    CREATE INDEX activity_versions_page ON activity_versions(page_url);
    """,
    ),
]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def known_version() -> int:
    """The newest schema version this agendakaart knows."""
    return max((n for n, _, _ in MIGRATIONS), default=0)


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def recorded_versions(conn: sqlite3.Connection) -> set[int]:
    """The migrations recorded in the database (empty for a new one)."""
    if not _has_table(conn, "schema_migrations"):
        return set()
    return {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}


def check_schema(conn: sqlite3.Connection, label: str) -> None:
    """Raise StoreError for a database of another program, or of a newer agendakaart (versions named)."""
    from agendakaart.errors import StoreError

    if not _has_table(conn, "schema_migrations"):
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        if tables:
            raise StoreError(
                f"{label} is een SQLite-database van een ander programma (geen agendakaart-schema): "
                f"agendakaart schrijft er niets in; geef een eigen database met --db"
            )
        return
    newest = max(recorded_versions(conn), default=0)
    if newest > known_version():
        raise StoreError(
            f"database {label} heeft schemaversie {newest}, deze agendakaart kent versie "
            f"{known_version()}: werk agendakaart bij (pip install -U agendakaart) of gebruik een "
            f"andere database"
        )


def pending_migrations(conn: sqlite3.Connection) -> list[int]:
    done = recorded_versions(conn)
    return [n for n, _, _ in MIGRATIONS if n not in done]


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every migration not yet recorded; return the schema version now in force (also PRAGMA user_version)."""
    check_schema(conn, "(database)")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
    )
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    for number, name, sql in MIGRATIONS:
        if number in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", (number, name, _now()))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    version = known_version()
    if conn.execute("PRAGMA user_version").fetchone()[0] != version:
        conn.execute(f"PRAGMA user_version = {int(version)}")
    return version


def _statements(sql: str) -> list[str]:
    """Split a migration script on ';' at line ends (our scripts hold no ';' inside strings)."""
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
