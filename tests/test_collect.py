"""The collector end to end over real HTTP on 127.0.0.1, against the hand-written site in fixtures/site."""

from __future__ import annotations

import json
from datetime import date
import shutil
from pathlib import Path

import pytest

from agendakaart.errors import NothingFound
from agendakaart.pipeline.collect import collect
from agendakaart.replica import ReplicaServer
from agendakaart.settings import Settings
from agendakaart.sources.http import Fetcher
from agendakaart.store import open_db
from agendakaart.store.problems import open_problems
from collect_helpers import run_collect as _run

SITE = Path(__file__).parent / "fixtures" / "site"
A = "/actueel/agenda/2024"


# (path, date, persons, location_text, title) of every activity the site holds
def _key(row: tuple) -> tuple:
    return tuple("" if v is None else str(v) for v in row)


EXPECTED = sorted(
    [
        (
            f"{A}/05/20/agenda-minister-heinen-week-21",
            "2024-05-21",
            ["eelco-heinen"],
            "Apeldoorn",
            "bezoek aan de Belastingdienst",
        ),
        (
            f"{A}/05/20/agenda-minister-heinen-week-21",
            "2024-05-21",
            ["eelco-heinen"],
            None,
            "gesprek met De Nederlandsche Bank",
        ),
        (
            f"{A}/05/20/agenda-minister-heinen-week-21",
            "2024-05-22",
            ["eelco-heinen"],
            "Tweede Kamer",
            "commissiedebat over de Voorjaarsnota",
        ),
        (
            f"{A}/05/20/agenda-minister-heinen-week-21",
            "2024-05-22",
            ["eelco-heinen"],
            "Utrecht, Jaarbeurs",
            "opening van een congres over pensioenen",
        ),
        (f"{A}/05/20/agenda-minister-heinen-week-21", "2024-05-24", ["eelco-heinen"], None, "Ministerraad"),
        (f"{A}/06/03/overleg-met-vng", "2024-06-03", ["eelco-heinen", "rob-jetten"], "Utrecht", "Overleg met de VNG"),
        (f"{A}/06/10/werkbezoek-twente", "2024-06-10", ["rob-jetten"], "Enschede", "Werkbezoek aan Twente"),
        (f"{A}/06/12/podcast", "2024-06-12", ["rob-jetten"], "Hilversum", "Opname van een podcast"),
        (f"{A}/06/14/nieuw-adres", "2024-06-14", ["rob-jetten"], "Maastricht", "Bezoek aan Maastricht"),
        (f"{A}/06/21/alleen-centraal", "2024-06-21", ["rob-jetten"], "Zwolle", "Opening van een fietsenstalling"),
        (f"{A}/06/24/meta-pagina", "2024-06-24", ["sophie-hermans"], None, "Gesprek met jongeren over klimaat"),
        (f"{A}/06/25/cafe-bezoek", "2024-06-25", ["sophie-hermans"], "Hoorn", "Bezoek aan café De Zwaan"),
        (
            f"{A}/07/05/minister-opent-windpark",
            "2024-07-05",
            ["sophie-hermans"],
            "Eemshaven",
            "Minister opent windpark",
        ),
    ],
    key=_key,
)
LISTING_PATHS = {
    "/regering/bewindspersonen/eelco-heinen/agenda",
    "/regering/bewindspersonen/eelco-heinen/agenda?pagina=2",
    "/regering/bewindspersonen/sophie-hermans/agenda",
    "/regering/bewindspersonen/sophie-hermans/agenda?pagina=2",
    "/regering/bewindspersonen/sophie-hermans/agenda?pagina=1",
    "/regering/bewindspersonen/rob-jetten/agenda",
    "/regering/bewindspersonen/rob-jetten/agenda?pagina=2",
    "/regering/bewindspersonen/rob-jetten/agenda?pagina=3",
    "/actueel/agenda",
}


@pytest.fixture
def site(tmp_path):
    """A private copy of the fixture site (tests may edit pages and faults)."""
    target = tmp_path / "site"
    shutil.copytree(SITE, target)
    return target


def _activities(conn, base: str) -> list[tuple]:
    rows = conn.execute("SELECT page_url, date, persons, location_text, title FROM activities")
    return sorted(((r[0].removeprefix(base), r[1], json.loads(r[2]), r[3], r[4]) for r in rows), key=_key)


def _item_requests(server: ReplicaServer, since: int = 0) -> list[str]:
    return [r.path for r in server.log[since:] if r.path.startswith("/actueel/agenda/2")]


def test_full_crawl_finds_every_activity_once_with_persons_dates_places(site, store):
    with ReplicaServer(site) as server:
        counts = _run(server, store)
        assert _activities(store, server.base_url) == EXPECTED
        problems = {(p.stage, p.url.removeprefix(server.base_url)) for p in open_problems(store)}
    assert problems == {("fetch", f"{A}/06/20/verboden"), ("parse", f"{A}/04/01/kapot")}
    assert counts["persons"] == 3 and counts["listing_pages"] == len(LISTING_PATHS)
    assert counts["activities_new"] == len(EXPECTED) and counts["pages_new"] == 10
    # the redirected item is stored under its final URL, the old one remembered as an alias
    row = store.execute("SELECT final_url, status FROM pages WHERE url LIKE ?", ("%/oud-adres",)).fetchone()
    assert row["final_url"].endswith("/nieuw-adres") and row["status"] == 301
    run = store.execute("SELECT status, counts FROM runs ORDER BY id DESC").fetchone()
    assert run["status"] == "ok" and json.loads(run["counts"])["requests"] == counts["requests"]


def test_no_change_rerun_requests_listings_only(site, store):
    with ReplicaServer(site) as server:
        _run(server, store)
        before = len(server.log)
        counts = _run(server, store)
        again = [r for r in server.log[before:]]
    paths = {r.path for r in again}
    assert paths == LISTING_PATHS | {"/robots.txt", "/regering/bewindspersonen"}
    assert len(again) == len(paths) == counts["requests"]  # each once, nothing else
    assert {r.status for r in again if r.path != "/robots.txt"} == {304}  # all conditional
    assert counts["pages_new"] == counts["pages_changed"] == counts["activities_new"] == 0
    assert _activities(store, server.base_url) == EXPECTED


def test_refresh_refetches_items_conditionally_and_keeps_ids(site, store):
    with ReplicaServer(site) as server:
        _run(server, store)
        ids = sorted(r[0] for r in store.execute("SELECT id FROM activities"))
        before = len(server.log)
        counts = _run(server, store, refresh=True)
        items = [r for r in server.log[before:] if r.path.startswith(f"{A}/")]
    assert {r.status for r in items if "oud-adres" not in r.path} == {304}
    assert len(items) >= 10 and counts["activities_new"] == 0
    assert sorted(r[0] for r in store.execute("SELECT id FROM activities")) == ids


def test_changed_listing_entry_refetches_that_item_only(site, store):
    listing = site / "regering/bewindspersonen/rob-jetten/agenda/pagina=2.html"
    with ReplicaServer(site) as server:
        _run(server, store)
        listing.write_text(listing.read_text().replace("Werkbezoek Twente", "Werkbezoek Twente (gewijzigd)"))
        page = site / "actueel/agenda/2024/06/10/werkbezoek-twente.html"
        page.write_text(page.read_text().replace('"Enschede"', '"Hengelo"'))
        before = len(server.log)
        counts = _run(server, store)
        assert _item_requests(server, before) == [f"{A}/06/10/werkbezoek-twente"]
        got = store.execute("SELECT location_text FROM activities WHERE page_url LIKE '%twente'").fetchall()
    assert [r[0] for r in got] == ["Hengelo"] and counts["pages_changed"] == 1
    assert counts["activities_updated"] == 1 and counts["activities_new"] == 0


def test_rollup_edit_replaces_its_activities(site, store):
    page = site / "actueel/agenda/2024/05/20/agenda-minister-heinen-week-21.html"
    with ReplicaServer(site) as server:
        _run(server, store)
        page.write_text(page.read_text().replace("<ul><li>Ministerraad</li></ul>", "<ul><li>Gesprek: nieuw</li></ul>"))
        counts = _run(server, store, refresh=True)
        titles = [
            r[0] for r in store.execute("SELECT title FROM activities WHERE page_url LIKE '%week-21' ORDER BY ordinal")
        ]
    assert titles[-1] == "nieuw" and "Ministerraad" not in titles and len(titles) == 5
    assert counts["activities_new"] == 1 and counts["pages_changed"] == 1


def test_transient_faults_are_retried_and_the_crawl_completes(site, store):
    faults = {
        "rules": [
            {"path": "/regering/bewindspersonen/rob-jetten/agenda", "status": 429, "retry_after": 1, "times": 1},
            {"path": f"{A}/06/12/podcast", "status": 500, "times": 2},
            {"path": f"{A}/06/10/werkbezoek-twente", "drop": True, "times": 1},
            {"path": f"{A}/07/05/minister-opent-windpark", "truncate": 300, "times": 1},
            {"match": "^/actueel/agenda/2024/06/21/", "delay": 0.2},
        ]
    }
    with ReplicaServer(site, faults=faults) as server:
        counts = _run(server, store)
        assert _activities(store, server.base_url) == EXPECTED
        statuses = [r.status for r in server.requests_for(f"{A}/06/12/podcast")]
    assert statuses == [500, 500, 200]
    assert counts["problems"] == 2  # only the two permanent ones (robots, no title)


def test_persistent_failure_is_a_problem_until_the_page_succeeds(site, store):
    with ReplicaServer(site, faults={"rules": [{"path": f"{A}/06/12/podcast", "status": 503}]}) as server:
        settings = Settings(base_url=server.base_url, rate=1000, max_retries=1, routes=("listings",))
        with Fetcher(settings, sleep=lambda s: None) as fetcher:
            collect(settings, store, fetcher=fetcher)
        reasons = [p.reason for p in open_problems(store) if p.url.endswith("/podcast")]
        assert len(reasons) == 1 and "503" in reasons[0]
        port = server.port
    with ReplicaServer(site, port=port) as server:  # the fault is gone: the page now succeeds
        _run(server, store)
        assert _item_requests(server) == [f"{A}/06/12/podcast"]  # only the failed page is fetched again
    assert not [p for p in open_problems(store) if p.url.endswith("/podcast")]


def test_persons_since_until_limit_the_crawl(site, store):
    # since 17 June keeps items from 11 June on: a roll-up's path date is its Monday
    with ReplicaServer(site) as server:
        counts = _run(server, store, persons=("rob-jetten",), since=date(2024, 6, 17), until=date(2024, 6, 30))
        got = _activities(store, server.base_url)
        requested = {r.path for r in server.log}
    assert [g[0] for g in got] == [f"{A}/06/12/podcast", f"{A}/06/14/nieuw-adres"]
    assert counts["persons"] == 1 and "/actueel/agenda" not in requested
    assert not any("eelco-heinen/agenda" in p for p in requested)


def test_robots_disallow_everything(site, store):
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    with ReplicaServer(site) as server:
        with pytest.raises(NothingFound) as caught:
            _run(server, store)
        assert [r.path for r in server.log] == ["/robots.txt"]
    # the route is skipped and named, never used; the run found nothing and says so (the CLI exits non-zero)
    assert caught.value.lines == [
        "agendalijsten: overgeslagen: robots.txt verbiedt deze route (robots.txt verbiedt /regering/bewindspersonen)"
    ]
    assert store.execute("SELECT status FROM runs").fetchone()[0] == "empty"


def test_item_on_two_listings_is_one_page_with_both_persons(site, store):
    with ReplicaServer(site) as server:
        _run(server, store)
    rows = store.execute("SELECT persons FROM activities WHERE page_url LIKE '%overleg-met-vng'").fetchall()
    links = store.execute(
        "SELECT person_slug FROM page_links WHERE item_url LIKE '%overleg-met-vng' ORDER BY 1"
    ).fetchall()
    assert [json.loads(r[0]) for r in rows] == [["eelco-heinen", "rob-jetten"]]
    assert [r[0] for r in links] == ["eelco-heinen", "rob-jetten"]


def test_second_person_found_later_is_added_without_refetch(site, store):
    with ReplicaServer(site) as server:
        _run(server, store, persons=("eelco-heinen",))
        before = len(server.log)
        _run(server, store, persons=("rob-jetten",))
        assert f"{A}/06/03/overleg-met-vng" not in _item_requests(server, before)
    rows = store.execute("SELECT persons FROM activities WHERE page_url LIKE '%overleg-met-vng'").fetchall()
    assert [json.loads(r[0]) for r in rows] == [["eelco-heinen", "rob-jetten"]]


def test_collect_and_doctor_commands(site, tmp_path):
    from click.testing import CliRunner

    from agendakaart.cli import main

    db = tmp_path / "cli.db"
    with ReplicaServer(site) as server:
        result = CliRunner().invoke(
            main,
            ["collect", "--base-url", server.base_url, "--db", str(db), "--rate", "1000", "--persons", "eelco-heinen"],
        )
        assert result.exit_code == 0, result.output
        doctor = CliRunner().invoke(main, ["doctor", "--base-url", server.base_url, "--rate", "1000"])
    conn = open_db(db)
    pages = {r[0].removeprefix(server.base_url) for r in conn.execute("SELECT DISTINCT page_url FROM activities")}
    conn.close()
    assert pages == {f"{A}/05/20/agenda-minister-heinen-week-21", f"{A}/06/03/overleg-met-vng"}
    assert doctor.exit_code == 0 and "bronnen: labels, meta, url" in doctor.output and "in orde" in doctor.output
    assert "robots.txt" in doctor.output  # the first item is forbidden: doctor says so and tries the next


def test_doctor_fails_when_no_source_is_found(tmp_path):
    from agendakaart.pipeline.collect import doctor

    site = tmp_path / "leeg"
    (site / "regering/bewindspersonen/a/agenda").mkdir(parents=True)
    (site / "regering/bewindspersonen/index.html").write_text('<a href="/regering/bewindspersonen/a">A</a>')
    (site / "regering/bewindspersonen/a/index.html").write_text("<h1>A</h1>")
    (site / "regering/bewindspersonen/a/agenda/index.html").write_text("<p>Nieuw ontwerp, geen links</p>")
    with ReplicaServer(site) as server:
        result = doctor(Settings(base_url=server.base_url, rate=1000))
    assert result["ok"] is False and result["item"] is None
    assert [s[0] for s in result["steps"]] == ["persons", "person", "listing"]
    assert result["steps"][2][2].startswith("0 agenda-items")


def test_index_failing_later_falls_back_to_persons_found_before(site, store):
    with ReplicaServer(site) as server:
        _run(server, store)
        port = server.port
    with ReplicaServer(
        site, port=port, faults={"rules": [{"path": "/regering/bewindspersonen", "status": 503}]}
    ) as server:
        settings = Settings(base_url=server.base_url, rate=1000, max_retries=0, routes=("listings",))
        with Fetcher(settings, sleep=lambda s: None) as fetcher:
            counts = collect(settings, store, fetcher=fetcher)
    assert counts["persons"] == 3 and counts["listing_pages"] == len(LISTING_PATHS)
    assert [p.url.rsplit("/", 2)[-2:] for p in open_problems(store) if p.stage == "fetch" and "503" in p.reason] == [
        ["regering", "bewindspersonen"]
    ]


def test_listing_cap_stops_and_is_recorded(site, store):
    with ReplicaServer(site) as server:
        counts = _run(server, store, max_listing_pages=2)
        jetten = [r.path for r in server.log if "rob-jetten/agenda" in r.path]
    capped = [p for p in open_problems(store) if "limiet" in p.reason]
    assert jetten == [
        "/regering/bewindspersonen/rob-jetten/agenda",
        "/regering/bewindspersonen/rob-jetten/agenda?pagina=2",
    ]
    assert sorted(p.url.rsplit("/", 2)[-2:] for p in capped) == [["rob-jetten", "agenda"], ["sophie-hermans", "agenda"]]
    assert counts["listing_pages"] == len(LISTING_PATHS) - 2


def test_a_crashing_page_is_a_problem_and_the_run_goes_on(site, store, monkeypatch):
    import agendakaart.pipeline.collect as pipeline

    real = pipeline.parse_item

    def crashing(html, url, people=None):
        if url.endswith("/podcast"):
            raise TypeError("unexpected payload shape")
        return real(html, url, people)

    monkeypatch.setattr(pipeline, "parse_item", crashing)
    with ReplicaServer(site) as server:
        _run(server, store)
        got = _activities(store, server.base_url)
    assert got == [row for row in EXPECTED if not row[0].endswith("/podcast")]
    assert [p.reason for p in open_problems(store) if p.url.endswith("/podcast")] == [
        "onleesbare pagina: TypeError: unexpected payload shape"
    ]
