"""Bewindspersonen of the 2026 replica: every post of data/bewindspersonen.csv, current and former persons.

A person keeps one slug across posts and cabinets (the CSV's rijksoverheid_slug where given, else one made from
the name, as `store.persons` does). Current = holds a post in kabinet-Jetten; everyone else left office, so their
person pages are gone from the 2026 platform while their agenda items stay online.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from agendakaart.store.persons import slugify

CURRENT_CABINET = "kabinet-Jetten"
PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "het", "'t", "in", "op"})
# ministries a minister without portfolio works at: "(bij BZ)" -> the host ministry
HOST_MINISTRIES = {
    "BZ": "Buitenlandse Zaken",
    "VWS": "Volksgezondheid, Welzijn en Sport",
    "SZW": "Sociale Zaken en Werkgelegenheid",
}


@dataclass(frozen=True)
class Post:
    """One row of the CSV: a person's post in one cabinet for a period (end exclusive, None = open)."""

    slug: str
    name: str
    role: str
    ministry: str
    abbr: str
    cabinet: str
    start: date | None
    end: date | None

    @property
    def short_role(self) -> str:
        """'minister (vicepremier)' -> 'minister'; 'staatssecretaris (Herstel en Toeslagen)' -> 'staatssecretaris'."""
        return self.role.split(" (")[0].split(",")[0].strip()

    @property
    def ministry_name(self) -> str:
        """'Buitenlandse Handel en Ontwikkelingssamenwerking (bij BZ)' -> 'Ministerie van Buitenlandse Zaken'."""
        host = re.search(r"\(bij (\w+)\)", self.ministry)
        name = HOST_MINISTRIES.get(host.group(1), self.ministry) if host else self.ministry
        return f"Ministerie van {name}"

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Person2026:
    slug: str
    name: str
    posts: tuple[Post, ...]
    current: bool

    @property
    def url(self) -> str:
        return f"/regering/bewindspersonen/{self.slug}"

    @property
    def surname(self) -> str:
        """'Eddy van Hijum' -> 'Van Hijum'; 'Jan Anthonie Bruijn' -> 'Bruijn'; 'Dick Schoof' -> 'Schoof'."""
        return surname(self.name)

    def post_on(self, day: date) -> Post | None:
        """The post held on day (the latest start wins when two overlap)."""
        covering = [p for p in self.posts if p.covers(day)]
        return max(covering, key=lambda p: p.start or date.min) if covering else None

    @property
    def current_post(self) -> Post | None:
        return next((p for p in self.posts if p.cabinet == CURRENT_CABINET and p.end is None), None)


def surname(name: str) -> str:
    """The surname as a title uses it after the post: 'Aukje de Vries' -> 'De Vries'."""
    tokens = name.split()
    for i, token in enumerate(tokens[1:], start=1):
        if token.lower() in PARTICLES:
            rest = " ".join(tokens[i:])
            return rest[:1].upper() + rest[1:]
    return tokens[-1]


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@lru_cache(maxsize=1)
def load_people() -> dict[str, Person2026]:
    """data/bewindspersonen.csv -> {slug: Person2026}, in CSV order."""
    text = resources.files("agendakaart").joinpath("data/bewindspersonen.csv").read_text(encoding="utf-8")
    posts: dict[str, list[Post]] = {}
    for row in csv.DictReader(text.splitlines()):
        name = re.sub(r"\s*\(.*?\)\s*", " ", row["name"]).strip()
        slug = (row["rijksoverheid_slug"] or "").rstrip("/").rsplit("/", 1)[-1] or slugify(name)
        posts.setdefault(slug, []).append(
            Post(
                slug,
                name,
                row["role"],
                row["ministry"],
                row["ministry_abbr"],
                row["cabinet"],
                _date(row["start_date"]),
                _date(row["end_date"]),
            )
        )
    return {
        slug: Person2026(slug, rows[-1].name, tuple(rows), any(p.cabinet == CURRENT_CABINET for p in rows))
        for slug, rows in posts.items()
    }


def holders(short_role: str, name_part: str | None, day: date) -> list[str]:
    """Slugs of persons whose post on day has this short role (and, when given, this surname).

    Used to keep roll-up titles ('Agenda minister Heinen week 21', 'Agenda minister-president week 12')
    unambiguous: the replica only writes a title that names exactly one person.
    """
    out = []
    for person in load_people().values():
        post = person.post_on(day)
        if post and post.short_role == short_role and (name_part is None or person.surname == name_part):
            out.append(person.slug)
    return out


def ministry_slug(ministry_name: str) -> str:
    """'Ministerie van Financiën' -> 'ministerie-van-financien' (for /ministeries/...)."""
    return slugify(ministry_name)


def current_people() -> list[Person2026]:
    """The persons of the current cabinet, in the CSV's order of its posts (as the index lists them)."""
    people = load_people()
    order = [p.slug for person in people.values() for p in person.posts if p.cabinet == CURRENT_CABINET]
    return sorted((p for p in people.values() if p.current), key=lambda p: order.index(p.slug))
