"""An agenda entry's status from its own words: cancelled or postponed (data/cancellation_words.csv) or planned.

Pure: text in, status out. The words live in the data file with an example each; the tests check every example.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from agendakaart.models import EntryStatus

GEPLAND = EntryStatus.GEPLAND.value
GEANNULEERD = EntryStatus.GEANNULEERD.value
UITGESTELD = EntryStatus.UITGESTELD.value


@dataclass(frozen=True)
class StatusRule:
    pattern: str
    kind: str  # word | literal
    status: str
    example: str


def _fold(text: str) -> str:
    """'Geännuleerd' -> 'geannuleerd': lower case, accents dropped (combining strike-through U+0336 kept)."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c) or c == "\u0336")


@lru_cache(maxsize=1)
def load_rules() -> tuple[StatusRule, ...]:
    """The rules of data/cancellation_words.csv (lines starting with '#' are notes)."""
    text = resources.files("agendakaart.data").joinpath("cancellation_words.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    rules = []
    for row in csv.DictReader(lines):
        if row["kind"] not in ("word", "literal") or row["status"] not in (GEANNULEERD, UITGESTELD):
            raise ValueError(f"cancellation_words.csv: onbekende regel {row!r}")
        rules.append(StatusRule(row["pattern"], row["kind"], row["status"], row["example"]))
    return tuple(rules)


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern, str], ...]:
    """One alternation per status, cancelled first (one or two searches per text)."""
    parts: dict[str, list[str]] = {GEANNULEERD: [], UITGESTELD: []}
    for rule in load_rules():
        if rule.kind == "literal":
            parts[rule.status].append(re.escape(rule.pattern))
        else:
            words = r"\s+".join(re.escape(w) for w in _fold(rule.pattern).split())
            parts[rule.status].append(rf"(?<!\w){words}(?!\w)")
    return tuple((re.compile("|".join(p)), status) for status, p in parts.items() if p)


@lru_cache(maxsize=8192)  # agendas repeat texts ("Ministerraad"): most calls are hits
def entry_status(title: str | None, description: str | None = None) -> str:
    """'Werkbezoek aan Zwolle (geannuleerd)' -> 'geannuleerd'; 'Werkbezoek aan Zwolle' -> 'gepland'.

    Cancelled wins over postponed when both occur."""
    text = _fold(" ".join(t for t in (title, description) if t))
    for pattern, status in _compiled():
        if pattern.search(text):
            return status
    return GEPLAND
