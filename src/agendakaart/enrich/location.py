"""Where an activity took place: mentions from the location field, title and description, resolved in the
order of DESIGN.md (location field, named places, institutions, regions/provinces, else none).

resolve_location(title="Werkbezoek aan Leiden", …) -> Located(place=Leiden, precision="woonplaats", …)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from agendakaart.enrich import context_rows as context  # the rows of context_rules.csv
from agendakaart.enrich.gazetteer import Gazetteer, Place
from agendakaart.enrich.mentions import WEAK_PREPS, Mention, find_mentions
from agendakaart.enrich.regions import DEN_HAAG
from agendakaart.enrich.scan import Scan
from agendakaart.enrich.text import clean_text, fold_name
from agendakaart.enrich.weights import weights
from agendakaart.enrich.words import alternation, literal_stems, word_set, words


PRECISION = {
    "venue": "venue",
    "institution": "venue",
    "org": "venue",
    "woonplaats": "woonplaats",
    "stad": "woonplaats",
    "gemeente": "gemeente",
    "regio": "regio",
    "provincie": "provincie",
    "land": "land",
}
# the weights of the place choice are data (data/enrich_weights.csv): table -> key -> value
_FIELD_SCORE = weights("field_score")
_KIND_SCORE = weights("kind_score")
_SPECIFIC = weights("specific")
_SCORE = weights("score")
_PREFER = weights("prefer")
_FIELD_CONF = weights("field_conf")
_CONF = weights("conf")
_THRESHOLD = weights("threshold")
_WINDOW = weights("window")  # how many characters before a name a rule looks at
_NOT_HERE, _AREA_PART, _PROVINCE_WHOM = _WINDOW["not_here"], _WINDOW["area_part"], _WINDOW["province_whom"]
_VISIT_WINDOW = _WINDOW["visit_verb"]
_NOT_A_PLACE = re.compile(
    r"^\W*(?:" + alternation("vague_location") + r")?\s*(?:" + alternation("location_plural") + r")?\W*$|"
    r"\b(?:" + alternation("location_not_place") + r")\b",
    re.I,
)
# "Digitaal overleg Europese Raad" -> match "Digitaal": an institution then gives no place
_DIGITAL = re.compile(r"\b(?:" + alternation("digital") + r")\b", re.I)


# "Telefoongesprek met …", "Digitaal overleg met …": a place named in the text is not where it happens
_REMOTE = re.compile(
    r"(?i)\b(?:"
    + alternation("remote")
    + r"|(?:"
    + alternation("remote_adjective")
    + r")\s+(?:"
    + alternation("remote_noun")
    + r"))\b"
)
# _remote's pre-check, derived from the same words: every _REMOTE match holds one of these pieces (speed only)
_REMOTE_STEMS = literal_stems("remote", "remote_adjective")


def _remote(text: str) -> re.Match | None:
    """ "Telefoongesprek met de burgemeester van Leiden" -> match "Telefoongesprek"; "Bezoek aan Leiden" -> None."""
    low = text.lower()
    if not any(stem in low for stem in _REMOTE_STEMS):
        return None
    return _REMOTE.search(text)


@dataclass(frozen=True)
class Located:
    place: Place | None
    precision: str
    confidence: float
    reason: str
    evidence: str | None = None  # the words as written


NOWHERE = Located(None, "none", 0.0, "geen plaatsaanduiding gevonden")


@lru_cache(maxsize=8192)  # location texts recur ("Stadhuis", "Tweede Kamer")
def _location_facts(location_text: str) -> tuple[bool, str | None, bool]:
    """A stripped location field -> (a qualifier alone, postal-only reason, names no place).

    "Gld" / "(provincie)" -> (True, None, False); "Postbus 20011, Den Haag" -> (False, "postadres, geen
    bezoekadres", False); "online" -> (False, None, True); "Leiden" -> (False, None, False)."""
    if context.location_qualifier(location_text) is not None:  # the qualifier rows of context_rules.csv
        return True, None, _is_no_place(location_text)  # "NB": also "n.b." (not known) when no title takes it
    postal = _postal_only(location_text)
    return False, postal, not postal and _is_no_place(location_text)


def _is_no_place(location_text: str) -> bool:
    """ "Diverse locaties" / "online" / "n.v.t." -> True; "Leiden" -> False."""
    return bool(_NOT_A_PLACE.search(location_text))


# "Postbus 20011, Den Haag" is where letters go, not where the activity is; "2511 CV" alone names no town
_POSTAL_WORDS = words("postal_word")
_POSTAL_ONLY = re.compile(r"^\W*(?:(?:" + "|".join(_POSTAL_WORDS) + r")\s*\d+\b.*|[1-9]\d{3}\s?[A-Za-z]{2})\W*$", re.I)


def _postal_only(location_text: str) -> str | None:
    """ "Postbus 20011, Den Haag" -> "postadres, geen bezoekadres"; "2511 CV" -> "alleen een postcode …"; else None."""
    found = _POSTAL_ONLY.match(location_text)
    if not found:
        return None
    if location_text.strip(" (),.").lower().startswith(_POSTAL_WORDS):
        return "postadres, geen bezoekadres"
    return "alleen een postcode (geen postcodetabel offline)"


_SOURCE = {
    "location": "location",
    "paren_end": "title",
    "paren": "title",
    "title": "title",
    "title_lead": "title",
    "description": "description",
    "label": "label",
}
# "Werkbezoek Sluiskil (Terneuzen)" -> group 1 "Terneuzen"
_LEAD_WORDS = _THRESHOLD["title_lead_words"]  # "Commissiedebat Visserij": an institution in the title's lead
_TAIL_PARENS = re.compile(r"\(([^()]*)\)\W*$")


def _scans(texts: dict[str, str], body: tuple[str, Scan] | None) -> dict[str, Scan]:
    """The parts of the body's scan that are exactly the title's and the description's texts (a field that
    cleaning made differ, "Bron: …" removed or a cut, is scanned on its own)."""
    if body is None:
        return {}
    joined, scan = body
    out = {}
    title, desc = texts["title"], texts["description"]
    if title and joined.startswith(title) and (len(joined) == len(title) or not scan.folded[len(title)].isalnum()):
        out["title"] = scan.part(0, len(title))
    start = len(joined) - len(desc)
    if desc and start >= 0 and joined.endswith(desc) and (start == 0 or not scan.folded[start - 1].isalnum()):
        out["description"] = scan.part(start, len(joined))
    return out


def collect_mentions(
    texts: dict[str, str],
    gaz: Gazetteer,
    memo: dict | None = None,
    envoys: list[Mention] | None = None,
    scans: dict[str, Scan] | None = None,
) -> list[Mention]:
    """Mentions from the fields; a trailing "(…)" in the title counts as a location hint, an institution in
    the title's first words ("Commissiedebat …") or in the type label as what the activity is."""
    mentions: list[Mention] = []
    if texts["location"]:
        mentions += _find(texts["location"], gaz, "location", memo)
    title = texts["title"]
    found = find_mentions(title, gaz, "title", scans.get("title") if scans else None) if title else ()
    if found:
        tail = _TAIL_PARENS.search(title)
        for m in found:
            if tail and m.start >= tail.start(1):
                m = _with_field(m, "paren_end")
            elif m.field == "title" and len(title[: m.start].split()) <= _LEAD_WORDS and _is_haagse_institution(m, gaz):
                m = _with_field(m, "title_lead")
            mentions.append(m)
    if texts["description"]:
        mentions += find_mentions(texts["description"], gaz, "description", scans.get("description") if scans else None)
    if texts["label"]:
        # a type label that is a body or building ("Kamerdebat:", "Eerste Kamer:") says where, not a town in it
        mentions += [m for m in _find(texts["label"], gaz, "label", memo) if _kinds(m, gaz) <= {"institution", "venue"}]
    if not mentions:
        return mentions
    out = []
    for m in mentions:  # the envoy check's first condition inline (speed only)
        if m.prep in _ENVOY_PREPS and _is_envoy_country(m, texts, gaz):
            if envoys is not None:  # "de regering van Curaçao": no location, but context for "in Willemstad"
                envoys.append(m)
            continue
        if _not_here(m, texts, gaz):
            continue
        if context.area_part_possible(texts[_SOURCE[m.field]], max(0, m.start - _AREA_PART), m.start):
            m = _compass_region(m, texts, gaz)
        out.append(m)
    return out


# "Werkbezoek", "bezoekt": the text visits, so a place after "over … in" is where it happens (condition unless_visit
# of the not_here rows in context_rules.csv, which say when a name is a subject or an organisation met)
_VISIT_WORDS = re.compile(r"(?i)" + "|".join(rf"\b{w}\b" for w in words("visit_word")))


_SURNAME_PLACES = frozenset(fold_name(w) for w in words("surname_place"))  # "Vries": a place, and "De Vries"


def _is_surname(m: Mention, text: str) -> str | None:
    """The id of the surname row of context_rules.csv that takes the name as part of a person's name, or None:
    "Museum Boijmans Van Beuningen" -> "Beuningen" is a surname, not the town; "Fietstocht. Van Assen naar
    Groningen" -> None (a route: condition not_route); "gemeente van Emmen" -> None (lower-case "van")."""

    def holds(condition: str) -> bool:
        if condition == "not_route":
            return not _ROUTE_ON.match(text, m.end)
        if condition == "surname_word":
            return m.key in _SURNAME_PLACES
        raise ValueError(f"onbekende voorwaarde {condition!r}")  # load_context_rules admits none other

    rule = context.name_in_surname(text, m.start, holds)
    return rule.id if rule is not None else None


_CLAUSE_END = re.compile(r"[.;:!?()]")


def _not_here(m: Mention, texts: dict[str, str], gaz: Gazetteer) -> bool:
    """Names that say whom or what, not where: the surname and not_here rows of context_rules.csv ("Museum
    Boijmans Van Beuningen": a surname; "OVSE-ministerraad": another body than the cabinet; "gesprek over de toekomst van Schiphol": a subject; "gesprek met het Instituut
    Mijnbouwschade Groningen" / "met Amsterdam UMC": an organisation met, not visited)."""
    return _not_here_rule(m, texts, gaz) is not None


def _not_here_rule(m: Mention, texts: dict[str, str], gaz: Gazetteer) -> str | None:
    """_not_here with the id of the row that decided (a surname or not_here row), or None."""
    if m.field != "label":
        surname = _is_surname(m, texts[_SOURCE[m.field]])
        if surname is not None:
            return surname
    if m.field in ("location", "label") or m.in_parens:
        return None
    text = texts[_SOURCE[m.field]]
    before = text[max(0, m.start - _NOT_HERE) : m.start]
    if not context.may_be_not_here(before.lower()):  # derived from the rows' patterns (speed only)
        return None

    def holds(condition: str) -> bool:
        if condition == "unless_visit":
            return not _VISIT_WORDS.search(text)
        if condition == "org_with_place_word":
            return _kinds(m, gaz) <= {"venue", "org"} and _holds_place_word(m, gaz)
        if condition == "institution":
            return _kinds(m, gaz) <= {"institution"}
        raise ValueError(f"onbekende voorwaarde {condition!r}")  # load_context_rules admits none other

    rule = context.name_not_here(_CLAUSE_END.split(before)[-1], holds)
    return rule.id if rule is not None else None


_PLACE_WORD_MIN = _THRESHOLD["place_word_min"]  # shorter words of a name are no place word ("de", "van")


def _holds_place_word(m: Mention, gaz: Gazetteer) -> bool:
    """ "Amsterdam UMC", "Eindhoven Airport" -> True (a place word inside the name); "CJIB" -> False."""
    words = re.findall(r"[\w'’+-]+", m.text)
    return len(words) > 1 and any(
        p.kind in ("woonplaats", "gemeente", "stad", "regio", "provincie")
        for w in words
        if len(w) >= _PLACE_WORD_MIN
        for p in gaz.lookup(w)
    )


def _is_haagse_institution(m: Mention, gaz: Gazetteer) -> bool:
    """Parliament and cabinet ("Commissiedebat …", "Ministerraad") are Den Haag whatever the subject; an event
    or council elsewhere ("Nationale Herdenking Kamp Amersfoort", "Europese Raad Kopenhagen") gives way to a
    place named in the title."""
    return _kinds(m, gaz) <= {"institution"} and all(gaz.places[i].gm_code == DEN_HAAG for i in m.ids)


def _compass_region(m: Mention, texts: dict[str, str], gaz: Gazetteer) -> Mention:
    """ "Werkbezoek aan Zuidoost-Groningen" -> the province Groningen, not the city: a compass word joined
    to a name that is also a province or region names part of that area (the area_part rows of
    context_rules.csv, looked for in the 14 characters before the name)."""
    window = texts[_SOURCE[m.field]][max(0, m.start - _AREA_PART) : m.start]
    if context.names_area_part(window) is None:
        return m
    areas = tuple(i for i in m.ids if gaz.places[i].kind in ("provincie", "regio"))
    if not areas:  # "Groningen"/"Utrecht" as a province is indexed as "provincie Groningen"
        areas = gaz.names.get(fold_name(f"provincie {m.text}"), ())
    return m._replace(ids=areas) if areas and len(areas) < len(m.ids) else m


def _after_address(location: str, mentions: list[Mention]) -> list[Mention]:
    """ "Lange Voorhout 34, 2514 EG Den Haag": the town after the postcode (or after "street 34,") counts,
    not a street name that happens to be a place ("Voorhout"); the address rows of context_rules.csv say where
    the street part ends."""
    cut = context.address_cut(location)
    if cut is None:
        return mentions
    after = [m for m in mentions if m.start >= cut[1]]
    return after or mentions


def _find(text: str, gaz: Gazetteer, field: str, memo: dict | None) -> list[Mention]:
    """Mentions of a location field (after the address rule) or a type label, remembered per (field, text) when
    a memo is given: these texts recur apart from the rest of the item ("Tweede Kamer", "Werkbezoek"); a whole
    item that recurs is remembered by the engine."""
    key = ("mentions", field, text)
    found = memo.get(key) if memo is not None else None
    if found is None:
        found = find_mentions(text, gaz, field)
        if field == "location":
            found = _after_address(text, found)
        if memo is not None:
            memo[key] = found
    return found


def _with_field(m: Mention, field: str) -> Mention:
    return m._replace(field=field)


def _kinds(m: Mention, gaz: Gazetteer) -> frozenset[str]:
    return gaz.kinds_of(m.ids)


_ENVOY_PREPS = word_set("envoy_prep")
_COUNTRY_WHERE = word_set("country_where_prep")  # "de minister in Duitsland": where, not whom


def _is_envoy_country(m: Mention, texts: dict[str, str], gaz: Gazetteer) -> bool:
    """ "de minister van Aruba" / "de minister van Binnenlandse Zaken van Duitsland" / "de Commissaris van de
    Koning van Overijssel" name whom, not where: such a country or province is no location (the whom rows of
    context_rules.csv)."""
    return _whom_rule(m, texts, gaz) is not None


def _whom_rule(m: Mention, texts: dict[str, str], gaz: Gazetteer) -> str | None:
    """_is_envoy_country with the id of the whom row that decided, or None."""
    if m.prep not in _ENVOY_PREPS:
        return None
    kinds = _kinds(m, gaz)
    text = texts[_SOURCE[m.field]]

    def window_for(condition: str) -> str | None:
        if condition == "country":
            return text[: m.start] if "land" in kinds and m.prep not in _COUNTRY_WHERE else None  # "Sint Maarten"
        if condition == "province":
            return text[max(0, m.start - _PROVINCE_WHOM) : m.start] if "provincie" in kinds else None
        raise ValueError(f"onbekende voorwaarde {condition!r}")  # load_context_rules admits none other

    rule = context.name_is_whom(window_for)
    return rule.id if rule is not None else None


_ORIGIN_PREPS = word_set("origin_prep")


def _score(m: Mention, place: Place) -> float:
    """Where the words stand, the preposition before them and how specific the place is."""
    score = (
        _FIELD_SCORE.get(m.field, _FIELD_SCORE["default"])
        + _KIND_SCORE.get(place.kind, _KIND_SCORE["default"])
        - (_SCORE["weak"] if m.weak else 0)
    )
    if m.prep and m.prep not in _ORIGIN_PREPS:
        score += _SCORE["place_prep"]
    elif m.prep in _ORIGIN_PREPS:  # "jongeren uit Rotterdam in Den Haag": where they come from, less than "in"
        score += _SCORE["origin_prep"]
    return score - m.start * _SCORE["per_char"]


# "Minister X bezoekt Breda. Daarna … naar Tilburg": a visiting verb right before a name counts as a preposition
_VISIT_VERB_BEFORE = re.compile(
    r"(?i)\b(?:" + alternation("visit_verb") + r")\s+(?:(?:" + alternation("verb_article") + r")\s+)?$"
)


_ROUTE_ON = re.compile(r"\s+(?:" + alternation("route_word") + r")\s+\S")
# "Reis van Den Haag naar Brussel", "Treinreis …": travel counts where it goes, a tour where it starts
_TRAVEL = re.compile(r"(?i)(?:" + alternation("travel_word") + r")")


_ROUTE_FROM = word_set("route_from")  # "van Assen naar Groningen": the start of a route
_ROUTE_START = float(_SCORE["route_start"])  # float: the bonus was written 10.0
_VISIT_VERB = float(_SCORE["visit_verb"])


def _visit_bonus(m: Mention, texts: dict[str, str]) -> float:
    """15 when the name directly follows "bezoekt"/"opent" (as "aan"/"in" would give); 10 for the start of a
    route ("Fietstocht van Assen naar Groningen": "van" 5 + 10 = "naar" 15, the first place wins); else 0."""
    if m.field in ("location", "label"):
        return 0.0
    if m.prep in _ROUTE_FROM:
        text = texts[_SOURCE[m.field]]
        return _ROUTE_START if _ROUTE_ON.match(text, m.end) and not _TRAVEL.search(text[: m.start]) else 0.0
    if m.prep:
        return 0.0
    return (
        _VISIT_VERB
        if _VISIT_VERB_BEFORE.search(texts[_SOURCE[m.field]][max(0, m.start - _VISIT_WINDOW) : m.start])
        else 0.0
    )


def _distance_km(a: Place, b: Place) -> float:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return 1e9
    dlat = (a.lat - b.lat) * 111.0
    dlon = (a.lon - b.lon) * 111.0 * math.cos(math.radians((a.lat + b.lat) / 2))
    return math.hypot(dlat, dlon)


def _choose_all(mentions: list[Mention], envoys: list[Mention], gaz: Gazetteer) -> list[tuple[Place, str]]:
    """(place, note) per mention, the context taken from all of them (and the envoys' countries).

    Remembered per candidate-id set: the choice depends on the ids and province hints only, not on the words
    around them, so "Terneuzen" in a thousand different titles is settled once."""
    if len(mentions) == 1 and not envoys:
        m = mentions[0]
        if len(m.ids) == 1:
            return [(gaz.places[m.ids[0]], "")]
        key = ("one", m.ids, m.province)
    else:
        key = (tuple((m.ids, m.province) for m in mentions), tuple(m.ids for m in envoys))
    found = gaz.memo.choices.get(key)
    if found is not None:
        return found
    context = _context(mentions + envoys, gaz)
    choices = [choose_candidate(m, gaz, *context) for m in mentions]
    gaz.memo.put("choices", key, choices)
    return choices


def _context(mentions: list[Mention], gaz: Gazetteer) -> tuple[set[str], list[Place], set[str]]:
    """Provinces, unambiguous places and foreign countries named: the context that settles a name."""
    provinces: set[str] = set()
    anchors: list[Place] = []
    countries: set[str] = set()
    for m in mentions:
        places = [gaz.places[i] for i in m.ids]
        if len({(p.gm_code, p.country, p.province) for p in places}) != 1:
            continue
        first = places[0]
        if first.kind in ("provincie", "regio") and first.province:
            provinces.add(first.province)
        elif first.kind == "land" or (first.country != "NL" and first.kind == "stad"):
            countries.add(first.country)
        elif first.kind not in ("institution", "org"):
            anchors.append(first)
    return provinces, anchors, countries


def choose_candidate(
    m: Mention, gaz: Gazetteer, provinces: set[str], anchors: list[Place], countries: set[str] = frozenset()
) -> tuple[Place, str]:
    """One place for a mention; ambiguous names settled by a venue entry, a named country or province, a
    named neighbour, or else by size (Dutch places before foreign ones of the same name)."""
    if len(m.ids) == 1:
        return gaz.places[m.ids[0]], ""
    places = [gaz.places[i] for i in m.ids]
    if m.province:
        hinted = [p for p in places if p.province == m.province]
        places = hinted or places
    curated = [p for p in places if p.kind in ("venue", "institution", "org")]
    if curated:
        return curated[0], ""
    abroad = [p for p in places if p.country in countries and p.country != "NL"]
    if abroad:
        places = abroad
    elif _country_over_village(places):
        return next(p for p in places if p.kind == "land"), "land, geen dorp van die naam"
    elif any(p.country == "NL" for p in places):
        places = [p for p in places if p.country == "NL"]
    groups = {(p.country, p.gm_code, p.kind in ("regio", "provincie", "land")) for p in places}
    if len(groups) == 1:
        return _prefer_woonplaats(places, m), ("land in de tekst" if abroad and len(m.ids) > len(places) else "")
    return _settle(places, m, provinces, anchors)


_VILLAGE = _THRESHOLD["village_population"]  # a country or province name beats Dutch namesakes smaller than this


def _country_over_village(places: list[Place]) -> bool:
    """ "Sint Maarten": the country (SX) rather than the village in Schagen: a country beats Dutch namesakes
    under 50,000 inhabitants, as a province name does."""
    return (
        any(p.kind == "land" and p.country != "NL" for p in places)
        and max((p.population for p in places if p.country == "NL"), default=0) < _VILLAGE
    )


def _settle(places: list[Place], m: Mention, provinces: set[str], anchors: list[Place]) -> tuple[Place, str]:
    in_prov = [p for p in places if p.province in provinces]
    if in_prov and len(in_prov) < len(places):
        return _prefer_woonplaats(in_prov, m), "provincie in de tekst"
    for anchor in anchors:  # the same gemeente first ("Rijswijk … gemeente Altena"), then within 40 km
        same = [p for p in places if p.gm_code and p.gm_code == anchor.gm_code]
        near = same or [p for p in places if p.gm_code and _distance_km(p, anchor) < _THRESHOLD["near_km"]]
        if near and len({p.gm_code for p in near}) == 1:
            return _prefer_woonplaats(near, m), f"nabij {anchor.name}"
    prov = [p for p in places if p.kind == "provincie"]
    if prov and max((p.population for p in places if p.kind != "provincie"), default=0) < _VILLAGE:
        return prov[0], "provincienaam"
    best = max(places, key=lambda p: (p.population, p.kind == "woonplaats"))
    group = [p for p in places if p.gm_code == best.gm_code and p.country == best.country]
    return _prefer_woonplaats(group, m), "meerdere plaatsen met deze naam; de grootste gekozen"


def _prefer_woonplaats(places: list[Place], m: Mention) -> Place:
    """Within one gemeente: the woonplaats of that name over the gemeente, a venue over both."""
    return min(places, key=lambda p: (_PREFER.get(p.kind, _PREFER["default"]), -p.population))


def _contains(outer: Place, inner: Place) -> bool:
    """Does a region, province or country hold the other place? (Twente holds Enschede.)"""
    if outer.kind == "land":
        return inner.country == outer.country and inner.kind != "land"
    if outer.kind == "provincie":
        return inner.country == "NL" and inner.province == outer.province and inner.kind != "provincie"
    if outer.kind == "regio":
        return bool(inner.gm_code) and inner.gm_code in outer.members
    return False


_FIELD_WORDS = {
    "location": "in het locatieveld",
    "paren_end": "tussen haakjes achter de tekst",
    "paren": "tussen haakjes",
    "title": "in de titel",
    "title_lead": "vooraan in de titel",
    "description": "in de beschrijving",
    "label": "in het typelabel",
}


# a description line "Bron: Ministerie van Financiën" names the publisher, not a place -> removed
_BRON = re.compile(r"(?im)^\s*(?:" + alternation("publisher_word") + r")\s*:.*$")
# "Voorbereiding Europese Raad" -> match: preparing an event is not the event
_PREP_ONLY = re.compile(r"^\s*(?:" + alternation("preparation") + r")\b", re.I)


def resolve_location(
    *,
    title: str | None,
    description: str | None = None,
    location_text: str | None = None,
    type_label: str | None = None,
    gaz: Gazetteer,
    memo: dict | None = None,
    body: tuple[str, Scan] | None = None,
) -> Located:
    """Fields of one activity -> the best-supported place, with precision, confidence and a Dutch reason.

    `body`: (cleaned "title description", its combined scan) when the caller scanned them together already."""
    desc = clean_text(description)
    texts = {
        "title": clean_text(title),
        "description": _BRON.sub("", desc) if ":" in desc else desc,
        "location": clean_text(location_text, 500),
        "label": clean_text(type_label, 200),
    }
    loc = texts["location"].strip()
    qualifier, postal, no_place_loc = _location_facts(loc) if loc else (False, None, False)
    if qualifier and texts["title"]:
        # "Werkbezoek Hengelo (Gld)" split as a roll-up bullet: the "(Gld)" qualifies the title's last name
        texts["title"], texts["location"], loc = f"{texts['title']} ({loc})", "", ""
        postal, no_place_loc = None, False
    if postal:
        texts["location"], loc = "", ""
    envoys: list[Mention] = []
    mentions = collect_mentions(texts, gaz, memo, envoys, _scans(texts, body))
    if not mentions:
        if postal:
            return Located(None, "none", 0.0, f"locatieveld is een {postal}; geen plaats in de tekst")
        if no_place_loc:
            return Located(None, "none", 0.0, f'locatie "{loc[:60]}" is geen plaats; geen plaats in de tekst')
        return NOWHERE
    choices = _choose_all(mentions, envoys, gaz)
    if len(mentions) == 1:  # one mention: no ranking needed (the usual case)
        m = mentions[0]
        place, note = choices[0]
    else:
        scored = []
        for m, (place, note) in zip(mentions, choices):
            scored.append((_score(m, place) + _visit_bonus(m, texts), m, place, note))
        scored.sort(key=lambda item: -item[0])
        _, m, place, note = _refine(scored, gaz)
    if place.kind == "institution":
        digital = _DIGITAL.search(f"{texts['title']} {loc}")
        if digital or no_place_loc or _PREP_ONLY.match(texts["title"]):
            why = digital.group(0).lower() if digital else (loc[:40] if no_place_loc else "voorbereiding")
            return Located(None, "none", 0.0, f'"{m.text}" zou een vaste plek geven, maar de activiteit is: {why}')
    remote = _remote(f"{texts['title']} {loc}") if m.field != "location" else None
    if remote:
        return Located(
            None, "none", 0.0, f'"{m.text}" genoemd, maar de activiteit is op afstand: {remote.group(0).lower()}'
        )
    if m.prep in _GEMEENTE_WORDS or place.kind == "land":
        place, note = _sharpen(m, place, note, texts, gaz)
    return _located(m, place, note, gaz)


def _refine(scored: list[tuple], gaz: Gazetteer) -> tuple:
    """A region/province/country beaten by a named place inside it ("Enschede (Twente)" -> Enschede); a town
    beaten by a venue named in it ("RIVM", location "Bilthoven" -> RIVM); an organisation in the location field
    beaten by a town there in another gemeente (organisations move, the town is what the page says)."""
    best = scored[0]
    kind = best[2].kind
    if kind in ("venue", "org") and best[2].gm_code:
        town = _town_after(best, scored)
        if town:  # "Van Hall Larenstein in Velp": the site in that town (an organisation: the town itself)
            return town if kind == "org" else (town[0], best[1], _site(best[2], town[2], gaz), best[3])
    if kind == "org" and best[1].field == "location":  # "Zoetermeer (Ministerie van OCW)": the town named
        towns = [
            s
            for s in scored[1:]
            if s[1].field == "location"
            and s[2].kind in ("woonplaats", "gemeente")
            and s[2].gm_code
            and s[2].gm_code != best[2].gm_code
        ]
        return towns[0] if towns else best
    if kind in ("regio", "provincie", "land"):
        inside = [
            s
            for s in scored[1:]
            if _SPECIFIC[s[2].kind] > _SPECIFIC[kind] and _contains(best[2], s[2]) and s[2].kind != "institution"
        ]
        return inside[0] if inside else best
    if kind in ("woonplaats", "gemeente", "stad"):
        venues = [
            s
            for s in scored[1:]
            if s[2].kind in ("venue", "org")
            and s[2].gm_code == best[2].gm_code
            and (s[2].gm_code or s[2].country == best[2].country != "NL")
        ]
        if venues:
            return venues[0]
        if kind == "gemeente":  # "Loppersum, gemeente Eemsdelta" -> the woonplaats named in it
            towns = [
                s
                for s in scored[1:]
                if s[2].kind == "woonplaats"
                and s[2].gm_code == best[2].gm_code
                and (s[1].field == best[1].field or _qualifies(best[1]))
            ]
            if towns:
                return towns[0]
        if best[2].name in _PROVINCE_CITIES:  # "… in de Eemshaven (Groningen)": the province is meant
            inside = [
                s
                for s in scored[1:]
                if s[2].province == best[2].province
                and s[2].gm_code
                and s[2].gm_code != best[2].gm_code
                and s[2].kind in ("venue", "woonplaats", "gemeente")
            ]
            if inside:
                return inside[0]
    return best


_PROVINCE_CITIES = word_set("province_city")
_SITE_PREPS = word_set("site_prep")  # "Zuyd Hogeschool in Sittard": the venue's site in that town
_SITE_GAP = _THRESHOLD["site_gap"]  # characters between a venue and "in <town>" ("NAM-locatie in Farmsum")


def _town_after(best: tuple, scored: list[tuple]) -> tuple | None:
    """A Dutch town in another gemeente named with "in" right after the venue or organisation, in the same field:
    "Zuyd Hogeschool in Sittard", "het Gasunie-terrein in Zuidbroek" (a site away from the main one)."""
    v = best[1]
    for s in scored[1:]:
        m, p = s[1], s[2]
        if (
            m.field == v.field
            and m.prep in _SITE_PREPS
            and 0 <= m.start - v.end <= _SITE_GAP
            and p.country == "NL"
            and p.kind in ("woonplaats", "gemeente")
            and p.gm_code
            and p.gm_code != best[2].gm_code
        ):
            return s
    return None


def _site(venue: Place, town: Place, gaz: Gazetteer) -> Place:
    """The venue's site in another town: its label with that town's name, gemeente and centre (one object per
    pair, so the memo of Located keeps working)."""
    key = (venue.name, venue.key, town.name, town.gm_code)
    site = gaz.memo.sites.get(key)
    if site is None:
        label = venue.name.split(", ")[0]
        site = gaz.memo.put(
            "sites",
            key,
            replace(
                venue,
                name=f"{label}, {town.name}",
                gm_code=town.gm_code,
                gemeente=town.gemeente or town.name,
                province=town.province,
                lat=town.lat,
                lon=town.lon,
            ),
        )
    return site


def _qualifies(m: Mention) -> bool:
    """A gemeente in parentheses or the location field qualifies a town named in the text:
    "Driebergen (Utrechtse Heuvelrug)" -> Driebergen."""
    return m.in_parens or m.field in ("location", "paren_end", "paren")


_GEMEENTE_WORDS = word_set("gemeente_word")  # "gemeente Uden": the gemeente itself
_CITY_BEFORE = re.compile(r"([A-Z\u00c0-\u024f][\w'’.\u00c0-\u024f-]+(?: [A-Z\u00c0-\u024f][\w'’.-]+)?)\s*[,(]\s*$")


def _sharpen(m: Mention, place: Place, note: str, texts: dict[str, str], gaz: Gazetteer) -> tuple[Place, str]:
    """ "gemeente Uden" -> the gemeente itself; "Belém, Brazilië" -> a town abroad the gazetteer lacks."""
    if m.prep in _GEMEENTE_WORDS and place.kind == "woonplaats" and place.gm_code:
        gem = next((p for p in gaz.lookup(place.gemeente or "") if p.kind == "gemeente"), None)
        if gem is not None:
            return gem, "\"gemeente\" ervoor"
    if place.kind == "land":
        before = _CITY_BEFORE.search(texts[_SOURCE[m.field]][: m.start])
        if before and not gaz.lookup(before.group(1)):
            city = Place(before.group(1), "stad", country=place.country, lat=place.lat, lon=place.lon)
            return city, f'"{before.group(1)}" voor het land: plaats buiten de gazetteer (punt van het land)'
    return place, note


_KIND_WORDS = {
    "institution": "instelling/vaste plek",
    "venue": "locatie",
    "org": "organisatie, bezocht",
    "regio": "regio",
    "provincie": "provincie",
    "land": "land",
    "stad": "plaats buitenland",
}


def _located(m: Mention, place: Place, note: str, gaz: Gazetteer) -> Located:
    """Mention + place -> Located, remembered: the same words for the same place recur in unique texts.

    The key holds id(place); the remembered Located holds the place itself, so that id is not reused while
    the entry lives."""
    key = (m.text, m.field, m.prep, id(place), note)
    found = gaz.memo.located.get(key)
    if found is None or found.place is not place:
        found = gaz.memo.put("located", key, _make_located(m, place, note))
    return found


def _make_located(m: Mention, place: Place, note: str) -> Located:
    """Mention + place -> Located with confidence and reason."""
    conf = _FIELD_CONF.get(m.field, _FIELD_CONF["default"])
    if m.prep and m.prep not in WEAK_PREPS and m.field in ("title", "description"):
        conf = min(_CONF["prep_cap"], conf + _CONF["prep_bonus"])
    if place.kind == "institution":
        conf = _CONF["institution"]
    elif place.kind in ("regio", "provincie", "land"):
        conf = min(conf, _CONF["area_cap"])
    if note.startswith("meerdere"):
        conf *= _CONF["several"]
    if place.gm_code:
        where = f"{place.gemeente} ({place.gm_code})"
    else:
        where = place.country if place.kind in ("stad", "land") else ""
    reason = f'"{m.text}" {_FIELD_WORDS.get(m.field, "")} ({_KIND_WORDS.get(place.kind, place.kind)}) -> {place.name}'
    if where and not place.name.endswith(where.split(" (")[0]):
        reason += f", {where}"
    elif place.gm_code:
        reason += f" ({place.gm_code})"
    if note:
        reason += f"; {note}"
    return Located(place, PRECISION[place.kind], round(conf, 2), reason, m.text)
