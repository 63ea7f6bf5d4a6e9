"""Bewindspersonen: seeded from data/bewindspersonen.csv, merged with what discovery finds on the site."""

from __future__ import annotations

import csv
import re
import sqlite3
import unicodedata
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources
from pathlib import Path

from agendakaart.models import Person

_FIELDS = ("name", "role", "ministry", "ministry_abbr", "cabinet", "start_date", "end_date", "agenda_url", "url")


def slugify(name: str) -> str:
    """Name -> rijksoverheid.nl-style slug. "Dilan Yeşilgöz-Zegerius" -> "dilan-yesilgoz-zegerius"."""
    name = re.sub(r"\s*\(.*?\)\s*", " ", name)
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", folded.replace("'", "")).strip("-")


def read_seed(path: Path | None = None) -> list[Person]:
    """The bundled CSV -> one Person per slug (the most recent post of each person wins)."""
    if path is None:
        text = resources.files("agendakaart").joinpath("data/bewindspersonen.csv").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8-sig")
    by_slug: dict[str, dict] = {}
    for row in csv.DictReader(text.splitlines()):
        name = re.sub(r"\s*\(.*?\)\s*", " ", row.get("name") or "").strip()
        if not name:
            continue
        slug = (row.get("rijksoverheid_slug") or "").rstrip("/").rsplit("/", 1)[-1] or slugify(name)
        if slug in by_slug and (by_slug[slug].get("start_date") or "") > (row.get("start_date") or ""):
            continue
        by_slug[slug] = {**row, "name": name, "slug": slug}
    return [
        Person(
            slug=r["slug"],
            name=r["name"],
            role=r.get("role") or None,
            ministry=r.get("ministry") or None,
            ministry_abbr=r.get("ministry_abbr") or None,
            cabinet=r.get("cabinet") or None,
            start_date=_date(r.get("start_date")),
            end_date=_date(r.get("end_date")),
        )
        for r in by_slug.values()
    ]


def _date(value: str | None):
    from datetime import date

    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def upsert_person(conn: sqlite3.Connection, person: Person, *, prefer_existing: bool = False) -> None:
    """Insert or merge a person; new non-empty values win (or fill only gaps when prefer_existing)."""
    values = [getattr(person, f) for f in _FIELDS]
    values = [v.isoformat() if hasattr(v, "isoformat") else v for v in values]
    merge = ", ".join(
        f"{f} = COALESCE(persons.{f}, excluded.{f})"
        if prefer_existing
        else f"{f} = COALESCE(excluded.{f}, persons.{f})"
        for f in _FIELDS
    )
    conn.execute(
        f"""INSERT INTO persons (slug, {', '.join(_FIELDS)}, updated_at) VALUES (?, {', '.join('?' * len(_FIELDS))}, ?)
            ON CONFLICT (slug) DO UPDATE SET {merge}, updated_at = excluded.updated_at""",
        (person.slug, *values, datetime.now(timezone.utc).isoformat(timespec="seconds")),
    )


def seed_persons(conn: sqlite3.Connection, path: Path | None = None) -> int:
    """Load the seed CSV without overwriting what discovery stored -> number of persons in the seed."""
    people = read_seed(path)
    for person in people:
        upsert_person(conn, person, prefer_existing=True)
    return len(people)


def get_person(conn: sqlite3.Connection, slug: str) -> Person | None:
    row = conn.execute("SELECT * FROM persons WHERE slug = ?", (slug,)).fetchone()
    if row is None:
        return None
    return Person(
        slug=row["slug"],
        name=row["name"],
        role=row["role"],
        ministry=row["ministry"],
        ministry_abbr=row["ministry_abbr"],
        cabinet=row["cabinet"],
        start_date=_date(row["start_date"]),
        end_date=_date(row["end_date"]),
        agenda_url=row["agenda_url"],
        url=row["url"],
    )


def known_people(conn: sqlite3.Connection) -> dict[str, str]:
    """{slug: name} of the persons discovered on the site (url known); all stored persons when none is."""
    rows = conn.execute("SELECT slug, name FROM persons WHERE url IS NOT NULL ORDER BY slug").fetchall()
    if not rows:
        rows = conn.execute("SELECT slug, name FROM persons ORDER BY slug").fetchall()
    return {r[0]: r[1] for r in rows}


def people_on(conn: sqlite3.Connection, day, known: dict[str, str] | None = None) -> dict[str, str]:
    """{slug: name} to recognise on a page of `day`: the persons discovered on the site (known_people) and every
    seeded bewindspersoon of any cabinet whose post covers the day (a week of slack either side), so a person
    who has left office, and is gone from the site's index, is still recognised on their own pages."""
    people = dict(known if known is not None else known_people(conn))
    if day is None:
        return people
    names = {p.slug: p.name for p in read_seed_cached()}
    slack = timedelta(days=7)
    for slug, _role, _min, _abbr, _cab, start, end in seed_posts():
        if (start is None or start - slack <= day) and (end is None or day <= end + slack) and slug in names:
            people.setdefault(slug, names[slug])
    return people


@lru_cache(maxsize=1)
def read_seed_cached() -> tuple[Person, ...]:
    return tuple(read_seed())


def person_ministry(conn: sqlite3.Connection, slug: str, day=None) -> str | None:
    """The person's ministry on `day` (a post in the seed CSV covering it), else the stored one."""
    if day is not None and (ministry := ministry_on(slug, day)):
        return ministry
    row = conn.execute("SELECT ministry FROM persons WHERE slug = ?", (slug,)).fetchone()
    return row[0] if row else None


def ministry_on(slug: str, day) -> str | None:
    """Ministry of the seed's post of `slug` covering `day` (the latest start wins), or None.

    ("david-van-weel", 2025-08-28) -> "Justitie en Veiligheid"; ("david-van-weel", 2025-10-06) -> "Buitenlandse Zaken"
    """
    covering = [
        (start, ministry)
        for start, end, ministry in _posts().get(slug, ())
        if (start is None or start <= day) and (end is None or day < end) and ministry
    ]
    return max(covering, key=lambda p: p[0] or _date("0001-01-01"))[1] if covering else None


@lru_cache(maxsize=1)
def _posts() -> dict[str, tuple]:
    """slug -> ((start, end, ministry), ...) for every row of the bundled seed CSV."""
    text = resources.files("agendakaart").joinpath("data/bewindspersonen.csv").read_text(encoding="utf-8")
    out: dict[str, list] = {}
    for row in csv.DictReader(text.splitlines()):
        name = re.sub(r"\s*\(.*?\)\s*", " ", row.get("name") or "").strip()
        if name:
            slug = (row.get("rijksoverheid_slug") or "").rstrip("/").rsplit("/", 1)[-1] or slugify(name)
            out.setdefault(slug, []).append(
                (_date(row.get("start_date")), _date(row.get("end_date")), row.get("ministry") or None)
            )
    return {k: tuple(v) for k, v in out.items()}


def discovered_persons(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(slug, person URL) of every person an earlier run found on the site."""
    rows = conn.execute("SELECT slug, url FROM persons WHERE url IS NOT NULL ORDER BY slug")
    return [(r[0], r[1]) for r in rows]


@lru_cache(maxsize=1)
def seed_posts() -> tuple[tuple, ...]:
    """Every post in the bundled seed CSV: (slug, role, ministry, ministry_abbr, cabinet, start, end)."""
    text = resources.files("agendakaart").joinpath("data/bewindspersonen.csv").read_text(encoding="utf-8")
    out = []
    for row in csv.DictReader(text.splitlines()):
        name = re.sub(r"\s*\(.*?\)\s*", " ", row.get("name") or "").strip()
        if name:
            slug = (row.get("rijksoverheid_slug") or "").rstrip("/").rsplit("/", 1)[-1] or slugify(name)
            out.append(
                (
                    slug,
                    row.get("role") or "",
                    row.get("ministry") or "",
                    row.get("ministry_abbr") or "",
                    row.get("cabinet") or "",
                    _date(row.get("start_date")),
                    _date(row.get("end_date")),
                )
            )
    return tuple(_with_inferred_ends(out))


def _with_inferred_ends(posts: list[tuple]) -> list[tuple]:
    """A post with no end date whose post (same cabinet, role, ministry) someone took later has ended by then:
    by the successor's start, or by the successor's end when that start is unknown (an upper bound).

    Idsinga (2024-07-02, no end) + Van Oostenbruggen (no start, ended 2025-08-22) -> Idsinga ends 2025-08-22
    at the latest; in between both may hold it, so a title naming only the post stays unattributed (no guess).
    """
    out = []
    for post in posts:
        slug, role, ministry, _abbr, cabinet, start, end = post
        if end is None and start is not None:
            later = [
                p[5] or p[6]
                for p in posts
                if p[0] != slug
                and p[1:3] == (role, ministry)
                and p[4] == cabinet
                and ((p[5] is not None and p[5] > start) or (p[5] is None and p[6] is not None and p[6] > start))
            ]
            if later:
                post = (*post[:6], min(later))
        out.append(post)
    return out
