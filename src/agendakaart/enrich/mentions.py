"""Finding place mentions in one text: Aho-Corasick over folded names, word boundaries, case and person checks.

find_mentions("Werkbezoek aan Leiden", gaz, "title") -> [Mention(text="Leiden", prep="aan", …)]
"""

from __future__ import annotations

import re
from typing import NamedTuple

import ahocorasick

from agendakaart.enrich import context_rows as context
from agendakaart.enrich.gazetteer import Gazetteer
from agendakaart.enrich.text import fold, fold_name
from agendakaart.enrich.weights import weight
from agendakaart.enrich.words import word_set, word_values, words

# the words with a role here are data: data/context_words.csv
PLACE_PREPS = word_set("place_prep")
VISIT_PREPS = word_set("visit_prep")
_PARTICLES = word_set("name_particle")
_SKIPS = context.skip_table()  # the skip_mention rows of context_rules.csv: pre-compiled once
# "Van Weel, …" -> tokens "Van", "Weel" (punctuation and brackets end a token)
_TOKEN_RE = re.compile(r"[^\s,;:()\[\]]+")
_SENTENCE_END = ".:!?;•·|–—-\"“”"


class Mention(NamedTuple):
    """A place name found in one field (a tuple: mentions are made by the thousand)."""

    start: int
    end: int  # exclusive
    text: str  # as written
    key: str  # folded gazetteer key
    ids: tuple[int, ...]  # candidate places
    field: str  # location | paren | title | description
    prep: str | None  # the word before, when it is a place preposition (or a mention_prep word: "van")
    in_parens: bool
    province: str | None = None  # a province abbreviation right after the name: "Beek (L)" -> Limburg
    weak: bool = False  # a word-name ("Sluis", "Best") without a preposition or parentheses


def _raw_hits(folded: str, gaz: Gazetteer) -> list[tuple[int, int, str, tuple[int, ...]]]:
    """All automaton hits at word boundaries, by position; where hits overlap, the longest wins.

    "zuid limburg" -> [(0, 12, "zuid limburg", ids)] (not also "limburg" inside it).
    """
    n = len(folded)
    hits = []
    for end_idx, (key, ids) in gaz.automaton.iter(folded):
        start = end_idx - len(key) + 1
        if (start > 0 and folded[start - 1].isalnum()) or (end_idx + 1 < n and folded[end_idx + 1].isalnum()):
            continue
        hits.append((start, end_idx + 1, key, ids))
    return settle_overlaps(hits)


def settle_overlaps(hits: list[tuple]) -> list[tuple]:
    """Hits at word boundaries (in any order) -> by position; where hits overlap, the longest wins."""
    if len(hits) > 1:
        hits.sort()
        for i in range(1, len(hits)):
            if hits[i][0] < hits[i - 1][1]:  # an overlap: sorted by start, neighbours show it
                return _longest_first(hits)
    return hits


def _longest_first(hits: list[tuple]) -> list[tuple]:
    """Keep non-overlapping hits, longest first: "Zuid-Limburg" wins over "Limburg" inside it."""
    chosen: list[tuple] = []
    for hit in sorted(hits, key=lambda h: (h[0] - h[1], h[0])):
        if all(hit[1] <= c[0] or hit[0] >= c[1] for c in chosen):
            chosen.append(hit)
    return sorted(chosen)


_ARTICLES = word_set("article")
_WORD_BEFORE = weight("window", "word_before")  # characters before a name in which its word before is looked for
_STRIP = " \t\n\r\u00a0,.;:!?\"'“”‘’()[]-–—/"


def _word_before(text: str, start: int) -> str | None:
    """ "bezoek aan Leiden" / "in het Westland", start of the name -> "aan" / "in" (an article is skipped)."""
    words = text[max(0, start - _WORD_BEFORE) : start].lower().split()
    while words:
        word = words.pop().strip(_STRIP)
        if word and word not in _ARTICLES:
            return word
        if word in _ARTICLES and not words:
            return word
    return None


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in _SENTENCE_END


def _case_ok(text: str, start: int, end: int, key: str, gaz: Gazetteer, mixed: bool, ctx: bool) -> bool:
    """Proper-noun check: "Best" yes, "best" no; common-word names need context or a non-initial capital."""
    written = text[start:end]
    if key in gaz.acronyms:
        return written.isupper()
    if mixed and not _has_upper(written):
        return False
    if key in gaz.common_words:
        first = next((c for c in written if c.isalpha()), "")
        if not first.isupper():
            return False
        return (
            ctx
            or not _sentence_initial(text, start)
            or _last_segment(text, start, end)
            or _after_location_word(text, start)
        )
    return True


_LOCATION_WORDS = words("location_word")


def _after_location_word(text: str, start: int) -> bool:
    """A name right after "Locatie:" or "Plaats:" inside the text: "… Locatie: Best" -> True."""
    before = text[:start].rstrip()
    return before.endswith(":") and before[:-1].rstrip().lower().endswith(_LOCATION_WORDS)


def _last_segment(text: str, start: int, end: int) -> bool:
    """A name alone after a bar or dash at the end is a location slot: "… – Kerstconcert – Doorn" -> True."""
    before = text[:start].rstrip()
    return bool(before) and before[-1] in "|–—-·" and not text[end:].strip(" .")


def _has_upper(written: str) -> bool:
    """ "Leiden" -> True, "leiden" -> False (ASCII: one C-level comparison instead of a loop)."""
    if written.isascii():
        return written != written.lower()
    return any(c.isupper() for c in written)


def find_mentions(text: str, gaz: Gazetteer, field: str, scan=None) -> list[Mention]:
    """Place mentions in `text` (already cleaned), persons' names masked, longest match first.

    `scan`: the text's hits from one combined pass (`agendakaart.enrich.scan`), instead of scanning again."""
    if not text:
        return []
    if scan is None:
        folded = fold(text)
        hits = _raw_hits(folded, gaz)
        person_hits = None
    else:
        folded = scan.folded
        hits = settle_overlaps(list(scan.places))
        person_hits = scan.persons
    if not hits:
        return []
    words = [_word_before(text, hit[0]) for hit in hits]
    preps = [word if word in _PREP_WORDS else None for word in words]
    # a name after "in"/"aan"/… is no person's name: only other hits need the (costlier) person check
    masked = person_spans(text, gaz, folded, person_hits) if not _PERSON_PREPS.isdisjoint(preps) else ()
    mixed = text.lower() != text and text.upper() != text
    as_field = field in ("location", "paren")
    skip_words, patterned = _SKIPS.any_word, _SKIPS.patterned
    out = []
    for (start, end, key, ids), prep, word in zip(hits, preps, words):
        if masked and any(ms <= start < me for ms, me in masked):
            continue  # a hit that starts before the title word ("Prinses Máxima Centrum") is no person
        if field != "location" and (word in skip_words or patterned) and skip_rule(text, start, word) is not None:
            continue  # the skip_mention rows: "gesprek over Groningen": a subject; "ter Horst", "met Van Zwolle"
        parens = text.rfind("(", 0, start) > text.rfind(")", 0, start)
        ctx = as_field or parens or (prep is not None and prep not in WEAK_PREPS)
        if not _keep(text, start, end, key, ids, gaz, mixed, ctx, word, field == "location" or parens):
            continue
        abbr = (
            _PROVINCE_ABBR.match(text, end)
            if len(ids) > 1 and end < len(text) and (text[end] in "(," or text[end].isspace())
            else None
        )  # the pattern's only openings
        out.append(
            Mention(
                start,
                end,
                text[start:end],
                key,
                ids,
                "paren" if parens and field == "title" else field,
                prep,
                parens,
                _ABBR_PROVINCE.get(abbr.group(1).lower()) if abbr else None,
                not ctx and key in gaz.common_words and _in_name_chain(text, start, end),
            )
        )
    return out


_ABBR_PROVINCE = word_values("province_abbr")
# after "Beek": " (L)" / ", Gld" / " NH." -> group 1 "L" / "Gld" / "NH"
_PROVINCE_ABBR = re.compile(
    r"\s*[(,]?\s*(" + "|".join(sorted(_ABBR_PROVINCE, key=len, reverse=True)) + r")\.?\s*(?:\)|$|(?=[\s,;:]))", re.I
)


_WORD_RE = re.compile(r"[\w'’-]+")


def _in_name_chain(text: str, start: int, end: int) -> bool:
    """Is the name part of a longer proper name ("Nieuwe Sluis Terneuzen", "Best Western")? A capitalised
    word right before it (not the first of the sentence) or right after it says so."""
    after = _WORD_RE.match(text, end + 1) if text[end : end + 1] == " " else None
    if after and after.group()[0].isupper():
        return True
    before = text[:start].rstrip()
    if not before or not text[start - 1 : start].isspace():
        return False
    word = before.rsplit(None, 1)[-1]
    return word[0].isupper() and not _sentence_initial(text, len(before) - len(word))


def skip_rule(text: str, start: int, word: str | None) -> context.ContextRule | None:
    """The skip_mention row of context_rules.csv that drops the name at text[start] after `word` (its word before,
    lower case), or None: "gesprek over Groningen" -> "over-onderwerp"; "gesprek met Van Zwolle" ->
    "hoofdletter-van" (condition capitalised_mid_sentence); "burgemeester van Zwolle" -> None."""
    if word is None:
        return None

    def holds(condition: str) -> bool:
        if condition == "capitalised_mid_sentence":
            return _capitalised_mid_sentence(text, start, word)
        raise ValueError(f"onbekende voorwaarde {condition!r}")  # load_context_rules admits none other

    return context.mention_skip(word, holds)


def _capitalised_mid_sentence(text: str, start: int, word: str) -> bool:
    """ "gesprek met Van Zwolle", "van" -> True (written "Van" right before the name, mid-sentence); "Van Zwolle
    naar …" at the start of a sentence, or "burgemeester van Zwolle" -> False."""
    written = word[:1].upper() + word[1:]
    before = text[:start].rstrip()
    if not before.endswith(written):
        return False
    return not _sentence_initial(text, len(before) - len(written))


_PREP_WORDS = PLACE_PREPS | word_set("mention_prep")  # kept as a mention's preposition
_PERSON_PREPS = frozenset({None}) | word_set("person_prep")  # the name may still be a person's: check
WEAK_PREPS = word_set("weak_prep")  # "van": whose, not where (no context, no confidence bonus)


def _keep(
    text, start, end, key, ids, gaz: Gazetteer, mixed: bool, ctx: bool, word: str | None, as_location: bool
) -> bool:
    """Case rules per kind; an organisation's name counts only when the text visits it ("bezoek aan X",
    "werkbezoek X", "op het Ministerie van …") or gives it as the location; "Bron: Ministerie van …" is none."""
    kinds = gaz.kinds_of(ids)
    if key.endswith(_ADJECTIVE_ENDINGS) and kinds <= _AREA and not _adjective_ok(text, start, end):
        return False  # "de Zeeuwse kust" is a place, "de Zeeuwse Milieufederatie" a name
    if not (kinds <= _INSTITUTION and key not in gaz.acronyms):  # "ministerraad" is an ordinary noun
        if not _case_ok(text, start, end, key, gaz, mixed, ctx):
            return False
    if kinds <= _ORG:  # "Interview met Omroep Brabant": no place
        placed = any(gaz.places[i].gm_code or gaz.places[i].country not in ("", "NL") for i in ids)
        return placed and (as_location or word in VISIT_PREPS or _last_segment(text, start, end))
    return True


_INSTITUTION = frozenset({"institution"})
_AREA = frozenset({"regio", "provincie"})  # the gazetteer kinds whose names have an adjective form
_ADJECTIVE_ENDINGS = words("area_adjective_ending")  # "Zeeuwse": data/context_words.csv


def _adjective_ok(text: str, start: int, end: int) -> bool:
    """An area adjective counts where an area_adjective row of context_rules.csv acts (before a lower-case noun),
    and not after the words of a not_area row ("met": whom, not where): "bezoek aan Twentse textielbedrijven" ->
    True; "Brabantse Ontwikkelings Maatschappij", "overleg met Limburgse boeren", "Zeeuwse" at the end -> False."""
    return context.area_adjective_counts(text, end) is not None and context.area_adjective_not_here(text, start) is None


_ORG = frozenset({"org"})


_TITLE_WORDS = words("person_title")
_NAME_WORDS = weight("threshold", "person_name_words")  # a person's name after a title: at most this many words
_PERSON_AUTOMATA: dict[tuple, ahocorasick.Automaton] = {}


def person_keys(names: tuple[str, ...]) -> list[tuple[str, str]]:
    """Folded title words and bewindspersonen names -> [(key, "title" | "name")]; a title word wins."""
    keys = {fold_name(word): "title" for word in _TITLE_WORDS}
    for name in names:
        keys.setdefault(fold_name(name), "name")
    return list(keys.items())


def _person_automaton(names: tuple[str, ...]) -> ahocorasick.Automaton:
    """One automaton (cached per name list) over folded bewindspersonen names and title words."""
    auto = _PERSON_AUTOMATA.get(names)
    if auto is None:
        auto = ahocorasick.Automaton()
        for key, kind in person_keys(names):
            auto.add_word(key, (kind, key))
        auto.make_automaton()
        _PERSON_AUTOMATA[names] = auto
    return auto


def person_spans(
    text: str, gaz: Gazetteer, folded: str | None = None, hits: list[tuple[int, str, str]] | None = None
) -> list[tuple[int, int]]:
    """Spans of persons' names: bewindspersonen, and names after a title ("burgemeester Van Zanen").

    `hits`: (end index, kind, key) of the person words in `folded`, when a combined pass found them already."""
    folded = fold(text) if folded is None else folded
    spans = []
    n = len(folded)
    if hits is None:
        hits = [(end_idx, kind, key) for end_idx, (kind, key) in _person_automaton(gaz.person_names).iter(folded)]
    for end_idx, kind, key in hits:
        start = end_idx - len(key) + 1
        if (start > 0 and folded[start - 1].isalnum()) or (end_idx + 1 < n and folded[end_idx + 1].isalnum()):
            continue
        if kind == "name":  # "Van Marum", also "staatssecretaris van Marum"; not "van marum"
            if any(c.isupper() for c in text[start : end_idx + 1]):
                spans.append((start, end_idx + 1))
            continue
        pos = end_idx + 1
        while pos < n and text[pos] in " .\u00a0":
            pos += 1
        span = _name_after(text, pos) if pos > end_idx + 1 else None
        if span and not _is_place_name(text[span[0] : span[1]], gaz):
            spans.append(span)
    return spans


def _is_place_name(name: str, gaz: Gazetteer) -> bool:
    """gaz.lookup(name) is not empty, remembered: the names after "minister", "burgemeester" recur."""
    found = gaz.memo.place_names.get(name)
    if found is None:
        found = gaz.memo.put("place_names", name, bool(gaz.lookup(name)))
    return found


def _name_after(text: str, pos: int) -> tuple[int, int] | None:
    """ "Van Weel en …" at pos -> span of "Van Weel"; a lower-case start ("van Loppersum") is no name."""
    if not text[pos : pos + 1].isupper():  # the first word must start with a capital (speed only)
        return None
    tokens = []
    for match in _TOKEN_RE.finditer(text, pos):
        gap = text[tokens[-1].end() : match.start()] if tokens else text[pos : match.start()]
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
        if len(tokens) >= _NAME_WORDS or word.endswith((".", ",")):
            break
    while tokens and tokens[-1].group().lower() in _PARTICLES:
        tokens.pop()
    if not tokens or not tokens[0].group()[0].isupper():
        return None
    return tokens[0].start(), tokens[-1].end()
