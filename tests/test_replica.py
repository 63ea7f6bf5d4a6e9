"""The replica server (URL mapping, 304, faults) and the replica site generator (deterministic, consistent)."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from agendakaart.replica import ReplicaServer, load_rules, resolve_path


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    listing = root / "actueel" / "agenda"
    listing.mkdir(parents=True)
    (listing / "index.html").write_text("p1")
    (listing / "pagina=2.html").write_text("p2")
    (listing / "jaar=2026&pagina=2.html").write_text("p2-2026")
    (listing / "jaar=2026.html").write_text("2026")
    (root / "los.html").write_text("los")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /zoeken\n")
    (root / "cp.html").write_bytes("Café in Sneek".encode("cp1252"))
    (root / "kaal.html").write_bytes(b"<p>kaal</p>")
    (root / "kaal.html.meta.json").write_text(json.dumps({"content_type": "text/html"}))
    (root / "weg.html").write_text("weg")
    (root / "weg.html.meta.json").write_text(json.dumps({"status": 410}))
    (root / "expected.json").write_text("{}")
    return root


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/", None),
        ("/actueel/agenda", "actueel/agenda/index.html"),
        ("/actueel/agenda/", "actueel/agenda/index.html"),
        ("/actueel/agenda?pagina=2", "actueel/agenda/pagina=2.html"),
        ("/actueel/agenda?pagina=2&utm_source=x", "actueel/agenda/pagina=2.html"),  # unknown key ignored
        ("/actueel/agenda?utm_source=x", "actueel/agenda/index.html"),
        ("/actueel/agenda?pagina=2&jaar=2026", "actueel/agenda/jaar=2026&pagina=2.html"),  # keys sorted
        ("/actueel/agenda?pagina=99", None),  # known key, no such page
        ("/los", "los.html"),
        ("/robots.txt", "robots.txt"),
        ("/expected.json", None),
        ("/weg.html.meta.json", None),
        ("/../etc/passwd", None),
        ("/%2e%2e/etc/passwd", None),
        ("/los%00.html", None),
        ("/actueel/agenda?pagina=%00", None),
    ],
)
def test_resolve_path(site, target, expected):
    found = resolve_path(site, target)
    if expected is None:
        assert found is None
    else:
        assert found == site / expected


def test_server_answers_and_logs(site):
    with ReplicaServer(site) as server, httpx.Client(base_url=server.base_url) as client:
        ok = client.get("/actueel/agenda?pagina=2", headers={"User-Agent": "test-ua"})
        missing = client.get("/nergens")
        gone = client.get("/weg")
        head = client.head("/los")
    assert server.base_url.startswith("http://127.0.0.1:")
    assert (ok.status_code, ok.text) == (200, "p2")
    assert ok.headers["content-type"] == "text/html; charset=utf-8"
    assert missing.status_code == 404 and gone.status_code == 410
    assert head.status_code == 200 and head.content == b"" and head.headers["content-length"] == "3"
    assert [(r.method, r.path, r.status) for r in server.log] == [
        ("GET", "/actueel/agenda?pagina=2", 200),
        ("GET", "/nergens", 404),
        ("GET", "/weg", 410),
        ("HEAD", "/los", 200),
    ]
    assert server.log[0].headers["user-agent"] == "test-ua"


def test_charsets_can_lie_or_be_absent(site):
    with ReplicaServer(site) as server, httpx.Client(base_url=server.base_url) as client:
        lying = client.get("/cp")
        bare = client.get("/kaal")
    assert lying.headers["content-type"] == "text/html; charset=utf-8"
    assert lying.content == "Café in Sneek".encode("cp1252")
    assert bare.headers["content-type"] == "text/html"


def test_etag_last_modified_and_304(site):
    with ReplicaServer(site) as server, httpx.Client(base_url=server.base_url) as client:
        first = client.get("/los")
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        by_tag = client.get("/los", headers={"If-None-Match": etag})
        by_other_tag = client.get("/los", headers={"If-None-Match": '"anders"', "If-Modified-Since": modified})
        by_date = client.get("/los", headers={"If-Modified-Since": modified})
        old_date = client.get("/los", headers={"If-Modified-Since": "Mon, 01 Jan 2001 00:00:00 GMT"})
    assert etag.startswith('"') and modified.endswith("GMT")
    assert (by_tag.status_code, by_tag.content, by_tag.headers["etag"]) == (304, b"", etag)
    assert by_other_tag.status_code == 200  # If-None-Match wins over If-Modified-Since
    assert by_date.status_code == 304
    assert old_date.status_code == 200 and old_date.text == "los"


def test_fault_status_times_and_retry_after(site):
    rules = {"rules": [{"path": "/los", "status": 429, "retry_after": 1, "times": 2}]}
    with ReplicaServer(site, faults=rules) as server, httpx.Client(base_url=server.base_url) as client:
        answers = [client.get("/los") for _ in range(3)]
    assert [a.status_code for a in answers] == [429, 429, 200]
    assert answers[0].headers["retry-after"] == "1"
    assert answers[2].text == "los"


def test_fault_regex_and_faults_file(site):
    (site / "faults.json").write_text(
        json.dumps({"rules": [{"match": r"pagina=\d+", "status": 500, "_note": "all later pages fail"}]})
    )
    with ReplicaServer(site) as server, httpx.Client(base_url=server.base_url) as client:
        assert client.get("/actueel/agenda?pagina=2").status_code == 500
        assert client.get("/actueel/agenda").status_code == 200


def test_argument_rules_come_before_file_rules(site):
    (site / "faults.json").write_text(json.dumps({"rules": [{"path": "/los", "status": 500}]}))
    with ReplicaServer(site, faults={"rules": [{"path": "/los", "status": 503}]}) as server:
        assert httpx.get(server.base_url + "/los").status_code == 503


def test_fault_redirect(site):
    rules = {"rules": [{"path": "/oud", "redirect": "/los", "code": 302}, {"path": "/ouder", "redirect": "/los"}]}
    with ReplicaServer(site, faults=rules) as server, httpx.Client(base_url=server.base_url) as client:
        temp = client.get("/oud")
        perm = client.get("/ouder")
        followed = client.get("/ouder", follow_redirects=True)
    assert (temp.status_code, temp.headers["location"]) == (302, "/los")
    assert perm.status_code == 301
    assert followed.text == "los" and str(followed.url) == server.base_url + "/los"


def test_fault_delay(site):
    rules = {"rules": [{"path": "/los", "delay": 0.3}]}
    with ReplicaServer(site, faults=rules) as server, httpx.Client(base_url=server.base_url) as client:
        started = time.monotonic()
        answer = client.get("/los")
        took = time.monotonic() - started
        with pytest.raises(httpx.ReadTimeout):
            client.get("/los", timeout=0.1)
    assert answer.text == "los" and took >= 0.3


def test_fault_truncate_honest_and_lying(site):
    rules = {"rules": [{"path": "/actueel/agenda", "truncate": 1}, {"path": "/los", "truncate": 2, "honest": False}]}
    with ReplicaServer(site, faults=rules) as server, httpx.Client(base_url=server.base_url) as client:
        honest = client.get("/actueel/agenda")
        with pytest.raises(httpx.RemoteProtocolError):
            client.get("/los")
    assert honest.content == b"p" and honest.headers["content-length"] == "1"


def test_fault_drop(site):
    rules = {"rules": [{"path": "/los", "drop": True, "times": 1}]}
    with ReplicaServer(site, faults=rules) as server, httpx.Client(base_url=server.base_url) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            client.get("/los")
        assert client.get("/los").text == "los"
    assert [r.status for r in server.log] == [0, 200]


def test_bad_fault_rule_is_an_error():
    with pytest.raises(TypeError):
        load_rules({"rules": [{"path": "/x", "stauts": 500}]})


# -- the replica site generator ---------------------------------------------------------------------------------

import csv  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
from html import escape  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urljoin, urlsplit  # noqa: E402

from agendakaart.errors import AgendakaartError  # noqa: E402
from agendakaart.models import PageKind  # noqa: E402
from agendakaart.replica_site import build_site, file_for_url  # noqa: E402
from agendakaart.settings import Settings  # noqa: E402
from agendakaart.sources.http import Fetcher  # noqa: E402

ITEM_LINK = re.compile(r"/agenda/\d{4}/\d{2}/\d{2}/[^/?#]+$")
HREF = re.compile(r'<a [^>]*href="([^"]+)"')


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("replica") / "site"
    truth = build_site(out, seed=1)
    return out, truth


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_build_is_deterministic(built, tmp_path):
    out, _ = built
    again = tmp_path / "again"
    build_site(again, seed=1)
    assert _tree(again) == _tree(out)
    other = tmp_path / "other"
    build_site(other, seed=2)
    assert _tree(other) != _tree(out)
    assert (out / "robots.txt").stat().st_mtime == (again / "robots.txt").stat().st_mtime


def test_expected_json_matches_truth_and_counts(built):
    out, truth = built
    expected = json.loads((out / "expected.json").read_text(encoding="utf-8"))
    assert expected == json.loads(json.dumps(truth.to_json()))
    counts = expected["counts"]
    assert counts["activities"] == len(expected["activities"]) >= 250
    assert counts["persons"] == len(expected["persons"]) >= 10
    assert counts["item_pages"] == len({a["url"] for a in expected["activities"]})
    assert counts["problem_pages"] == len(expected["problems"]) == 3
    assert counts["listing_pages"] == sum(len(v) for v in expected["listings"].values())
    assert all(p["activities"] >= 15 for p in expected["persons"])
    assert len({(a["url"], a["ordinal"]) for a in expected["activities"]}) == len(expected["activities"])
    assert all(a["date"].startswith("2026-") for a in expected["activities"])


def test_persons_are_real_kabinet_jetten_members(built):
    _, truth = built
    source = Path(__file__).parents[1] / "src/agendakaart/data/bewindspersonen.csv"
    with source.open(encoding="utf-8") as f:
        real = {
            r["rijksoverheid_slug"].rsplit("/", 1)[-1]: r["name"]
            for r in csv.DictReader(f)
            if r["cabinet"] == "kabinet-Jetten"
        }
    assert all(real.get(p["slug"]) == p["name"] for p in truth.persons)
    assert {p["link_style"] for p in truth.persons} == {"standard", "other_path", "no_link"}
    assert {p["pagination"] for p in truth.persons} == {"rel", "label", "bare", "loop", "long"}


def _check_links(out: Path, truth) -> None:
    """Every item link on every listing page resolves (after a redirect) or is a deliberate 404."""
    deliberate_404 = {p["url"] for p in truth.problems if p["reason"] == "http_404"}
    seen = set()
    for listing, urls in truth.listings.items():
        for url in urls:
            html = (out / file_for_url(url)).read_text(encoding="utf-8")
            for href in HREF.findall(html):
                path = urlsplit(urljoin("http://h" + url, href)).path
                if not ITEM_LINK.search(path):
                    continue
                seen.add(path)
                target = truth.redirects.get(path, path)
                assert resolve_path(out, target) is not None or path in deliberate_404, (url, href)
    assert deliberate_404 <= seen
    assert {a["url"] for a in truth.activities} <= {truth.redirects.get(p, p) for p in seen}
    assert set(truth.redirects) <= seen


def _check_titles(out: Path, truth) -> None:
    """Every expected title (single page) or line text (roll-up) is on its page, in some encoding of it."""
    for act in truth.activities:
        body = (out / file_for_url(act["url"])).read_bytes()
        text = body.decode("cp1252" if act["hostile"] in ("cp1252", "cp1252_undeclared") else "utf-8")
        forms = {act["title"], escape(act["title"], quote=False), json.dumps(act["title"], ensure_ascii=False)[1:-1]}
        assert any(f in text for f in forms), act


def test_every_listed_link_exists_or_is_deliberate(built):
    _check_links(*built)


def test_titles_and_bullets_are_on_their_pages(built):
    _check_titles(*built)


@pytest.mark.parametrize("seed", [3, 6])
def test_other_seeds_vary_markup_and_stay_consistent(tmp_path, seed):
    truth = build_site(tmp_path / "s", seed=seed)
    out = tmp_path / "s"
    assert truth.counts["activities"] >= 250 and truth.markup != {k: 0 for k in truth.markup}
    _check_links(out, truth)
    _check_titles(out, truth)
    central = (out / file_for_url("/actueel/agenda")).read_text(encoding="utf-8")
    wrapper = {0: '<ul class="results">', 1: '<div class="cards">', 2: '<table class="agenda-table">'}
    assert wrapper[truth.markup["entry"]] in central
    nextjs = next(a["url"] for a in truth.activities if a["style"] == "nextjs")
    html = (out / file_for_url(nextjs)).read_text(encoding="utf-8")
    payload = json.loads(html.split('type="application/json">')[1].split("</script>")[0])
    record = payload["props"]["pageProps"]["dehydratedState"]["queries"][1]["state"]["data"]["agendaItem"]
    assert ("titel" in record, "title" in record) == ((True, False) if truth.markup["payload"] == 0 else (False, True))


def test_pagination_links_resolve(built):
    out, truth = built
    for listing, urls in truth.listings.items():
        for url in urls:
            html = (out / file_for_url(url)).read_text(encoding="utf-8")
            for href in re.findall(r'href="([^"]*pagina=[^"]*|[^"]*/agenda)"', html):
                assert resolve_path(out, urljoin(url, href)) is not None, (url, href)
    long_listing = next(p for p in truth.persons if p["pagination"] == "long")
    assert len(truth.listings[long_listing["agenda_path"]]) >= 60
    loop = next(p for p in truth.persons if p["pagination"] == "loop")
    last = (out / file_for_url(truth.listings[loop["agenda_path"]][-1])).read_text(encoding="utf-8")
    assert f'href="{loop["agenda_path"]}"' in last


def test_person_pages_link_their_agenda(built):
    out, truth = built
    for person in truth.persons:
        html = (out / file_for_url(person["url"])).read_text(encoding="utf-8")
        linked = f'href="{person["agenda_path"]}"' in html
        assert linked == (person["link_style"] != "no_link")
        assert person["agenda_path"].endswith("/agenda")
        assert resolve_path(out, person["agenda_path"]) is not None
    index = (out / file_for_url("/regering/bewindspersonen")).read_text(encoding="utf-8")
    assert all(f'href="{p["url"]}"><img' in index and f"<h3>{escape(p['name'])}</h3>" in index for p in truth.persons)


def test_hostile_pages(built):
    out, truth = built
    by_hostile = {a["hostile"]: a for a in truth.activities if a["hostile"]}
    script = (out / file_for_url(by_hostile["script_title"]["url"])).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in script and "<script>alert(1)" not in script
    for kind in ("cp1252", "cp1252_undeclared"):
        raw = (out / file_for_url(by_hostile[kind]["url"])).read_bytes()
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
    assert b'<meta charset' not in (out / file_for_url(by_hostile["cp1252_undeclared"]["url"])).read_bytes()
    joint = by_hostile["joint"]
    assert len(joint["persons"]) == 2
    problems = {p["reason"]: p["url"] for p in truth.problems}
    assert (out / file_for_url(problems["empty"])).read_bytes() == b""
    no_title = (out / file_for_url(problems["no_title"])).read_text(encoding="utf-8")
    assert "<h1" not in no_title and "<title" not in no_title and "DCTERMS" not in no_title
    assert not (out / file_for_url(problems["http_404"])).exists()


def test_robots_and_faults_file(built):
    from protego import Protego

    out, truth = built
    robots = Protego.parse((out / "robots.txt").read_text())
    assert not robots.can_fetch("http://h/zoeken?trefwoord=x", "agendakaart")
    assert robots.can_fetch("http://h/actueel/agenda", "agendakaart")
    rules = json.loads((out / "faults.json").read_text())["rules"]
    kinds = sorted(k for r in rules for k in ("status", "redirect", "truncate") if k in r)
    assert kinds == ["redirect", "status", "status", "truncate"]
    assert all(r.get("times") == 1 for r in rules if "status" in r)


def test_refuses_to_overwrite_a_foreign_directory(tmp_path):
    (tmp_path / "mijn-bestand.txt").write_text("bewaren")
    with pytest.raises(AgendakaartError, match="niet leeg"):
        build_site(tmp_path)
    assert (tmp_path / "mijn-bestand.txt").read_text() == "bewaren"


def test_whole_site_served_and_fetched(built):
    """Every expected page fetched politely over HTTP: faults hit once, redirect followed, truncation honest."""
    out, truth = built
    sleeps = []
    settings = Settings(rate=1000.0, max_retries=2)
    with (
        ReplicaServer(out) as server,
        Fetcher(settings, sleep=sleeps.append, clock=lambda: 0.0, rng=random.Random(1)) as fetcher,
    ):
        pages = {}
        for link in sorted({truth.redirects.get(a["url"], a["url"]) for a in truth.activities} | set(truth.redirects)):
            pages[link] = fetcher.fetch(server.base_url + link, PageKind.ITEM)
        problems = {p["reason"]: fetcher.fetch(server.base_url + p["url"], PageKind.ITEM) for p in truth.problems}
    assert all(p.status == 200 for p in pages.values())
    old, new = next(iter(truth.redirects.items()))
    assert pages[old].final_url == server.base_url + new
    assert 1 in sleeps  # the 429's Retry-After
    statuses = [r.status for r in server.log]
    assert statuses.count(500) == 1 and statuses.count(429) == 1 and statuses.count(301) == 1
    cut = next(a for a in truth.activities if a["hostile"] == "truncated")
    body = pages[cut["url"]].body
    assert body.rstrip().endswith(b"</html>") is False and cut["title"].encode() in body
    assert (problems["empty"].status, problems["empty"].body) == (200, b"")
    assert problems["http_404"].status == 404 and problems["no_title"].status == 200


# -- CLI ----------------------------------------------------------------------------------------------------------

import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from click.testing import CliRunner  # noqa: E402

from agendakaart.cli import main  # noqa: E402


def test_cli_build(tmp_path):
    result = CliRunner().invoke(main, ["replica", "build", str(tmp_path / "site"), "--seed", "3"])
    assert result.exit_code == 0, result.output
    expected = json.loads((tmp_path / "site" / "expected.json").read_text(encoding="utf-8"))
    assert expected["seed"] == 3
    assert f"{expected['counts']['activities']} activiteiten" in result.output


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_cli_serve_until_interrupted(tmp_path, built, stop_signal):
    out, _ = built
    extra = tmp_path / "extra.json"
    extra.write_text(json.dumps({"rules": [{"path": "/robots.txt", "status": 503}]}))
    command = [
        sys.executable,
        "-c",
        "from agendakaart.cli import main; main()",
        "replica",
        "serve",
        str(out),
        "--port",
        "0",
        "--faults",
        str(extra),
    ]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base_url = proc.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        assert httpx.get(base_url + "/robots.txt").status_code == 503
        assert httpx.get(base_url + "/regering/bewindspersonen").status_code == 200
    finally:
        proc.send_signal(stop_signal)
        _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert "5 foutregels actief" in err and "gestopt na 2 verzoeken" in err


# -- RSS discovery endpoint ----------------------------------------------------------------------------------------

import xml.etree.ElementTree as ET  # noqa: E402
from datetime import datetime as _dt, timedelta as _td  # noqa: E402


def _rss_query(lo: str, hi: str, words: str = "") -> dict:
    window = {"name": "specificPeriod", "from": lo, "to": hi}
    query = {
        "resultSearchTerm": words,
        "pageTitle": "Zoeken",
        "filters": [{"field": "sort_date", "values": [window], "type": "all"}],
    }
    return {"query": json.dumps(query)}


def _rss_links(client, lo: str, hi: str, words: str = "") -> list[str]:
    answer = client.get("/api/rss", params=_rss_query(lo, hi, words))
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/rss+xml")
    return [item.findtext("link") for item in ET.fromstring(answer.content).iter("item")]


def test_rss_caps_at_20_newest_first(built):
    out, truth = built
    with ReplicaServer(out) as server, httpx.Client(base_url=server.base_url) as client:
        links = _rss_links(client, "2026-01-01T00:00:00Z", "2026-12-31T23:00:00Z")
        narrow = _rss_links(client, "2026-06-08T22:00:00Z", "2026-06-09T22:00:00Z")
        searched = _rss_links(client, "2026-01-01T00:00:00Z", "2026-12-31T23:00:00Z", "Eemshaven")
    assert len(links) == 20
    dates = [urlsplit(link).path.split("/agenda/")[1][:10] for link in links if "/agenda/" in link]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2026/10/30"
    assert all(link.startswith(server.base_url + "/") for link in links)
    assert all("/2026/06/09/" in link for link in narrow)
    joint = next(a["url"] for a in truth.activities if a["hostile"] == "joint")
    assert searched == [server.base_url + joint]


def test_rss_window_splitting_finds_every_agenda_page(built):
    """The SITE.md discovery route: split any full (20) window in two until none is full."""
    out, truth = built
    found: set[str] = set()
    with ReplicaServer(out) as server, httpx.Client(base_url=server.base_url) as client:
        windows = [(_dt(2026, 1, 1), _dt(2027, 1, 1))]
        while windows:
            lo, hi = windows.pop()
            links = _rss_links(client, lo.strftime("%Y-%m-%dT%H:%M:%SZ"), hi.strftime("%Y-%m-%dT%H:%M:%SZ"))
            if len(links) == 20:
                mid = lo + (hi - lo) / 2
                windows += [(lo, mid), (mid + _td(seconds=1), hi)]
                continue
            found |= {urlsplit(link).path for link in links if "/actueel/agenda/" in urlsplit(link).path}
    assert found == {a["url"] for a in truth.activities}


def test_rss_errors(built, site):
    out, _ = built
    with ReplicaServer(out) as server, httpx.Client(base_url=server.base_url) as client:
        date_only = client.get("/api/rss", params=_rss_query("2026-03-01", "2026-03-31"))
        broken = client.get("/api/rss", params={"query": "{niet json"})
    assert date_only.status_code == 500 and broken.status_code == 400
    with ReplicaServer(site) as server:
        assert httpx.get(server.base_url + "/api/rss", params={"query": "{}"}).status_code == 404
