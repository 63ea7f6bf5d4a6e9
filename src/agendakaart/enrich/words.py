"""Words with a role in the place rules, as data (data/context_words.csv): each role is one alternation.

alternation("preparation") -> "voorbereiding|voorbespreking|nabespreking|terugkoppeling"
literal_stems("remote") -> ("telefo", "deoverb", …): a piece of text every match of the role's words holds, for
a cheap pre-check derived from the data (no i, s or k: their case-insensitive matches include İ, ı, ſ, K).
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from agendakaart.enrich.regions import data_path

WORDS_FILE = "context_words.csv"
_META = set("()[]{}?*+|\\.^$")
_CASE_ODD = re.compile(r"[isk]")


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[tuple[str, str], ...]]:
    with open(data_path(WORDS_FILE), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(ln for ln in fh if ln.strip() and not ln.startswith("#")))
    out: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        word = row["word"].strip()
        re.compile(word)  # a broken fragment fails here, at load, with its text
        out.setdefault(row["role"].strip(), []).append((word, (row.get("value") or "").strip()))
    return {role: tuple(pairs) for role, pairs in out.items()}


def _pairs(role: str) -> tuple[tuple[str, str], ...]:
    found = _table().get(role)
    if not found:
        raise KeyError(f"{WORDS_FILE}: no words for role {role!r}")
    return found


def words(role: str) -> tuple[str, ...]:
    """The role's word fragments in file order; an unknown role is an error (a rule that would match nothing)."""
    return tuple(word for word, _ in _pairs(role))


def word_set(role: str) -> frozenset[str]:
    """The role's words as a set (for the roles of plain words: prepositions, particles)."""
    return frozenset(words(role))


def word_values(role: str) -> dict[str, str]:
    """word -> value for a role whose rows carry one ("l" -> "Limburg")."""
    return {word: value for word, value in _pairs(role)}


def alternation(role: str) -> str:
    """ "a|b|c": the role's fragments joined, for a rule's regular expression."""
    return "|".join(words(role))


def literal_stems(*roles: str) -> tuple[str, ...]:
    """For each fragment of the roles, the longest piece of its literal start without i, s or k (lower case):
    every case-insensitive match of the fragment contains it, so a text whose lower case holds none of them
    cannot match."""
    stems = []
    for role in roles:
        for word in words(role):
            literal = ""
            for i, ch in enumerate(word):
                if ch in _META or (i + 1 < len(word) and word[i + 1] in "?*{"):
                    break
                literal += ch.lower()
            piece = max(_CASE_ODD.split(literal), key=len)
            if not piece:
                raise ValueError(f"{WORDS_FILE}: {word!r} ({role}) has no literal piece for a pre-check")
            stems.append(piece)
    return tuple(dict.fromkeys(stems))
