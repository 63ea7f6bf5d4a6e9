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


@pytest.mark.parametrize("target, expected", [
    ("/", None),
    ("/actueel/agenda", "actueel/agenda/index.html"),
    ("/actueel/agenda/", "actueel/agenda/index.html"),
    ("/actueel/agenda?pagina=2", "actueel/agenda/pagina=2.html"),
    ("/actueel/agenda?pagina=2&utm_source=x", "actueel/agenda/pagina=2.html"),   # unknown key ignored
    ("/actueel/agenda?utm_source=x", "actueel/agenda/index.html"),
    ("/actueel/agenda?pagina=2&jaar=2026", "actueel/agenda/jaar=2026&pagina=2.html"),  # keys sorted
    ("/actueel/agenda?pagina=99", None),                                      # known key, no such page
    ("/los", "los.html"),
    ("/robots.txt", "robots.txt"),
    ("/expected.json", None),
    ("/weg.html.meta.json", None),
    ("/../etc/passwd", None),
    ("/%2e%2e/etc/passwd", None),
])
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
        ("GET", "/actueel/agenda?pagina=2", 200), ("GET", "/nergens", 404),
        ("GET", "/weg", 410), ("HEAD", "/los", 200)]
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
    assert by_other_tag.status_code == 200        # If-None-Match wins over If-Modified-Since
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
    (site / "faults.json").write_text(json.dumps({"rules": [
        {"match": r"pagina=\d+", "status": 500, "_note": "all later pages fail"}]}))
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
    rules = {"rules": [{"path": "/actueel/agenda", "truncate": 1},
                       {"path": "/los", "truncate": 2, "honest": False}]}
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
