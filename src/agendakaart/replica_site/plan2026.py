"""Which agenda items the 2026 replica has, for current and former bewindspersonen, and what revision 2 changes.

Items of former persons (kabinet-Schoof, 2024-07 … 2026-02) stay online although their person pages are gone;
persons in both cabinets keep one slug and carry items of both terms. Every roll-up title names exactly one
person on its date (checked against the whole CSV), or the post alone for the minister-president.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta, timezone

from agendakaart.replica_site.content import Bullet, _time_pair, slugify
from agendakaart.replica_site.content2026 import SingleText, edited_text, rollup_days, single_text
from agendakaart.replica_site.pages import amsterdam_offset
from agendakaart.replica_site.people2026 import Person2026, Post, holders, load_people

NOW = {1: datetime(2026, 11, 1, 8, 0, tzinfo=timezone.utc), 2: datetime(2026, 11, 8, 8, 0, tzinfo=timezone.utc)}
CURRENT_WINDOW = (date(2026, 3, 2), date(2026, 10, 30))
FORMER_WINDOW = (date(2024, 7, 8), date(2026, 2, 20))
CURRENT_WITH_ITEMS = (
    "rob-jetten",
    "eelco-heinen",
    "sophie-hermans",
    "david-van-weel",
    "vincent-karremans",
    "thierry-aartsen",
    "judith-tielen",
    "sandra-palmen",
    "dilan-yesilgoz-zegerius",
    "bart-van-den-brink",
    "rianne-letschert",
    "eric-van-der-burg",
)
BOTH_CABINETS = (
    "eelco-heinen",
    "sophie-hermans",
    "david-van-weel",
    "vincent-karremans",
    "thierry-aartsen",
    "judith-tielen",
)
FORMER_ALWAYS = ("dick-schoof", "marielle-paul", "chris-jansen", "danielle-jansen")
FORMER_SAMPLED = 10
SINGLE_FIELDS = ("dl", "rows", "inline", "payload")
ROLLUP_STYLES = ("h2list", "h3para")


@dataclass
class Item26:
    """One agenda item page of the 2026 platform."""

    path: str
    kind: str  # single | rollup
    persons: list[Person2026]  # ground truth
    linked: list[Person2026]  # persons under "Hoort bij" (may be empty: named in text or title)
    attribution: str  # link | text | title | post
    day: date  # the path date (the Monday for a roll-up)
    title: str
    ministry: str
    activity_type: str
    location: str | None
    description: str | None
    paragraphs: list[str]
    published: datetime  # UTC; sort_date = modified or published
    start: str | None = None
    end: str | None = None
    bullets: list[Bullet] = field(default_factory=list)
    style: str = "dl"
    related: list[str] = field(default_factory=list)
    modified: datetime | None = None
    status: str | None = None  # None | cancelled
    in_search: bool = True
    absolute_url: bool = False

    @property
    def sort_date(self) -> datetime:
        return self.modified or self.published

    @property
    def end_day(self) -> date:
        return max(b.day for b in self.bullets) if self.bullets else self.day


def utc(day: date, hhmm: str | None) -> datetime:
    """Amsterdam wall time -> UTC; no time -> local midnight (the day before, 22:00/23:00 UTC)."""
    hour, minute = (int(x) for x in (hhmm or "00:00").split(":"))
    local = datetime.combine(day, time(hour, minute)).replace(tzinfo=_tz(day))
    return local.astimezone(timezone.utc)


def _tz(day: date) -> timezone:
    return timezone(timedelta(hours=int(amsterdam_offset(day)[1:3])))


def _weekdays(rng: random.Random, lo: date, hi: date, count: int) -> list[date]:
    days = [lo + timedelta(days=n) for n in range((hi - lo).days) if (lo + timedelta(days=n)).weekday() < 5]
    return sorted(rng.sample(days, min(count, len(days))))


def _term_window(post: Post, window: tuple[date, date]) -> tuple[date, date]:
    return max(post.start or window[0], window[0]), min(post.end or window[1], window[1])


class Planner:
    """Draws the items of one seed; `used` keeps paths unique."""

    def __init__(self, seed: int):
        self.rng = random.Random(f"platform2026-{seed}")
        self.people = load_people()
        self.used: set[str] = set()
        self.items: list[Item26] = []

    def path(self, day: date, title: str) -> str:
        base = f"/actueel/agenda/{day:%Y/%m/%d}/{slugify(title)}"
        path, n = base, 1
        while path in self.used:
            n += 1
            path = f"{base}-{n}"
        self.used.add(path)
        return path

    def published(self, day: date, rollup: bool, now: datetime) -> datetime:
        """Announced days ahead, or (roll-ups, some singles) published weeks after: a lag is normal."""
        if rollup or self.rng.random() < 0.15:
            when = day + timedelta(days=self.rng.randint(7, 25))
        else:
            when = day - timedelta(days=self.rng.randint(2, 12))
        stamp = datetime.combine(when, time(self.rng.randint(8, 16), self.rng.choice((0, 12, 30, 47))))
        return min(stamp.replace(tzinfo=_tz(when)).astimezone(timezone.utc), now - timedelta(days=1))

    def single(self, persons: list[Person2026], day: date, attribution: str | None = None) -> Item26:
        lead = persons[0]
        post = lead.post_on(day)
        attribution = attribution or self.rng.choice(("link",) * 6 + ("text", "text", "title"))
        if attribution == "title" and holders(post.short_role, lead.surname, day) != [lead.slug]:
            attribution = "text"  # a title naming post and surname must name one person only
        words: SingleText = single_text(self.rng, lead, post, attribution)
        start, end = _time_pair(self.rng)
        item = Item26(
            self.path(day, words.title),
            "single",
            persons,
            persons if attribution == "link" else [],
            attribution,
            day,
            words.title,
            post.ministry_name,
            words.activity_type,
            words.location,
            words.description,
            words.paragraphs,
            self.published(day, False, NOW[1]),
            start,
            end,
            style=self.rng.choice(SINGLE_FIELDS),
            absolute_url=self.rng.random() < 0.5,
        )
        self.items.append(item)
        return item

    def rollup(self, person: Person2026, monday: date, attribution: str | None = None) -> Item26 | None:
        post = person.post_on(monday)
        if post is None or not post.covers(monday + timedelta(days=4)):
            return None
        week = monday.isocalendar().week
        role = post.short_role
        if attribution == "post":
            if holders(role, None, monday) != [person.slug]:
                return None
            title, slug = f"Agenda {role} week {week}", f"agenda-{role}-week-{week}"
        else:
            if holders(role, person.surname, monday) != [person.slug]:
                return None
            attribution = attribution or self.rng.choice(("link", "link", "title"))
            title = f"Agenda {role} {person.surname} week {week}"
            slug = slugify(title)
        path = f"/actueel/agenda/{monday:%Y/%m/%d}/{slug}"
        if path in self.used:
            return None
        self.used.add(path)
        subject = f"de {role}" if attribution == "post" else f"{role} {person.name}"
        text = [
            f"Hieronder staan de openbare activiteiten van {subject} in week {week}.",
            "Wijzigingen in het programma zijn voorbehouden.",
        ]
        item = Item26(
            path,
            "rollup",
            [person],
            [person] if attribution == "link" else [],
            attribution,
            monday,
            title,
            post.ministry_name,
            "Weekagenda",
            "Diverse locaties",
            None,
            text,
            self.published(monday, True, NOW[1]),
            bullets=rollup_days(self.rng, monday),
            style=self.rng.choice(ROLLUP_STYLES),
            absolute_url=self.rng.random() < 0.5,
        )
        self.items.append(item)
        return item

    def person_items(self, person: Person2026, window: tuple[date, date], singles: int, rollups: int) -> None:
        for post in person.posts:
            lo, hi = _term_window(post, window)
            if post.start is None or hi <= lo:
                continue
            share = max(1, round(singles * min(1.0, (hi - lo).days / 300)))
            for day in _weekdays(self.rng, lo, hi, share):
                self.single([person], day)
            mondays = [d for d in _weekdays(self.rng, lo, hi, 40) if d.weekday() == 0]
            for monday in self.rng.sample(mondays, min(rollups, len(mondays))):
                self.rollup(person, monday)


def plan_2026(seed: int) -> list[Item26]:
    """Every agenda item of revision 1 (before `apply_revision`), related links filled in."""
    planner = Planner(seed)
    people = planner.people
    for slug in CURRENT_WITH_ITEMS:
        planner.person_items(people[slug], CURRENT_WINDOW, 6, 2)
        if slug in BOTH_CABINETS:
            planner.person_items(people[slug], FORMER_WINDOW, 4, 1)
    eligible = sorted(
        s
        for s, p in people.items()
        if not p.current and s not in FORMER_ALWAYS and all(post.start and post.end for post in p.posts)
    )
    former = list(FORMER_ALWAYS) + planner.rng.sample(eligible, FORMER_SAMPLED)
    for slug in former:
        planner.person_items(people[slug], FORMER_WINDOW, 4, 1)
    for slug, window in (("dick-schoof", FORMER_WINDOW), ("rob-jetten", CURRENT_WINDOW)):
        mondays = [d for d in _weekdays(planner.rng, *window, 60) if d.weekday() == 0]
        made = 0
        for monday in mondays:
            made += planner.rollup(people[slug], monday, "post") is not None
            if made == 2:
                break
    _joint(planner, people)
    items = sorted(planner.items, key=lambda i: (i.day, i.path))
    next(i for i in items if i.kind == "single" and i.day.year == 2025).in_search = False  # index lags
    return items


def _joint(planner: Planner, people: dict[str, Person2026]) -> None:
    """One item on two current persons, one on two former persons: one page, two persons under 'Hoort bij'."""
    for a, b, day in (
        ("eelco-heinen", "david-van-weel", date(2026, 4, 9)),
        ("dick-schoof", "marjolein-faber", date(2024, 11, 14)),
    ):
        item = planner.single([people[a], people[b]], day, "link")
        item.paragraphs.append(f"{people[a].name} en {people[b].name} gaan hier samen naartoe.")


def assign_related(items: list[Item26], seed: int, exclude: set[str]) -> None:
    """'Meer over dit onderwerp': three other agenda items each, never an item that revisions touch."""
    rng = random.Random(f"related-{seed}")
    pool = [i.path for i in items if i.path not in exclude]
    for item in items:
        item.related = rng.sample([p for p in pool if p != item.path], 3)


@dataclass(frozen=True)
class Revision:
    edited: str
    cancelled: str
    removed: str


def choose_revision(items: list[Item26], seed: int) -> Revision:
    """Which items revision 2 edits, cancels and removes (ordinary single items with a location field)."""
    rng = random.Random(f"revision-{seed}")
    candidates = [
        i.path
        for i in items
        if i.kind == "single" and i.attribution == "link" and i.in_search and len(i.persons) == 1 and i.location
    ]
    current = [p for p in candidates if "/2026/0" in p and p[16:26] >= "2026/03/02"]
    edited, cancelled = rng.sample(current, 2)
    removed = rng.choice([p for p in candidates if "/2025/" in p])
    return Revision(edited, cancelled, removed)


def apply_revision(items: list[Item26], revision: int, change: Revision, seed: int) -> list[Item26]:
    """Revision 1: items as planned. Revision 2: one edited, one cancelled, one removed, one new item."""
    if revision == 1:
        return items
    rng = random.Random(f"revision-{seed}-content")
    out = []
    for item in items:
        if item.path == change.removed:
            continue
        if item.path == change.edited:
            place, note = edited_text(rng, item.location)
            item = replace(
                item,
                location=place,
                paragraphs=[*item.paragraphs, note],
                modified=datetime(2026, 11, 5, 9, 30, tzinfo=timezone.utc),
            )
        elif item.path == change.cancelled:
            item = replace(
                item,
                status="cancelled",
                paragraphs=[f"Deze activiteit gaat niet door. {item.paragraphs[0]}", *item.paragraphs[1:]],
                modified=datetime(2026, 11, 6, 14, 0, tzinfo=timezone.utc),
            )
        out.append(item)
    out.append(new_item(items, seed))
    return sorted(out, key=lambda i: (i.day, i.path))


def new_item(items: list[Item26], seed: int) -> Item26:
    """The item revision 2 adds: late October, published in November (after revision 1 was built)."""
    planner = Planner(seed + 7919)
    planner.used = {i.path for i in items}
    person = load_people()["eelco-heinen"]
    item = planner.single([person], date(2026, 10, 29), "link")
    item.published = datetime(2026, 11, 4, 10, 15, tzinfo=timezone.utc)
    item.related = items[0].related if items else []
    return item
