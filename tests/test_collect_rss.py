"""RSS discovery: window splitting at 20 results, Amsterdam day boundaries, and a crawl whose listings all fail."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from urllib.parse import parse_qs, urlsplit

import pytest

from agendakaart.errors import ParseError
from agendakaart.models import PageRef
from agendakaart.pipeline.collect import collect
from agendakaart.replica import ReplicaServer
from agendakaart.replica_site import build_site
from agendakaart.settings import Settings
from agendakaart.sources.http import Fetcher
from agendakaart.sources.rss import amsterdam_midnight_utc, discover, parse_rss, query_url


def test_amsterdam_boundaries_follow_summer_time():
    assert amsterdam_midnight_utc(date(2026, 1, 15)) == datetime(2026, 1, 14, 23, tzinfo=timezone.utc)
    assert amsterdam_midnight_utc(date(2026, 3, 29)) == datetime(2026, 3, 28, 22, tzinfo=timezone.utc)
    assert amsterdam_midnight_utc(date(2026, 10, 25)) == datetime(2026, 10, 24, 23, tzinfo=timezone.utc)


def test_query_url_has_full_instants():
    url = query_url(
        "http://h", datetime(2026, 3, 1, 23, tzinfo=timezone.utc), datetime(2026, 3, 2, 22, 59, 59, tzinfo=timezone.utc)
    )
    query = json.loads(parse_qs(urlsplit(url).query)["query"][0])
    value = query["filters"][0]["values"][0]
    assert (value["from"], value["to"]) == ("2026-03-01T23:00:00Z", "2026-03-02T22:59:59Z")
    assert query["filters"][0]["field"] == "sort_date" and query["pageTitle"] == "Zoeken"


def test_parse_rss_items_and_bad_xml():
    xml = """<?xml version="1.0"?><rss version="2.0"><channel><title>Zoeken</title>
    <item><title>Werkbezoek</title><link>/actueel/agenda/2026/03/02/werkbezoek</link></item>
    <item><title>Nieuws</title><guid>https://h/actueel/nieuws/2026/03/02/x</guid></item></channel></rss>"""
    refs = parse_rss(xml, "http://h/api/rss?query=x")
    assert [(r.url, r.title, r.date) for r in refs] == [
        ("http://h/actueel/agenda/2026/03/02/werkbezoek", "Werkbezoek", date(2026, 3, 2)),
        ("https://h/actueel/nieuws/2026/03/02/x", "Nieuws", date(2026, 3, 2)),
    ]
    with pytest.raises(ParseError):
        parse_rss("<html><body>geen rss", "http://h/api/rss")


def test_full_windows_are_split_until_they_are_not():
    items = [PageRef(url=f"http://h/actueel/agenda/2026/03/{1 + i % 28:02d}/item-{i}") for i in range(45)]
    asked: list[str] = []

    def load(url: str):
        asked.append(url)
        value = json.loads(parse_qs(urlsplit(url).query)["query"][0])["filters"][0]["values"][0]
        lo, hi = (datetime.fromisoformat(value[k].replace("Z", "+00:00")) for k in ("from", "to"))
        inside = [
            r
            for r in items
            if lo <= amsterdam_midnight_utc(date.fromisoformat(r.url.split("/agenda/")[1][:10].replace("/", "-"))) <= hi
        ]
        return inside[:20]

    found = list(discover(load, "http://h", date(2026, 3, 1), date(2026, 3, 31)))
    assert sorted(r.url for r in found) == sorted(r.url for r in items)
    assert len(asked) > 3


def test_crawl_with_every_listing_failing_finds_items_through_rss(tmp_path):
    site = tmp_path / "site"
    truth = build_site(site, seed=2).to_json()
    broken = {"rules": [{"match": r"/agenda(\?|$)", "status": 404}]}
    with ReplicaServer(site, faults=broken) as server:
        settings = Settings(
            base_url=server.base_url, rate=1000, since=date(2026, 1, 1), until=date(2026, 12, 31), routes=("listings",)
        )
        store_path = tmp_path / "rss.db"
        from agendakaart.store import open_db

        conn = open_db(store_path)
        with Fetcher(settings, sleep=lambda s: None) as fetcher:
            counts = collect(settings, conn, fetcher=fetcher, rss=True)
        pages = {r[0].removeprefix(server.base_url) for r in conn.execute("SELECT DISTINCT page_url FROM activities")}
        feed = [r for r in server.log if r.path.startswith("/api/rss")]
        conn.close()
    assert counts["listing_pages"] == 0
    assert pages == {a["url"] for a in truth["activities"]}
    assert len(feed) < 60 and all(r.status == 200 for r in feed)
