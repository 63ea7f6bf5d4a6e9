"""The replica of the 2026 platform over real HTTP on 127.0.0.1: app-shell listings, persons, the search API
(facet, paging, cap, date splitting, 400/500), sitemaps (gzip, nested, news), revisions and determinism."""

from __future__ import annotations

import gzip
import json
import re
import time
from urllib.parse import urlsplit
from xml.etree import ElementTree

import httpx
import pytest
from click.testing import CliRunner
from protego import Protego

from agendakaart.cli import main
from agendakaart.replica import ReplicaServer
from agendakaart.replica_site.platform2026 import build_site_2026

ITEM_LINK = re.compile(r"/agenda/\d{4}/\d{2}/\d{2}/[^/?#\"'<]+")
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
FIELDS = (
    "url",
    "page_title",
    "meta_description",
    "sort_date",
    "information_type",
    "ministry",
    "activity_start_date",
    "activity_end_date",
    "activity_type",
    "activity_location_title",
    "activity_location_description",
    "activity_organiser",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("r2026") / "site"
    truth = build_site_2026(root, seed=1)
    with ReplicaServer(root) as server, httpx.Client(base_url=server.base_url, timeout=10) as client:
        yield root, truth.to_json(), server, client


def request_body(current=1, size=10, filters=(), facets=None, fields=FIELDS, disjunctive=("information_type",)):
    """The body the browser sends (SITE.md), with our filters."""
    return {
        "requestState": {
            "current": current,
            "resultsPerPage": size,
            "filters": list(filters),
            "searchTerm": "",
            "sortDirection": "",
            "sortField": "",
            "sortList": [],
        },
        "queryConfig": {
            "filters": [],
            "result_fields": {f: {"raw": {}} for f in fields},
            "disjunctiveFacets": list(disjunctive),
            "facets": facets or {"information_type": {"type": "value", "size": 100}},
            "sortList": [{"field": "sort_date", "direction": "desc"}],
        },
    }


def post(client, body) -> httpx.Response:
    """POST /api/search, waiting out a 429 (the site's faults.json rate-limits the first request)."""
    for _ in range(3):
        answer = client.post("/api/search", json=body)
        if answer.status_code != 429:
            return answer
        time.sleep(float(answer.headers["retry-after"]))
    return answer


def get(client, path) -> httpx.Response:
    """GET, retrying a 5xx once (the site's faults.json fails one sitemap once)."""
    answer = client.get(path)
    return client.get(path) if answer.status_code >= 500 else answer


def agenda_value(client) -> str:
    facet = post(client, request_body()).json()["facets"]["information_type"][0]["data"]
    values = [d["value"] for d in facet if "agenda" in d["value"].lower()]
    assert len(values) == 1
    return values[0]


def stream_of(html: str) -> str:
    """The streamed payload: the self.__next_f.push([1, "…"]) chunks, decoded and joined."""
    chunks = re.findall(r"<script>self\.__next_f\.push\((\[1,.*?\])\)</script>", html)
    assert len(chunks) >= 3
    return "".join(json.loads(c)[1] for c in chunks)


def local_path(url: str) -> str:
    return urlsplit(url).path


def test_listings_are_app_shells_without_item_links(site):
    _, truth, _, client = site
    for path in truth["listings"]:
        page = client.get(path)
        assert page.status_code == 200 and "text/html" in page.headers["content-type"]
        assert not ITEM_LINK.search(page.text), path
        assert "size=n_10_n" in page.text and "filters[0][field]=" in page.text
        assert "self.__next_f.push" in page.text and "Resultaten worden geladen" in page.text
    assert (
        client.get("/actueel/agenda?size=n_10_n&filters[0][field]=ministry").text == client.get("/actueel/agenda").text
    )


def test_persons_index_holds_current_persons_only(site):
    _, truth, _, client = site
    index = client.get("/regering/bewindspersonen").text
    current = [p for p in truth["persons"] if p["current"]]
    former = [p for p in truth["persons"] if not p["current"]]
    assert len(current) == 28 and len(former) >= 10
    for person in current:
        assert re.search(rf'<a href="{person["url"]}"><img[^>]*/><h2>{re.escape(person["name"])}</h2><p>', index)
        page = client.get(person["url"])
        assert page.status_code == 200 and '"cabinet":"kabinet-Jetten"' in stream_of(page.text)
    for person in former:
        assert person["url"] not in index
        assert client.get(person["url"]).status_code == 404
        assert person["activities"] > 0
    assert client.get("/regering/bewindspersonen/dick-schoof").status_code == 404
    from agendakaart.store.persons import read_seed

    seed_slugs = {p.slug for p in read_seed()}
    assert {slug for a in truth["activities"] for slug in a["persons"]} <= seed_slugs  # the seed's slugs


def test_search_api_facet_paging_cap_and_date_split(site):
    _, truth, _, client = site
    value = agenda_value(client)
    assert value == truth["search"]["information_type"]
    only_agenda = [{"field": "information_type", "values": [value], "type": "all"}]
    first = post(client, request_body(filters=only_agenda)).json()
    total, cap = first["totalResults"], truth["search"]["cap"]
    assert total == len(truth["routes"]["search"]) > cap and first["totalPages"] == cap // 10
    assert first["results"] == first["rawResponse"]["rawResults"]
    assert post(client, request_body(current=cap // 10, filters=only_agenda)).status_code == 200
    past = post(client, request_body(current=cap // 10 + 1, filters=only_agenda))
    assert past.status_code == 400 and past.json() == {"error": "Invalid search request"}
    straddling = post(client, request_body(current=4, size=30, filters=only_agenda)).json()
    assert len(straddling["results"]) == cap - 90  # the page that crosses the cap is cut short
    found: list[str] = []
    for lo, hi in (
        ("2024-01-01", "2025-01-01"),
        ("2025-01-01", "2025-07-01"),
        ("2025-07-01", "2026-01-01"),
        ("2026-01-01", "2026-07-01"),
        ("2026-07-01", "2027-01-01"),
    ):
        span = {
            "field": "activity_start_date",
            "type": "all",
            "values": [{"from": f"{lo}T00:00:00.000Z", "to": f"{hi}T00:00:00.000Z"}],
        }
        page, current = None, 1
        while page is None or len(page) == 100:
            answer = post(client, request_body(current=current, size=100, filters=[*only_agenda, span]))
            assert answer.status_code == 200
            page = answer.json()["results"]
            found += [local_path(r["url"]["raw"]) for r in page]
            current += 1
    # adjacent ranges (from inclusive, to exclusive) lose nothing at their edges, not even a local-midnight instant
    assert sorted(found) == sorted(truth["routes"]["search"])


def test_search_api_refuses_bad_requests(site):
    _, _, _, client = site
    date_only = [{"field": "sort_date", "values": [{"from": "2026-03-01", "to": "2026-04-01"}], "type": "all"}]
    assert post(client, request_body(filters=date_only)).status_code == 500
    assert post(client, request_body(size=101)).status_code == 400
    assert post(client, request_body(filters=[{"field": "nergens", "values": ["x"], "type": "all"}])).status_code == 400
    assert post(client, {"current": 1, "filters": []}).status_code == 400  # not the captured shape
    assert post(client, request_body(fields=())).status_code == 400  # no result_fields
    assert client.post("/api/search", content=b"{kapot").status_code == 400
    assert client.get("/api/search").status_code == 405


def test_search_results_carry_activity_fields(site):
    _, truth, _, client = site
    value = agenda_value(client)
    span = {
        "field": "sort_date",
        "type": "all",
        "values": [{"from": "2026-06-01T00:00:00Z", "to": "2026-12-01T00:00:00Z"}],
    }
    results = post(
        client, request_body(size=100, filters=[{"field": "information_type", "values": [value], "type": "all"}, span])
    ).json()["results"]
    assert results and all(r["information_type"]["raw"] == value for r in results)
    dates = [r["sort_date"]["raw"] for r in results]
    assert dates == sorted(dates, reverse=True)
    urls = [r["url"]["raw"] for r in results]
    assert any(u.startswith("https://www.rijksoverheid.nl/actueel/agenda/") for u in urls)
    assert any(u.startswith("/actueel/agenda/") for u in urls)
    by_url = {a["url"]: a for a in truth["activities"]}
    for result in results:
        truth_row = by_url[local_path(result["url"]["raw"])]
        for name in (
            "page_title",
            "sort_date",
            "ministry",
            "activity_start_date",
            "activity_type",
            "activity_organiser",
        ):
            assert name in result
        location = result.get("activity_location_title", {}).get("raw")
        if truth_row["kind"] == "rollup":
            assert location == "Diverse locaties"
        else:
            assert location == truth_row["location_text"]


def test_sitemaps_cover_every_item(site):
    _, truth, _, client = site
    seen: dict[str, str] = {}
    queue, visited = ["/sitemap.xml"], []
    while queue:
        path = queue.pop(0)
        visited.append(path)
        answer = get(client, path)
        assert answer.status_code == 200, path
        body = gzip.decompress(answer.content) if path.endswith(".gz") else answer.content
        if path.endswith(".gz"):
            assert answer.headers["content-type"] == "application/gzip"
        root = ElementTree.fromstring(body)
        for node in root.findall(f"{SM}sitemap"):
            queue.append(local_path(node.findtext(f"{SM}loc")))
        for node in root.findall(f"{SM}url"):
            loc = local_path(node.findtext(f"{SM}loc"))
            if path.startswith("/sitemap/"):  # news and video sitemaps: no lastmod
                assert node.findtext(f"{SM}lastmod"), loc
            seen.setdefault(loc, node.findtext(f"{SM}lastmod"))
    assert "/sitemap/index-2026.xml" in visited and "/sitemap/2.xml.gz" in visited
    assert "/news/sitemap.xml" in visited
    items = {a["url"] for a in truth["activities"]}
    assert items <= set(seen) and set(truth["routes"]["sitemap"]) == items
    assert any(not ITEM_LINK.search(p) for p in seen)  # other pages mixed in
    news = get(client, "/news/sitemap.xml").text
    assert "<news:publication_date>" in news
    first = get(client, "/sitemap/3.xml")
    again = client.get("/sitemap/3.xml", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


def test_item_pages_hold_chrome_payload_and_truth(site):
    _, truth, _, client = site
    pages = sorted({a["url"] for a in truth["activities"]})
    by_page: dict[str, list[dict]] = {}
    for a in truth["activities"]:
        by_page.setdefault(a["url"], []).append(a)
    styles = set()
    for path in pages[::7]:
        html = client.get(path).text
        rows = by_page[path]
        styles.add(rows[0]["style"])
        for marker in (
            "Waar bent u naar op zoek?",
            "Heeft deze informatie u geholpen?",
            "Meer over dit onderwerp",
            "Hoort bij",
            'href="/ministeries/',
            "De Rijksoverheid. Voor Nederland",
        ):
            assert marker in html, (path, marker)
        stream = stream_of(html)
        more = html.split("Meer over dit onderwerp", 1)[1].split("</section>", 1)[0]
        assert [p for p in ITEM_LINK.findall(more) if not p.endswith(path.rsplit("/", 1)[1])]
        belongs = html.split('<section class="belongs-to">', 1)[1].split("</section>", 1)[0]
        person_links = set(re.findall(r'/regering/bewindspersonen/([a-z0-9-]+)', belongs))
        if rows[0]["attribution"] == "link":
            assert person_links == set(rows[0]["persons"])
        else:
            assert not person_links
        for row in rows:
            text = row["title"].replace("'", "&#x27;")
            assert row["title"] in stream and (text in html or row["title"] in html), (path, row["title"])
            if row["kind"] == "rollup" and row["location_text"]:
                assert f"({row['location_text']})" in html
        if rows[0]["kind"] == "rollup":
            assert "Informatie voor de pers" in html
    assert len(styles) >= 4


def test_rss_feed_serves_agenda_items(site):
    _, truth, _, client = site
    query = json.dumps(
        {
            "resultSearchTerm": "",
            "filters": [
                {
                    "field": "sort_date",
                    "type": "all",
                    "values": [{"from": "2026-09-01T00:00:00Z", "to": "2026-11-01T00:00:00Z"}],
                }
            ],
        }
    )
    feed = client.get("/api/rss", params={"query": query})
    assert feed.status_code == 200
    links = [local_path(x) for x in re.findall(r"<link>([^<]+)</link>", feed.text)[1:]]
    assert links and set(links) & set(truth["routes"]["rss"])


def test_robots_variants(tmp_path):
    build_site_2026(tmp_path / "open")
    build_site_2026(tmp_path / "closed", robots="no-api")
    opened = Protego.parse((tmp_path / "open" / "robots.txt").read_text())
    closed = Protego.parse((tmp_path / "closed" / "robots.txt").read_text())
    assert opened.can_fetch("http://x/api/search", "agendakaart")
    assert not closed.can_fetch("http://x/api/search", "agendakaart")
    assert not closed.can_fetch("http://x/api/rss?query=%7B%7D", "agendakaart")
    assert closed.can_fetch("http://x/sitemap.xml", "agendakaart")
    assert closed.can_fetch("http://x/sitemap/2.xml.gz", "agendakaart")
    assert closed.can_fetch("http://x/actueel/agenda/2026/03/02/x", "agendakaart")


def _files(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_site(tmp_path):
    build_site_2026(tmp_path / "a", seed=1)
    build_site_2026(tmp_path / "b", seed=1)
    other = build_site_2026(tmp_path / "c", seed=2).to_json()
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a == b
    assert all((tmp_path / "a" / k).stat().st_mtime == (tmp_path / "b" / k).stat().st_mtime for k in a)
    assert {x["url"] for x in other["activities"]} != {x["url"] for x in json.loads(a["expected.json"])["activities"]}


def test_revision_two_changes_exactly_what_it_claims(tmp_path):
    root = tmp_path / "site"
    one = build_site_2026(root, revision=1).to_json()
    before = _files(root)
    with ReplicaServer(root) as server, httpx.Client(base_url=server.base_url, timeout=10) as client:
        old = {p: get(client, p) for p in ("/sitemap/1.xml", "/sitemap/3.xml", "/regering/bewindspersonen")}
        pages = sorted({a["url"] for a in one["activities"]})
        heads = {p: client.head(p).headers for p in pages[::5]}
        two = build_site_2026(root, revision=2).to_json()  # rebuilt while serving
        after = _files(root)
        removed, edited, cancelled = two["removed"][0], two["edited"][0], two["cancelled"][0]
        (added,) = two["added"]
        assert client.get(removed).status_code == 410
        assert client.get(added).status_code == 200
        page = client.get(cancelled).text
        assert "Geannuleerd" in page and "gaat niet door" in page
        old_row = next(a for a in one["activities"] if a["url"] == edited)
        new_row = next(a for a in two["activities"] if a["url"] == edited)
        assert new_row["location_text"] != old_row["location_text"]
        assert new_row["location_text"] in client.get(edited).text
        index = json.loads(after["search-index.json"])["documents"]
        urls = {local_path(d["url"]): d for d in index}
        assert removed not in urls and added in urls
        old_index = {local_path(d["url"]): d for d in json.loads(before["search-index.json"])["documents"]}
        assert urls[edited]["activity_location_title"] == new_row["location_text"]
        assert urls[edited]["sort_date"] > old_index[edited]["sort_date"]
        assert urls[cancelled]["sort_date"] > old_index[cancelled]["sort_date"]
        for path in (removed, added):
            assert (path in json.dumps(json.loads(after["rss.json"]))) == (path == added)
        changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
        item_files = {k for k in changed if k.startswith("actueel/agenda/2")}
        assert item_files == {f"{p.lstrip('/')}.html" for p in (removed, edited, cancelled, added)} | {
            f"{removed.lstrip('/')}.html.meta.json"
        }
        assert changed - item_files <= {
            "expected.json",
            "search-index.json",
            "rss.json",
            "sitemap.xml",
            "news/sitemap.xml",
            "sitemap/2.xml.gz",
            "sitemap/3.xml",
            "sitemap/4.xml",
            "sitemap/index-2026.xml",
        }
        assert client.get("/sitemap/1.xml").headers["etag"] == old["/sitemap/1.xml"].headers["etag"]
        assert (
            client.get("/regering/bewindspersonen").headers["last-modified"]
            == old["/regering/bewindspersonen"].headers["last-modified"]
        )
        for path, headers in heads.items():
            if path not in (removed, edited, cancelled):
                now = client.head(path).headers
                assert (now["etag"], now["last-modified"]) == (headers["etag"], headers["last-modified"])
        sitemaps = (
            "".join(get(client, p).text for p in ("/sitemap/3.xml", "/sitemap/4.xml"))
            + gzip.decompress(client.get("/sitemap/2.xml.gz").content).decode()
        )
        assert removed not in sitemaps and added in sitemaps and edited in sitemaps
        value = two["search"]["information_type"]
        answer = post(
            client,
            request_body(
                size=100,
                filters=[
                    {"field": "information_type", "values": [value], "type": "all"},
                    {"field": "sort_date", "type": "all", "values": [{"from": "2026-11-02T00:00:00Z"}]},
                ],
            ),
        ).json()
        assert {local_path(r["url"]["raw"]) for r in answer["results"]} == {edited, cancelled, added}


def test_cli_builds_the_2026_platform(tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "replica",
            "build",
            str(tmp_path / "s"),
            "--platform",
            "2026",
            "--revision",
            "2",
            "--robots",
            "no-api",
            "--search-cap",
            "40",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "platform 2026" in result.output
    assert "Disallow: /api/" in (tmp_path / "s" / "robots.txt").read_text()
    assert json.loads((tmp_path / "s" / "expected.json").read_text())["revision"] == 2
    assert json.loads((tmp_path / "s" / "search-index.json").read_text())["cap"] == 40
    refused = CliRunner().invoke(main, ["replica", "build", str(tmp_path / "t"), "--revision", "2"])
    assert refused.exit_code != 0 and "--platform 2026" in refused.output


def _payload_record(html: str) -> dict:
    row = next(line for line in stream_of(html).split("\n") if line.startswith("2:"))
    return json.loads(row[2:])["agendaItem"]


def test_truth_agrees_with_every_page_and_the_index(site):
    """Each activity in expected.json can be read off its page (payload, visible text) and the index, consistently."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    root, truth, _, _ = site
    amsterdam = ZoneInfo("Europe/Amsterdam")
    index = {local_path(d["url"]): d for d in json.loads((root / "search-index.json").read_text())["documents"]}
    by_page: dict[str, list[dict]] = {}
    for a in truth["activities"]:
        by_page.setdefault(a["url"], []).append(a)
    for path, rows in by_page.items():
        html = (root / f"{path.lstrip('/')}.html").read_text(encoding="utf-8")
        visible = html.split("<main", 1)[1].split("</main>", 1)[0]
        record = _payload_record(html)
        start = datetime.fromisoformat(record["activity"]["startDate"].replace("Z", "+00:00")).astimezone(amsterdam)
        assert start.date().isoformat() == path.split("/agenda/")[1][:10].replace("/", "-")
        if path in index:
            assert index[path]["activity_start_date"] == record["activity"]["startDate"]
        if rows[0]["kind"] == "single":
            (row,) = rows
            assert record["activity"]["location"]["title"] == row["location_text"]
            assert start.date().isoformat() == row["date"]
            assert record["activity"]["showTime"] == (row["start_time"] is not None)
            if row["start_time"]:
                assert start.strftime("%H:%M") == row["start_time"]
            if row["style"] == "payload":
                assert "<dt>" not in visible and "activity-details" not in visible and "Plaats:" not in visible
            elif row["location_text"]:
                assert row["location_text"].replace("'", "&#x27;") in visible or row["location_text"] in visible
            continue
        assert record["activity"]["location"]["title"] == "Diverse locaties"
        article = visible.split('<div class="rich-text">', 1)[1].split('<div class="press-info">', 1)[0]
        for row in rows:
            line = f"{row['type_label']}: {row['title']}" if row["type_label"] else row["title"]
            assert article.count(line.replace("'", "&#x27;")) + article.count(line) >= 1, (path, line)
        assert len(re.findall(r"<(?:li|p)>", article)) == len(rows) + 2  # two intro paragraphs
