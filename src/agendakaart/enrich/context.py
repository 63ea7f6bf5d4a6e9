"""Context rules as data (data/context_rules.csv), run by one interpreter after the place is resolved.

apply_context(located, title="Commissiedebat … in Urk", …) -> Located(Tweede Kamer, Den Haag, "Kamer-activiteit: …")
Each row: id, effect (kamer | not_kamer | subject | leader | not_here | site | …), pattern, reason, examples that must and must
not fire, condition (not_here only). The not_here rows are asked by location.py, per name, before a place is chosen:
name_not_here("Gesprek over de toekomst van ", …) -> the row "over-van" (the name after it is a subject).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from agendakaart.enrich.gazetteer import Gazetteer, Place
from agendakaart.enrich import location  # a module reference: location.py asks this module in turn
from agendakaart.enrich.regions import data_path
from agendakaart.enrich.text import fold_name
from agendakaart.enrich.weights import weight
from agendakaart.enrich.words import alternation

RULES_FILE = "context_rules.csv"
EFFECTS = (
    "kamer",
    "not_kamer",
    "subject",
    "leader",
    "not_here",
    "surname",
    "whom",
    "not_area",
    "area_part",
    "address",
    "qualifier",
    "site",
)
# when a not_here or whom row holds or applies; the mechanisms are location.py's (what counts as a visit, a place
# word in a name, which kinds a name can be)
CONDITIONS = {
    "not_here": ("", "unless_visit", "org_with_place_word", "institution"),
    "surname": ("", "not_route", "surname_word"),
    "whom": ("country", "province"),
    "qualifier": ("compact", "stripped"),
}
# effects whose patterns carry their own flags (capitals count; a qualifier row matches a lower-cased field)
_AS_WRITTEN = ("not_here", "surname", "whom", "address", "qualifier")
_ROLE = re.compile(r"\{\{(\w+)\}\}")  # "{{org_head}}" in a pattern -> that role's words (context_words.csv)
_CASE_ODD = re.compile(r"[isk]")
KAMER_CONFIDENCE = weight("conf", "kamer")  # in the Kamer by its nature, no place named: lower than a name
LEADER_CONFIDENCE = weight("conf", "leader")  # a foreign leader visited, no place named: their country
_SEGMENTS = re.compile(r"\s*[|–—]\s*|\s+-\s+")  # "di 4 nov | Commissiedebat …": each part may start the activity
_SUBJECT_WINDOW = weight("window", "subject")  # characters before the place a subject row may discard
_SURNAME_WINDOW = weight("window", "surname")  # characters before the name a surname row looks at


@dataclass(frozen=True)
class ContextRule:
    id: str
    effect: str
    pattern: re.Pattern
    reason: str
    fires: tuple[str, ...]
    not_fires: tuple[str, ...]
    condition: str = ""


@lru_cache(maxsize=1)
def load_context_rules() -> tuple[ContextRule, ...]:
    """context_rules.csv -> rules in file order (checked: known effect, groups the effect needs, examples)."""
    with open(data_path(RULES_FILE), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(ln for ln in fh if ln.strip() and not ln.startswith("#")))
    out = []
    for row in rows:
        rule = ContextRule(
            row["id"],
            row["effect"],
            _pattern(row["effect"], row["pattern"]),
            row["reason"],
            _examples(row["fires"]),
            _examples(row["not_fires"]),
            (row.get("condition") or "").strip(),
        )
        need = {"subject": "place", "leader": "country"}.get(rule.effect)
        if rule.effect not in EFFECTS or (need and need not in rule.pattern.groupindex):
            raise ValueError(f"{RULES_FILE}: rule {rule.id}: effect {rule.effect} or its group is wrong")
        if rule.condition not in CONDITIONS.get(rule.effect, ("",)) or (
            rule.effect == "qualifier" and not rule.condition
        ):
            raise ValueError(f"{RULES_FILE}: rule {rule.id}: condition {rule.condition!r} is unknown here")
        if not rule.fires or not rule.not_fires:
            raise ValueError(f"{RULES_FILE}: rule {rule.id} needs an example that fires and one that does not")
        out.append(rule)
    return tuple(out)


def _pattern(effect: str, text: str) -> re.Pattern:
    """A row's pattern: case-insensitive, except not_here and whom rows, which say with inline flags where capitals
    count (an organisation's or a portfolio's name is capitalised); {{role}} becomes that role's words."""
    text = _ROLE.sub(lambda m: alternation(m.group(1)), text)
    return re.compile(text) if effect in _AS_WRITTEN else re.compile(text, re.I)


def required_literal(pattern: re.Pattern, keep_case: bool = False) -> str:
    """The longest run of literal characters that every match of the pattern holds, in lower case and without
    i, s or k (their case-blind matches include İ, ſ, K), for a pre-check derived from the rule itself:
    r"(?i)\bover\\s+…" -> "over". "" when the pattern has none. `keep_case`: the run as written, for a pattern
    with no case-blind part (r"[A-Z]\\w*\\s+Van\\s+$" -> "Van"; to be looked for in the text as it is)."""
    from re import _constants as c, _parser

    runs, run = [], []

    def walk(items) -> None:
        nonlocal run
        for op, av in items:
            if op is c.LITERAL:
                run.append(chr(av))
            elif op is c.AT:  # zero-width (\b, ^, $): the run goes on
                continue
            elif op is c.SUBPATTERN:  # a group without a quantifier: its items are mandatory, in sequence
                walk(av[-1])
            else:
                runs.append("".join(run))
                run = []

    walk(_parser.parse(pattern.pattern, pattern.flags))
    runs.append("".join(run))
    if keep_case and not pattern.flags & re.I and "(?i" not in pattern.pattern:
        return max(runs, key=len, default="")
    pieces = [piece for r in runs for piece in _CASE_ODD.split(r.lower())]
    return max(pieces, key=len, default="")


@dataclass(frozen=True)
class _NotHere:
    rules: tuple[ContextRule, ...]
    stems: tuple[str, ...]  # per rule: required_literal, a piece of text every match holds
    any_stems: tuple[str, ...]  # the distinct stems: a clause holding none of them meets no rule


@lru_cache(maxsize=1)
def _not_here_rules() -> _NotHere:
    rules = tuple(r for r in load_context_rules() if r.effect == "not_here")
    stems = tuple(required_literal(r.pattern) for r in rules)
    for rule, stem in zip(rules, stems):
        if not stem:
            raise ValueError(f"{RULES_FILE}: rule {rule.id} has no literal text for its pre-check")
    return _NotHere(rules, stems, tuple(dict.fromkeys(stems)))


def may_be_not_here(before: str) -> bool:
    """Cheap test, derived from the not_here rows: can any of them hold for a name after `before` (lower case)?"""
    for stem in _not_here_rules().any_stems:  # a loop, not any(…): this runs for most names
        if stem in before:
            return True
    return False


def name_not_here(clause: str, holds: Callable[[str], bool]) -> ContextRule | None:
    """The first not_here row whose pattern is found in `clause` (the words before a name, in its clause) and
    whose condition holds (`holds(condition)`, asked only for a row that matched), or None."""
    table = _not_here_rules()
    low = clause.lower()
    for rule, stem in zip(table.rules, table.stems):
        if stem in low and rule.pattern.search(clause) and (not rule.condition or holds(rule.condition)):
            return rule
    return None


@lru_cache(maxsize=1)
def _surname_rules() -> tuple[tuple[ContextRule, str], ...]:
    rules = tuple(
        (r, required_literal(r.pattern, keep_case=True)) for r in load_context_rules() if r.effect == "surname"
    )
    for rule, literal in rules:
        if not literal:
            raise ValueError(f"{RULES_FILE}: rule {rule.id} has no literal text for its pre-check")
    return rules


def name_in_surname(text: str, start: int, holds: Callable[[str], bool]) -> ContextRule | None:
    """The first surname row found in the 60 characters before text[start] whose condition holds, or None:
    "Museum Boijmans Van Beuningen" -> the row "van-achternaam" for "Beuningen". Each row's required literal, as
    written ("Van"), is looked for first (speed only)."""
    window = text[max(0, start - _SURNAME_WINDOW) : start]
    for rule, literal in _surname_rules():
        if literal in window and rule.pattern.search(window) and (not rule.condition or holds(rule.condition)):
            return rule
    return None


@lru_cache(maxsize=1)
def _whom_rules() -> tuple[ContextRule, ...]:
    return tuple(r for r in load_context_rules() if r.effect == "whom")


def name_is_whom(window_for: Callable[[str], str | None]) -> ContextRule | None:
    """The first whom row whose condition applies to the name decides: `window_for(condition)` gives the text
    before the name that the row looks at, or None when the condition does not apply; the row when its pattern
    is found there, else None."""
    for rule in _whom_rules():
        window = window_for(rule.condition)
        if window is not None:
            return rule if rule.pattern.search(window) else None
    return None


@lru_cache(maxsize=1)
def _area_rules() -> tuple[ContextRule, ...]:
    return tuple(r for r in load_context_rules() if r.effect == "not_area")


def area_adjective_not_here(text: str, start: int) -> ContextRule | None:
    """The first not_area row found in text[:start], the words before an area adjective ("overleg met Limburgse
    boeren": whom, not where), or None."""
    for rule in _area_rules():
        if rule.pattern.search(text, 0, start):
            return rule
    return None


@lru_cache(maxsize=1)
def _area_part_rules() -> tuple[tuple[ContextRule, str], ...]:
    return tuple((r, required_literal(r.pattern)) for r in load_context_rules() if r.effect == "area_part")


def area_part_possible(text: str, start: int, end: int) -> bool:
    """Cheap test, derived from the area_part rows: does text[start:end] hold a row's required literal?"""
    for _, literal in _area_part_rules():
        if text.find(literal, start, end) >= 0:
            return True
    return False


def names_area_part(window: str) -> ContextRule | None:
    """The first area_part row found in `window` (the words just before a name: "Werkbezoek aan Zuidoost-"), or
    None; each row's required literal ("-") is looked for first (speed only)."""
    for rule, literal in _area_part_rules():
        if literal in window and rule.pattern.search(window):
            return rule
    return None


@lru_cache(maxsize=1)
def _address_rules() -> tuple[ContextRule, ...]:
    return tuple(r for r in load_context_rules() if r.effect == "address")


def address_cut(location_text: str) -> tuple[ContextRule, int] | None:
    """Where the street part of an address ends in a location field: the first address row found and the end of
    its match ("Lange Voorhout 34, 2514 EG Den Haag" -> the postcode row, after "2514 EG"), or None."""
    for rule in _address_rules():
        found = rule.pattern.search(location_text)
        if found:
            return rule, found.end()
    return None


@lru_cache(maxsize=1)
def _qualifier_rules() -> tuple[ContextRule, ...]:
    return tuple(r for r in load_context_rules() if r.effect == "qualifier")


def location_qualifier(location_text: str) -> ContextRule | None:
    """The first qualifier row that the whole location field matches, read as its condition says: compact
    (spaces, brackets and dots taken out, lower case: "N.H." -> "nh") or stripped (brackets, dots and spaces
    around taken off, lower case: "(provincie)" -> "provincie"); None when the field is more than a qualifier."""
    stripped = location_text.strip(" ().")
    compact = None
    for rule in _qualifier_rules():
        if rule.condition == "compact":
            if compact is None:
                compact = stripped.replace(".", "").replace(" ", "").lower()
            text = compact
        else:
            text = stripped.lower()
        if rule.pattern.fullmatch(text):
            return rule
    return None


def _examples(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


@dataclass(frozen=True)
class _Compiled:
    """The rules grouped by effect, with one pattern for all kamer rows (their first-match test per title)."""

    kamer_any: re.Pattern | None
    kamer: tuple[ContextRule, ...]
    not_kamer: tuple[ContextRule, ...]
    subject: tuple[ContextRule, ...]
    leader: tuple[ContextRule, ...]
    site: tuple[ContextRule, ...] = ()


@lru_cache(maxsize=1)
def _default() -> _Compiled:
    return _compiled(load_context_rules())


def _compiled(rules: tuple[ContextRule, ...]) -> _Compiled:
    by = {e: tuple(r for r in rules if r.effect == e) for e in EFFECTS}
    starts = "|".join(f"(?:{r.pattern.pattern.removeprefix('^')})" for r in by["kamer"])
    # at the start of the title or of a part after a bar or dash: one search per title for all kamer rows
    any_kamer = re.compile(rf"(?:^|[|–—]|\s-\s)\s*(?:{starts})", re.I) if by["kamer"] else None
    # not_here: location.py
    return _Compiled(any_kamer, by["kamer"], by["not_kamer"], by["subject"], by["leader"], by["site"])


def apply_context(
    located: location.Located,
    title: str | None,
    description: str | None,
    location_text: str | None,
    gaz: Gazetteer,
    rules: tuple[ContextRule, ...] | None = None,
) -> location.Located:
    """The resolved place, corrected by the first context rule that acts on it (or unchanged): kamer rules
    first, then subject, then leader, each in file order."""
    c = _default() if rules is None else _compiled(rules)
    title = title or ""
    text = f"{title} {description}" if description else title
    if c.kamer_any is not None and title and not (location_text and located.place is not None):
        if c.kamer_any.search(title) and not _elsewhere(title, location_text):
            parts = _SEGMENTS.split(title)
            for rule in c.kamer:
                found = _kamer(rule, located, parts, text, gaz, c.not_kamer)
                if found is not None:
                    return found
    if located.place is not None and located.place.country != "NL" and located.evidence:  # a country abroad
        for rule in c.subject:
            found = _subject(rule, located, text, gaz)
            if found is not None:
                return found
    elif located.place is None:
        for rule in c.leader:
            found = _leader(rule, located, text, gaz)
            if found is not None:
                return found
    return _named_site(c.site, located, text) or located


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


def _kamer(rule, located, parts, text, gaz, exceptions) -> location.Located | None:
    """A Kamer activity with no place in the location field: the Kamer, Den Haag."""
    if not any(rule.pattern.match(part) for part in parts if part):
        return None
    if any(r.pattern.search(text) for r in exceptions):
        return None
    house = "Eerste Kamer" if "eerste kamer" in text.lower() else "Tweede Kamer"
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


def _venue(gaz: Gazetteer, name: str) -> Place | None:
    return next((p for p in gaz.lookup(name) if p.kind == "venue" and p.gm_code), None)


def _remember(gaz: Gazetteer, key: tuple, make) -> location.Located:
    """(rule id, what it found) -> the one Located for it, in the gazetteer's memo (results downstream are
    remembered by the Located object they hold)."""
    found = gaz.memo.context.get(key)
    if found is None:
        found = gaz.memo.put("context", key, make())
    return found
