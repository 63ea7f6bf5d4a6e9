"""Benchmark of the collector on the generated replicas: requests for a full crawl and a no-change re-run against
the minimum (the 2024-style site through its HTML listings; the 2026 platform per discovery route and `auto`), and
parse throughput (activities/s) re-parsing the stored pages. Prints figures; asserts nothing."""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from agendakaart.parse.html import page_text
from agendakaart.parse.item import parse_item
from agendakaart.pipeline.collect import collect
from agendakaart.replica import ReplicaServer
from agendakaart.replica_site import build_site
from agendakaart.settings import Settings
from agendakaart.store import open_db
from agendakaart.store.pages import get_page, stored_item_pages
from agendakaart.store.persons import known_people


def _kind(path: str) -> str:
    if path == "/robots.txt":
        return "robots"
    if path.startswith("/actueel/agenda/2"):
        return "item"
    if path.rstrip("/").endswith("/agenda") or "/agenda?" in path:
        return "listing"
    return "index" if path.rstrip("/") == "/regering/bewindspersonen" else "person"


def _crawl(server: ReplicaServer, conn, settings: Settings) -> tuple[dict, Counter, float]:
    start = len(server.log)
    t0 = time.perf_counter()
    counts = collect(settings, conn)
    seconds = time.perf_counter() - t0
    return counts, Counter(_kind(r.path) for r in server.log[start:]), seconds


def _reparse(conn) -> tuple[int, float]:
    people = known_people(conn)
    pages = [get_page(conn, url) for url in stored_item_pages(conn)]
    t0 = time.perf_counter()
    activities = 0
    for _round in range(3):
        for page in pages:
            try:
                activities += len(
                    parse_item(page_text(page.body, page.headers.get("content-type", "")), page.final_url, people)[1]
                )
            except Exception:  # noqa: BLE001 - problem pages count as zero activities here
                pass
    return activities, time.perf_counter() - t0


def main(seed: int = 1) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        truth = build_site(site, seed=seed)
        c = truth.counts
        with ReplicaServer(site) as server:
            conn = open_db(Path(tmp) / "bench.db")
            settings = Settings(
                base_url=server.base_url, rate=1000, db_path=Path(tmp) / "bench.db", routes=("listings",)
            )
            full, by_kind, secs = _crawl(server, conn, settings)
            again, by_kind2, secs2 = _crawl(server, conn, settings)
            listing_pages = full["listing_pages"]
            item_pages = c["item_pages"] + c["problem_pages"]
            minimum = 1 + c["persons"] + listing_pages + item_pages
            print(
                f"replica seed {seed}: {c['persons']} persons, {c['activities']} activities on {c['item_pages']} "
                f"item pages ({c['rollup_pages']} roll-ups), {c['problem_pages']} problem pages"
            )
            print(
                f"full crawl:      {full['requests']} requests in {secs:.1f}s "
                f"(minimum {minimum} = 1 index + {c['persons']} persons + {listing_pages} listing pages + "
                f"{item_pages} item pages); by kind {dict(by_kind)}"
            )
            print(
                "                 extra requests = robots.txt, a redirect hop, the 429/500 retries, one re-fetch "
                "of a truncated page, and listing pages that repeat (loop / no new links) before the stop"
            )
            print(
                f"                 found {full['activities_new']} activities (expected {c['activities']}), "
                f"{full['problems']} problems (expected {c['problem_pages']})"
            )
            print(
                f"no-change rerun: {again['requests']} requests in {secs2:.1f}s (minimum {1 + listing_pages} = "
                f"index + listing pages, all 304); item requests {by_kind2.get('item', 0)}; by kind {dict(by_kind2)}"
            )
            n, t = _reparse(conn)
            print(
                f"parse throughput: {n} activities in {t:.2f}s = {n / t:,.0f} activities/s "
                f"(re-parsing {len(stored_item_pages(conn))} stored item pages 3x, no network)"
            )
            conn.close()


def _kind_2026(path: str) -> str:
    if path.startswith("/actueel/agenda/2"):
        return "item"
    for prefix, kind in (
        ("/robots.txt", "robots"),
        ("/api/search", "search"),
        ("/api/rss", "rss"),
        ("/sitemap", "sitemap"),
        ("/news/", "sitemap"),
        ("/videos/", "sitemap"),
    ):
        if path.startswith(prefix):
            return kind
    return "listing/person"


def main_2026(seed: int = 1) -> None:
    """Per route (and auto) on the 2026 replica: requests of a full crawl and of a no-change re-run."""
    from agendakaart.errors import NothingFound
    from agendakaart.replica_site.platform2026 import build_site_2026

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site26"
        truth = build_site_2026(site, seed=seed)
        items = truth.counts["item_pages"]
        print(
            f"\n2026 platform replica seed {seed}: {truth.counts['activities']} activities on {items} item pages, "
            f"{truth.counts['search_documents']} documents in the search index (cap {100} results per query)"
        )
        for routes in (("search",), ("sitemap",), ("listings",), ("rss",), ("auto",)):
            with ReplicaServer(site) as server:
                db = Path(tmp) / f"{routes[0]}.db"
                conn = open_db(db)
                settings = Settings(base_url=server.base_url, rate=1000, db_path=db, routes=routes)
                rows = []
                for label in ("full", "rerun"):
                    start = len(server.log)
                    try:
                        counts = collect(settings, conn)
                    except NothingFound as exc:
                        counts = exc.counts
                    time.sleep(0.05)
                    kinds = Counter(_kind_2026(r.path) for r in server.log[start:])
                    rows.append((label, counts.get("requests", 0), kinds))
                conn.close()
            (_, full_n, full_k), (_, re_n, re_k) = rows
            discovery = {k: v for k, v in full_k.items() if k not in ("item", "robots")}
            print(
                f"  --route {routes[0]:<8} full crawl {full_n:>4} requests = robots.txt {full_k.get('robots', 0)} + "
                f"discovery {sum(discovery.values())} {discovery} + item pages {full_k.get('item', 0)} "
                f"(of {items}; minimum one each, retries of the replica's 429/500 included); no-change re-run "
                f"{re_n:>3} requests, item pages {re_k.get('item', 0)} (minimum 0)"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
    main_2026(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
