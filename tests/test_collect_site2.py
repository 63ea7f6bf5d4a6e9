"""The collector against a second hand-written site (fixtures/site2) in markup the project's own replica never
uses: every activity of expected.json once, with persons, dates, times, labels and places; a no-change re-run
fetches no item page."""

from __future__ import annotations

import json
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from agendakaart.replica import ReplicaServer
from collect_helpers import run_collect as _run

SITE = Path(__file__).parent / "fixtures" / "site2"
TRUTH = json.loads((SITE / "expected.json").read_text(encoding="utf-8"))
FIELDS = ("persons", "start_time", "end_time", "type_label", "location_text")


def _stored(conn, base: str) -> dict[tuple, dict]:
    out: dict[tuple, dict] = {}
    for r in conn.execute(
        "SELECT page_url, date, title, persons, start_time, end_time, type_label, location_text FROM activities"
    ):
        key = (r["page_url"].removeprefix(base), r["date"], r["title"])
        assert key not in out, f"duplicate activity {key}"
        out[key] = {"persons": json.loads(r["persons"]), **{f: r[f] for f in FIELDS[1:]}}
    return out


def _expected() -> dict[tuple, dict]:
    return {(a["url"], a["date"], a["title"]): {f: a[f] for f in FIELDS} for a in TRUTH["activities"]}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One full crawl and one no-change re-run; the 429 on an item carries a Retry-After date 2 s ahead."""
    from agendakaart.store import open_db

    conn = open_db(tmp_path_factory.mktemp("site2") / "site2.db")
    soon = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=2), usegmt=True)
    extra = {
        "rules": [
            {"path": "/actueel/agenda/2026/03/12/gesprek-met-studenten", "status": 429, "retry_after": soon, "times": 1}
        ]
    }
    with ReplicaServer(SITE, faults=extra) as server:
        first = _run(server, conn)
        stored = _stored(conn, server.base_url)
        problems = {
            r[0].removeprefix(server.base_url) for r in conn.execute("SELECT url FROM problems WHERE resolved = 0")
        }
        log_first = list(server.log)
        again = _run(server, conn)
        log_again = server.log[len(log_first) :]
    yield {
        "first": first,
        "again": again,
        "stored": stored,
        "problems": problems,
        "log": log_first,
        "log_again": log_again,
        "conn": conn,
    }
    conn.close()


def test_every_activity_once_with_persons_dates_and_places(crawled):
    stored, expected = crawled["stored"], _expected()
    missing = sorted(set(expected) - set(stored))
    extra = sorted(set(stored) - set(expected))
    assert (missing, extra) == ([], [])
    wrong = {k: (stored[k], expected[k]) for k in expected if stored[k] != expected[k]}
    assert wrong == {}
    assert crawled["first"]["activities_new"] == len(TRUTH["activities"]) == 39


def test_problems_are_the_dead_link_only(crawled):
    required = {p["url"] for p in TRUTH["problems"]}
    assert required <= crawled["problems"] <= required | set(TRUTH["problems_allowed"])


def test_no_offsite_request_and_redirect_chain_stored_canonically(crawled):
    paths = [r.path for r in crawled["log"]]
    assert not [p for p in paths if "nep-afspraak" in p]
    conn = crawled["conn"]
    old, new = next(iter(TRUTH["redirects"].items()))
    rows = {
        urlsplit(r["url"]).path: r["status"]
        for r in conn.execute("SELECT url, status FROM pages WHERE url LIKE '%gesprek-%jongeren%'")
    }
    assert rows == {new: 200, old: 301}


def test_each_item_fetched_once_or_retried_only_for_faults(crawled):
    counts: dict[str, int] = {}
    for r in crawled["log"]:
        if r.path.startswith("/actueel/agenda/2"):
            counts[r.path] = counts.get(r.path, 0) + 1
    retried = {p: n for p, n in counts.items() if n > 1}
    base = "/actueel/agenda/2026/03/"
    assert retried == {
        base + "26/overleg-met-de-provincie": 3,
        base + "27/opening-warmtenet": 2,
        base + "30/bezoek-aan-ijmuiden": 2,
        base + "19/ondertekening-green-deal": 2,
        base + "12/gesprek-met-studenten": 2,
    }


def test_second_run_fetches_no_item_page(crawled):
    again = crawled["again"]
    assert not [r.path for r in crawled["log_again"] if r.path.startswith("/actueel/agenda/2")]
    assert again["activities_new"] == again["activities_updated"] == again["pages_new"] == 0
    assert {r.status for r in crawled["log_again"] if r.path != "/robots.txt"} == {304}


def test_item_recurring_with_another_link_text_is_not_refetched(tmp_path):
    """The same item on two pages of one listing under two link texts is no 'changed entry' on every run."""
    import shutil

    from agendakaart.store import open_db

    site = tmp_path / "site"
    shutil.copytree(SITE, site)
    page = site / "regering/bewindspersonen/rob-jetten/agenda/pagina=2.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            'bezoek-aan-chemelot?">Bezoek aan Chemelot', 'bezoek-aan-chemelot?">Chemelot: werkbezoek'
        ),
        encoding="utf-8",
    )
    conn = open_db(":memory:")
    with ReplicaServer(site) as server:
        _run(server, conn)
        before = len(server.log)
        again = _run(server, conn)
        items = [r.path for r in server.log[before:] if r.path.startswith("/actueel/agenda/2")]
    assert items == [] and again["pages_unchanged"] == 22
