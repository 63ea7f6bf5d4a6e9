"""Activity type (the 8 types of DESIGN.md) from the site's type label, else from the words of the text.

Rules live in data/activity_rules.csv; one Aho-Corasick automaton matches them all at word starts.
classify_activity("Toespraak bij de opening van …", None, rules) -> ("toespraak", 0.8, 'tekst "toespraak" …')
"""

from __future__ import annotations

import csv
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import ahocorasick

from agendakaart.enrich.regions import data_path
from agendakaart.enrich.text import clean_text, fold, fold_name
from agendakaart.enrich.weights import weights
from agendakaart.models import ActivityType

_TYPES = {t.value for t in ActivityType}
_CONF = weights("type_conf")  # label, text, none: data/enrich_weights.csv
# the sort keys the decision knows, as they stand in a match's raw key (lower wins): the highest tier, the earliest
# start, a whole word before an infix hit, the longest phrase
ORDER_KEYS = ("tier", "earliest", "whole_word", "longest")


def order_key(order: dict[str, int | float]) -> Callable[[tuple], object]:
    """The decision's order (table type_order of enrich_weights.csv: key -> position 1, 2, …) -> a function from
    a match's raw key (-tier, start, infix, start - end) to the key compared: {"tier": 1, "earliest": 2, …} -> the
    raw key itself; {"longest": 1} -> its last part only. An unknown key or a gap in the positions is an error."""
    unknown = set(order) - set(ORDER_KEYS)
    if not order or unknown or sorted(order.values()) != list(range(1, len(order) + 1)):
        raise ValueError(f"enrich_weights.csv: type_order {dict(order)} must number keys of {ORDER_KEYS} from 1")
    return operator.itemgetter(*(ORDER_KEYS.index(k) for k in sorted(order, key=order.__getitem__)))


_ORDER = order_key(weights("type_order"))


@dataclass(frozen=True)
class Rule:
    pattern: str  # folded, without the trailing *
    type: str
    tier: int
    prefix: bool  # "werkbezoek*": any word ending allowed
    infix: bool = False  # "*gesprek": any word beginning allowed (keukentafelgesprek)
    line: int = field(default=0, compare=False)  # the row's line in the file (not part of the rule's identity)


@dataclass
class ActivityRules:
    rules: list[Rule]
    automaton: ahocorasick.Automaton
    label_memo: dict = field(default_factory=dict, repr=False, compare=False)  # type label -> result|None
    implied: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded place name -> (type, name)
    implied_visit: frozenset[str] = frozenset()  # folded generic visit patterns ("bezoek")


def rule_rows(path=None) -> list[tuple[int, dict[str, str]]]:
    """activity_rules.csv -> (line in the file, comments counted; the row by column name) per rule row."""
    with open(path or data_path("activity_rules.csv"), encoding="utf-8", newline="") as fh:
        numbered = [(n, ln) for n, ln in enumerate(fh, 1) if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(ln for _, ln in numbered)
    return [(numbered[reader.line_num - 1][0], row) for row in reader]


def load_rules(path=None) -> ActivityRules:
    """activity_rules.csv -> ActivityRules; an unknown type is a ValueError naming the line. Columns are read by
    name: the example columns (fires, not_fires) are for the tests, not for the rules."""
    rules = []
    for lineno, row in rule_rows(path):
        pattern, kind = row["pattern"].strip(), row["type"].strip()
        if kind not in _TYPES:
            raise ValueError(f"activity_rules.csv line {lineno}: unknown type {kind!r}")
        prefix, infix = pattern.endswith("*"), pattern.startswith("*")
        tier = int(row["tier"]) if row["tier"].strip() else 1
        for variant in {fold_name(pattern.strip("*")), fold(pattern.strip("*")).strip()}:
            rules.append(Rule(variant, kind, tier, prefix, infix, lineno))
    auto = ahocorasick.Automaton()
    for i, rule in enumerate(rules):
        ids = auto.get(rule.pattern, ())
        auto.add_word(rule.pattern, ids + (i,))
    auto.make_automaton()
    return ActivityRules(rules, auto, implied=_implied_types(), implied_visit=_implied_visit())


def _implied_types() -> dict[str, tuple[str, str]]:
    """The knowledge files' `type` column: folded name or alias -> (type, name as written), for the rows that
    have one (events.csv: a visit to Pinkpop is an evenement)."""
    from agendakaart.enrich.gazetteer import knowledge_files

    out = {}
    for name in knowledge_files():
        with open(data_path(name), encoding="utf-8", newline="") as fh:
            rows = csv.DictReader(ln for ln in fh if ln.strip() and not ln.startswith("#"))
            for row in rows:
                kind = (row.get("type") or "").strip()
                if not kind:
                    continue
                if kind not in _TYPES:
                    raise ValueError(f"{name}: {row['name']}: unknown type {kind!r}")
                for key in [row["name"]] + [a for a in (row.get("aliases") or "").split(";") if a.strip()]:
                    out[fold_name(key.strip())] = (kind, key.strip())
    return out


def _implied_visit() -> frozenset[str]:
    from agendakaart.enrich.words import words

    return frozenset(fold_name(w) for w in words("implied_visit"))


def _matches(text: str, rules: ActivityRules, scan=None) -> list[tuple[int, int, Rule]]:
    """(start, end, rule) for every rule phrase at a word start (and word end unless the rule is a prefix);
    an infix rule's start is moved back to its word's start ("keukentafelgesprek").

    `scan`: the text's hits from one combined pass (`agendakaart.enrich.scan`), instead of scanning again."""
    if scan is None:
        folded = fold(text)
        hits = rules.automaton.iter(folded)
    else:
        folded, hits = scan.folded, scan.rules
    n = len(folded)
    out = []
    table = rules.rules
    for end_idx, ids in hits:
        start = end_idx - len(table[ids[0]].pattern) + 1  # the ids of one hit share its pattern
        inside = start > 0 and folded[start - 1].isalnum()
        open_end = end_idx + 1 < n and folded[end_idx + 1].isalnum()
        for i in ids:
            rule = table[i]
            if inside:
                if not rule.infix:
                    continue
                begin = start
                while begin > 0 and folded[begin - 1].isalnum():  # rank an infix hit at its word's start
                    begin -= 1
            else:
                begin = start
            if open_end and not rule.prefix:
                continue
            out.append((begin, end_idx + 1, rule))
    return out


def _decide(matches: list[tuple[int, int, Rule]], order=_ORDER) -> tuple[int, int, Rule] | None:
    """The first match in the order of type_order (enrich_weights.csv): tier 2 anywhere beats tier 1 (tier 0 only
    as a fallback); then the earliest word; then a whole word before an infix hit; then the longest."""
    if not matches:
        return None
    best, best_key = matches[0], None
    for m in matches:
        key = order((-m[2].tier, m[0], m[2].infix, m[0] - m[1]))
        if best_key is None or key < best_key:
            best, best_key = m, key
    return best


def _best_match(
    folded: str, hits: list[tuple[int, tuple[int, ...]]], rules: ActivityRules
) -> tuple[int, int, Rule] | None:
    """_decide(_matches(…)) in one loop over a scan's rule hits (the same choice, fewer steps); the scan holds
    no tier-0 rules, so None means: no phrase of tier 1 or 2."""
    n = len(folded)
    table = rules.rules
    best = best_key = None
    for end_idx, ids in hits:
        start = end_idx - len(table[ids[0]].pattern) + 1
        inside = start > 0 and folded[start - 1].isalnum()
        open_end = end_idx + 1 < n and folded[end_idx + 1].isalnum()
        for i in ids:
            rule = table[i]
            begin = start
            if inside:
                if not rule.infix:
                    continue
                while begin > 0 and folded[begin - 1].isalnum():
                    begin -= 1
            if open_end and not rule.prefix:
                continue
            key = _ORDER((-rule.tier, begin, rule.infix, begin - end_idx - 1))
            if best_key is None or key < best_key:
                best, best_key = (begin, end_idx + 1, rule), key
    return best


def classify_activity(
    text: str | None, type_label: str | None, rules: ActivityRules, scan=None
) -> tuple[str, float, str]:
    """(title + description, site label) -> (type, confidence, Dutch reason).

    `scan`: the combined pass over clean_text(text, 4000), when the caller made one."""
    label = clean_text(type_label, 200).strip()
    if label:
        found = _label_type(label, rules)
        if found:
            return found
    body = clean_text(text, 4000)
    if scan is not None and len(scan.folded) != len(body):
        scan = None
    hit = deciding_match(body, rules, scan)
    if hit:
        implied = _implied_type(hit[2], body, scan, rules)
        if implied:
            return implied[0], _CONF["text"], f'tekst "{body[hit[0] : hit[1]]}" aan "{implied[1]}" -> {implied[0]}'
        return hit[2].type, _CONF["text"], f'tekst "{body[hit[0] : hit[1]]}" -> {hit[2].type}'
    return ActivityType.OVERIG.value, _CONF["none"], "geen typewoord gevonden -> overig"


def deciding_match(body: str, rules: ActivityRules, scan=None) -> tuple[int, int, Rule] | None:
    """The match that decides a cleaned text's type: (start, end, rule), the rule carrying its file line; None
    when no phrase matches. "Toespraak bij de opening" -> (0, 9, Rule("toespraak", "toespraak", 2, …, line=…)).

    `scan`: the combined pass over `body`, when the caller made one."""
    if scan is not None and len(scan.folded) != len(body):
        scan = None
    hit = _best_match(scan.folded, scan.rules, rules) if scan is not None else None
    if hit is None:  # no scan, or no tier 1/2 phrase in it: the tier-0 fallbacks may decide
        hit = _decide(_matches(body, rules))
    return hit


def _implied_type(rule: Rule, body: str, scan, rules: ActivityRules) -> tuple[str, str] | None:
    """A generic visit word decided the type ("Bezoek aan Pinkpop"): the type a named place of the knowledge files
    implies (its `type` column), the first such name in the text; else None."""
    if rule.pattern not in rules.implied_visit or rule.infix or not rules.implied:
        return None
    if scan is not None:
        hits = scan.places
        for start, end, key, _ids in hits:  # a name inside a longer one ("TT" in "TT-circuit") is not named
            if key in rules.implied and not any(s <= start and end <= e and e - s > end - start for s, e, *_ in hits):
                return rules.implied[key]
        return None
    folded = fold(body)
    found = [
        (m.start(), key) for key in rules.implied for m in [re.search(rf"(?<!\w){re.escape(key)}(?!\w)", folded)] if m
    ]
    return rules.implied[min(found)[1]] if found else None


_LABEL_MEMO_LIMIT = 4096


def _label_type(label: str, rules: ActivityRules) -> tuple[str, float, str] | None:
    """A cleaned type label -> (type, 0.95, reason) or None, remembered per label (labels recur: "Werkbezoek").

    "Werkbezoek" -> ("werkbezoek", 0.95, 'typelabel "Werkbezoek" -> werkbezoek'); "Groningen" -> None
    """
    memo = rules.label_memo
    if label in memo:
        return memo[label]
    hit = deciding_match(label, rules)
    found = (hit[2].type, _CONF["label"], f'typelabel "{label[:60]}" -> {hit[2].type}') if hit else None
    if len(memo) >= _LABEL_MEMO_LIMIT:
        memo.clear()
    memo[label] = found
    return found
