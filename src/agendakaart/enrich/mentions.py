"""Finding place mentions in one text: Aho-Corasick over folded names, word boundaries, case and person checks.

find_mentions("Werkbezoek aan Leiden", gaz, "title") -> [Mention(text="Leiden", prep="aan", …)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from agendakaart.enrich.gazetteer import Gazetteer
from agendakaart.enrich.text import fold

PLACE_PREPS = frozenset({"in", "te", "aan", "naar", "bij", "uit", "vanuit", "richting", "nabij", "rond", "op",
                         "tijdens", "omgeving", "regio"})
VISIT_PREPS = frozenset({"aan", "bij", "naar", "in", "op", "te"})
_PARTICLES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "von", "le", "la", "du", "da", "di", "el",
                        "al", "bin", "ibn", "'t", "het", "vander", "zu"})
_TITLE_RE = re.compile(
    r"(?i:\b(?:minister-president|minister|staatssecretaris|premier|burgemeester|loco-burgemeester|wethouder|"
    r"gedeputeerde|commissaris van de koning(?:in)?|gouverneur|ambassadeur|president|kanselier|koning|"
    r"koningin|prinses|prins|de heer|mevrouw|mevr\.|dhr\.|mr\.|dr\.|prof\.|ir\.|drs\.|collega|"
    r"eurocommissaris|eu-commissaris|kamerlid|oud-minister|oud-premier|directeur|voorzitter|ceo|bisschop|"
    r"kardinaal|paus|secretaris-generaal|minister van staat|dijkgraaf|korpschef|generaal|commandant|"
    r"luitenant-generaal|admiraal|vice-admiraal|hoogleraar|topman|topvrouw))\s+")
_TOKEN_RE = re.compile(r"[^\s,;:()\[\]]+")
_SENTENCE_END = ".:!?;•·|–—-\"“”"


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int                    # exclusive
    text: str                   # as written
    key: str                    # folded gazetteer key
    ids: tuple[int, ...]        # candidate places
    field: str                  # location | paren | title | description
    prep: str | None            # the word before, when it is a place preposition (or "van")
    in_parens: bool


def _raw_hits(folded: str, gaz: Gazetteer):
    """All automaton hits at word boundaries: (start, end, key, ids)."""
    n = len(folded)
    for end_idx, (key, ids) in gaz.automaton.iter(folded):
        start = end_idx - len(key) + 1
        if start > 0 and folded[start - 1].isalnum():
            continue
        if end_idx + 1 < n and folded[end_idx + 1].isalnum():
            continue
        yield start, end_idx + 1, key, ids


def _longest_first(hits):
    """Keep non-overlapping hits, longest first: "Zuid-Limburg" wins over "Limburg" inside it."""
    chosen: list[tuple] = []
    taken: list[tuple[int, int]] = []
    for hit in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if all(hit[1] <= s or hit[0] >= e for s, e in taken):
            chosen.append(hit)
            taken.append((hit[0], hit[1]))
    return sorted(chosen)


def _word_before(text: str, start: int) -> str | None:
    """"bezoek aan Leiden", start of Leiden -> "aan"."""
    match = re.search(r"([\w'’]+)\W*$", text[max(0, start - 40):start])
    return match.group(1).lower() if match else None


def _in_parens(text: str, start: int) -> bool:
    before = text[:start]
    return before.rfind("(") > before.rfind(")")


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_END


def _case_ok(text: str, start: int, end: int, key: str, gaz: Gazetteer, mixed: bool, ctx: bool) -> bool:
    """Proper-noun check: "Best" yes, "best" no; common-word names need context or a non-initial capital."""
    written = text[start:end]
    if key in gaz.acronyms:
        return written.isupper()
    if mixed and not any(c.isupper() for c in written):
        return False
    if key in gaz.common_words:
        first = next((c for c in written if c.isalpha()), "")
        if not first.isupper():
            return False
        return ctx or not _sentence_initial(text, start)
    return True


def find_mentions(text: str, gaz: Gazetteer, field: str) -> list[Mention]:
    """Place mentions in `text` (already cleaned), persons' names masked, longest match first."""
    if not text:
        return []
    folded = fold(text)
    hits = _longest_first(_raw_hits(folded, gaz))
    if not hits:
        return []
    masked = person_spans(text, gaz)
    mixed = any(c.islower() for c in text) and any(c.isupper() for c in text)
    out = []
    for start, end, key, ids in hits:
        if any(start < me and end > ms for ms, me in masked):
            continue
        word = _word_before(text, start)
        prep = word if word in PLACE_PREPS or word in ("van", "gemeente") else None
        parens = _in_parens(text, start)
        ctx = field in ("location", "paren") or parens or (prep is not None and prep != "van")
        kinds = {gaz.places[i].kind for i in ids}
        if kinds <= {"institution"} and key not in gaz.acronyms:
            pass                                    # "ministerraad", "vragenuur": ordinary nouns
        elif not _case_ok(text, start, end, key, gaz, mixed, ctx):
            continue
        if kinds <= {"org"} and not (prep in VISIT_PREPS and any(gaz.places[i].gm_code for i in ids)):
            continue                                # "Interview met Omroep Brabant": no place
        out.append(Mention(start, end, text[start:end], key, ids, "paren" if parens and field == "title"
                           else field, prep, parens))
    return out


@lru_cache(maxsize=4)
def _names_re(names: tuple[str, ...]) -> re.Pattern | None:
    if not names:
        return None
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternation})(?![\w])")


def person_spans(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Spans of persons' names: bewindspersonen, and names after a title ("burgemeester Van Zanen")."""
    spans = []
    names_re = _names_re(gaz.person_names)
    if names_re is not None:
        spans += [m.span() for m in names_re.finditer(text)]
    for title in _TITLE_RE.finditer(text):
        span = _name_after(text, title.end())
        if span and not gaz.lookup(text[span[0]:span[1]]):
            spans.append(span)
    return spans


def _name_after(text: str, pos: int) -> tuple[int, int] | None:
    """"Van Weel en …" at pos -> span of "Van Weel"; a lower-case start ("van Loppersum") is no name."""
    tokens = []
    for match in _TOKEN_RE.finditer(text, pos):
        gap = text[tokens[-1].end():match.start()] if tokens else text[pos:match.start()]
        if gap.strip():
            break
        word = match.group()
        if word[0].isupper():
            tokens.append(match)
        elif word.lower() in _PARTICLES and len(tokens) == 1 and tokens[0].group().lower() not in _PARTICLES:
            nxt = _TOKEN_RE.search(text, match.end())
            if not nxt or not nxt.group()[0].isupper():
                break
            tokens.append(match)
        else:
            break
        if len(tokens) >= 5 or word.endswith((".", ",")):
            break
    while tokens and tokens[-1].group().lower() in _PARTICLES:
        tokens.pop()
    if not tokens or not tokens[0].group()[0].isupper():
        return None
    return tokens[0].start(), tokens[-1].end()
