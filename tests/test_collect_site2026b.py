"""Red team, issue 9: the real collector (`collect_report`, default routes) against a second, independent replica of
the 2026 platform (tests/site2026b.py; its content and hand-written truth: tests/site2026b_content.py).

Two variants, as in the issue's acceptance run: the search API allowed, and robots.txt disallowing `/api/` (sitemaps
served). Each: a first crawl compared with the truth (every activity once, persons, date, title, location, start
time, roll-up lines in order), a no-change re-run that fetches no item page, then the site changes (one item edited,
one removed -> 410 and gone from the index and the sitemaps) and a third run must update the one and mark the other.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import site2026b_content as content
from agendakaart.pipeline.collect import collect_report
from agendakaart.settings import Settings
from agendakaart.sources.http import Fetcher
from agendakaart.store import open_db
from site2026b import AGENDA, ReplicaB

FIELDS = ("date", "persons", "title", "location_text", "start_time")
VARIANTS = ("api", "no_api")


def _run(server: ReplicaB, conn, **kw) -> tuple[dict, list[str], list[tuple[str, str, int]]]:
    """One crawl with default routes -> (counts, route lines, the requests it made)."""
    settings = Settings(base_url=server.base_url, rate=1000, db_path=Path(":memory:"), **kw)
    start = len(server.log)
    with Fetcher(settings, sleep=lambda s: None) as fetcher:
        counts, lines = collect_report(settings, conn, fetcher=fetcher)
    return counts, lines, server.log[start:]


def _rows(conn, base: str) -> dict[str, list[dict]]:
    """Stored activities per page path (under /actueel/agenda/, or the full URL when elsewhere), by ordinal."""
    pages: dict[str, list[dict]] = {}
    for r in conn.execute("SELECT * FROM activities ORDER BY page_url, ordinal, date"):
        key = r["page_url"].removeprefix(base + AGENDA)
        row = {f: r[f] for f in FIELDS}
        row["persons"] = sorted(json.loads(r["persons"]))
        pages.setdefault(key, []).append(row)
    return pages


def _expected(api: bool) -> dict[str, list[dict]]:
    pages: dict[str, list[dict]] = {}
    for row in content.truth(api):
        pages.setdefault(row["path"], []).append({f: row[f] for f in FIELDS})
    return pages


def _item_fetches(log, status: int | None = None) -> list[str]:
    """GETs of agenda item paths (of any answer, or of this status)."""
    return [p for m, p, st in log if m == "GET" and p.startswith(AGENDA) and p.count("/") == 6 and status in (None, st)]


@pytest.fixture(scope="module", params=VARIANTS)
def crawl(request):
    api = request.param == "api"
    conn = open_db(":memory:")
    with ReplicaB(disallow_api=not api) as server:
        first = _run(server, conn)
        rows_first = _rows(conn, server.base_url)
        again = _run(server, conn)
        server.site.change()
        changed = _run(server, conn)
        rows_changed = _rows(conn, server.base_url)
        removed = conn.execute(
            "SELECT url, removed_at FROM agenda_pages WHERE url = ?", (server.base_url + AGENDA + content.REMOVED,)
        ).fetchone()
        yield {
            "api": api,
            "first": first,
            "again": again,
            "changed": changed,
            "rows": rows_first,
            "rows_changed": rows_changed,
            "removed": dict(removed) if removed else None,
            "base": server.base_url,
        }
    conn.close()


def _field_diffs(crawl, fields, only=lambda item: True) -> dict:
    """{path: [(ordinal, field, expected, got)]} over the pages both sides have with equal line counts (and, with
    `only`, over the items it selects)."""
    expected, got, diffs = _expected(crawl["api"]), crawl["rows"], {}
    for path, want in expected.items():
        have = got.get(path)
        if not only(content.ITEMS[path]):
            continue
        if have is None or len(have) != len(want):
            continue
        for n, (w, h) in enumerate(zip(want, have)):
            for f in fields:
                if w[f] != h[f]:
                    diffs.setdefault(path, []).append((n, f, w[f], h[f]))
    return diffs


def test_every_item_page_found_once_and_no_other(crawl):
    expected, got = _expected(crawl["api"]), crawl["rows"]
    assert sorted(set(expected) - set(got)) == []
    assert sorted(set(got) - set(expected)) == []


def test_every_page_has_its_number_of_activities(crawl):
    expected, got = _expected(crawl["api"]), crawl["rows"]
    counts = {p: (len(w), len(got[p])) for p, w in expected.items() if p in got and len(got[p]) != len(w)}
    assert counts == {}


def test_dates_and_titles(crawl):
    assert _field_diffs(crawl, ("date", "title")) == {}


def _name_only_in_english_payload_list(item: dict) -> bool:
    return bool(item.get("payload_people"))


def test_persons_including_former_bewindspersonen(crawl):
    only = lambda item: not _name_only_in_english_payload_list(item)  # noqa: E731
    assert _field_diffs(crawl, ("persons",), only) == {}


def test_persons_named_only_in_a_payload_list_of_people(crawl):
    assert _field_diffs(crawl, ("persons",), _name_only_in_english_payload_list) == {}


def test_location_text(crawl):
    assert _field_diffs(crawl, ("location_text",)) == {}


def _time_not_labelled_on_page(item: dict) -> bool:
    """Items whose visible page labels no time: it is in the payload, in a sentence, or nowhere."""
    return item["layout"] in ("payload", "sentence")


def test_start_time_labelled_on_the_page(crawl):
    only = lambda item: not _time_not_labelled_on_page(item)  # noqa: E731
    assert _field_diffs(crawl, ("start_time",), only) == {}


def test_start_time_not_labelled_on_the_page(crawl):
    assert _field_diffs(crawl, ("start_time",), _time_not_labelled_on_page) == {}


def test_first_run_counts_every_activity_new(crawl):
    counts = crawl["first"][0]
    assert counts["activities_new"] == len(content.truth(crawl["api"]))


def test_robots_obeyed(crawl):
    requests = crawl["first"][2] + crawl["again"][2] + crawl["changed"][2]
    api_calls = [p for _, p, _ in requests if p.startswith("/api/")]
    if crawl["api"]:
        assert any(p.startswith("/api/search") for p in api_calls)
    else:
        assert api_calls == []
    assert [p for _, p, _ in requests if p.startswith("/zoeken")] == []


def test_no_change_rerun_fetches_no_item_page(crawl):
    assert len(set(_item_fetches(crawl["first"][2], 200))) == len(_expected(crawl["api"]))  # the first run: each
    assert _item_fetches(crawl["again"][2]) == []
    assert crawl["again"][0]["activities_new"] == 0


def test_edited_item_is_updated(crawl):
    rows = crawl["rows_changed"].get(content.EDITED)
    want = {f: (content.EDITED_EXPECT[f] or "-".join(content.EDITED.split("/")[:3])) for f in FIELDS}
    assert rows == [{**want, "start_time": content.EDITED_EXPECT["start_time"]}]
    assert AGENDA + content.EDITED in _item_fetches(crawl["changed"][2])


def test_edited_rollup_line_is_updated(crawl):
    want = [dict(r) for r in _expected(crawl["api"])[content.ROLLUP_EDITED]]
    want[2] = {f: content.ROLLUP_EDIT["expect"][f] for f in FIELDS}
    assert crawl["rows_changed"].get(content.ROLLUP_EDITED) == want


def test_removed_item_is_kept_and_marked(crawl):
    assert crawl["removed"] is not None
    assert crawl["removed"]["removed_at"] is not None
    assert content.REMOVED in crawl["rows_changed"]  # kept, never deleted


def test_the_change_run_fetches_only_the_changed_items(crawl):
    fetched = set(_item_fetches(crawl["changed"][2]))
    assert fetched <= {AGENDA + content.EDITED, AGENDA + content.REMOVED, AGENDA + content.ROLLUP_EDITED}


LINKED_ONLY = {p for it in content.ITEMS.values() for p in it.get("related", [])}
ROUTE_PAGES = {  # what each route alone must reach ("Meer over dit onderwerp" links are discovery on any route)
    "search": {p for p, it in content.ITEMS.items() if it.get("search")} | LINKED_ONLY,
    "sitemap": {p for p, it in content.ITEMS.items() if it.get("sitemap", True)} | LINKED_ONLY,
}


@pytest.mark.parametrize("route", sorted(ROUTE_PAGES))
def test_each_route_alone_reaches_its_items(route):
    conn = open_db(":memory:")
    with ReplicaB() as server:
        counts, lines, log = _run(server, conn, routes=(route,))
        got = set(_rows(conn, server.base_url))
    conn.close()
    assert (sorted(ROUTE_PAGES[route] - got), sorted(got - ROUTE_PAGES[route])) == ([], [])


def test_search_alone_gives_the_location_the_page_does_not_state():
    conn = open_db(":memory:")
    with ReplicaB() as server:
        _run(server, conn, routes=("search",))
        rows = _rows(conn, server.base_url)
    conn.close()
    sentence_items = [p for p, it in content.ITEMS.items() if it["layout"] == "sentence"]
    got = {p: [r["location_text"] for r in rows.get(p, [])] for p in sentence_items}
    assert got == {p: [content.ITEMS[p]["expect"][0]["location_text"]] for p in sentence_items}


SEARCH_SHAPES = {
    "search-ui-no-totals": {"shape": "searchui"},
    "agenda-value-lowercase": {"agenda_value": "agenda"},
    "oversize-page-400": {"oversize": "400"},
    "all-three": {"shape": "searchui", "agenda_value": "agenda", "oversize": "400"},
}


@pytest.mark.parametrize("name", sorted(SEARCH_SHAPES))
def test_search_alone_in_other_answer_shapes_reaches_every_indexed_item(name):
    conn = open_db(":memory:")
    with ReplicaB(**SEARCH_SHAPES[name]) as server:
        _run(server, conn, routes=("search",))
        got = set(_rows(conn, server.base_url))
    conn.close()
    assert (sorted(ROUTE_PAGES["search"] - got), sorted(got - ROUTE_PAGES["search"])) == ([], [])
