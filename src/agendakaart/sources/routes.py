"""Discovery routes: each finds agenda item pages on the site its own way and says what it found.

A route has a `name`, the `entry_paths` robots.txt must allow, and `discover(net) -> RouteOutcome`. The crawl
(pipeline/collect.py) runs the routes, takes the union of their ItemRefs by canonical URL and never looks inside
a route. `Net` is all a route may use: polite fetches that record their own Problems and keep every answer,
robots.txt, the stored persons, and the crawl window.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from agendakaart.models import ItemRef, Page, PageKind, Person

# route names in the order `auto` runs them (cheap and complete first)
ROUTE_NAMES = ("search", "sitemap", "listings", "rss")
ROUTE_LABELS = {
    "search": "zoek-API",
    "sitemap": "sitemaps",
    "listings": "agendalijsten",
    "rss": "RSS",
    "related": "'Meer over dit onderwerp'",
}


@dataclass
class RouteOutcome:
    """What one route gave in one run. status: ok | leeg (answered, no items) | mislukt | verboden (robots.txt).
    complete: the route enumerated every item it can reach (absence from it is evidence of removal)."""

    route: str
    refs: list[ItemRef] = field(default_factory=list)
    status: str = "ok"
    complete: bool = False
    notes: list[str] = field(default_factory=list)  # Dutch: what was tried, what it gave

    def line(self) -> str:
        """One Dutch summary line: 'zoek-API: 120 items (3 zoekvragen)'."""
        label = ROUTE_LABELS.get(self.route, self.route)
        what = {
            "ok": f"{len({r.url for r in self.refs})} items",
            "leeg": "geen items gevonden",
            "mislukt": "mislukt",
            "verboden": "overgeslagen: robots.txt verbiedt deze route",
        }[self.status]
        return f"{label}: {what}" + (f" ({'; '.join(self.notes)})" if self.notes else "")


class Net(Protocol):
    """What a route may use (implemented by the crawl)."""

    base: str
    since: date | None
    until: date | None
    today: date
    wanted_persons: tuple[str, ...]

    def get(self, url: str, kind: PageKind, *, conditional: bool = False, entry: bool = False) -> Page | None:
        """A 2xx page (on 304 the stored copy), or None with a Problem recorded (404 on a listing's later
        page, or 404/410 on a route's entry (`entry`): None without a Problem)."""

    def post_json(self, url: str, payload: dict, kind: PageKind) -> Page | None:
        """The answer to a JSON POST (any status below 500 but 429), or None with a Problem recorded."""

    def allowed(self, url: str) -> bool:
        """robots.txt lets us fetch url."""

    def problem(self, stage: str, url: str, reason: str) -> None:
        """Record a Problem (kept, listed by `status`)."""

    def robots_sitemaps(self) -> list[str]:
        """The Sitemap: lines of the site's robots.txt."""

    def known_person(self, slug: str) -> Person | None: ...

    def save_person(self, person: Person, *, prefer_existing: bool = False) -> None: ...

    def discovered_persons(self) -> list[tuple[str, str]]: ...


class Route(Protocol):
    name: str
    entry_paths: tuple[str, ...]

    def discover(self, net: Net) -> RouteOutcome: ...


def routes_by_name(names: Iterable[str]) -> list[Route]:
    """Route objects for names in ROUTE_NAMES ('auto' expands to all of them)."""
    from agendakaart.sources.listings import ListingsRoute
    from agendakaart.sources.rss import RssRoute
    from agendakaart.sources.search import SearchRoute
    from agendakaart.sources.sitemap import SitemapRoute

    table = {
        "search": SearchRoute,
        "sitemap": SitemapRoute,
        "listings": ListingsRoute,
        "rss": lambda: RssRoute(recent_only=auto),
    }
    out: list[Route] = []
    names = list(names)
    auto = "auto" in names
    for name in names:
        for n in ROUTE_NAMES if name == "auto" else (name,):
            if n not in table:
                raise ValueError(f"onbekende route '{n}' (kies uit auto, {', '.join(ROUTE_NAMES)})")
            if all(r.name != n for r in out):
                out.append(table[n]())
    return out
