"""The polite HTTP client: the only code in agendakaart that opens a socket.

robots.txt (fetched once per host, cached), an identifying User-Agent, a minimum interval between request
starts per host, retries with exponential backoff + jitter on timeouts / connection errors / 429 / 5xx
(honouring Retry-After), a body-size cap, redirects followed by hand (each hop counted and rate-limited; only
on the same host, a rijksoverheid.nl target moved onto the crawled base URL, never to another host)
and conditional GET. Time is injected (`clock`, `sleep`) so tests never really wait.
"""

from __future__ import annotations

import hashlib
import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from agendakaart.errors import FetchError, RobotsDisallowed
from agendakaart.models import Page, PageKind
from agendakaart.settings import Settings
from agendakaart.sources.rijksoverheid import redirect_target

log = logging.getLogger(__name__)

MAX_REDIRECTS = 10
REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_ALLOW_ALL = "allow-all"


@dataclass(frozen=True)
class _Answer:
    """One HTTP exchange, body read (capped)."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes


class OffsiteRedirect(FetchError):
    """A redirect to another host, not followed during a crawl (`status`: the 3xx code, `target`: Location)."""

    def __init__(self, message: str, status: int, target: str):
        super().__init__(message)
        self.status, self.target = status, target


class _Retryable(Exception):
    """A failed attempt that may be retried; `wait` is a server-asked delay (Retry-After) or None."""

    def __init__(self, cause: str, wait: float | None = None):
        super().__init__(cause)
        self.cause = cause
        self.wait = wait


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After header -> seconds to wait, or None when absent/unreadable.

    >>> parse_retry_after("3")
    3.0
    >>> parse_retry_after("Wed, 25 Nov 2026 16:00:10 GMT", datetime(2026, 11, 25, 16, 0, tzinfo=timezone.utc))
    10.0
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    now = now or datetime.now(timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _host_key(url: str) -> str:
    """'https://www.x.nl/a?b' -> 'https://www.x.nl'."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Fetcher:
    """Fetch pages politely; one instance per crawl (it keeps robots.txt and rate-limit state per host)."""

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        transport: httpx.BaseTransport | None = None,
        rng: random.Random | None = None,
        backoff_base: float = 0.5,
    ):
        self.settings = settings
        self.requests_made = 0
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()
        self._backoff_base = backoff_base
        self._next_start: dict[str, float] = {}
        self._robots: dict[str, Protego | str | FetchError] = {}
        self._client = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(settings.timeout),
            follow_redirects=False,
            transport=transport,
        )

    # -- public ---------------------------------------------------------------------------------------------

    def fetch(self, url: str, kind: PageKind, *, etag: str | None = None, last_modified: str | None = None) -> Page:
        """GET url (following redirects) -> Page for 2xx, 304 and 4xx other than 429; FetchError otherwise."""
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if urlsplit(current).scheme not in ("http", "https"):
                raise FetchError(f"{url}: geen http(s)-adres: {current!r}")
            self._check_robots(current)
            answer = self._get_with_retries(current, conditional)
            location = answer.headers.get("location")
            if answer.status not in REDIRECT_CODES:
                return self._page(url, kind, answer)
            if not location:
                raise FetchError(f"{current}: doorverwijzing {answer.status} zonder Location")
            target = urljoin(current, location.strip())
            allowed = redirect_target(current, target, self.settings.base_url)
            if urlsplit(target).scheme not in ("http", "https"):
                allowed = target  # refused with its own message at the top of the loop
            elif allowed is None:
                raise OffsiteRedirect(
                    f"{current}: redirect {answer.status} naar een andere host niet gevolgd: {target}",
                    answer.status,
                    target,
                )
            log.debug("redirect %s -> %s", answer.url, allowed)
            current = allowed
        raise FetchError(f"{url}: meer dan {MAX_REDIRECTS} doorverwijzingen")

    def post_json(self, url: str, payload: dict, kind: PageKind) -> Page:
        """POST a JSON body (a search API) -> Page of the answer (2xx and 4xx other than 429); FetchError otherwise.

        robots.txt, the rate limit and retries apply as for GET; redirects are not followed (an API does not
        move). The Page's url is `url#q=<hash of the body>`, so each distinct request is kept as its own page."""
        import json as _json

        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(f"{url}: geen http(s)-adres")
        self._check_robots(url)
        body = _json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
        answer = self._get_with_retries(
            url, {"Content-Type": "application/json", "Accept": "application/json"}, method="POST", content=body
        )
        if answer.status in REDIRECT_CODES:
            raise FetchError(f"{url}: doorverwijzing {answer.status} op een POST niet gevolgd")
        key = f"{url}#q={hashlib.sha256(body).hexdigest()[:16]}"
        return self._page(key, kind, answer)

    def robots_sitemaps(self, url: str) -> list[str]:
        """The `Sitemap:` lines of the robots.txt of url's host (empty when there is none or it is unreadable)."""
        try:
            self._check_robots(url)
        except FetchError:
            pass
        rules = self._robots.get(_host_key(url))
        return list(rules.sitemaps) if isinstance(rules, Protego) else []

    def robots_check(self, url: str) -> None:
        """Raise RobotsDisallowed (or FetchError: robots.txt unreachable) unless robots.txt allows url."""
        self._check_robots(url)

    def allowed(self, url: str) -> bool:
        """May our User-Agent fetch url per its host's robots.txt? (False also when robots.txt is unreachable.)"""
        try:
            self._check_robots(url)
        except FetchError:
            return False
        return True

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- robots.txt -----------------------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        """Raise RobotsDisallowed / FetchError unless robots.txt of url's host lets our User-Agent fetch it."""
        if not self.settings.respect_robots or urlsplit(url).path == "/robots.txt":
            return
        host = _host_key(url)
        if host not in self._robots:
            self._robots[host] = _ALLOW_ALL  # placeholder: a redirect while loading must not recurse
            self._robots[host] = self._load_robots(host)
        rules = self._robots[host]
        if isinstance(rules, FetchError):
            raise FetchError(f"{url}: robots.txt onbereikbaar, dus niet toegestaan (RFC 9309): {rules}")
        if isinstance(rules, Protego) and not rules.can_fetch(url, self.settings.user_agent):
            raise RobotsDisallowed(f"{url}: disallowed by {host}/robots.txt")

    def _load_robots(self, host: str) -> Protego | str | FetchError:
        """host -> parsed rules; 'allow-all' for a 4xx; the FetchError when 5xx/unreachable after retries."""
        robots_url = f"{host}/robots.txt"
        try:
            page = self.fetch(robots_url, PageKind.ROBOTS)
        except FetchError as exc:
            log.warning("robots.txt of %s unreachable: %s", host, exc)
            return exc
        if page.status >= 400:
            return _ALLOW_ALL
        rules = Protego.parse(page.body.decode("utf-8", errors="replace"))
        delay = rules.crawl_delay(self.settings.user_agent)
        if delay:
            log.info("%s asks a crawl-delay of %s s", host, delay)
        return rules

    def _interval(self, host: str) -> float:
        """Minimum seconds between request starts on host: 1/rate, or robots.txt's longer Crawl-delay."""
        interval = 1.0 / self.settings.rate if self.settings.rate > 0 else 0.0
        rules = self._robots.get(host)
        if isinstance(rules, Protego):
            delay = rules.crawl_delay(self.settings.user_agent)
            if delay:
                interval = max(interval, min(float(delay), self.settings.max_backoff))
        return interval

    # -- sending ----------------------------------------------------------------------------------------------

    def _get_with_retries(
        self, url: str, headers: dict[str, str], *, method: str = "GET", content: bytes | None = None
    ) -> _Answer:
        """One URL, no redirect following -> its final answer; retries transient failures, then FetchError."""
        attempts = self.settings.max_retries + 1
        for attempt in range(attempts):
            try:
                return self._attempt(url, headers, method=method, content=content)
            except _Retryable as exc:
                if attempt + 1 >= attempts:
                    raise FetchError(f"{url}: opgegeven na {attempts} pogingen: {exc.cause}") from None
                wait = self._backoff(attempt, exc.wait, url, exc.cause)
                log.debug("retry %d for %s in %.2f s (%s)", attempt + 1, url, wait, exc.cause)
                self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _backoff(self, attempt: int, asked: float | None, url: str, cause: str) -> float:
        """Seconds to wait before retry number attempt+1: Retry-After if given, else base*2^attempt + jitter."""
        if asked is not None:
            if asked > self.settings.max_backoff:
                raise FetchError(
                    f"{url}: {cause}; Retry-After {asked:.0f} s exceeds max_backoff {self.settings.max_backoff:.0f} s"
                )
            return asked
        exp = self._backoff_base * (2**attempt)
        return min(self.settings.max_backoff, exp + self._rng.uniform(0, self._backoff_base))

    def _wait_turn(self, url: str) -> None:
        """Sleep until the host's next allowed request start, then book the following slot."""
        host = _host_key(url)
        now = self._clock()
        start = max(now, self._next_start.get(host, now))
        if start > now:
            self._sleep(start - now)
        self._next_start[host] = start + self._interval(host)

    def _attempt(
        self, url: str, headers: dict[str, str], *, method: str = "GET", content: bytes | None = None
    ) -> _Answer:
        """Send one request; return the answer, or raise _Retryable (transient) / FetchError (permanent)."""
        self._wait_turn(url)
        self.requests_made += 1
        log.debug("%s %s", method, url)
        try:
            with self._client.stream(method, url, headers=headers, content=content) as response:
                status = response.status_code
                answer_headers = {k.lower(): v for k, v in response.headers.items()}
                if status == 429 or status >= 500:
                    wait = parse_retry_after(answer_headers.get("retry-after"))
                    raise _Retryable(f"HTTP {status}", wait)
                body = self._read_capped(url, response)
        except httpx.InvalidURL as exc:  # also a malformed redirect Location, which httpx parses eagerly
            raise FetchError(f"{url}: ongeldig adres of doel van een doorverwijzing ({exc})") from None
        except httpx.TimeoutException as exc:
            raise _Retryable(f"time-out ({type(exc).__name__})") from None
        except httpx.TransportError as exc:
            raise _Retryable(f"verbindingsfout ({type(exc).__name__}: {exc})") from None
        return _Answer(url, status, answer_headers, body)

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        """Stream the body, stopping with FetchError as soon as it exceeds settings.max_body_bytes."""
        cap = self.settings.max_body_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(f"{url}: antwoord van {declared} bytes is groter dan de grens van {cap} bytes")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(f"{url}: antwoord is groter dan de grens van {cap} bytes")
            chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _page(url: str, kind: PageKind, answer: _Answer) -> Page:
        """The final answer -> Page; other 3xx/1xx are not pages we can use."""
        status = answer.status
        if not (200 <= status < 300 or status == 304 or 400 <= status < 500):
            raise FetchError(f"{answer.url}: onverwachte HTTP-status {status}")
        body = b"" if status == 304 else answer.body
        return Page(
            url=url,
            final_url=answer.url,
            kind=kind,
            status=status,
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            body=body,
            headers=answer.headers,
            etag=answer.headers.get("etag"),
            last_modified=answer.headers.get("last-modified"),
            sha256=None if status == 304 else hashlib.sha256(body).hexdigest(),
        )
