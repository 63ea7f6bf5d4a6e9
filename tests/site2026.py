"""A small site in the shape of the 2026 rijksoverheid.nl platform (SITE.md), written for the route tests.

Its own markup (not the bundled replica's): a dynamic server on 127.0.0.1 with POST /api/search (facets, a
paging cap answering 400, page sizes above 50 refused, date-only ranges answering 500), a sitemap index with a
gzipped urlset, client-rendered listings, a persons index without the former cabinet, item pages with payload
chunks, "Meer over dit onderwerp", "Hoort bij" and a feedback block. `state` can be changed between runs
(edit, remove, robots variant). All text here was written for these tests.
"""

from __future__ import annotations

import gzip
import json
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from html import escape

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
PLACES = (
    "Assen",
    "Emmen",
    "Heerlen",
    "Delfzijl",
    "Terneuzen",
    "Lelystad",
    "Den Helder",
    "Kerkrade",
    "Sneek",
    "Winterswijk",
    "Venlo",
    "Almelo",
    "Zwolle",
    "Meppel",
    "Goes",
)
CAP = 30


@dataclass
class Item:
    path: str
    title: str
    day: date
    person: str  # slug, linked under "Hoort bij" (None-like "" = named only in the title by post)
    location: str | None  # shown on the page; None = only the search index has it
    search_location: str | None
    body: str
    rollup: list[tuple[date, str]] = field(default_factory=list)  # (day, "Type: text (Place)")
    sort_date: str = ""


def build_items() -> list[Item]:
    items = []
    start = date(2025, 1, 6)
    for n in range(40):
        day = start + timedelta(days=7 * (n // 2) + (n % 2) * 2)
        place = PLACES[n % len(PLACES)]
        slug = f"werkbezoek-{place.lower().replace(' ', '-')}-{n}"
        on_page = n % 3 != 0
        items.append(
            Item(
                path=f"/actueel/agenda/{day:%Y/%m/%d}/{slug}",
                title=f"Minister-president bezoekt {place}",
                day=day,
                person="dick-schoof",
                location=place if on_page else None,
                search_location=place,
                body=f"De minister-president spreekt in {place} met ondernemers over werk in de regio.",
                sort_date=f"{day - timedelta(days=3)}T09:00:00.000Z",
            )
        )
    for week, monday in ((12, date(2025, 3, 17)), (13, date(2025, 3, 24))):
        lines = [
            (monday, "Ministerraad"),
            (monday + timedelta(days=1), f"Werkbezoek: bezoek aan een school ({PLACES[week]})"),
            (monday + timedelta(days=2), "Gesprek: overleg met de burgemeester van Groningen (Groningen)"),
        ]
        items.append(
            Item(
                path=f"/actueel/agenda/{monday:%Y/%m/%d}/agenda-minister-president-week-{week}",
                title=f"Agenda minister-president week {week}",
                day=monday,
                person="",
                location="Diverse locaties",
                search_location="Diverse locaties",
                body="",
                rollup=lines,
                sort_date=f"{monday + timedelta(days=14)}T10:00:00.000Z",
            )
        )
    return items


def nl_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def item_html(item: Item, others: list[Item]) -> str:
    fields = f"<dl><dt>Datum</dt><dd>{nl_date(item.day)}</dd>"
    if item.location:
        fields += f"<dt>Locatie</dt><dd>{escape(item.location)}</dd>"
    fields += "</dl>"
    if item.rollup:
        days: dict[date, list[str]] = {}
        for day, line in item.rollup:
            days.setdefault(day, []).append(line)
        body = "".join(
            f"<h3>{nl_date(d)}</h3><ul>{''.join(f'<li>{escape(x)}</li>' for x in lines)}</ul>"
            for d, lines in days.items()
        )
        body += "<h2>Informatie voor de pers</h2><p>Persvoorlichting: 070 000 0000</p>"
    else:
        body = f"<p>{escape(item.body)}</p>"
    related = "".join(f'<li><a href="{o.path}">{escape(o.title)}</a></li>' for o in others)
    person = f'<li><a href="/regering/bewindspersonen/{item.person}">Dick Schoof</a></li>' if item.person else ""
    visible = f"<h1>{escape(item.title)}</h1><p>Agenda-item | {item.day:%d-%m-%Y}</p>{fields}{body}"
    payload = json.dumps(visible)[1:-1]
    half = len(payload) // 2
    chunks = "".join(
        f"<script>self.__next_f.push([1,\"{part}\"])</script>" for part in (payload[:half], payload[half:])
    )
    return (
        f"<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{escape(item.title)} | "
        f"Rijksoverheid.nl</title></head><body><header><form role=\"search\"><label>Zoeken binnen "
        f"Rijksoverheid.nl</label><input type=\"search\" name=\"trefwoord\"></form></header><main>"
        f"<nav aria-label=\"Kruimelpad\"><a href=\"/\">Home</a> <a href=\"/ministeries/ministerie-van-algemene-"
        f"zaken\">Ministerie van Algemene Zaken</a></nav>{visible}"
        f"<section><h2>Heeft deze informatie u geholpen?</h2><button>Ja</button><button>Nee</button></section>"
        f"<section><h2>Meer over dit onderwerp</h2><ul>{related}</ul></section>"
        f"<section><h2>Hoort bij</h2><ul>{person}<li><a href=\"/ministeries/ministerie-van-algemene-zaken\">"
        f"Ministerie van Algemene Zaken</a></li></ul></section></main>"
        f"<footer><p>Rijksoverheid.nl | Contact | Toegankelijkheid</p></footer>{chunks}</body></html>"
    )


class Site2026:
    """The server and its state: `items`, `removed` paths, `robots` text; `log` of (method, path, status)."""

    def __init__(self):
        self.items = build_items()
        self.removed: set[str] = set()
        self.hidden: set[str] = set()  # served and linked from other pages, but in no index
        self.clamp: int | None = None  # serve at most this many results per page, silently (no 400)
        self.totals = True  # answer totalResults
        self.robots = "User-agent: *\nAllow: /\n"
        self.log: list[tuple[str, str, int]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                site.answer(self, "GET", b"")

            def do_POST(self):  # noqa: N802
                size = int(self.headers.get("content-length") or 0)
                site.answer(self, "POST", self.rfile.read(size))

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def live(self) -> list[Item]:
        return [i for i in self.items if i.path not in self.removed]

    def listed(self) -> list[Item]:
        return [i for i in self.live() if i.path not in self.hidden]

    def answer(self, handler, method: str, body: bytes) -> None:
        path = handler.path
        status, ctype, data, headers = self.route(method, path, body, handler.headers)
        with self.lock:
            self.log.append((method, path, status))
        handler.send_response(status)
        handler.send_header("Content-Type", ctype)
        handler.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            handler.send_header(k, v)
        handler.end_headers()
        handler.wfile.write(data)

    def route(self, method, path, body, headers):
        html = "text/html; charset=utf-8"
        if path == "/robots.txt":
            return 200, "text/plain", self.robots.encode(), {}
        if path == "/api/search" and method == "POST":
            return self.search(body)
        if path == "/sitemap.xml":
            return self.conditional(headers, self.sitemap_index().encode(), "application/xml")
        if path == "/sitemap/1.xml":
            return self.conditional(headers, self.urlset(self.listed()[::2]).encode(), "application/xml")
        if path == "/sitemap/2.xml.gz":
            data = gzip.compress(self.urlset(self.listed()[1::2]).encode(), mtime=0)
            return self.conditional(headers, data, "application/gzip")
        if path.startswith("/actueel/agenda") and path.count("/") <= 2:
            return (
                200,
                html,
                (
                    "<html><body><div id=\"__next\"><p>Agenda wordt geladen…</p></div><a href=\"/actueel/"
                    "agenda?size=n_10_n&filters%5B0%5D%5Bfield%5D=type\">Filter</a></body></html>"
                ).encode(),
                {},
            )
        if path == "/regering/bewindspersonen":
            return (
                200,
                html,
                (
                    "<html><body><main><a href=\"/regering/bewindspersonen/rob-jetten\"><h3>Rob Jetten"
                    "</h3><p>Minister-president</p></a></main></body></html>"
                ).encode(),
                {},
            )
        for item in self.live():
            if path == item.path:
                others = [o for o in self.live() if o is not item][:2]
                return self.conditional(headers, item_html(item, others).encode(), html)
        return 404, html, b"<html><body><h1>Pagina niet gevonden</h1></body></html>", {}

    @staticmethod
    def conditional(headers, data: bytes, ctype: str):
        import hashlib

        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        if headers.get("If-None-Match") == etag:
            return 304, ctype, b"", {"ETag": etag}
        return 200, ctype, data, {"ETag": etag}

    def sitemap_index(self) -> str:
        return (
            "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            f"<sitemap><loc>{self.base_url}/sitemap/1.xml</loc></sitemap>"
            "<sitemap><loc>https://www.rijksoverheid.nl/sitemap/2.xml.gz</loc></sitemap>"
            "<sitemap><loc>https://elders.example.org/sitemap.xml</loc></sitemap></sitemapindex>"
        )

    @staticmethod
    def urlset(items: list[Item]) -> str:
        rows = "".join(
            f"<url><loc>https://www.rijksoverheid.nl{i.path}</loc><lastmod>{i.sort_date}</lastmod></url>" for i in items
        )
        return (
            "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
            "<url><loc>https://www.rijksoverheid.nl/onderwerpen/regio</loc></url>" + rows + "</urlset>"
        )

    def search(self, body: bytes):
        js = "application/json"
        try:
            request = json.loads(body)
            state = request["requestState"]
            current, size = int(state["current"]), int(state["resultsPerPage"])
        except (ValueError, KeyError, TypeError):
            return 400, js, b'{"error":"Invalid search request"}', {}
        if self.clamp:
            size = min(size, self.clamp)
        if size > 50 or (current - 1) * size >= CAP:
            return 400, js, b'{"error":"Invalid search request"}', {}
        docs = [
            {
                "url": i.path,
                "page_title": i.title,
                "sort_date": i.sort_date,
                "information_type": "Agenda-item",
                "ministry": "Ministerie van Algemene Zaken",
                "activity_start_date": f"{i.day}T08:00:00.000Z",
                "activity_location_title": i.search_location,
            }
            for i in self.listed()
        ]
        docs += [
            {
                "url": f"/actueel/nieuws/2025/0{m}/01/bericht-{m}",
                "page_title": "Nieuws",
                "sort_date": f"2025-0{m}-01T08:00:00.000Z",
                "information_type": "Nieuwsbericht",
            }
            for m in range(1, 8)
        ]
        for flt in state.get("filters") or []:
            for value in flt["values"]:
                if isinstance(value, dict):
                    lo, hi = value.get("from", ""), value.get("to", "")
                    if "T" not in lo or "T" not in hi:
                        return 500, js, b'{"error":"internal"}', {}
                    docs = [d for d in docs if lo <= d[flt["field"]] < hi]
                else:
                    docs = [d for d in docs if d.get(flt["field"]) in flt["values"]]
        docs.sort(key=lambda d: d["sort_date"], reverse=True)
        page = docs[(current - 1) * size : current * size]
        facet = {}
        for d in docs:
            facet[d["information_type"]] = facet.get(d["information_type"], 0) + 1
        answer = {
            "results": [{k: {"raw": v} for k, v in d.items()} for d in page],
            **({"totalResults": len(docs)} if self.totals else {}),
            "facets": {
                "information_type": [
                    {
                        "field": "information_type",
                        "type": "value",
                        "data": [{"value": k, "count": v} for k, v in facet.items()],
                    }
                ]
            },
        }
        return 200, js, json.dumps(answer).encode(), {}
