"""The rows of data/context_rules.csv: loaded and checked once, and the questions the name finders ask of them.

load_context_rules() -> (ContextRule(id="kamer-debat", effect="kamer", …), …), in file order, each checked (a known
effect, the groups and condition it needs, an example that fires and one that does not).
The rows asked per name while the names are collected (mentions.py, location.py) are answered here:
name_not_here("Gesprek over de toekomst van ", …) -> the row "over-van" (the name after it is a subject);
kamer_house("stemmingen in de eerste kamer") -> the row "eerste-kamer". The rows that correct a resolved place
(kamer, subject, leader) are run by context.apply_context. This module imports no other rule module, so that
mentions.py can ask it in its inner loop.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from agendakaart.enrich.regions import data_path
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
    "house",
    "area_adjective",
    "skip_mention",
    "default_place",
    "site",
)
# when a not_here or whom row holds or applies; the mechanisms are location.py's (what counts as a visit, a place
# word in a name, which kinds a name can be)
CONDITIONS = {
    "not_here": ("", "unless_visit", "org_with_place_word", "institution"),
    "surname": ("", "not_route", "surname_word"),
    "whom": ("country", "province"),
    "qualifier": ("compact", "stripped"),
    "area_adjective": ("", "next_word_lowercase"),
    "skip_mention": ("", "capitalised_mid_sentence"),
}
# effects whose patterns carry their own flags (capitals count; a qualifier row matches a lower-cased field)
_AS_WRITTEN = ("not_here", "surname", "whom", "address", "qualifier", "house", "area_adjective", "skip_mention")
_ROLE = re.compile(r"\{\{(\w+)\}\}")  # "{{org_head}}" in a pattern -> that role's words (context_words.csv)
_CASE_ODD = re.compile(r"[isk]")
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
    value: str = ""  # what the row gives (house: the venue's name; default_place: the place's name)


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
            (row.get("value") or "").strip(),
        )
        _check_row(rule)
        out.append(rule)
    _check_defaults_last(out)
    return tuple(out)


def _check_row(rule: ContextRule) -> None:
    """A row's effect, the groups and condition it needs, its examples and its value are right, or a ValueError."""
    need = {"subject": "place", "leader": "country"}.get(rule.effect)
    if rule.effect not in EFFECTS or (need and need not in rule.pattern.groupindex):
        raise ValueError(f"{RULES_FILE}: rule {rule.id}: effect {rule.effect} or its group is wrong")
    if rule.condition in _NEEDS_GROUP and rule.pattern.groups < 1:
        raise ValueError(f"{RULES_FILE}: rule {rule.id}: condition {rule.condition} reads group 1, which it lacks")
    if rule.condition not in CONDITIONS.get(rule.effect, ("",)) or (rule.effect == "qualifier" and not rule.condition):
        raise ValueError(f"{RULES_FILE}: rule {rule.id}: condition {rule.condition!r} is unknown here")
    if not rule.fires or not rule.not_fires:
        raise ValueError(f"{RULES_FILE}: rule {rule.id} needs an example that fires and one that does not")
    if (rule.effect in _VALUED) != bool(rule.value):
        raise ValueError(f"{RULES_FILE}: rule {rule.id}: a value belongs to {', '.join(_VALUED)} rows only")


_VALUED = ("house", "default_place")  # effects whose rows give a value (a venue or place name)
_NEEDS_GROUP = ("next_word_lowercase",)  # conditions that read the pattern's group 1
_ALWAYS = "^"  # a default row's pattern: found in every text


def _check_defaults_last(rules: list[ContextRule]) -> None:
    """A house row after the default house row (pattern ^) would never be reached: an error at load."""
    seen_default = False
    for rule in rules:
        if rule.effect != "house":
            continue
        if seen_default:
            raise ValueError(f"{RULES_FILE}: rule {rule.id} comes after the default house row and is never reached")
        seen_default = rule.pattern.pattern == _ALWAYS


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
    """The first whom row whose condition applies to the name and whose pattern is found decides:
    `window_for(condition)` gives the text before the name that the row looks at, or None when the condition does
    not apply; the row, else None."""
    windows: dict[str, str | None] = {}
    for rule in _whom_rules():
        if rule.condition not in windows:
            windows[rule.condition] = window_for(rule.condition)
        window = windows[rule.condition]
        if window is not None and rule.pattern.search(window):
            return rule
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
def _adjective_rules() -> tuple[ContextRule, ...]:
    return tuple(r for r in load_context_rules() if r.effect == "area_adjective")


def area_adjective_counts(text: str, end: int) -> ContextRule | None:
    """The first area_adjective row that acts right after an area adjective ending at text[end] (its pattern
    matches there and its condition holds), or None: "de Zeeuwse kust" -> the row "gebied-bijvoeglijk" (the next
    word is lower case); "de Zeeuwse Milieufederatie", "Zeeuwse" at the end -> None (no place)."""
    for rule in _adjective_rules():
        found = rule.pattern.match(text, end)
        if found is not None and (rule.condition != "next_word_lowercase" or found.group(1).islower()):
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


@dataclass(frozen=True)
class _Skips:
    rules: tuple[ContextRule, ...]
    words: tuple[frozenset[str] | None, ...]  # per rule: its pattern's words when it is plain words (a|b|c)
    any_word: frozenset[str]  # the words of all plain rows: a name after another word meets none of them
    patterned: bool  # a row is a real regular expression: every word must be tried against it


@lru_cache(maxsize=1)
def skip_table() -> _Skips:
    """The skip_mention rows, each pre-compiled: a pattern of plain words (after {{role}}) becomes a set."""
    rules = tuple(r for r in load_context_rules() if r.effect == "skip_mention")
    words = tuple(_plain_words(r.pattern.pattern) for r in rules)
    union = frozenset().union(*(w for w in words if w is not None))
    return _Skips(rules, words, union, any(w is None for w in words))


def _plain_words(pattern: str) -> frozenset[str] | None:
    """ "ter|ten|der" -> {"ter", "ten", "der"}; None when an alternative is more than a plain word."""
    alternatives = pattern.split("|")
    if all(a and re.escape(a) == a for a in alternatives):
        return frozenset(alternatives)
    return None


def mention_skip(word: str, holds: Callable[[str], bool]) -> ContextRule | None:
    """The first skip_mention row whose pattern matches `word` (the word before a name) as a whole and whose
    condition holds (`holds(condition)`, asked only for a row that matched), or None: "over" -> "over-onderwerp"."""
    table = skip_table()
    for rule, words in zip(table.rules, table.words):
        if (word in words if words is not None else rule.pattern.fullmatch(word)) and (
            not rule.condition or holds(rule.condition)
        ):
            return rule
    return None


@lru_cache(maxsize=1)
def _house_rules() -> tuple[ContextRule, ...]:
    return tuple(r for r in load_context_rules() if r.effect == "house")


def kamer_house(text: str, rules: tuple[ContextRule, ...] | None = None) -> ContextRule | None:
    """The first house row whose pattern is found in `text` (title and description) in lower case: which Kamer a
    Kamer activity is in ("Stemmingen in de Eerste Kamer" -> the row "eerste-kamer", value "Eerste Kamer"); the
    default row (pattern ^) is found in any text; None only when the file has no default."""
    low = text.lower()
    for rule in _house_rules() if rules is None else rules:
        if rule.pattern.search(low):
            return rule
    return None


def _examples(cell: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())
