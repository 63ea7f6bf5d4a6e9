"""What the replica site says: persons, places and the activities of each, drawn deterministically from a seed.

All titles and texts are the project's own words, in the plain style of ministry agendas. Places are real Dutch
woonplaatsen (many in NPVR regions), Den Haag institutions and foreign cities; persons are real members of
kabinet-Jetten from data/bewindspersonen.csv.
"""

from __future__ import annotations

from agendakaart.parse.dates import MONTH_NAMES

import csv
import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources

CABINET = "kabinet-Jetten"
N_PERSONS = 12
SINGLES_PER_PERSON = 8
ROLLUPS_PER_PERSON = 2

NPVR_PLACES = (
    "Enschede",
    "Almelo",
    "Hengelo",
    "Emmen",
    "Coevorden",
    "Heerlen",
    "Kerkrade",
    "Terneuzen",
    "Hulst",
    "Den Helder",
    "Schagen",
    "Doetinchem",
    "Winterswijk",
    "Venlo",
    "Venray",
    "Roermond",
    "Weert",
    "Veendam",
    "Stadskanaal",
    "Winschoten",
    "Heerenveen",
    "Drachten",
    "Dokkum",
    "Harlingen",
    "Delfzijl",
)
OTHER_PLACES = (
    "Zwolle",
    "Groningen",
    "Leeuwarden",
    "Eindhoven",
    "Rotterdam",
    "Utrecht",
    "Amsterdam",
    "Arnhem",
    "Nijmegen",
    "Middelburg",
    "Assen",
    "Lelystad",
    "'s-Hertogenbosch",
    "Tilburg",
    "Breda",
    "Haarlem",
    "Leiden",
    "Delft",
    "Apeldoorn",
    "Almere",
    "Wageningen",
    "Vlissingen",
)
ABROAD = ("Brussel", "Luxemburg", "Parijs", "Berlijn", "Straatsburg", "Genève", "Kyiv", "Washington", "Kopenhagen")
DEN_HAAG = ("Den Haag", "Tweede Kamer", "Eerste Kamer", "Catshuis, Den Haag", "Nieuwspoort, Den Haag")

ORGS = (
    "een zorginstelling",
    "een mbo-school",
    "het regionale werkgeversloket",
    "een woningcorporatie",
    "een voedselbank",
    "de veiligheidsregio",
    "een innovatief maakbedrijf",
    "een buurthuis",
    "een agrarisch bedrijf",
    "de haven",
    "een asielzoekerscentrum",
    "een huisartsenpost",
    "het waterschap",
    "een kazerne",
    "de gemeentelijke sociale dienst",
    "een wijkteam",
)
TOPICS = (
    "de Voorjaarsnota",
    "de woningbouwopgave",
    "arbeidsmigratie",
    "de begroting",
    "de energietransitie",
    "netcongestie",
    "de zorgkosten",
    "digitale weerbaarheid",
    "het stikstofbeleid",
    "de asielketen",
    "bestaanszekerheid",
    "de krijgsmacht",
    "het onderwijsachterstandenbeleid",
    "de jeugdzorg",
    "de Nationale Omgevingsvisie",
    "brede welvaart in de regio",
)
PARTNERS = (
    "de burgemeester",
    "vertegenwoordigers van werkgevers en vakbonden",
    "jongerenwerkers",
    "de Vereniging van Nederlandse Gemeenten",
    "het Interprovinciaal Overleg",
    "boeren en tuinders",
    "ondernemers uit de regio",
    "studenten",
    "de provincie",
    "zorgverleners",
    "de Europese Commissie",
)

MONTHS = MONTH_NAMES
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


@dataclass(frozen=True)
class Markup:
    """Markup details that vary with the seed, all within SITE.md; seed 1 is the reference layout (all 0)."""

    entry: int = 0  # listing entry: 0 <li><a><h3>, 1 <article class="card"><h2><a>, 2 table row
    labels: int = 0  # fields: 0 Datum/Tijd/Locatie, 1 Datum/Tijd/Plaats, 2 'Datum' holds the time too
    clock: int = 0  # times: 0 '10.00 - 11.30 uur', 1 '10:00 - 11:30 uur'
    payload: int = 0  # __NEXT_DATA__ keys: 0 Dutch (titel, datum, locatie), 1 English (title, date, location)
    heading: int = 0  # date above the title: 0 '05 juli', 1 'zondag 5 juli', 2 '5 juli 2026'


def markup_for(seed: int) -> Markup:
    """seed -> its markup choices; seed 1 -> Markup() (the layout docs/replica.md describes)."""
    if seed == 1:
        return Markup()
    rng = random.Random(f"markup-{seed}")
    return Markup(
        entry=rng.randrange(3),
        labels=rng.randrange(3),
        clock=rng.randrange(2),
        payload=rng.randrange(2),
        heading=rng.randrange(3),
    )


@dataclass(frozen=True)
class SitePerson:
    slug: str
    name: str
    role: str
    ministry: str
    abbr: str
    link_style: str = "standard"  # standard | other_path | no_link
    pagination: str = "rel"  # rel | label | bare | loop | long

    @property
    def url(self) -> str:
        return f"/regering/bewindspersonen/{self.slug}"

    @property
    def agenda_path(self) -> str:
        if self.link_style == "other_path":
            return f"/actueel/agenda/bewindspersonen/{self.slug}/agenda"
        return f"{self.url}/agenda"

    @property
    def short_role(self) -> str:
        """'minister (vicepremier)' -> 'minister'."""
        return self.role.split(" (")[0].split(",")[0].strip()

    @property
    def last_name(self) -> str:
        """'Eelco van der Burg' -> 'Van der Burg' (as in 'minister Van der Burg')."""
        rest = self.name.split(" ", 1)[1] if " " in self.name else self.name
        return rest[:1].upper() + rest[1:]


@dataclass
class Bullet:
    """One line of a weekly roll-up; `title`/`location` are what a parser should get out of it."""

    day: date
    type_label: str | None
    title: str
    location: str | None
    start: str | None = None


@dataclass
class Item:
    """One agenda item page: a single activity or a weekly roll-up (bullets)."""

    path: str
    style: str
    persons: list[SitePerson]
    day: date
    title: str
    location: str | None = None
    start: str | None = None
    end: str | None = None
    text: str = ""
    bullets: list[Bullet] = field(default_factory=list)
    hostile: str | None = None
    listed_as: str | None = None  # the URL listings link (an old, redirecting one), else path
    markup: Markup = field(default_factory=Markup)

    @property
    def link(self) -> str:
        return self.listed_as or self.path


def slugify(text: str) -> str:
    """'Werkbezoek aan Venlo & Roermond' -> 'werkbezoek-aan-venlo-roermond'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]


def dutch_date(day: date, weekday: bool = False) -> str:
    """date(2026, 7, 5) -> '5 juli 2026' (or 'zondag 5 juli 2026')."""
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]} {text}" if weekday else text


def load_persons() -> list[SitePerson]:
    """The first N_PERSONS of kabinet-Jetten from data/bewindspersonen.csv, with link and pagination styles."""
    text = resources.files("agendakaart").joinpath("data/bewindspersonen.csv").read_text(encoding="utf-8")
    rows = [r for r in csv.DictReader(text.splitlines()) if r["cabinet"] == CABINET and r["rijksoverheid_slug"]]
    styles = ["rel", "label", "bare", "loop", "long", "rel", "label", "bare", "rel", "label", "bare", "rel"]
    persons = []
    for i, row in enumerate(rows[:N_PERSONS]):
        link = "other_path" if i == 4 else "no_link" if i == 7 else "standard"
        persons.append(
            SitePerson(
                slug=row["rijksoverheid_slug"].rsplit("/", 1)[1],
                name=row["name"],
                role=row["role"],
                ministry=row["ministry"],
                abbr=row["ministry_abbr"],
                link_style=link,
                pagination=styles[i % len(styles)],
            )
        )
    return persons


def _time_pair(rng: random.Random) -> tuple[str | None, str | None]:
    """-> ('10:00', '11:30'), ('14:00', None) or (None, None)."""
    roll = rng.random()
    if roll < 0.2:
        return None, None
    hour = rng.choice((8, 9, 9, 10, 11, 13, 14, 15, 16, 19))
    minute = rng.choice((0, 0, 0, 30, 15))
    start = f"{hour:02d}:{minute:02d}"
    if roll < 0.55:
        return start, None
    end_hour = hour + rng.choice((1, 1, 2, 3))
    return start, f"{end_hour:02d}:{minute:02d}"


def single_activity(rng: random.Random, person: SitePerson) -> tuple[str, str | None, str]:
    """A (title, location, text) of one single-page activity, in ministry agenda style."""
    kind = rng.choice(
        (
            "werkbezoek",
            "werkbezoek",
            "werkbezoek",
            "gesprek",
            "toespraak",
            "vergadering",
            "parlement",
            "evenement",
            "buitenland",
            "media",
            "zonder",
        )
    )
    place = rng.choice(NPVR_PLACES + NPVR_PLACES + OTHER_PLACES)
    org, topic, partner = rng.choice(ORGS), rng.choice(TOPICS), rng.choice(PARTNERS)
    who = f"{person.short_role.capitalize()} {person.name}"
    if kind == "werkbezoek":
        return (
            f"Werkbezoek aan {org} in {place}",
            place,
            f"{who} brengt een werkbezoek aan {org} en spreekt met betrokkenen over {topic}.",
        )
    if kind == "gesprek":
        where = rng.choice((place, "Den Haag", None))
        return (
            f"Gesprek met {partner} over {topic}",
            where,
            f"{who} spreekt met {partner}. Onderwerp van gesprek is {topic}.",
        )
    if kind == "toespraak":
        return (
            f"Toespraak op het congres over {topic}",
            place,
            f"{who} houdt een toespraak voor deelnemers uit het hele land.",
        )
    if kind == "vergadering":
        name, where = rng.choice(
            (
                ("Ministerraad", "Den Haag"),
                ("Overleg met de provincie over " + topic, place),
                ("Europese Raad", "Brussel"),
                ("Eurogroep", "Luxemburg"),
            )
        )
        return name, where, f"{who} neemt deel aan het overleg."
    if kind == "parlement":
        return (
            f"Commissiedebat over {topic}",
            rng.choice(("Tweede Kamer", "Tweede Kamer, Den Haag")),
            f"{who} debatteert met de vaste Kamercommissie over {topic}.",
        )
    if kind == "evenement":
        return (f"Opening van de nieuwe vestiging van {org} in {place}", place, f"{who} verricht de officiële opening.")
    if kind == "buitenland":
        city = rng.choice(ABROAD)
        return (f"Bezoek aan {city}", city, f"{who} reist naar {city} voor gesprekken over {topic}.")
    if kind == "media":
        return ("Interview met een regionale omroep", None, f"{who} geeft een interview over {topic}.")
    return (f"Gesprek met {partner}", None, f"{who} spreekt met {partner}. Het gesprek is besloten.")


def rollup_bullet(rng: random.Random, day: date) -> Bullet:
    """One roll-up line: 'Werkbezoek: ... (Enschede)', 'Kamerdebat: ... (Tweede Kamer)', 'Gesprek: ...'."""
    place = rng.choice(NPVR_PLACES + OTHER_PLACES)
    org, topic, partner = rng.choice(ORGS), rng.choice(TOPICS), rng.choice(PARTNERS)
    start = rng.choice((None, None, None, "09:00", "10:00", "13:30", "16:00"))
    choice = rng.randrange(9)
    if choice in (0, 1, 2):
        return Bullet(day, "Werkbezoek", f"bezoek aan {org}", place, start)
    if choice == 3:
        return Bullet(day, "Kamerdebat", f"debat over {topic}", "Tweede Kamer", start)
    if choice == 4:
        return Bullet(day, "Gesprek", f"met {partner} over {topic}", None, start)
    if choice == 5:
        return Bullet(day, "Onderraden en ministeriële overleggen", "Ministerraad", "Den Haag", None)
    if choice == 6:
        return Bullet(day, "Toespraak", f"bij de bijeenkomst over {topic}", rng.choice((place, "Utrecht")), start)
    if choice == 7:
        return Bullet(day, None, f"Overleg met {partner}", None, start)
    city = rng.choice(ABROAD)
    return Bullet(day, "Internationale bijeenkomst", f"Raad over {topic}", city, None)


def weekdays_2026(
    rng: random.Random, count: int, first: date = date(2026, 3, 2), last: date = date(2026, 10, 30)
) -> list[date]:
    """count distinct weekdays between first and last, sorted."""
    span = (last - first).days
    days: set[date] = set()
    while len(days) < count:
        day = first + timedelta(days=rng.randrange(span + 1))
        if day.weekday() < 5:
            days.add(day)
    return sorted(days)
