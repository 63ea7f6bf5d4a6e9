"""`collect` with no route flag against the project's replica of the 2026 platform (replica_site/platform2026.py),
in both robots variants: every activity once with the right persons, location text and times, robots obeyed,
no item fetched on a no-change re-run, and revision 2's edit, cancellation, new item and removal seen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agendakaart.pipeline.collect import collect_report
from agendakaart.replica import ReplicaServer
from agendakaart.replica_site.platform2026 import build_site_2026
from agendakaart.settings import Settings
from agendakaart.sources.http import Fetcher
from agendakaart.store import open_db
from collect_helpers import settle

FIELDS = ("persons", "date", "title", "location_text", "start_time")


def _crawl(server: ReplicaServer, conn) -> tuple[dict, list[str]]:
    settings = Settings(base_url=server.base_url, rate=1000, db_path=Path(":memory:"))
    start = len(server.log)
    with Fetcher(settings, sleep=lambda s: None) as fetcher:
        counts, lines = collect_report(settings, conn, fetcher=fetcher)
    settle(server, start + counts["requests"])
    return counts, lines


def _got(conn, base: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    rows = conn.execute(
        "SELECT a.* FROM activities a JOIN agenda_pages p ON p.url = a.page_url "
        "WHERE p.removed_at IS NULL ORDER BY a.page_url, a.ordinal"
    )
    for r in rows:
        out.setdefault(r["page_url"].removeprefix(base), []).append(
            {
                "persons": json.loads(r["persons"]),
                "date": r["date"],
                "title": r["title"],
                "location_text": r["location_text"],
                "start_time": r["start_time"],
            }
        )
    return out


def _want(truth: dict) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for a in truth["activities"]:
        out.setdefault(a["url"], []).append({k: a[k] for k in FIELDS})
    return out


@pytest.mark.parametrize("robots", ["open", "no-api"])
def test_collect_2026_platform_whole_story(tmp_path, robots):
    site = tmp_path / "site"
    build_site_2026(site, seed=1, robots=robots)
    truth = json.loads((site / "expected.json").read_text(encoding="utf-8"))
    conn = open_db(":memory:")
    with ReplicaServer(site) as server:
        counts, lines = _crawl(server, conn)
        assert _got(conn, server.base_url) == _want(truth)
        api = [r.path for r in server.log if r.path.startswith("/api/")]
        if robots == "no-api":
            assert api == [] and lines[0].startswith("zoek-API: overgeslagen: robots.txt verbiedt")
        else:
            assert counts["route_search"] > 0 and any(p == "/api/search" for p in api)
        assert counts["route_sitemap"] == len({a["url"] for a in truth["activities"]})

        before = len(server.log)
        again, _ = _crawl(server, conn)
        assert [r.path for r in server.log[before:] if r.path.startswith("/actueel/agenda/20")] == []
        assert again["activities_new"] == again["activities_updated"] == 0

        build_site_2026(site, seed=1, revision=2, robots=robots)
        truth2 = json.loads((site / "expected.json").read_text(encoding="utf-8"))
        before = len(server.log)
        third, _ = _crawl(server, conn)
        fetched = {r.path for r in server.log[before:] if r.path.startswith("/actueel/agenda/20")}
        assert set(truth2["edited"]) | set(truth2["cancelled"]) | set(truth2["added"]) <= fetched
        assert _got(conn, server.base_url) == _want(truth2)
        removed = [
            r[0].removeprefix(server.base_url)
            for r in conn.execute("SELECT url FROM agenda_pages WHERE removed_at IS NOT NULL")
        ]
        assert removed == truth2["removed"] and third["removed"] == 1
        kept = conn.execute(
            "SELECT COUNT(*) FROM activities WHERE page_url = ?", (server.base_url + truth2["removed"][0],)
        ).fetchone()[0]
        assert kept >= 1  # kept and marked, never deleted
