"""Serve a directory of site pages on 127.0.0.1, with fault injection, for the demo and the tests.

URL -> file (see docs/replica.md): `/a/b` -> `a/b` (a file), else `a/b/index.html`, else `a/b.html`;
`/a/b?pagina=2` -> `a/b/pagina=2.html`. A query key counts only when some `a/b/KEY=*.html` exists (unknown keys
are ignored); a known key whose value has no file answers 404. Faults come from `site_dir/faults.json` and the
`faults` argument: {"rules": [{"path" | "match", "times", "status", "retry_after", "delay", "redirect", "code",
"truncate", "honest", "drop"}, ...]}.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit
from xml.sax.saxutils import escape as xml_escape

from agendakaart.replica_site.search_index import INDEX_NAME, answer_search

log = logging.getLogger(__name__)

HIDDEN_NAMES = frozenset({"faults.json", "expected.json", "rss.json", INDEX_NAME})
RSS_PATH = "/api/rss"
SEARCH_PATH = "/api/search"  # POST, JSON in and out, from site_dir/search-index.json (2026 platform)
MAX_POST_BYTES = 1_000_000
RSS_MAX_ITEMS = 20
SIDECAR_SUFFIX = ".meta.json"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".gz": "application/gzip",
}


@dataclass(frozen=True)
class RequestRecord:
    """One request the replica answered (status 0 = dropped by a fault, -1 = the client hung up first)."""

    method: str
    path: str  # with query
    status: int
    headers: dict[str, str]
    at: float  # time.monotonic()
    body: bytes = b""  # the request body (POST)


@dataclass
class FaultRule:
    """One fault: matched on the exact path+query (`path`) or a regex searched in it (`match`)."""

    path: str | None = None
    match: str | None = None
    times: int | None = None  # only the first N matching hits; then the rule is spent
    status: int | None = None
    retry_after: str | int | None = None
    delay: float = 0.0
    redirect: str | None = None
    code: int = 301
    truncate: int | None = None
    honest: bool = True  # truncate: Content-Length of the cut body (True) or of the full one
    drop: bool = False
    hits: int = field(default=0, repr=False)

    def matches(self, target: str) -> bool:
        if self.path is not None:
            return target == self.path
        return self.match is not None and re.search(self.match, target) is not None


def load_rules(spec: dict | list | None) -> list[FaultRule]:
    """{"rules": [{...}]} (or a bare list) -> FaultRules; unknown keys are an error, so typos show.

    >>> load_rules({"rules": [{"path": "/x", "status": 500, "times": 1}]})[0].status
    500
    """
    if not spec:
        return []
    raw = spec.get("rules", []) if isinstance(spec, dict) else spec
    rules = []
    for entry in raw:
        entry = {k: v for k, v in entry.items() if not k.startswith("_")}  # "_note" etc. are comments
        rules.append(FaultRule(**entry))
    return rules


def resolve_path(site_dir: Path, target: str) -> Path | None:
    """'/a/b?pagina=2' -> site_dir/a/b/pagina=2.html (or None: 404). Never leaves site_dir.

    >>> resolve_path(Path("/nonexistent"), "/../etc/passwd") is None
    True
    """
    parts = urlsplit(target)
    segments = [s for s in unquote(parts.path).split("/") if s]
    if any(s in (".", "..") or "\\" in s or "\x00" in s for s in segments) or "%00" in parts.query:
        return None
    base = site_dir.joinpath(*segments)
    if len(segments) == 1 and segments[0] in HIDDEN_NAMES or base.name.endswith(SIDECAR_SUFFIX):
        return None
    if parts.query and base.is_dir():
        known = sorted(
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if "/" not in k + v and _is_known_key(base, k)
        )
        if known:
            candidate = base / ("&".join(f"{k}={v}" for k, v in known) + ".html")
            return candidate if candidate.is_file() else None
    for candidate in (base, base / "index.html", base.parent / f"{base.name}.html"):
        if candidate.is_file():
            return candidate
    return None


def _is_known_key(directory: Path, key: str) -> bool:
    """A query key is known in a directory when a file `KEY=...html` exists there."""
    prefix = f"{key}="
    return any(p.name.startswith(prefix) and p.suffix == ".html" for p in directory.iterdir())


def file_headers(path: Path, body: bytes) -> tuple[int, dict[str, str]]:
    """A served file -> (status, headers): sidecar `<file>.meta.json` may set status, content_type, headers."""
    status = 200
    headers = {"Content-Type": CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")}
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if sidecar.is_file():
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
        status = int(meta.get("status", 200))
        if "content_type" in meta:
            headers["Content-Type"] = meta["content_type"]
        headers.update(meta.get("headers", {}))
    headers["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
    headers["Last-Modified"] = formatdate(int(path.stat().st_mtime), usegmt=True)
    return status, headers


def is_not_modified(request_headers, headers: dict[str, str]) -> bool:
    """If-None-Match (wins when present) or If-Modified-Since against the answer's ETag / Last-Modified."""
    inm = request_headers.get("If-None-Match")
    if inm is not None:
        tags = {t.strip().removeprefix("W/") for t in inm.split(",")}
        return "*" in tags or headers["ETag"] in tags
    ims = request_headers.get("If-Modified-Since")
    if ims:
        try:
            return parsedate_to_datetime(headers["Last-Modified"]) <= parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: no 40 ms delayed-ACK stalls
    server_version = "agendakaart-replica"
    sys_version = ""

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self.server.replica._handle(self, send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self.server.replica._handle(self, send_body=False)

    def do_POST(self) -> None:  # noqa: N802
        self.server.replica._handle(self, send_body=True)

    def log_message(self, fmt: str, *args) -> None:
        log.debug("replica: " + fmt, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address) -> None:
        log.debug("replica: connection error from %s", client_address, exc_info=True)


class ReplicaServer:
    """Context manager: serves site_dir on host:port (0 = any free port) in a daemon thread."""

    def __init__(self, site_dir: Path, *, faults: dict | None = None, host: str = "127.0.0.1", port: int = 0):
        self.site_dir = Path(site_dir)
        self.host, self.port = host, port
        file_spec = None
        faults_file = self.site_dir / "faults.json"
        if faults_file.is_file():
            file_spec = json.loads(faults_file.read_text(encoding="utf-8"))
        self.rules: list[FaultRule] = load_rules(faults) + load_rules(file_spec)
        self.log: list[RequestRecord] = []
        self.base_url = ""
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._index_cache: tuple[tuple, dict] | None = None

    def start(self) -> "ReplicaServer":
        self._stopping.clear()
        self._server = _Server((self.host, self.port), _Handler)
        self._server.replica = self
        self.port = self._server.server_address[1]
        self.base_url = f"http://{self.host}:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="replica", daemon=True
        )
        self._thread.start()
        log.info("replica of %s at %s", self.site_dir, self.base_url)
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = None

    def __enter__(self) -> "ReplicaServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def requests_for(self, path: str) -> list[RequestRecord]:
        """The log entries for one exact path+query."""
        return [r for r in self.log if r.path == path]

    # -- request handling (runs in the server's threads) -----------------------------------------------------

    def _active_rule(self, target: str) -> FaultRule | None:
        with self._lock:
            for rule in self.rules:
                if rule.matches(target):
                    rule.hits += 1
                    if rule.times is None or rule.hits <= rule.times:
                        return rule
        return None

    def _record(self, handler: BaseHTTPRequestHandler, status: int) -> None:
        record = RequestRecord(
            handler.command,
            handler.path,
            status,
            {k.lower(): v for k, v in handler.headers.items()},
            time.monotonic(),
            getattr(handler, "request_body", b""),
        )
        with self._lock:
            self.log.append(record)

    def _handle(self, handler: BaseHTTPRequestHandler, *, send_body: bool) -> None:
        target = handler.path
        handler.request_body = b""
        if handler.command == "POST":  # read the body first, so a fault answer leaves the connection usable
            length = int(handler.headers.get("Content-Length") or 0)
            if length > MAX_POST_BYTES:
                handler.close_connection = True
                self._record(handler, _send(handler, 413, {"Content-Type": "text/plain"}, b"te groot", True))
                return
            handler.request_body = handler.rfile.read(length) if length > 0 else b""
        rule = self._active_rule(target)
        if rule is not None and rule.delay:
            self._stopping.wait(rule.delay)
        try:
            status = self._answer(handler, target, rule, send_body)
        except (BrokenPipeError, ConnectionResetError):
            status = -1
            handler.close_connection = True
        self._record(handler, status)

    def _rss(self, target: str) -> tuple[int, dict[str, str], bytes]:
        """/api/rss?query=<json> -> (status, headers, body) from site_dir/rss.json (absent: 404)."""
        index = self.site_dir / "rss.json"
        if not index.is_file():
            return 404, {"Content-Type": "text/plain; charset=utf-8"}, b"no feed"
        entries = json.loads(index.read_text(encoding="utf-8"))
        query = dict(parse_qsl(urlsplit(target).query)).get("query", "")
        status, body = rss_feed(entries, query, self.base_url)
        ctype = "application/rss+xml; charset=utf-8" if status == 200 else "text/plain; charset=utf-8"
        return status, {"Content-Type": ctype}, body

    def _search_index(self) -> dict | None:
        """site_dir/search-index.json, parsed once per version of the file (a rebuild replaces it)."""
        path = self.site_dir / INDEX_NAME
        try:
            stat = path.stat()
        except OSError:
            return None
        key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if self._index_cache is None or self._index_cache[0] != key:
                self._index_cache = (key, json.loads(path.read_text(encoding="utf-8")))
            return self._index_cache[1]

    def _search(self, handler) -> tuple[int, dict[str, str], bytes]:
        """POST /api/search -> (status, headers, JSON body); GET -> 405; no index file -> 404."""
        index = self._search_index()
        if index is None:
            return 404, {"Content-Type": "text/plain; charset=utf-8"}, b"no search index"
        if handler.command != "POST":
            return 405, {"Allow": "POST", "Content-Type": "application/json"}, b'{"error":"Method Not Allowed"}'
        status, answer = answer_search(index, handler.request_body)
        body = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return status, {"Content-Type": "application/json; charset=utf-8"}, body

    def _answer(self, handler, target: str, rule: FaultRule | None, send_body: bool) -> int:
        """Write the answer for target (fault first, then the file) -> the status sent (0 = dropped)."""
        if rule is not None and rule.drop:
            handler.close_connection = True
            return 0
        if rule is not None and rule.redirect:
            return _send(handler, rule.code, {"Location": rule.redirect}, b"", send_body)
        if rule is not None and rule.status:
            extra = {"Retry-After": str(rule.retry_after)} if rule.retry_after is not None else {}
            body = f"<html><body><h1>{rule.status}</h1></body></html>".encode()
            return _send(handler, rule.status, {"Content-Type": "text/html; charset=utf-8", **extra}, body, send_body)
        if urlsplit(target).path == RSS_PATH:
            return _send(handler, *self._rss(target), send_body)
        if urlsplit(target).path == SEARCH_PATH:
            return _send(handler, *self._search(handler), send_body)
        if handler.command == "POST":
            return _send(handler, 405, {"Allow": "GET, HEAD", "Content-Type": "text/plain"}, b"", send_body)
        path = resolve_path(self.site_dir, target)
        if path is None:
            body = b"<html><head><title>Pagina niet gevonden</title></head><body><h1>404</h1></body></html>"
            return _send(handler, 404, {"Content-Type": "text/html; charset=utf-8"}, body, send_body)
        body = path.read_bytes()
        status, headers = file_headers(path, body)
        if status == 200 and is_not_modified(handler.headers, headers):
            keep = {k: headers[k] for k in ("ETag", "Last-Modified")}
            return _send(handler, 304, keep, b"", send_body, no_length=True)
        if rule is not None and rule.truncate is not None:
            return _send_truncated(handler, status, headers, body, rule, send_body)
        return _send(handler, status, headers, body, send_body)


def _send(handler, status: int, headers: dict[str, str], body: bytes, send_body: bool, no_length: bool = False) -> int:
    handler.send_response(status)
    for key, value in headers.items():
        handler.send_header(key, value)
    if not no_length:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if send_body and body:
        handler.wfile.write(body)
    return status


def _send_truncated(handler, status, headers, body: bytes, rule: FaultRule, send_body: bool) -> int:
    """Send only the first N bytes: honest (Content-Length N) or lying (full length, then close)."""
    cut = body[: rule.truncate]
    if rule.honest:
        return _send(handler, status, headers, cut, send_body)
    handler.send_response(status)
    for key, value in headers.items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    if send_body:
        handler.wfile.write(cut)
        handler.wfile.flush()
    handler.close_connection = True
    return status


def _rss_window(query: dict) -> tuple[str | None, str | None]:
    """The query's sort_date specificPeriod -> (from, to) ISO instants; ValueError for date-only values."""
    for flt in query.get("filters") or []:
        if isinstance(flt, dict) and flt.get("field") == "sort_date":
            for value in flt.get("values") or []:
                lo, hi = value.get("from"), value.get("to")
                if any(v and "T" not in v for v in (lo, hi)):
                    raise ValueError("sort_date needs full ISO instants")
                return lo, hi
    return None, None


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def rss_feed(entries: list[dict], query_json: str, base_url: str) -> tuple[int, bytes]:
    """entries [{title, link, description, pub_date, sort_date}] + the query JSON -> (status, RSS 2.0 bytes).

    At most 20 items, newest sort_date first, no paging; a date-only window answers 500 as the real site does.
    >>> rss_feed([], "not json", "")[0]
    400
    """
    try:
        query = json.loads(query_json)
        lo, hi = _rss_window(query)
        lo_t, hi_t = (_instant(lo) if lo else None), (_instant(hi) if hi else None)
    except ValueError as exc:
        status = 500 if "sort_date" in str(exc) else 400
        return status, f"bad query: {exc}".encode()
    words = str(query.get("resultSearchTerm") or "").lower().split()
    chosen = [
        e
        for e in entries
        if (lo_t is None or _instant(e["sort_date"]) >= lo_t)
        and (hi_t is None or _instant(e["sort_date"]) <= hi_t)
        and all(w in (e["title"] + " " + e.get("description", "")).lower() for w in words)
    ]
    chosen.sort(key=lambda e: _instant(e["sort_date"]), reverse=True)
    items = "".join(
        f"<item><title>{xml_escape(e['title'])}</title><link>{xml_escape(base_url + e['link'])}</link>"
        f"<description>{xml_escape(e.get('description', ''))}</description>"
        f"<pubDate>{formatdate(_instant(e['pub_date']).timestamp(), usegmt=True)}</pubDate>"
        f"<guid isPermaLink=\"true\">{xml_escape(base_url + e['link'])}</guid></item>"
        for e in chosen[:RSS_MAX_ITEMS]
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Zoeken | Rijksoverheid.nl'
        f'</title><link>{xml_escape(base_url)}/zoeken</link><description>Zoekresultaten</description>'
        f'{items}</channel></rss>\n'
    )
    return 200, body.encode("utf-8")
