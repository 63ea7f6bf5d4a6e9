"""The replica of rijksoverheid.nl as rebuilt on 2 June 2026, with its ground truth (docs/replica.md).

`build_site_2026(out_dir, seed=1, revision=1, robots="open")` writes: client-rendered listings, the persons
index and pages of kabinet-Jetten only (kabinet-Schoof's pages answer 404 while their agenda items stay online),
agenda item pages in the new chrome, the hidden search index behind POST /api/search (search-index.json), the
sitemaps, rss.json behind /api/rss, robots.txt, faults.json and expected.json. Revision 2 edits, cancels and
removes one item each and adds one; every other file keeps its bytes and its mtime, and the directory is
updated in place (atomic replaces), so a ReplicaServer serving it sees revision 2 at its next request.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections import Counter
from datetime import date, datetime, timezone
from pathlib import Path

from agendakaart.errors import AgendakaartError
from agendakaart.replica_site import SiteTruth, file_for_url, item_activities
from agendakaart.replica_site.chrome2026 import SITE
from agendakaart.replica_site.listings2026 import (
    CENTRAL,
    PERSONS,
    OtherDoc,
    home_page,
    listing_shell,
    other_page,
    person_page,
    persons_index,
)
from agendakaart.replica_site.pages2026 import instant, render_gone, render_item_2026
from agendakaart.replica_site.people2026 import current_people, load_people
from agendakaart.replica_site.plan2026 import (
    NOW,
    Item26,
    Revision,
    apply_revision,
    assign_related,
    choose_revision,
    plan_2026,
    utc,
)
from agendakaart.replica_site.search_index import DEFAULT_CAP, INDEX_NAME, doc_id, index_file
from agendakaart.replica_site.sitemaps import Entry, sitemap_files

REVISION_MTIME = {
    1: datetime(2026, 11, 1, tzinfo=timezone.utc).timestamp(),
    2: datetime(2026, 11, 8, tzinfo=timezone.utc).timestamp(),
}
ROBOTS_VARIANTS = ("open", "no-api")
NEWS_TITLES = (
    "Kabinet presenteert plannen voor de regio",
    "Nieuwe regeling voor huurders",
    "Extra geld voor de jeugdzorg",
    "Kabinet reageert op advies over netcongestie",
    "Woningbouw staat hoog op de agenda van het kabinet",
    "Minister opent nieuw loket voor ondernemers",
    "Kabinet zet digitale weerbaarheid op de agenda",
    "Meer ruimte voor praktijkonderwijs",
    "Rijk en regio maken afspraken over bereikbaarheid",
    "Kabinet stelt agenda voor de Noordzee vast",
    "Aanpak wachtlijsten in de zorg",
    "Nieuwe stappen in de asielketen",
)
OTHER_KINDS = (
    ("Toespraak", "/documenten/toespraken", "Toespraak bij de opening van het academisch jaar"),
    ("Publicatie", "/documenten/publicaties", "Agenda van de ministerraad"),
    ("Kamerstuk", "/documenten/kamerstukken", "Kamerbrief over de voortgang van de regiodeals"),
)


def agenda_type(seed: int) -> str:
    """The information_type value of agenda items: 'Agenda' for seed 1; others vary (learn it from the facet)."""
    return "Agenda" if seed == 1 else random.Random(f"type-{seed}").choice(("Agenda", "Agenda-item", "agenda"))


def robots_txt(variant: str) -> bytes:
    if variant not in ROBOTS_VARIANTS:
        raise AgendakaartError(f"onbekende robots-variant '{variant}' (kies uit: {', '.join(ROBOTS_VARIANTS)})")
    api = "Disallow: /api/\n" if variant == "no-api" else ""
    return (
        "# Replica van rijksoverheid.nl (platform 2026), geschreven door agendakaart\nUser-agent: *\n"
        f"Disallow: /zoeken\nDisallow: /_next/\n{api}Allow: /\n\nSitemap: {SITE}/sitemap.xml\n"
    ).encode()


def other_docs(seed: int) -> list[OtherDoc]:
    """News items, speeches, publications and letters: in the index and the sitemaps, never agenda items."""
    rng = random.Random(f"other-{seed}")
    ministries = sorted({p.ministry_name for person in load_people().values() for p in person.posts})
    docs = []
    for n, title in enumerate(NEWS_TITLES * 3):
        day = date(2024, 7, 10) + (date(2026, 10, 28) - date(2024, 7, 10)) * (n + rng.random() * 0.5) / 36
        docs.append(_doc(f"/actueel/nieuws/{day:%Y/%m/%d}", title, "Nieuwsbericht", rng.choice(ministries), day))
    for n in range(12):
        info_type, base, title = OTHER_KINDS[n % 3]
        day = date(2024, 9, 6) + (date(2026, 10, 23) - date(2024, 9, 6)) * n / 12
        docs.append(
            _doc(
                f"{base}/{day:%Y/%m/%d}",
                f"{title} {day.day}-{day.month}-{day.year}",
                info_type,
                rng.choice(ministries),
                day,
            )
        )
    return docs


def _doc(base: str, title: str, info_type: str, ministry: str, day: date) -> OtherDoc:
    from agendakaart.replica_site.content import slugify

    return OtherDoc(
        f"{base}/{slugify(title)}",
        title,
        info_type,
        ministry,
        utc(day, "11:00"),
        f"{title}. Meer informatie vindt u in dit bericht van het {ministry}.",
    )


def agenda_document(item: Item26, info_type: str) -> dict:
    """An agenda item as the search engine holds it (UTC instants; no time -> local midnight, show_time false)."""
    end = utc(item.end_day, item.end) if item.end or item.kind == "rollup" else None
    doc = {
        "id": doc_id(item.path),
        "url": (SITE + item.path) if item.absolute_url else item.path,
        "page_title": item.title,
        "meta_description": item.paragraphs[0],
        "sort_date": instant(item.sort_date),
        "information_type": info_type,
        "ministry": item.ministry,
        "author": item.ministry,
        "activity_start_date": instant(utc(item.day, item.start)),
        "activity_end_date": instant(end) if end else None,
        "activity_show_time": bool(item.start),
        "activity_type": item.activity_type,
        "activity_location_title": item.location,
        "activity_location_description": item.description,
        "activity_organiser": item.ministry,
    }
    return {k: v for k, v in doc.items() if v is not None}


def other_document(doc: OtherDoc) -> dict:
    return {
        "id": doc_id(doc.path),
        "url": SITE + doc.path,
        "page_title": doc.title,
        "meta_description": doc.description,
        "sort_date": instant(doc.published),
        "information_type": doc.info_type,
        "ministry": doc.ministry,
        "author": doc.ministry,
        "image_url": f"{SITE}/binaries/large/content/gallery/rijksoverheid/{doc.path.rsplit('/', 1)[1]}.jpg",
    }


def rss_entry(path: str, title: str, description: str, sort_date: datetime, published: datetime) -> dict:
    fmt = "%Y-%m-%dT%H:%M:%SZ"
    return {
        "title": title,
        "link": path,
        "description": description[:160],
        "sort_date": sort_date.astimezone(timezone.utc).strftime(fmt),
        "pub_date": published.astimezone(timezone.utc).strftime(fmt),
    }


def site_files(seed: int, revision: int, robots: str, cap: int) -> tuple[dict[str, bytes], dict]:
    """Every file of one revision (expected.json apart) -> (files, the truth's parts)."""
    items1 = plan_2026(seed)
    change = choose_revision(items1, seed)
    assign_related(items1, seed, {change.removed})
    titles = {i.path: i.title for i in items1}
    items = apply_revision(items1, revision, change, seed)
    info_type, docs, people = agenda_type(seed), other_docs(seed), current_people()
    files = {"robots.txt": robots_txt(robots), **_html_files(items, docs, people, titles, info_type)}
    if revision > 1:
        rel = file_for_url(change.removed)
        files[rel] = render_gone(change.removed)
        files[rel + ".meta.json"] = _json_bytes({"status": 410})
    files.update(_central_files(items, docs, people, info_type, NOW[revision], cap))
    return files, {
        "items": items,
        "planned": set(titles),
        "change": change,
        "info_type": info_type,
        "people": people,
        "files": files,
    }


def _html_files(
    items: list[Item26], docs: list[OtherDoc], people: list, titles: dict[str, str], info_type: str
) -> dict[str, bytes]:
    """Home, persons index and pages, the listing shells, agenda items and other pages."""
    files = {"index.html": home_page(), file_for_url(PERSONS): persons_index(people)}
    kinds = sorted({i.activity_type for i in items})
    files[file_for_url(CENTRAL)] = listing_shell(
        CENTRAL, "Agenda", "De openbare agenda's van de bewindspersonen.", sorted({i.ministry for i in items}), kinds
    )
    for person in people:
        files[file_for_url(person.url)] = person_page(person)
        files[file_for_url(person.url + "/agenda")] = listing_shell(
            person.url + "/agenda",
            f"Agenda van {person.name}",
            f"De openbare agenda van {person.name}.",
            [person.current_post.ministry_name],
            kinds,
        )
    files.update({file_for_url(item.path): render_item_2026(item, info_type, titles) for item in items})
    files.update({file_for_url(doc.path): other_page(doc) for doc in docs})
    return files


def _central_files(
    items: list[Item26], docs: list[OtherDoc], people: list, info_type: str, now: datetime, cap: int
) -> dict[str, bytes]:
    """The central routes: sitemaps, the search index, the RSS index, and faults.json."""
    entries = [Entry(i.path, i.sort_date, i.title, i.published) for i in items]
    entries += [Entry(d.path, d.published, d.title, d.published) for d in docs]
    entries += [
        Entry(p, datetime(2026, 2, 23, 12, tzinfo=timezone.utc)) for p in [PERSONS, CENTRAL, *(x.url for x in people)]
    ]
    files = sitemap_files(entries, now)
    documents = [agenda_document(i, info_type) for i in items if i.in_search] + [other_document(d) for d in docs]
    files[INDEX_NAME] = _json_bytes(index_file(documents, cap))
    rss = [rss_entry(i.path, i.title, i.paragraphs[0], i.sort_date, i.published) for i in items]
    rss += [rss_entry(d.path, d.title, d.description, d.published, d.published) for d in docs]
    files["rss.json"] = _json_bytes(sorted(rss, key=lambda e: (e["sort_date"], e["link"])))
    files["faults.json"] = _json_bytes(
        {
            "rules": [
                {"match": "^/api/search", "status": 429, "retry_after": 1, "times": 1, "_note": "rate limit, once"},
                {"path": "/sitemap/1.xml", "status": 500, "times": 1, "_note": "fails once, then fine"},
            ]
        }
    )
    return files


def _json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def build_site_2026(
    out_dir: Path, *, seed: int = 1, revision: int = 1, robots: str = "open", search_cap: int = DEFAULT_CAP
) -> SiteTruth:
    """Write (or update in place) the 2026 replica in out_dir -> its ground truth (also in expected.json)."""
    if revision not in REVISION_MTIME:
        raise AgendakaartError(f"revisie {revision} bestaat niet (kies 1 of 2)")
    files, parts = site_files(seed, revision, robots, search_cap)
    base = site_files(seed, 1, robots, search_cap)[0] if revision > 1 else files
    mtimes = {
        rel: REVISION_MTIME[1] if base.get(rel) == data else REVISION_MTIME[revision] for rel, data in files.items()
    }
    truth = _truth(seed, revision, robots, search_cap, parts)
    files["expected.json"] = _json_bytes(truth.to_json())
    mtimes["expected.json"] = REVISION_MTIME[revision]
    _sync(Path(out_dir), files, mtimes)
    return truth


def _sync(out_dir: Path, files: dict[str, bytes], mtimes: dict[str, float]) -> None:
    """Make out_dir hold exactly `files`: unchanged files untouched, changed ones replaced atomically."""
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / "expected.json").is_file():
        raise AgendakaartError(f"{out_dir} is niet leeg en is geen eerdere replica; kies een lege map")
    out_dir.mkdir(parents=True, exist_ok=True)
    before = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()}
    for rel in sorted(files, key=lambda r: r == "expected.json"):  # expected.json last
        target, data, mtime = out_dir / rel, files[rel], mtimes[rel]
        if target.is_file() and target.read_bytes() == data:
            if target.stat().st_mtime != mtime:
                os.utime(target, (mtime, mtime))
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.utime(tmp, (mtime, mtime))
        os.replace(tmp, target)
    for rel in sorted(before - set(files)):
        (out_dir / rel).unlink()
    for folder in sorted((p for p in out_dir.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()


def _activities(item: Item26) -> list[dict]:
    base = {
        "url": item.path,
        "persons": sorted(p.slug for p in item.persons),
        "style": item.style,
        "hostile": None,
        "attribution": item.attribution,
    }
    return item_activities(item, base)


def _truth(seed: int, revision: int, robots: str, cap: int, parts: dict) -> SiteTruth:
    items: list[Item26] = parts["items"]
    change: Revision = parts["change"]
    activities = sorted((a for i in items for a in _activities(i)), key=lambda a: (a["url"], a["ordinal"]))
    paths = [i.path for i in items]
    files = parts["files"]
    sitemap_text = b"".join(files[k] for k in files if k.startswith("sitemap/") and k.endswith(".xml")).decode()
    sitemap_text += gzip.decompress(files["sitemap/2.xml.gz"]).decode()
    news = files["news/sitemap.xml"].decode()
    routes = {
        "search": [i.path for i in items if i.in_search],
        "sitemap": [p for p in paths if p in sitemap_text],
        "news_sitemap": [p for p in paths if f"{SITE}{p}<" in news],
        "rss": paths,
        "listings": [],
        "persons_index": [],
    }
    current = {p.slug for p in parts["people"]}
    persons = [
        {
            "slug": p.slug,
            "name": p.name,
            "current": p.current,
            "url": p.url,
            "role": p.posts[-1].role,
            "ministry": p.posts[-1].ministry,
            "cabinet": p.posts[-1].cabinet,
            "page_status": 200 if p.slug in current else 404,
            "activities": sum(1 for a in activities if p.slug in a["persons"]),
        }
        for p in load_people().values()
        if p.slug in current or any(p.slug in a["persons"] for a in activities)
    ]
    counts = {
        "persons": len(current),
        "former_persons_with_items": sum(1 for p in persons if not p["current"]),
        "activities": len(activities),
        "item_pages": len(items),
        "rollup_pages": sum(1 for i in items if i.kind == "rollup"),
        "problem_pages": 0,
        "listing_pages": 1 + len(current),
        "search_documents": len(json.loads(files[INDEX_NAME])["documents"]),
        **{f"attribution_{k}": v for k, v in sorted(Counter(i.attribution for i in items).items())},
    }
    extra = {
        "platform": "2026",
        "revision": revision,
        "robots": robots,
        "site_host": SITE,
        "search": {
            "endpoint": "/api/search",
            "index_file": INDEX_NAME,
            "cap": cap,
            "information_type": parts["info_type"],
        },
        "removed": [change.removed] if revision > 1 else [],
        "edited": [change.edited] if revision > 1 else [],
        "cancelled": [change.cancelled] if revision > 1 else [],
        "added": [p for p in paths if p not in parts["planned"]],
        "routes": routes,
    }
    listings = {CENTRAL: [CENTRAL], **{f"{p.url}/agenda": [f"{p.url}/agenda"] for p in parts["people"]}}
    return SiteTruth(seed, persons, activities, [], {}, listings, counts, {}, extra)
