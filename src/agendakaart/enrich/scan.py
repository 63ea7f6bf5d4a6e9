"""One pass over an activity's text for place names, activity-type phrases and persons' names together.

The title and description are folded once and run through one Aho-Corasick automaton that holds the
gazetteer's names, the activity rules' phrases (tier 1 and 2; the tier-0 fallbacks such as "in" would hit in
half the words and are looked for only when nothing else matched) and the person words (bewindspersonen, titles such as
"burgemeester"); each finder then takes its share of the hits instead of folding and scanning again.

scan_text("Werkbezoek aan Leiden", scanner_for(gaz, rules))
    -> Scan(folded="werkbezoek aan leiden", places=[(15, 21, "leiden", (812,))], rules=[(9, (0, 1))], persons=[])
"""

from __future__ import annotations

from typing import NamedTuple

import ahocorasick

from agendakaart.enrich.activity import ActivityRules
from agendakaart.enrich.gazetteer import Gazetteer
from agendakaart.enrich.mentions import person_keys
from agendakaart.enrich.text import fold


class Scan(NamedTuple):
    """The hits in one folded text; offsets are into `folded` (which has the length of the text)."""

    folded: str
    places: list[tuple[int, int, str, tuple[int, ...]]]  # (start, end, key, ids) at word boundaries
    rules: list[tuple[int, tuple[int, ...]]]  # (end index, ids of rules of tier >= 1), also
    #                                                        inside words
    persons: list[tuple[int, str, str]]  # (end index, "title"/"name", key), anywhere

    def part(self, start: int, end: int) -> Scan:
        """The place and person hits inside folded[start:end], offsets relative to `start` (rules stay with
        the whole text: activity phrases are matched over title and description together)."""
        if start == 0 and end == len(self.folded):
            return self
        return Scan(
            self.folded[start:end],
            [(s - start, e - start, k, i) for s, e, k, i in self.places if s >= start and e <= end],
            [],
            [(e - start, kind, k) for e, kind, k in self.persons if e < end and e - len(k) + 1 >= start],
        )


class Scanner(NamedTuple):
    automaton: ahocorasick.Automaton  # folded key -> (key, place ids, rule ids, person kind or None)
    gazetteer: Gazetteer
    rules: ActivityRules


_LAST: list[Scanner | None] = [None]  # the one in use (a run has one gazetteer and one rule set)


def scanner_for(gaz: Gazetteer, rules: ActivityRules) -> Scanner:
    """The combined automaton for this gazetteer and these rules (built once, ~20 ms)."""
    last = _LAST[0]
    if last is not None and last.gazetteer is gaz and last.rules is rules:
        return last
    found = gaz.memo.scanners.get(id(rules))
    if found is not None and found.rules is rules:
        _LAST[0] = found
        return found
    entries: dict[str, list] = {}
    for key, (_, ids) in gaz.automaton.items():
        entries[key] = [key, ids, (), None]
    for i, rule in enumerate(rules.rules):
        if rule.tier < 1:  # fallbacks ("in", "bij"): only looked for when no other phrase matched
            continue
        entry = entries.setdefault(rule.pattern, [rule.pattern, (), (), None])
        entry[2] = entry[2] + (i,)
    for key, kind in person_keys(gaz.person_names):
        entries.setdefault(key, [key, (), (), None])[3] = kind
    auto = ahocorasick.Automaton()
    for key, entry in entries.items():
        auto.add_word(key, tuple(entry))
    auto.make_automaton()
    found = _LAST[0] = gaz.memo.put("scanners", id(rules), Scanner(auto, gaz, rules))
    return found


def scan_text(text: str, scanner: Scanner) -> Scan | None:
    """Fold `text` and collect its hits; None when folding changes the length (then callers scan per field)."""
    folded = fold(text)
    if len(folded) != len(text):
        return None
    n = len(folded)
    places, rule_hits, persons = [], [], []
    for end_idx, (key, ids, rule_ids, person) in scanner.automaton.iter(folded):
        if rule_ids:
            rule_hits.append((end_idx, rule_ids))
        if person is not None:
            persons.append((end_idx, person, key))
        if ids:
            start = end_idx - len(key) + 1
            if (start > 0 and folded[start - 1].isalnum()) or (end_idx + 1 < n and folded[end_idx + 1].isalnum()):
                continue
            places.append((start, end_idx + 1, key, ids))
    return Scan(folded, places, rule_hits, persons)
