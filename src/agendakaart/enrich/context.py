"""Context rules as data (data/context_rules.csv): the rows that correct a resolved place, run by one interpreter.

apply_context(located, title="Commissiedebat … in Urk", …) -> Located(Tweede Kamer, Den Haag, "Kamer-activiteit: …")
Each row: id, effect (kamer | not_kamer | house | subject | leader | default_place | site | …), pattern, reason, examples that must and must
not fire, condition (for the effects that have one), value (house: the venue). The rows are loaded and checked by
context_rows.py, which also answers the rows asked per name while the names are collected (not_here, surname, whom,
skip_mention, …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from agendakaart.enrich import location  # a module reference: Located, and what counts as no place or remote
from agendakaart.enrich.context_rows import EFFECTS, ContextRule, kamer_house, load_context_rules
from agendakaart.enrich.gazetteer import Gazetteer, Place
from agendakaart.enrich.text import fold_name
from agendakaart.enrich.weights import weight
from agendakaart.enrich.words import word_values

KAMER_CONFIDENCE = weight("conf", "kamer")  # in the Kamer by its nature, no place named: lower than a name
LEADER_CONFIDENCE = weight("conf", "leader")  # a foreign leader visited, no place named: their country
DEFAULT_CONFIDENCE = weight("conf", "default_place")  # where such an activity usually is, no place named
_SEGMENTS = re.compile(r"\s*[|–—]\s*|\s+-\s+")  # "di 4 nov | Commissiedebat …": each part may start the activity
_SUBJECT_WINDOW = weight("window", "subject")  # characters before the place a subject row may discard
# "Franse" -> "Frankrijk": a leader row's group may hold a nationality adjective (context_words.csv)
_ADJECTIVE_COUNTRY = {fold_name(a): c for a, c in word_values("country_adjective").items()}


@dataclass(frozen=True)
class _Compiled:
    """The rules grouped by effect, with one pattern for all kamer rows (their first-match test per title)."""

    kamer_any: re.Pattern | None
    kamer: tuple[ContextRule, ...]
    not_kamer: tuple[ContextRule, ...]
    subject: tuple[ContextRule, ...]
    leader: tuple[ContextRule, ...]
    house: tuple[ContextRule, ...]
    default_place: tuple[ContextRule, ...]
    site: tuple[ContextRule, ...] = ()
    leader_any: re.Pattern | None = None  # one search for all leader rows (speed: most texts name no leader)
    default_any: re.Pattern | None = None  # the same for the default_place rows
    site_any: re.Pattern | None = None  # the site rows' words anywhere in the text (their patterns end at a name)


@lru_cache(maxsize=1)
def _default() -> _Compiled:
    return _compiled(load_context_rules())


def _compiled(rules: tuple[ContextRule, ...]) -> _Compiled:
    by = {e: tuple(r for r in rules if r.effect == e) for e in EFFECTS}
    starts = "|".join(f"(?:{r.pattern.pattern.removeprefix('^')})" for r in by["kamer"])
    # at the start of the title or of a part after a bar or dash: one search per title for all kamer rows
    any_kamer = re.compile(rf"(?:^|[|–—]|\s-\s)\s*(?:{starts})", re.I) if by["kamer"] else None
    # the not_here, surname, whom, … rows are asked by location.py and mentions.py
    return _Compiled(
        any_kamer,
        by["kamer"],
        by["not_kamer"],
        by["subject"],
        by["leader"],
        by["house"],
        by["default_place"],
        by["site"],
        _any_of(by["leader"]),
        _any_of(by["default_place"]),
        _any_of(by["site"], anchored_end=True),
    )


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


def _any_of(rows: tuple[ContextRule, ...], anchored_end: bool = False) -> re.Pattern | None:
    """One pattern that matches where any of the rows' patterns (all case-blind, as their effect compiles them)
    matches: a text it does not match needs no row of them (speed only; the rows decide as before). anchored_end:
    the rows end in "$" (they look at the words before a name): here they may stand anywhere in the text."""
    if not rows:
        return None
    parts = []
    for r in rows:
        text = _GROUP_NAME.sub("(?:", r.pattern.pattern).removeprefix("(?i)")  # the whole is case-blind
        if anchored_end:
            text = text.removesuffix("$")
        parts.append(f"(?:{text})")
    return re.compile("|".join(parts), re.I)


def apply_context(
    located: location.Located,
    title: str | None,
    description: str | None,
    location_text: str | None,
    gaz: Gazetteer,
    rules: tuple[ContextRule, ...] | None = None,
) -> location.Located:
    """The resolved place, corrected by the first context rule that acts on it (or unchanged): kamer rules
    first, then subject, then leader, then default_place, each in file order; last, a site row may say that a
    town names a site in it (precision venue)."""
    c = _default() if rules is None else _compiled(rules)
    title = title or ""
    text = f"{title} {description}" if description else title
    if c.kamer_any is not None and title and not (location_text and located.place is not None):
        if c.kamer_any.search(title) and not _elsewhere(title, location_text):
            parts = _SEGMENTS.split(title)
            for rule in c.kamer:
                found = _kamer(rule, located, parts, text, gaz, c)
                if found is not None:
                    return found
    if located.place is not None and located.place.country != "NL" and located.evidence:  # a country abroad
        for rule in c.subject:
            found = _subject(rule, located, text, gaz)
            if found is not None:
                return found
    elif located.place is None:
        if c.leader_any is not None and c.leader_any.search(text):
            for rule in c.leader:
                found = _leader(rule, located, text, gaz)
                if found is not None:
                    return found
        if c.default_any is not None and c.default_any.search(text) and not _elsewhere(title, location_text):
            for rule in c.default_place:
                found = _default_place(rule, text, gaz)
                if found is not None:
                    return found
    if c.site_any is not None and located.precision == "woonplaats" and c.site_any.search(text):
        return _named_site(c.site, located, text) or located
    return located


_SITE_WINDOW = 40  # characters before the place name that a site row looks at


def _named_site(rules: tuple[ContextRule, ...], located: location.Located, text: str) -> location.Located | None:
    """A town named right after a generic site word ("azc Zweeloo": no "in" between) names that site: precision
    venue, the place unchanged; the first site row whose pattern ends right before the name decides."""
    if not rules or located.place is None or located.precision != "woonplaats" or not located.evidence:
        return None
    start = text.find(located.evidence)
    while start >= 0:
        before = text[max(0, start - _SITE_WINDOW) : start]
        for rule in rules:
            if rule.pattern.search(before):
                return replace(located, precision="venue", reason=f"{located.reason}; {rule.reason}")
        start = text.find(located.evidence, start + 1)
    return None


def _elsewhere(title: str, location_text: str | None) -> bool:
    """The activity is held online or remotely, or the location field says it is no place: not in the Kamer."""
    return bool((location_text and location._is_no_place(location_text)) or location._remote(title))


def _kamer(rule, located, parts, text, gaz, c: _Compiled) -> location.Located | None:
    """A Kamer activity with no place in the location field: the Kamer (the first house row found), Den Haag."""
    if not any(rule.pattern.match(part) for part in parts if part):
        return None
    if any(r.pattern.search(text) for r in c.not_kamer):
        return None
    found = kamer_house(text, c.house)
    if found is None:
        return None
    house = found.value
    place = _venue(gaz, house)
    if place is None:
        return None
    subject = (
        f'; "{located.evidence}" is het onderwerp'
        if located.place is not None and located.place is not place and located.evidence
        else ""
    )
    return _remember(
        gaz,
        (rule.id, place.name, subject),
        lambda: location.Located(place, "venue", KAMER_CONFIDENCE, f"{rule.reason} -> {place.name}{subject}", house),
    )


def _subject(rule, located, text, gaz) -> location.Located | None:
    """ "steun aan Oekraïne": the place found is what the activity is about -> no place."""
    if located.place is None or not located.evidence:
        return None
    at = text.find(located.evidence)
    if at < 0:
        return None
    window = text[max(0, at - _SUBJECT_WINDOW) : at + len(located.evidence)]  # the words just before the place
    for m in rule.pattern.finditer(window):
        said = fold_name(located.evidence)
        if fold_name(m.group("place")) == said or fold_name(m.group("place")).startswith(said + " "):
            return _remember(
                gaz,
                (rule.id, said),
                lambda: location.Located(
                    None, "none", 0.0, f'"{located.evidence}": {rule.reason}; geen plaats', located.evidence
                ),
            )
    return None


def _leader(rule, located, text, gaz) -> location.Located | None:
    """ "Bezoek aan de president van Frankrijk" with no place found: Frankrijk (country precision)."""
    if located.place is not None:
        return None
    for m in rule.pattern.finditer(text):
        words = m.group("country")
        words = _ADJECTIVE_COUNTRY.get(fold_name(words), words)
        for name in (words, words.split()[0]):
            country = next((p for p in gaz.lookup(name) if p.kind == "land" and p.country != "NL"), None)
            if country is not None:
                return _remember(
                    gaz,
                    (rule.id, country.name),
                    lambda: location.Located(
                        country,
                        "land",
                        LEADER_CONFIDENCE,
                        f'"{name}": {rule.reason} -> {country.name}, {country.country}',
                        name,
                    ),
                )
    return None


def _default_place(rule, text, gaz) -> location.Located | None:
    """ "Receptie op de ambassade van Frankrijk" with no place found: where such an activity is held (the row's
    value, "Den Haag"), at a lower confidence than a name in the text."""
    m = rule.pattern.search(text)
    if m is None:
        return None
    place = next((p for p in gaz.lookup(rule.value) if p.gm_code), None)
    if place is None:
        return None
    precision = "venue" if place.kind == "venue" else "woonplaats"
    return _remember(
        gaz,
        (rule.id, place.name, m.group(0)),
        lambda: location.Located(
            place, precision, DEFAULT_CONFIDENCE, f'"{m.group(0)}": {rule.reason} -> {place.name}', m.group(0)
        ),
    )


def _venue(gaz: Gazetteer, name: str) -> Place | None:
    return next((p for p in gaz.lookup(name) if p.kind == "venue" and p.gm_code), None)


def _remember(gaz: Gazetteer, key: tuple, make) -> location.Located:
    """(rule id, what it found) -> the one Located for it, in the gazetteer's memo (results downstream are
    remembered by the Located object they hold)."""
    found = gaz.memo.context.get(key)
    if found is None:
        found = gaz.memo.put("context", key, make())
    return found
