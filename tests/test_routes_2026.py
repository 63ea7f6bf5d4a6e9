"""Discovery routes against a site in the 2026 platform's shape (tests/site2026.py), over real HTTP on 127.0.0.1:
each route alone, `auto` with routes failing or disallowed, the search API's cap and date splitting,
attribution of a former bewindspersoon, no doubled bullets, a no-change re-run, an edit, a removal, and a run
that finds nothing."""

from __future__ import annotations

import json
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from agendakaart.cli import main
from agendakaart.errors import NothingFound
from agendakaart.pipeline.collect import collect_report
from agendakaart.settings import Settings
from agendakaart.sources.http import Fetcher
from agendakaart.store import open_db
from agendakaart.store.problems import open_problems
from site2026 import Site2026, build_items

ITEMS = build_items()
SINGLES = [i for i in ITEMS if not i.rollup]
ROLLUPS = [i for i in ITEMS if i.rollup]
N_ACTIVITIES = len(SINGLES) + sum(len(i.rollup) for i in ROLLUPS)


def crawl(site: Site2026, conn, *routes: str, **kw):
    settings = Settings(base_url=site.base_url, rate=1000, db_path=Path(":memory:"), routes=routes or ("auto",), **kw)
    with Fetcher(settings, sleep=lambda s: None) as fetcher:
        return collect_report(settings, conn, fetcher=fetcher)


def item_fetches(site: Site2026, since: int = 0) -> list[str]:
    return [p for m, p, _s in site.log[since:] if m == "GET" and "/actueel/agenda/20" in p]


def activities(conn) -> list[tuple]:
    rows = conn.execute(
        "SELECT page_url, persons, date, title, location_text FROM activities ORDER BY page_url, ordinal"
    ).fetchall()
    return [(r[0].split("/actueel")[1], json.loads(r[1]), r[2], r[3], r[4]) for r in rows]


@pytest.fixture
def conn():
    c = open_db(":memory:")
    yield c
    c.close()


@pytest.mark.parametrize("route", ["search", "sitemap"])
def test_each_central_route_alone_finds_every_item(route, conn):
    with Site2026() as site:
        counts, lines = crawl(site, conn, route)
    assert counts[f"route_{route}"] == len(ITEMS)
    assert len(activities(conn)) == N_ACTIVITIES
    assert lines[0].startswith({"search": "zoek-API: 42 items", "sitemap": "sitemaps: 42 items"}[route])


def test_client_rendered_listings_alone_are_a_problem_and_a_failed_run(conn):
    with Site2026() as site, pytest.raises(NothingFound) as caught:
        crawl(site, conn, "listings")
    assert "worden in de browser geladen" in caught.value.lines[0]
    reasons = [p.reason for p in open_problems(conn)]
    assert any(r.startswith("lijst wordt in de browser geladen") for r in reasons)
    assert conn.execute("SELECT status FROM runs").fetchone()[0] == "empty"


def test_auto_takes_the_union_and_names_each_route(conn):
    with Site2026() as site:
        counts, lines = crawl(site, conn)
    assert counts["route_search"] == counts["route_sitemap"] == len(ITEMS)
    assert counts["route_listings"] == counts["route_rss"] == 0
    assert [line.split(":")[0] for line in lines] == ["zoek-API", "sitemaps", "agendalijsten", "RSS"]
    assert counts["pages_new"] == len(ITEMS) and len(activities(conn)) == N_ACTIVITIES


def test_robots_disallowing_api_skips_search_and_the_sitemaps_carry_the_run(conn):
    with Site2026() as site:
        site.robots = "User-agent: *\nDisallow: /api/\n"
        counts, lines = crawl(site, conn)
        assert not [p for m, p, _s in site.log if p.startswith("/api/")]
    assert lines[0].startswith("zoek-API: overgeslagen: robots.txt verbiedt")
    assert counts["route_sitemap"] == len(ITEMS) and len(activities(conn)) == N_ACTIVITIES


def test_search_cap_splits_by_date_and_learns_the_page_size(conn):
    with Site2026() as site:
        crawl(site, conn, "search")
        bodies = [json.loads(b) for b in _search_bodies(conn)]
    sizes = {b["requestState"]["resultsPerPage"] for b in bodies}
    assert 100 in sizes and 20 in sizes  # 100 refused with 400, then 20
    ranged = [f for b in bodies for f in b["requestState"]["filters"] if f["field"] == "sort_date"]
    assert ranged, "the cap of 30 results must force a date range"
    for f in ranged:
        value = f["values"][0]
        assert value["from"].endswith("Z") and "T" in value["from"] and "T" in value["to"]
    type_filters = {
        f["values"][0] for b in bodies for f in b["requestState"]["filters"] if f["field"] == "information_type"
    }
    assert type_filters == {"Agenda-item"}  # learnt from the facet


def _search_bodies(conn):
    # every API answer is kept as a page; the request bodies are reconstructed from the server's log instead
    return [json.dumps(b) for b in _LAST_BODIES]


_LAST_BODIES: list = []


@pytest.fixture(autouse=True)
def _record_bodies(monkeypatch):
    original = Fetcher.post_json

    def spy(self, url, payload, kind):
        _LAST_BODIES.append(payload)
        return original(self, url, payload, kind)

    _LAST_BODIES.clear()
    monkeypatch.setattr(Fetcher, "post_json", spy)


def test_former_bewindspersoon_by_link_and_by_post_and_no_doubled_bullets(conn):
    with Site2026() as site:
        crawl(site, conn)
    got = activities(conn)
    assert all(persons == ["dick-schoof"] for _u, persons, *_ in got)  # gone from the index, found by link / post
    week = [a for a in got if a[0].endswith("week-12")]
    assert [a[3] for a in week] == [
        "Ministerraad",
        "bezoek aan een school",
        "overleg met de burgemeester van Groningen",
    ]
    first = next(a for a in got if a[0].endswith("werkbezoek-assen-0"))
    assert first[4] == "Assen"  # location only in the search index: its location title
    description = conn.execute("SELECT description FROM activities WHERE page_url LIKE '%assen-0'").fetchone()[0]
    assert "Hoort bij" not in description and "Meer over" not in description and "bezoekt Emmen" not in description


def test_no_change_rerun_fetches_no_item_page(conn):
    with Site2026() as site:
        crawl(site, conn)
        before = len(site.log)
        counts, _ = crawl(site, conn)
        assert item_fetches(site, before) == []
    assert counts["pages_unchanged"] == len(ITEMS) and counts["activities_new"] == 0


def test_edited_item_is_refetched_and_updated_and_removed_one_marked(conn):
    with Site2026() as site:
        crawl(site, conn)
        edited, gone = SINGLES[4], SINGLES[7]
        site.items[site.items.index(next(i for i in site.items if i.path == edited.path))].location = "Vlissingen"
        for i in site.items:
            if i.path == edited.path:
                i.search_location, i.sort_date = "Vlissingen", "2025-03-01T09:00:00.000Z"
        site.removed.add(gone.path)
        before = len(site.log)
        counts, _ = crawl(site, conn)
        assert item_fetches(site, before) == [edited.path]
    loc = conn.execute("SELECT location_text FROM activities WHERE page_url LIKE ?", (f"%{edited.path}",)).fetchone()
    assert loc[0] == "Vlissingen" and counts["activities_updated"] + counts["activities_new"] >= 1
    removed = conn.execute("SELECT url, removed_reason FROM agenda_pages WHERE removed_at IS NOT NULL").fetchall()
    assert [r[0].endswith(gone.path) for r in removed] == [True] and counts["removed"] == 1
    assert conn.execute("SELECT COUNT(*) FROM activities WHERE page_url LIKE ?", (f"%{gone.path}",)).fetchone()[0] == 1


def test_search_api_answering_html_is_a_problem_and_the_sitemaps_go_on(conn, monkeypatch):
    with Site2026() as site:
        monkeypatch.setattr(site, "search", lambda body: (200, "text/html", b"<html>Storing</html>", {}))
        counts, lines = crawl(site, conn)
    assert lines[0] == "zoek-API: mislukt (zoekvraag mislukt)"
    assert any("zoek-API gaf geen JSON maar HTML" in p.reason for p in open_problems(conn))
    assert counts["route_sitemap"] == len(ITEMS)


def test_sitemap_index_looping_into_itself_stops(conn, monkeypatch):
    with Site2026() as site:
        loop = (
            "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            f"<sitemap><loc>{site.base_url}/sitemap.xml</loc></sitemap></sitemapindex>"
        )
        monkeypatch.setattr(site, "sitemap_index", lambda: loop)
        counts, lines = crawl(site, conn, "sitemap", "search")
        assert sum(1 for _m, p, _s in site.log if p == "/sitemap.xml") == 1
    assert counts["route_search"] == len(ITEMS) and lines[0].startswith("sitemaps: geen items")


def test_unreachable_site_exits_non_zero_with_a_line_per_route(tmp_path, monkeypatch):
    monkeypatch.setattr(Fetcher, "_backoff", lambda self, *a: 0.0)  # retries without waiting
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(
        main, ["collect", "--base-url", f"http://127.0.0.1:{port}", "--db", str(tmp_path / "x.db"), "--rate", "1000"]
    )
    assert result.exit_code == 1
    assert "niet bereikbaar" in result.output
    for label in ("zoek-API", "sitemaps", "agendalijsten", "RSS"):
        assert f"  {label}: " in result.output


def test_item_only_under_meer_over_dit_onderwerp_is_discovered_not_a_bullet(conn):
    with Site2026() as site:
        hidden = SINGLES[1].path  # linked from the first item's "Meer over dit onderwerp"
        site.hidden.add(hidden)
        counts, _ = crawl(site, conn)
    assert counts["route_search"] == len(ITEMS) - 1 and counts["route_related"] == 1
    assert len(activities(conn)) == N_ACTIVITIES  # found once, and never as a line of the page linking it


def test_doctor_checks_every_route_and_saves_what_it_fetched(tmp_path):
    out = tmp_path / "doctor"
    with Site2026() as site:
        result = CliRunner().invoke(main, ["doctor", "--base-url", site.base_url, "--rate", "1000", "--save", str(out)])
    assert result.exit_code == 0, result.output
    assert "zoek-API: bereikbaar, toegestaan door robots.txt, 20 agenda-items gevonden" in result.output
    assert "agendalijsten: bereikbaar" in result.output and "lijst wordt in de browser geladen" in result.output
    assert "weekoverzicht: " in result.output and "in orde" in result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    whats = [f["what"] for f in manifest["files"]]
    for wanted in (
        "robots.txt",
        "zoekvraag (facetten)",
        "zoekvraag (agenda)",
        "sitemap",
        "agenda-item",
        "roll-up",
        "index bewindspersonen",
    ):
        assert wanted in whats, wanted
    search = next(f for f in manifest["files"] if f["what"] == "zoekvraag (agenda)")
    assert json.loads((out / search["request_file"]).read_text())["requestState"]["filters"][0]["values"] == [
        "Agenda-item"
    ]
    for f in manifest["files"]:
        assert (out / f["file"]).is_file()
    again = CliRunner().invoke(main, ["doctor", "--base-url", "http://127.0.0.1:9", "--save", str(out)])
    assert again.exit_code != 0


def test_doctor_fails_a_page_that_gives_only_meta_and_url(monkeypatch):
    import site2026

    def bare(item, others):
        return (
            f"<html><head><meta name=\"DCTERMS.title\" content=\"{item.title}\"></head><body><div id=\"app\">"
            f"</div></body></html>"
        )

    monkeypatch.setattr(site2026, "item_html", bare)
    with Site2026() as site:
        result = CliRunner().invoke(main, ["doctor", "--base-url", site.base_url, "--rate", "1000"])
    assert result.exit_code == 1
    assert "VERDACHT: alleen meta- en URL-gegevens" in result.output and "NIET in orde" in result.output


@pytest.mark.parametrize("totals", [True, False])
def test_search_api_that_silently_pages_by_a_smaller_size(conn, totals):
    with Site2026() as site:
        site.clamp, site.totals = 10, totals
        counts, _ = crawl(site, conn, "search")
    assert counts["route_search"] == len(ITEMS)
    bodies = [json.dumps(b, sort_keys=True) for b in _LAST_BODIES]
    assert len(bodies) == len(set(bodies))  # no request asked twice (the size probe's page 2 is used, not re-asked)


def test_a_window_with_no_items_says_so(tmp_path):
    with Site2026() as site:
        result = CliRunner().invoke(
            main,
            [
                "collect",
                "--base-url",
                site.base_url,
                "--db",
                str(tmp_path / "w.db"),
                "--rate",
                "1000",
                "--since",
                "2020-01-01",
                "--until",
                "2020-12-31",
            ],
        )
    assert result.exit_code == 1
    assert "geen agenda-item in de gekozen periode" in result.output and "alle buiten --since/--until" in result.output


def test_status_groups_a_reason_shared_by_many_problems():
    from agendakaart.cli.collect import _problem_lines
    from agendakaart.models import Problem

    many = [Problem(stage="parse", reason="lijst wordt in de browser geladen", url=f"http://h/p{i}") for i in range(5)]
    lines = _problem_lines([*many, Problem(stage="fetch", reason="HTTP 404", url="http://h/x")])
    assert lines == ["[parse] 5× lijst wordt in de browser geladen (bijv. http://h/p0)", "[fetch] http://h/x: HTTP 404"]
