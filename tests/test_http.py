"""The polite fetcher against the replica server over real HTTP on 127.0.0.1 (time injected: no real waits)."""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest

from agendakaart import USER_AGENT
from agendakaart.errors import FetchError, RobotsDisallowed
from agendakaart.models import PageKind
from agendakaart.replica import ReplicaServer
from agendakaart.settings import Settings
from agendakaart.sources.http import Fetcher, parse_retry_after

ROBOTS = "User-agent: *\nDisallow: /zoeken\n"


class FakeTime:
    """A clock that only moves when someone sleeps; records every sleep."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    (root / "a").mkdir(parents=True)
    (root / "robots.txt").write_text(ROBOTS)
    (root / "a" / "index.html").write_text("<html><title>A</title></html>")
    (root / "b.html").write_text("<html><title>B</title></html>")
    (root / "c.html").write_text("<html><title>C</title></html>")
    (root / "big.html").write_bytes(b"<html>" + b"x" * 5000 + b"</html>")
    (root / "zoeken").mkdir()
    (root / "zoeken" / "index.html").write_text("zoek")
    return root


def serve(site, rules=None):
    return ReplicaServer(site, faults={"rules": rules or []})


def make(fake: FakeTime, **overrides) -> Fetcher:
    settings = Settings(**{"rate": 1000.0, "timeout": 5.0, "max_retries": 3, **overrides})
    return Fetcher(settings, sleep=fake.sleep, clock=fake.clock, rng=random.Random(7))


def test_page_fields_and_user_agent(site):
    fake = FakeTime()
    with serve(site) as server, make(fake) as fetcher:
        page = fetcher.fetch(server.base_url + "/a", PageKind.LISTING)
    assert page.status == 200
    assert page.body == b"<html><title>A</title></html>"
    assert page.url == page.final_url == server.base_url + "/a"
    assert page.kind is PageKind.LISTING
    assert page.etag and page.etag.startswith('"')
    assert page.last_modified and page.last_modified.endswith("GMT")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert len(page.sha256) == 64
    assert page.fetched_at.endswith("+00:00")
    assert [r.path for r in server.log] == ["/robots.txt", "/a"]
    assert all(r.headers["user-agent"] == USER_AGENT for r in server.log)
    assert fetcher.requests_made == 2


def test_robots_disallow_is_cached_per_host(site):
    fake = FakeTime()
    with serve(site) as server, make(fake) as fetcher:
        with pytest.raises(RobotsDisallowed, match="/zoeken"):
            fetcher.fetch(server.base_url + "/zoeken", PageKind.ITEM)
        with pytest.raises(RobotsDisallowed):
            fetcher.fetch(server.base_url + "/zoeken?q=x", PageKind.ITEM)
        fetcher.fetch(server.base_url + "/b", PageKind.ITEM)
    assert [r.path for r in server.log] == ["/robots.txt", "/b"]
    assert fetcher.requests_made == 2


def test_robots_404_allows_everything(site):
    (site / "robots.txt").unlink()
    with serve(site) as server, make(FakeTime()) as fetcher:
        page = fetcher.fetch(server.base_url + "/zoeken", PageKind.ITEM)
    assert page.status == 200 and page.body == b"zoek"


def test_robots_unreachable_means_disallow(site):
    rules = [{"path": "/robots.txt", "status": 503}]
    with serve(site, rules) as server, make(FakeTime(), max_retries=2) as fetcher:
        with pytest.raises(FetchError, match="robots.txt onbereikbaar"):
            fetcher.fetch(server.base_url + "/b", PageKind.ITEM)
        with pytest.raises(FetchError, match="robots.txt onbereikbaar"):
            fetcher.fetch(server.base_url + "/c", PageKind.ITEM)
    assert [r.path for r in server.log] == ["/robots.txt"] * 3  # 1 + 2 retries, then cached


def test_respect_robots_off(site):
    with serve(site) as server, make(FakeTime(), respect_robots=False) as fetcher:
        page = fetcher.fetch(server.base_url + "/zoeken", PageKind.ITEM)
    assert page.status == 200
    assert [r.path for r in server.log] == ["/zoeken"]


def test_rate_limit_sleeps_between_request_starts(site):
    fake = FakeTime()
    with serve(site) as server, make(fake, rate=2.0) as fetcher:
        for path in ("/a", "/b", "/c"):
            fetcher.fetch(server.base_url + path, PageKind.ITEM)
    # robots.txt + 3 pages = 4 starts, 0.5 s apart; the clock only moves by sleeping
    assert fake.sleeps == [0.5, 0.5, 0.5]
    assert fetcher.requests_made == 4


def test_rate_limit_no_sleep_when_time_passed(site):
    fake = FakeTime()
    with serve(site) as server, make(fake, rate=2.0) as fetcher:
        fetcher.fetch(server.base_url + "/a", PageKind.ITEM)  # robots + /a
        fake.now += 10
        fetcher.fetch(server.base_url + "/b", PageKind.ITEM)
    assert fake.sleeps == [0.5]


def test_crawl_delay_from_robots_slows_down(site):
    (site / "robots.txt").write_text("User-agent: *\nCrawl-delay: 3\nDisallow: /zoeken\n")
    fake = FakeTime()
    with serve(site) as server, make(fake, rate=2.0) as fetcher:
        fetcher.fetch(server.base_url + "/a", PageKind.ITEM)
        fetcher.fetch(server.base_url + "/b", PageKind.ITEM)
    assert fake.sleeps == [0.5, 3.0]


def test_429_retry_after_is_honoured(site):
    fake = FakeTime()
    rules = [{"path": "/b", "status": 429, "retry_after": 7, "times": 1}]
    with serve(site, rules) as server, make(fake) as fetcher:
        page = fetcher.fetch(server.base_url + "/b", PageKind.ITEM)
    assert page.status == 200
    assert [r.status for r in server.requests_for("/b")] == [429, 200]
    assert 7.0 in fake.sleeps


def test_retry_after_http_date(site):
    assert (
        parse_retry_after("Wed, 25 Nov 2026 16:00:30 GMT", datetime(2026, 11, 25, 16, 0, 0, tzinfo=timezone.utc))
        == 30.0
    )
    assert (
        parse_retry_after("Wed, 25 Nov 2026 15:00:00 GMT", datetime(2026, 11, 25, 16, 0, 0, tzinfo=timezone.utc)) == 0.0
    )
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def test_retry_after_too_long_fails_at_once(site):
    rules = [{"path": "/b", "status": 429, "retry_after": 3600}]
    with serve(site, rules) as server, make(FakeTime(), max_backoff=60.0) as fetcher:
        with pytest.raises(FetchError, match=r"/b: HTTP 429; Retry-After 3600 s exceeds max_backoff 60 s"):
            fetcher.fetch(server.base_url + "/b", PageKind.ITEM)
    assert len(server.requests_for("/b")) == 1


def test_503_twice_then_200_with_backoff(site):
    fake = FakeTime()
    rules = [{"path": "/c", "status": 503, "times": 2}]
    with serve(site, rules) as server, make(fake) as fetcher:
        page = fetcher.fetch(server.base_url + "/c", PageKind.ITEM)
    assert page.status == 200 and page.body == b"<html><title>C</title></html>"
    assert [r.status for r in server.requests_for("/c")] == [503, 503, 200]
    first, second = [s for s in fake.sleeps if s > 0.01]  # exponential: 0.5*2^n + jitter in [0, 0.5)
    assert 0.5 <= first < 1.0 and 1.0 <= second < 1.5
    assert fetcher.requests_made == 4


def test_500_forever_gives_up_after_n_tries(site):
    rules = [{"path": "/c", "status": 500}]
    with serve(site, rules) as server, make(FakeTime(), max_retries=4) as fetcher:
        with pytest.raises(FetchError, match=r"/c: opgegeven na 5 pogingen: HTTP 500"):
            fetcher.fetch(server.base_url + "/c", PageKind.ITEM)
    assert len(server.requests_for("/c")) == 5
    assert fetcher.requests_made == 6


def test_timeout_on_slow_answer(site):
    rules = [{"path": "/b", "delay": 1.0}]
    with serve(site, rules) as server, make(FakeTime(), timeout=0.2, max_retries=1) as fetcher:
        with pytest.raises(FetchError, match=r"opgegeven na 2 pogingen: time-out"):
            fetcher.fetch(server.base_url + "/b", PageKind.ITEM)
    assert fetcher.requests_made == 3


def test_dropped_connection_is_retried(site):
    rules = [{"path": "/b", "drop": True, "times": 1}]
    with serve(site, rules) as server, make(FakeTime()) as fetcher:
        page = fetcher.fetch(server.base_url + "/b", PageKind.ITEM)
    assert page.status == 200
    assert [r.status for r in server.requests_for("/b")] == [0, 200]


def test_redirect_sets_final_url(site):
    rules = [{"path": "/oud", "redirect": "/b", "code": 301}, {"path": "/ouder", "redirect": "/oud", "code": 302}]
    with serve(site, rules) as server, make(FakeTime()) as fetcher:
        page = fetcher.fetch(server.base_url + "/ouder", PageKind.ITEM)
    assert page.url == server.base_url + "/ouder"
    assert page.final_url == server.base_url + "/b"
    assert page.body == b"<html><title>B</title></html>"
    assert fetcher.requests_made == 4


def test_redirect_loop_fails(site):
    rules = [{"path": "/x", "redirect": "/y"}, {"path": "/y", "redirect": "/x"}]
    with serve(site, rules) as server, make(FakeTime()) as fetcher:
        with pytest.raises(FetchError, match="meer dan 10 doorverwijzingen"):
            fetcher.fetch(server.base_url + "/x", PageKind.ITEM)
    assert fetcher.requests_made == 1 + 11


def test_conditional_get_gives_304(site):
    with serve(site) as server, make(FakeTime()) as fetcher:
        first = fetcher.fetch(server.base_url + "/a", PageKind.LISTING)
        by_etag = fetcher.fetch(server.base_url + "/a", PageKind.LISTING, etag=first.etag)
        by_date = fetcher.fetch(server.base_url + "/a", PageKind.LISTING, last_modified=first.last_modified)
        (site / "a" / "index.html").write_text("<html><title>A2</title></html>")
        changed = fetcher.fetch(server.base_url + "/a", PageKind.LISTING, etag=first.etag)
    assert (by_etag.status, by_etag.body, by_etag.sha256) == (304, b"", None)
    assert by_date.status == 304
    assert changed.status == 200 and changed.body == b"<html><title>A2</title></html>"
    sent = server.requests_for("/a")
    assert sent[1].headers["if-none-match"] == first.etag
    assert sent[2].headers["if-modified-since"] == first.last_modified


def test_404_is_a_page(site):
    with serve(site) as server, make(FakeTime()) as fetcher:
        page = fetcher.fetch(server.base_url + "/bestaat-niet", PageKind.ITEM)
    assert page.status == 404
    assert fetcher.requests_made == 2  # not retried


def test_body_cap(site):
    with serve(site) as server, make(FakeTime(), max_body_bytes=1000) as fetcher:
        with pytest.raises(FetchError, match="groter dan de grens van 1000 bytes"):
            fetcher.fetch(server.base_url + "/big", PageKind.ITEM)
        assert fetcher.fetch(server.base_url + "/a", PageKind.ITEM).status == 200
    assert len(server.requests_for("/big")) == 1  # a cap is not retried


def test_body_cap_without_content_length(site, monkeypatch):
    """A streamed answer with no Content-Length is cut off while reading."""
    import httpx

    def handler(request):
        return httpx.Response(200, content=iter([b"x" * 600, b"y" * 600]))

    fetcher = Fetcher(
        Settings(max_body_bytes=1000, respect_robots=False),
        sleep=FakeTime().sleep,
        clock=FakeTime().clock,
        transport=httpx.MockTransport(handler),
    )
    with fetcher, pytest.raises(FetchError, match="antwoord is groter dan de grens"):
        fetcher.fetch("http://127.0.0.1:9/x", PageKind.ITEM)


def test_lying_truncation_is_a_connection_error(site):
    rules = [{"path": "/big", "truncate": 100, "honest": False}]
    with serve(site, rules) as server, make(FakeTime(), max_retries=1) as fetcher:
        with pytest.raises(FetchError, match="opgegeven na 2 pogingen: verbindingsfout"):
            fetcher.fetch(server.base_url + "/big", PageKind.ITEM)


def test_non_http_urls_fail_without_a_request(site):
    rules = [
        {"path": "/mail", "redirect": "mailto:pers@example.org"},
        {"path": "/ftp", "redirect": "ftp://127.0.0.1/x"},
    ]
    with serve(site, rules) as server, make(FakeTime()) as fetcher:
        with pytest.raises(FetchError, match="geen http"):
            fetcher.fetch("ftp://127.0.0.1/x", PageKind.ITEM)
        with pytest.raises(FetchError, match="/mail: ongeldig adres of doel van een doorverwijzing"):
            fetcher.fetch(server.base_url + "/mail", PageKind.ITEM)
        with pytest.raises(FetchError, match="/ftp: geen http.*ftp://127.0.0.1/x"):
            fetcher.fetch(server.base_url + "/ftp", PageKind.ITEM)
    assert fetcher.requests_made == 3  # robots.txt + /mail + /ftp
