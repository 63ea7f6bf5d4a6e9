"""Synthetic activities for the output tests and bench/map.py: real bewindspersonen (reference CSV), real places
(GeoNames facts: names, CBS codes, rounded coordinates), made-up agenda texts written for these tests.

`populate(conn, n, seed)` fills a store deterministically; tests then count what they expect with their own SQL.
"""

from __future__ import annotations

import csv
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources

from agendakaart.store import transaction

HOSTILE_TITLE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


@dataclass(frozen=True)
class Place:
    place: str
    gm_code: str | None
    gemeente: str | None
    province: str | None
    country: str
    lat: float
    lon: float
    precision: str = "woonplaats"


PLACES: tuple[Place, ...] = (
    Place("Den Haag", "GM0518", "'s-Gravenhage", "Zuid-Holland", "NL", 52.0799, 4.3113),
    Place("Binnenhof", "GM0518", "'s-Gravenhage", "Zuid-Holland", "NL", 52.0797, 4.3131, "venue"),
    Place("Amsterdam", "GM0363", "Amsterdam", "Noord-Holland", "NL", 52.3740, 4.8897),
    Place("Rotterdam", "GM0599", "Rotterdam", "Zuid-Holland", "NL", 51.9225, 4.4792),
    Place("Utrecht", "GM0344", "Utrecht", "Utrecht", "NL", 52.0908, 5.1222),
    Place("Groningen", "GM0014", "Groningen", "Groningen", "NL", 53.2192, 6.5667),
    Place("Zwolle", "GM0193", "Zwolle", "Overijssel", "NL", 52.5125, 6.0944),
    Place("Enschede", "GM0153", "Enschede", "Overijssel", "NL", 52.2183, 6.8958),
    Place("Hengelo", "GM0164", "Hengelo", "Overijssel", "NL", 52.2658, 6.7931),
    Place("Maastricht", "GM0935", "Maastricht", "Limburg", "NL", 50.8483, 5.6889),
    Place("Heerlen", "GM0917", "Heerlen", "Limburg", "NL", 50.8883, 5.9792),
    Place("Venlo", "GM0983", "Venlo", "Limburg", "NL", 51.3700, 6.1681),
    Place("Roermond", "GM0957", "Roermond", "Limburg", "NL", 51.1942, 5.9875),
    Place("Terneuzen", "GM0715", "Terneuzen", "Zeeland", "NL", 51.3358, 3.8278),
    Place("Den Helder", "GM0400", "Den Helder", "Noord-Holland", "NL", 52.9599, 4.7593),
    Place("Winterswijk", "GM0294", "Winterswijk", "Gelderland", "NL", 51.9725, 6.7194),
    Place("Emmen", "GM0114", "Emmen", "Drenthe", "NL", 52.7858, 6.8975),
    Place("Veendam", "GM0047", "Veendam", "Groningen", "NL", 53.1067, 6.8792),
    Place("Dokkum", "GM1970", "Noardeast-Fryslân", "Fryslân", "NL", 53.3258, 5.9981),
    Place("Heerenveen", "GM0074", "Heerenveen", "Fryslân", "NL", 52.9600, 5.9200),
    Place("Twente", None, None, "Overijssel", "NL", 52.3000, 6.7500, "regio"),
    Place("Brussel", None, None, None, "BE", 50.8505, 4.3488),
    Place("Luxemburg", None, None, None, "LU", 49.6117, 6.1300),
    Place("Washington", None, None, None, "US", 38.8951, -77.0364),
)

TYPES = ("werkbezoek", "evenement", "gesprek", "toespraak", "vergadering", "parlement", "media", "overig")
_TEXTS = (
    ("Werkbezoek", "werkbezoek", "Werkbezoek aan een zorginstelling en gesprek met medewerkers"),
    ("Gesprek", "gesprek", "Gesprek met de burgemeester over woningbouw"),
    ("Toespraak", "toespraak", "Toespraak bij de opening van het congres"),
    ("Kamerdebat", "parlement", "Commissiedebat over de begroting"),
    ("Onderraden en ministeriële overleggen", "vergadering", "Ministerraad"),
    ("Evenement", "evenement", "Bijwonen van de opening van een nieuwe haven"),
    (None, "media", "Interview met een regionale omroep"),
    (None, "overig", "Bezoek"),
)


def load_persons(limit: int = 10) -> list[dict[str, str]]:
    """Real bewindspersonen with a rijksoverheid.nl slug, from the project's reference CSV (first post wins)."""
    text = resources.files("agendakaart.data").joinpath("bewindspersonen.csv").read_text(encoding="utf-8")
    out: dict[str, dict[str, str]] = {}
    for row in csv.DictReader(text.splitlines()):
        slug = (row.get("rijksoverheid_slug") or "").rsplit("/", 1)[-1]
        if slug and re.fullmatch(r"[a-z0-9-]+", slug) and slug not in out:
            out[slug] = {
                "slug": slug,
                "name": row["name"],
                "ministry": row["ministry"],
                "ministry_abbr": row["ministry_abbr"],
                "role": row["role"],
            }
    return list(out.values())[:limit]


def npvr_by_gm() -> dict[str, str]:
    """gm_code -> NPVR region name (established rows), from the project's data file."""
    text = resources.files("agendakaart.data").joinpath("npvr_regions.csv").read_text(encoding="utf-8")
    return {r["gm_code"]: r["region"] for r in csv.DictReader(text.splitlines()) if r["confidence"] == "established"}


def _insert_persons(conn, persons: list[dict[str, str]]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO persons (slug, name, ministry, ministry_abbr, role) VALUES (?, ?, ?, ?, ?)",
        [(p["slug"], p["name"], p["ministry"], p["ministry_abbr"], p["role"]) for p in persons],
    )


def _enrichment(aid: str, place: Place | None, atype: str, rng: random.Random, npvr: dict[str, str]) -> tuple:
    if place is None:
        return (
            aid,
            "test",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            "none",
            0,
            0,
            None,
            atype,
            0.0,
            "geen plaats in de tekst gevonden",
            0,
            "2026-01-01T00:00:00",
        )
    region = npvr.get(place.gm_code or "") or ("Twente" if place.precision == "regio" else None)
    conf = round(rng.choice((0.95, 0.9, 0.8, 0.5, 0.4)), 2)
    reason = f"plaatsnaam '{place.place}' tussen haakjes"
    return (
        aid,
        "test",
        place.place,
        place.gm_code,
        place.gemeente,
        place.province,
        place.country,
        place.lat,
        place.lon,
        place.precision,
        int(place.gm_code == "GM0518"),
        int(place.country != "NL"),
        region,
        atype,
        conf,
        reason,
        0,
        "2026-01-01T00:00:00",
    )


def _activity(i: int, rng: random.Random, persons: list[dict[str, str]], start: date) -> tuple:
    label, atype, text = rng.choice(_TEXTS)
    who = [rng.choice(persons)["slug"]]
    if rng.random() < 0.05:
        who.append(rng.choice(persons)["slug"])
        who = list(dict.fromkeys(who))
    day = start + timedelta(days=rng.randrange(0, 540))
    time = f"{rng.randrange(8, 20):02d}:{rng.choice((0, 15, 30, 45)):02d}" if rng.random() < 0.7 else None
    monday = day - timedelta(days=day.weekday())  # one weekly roll-up page per person per week, as on the site
    url = f"https://www.rijksoverheid.nl/actueel/agenda/{monday:%Y/%m/%d}/agenda-{who[0]}-week-{monday:%V}"
    ministry = None if rng.random() < 0.8 else "Algemene Zaken"
    return (
        f"act{i:06d}",
        url,
        json.dumps(who),
        day.isoformat(),
        time,
        None,
        label,
        f"{text} ({i})",
        None if rng.random() < 0.5 else "Toelichting bij de activiteit.",
        None,
        ministry,
        i % 12,
        "rijksoverheid",
    ), atype


def populate(conn, n: int = 300, seed: int = 7, places: tuple[Place, ...] = PLACES, n_persons: int = 10) -> None:
    """Fill the store with n activities: ~12% unlocated, ~3% never enriched, one hostile title, one javascript: URL."""
    rng = random.Random(seed)
    persons = load_persons(n_persons)
    npvr = npvr_by_gm()
    acts, enrs = [], []
    for i in range(n):
        act, atype = _activity(i, rng, persons, date(2025, 1, 1))
        acts.append(act)
        roll = 0.5 if i in (0, 1, 2) else rng.random()  # the hostile rows are located, so they reach the map
        if roll < 0.03:
            continue  # never enriched: counts as unknown / overig
        place = None if roll < 0.15 else (places[0] if roll < 0.35 else rng.choice(places))
        enrs.append(_enrichment(act[0], place, atype, rng, npvr))
    # an older enrichment of activity 0 that current_enrichments must ignore
    old = list(_enrichment(acts[0][0], places[-1], "media", rng, npvr))
    old[1], old[-1] = "old", "2020-01-01T00:00:00"
    enrs.append(tuple(old))
    acts[1] = acts[1][:7] + (HOSTILE_TITLE,) + acts[1][8:]
    acts[2] = (acts[2][0], "javascript:alert(1)") + acts[2][2:]
    with transaction(conn):
        _insert_persons(conn, persons)
        conn.executemany(
            "INSERT INTO activities (id, page_url, persons, date, start_time, end_time, type_label, title,"
            " description, location_text, ministry, ordinal, source) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            acts,
        )
        conn.executemany(
            "INSERT INTO enrichments (activity_id, version, place, gm_code, gemeente, province, country, lat, lon,"
            " precision, is_den_haag, is_abroad, npvr_region, activity_type, confidence, reason, override,"
            " enriched_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            enrs,
        )
