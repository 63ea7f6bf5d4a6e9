"""Benchmark of the transparency work at scale: N synthetic activities (tests/synthetic.py), a publication date for
each page, then a second "crawl" that stores every page again through replace_activities (10% of them edited),
the per-entry figures, the report section's tables and the feeds.

    .venv/bin/python bench/transparency.py [--n 100000]

Prints the figures; it asserts nothing (the tests do that).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from agendakaart.outputs.transparency_tables import TABLES, figures  # noqa: E402
from agendakaart.pipeline.feeds import write_feed  # noqa: E402
from agendakaart.pipeline.transparency import load_entries  # noqa: E402
from agendakaart.store import history, open_db, transaction  # noqa: E402
from agendakaart.store.activities import _activity_of, replace_activities  # noqa: E402
from synthetic import populate  # noqa: E402


def _timed(label: str, func):
    start = time.perf_counter()
    result = func()
    print(f"{label:<58} {time.perf_counter() - start:8.2f} s")
    return result


def _tables(entries: list[dict], by: str) -> list:
    fig = figures(entries, by)
    return [make(fig, by) for make in TABLES.values()]


def _restore(conn, pages: dict, edit_every: int) -> None:
    with transaction(conn):
        for i, (url, acts) in enumerate(pages.items()):
            if edit_every and i % edit_every == 0:
                acts = [replace(a, title=a.title + " (gewijzigd)", start_time="23:59") for a in acts]
            replace_activities(conn, url, acts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    n = parser.parse_args().n
    with tempfile.TemporaryDirectory() as tmp:
        conn = open_db(Path(tmp) / "bench.db")
        _timed(f"populate {n:,} activities", lambda: populate(conn, n=n, seed=1))
        pages: dict = {}
        for row in conn.execute("SELECT * FROM activities ORDER BY page_url, ordinal"):
            pages.setdefault(row["page_url"], []).append(_activity_of(dict(row)))
        with transaction(conn):
            conn.executemany(
                "INSERT INTO item_signals (url, route, published_at, first_seen, last_seen) "
                "VALUES (?, 'search', '2025-01-01T10:00:00Z', 'x', 'x')",
                [(u,) for u in pages],
            )
        saved = history.record_changes
        history.record_changes = lambda *a, **k: 0
        _timed(f"re-store {len(pages):,} pages unchanged, without history", lambda: _restore(conn, pages, 0))
        history.record_changes = saved
        _timed(f"re-store {len(pages):,} pages unchanged, with history", lambda: _restore(conn, pages, 0))
        _timed("re-store with every 10th page edited (versions)", lambda: _restore(conn, pages, 10))
        print(f"{'versions recorded':<58} {conn.execute('SELECT COUNT(*) FROM activity_versions').fetchone()[0]:8,}")
        entries = _timed("load_entries (all activities)", lambda: load_entries(conn))
        for by in ("ministerie", "bewindspersoon", "maand"):
            _timed(f"figures + three tables per {by}", lambda: _tables(entries, by))
        _timed("feed atom (500 newest)", lambda: write_feed(conn, Path(tmp) / "f.atom", fmt="atom"))
        _timed("feed ics (500 newest)", lambda: write_feed(conn, Path(tmp) / "f.ics", fmt="ics"))
        _timed("feed atom (all activities)", lambda: write_feed(conn, Path(tmp) / "g.atom", fmt="atom", limit=n))
        conn.close()


if __name__ == "__main__":
    main()
