"""The project's own replica of rijksoverheid.nl: a deterministic generator of a whole site plus its ground truth.

`build_site(out_dir, seed=1)` writes the pages (served by `agendakaart.replica.ReplicaServer`), `faults.json`
(the faults the site needs: a redirect, a 500 once, a 429 once, a truncated page) and `expected.json`: every
activity a collector must find, the URLs that must become Problems, and counts. URLs in it are paths; prefix
the server's base_url. Layout and hostile pages: docs/replica.md.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

from agendakaart.errors import AgendakaartError
from agendakaart.replica_site.content import Item, SitePerson, load_persons, markup_for
from agendakaart.replica_site.listings import (
    CENTRAL_PATH,
    PERSONS_PATH,
    central_listing,
    home_page,
    person_listing,
    person_page,
    persons_index,
)
from agendakaart.replica_site.pages import amsterdam_offset, render_item
from agendakaart.replica_site.plan import OLD_URL, PROBLEM_PAGES, plan_items

__all__ = ["SiteTruth", "build_site", "file_for_url"]

FIXED_MTIME = datetime(2026, 11, 1, tzinfo=timezone.utc).timestamp()  # stable Last-Modified
ROBOTS = """# Replica van rijksoverheid.nl, geschreven door agendakaart
User-agent: *
Disallow: /zoeken
Disallow: /binaries/
Allow: /

User-agent: BadBot
Disallow: /
"""


@dataclass(frozen=True)
class SiteTruth:
    """What a perfect collector finds on the replica (also written to expected.json)."""

    seed: int
    persons: list[dict]
    activities: list[dict]
    problems: list[dict]
    redirects: dict[str, str]
    listings: dict[str, list[str]]
    counts: dict[str, int] = field(default_factory=dict)
    markup: dict[str, int] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # more top-level keys of expected.json (the 2026 platform's)

    def to_json(self) -> dict:
        return {
            "seed": self.seed,
            "note": "URLs are paths: prefix the replica server's base_url.",
            "markup": self.markup,
            "counts": self.counts,
            "persons": self.persons,
            "activities": self.activities,
            "problems": self.problems,
            "redirects": self.redirects,
            "listings": self.listings,
            **self.extra,
        }


def file_for_url(url: str) -> str:
    """URL path -> file: '/a/b' -> 'a/b/index.html', '/a/b?pagina=2' -> 'a/b/pagina=2.html', an item -> '….html'.

    >>> file_for_url("/actueel/agenda?pagina=2")
    'actueel/agenda/pagina=2.html'
    """
    parts = urlsplit(url)
    path = parts.path.strip("/")
    if parts.query:
        return f"{path}/{parts.query}.html"
    if path.startswith("actueel/agenda/2") or "." in path.rsplit("/", 1)[-1]:
        return path + ("" if path.endswith(".txt") else ".html")
    return f"{path}/index.html" if path else "index.html"


def build_site(out_dir: Path, *, seed: int = 1) -> SiteTruth:
    """Write the whole replica into out_dir (replacing an earlier replica there) -> its ground truth."""
    out_dir = Path(out_dir)
    _prepare(out_dir)
    rng = random.Random(seed)
    persons = load_persons()
    items = plan_items(rng, persons)
    markup = markup_for(seed)
    for item in items:
        item.markup = markup
    files, listings = _site_files(persons, items)
    faults, sidecars = _faults(items, files)
    files.update(sidecars)
    files["faults.json"] = _json_bytes({"rules": faults})
    files["rss.json"] = _json_bytes(rss_entries(items))
    truth = _truth(seed, persons, items, listings)
    truth.markup.update(asdict(markup))
    files["expected.json"] = _json_bytes(truth.to_json())
    for rel, data in sorted(files.items()):
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        os.utime(target, (FIXED_MTIME, FIXED_MTIME))
    return truth


def _prepare(out_dir: Path) -> None:
    """Refuse to write into a non-empty directory that is not an earlier replica; clear an earlier replica."""
    if out_dir.exists() and any(out_dir.iterdir()):
        if not all((out_dir / name).is_file() for name in ("expected.json", "faults.json", "robots.txt")):
            raise AgendakaartError(f"{out_dir} is niet leeg en is geen eerdere replica; kies een lege map")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)


def _site_files(persons: list[SitePerson], items: list[Item]) -> tuple[dict[str, bytes], dict[str, list[str]]]:
    """Every page of the site -> ({relative file: bytes}, {listing path: [its page URLs]})."""
    files: dict[str, bytes] = {"robots.txt": ROBOTS.encode(), "index.html": home_page().encode()}
    files[file_for_url(PERSONS_PATH)] = persons_index(persons).encode()
    listings: dict[str, list[str]] = {}
    for index, person in enumerate(persons):
        files[file_for_url(person.url)] = person_page(person, index).encode()
        pages = person_listing(person, [i for i in items if person in i.persons])
        listings[person.agenda_path] = list(pages)
        files.update({file_for_url(url): html.encode() for url, html in pages.items()})
    central = central_listing(items)
    listings[CENTRAL_PATH] = list(central)
    files.update({file_for_url(url): html.encode() for url, html in central.items()})
    for item in items:
        if item.hostile != "http_404":
            files[file_for_url(item.path)] = render_item(item)
    return files, listings


def _faults(items: list[Item], files: dict[str, bytes]) -> tuple[list[dict], dict[str, bytes]]:
    """faults.json rules and sidecar files the hostile pages need."""
    rules: list[dict] = []
    sidecars: dict[str, bytes] = {}
    for item in items:
        rel = file_for_url(item.path)
        if item.hostile == "redirect":
            rules.append({"path": OLD_URL, "redirect": item.path, "code": 301, "_note": "old URL of a moved item"})
        elif item.hostile == "fail500":
            rules.append({"path": item.path, "status": 500, "times": 1, "_note": "fails once, then fine"})
        elif item.hostile == "ratelimit":
            rules.append({"path": item.path, "status": 429, "retry_after": 1, "times": 1})
        elif item.hostile == "truncated":
            cut = files[rel].index(b'<div class="intro">') + 160
            rules.append({"path": item.path, "truncate": cut, "_note": "honest Content-Length, HTML cut off"})
        elif item.hostile == "cp1252_undeclared":
            sidecars[rel + ".meta.json"] = _json_bytes({"content_type": "text/html"})
    return rules, sidecars


def item_activities(item, base: dict) -> list[dict]:
    """An item of either replica (bullets, or one activity with day/start/end/title/location) -> its truth rows,
    each starting from `base` (url, persons, style, …)."""
    if item.bullets:
        return [
            {
                **base,
                "kind": "rollup",
                "ordinal": n,
                "date": b.day.isoformat(),
                "start_time": b.start,
                "end_time": None,
                "type_label": b.type_label,
                "title": b.title,
                "location_text": b.location,
            }
            for n, b in enumerate(item.bullets)
        ]
    return [
        {
            **base,
            "kind": "single",
            "ordinal": 0,
            "date": item.day.isoformat(),
            "start_time": item.start,
            "end_time": item.end,
            "type_label": None,
            "title": item.title,
            "location_text": item.location,
        }
    ]


def _truth(seed: int, persons: list[SitePerson], items: list[Item], listings: dict[str, list[str]]) -> SiteTruth:
    activities = []
    for item in items:
        if item.hostile in PROBLEM_PAGES.values():
            continue
        slugs = sorted(p.slug for p in item.persons)
        base = {"url": item.path, "persons": slugs, "style": item.style, "hostile": item.hostile}
        activities += item_activities(item, base)
    activities.sort(key=lambda a: (a["url"], a["ordinal"]))
    problems = [{"url": path, "reason": reason} for path, reason in PROBLEM_PAGES.items()]
    person_rows = [
        {
            "slug": p.slug,
            "name": p.name,
            "role": p.role,
            "ministry": p.ministry,
            "url": p.url,
            "agenda_path": p.agenda_path,
            "link_style": p.link_style,
            "pagination": p.pagination,
            "activities": sum(1 for a in activities if p.slug in a["persons"]),
        }
        for p in persons
    ]
    pages = {a["url"] for a in activities}
    counts = {
        "persons": len(persons),
        "activities": len(activities),
        "item_pages": len(pages),
        "rollup_pages": len({a["url"] for a in activities if a["kind"] == "rollup"}),
        "problem_pages": len(problems),
        "listing_pages": sum(len(v) for v in listings.values()),
        **{f"style_{k}": v for k, v in sorted(Counter(i.style for i in items).items())},
    }
    return SiteTruth(
        seed,
        person_rows,
        activities,
        problems,
        {OLD_URL: next(i.path for i in items if i.hostile == "redirect")},
        listings,
        counts,
    )


def _utc_instant(day: date, hour: int) -> str:
    """(2026-07-05, 9) -> '2026-07-05T07:00:00Z': hour o'clock in Amsterdam, as UTC."""
    local = datetime.fromisoformat(f"{day.isoformat()}T{hour:02d}:00:00{amsterdam_offset(day)}")
    return local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


NEWS = (
    "Kabinet presenteert plannen voor de regio",
    "Nieuwe regeling voor huurders",
    "Extra geld voor de jeugdzorg",
    "Kabinet reageert op advies over netcongestie",
)


def rss_entries(items: list[Item]) -> list[dict]:
    """The search index behind /api/rss: every agenda page (sort_date = its date; pubDate = a week before, or
    for a roll-up the Monday after its week) and a few news items that a crawler must skip."""
    entries = []
    for item in items:
        if item.hostile in PROBLEM_PAGES.values():
            continue
        published = item.day + timedelta(days=7) if item.bullets else item.day - timedelta(days=7)
        entries.append(
            {
                "title": item.title,
                "link": item.path,
                "description": item.text[:160],
                "sort_date": _utc_instant(item.day, 9),
                "pub_date": _utc_instant(published, 10),
            }
        )
    for n, title in enumerate(NEWS):
        day = date(2026, 3 + 2 * n, 15)
        link = f"/actueel/nieuws/{day:%Y/%m/%d}/{title.lower().replace(' ', '-')}"
        entries.append(
            {
                "title": title,
                "link": link,
                "description": title + ".",
                "sort_date": _utc_instant(day, 9),
                "pub_date": _utc_instant(day, 9),
            }
        )
    return sorted(entries, key=lambda e: (e["sort_date"], e["link"]))


def _json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
