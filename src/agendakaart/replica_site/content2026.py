"""Wording of the 2026 replica's agenda items: single activities and weekly roll-up lines, in Dutch.

The project's own sentences in the plain style of ministry agendas. Places come from content.py (real Dutch
woonplaatsen, Den Haag institutions, foreign cities). How the page names its person varies on purpose:
`attribution` 'link' (a "Hoort bij" link; the text may say only "de minister"), 'text' (full name in the text
only), 'title' (post and surname in the title only).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from agendakaart.replica_site.content import (
    ABROAD,
    NPVR_PLACES,
    ORGS,
    OTHER_PLACES,
    PARTNERS,
    TOPICS,
    Bullet,
    rollup_bullet,
)
from agendakaart.replica_site.people2026 import Person2026, Post

BROADCASTERS = ("RTV Oost", "Omroep Brabant", "L1", "Omrop Fryslân", "RTV Noord", "NOS Radio 1", "Omroep Zeeland")
THINGS = (
    "een zonnepark",
    "een nieuwe brug",
    "een praktijkcentrum voor techniek",
    "een innovatiehub",
    "een woonwijk met sociale huur",
    "een gezondheidscentrum",
    "een waterstoffabriek",
)
REGIONS = {
    "Twente": "Enschede",
    "Zuid-Limburg": "Heerlen",
    "Zeeuws-Vlaanderen": "Terneuzen",
    "de Achterhoek": "Doetinchem",
    "Oost-Groningen": "Veendam",
    "Noordoost-Fryslân": "Dokkum",
    "de Kop van Noord-Holland": "Den Helder",
    "Noord-Limburg": "Venlo",
}


@dataclass
class SingleText:
    """What one single-activity page says."""

    title: str
    activity_type: str
    location: str | None  # the location field (page, payload, search index); None: title or text only
    description: str | None  # activity_location_description in the search index
    paragraphs: list[str]


def who(person: Person2026, post: Post, mode: str) -> str:
    """How the text names the person: full ('Minister Eelco Heinen') or generic ('De minister')."""
    role = post.short_role
    if mode == "full":
        return f"{role[:1].upper()}{role[1:]} {person.name}"
    return f"De {role}"


def single_text(rng: random.Random, person: Person2026, post: Post, attribution: str) -> SingleText:
    """One single activity in one of nine kinds; the person named as `attribution` asks."""
    subject = who(person, post, "full" if attribution == "text" or rng.random() < 0.4 else "generic")
    in_title = (
        f"{post.short_role[:1].upper()}{post.short_role[1:]} {person.surname}" if attribution == "title" else None
    )
    place = rng.choice(NPVR_PLACES + NPVR_PLACES + OTHER_PLACES)
    org, topic, partner = rng.choice(ORGS), rng.choice(TOPICS), rng.choice(PARTNERS)
    kind = rng.randrange(9)
    if kind in (0, 1):
        title = f"Werkbezoek aan {org} in {place}" if kind == 0 else f"Werkbezoek {place}"
        field = None if kind == 0 and rng.random() < 0.35 else place  # sometimes only in the title
        text = [
            f"{subject} brengt een werkbezoek aan {org} in {place}.",
            f"Tijdens het bezoek gaat het over {topic}. Er is ook een gesprek met {partner}.",
        ]
        out = SingleText(title, "Werkbezoek", field, f"Op locatie bij {org}" if rng.random() < 0.5 else None, text)
    elif kind == 2:
        where = rng.choice(("Den Haag", None, place))
        out = SingleText(
            f"Gesprek met {partner} over {topic}",
            "Gesprek",
            where,
            None,
            [f"{subject} spreekt met {partner}.", f"Onderwerp van gesprek is {topic}."],
        )
    elif kind == 3:
        out = SingleText(
            f"Toespraak op het congres over {topic}",
            "Toespraak",
            place,
            "Congrescentrum",
            [
                f"{subject} houdt een toespraak voor deelnemers uit het hele land.",
                "Na afloop is er gelegenheid voor vragen uit de zaal.",
            ],
        )
    elif kind == 4:
        out = SingleText(
            f"Commissiedebat over {topic}",
            "Debat",
            rng.choice(("Tweede Kamer", "Eerste Kamer")),
            "Den Haag",
            [
                f"{subject} debatteert met de vaste Kamercommissie over {topic}.",
                "Het debat is live te volgen via de website van de Kamer.",
            ],
        )
    elif kind == 5:
        city = rng.choice(ABROAD)
        out = SingleText(
            f"Bezoek aan {city}",
            "Buitenlandse reis",
            city,
            None,
            [
                f"{subject} reist naar {city} voor gesprekken over {topic}.",
                f"Op het programma staan ook ontmoetingen met {partner}.",
            ],
        )
    elif kind == 6:
        thing = rng.choice(THINGS)
        out = SingleText(
            f"Opening van {thing} in {place}",
            "Opening",
            place,
            None,
            [
                f"{subject} verricht de officiële opening van {thing}.",
                "De opening is in aanwezigheid van bewoners en ondernemers uit de buurt.",
            ],
        )
    elif kind == 7:
        out = SingleText(
            f"Interview met {rng.choice(BROADCASTERS)}",
            "Media",
            None,
            None,
            [f"{subject} geeft een interview over {topic}."],
        )
    else:
        region = rng.choice(sorted(REGIONS))
        out = SingleText(
            f"Ondertekening van de regiodeal {region}",
            "Ondertekening",
            REGIONS[region],
            None,
            [
                f"{subject} ondertekent samen met de regio de regiodeal {region}.",
                f"Met de regiodeal investeren Rijk en regio in {topic}.",
            ],
        )
    if in_title:
        out.title = f"{in_title}: {out.title[:1].lower()}{out.title[1:]}"
    return out


def edited_text(rng: random.Random, old_location: str | None) -> tuple[str, str]:
    """Revision 2's edit of a single item -> (new location, extra paragraph)."""
    place = rng.choice([p for p in OTHER_PLACES if p != old_location])
    return place, f"Gewijzigd: het programma is aangepast en vindt nu plaats in {place}."


def rollup_days(rng: random.Random, monday: date, n_days: int | None = None) -> list[Bullet]:
    """Bullets for 3-5 weekdays of a week, 1-3 per day, never the same line twice on one day."""
    n_days = n_days or rng.randint(3, 5)
    offsets = sorted(rng.sample(range(5), n_days))
    bullets: list[Bullet] = []
    for offset in offsets:
        day = monday + timedelta(days=offset)
        drawn = [rollup_bullet(rng, day) for _ in range(rng.randint(1, 3))]
        bullets.extend(b for n, b in enumerate(drawn) if b.title not in {d.title for d in drawn[:n]})
    return bullets


def bullet_text(b: Bullet) -> str:
    """Bullet -> 'Werkbezoek: bezoek aan een buurthuis (Enschede)', maybe led by '9.00 uur '."""
    text = f"{b.type_label}: {b.title}" if b.type_label else b.title
    if b.location:
        text += f" ({b.location})"
    if b.start:
        hour, minute = b.start.split(":")
        return f"{int(hour)}.{minute} uur {text}"
    return text
