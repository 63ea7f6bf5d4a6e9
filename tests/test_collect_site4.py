"""Fourth red-team round: the collector against fixtures/site4 (table agendas, <h3> Dutch day headings, "Volgende
pagina" to `?p=2`, `<dl>` fields, dates only in the path or in `<time datetime>`, fake items in comments and
scripts, a roll-up line with its own page, central-only items without a name; see its README)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agendakaart.replica import ReplicaServer
from agendakaart.store import open_db
from agendakaart.store.activities import duplicates
from collect_helpers import run_collect as _run

SITE = Path(__file__).parent / "fixtures" / "site4"
TRUTH = json.loads((SITE / "expected.json").read_text(encoding="utf-8"))
AGENDA = "/actueel/agenda/"
FIELDS = ("persons", "start_time", "end_time", "type_label", "location_text", "ministry")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    conn = open_db(tmp_path_factory.mktemp("site4") / "site4.db")
    with ReplicaServer(SITE) as server:
        base = server.base_url
        first = _run(server, conn)
        rows = [dict(r) for r in conn.execute("SELECT * FROM activities")]
        log_first = list(server.log)
        again = _run(server, conn)
        log_again = server.log[len(log_first) :]
    yield {
        "first": first,
        "again": again,
        "rows": rows,
        "log": log_first,
        "log_again": log_again,
        "conn": conn,
        "base": base,
    }
    conn.close()


def _key(row: dict, base: str) -> tuple:
    return row["page_url"].removeprefix(base + AGENDA), row["date"], row["title"]


def test_every_activity_once_with_persons_dates_times_labels_places_ministry(crawled):
    stored = {}
    for r in crawled["rows"]:
        assert _key(r, crawled["base"]) not in stored, f"duplicate activity {_key(r, crawled['base'])}"
        stored[_key(r, crawled["base"])] = {"persons": json.loads(r["persons"]), **{f: r[f] for f in FIELDS[1:]}}
    expected = {(a["url"], a["date"], a["title"]): {f: a[f] for f in FIELDS} for a in TRUTH["activities"]}
    assert (sorted(set(expected) - set(stored)), sorted(set(stored) - set(expected))) == ([], [])
    assert {k: (stored[k], v) for k, v in expected.items() if stored[k] != v} == {}
    assert crawled["first"]["activities_new"] == len(expected) == 15


def test_the_rollup_line_with_its_own_page_is_recorded_as_one_pair(crawled):
    base = crawled["base"] + AGENDA
    pairs = duplicates(crawled["conn"])
    kept = {r["id"]: r for r in crawled["rows"]}
    got = [
        [
            p["line_page_url"].removeprefix(base),
            kept[p["kept_id"]]["date"],
            kept[p["kept_id"]]["title"],
            p["kept_page_url"].removeprefix(base),
        ]
        for p in pairs
    ]
    assert got == TRUTH["duplicates"] and crawled["first"]["duplicates"] == 2
    assert crawled["again"]["duplicates"] == 0


def test_unattributed_central_item_is_listed_as_a_problem(crawled):
    problems = {
        r[0].removeprefix(crawled["base"]): r[1]
        for r in crawled["conn"].execute("SELECT url, stage FROM problems WHERE resolved = 0")
    }
    assert problems == TRUTH["problems"]


def test_fake_items_in_comments_and_scripts_are_never_requested_or_stored(crawled):
    paths = [r.path for r in crawled["log"]]
    assert [p for p in paths if any(n in p for n in TRUTH["never_requested"])] == []
    texts = " ".join(f"{r['title']} {r['location_text']} {r['page_url']}" for r in crawled["rows"])
    assert [w for w in TRUTH["never_stored"] if w in texts] == []
    item_paths = {p for p in paths if p.startswith(AGENDA) and p.count("/") > 3}
    assert item_paths == {AGENDA + a["url"] for a in TRUTH["activities"]}  # exactly the real item pages


def test_volgende_pagina_to_a_p_query_is_followed(crawled):
    assert "/regering/bewindspersonen/thierry-aartsen/agenda?p=2" in [r.path for r in crawled["log"]]
    assert crawled["first"]["listing_pages"] == 5


def test_no_change_rerun_fetches_no_item_page_and_gets_304_on_listings(crawled):
    log = crawled["log_again"]
    assert [r.path for r in log if r.path.startswith(AGENDA) and r.path.count("/") > 3] == []
    listings = [r for r in log if r.path.endswith("/agenda") or "/agenda?" in r.path]
    assert len(listings) == 5 and {r.status for r in listings} == {304}
    assert crawled["again"]["activities_new"] == crawled["again"]["activities_updated"] == 0


def test_doctor_says_persons_come_from_the_listing_not_that_they_are_empty():
    from agendakaart.pipeline.collect import doctor
    from agendakaart.settings import Settings

    with ReplicaServer(SITE) as server:
        result = doctor(Settings(base_url=server.base_url, rate=1000))
    item = result["item"]
    assert result["ok"] and item["persons_from"] == "listing" and "persons" not in item["empty"]
    assert item["empty"] == ["start_time", "ministry"] and item["fields"]["persons"] == "listing"
    assert result["steps"][-1][2].endswith("; personen: uit de agendalijst")


class _Killed(BaseException):
    """Stands in for kill -9 between two item pages (each page is one transaction)."""


def _snapshot(conn, base: str) -> tuple[list, list]:
    rows = sorted(
        (r["id"], r["page_url"].removeprefix(base), r["persons"], r["title"])
        for r in conn.execute("SELECT * FROM activities")
    )
    return rows, [(d["line_id"], d["kept_id"]) for d in duplicates(conn)]


@pytest.mark.parametrize("killed_after", [1, 3, 5, 7, 9, 10])
def test_a_run_killed_after_any_item_page_resumes_to_the_same_rows(tmp_path, killed_after):
    from agendakaart.models import PageKind
    from agendakaart.pipeline.collect import collect
    from agendakaart.settings import Settings
    from agendakaart.sources.http import Fetcher

    with ReplicaServer(SITE) as server:
        clean = open_db(tmp_path / "clean.db")
        _run(server, clean)
        conn = open_db(tmp_path / "killed.db")
        settings = Settings(base_url=server.base_url, rate=1000, db_path=tmp_path / "killed.db", routes=("listings",))
        with Fetcher(settings, sleep=lambda s: None) as fetcher:
            real, items = fetcher.fetch, []

            def fetch(url, kind, **kw):
                if kind == PageKind.ITEM and len(items) == killed_after:
                    raise _Killed()
                items.append(url) if kind == PageKind.ITEM else None
                return real(url, kind, **kw)

            fetcher.fetch = fetch
            with pytest.raises(_Killed):
                collect(settings, conn, fetcher=fetcher)
        _run(server, conn)
        assert _snapshot(conn, server.base_url) == _snapshot(clean, server.base_url)
        assert len(_snapshot(conn, server.base_url)[1]) == 2


def test_item_page_failing_once_first_stores_the_line_then_takes_its_place(tmp_path):
    from agendakaart.errors import FetchError
    from agendakaart.pipeline.collect import collect
    from agendakaart.settings import Settings
    from agendakaart.sources.http import Fetcher

    with ReplicaServer(SITE) as server:
        clean = open_db(tmp_path / "clean.db")
        _run(server, clean)
        conn = open_db(tmp_path / "late.db")
        settings = Settings(base_url=server.base_url, rate=1000, db_path=tmp_path / "late.db", routes=("listings",))
        with Fetcher(settings, sleep=lambda s: None) as fetcher:
            real = fetcher.fetch

            def fetch(url, kind, **kw):
                if url.endswith(("/opening-nieuw-douanekantoor", "/minister-van-weel-bij-navo-overleg")):
                    raise FetchError("verbinding verbroken")
                return real(url, kind, **kw)

            fetcher.fetch = fetch
            first = collect(settings, conn, fetcher=fetcher)
        assert (first["duplicates"], _snapshot(conn, server.base_url)[1]) == (0, [])
        titles = {r[0] for r in conn.execute("SELECT title FROM activities")}
        assert {"Opening van het nieuwe douanekantoor", "Bezoek aan de NAVO-top over cyberveiligheid"} <= titles
        again = _run(server, conn)  # the item pages arrive: their lines give way, ids as in a clean crawl
        assert again["duplicates"] == 2
        assert _snapshot(conn, server.base_url) == _snapshot(clean, server.base_url)
