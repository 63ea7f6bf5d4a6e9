"""Where an activity took place: mentions from the location field, title and description, resolved in the
order of DESIGN.md (location field, named places, institutions, regions/provinces, else none).

resolve_location(title="Werkbezoek aan Leiden", …) -> Located(place=Leiden, precision="woonplaats", …)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from agendakaart.enrich.gazetteer import Gazetteer, Place
from agendakaart.enrich.mentions import Mention, find_mentions
from agendakaart.enrich.text import clean_text, fold

PRECISION = {"venue": "venue", "institution": "venue", "woonplaats": "woonplaats", "stad": "woonplaats",
             "gemeente": "gemeente", "regio": "regio", "provincie": "provincie", "land": "land"}
_FIELD_SCORE = {"location": 100.0, "paren_end": 80.0, "paren": 60.0, "title": 40.0, "description": 20.0}
_KIND_SCORE = {"venue": 7, "woonplaats": 5, "stad": 5, "gemeente": 4, "regio": 2, "provincie": 1, "land": 0,
               "institution": -35}
_SPECIFIC = {"venue": 4, "institution": 4, "woonplaats": 3, "stad": 3, "gemeente": 2, "regio": 1,
             "provincie": 0, "land": -1}
_NOT_A_PLACE = re.compile(
    r"^\W*(?:diverse|verschillende|meerdere)?\s*(?:locaties?|plaatsen)?\W*$|"
    r"\b(?:online|digitaal|digitale|telefonisch|videoverbinding|video|videocall|webinar|teams|zoom-?call|"
    r"n\.?v\.?t\.?|nvt|onbekend|n\.?b\.?|nader te bepalen|besloten|intern|divers|diverse locaties)\b", re.I)
_DIGITAL = re.compile(r"\b(?:digita(?:al|le)|online|telefonisch|videoverbinding|videocall|video-?overleg|"
                      r"belafspraak|webinar|livestream)\b", re.I)


@dataclass(frozen=True)
class Located:
    place: Place | None
    precision: str
    confidence: float
    reason: str
    evidence: str | None = None          # the words as written


NOWHERE = Located(None, "none", 0.0, "geen plaatsaanduiding gevonden")


def _is_no_place(location_text: str) -> bool:
    """"Diverse locaties" / "online" / "n.v.t." -> True; "Leiden" -> False."""
    return bool(_NOT_A_PLACE.search(location_text))


def collect_mentions(title: str, description: str, location_text: str, gaz: Gazetteer) -> list[Mention]:
    """Mentions from the three fields; a trailing "(…)" in the title counts as a location hint."""
    mentions: list[Mention] = []
    if location_text:
        mentions += find_mentions(location_text, gaz, "location")
    if title:
        tail = re.search(r"\(([^()]*)\)\W*$", title)
        for m in find_mentions(title, gaz, "title"):
            if tail and m.start >= tail.start(1):
                m = Mention(m.start, m.end, m.text, m.key, m.ids, "paren_end", m.prep, True)
            mentions.append(m)
    if description:
        mentions += find_mentions(description, gaz, "description")
    return mentions


def _score(m: Mention, place: Place) -> float:
    """Where the words stand, the preposition before them and how specific the place is."""
    score = _FIELD_SCORE.get(m.field, 20.0) + _KIND_SCORE.get(place.kind, 0)
    if m.prep and m.prep != "van":
        score += 15
    elif m.prep == "van":
        score += 5
    return score - m.start * 0.001


def _distance_km(a: Place, b: Place) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return 1e9
    dlat = (a.lat - b.lat) * 111.0
    dlon = (a.lon - b.lon) * 111.0 * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(dlat, dlon)


def _context(mentions: list[Mention], gaz: Gazetteer) -> tuple[set[str], list[Place]]:
    """Provinces named, and places named without ambiguity: the context that settles an ambiguous name."""
    provinces: set[str] = set()
    anchors: list[Place] = []
    for m in mentions:
        places = [gaz.places[i] for i in m.ids]
        if len({(p.gm_code, p.country, p.province) for p in places}) == 1:
            if places[0].kind in ("provincie", "regio") and places[0].province:
                provinces.add(places[0].province)
            elif places[0].kind not in ("institution", "land"):
                anchors.append(places[0])
    return provinces, anchors


def choose_candidate(m: Mention, gaz: Gazetteer, provinces: set[str], anchors: list[Place]) -> tuple[Place, str]:
    """One place for a mention; ambiguous names settled by province, a named neighbour, or else by size."""
    places = [gaz.places[i] for i in m.ids]
    groups = {(p.country, p.gm_code, p.kind in ("regio", "provincie", "land")) for p in places}
    if len(groups) == 1:
        return _prefer_woonplaats(places, m), ""
    in_prov = [p for p in places if p.province in provinces]
    if in_prov and len(in_prov) < len(places):
        return _prefer_woonplaats(in_prov, m), "provincie in de tekst"
    near = [p for p in places if any(0 < _distance_km(p, a) < 40 for a in anchors)]
    if near and len({p.gm_code for p in near}) == 1:
        return _prefer_woonplaats(near, m), f"nabij {anchors[0].name}"
    prov = [p for p in places if p.kind == "provincie"]
    if prov and max(p.population for p in places if p.kind != "provincie") < 50000:
        return prov[0], "provincienaam"
    best = max(places, key=lambda p: (p.population, p.kind == "woonplaats"))
    group = [p for p in places if p.gm_code == best.gm_code and p.country == best.country]
    return _prefer_woonplaats(group, m), "meerdere plaatsen met deze naam; de grootste gekozen"


def _prefer_woonplaats(places: list[Place], m: Mention) -> Place:
    """Within one gemeente: the woonplaats of that name over the gemeente, a venue over both."""
    order = {"venue": 0, "institution": 0, "woonplaats": 1, "stad": 1, "gemeente": 2, "regio": 3,
             "provincie": 4, "land": 5}
    return min(places, key=lambda p: (order.get(p.kind, 9), -p.population))


def _contains(outer: Place, inner: Place) -> bool:
    """Does a region, province or country hold the other place? (Twente holds Enschede.)"""
    if outer.kind == "land":
        return inner.country == outer.country and inner.kind != "land"
    if outer.kind == "provincie":
        return inner.country == "NL" and inner.province == outer.province and inner.kind != "provincie"
    if outer.kind == "regio":
        return bool(inner.gm_code) and inner.gm_code in outer.members
    return False


_FIELD_WORDS = {"location": "in het locatieveld", "paren_end": "tussen haakjes achter de tekst",
                "paren": "tussen haakjes", "title": "in de titel", "description": "in de beschrijving"}
_FIELD_CONF = {"location": 0.95, "paren_end": 0.92, "paren": 0.85, "title": 0.8, "description": 0.65}


def resolve_location(*, title: str | None, description: str | None = None, location_text: str | None = None,
                     gaz: Gazetteer) -> Located:
    """Fields of one activity -> the best-supported place, with precision, confidence and a Dutch reason."""
    title_c, desc_c, loc_c = clean_text(title), clean_text(description), clean_text(location_text, 500)
    no_place_loc = bool(loc_c.strip()) and _is_no_place(loc_c)
    mentions = collect_mentions(title_c, desc_c, loc_c, gaz)
    if not mentions:
        if no_place_loc:
            return Located(None, "none", 0.0, f'locatie "{loc_c.strip()[:60]}" is geen plaats; geen plaats in de tekst')
        return NOWHERE
    provinces, anchors = _context(mentions, gaz)
    scored = []
    for m in mentions:
        place, note = choose_candidate(m, gaz, provinces, anchors)
        scored.append((_score(m, place), m, place, note))
    scored.sort(key=lambda s: -s[0])
    _, m, place, note = _refine(scored)
    digital = _DIGITAL.search(f"{title_c} {loc_c}")
    if place.kind == "institution" and (digital or no_place_loc):
        return Located(None, "none", 0.0, f'"{m.text}" zou een vaste plek geven, maar de activiteit is '
                                          f'{digital.group(0).lower() if digital else loc_c.strip()[:40]}')
    return _located(m, place, note)


def _refine(scored: list[tuple]) -> tuple:
    """A region/province/country beaten by a named place inside it ("Enschede (Twente)" -> Enschede)."""
    best = scored[0]
    if best[2].kind not in ("regio", "provincie", "land"):
        return best
    inside = [s for s in scored[1:] if _SPECIFIC[s[2].kind] > _SPECIFIC[best[2].kind] and _contains(best[2], s[2])
              and s[2].kind != "institution"]
    return inside[0] if inside else best


def _located(m: Mention, place: Place, note: str) -> Located:
    """Mention + place -> Located with confidence and reason."""
    conf = _FIELD_CONF.get(m.field, 0.65)
    if m.prep and m.prep != "van" and m.field in ("title", "description"):
        conf = min(0.9, conf + 0.07)
    if place.kind == "institution":
        conf = 0.6
    elif place.kind in ("regio", "provincie", "land"):
        conf = min(conf, 0.75)
    if note.startswith("meerdere"):
        conf *= 0.7
    where = f"{place.gemeente} ({place.gm_code})" if place.gm_code else (place.country if place.kind in ("stad", "land") else "")
    kind_word = {"institution": "instelling/vaste plek", "venue": "locatie", "regio": "regio",
                 "provincie": "provincie", "land": "land", "stad": "plaats buitenland"}.get(place.kind, place.kind)
    reason = f'"{m.text}" {_FIELD_WORDS.get(m.field, "")} ({kind_word}) -> {place.name}'
    if where and where != place.name:
        reason += f", {where}"
    if note:
        reason += f"; {note}"
    return Located(place, PRECISION[place.kind], round(conf, 2), reason, m.text)


def folded_contains(text: str, needle: str) -> bool:
    """Case- and accent-blind containment: ("Raad Buitenlandse Zaken", "zaken") -> True."""
    return fold(needle) in fold(text)
