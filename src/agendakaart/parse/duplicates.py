"""One activity shown twice: a weekly roll-up line that also has its own item page.

Pure: activities in, pairs out. The crawler keeps the item page's activity (the richer source) and drops the
roll-up line, remembering both pages (see store.activities.save_duplicates).

The rule: same date, at least one person in common, no conflicting start time, and the same title after
normalising (case, accents, punctuation, a leading type label, a trailing place in parentheses), or a
near-identical one (similarity >= 0.9, difflib; titles of at least three words), or — when both give the same
place — one title's content words all within the other's, or — same start time and place — titles sharing words
(two 5-letter stems, or half of the shorter title's). Each line pairs with at most one item activity, and
an item activity with at most one line of each roll-up (a joint visit may be in the weeks of two ministers),
best match first.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

from agendakaart.models import Activity

MIN_SIMILARITY = 0.9
_NON_WORD = re.compile(r"[^\w]+")
_PARENS = re.compile(r"\([^()]*\)")


def normalise_title(text: str | None) -> str:
    """Title -> comparable form: folded case and accents, no punctuation or parentheses.

    >>> normalise_title("Werkbezoek: Bezoek aan de haven (Rotterdam)."), normalise_title("Opening  Café-Zuid")
    ('werkbezoek bezoek aan de haven', 'opening cafe zuid')
    """
    folded = unicodedata.normalize("NFKD", _PARENS.sub(" ", text or "")).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(" ", folded.casefold()).replace("_", " ").strip()


def title_forms(a: Activity) -> set[str]:
    """The ways an activity's title may be written elsewhere: with and without its type label.

    Activity(title="aan de haven", type_label="Werkbezoek") -> {"aan de haven", "werkbezoek aan de haven"}
    """
    forms = {normalise_title(a.title)}
    if a.type_label:
        forms.add(normalise_title(f"{a.type_label} {a.title}"))
    return {f for f in forms if f}


def similarity(line: Activity, item: Activity) -> float:
    """Best similarity (0..1) of any title form of the two; 1.0 for equal normalised titles."""
    best = 0.0
    for x in title_forms(line):
        for y in title_forms(item):
            if x == y:
                return 1.0
            if min(len(x.split()), len(y.split())) >= 3:
                best = max(best, SequenceMatcher(None, x, y, autojunk=False).ratio())
    return best


_SMALL_WORDS = frozenset(
    {
        "de",
        "het",
        "een",
        "van",
        "voor",
        "en",
        "met",
        "aan",
        "in",
        "op",
        "bij",
        "te",
        "over",
        "om",
        "naar",
        "tot",
        "door",
        "uit",
    }
)
SAME_PLACE_SCORE = 0.9


def content_words(text: str) -> set[str]:
    """Normalised words without the small ones. "Opening van een zonnepark" -> {"opening", "zonnepark"}."""
    return {w for w in normalise_title(text).split() if w not in _SMALL_WORDS}


def _places_agree(a: str | None, b: str | None) -> bool:
    """ "Rotterdam" ~ "Rotterdam, Waalhaven" ~ "Waalhaven, Rotterdam" (one is the other, its start or its end);
    an empty place agrees with nothing."""
    x, y = sorted((normalise_title(a), normalise_title(b)), key=len)
    return bool(x) and (x == y or y.startswith(x + " ") or y.endswith(" " + x))


def same_place_subset(line: Activity, item: Activity) -> bool:
    """The same place on both (see _places_agree), and every content word (at least two) of one title is in the other:
    "Opening: van een zonnepark (Wieringermeer)" ~ "Opening zonnepark op een voormalige vuilstort" in Wieringermeer."""
    if not line.location_text or not item.location_text:
        return False
    if not _places_agree(line.location_text, item.location_text):
        return False
    a = content_words(f"{line.type_label or ''} {line.title}")
    b = content_words(f"{item.type_label or ''} {item.title}")
    return len(min(a, b, key=len)) >= 2 and (a <= b or b <= a)


def same_time_and_place(line: Activity, item: Activity) -> bool:
    """Same start time and place on both, and the titles share words (5-letter stems: two, or half the shorter):
    "11.00 uur Werkbezoek: Opening van het nieuwe douanekantoor (Rotterdam)" ~ "Minister opent nieuw douanekantoor"
    at 11:00 in "Rotterdam, Waalhaven"; never "Ministerraad" ~ "Gesprek met X" at the same hour."""
    if not (line.start_time and line.start_time == item.start_time):
        return False
    if not _places_agree(line.location_text, item.location_text):
        return False
    a = {w[:5] for w in content_words(f"{line.type_label or ''} {line.title}")}
    b = {w[:5] for w in content_words(f"{item.type_label or ''} {item.title}")}
    common = len(a & b)
    return common >= 2 or common >= 1 and common * 2 >= min(len(a), len(b))


def may_be_same(line: Activity, item: Activity) -> bool:
    """Same day, a person in common and no conflicting start time (the title is judged by `similarity`)."""
    if line.date != item.date or not set(line.persons) & set(item.persons):
        return False
    return not (line.start_time and item.start_time and line.start_time != item.start_time)


def pair_duplicates(lines: list[Activity], items: list[Activity]) -> list[tuple[Activity, Activity, float]]:
    """Roll-up lines x item-page activities -> (line, item, similarity) pairs, one-to-one, best first.

    A line "Werkbezoek: aan de haven van Rotterdam (Rotterdam)" on 4 Nov and an item page "Werkbezoek aan de haven
    van Rotterdam" on 4 Nov of the same minister -> one pair with similarity 1.0.
    """
    scored = []
    for line in lines:
        for item in items:
            if line.page_url != item.page_url and may_be_same(line, item):
                score = similarity(line, item)
                if score < MIN_SIMILARITY and (same_place_subset(line, item) or same_time_and_place(line, item)):
                    score = SAME_PLACE_SCORE
                if score >= MIN_SIMILARITY:
                    scored.append((score, line.id, item.id, line, item))
    pairs, used_lines, used_items = [], set(), set()
    for score, line_id, item_id, line, item in sorted(scored, key=lambda s: (-s[0], s[1], s[2])):
        # an item takes one line per roll-up: a joint visit may be on the weeks of both ministers
        if line_id not in used_lines and (item_id, line.page_url) not in used_items:
            used_lines.add(line_id)
            used_items.add((item_id, line.page_url))
            pairs.append((line, item, score))
    return pairs
