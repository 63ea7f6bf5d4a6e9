"""Text folding for matching: one output character per input character, so match offsets map back to the source.

fold("Súdwest-Fryslân’s") -> "sudwest fryslan's" (lower case, diacritics dropped, dashes -> space, quotes -> ').
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = "\u2018\u2019\u201a\u201b\u0060\u00b4\u02bc\u2032"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u00ad"
_SPACES = "\u00a0\u2007\u202f\t\n\r\f\v_/"


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    """One character -> exactly one folded character ('É' -> 'e', '’' -> "'", '–' -> ' ')."""
    if ch in _QUOTES:
        return "'"
    if ch in _DASHES or ch in _SPACES:
        return " "
    low = ch.lower()
    if len(low) != 1:
        low = ch
    base = unicodedata.normalize("NFKD", low)
    base = "".join(c for c in base if not unicodedata.combining(c))
    if len(base) == 1:
        return base
    return low if len(low) == 1 else " "


def _build_table() -> dict[int, str]:
    """Precomputed translate table for Latin text (covers everything agenda texts use in practice)."""
    table = {}
    for code in range(0x2400):
        ch = chr(code)
        folded = _fold_char(ch)
        if folded != ch:
            table[code] = folded
    return table


_TABLE = _build_table()


_ASCII_SWAPS = tuple((chr(code), folded) for code, folded in _TABLE.items() if code < 128 and not chr(code).isupper())


def fold(text: str) -> str:
    """Fold for matching, length-preserving: "Den Haag" -> "den haag", "Kyïv" -> "kyiv".

    C-level lower() and replace() per distinct special character beat a per-character translate().
    """
    low = text.lower()
    if len(low) != len(text):  # "İ" lower-cases to two characters: go char by char
        return text.translate(_TABLE)
    if not low.isascii():
        for ch in set(low):
            if ch > "\x7f":
                folded = _fold_char(ch)
                if folded != ch:
                    low = low.replace(ch, folded)
    for old, new in _ASCII_SWAPS:
        if old in low:
            low = low.replace(old, new)
    return low


def fold_name(name: str) -> str:
    """Fold a gazetteer name and collapse runs of spaces: " 's-Hertogenbosch " -> "'s hertogenbosch"."""
    return " ".join(fold(name).split())


_TAG_RE = re.compile(r"<[^>]{0,500}>")
_ENTITY_RE = re.compile(r"&(?:nbsp|amp|quot|lt|gt|#\d{1,6}|#x[0-9a-fA-F]{1,6});")
# soft hyphen and zero-width marks are no character: "Em\u00admen" is Emmen (as parse/html.py reads pages)
_INVISIBLE_RE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean_text(text: str | None, limit: int = 4000) -> str:
    """Untrusted text -> plain text for matching: tags and entities blanked, capped at `limit` chars.

    clean_text("<b>Bezoek</b> aan&nbsp;Leiden") -> " Bezoek  aan Leiden" (tags become one space each);
    soft hyphens and zero-width marks are dropped: "Em\u00admen" -> "Emmen".
    """
    if not text:
        return ""
    text = text[:limit]
    if not text.isascii():
        text = _INVISIBLE_RE.sub("", text)
    if "<" in text:
        text = _TAG_RE.sub(" ", text)
    if "&" in text:
        text = _ENTITY_RE.sub(" ", text)
    return text
