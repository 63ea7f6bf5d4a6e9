"""Which item pages the replica has: per person single pages in every markup style, weekly roll-ups, hostile pages."""

from __future__ import annotations

import random
from datetime import date, timedelta

from agendakaart.replica_site.content import (
    ROLLUPS_PER_PERSON,
    SINGLES_PER_PERSON,
    Bullet,
    Item,
    SitePerson,
    _time_pair,
    rollup_bullet,
    single_activity,
    slugify,
    weekdays_2026,
)

SINGLE_STYLES = ("classic_dl", "classic_lines", "classic_table", "nextjs", "flight", "jsonld")
ROLLUP_STYLES = ("rollup_list", "rollup_lines")
# Hostile pages that must become Problems: path -> reason kind (see expected.json "problems")
PROBLEM_PAGES = {
    "/actueel/agenda/2026/05/19/werkbezoek-geannuleerd": "http_404",
    "/actueel/agenda/2026/06/09/agenda-item": "no_title",
    "/actueel/agenda/2026/06/23/bezoek-leeg": "empty",
}
OLD_URL = "/actueel/agenda/2026/04/14/werkbezoek-regio-oud"


def plan_items(rng: random.Random, persons: list[SitePerson]) -> list[Item]:
    """persons -> every item page of the site (ordinary and hostile), paths unique."""
    items: list[Item] = []
    used: set[str] = set()
    for index, person in enumerate(persons):
        for n, day in enumerate(weekdays_2026(rng, SINGLES_PER_PERSON)):
            title, location, text = single_activity(rng, person)
            start, end = _time_pair(rng)
            style = SINGLE_STYLES[(index + n) % len(SINGLE_STYLES)]
            items.append(Item(_unique_path(day, title, used), style, [person], day, title, location, start, end, text))
        for n, monday in enumerate(_mondays(rng, ROLLUPS_PER_PERSON)):
            items.append(_rollup(rng, person, monday, ROLLUP_STYLES[(index + n) % 2], used))
    items.extend(_hostile_items(persons, used))
    _mark_faulty(items, persons)
    return items


def _unique_path(day: date, title: str, used: set[str]) -> str:
    """-> '/actueel/agenda/2026/07/05/werkbezoek-aan-...' (with '-2', '-3' when taken)."""
    base = f"/actueel/agenda/{day:%Y/%m/%d}/{slugify(title)}"
    path, n = base, 1
    while path in used:
        n += 1
        path = f"{base}-{n}"
    used.add(path)
    return path


def _mondays(rng: random.Random, count: int) -> list[date]:
    """count distinct Mondays of ISO weeks 10..43 of 2026."""
    weeks = sorted(rng.sample(range(10, 44), count))
    return [date.fromisocalendar(2026, week, 1) for week in weeks]


def _rollup(rng: random.Random, person: SitePerson, monday: date, style: str, used: set[str]) -> Item:
    """A weekly roll-up: 4 of the 5 weekdays, 1-3 bullets each."""
    week = monday.isocalendar().week
    skip = rng.randrange(5)
    bullets: list[Bullet] = []
    for offset in range(5):
        if offset != skip:
            day = monday + timedelta(days=offset)
            drawn = [rollup_bullet(rng, day) for _ in range(rng.randint(1, 3))]
            # no line twice on one day (two "Ministerraad" bullets would make the truth ambiguous)
            bullets.extend(b for n, b in enumerate(drawn) if b.title not in {d.title for d in drawn[:n]})
    role = person.short_role
    slug_name = person.slug.split("-", 1)[1] if "-" in person.slug else person.slug
    slug = f"agenda-{slugify(role)}-{slug_name}-week-{week}"
    path = f"/actueel/agenda/{monday:%Y/%m/%d}/{slug}"
    used.add(path)
    title = f"Agenda {role} {person.last_name} week {week}"
    text = f"De agenda van {role} {person.name} voor week {week}."
    return Item(path, style, [person], monday, title, "Diverse locaties", text=text, bullets=bullets)


def _hostile_items(persons: list[SitePerson], used: set[str]) -> list[Item]:
    """The pages a crawler must survive (see docs/replica.md)."""
    a, b = persons[0], persons[1]
    joint = Item(
        _unique_path(date(2026, 4, 2), "Gezamenlijk werkbezoek aan de Eemshaven", used),
        "classic_dl",
        [a, b],
        date(2026, 4, 2),
        "Gezamenlijk werkbezoek aan de Eemshaven",
        "Delfzijl",
        "10:30",
        "14:00",
        f"{a.short_role.capitalize()} {a.name} en {b.short_role} {b.name} bezoeken samen de Eemshaven "
        "en spreken met bedrijven en bewoners over de toekomst van de regio.",
        hostile="joint",
    )
    moved = Item(
        _unique_path(date(2026, 4, 14), "Werkbezoek aan de regio Parkstad", used),
        "classic_lines",
        [persons[2]],
        date(2026, 4, 14),
        "Werkbezoek aan de regio Parkstad",
        "Heerlen",
        "13:00",
        None,
        "Het bezoek richt zich op werkgelegenheid en wonen in de regio.",
        hostile="redirect",
        listed_as=OLD_URL,
    )
    script = Item(
        _unique_path(date(2026, 5, 7), "Debat over online veiligheid", used),
        "classic_lines",
        [persons[3]],
        date(2026, 5, 7),
        "Debat over online veiligheid <script>alert(1)</script>",
        "Tweede Kamer",
        "15:00",
        "17:00",
        "Een debat over <b>desinformatie</b> & veiligheid.",
        hostile="script_title",
    )
    cp_declared = Item(
        _unique_path(date(2026, 5, 12), "Werkbezoek aan de cooperatie in Dokkum", used),
        "classic_dl",
        [persons[5]],
        date(2026, 5, 12),
        "Werkbezoek aan de coöperatie van melkveehouders in Dokkum",
        "Dokkum",
        "11:00",
        None,
        "Gesprek over de ministeriële regeling en de financiële positie van het café.",
        hostile="cp1252",
    )
    cp_bare = Item(
        _unique_path(date(2026, 5, 26), "Overleg over financiele positie zorg", used),
        "classic_table",
        [persons[6]],
        date(2026, 5, 26),
        "Overleg over de financiële positie van zorginstellingen",
        "Heerenveen",
        "09:30",
        "11:00",
        "Gesprek met bestuurders; daarna een rondleiding (€ 0).",
        hostile="cp1252_undeclared",
    )
    cut = Item(
        _unique_path(date(2026, 6, 4), "Werkbezoek aan Veendam", used),
        "classic_dl",
        [persons[8]],
        date(2026, 6, 4),
        "Werkbezoek aan de scheepswerf in Veendam",
        "Veendam",
        "10:00",
        "12:00",
        "Het bezoek begint met een rondleiding over de werf. " * 12,
        hostile="truncated",
    )
    return [joint, moved, script, cp_declared, cp_bare, cut, *_problem_items(persons, used)]


def _problem_items(persons: list[SitePerson], used: set[str]) -> list[Item]:
    """Pages that must end as Problems: a 404 link, a page with no title, an empty 200 page."""
    out = []
    for n, (path, reason) in enumerate(PROBLEM_PAGES.items()):
        used.add(path)
        day = date.fromisoformat(path.split("/agenda/")[1][:10].replace("/", "-"))
        out.append(Item(path, "problem", [persons[9 + n]], day, "Werkbezoek", hostile=reason))
    return out


def _mark_faulty(items: list[Item], persons: list[SitePerson]) -> None:
    """The first ordinary single page of persons[9] answers 500 once, of persons[10] 429 once."""
    for person, kind in ((persons[9], "fail500"), (persons[10], "ratelimit")):
        first = next(i for i in items if i.persons == [person] and i.style in SINGLE_STYLES and not i.hostile)
        first.hostile = kind
