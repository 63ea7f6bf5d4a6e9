"""Visible labelled fields: "Datum", "Tijd", "Locatie", "Plaats", "Adres" followed by their value, whatever markup.

Covers dt/dd, th/td, label and value in sibling elements, "Label: value" and "Label value" lines.
"""

from __future__ import annotations

import re
from datetime import date

from agendakaart.parse.html import Block

# label word -> field; the first label of a field that has a value wins, in this order of preference
LABELS: dict[str, str] = {
    "datum": "date",
    "dag": "date",
    "wanneer": "date",
    "tijd": "time",
    "tijdstip": "time",
    "aanvang": "time",
    "aanvangstijd": "time",
    "locatie": "location",
    "plaats": "location",
    "adres": "location",
    "waar": "location",
    "lokatie": "location",
    "bewindspersoon": "persons",
    "bewindspersonen": "persons",
    "ministerie": "ministry",
    "organisatie": "ministry",
}
_LABEL_ONLY = re.compile(r"^\s*([A-Za-z]+)\s*:?\s*$")
_LABEL_COLON = re.compile(r"^\s*([A-Za-z]+)\s*:\s*(\S.*)$")
_LABEL_SPACE = re.compile(r"^\s*([A-Z][a-z]+|[A-Z]{3,})\s+(\S.{0,100})$")
_SPACE_LABELS = frozenset({"datum", "tijd", "tijdstip", "locatie", "plaats", "adres", "wanneer", "waar"})
_VALUE_TAGS = frozenset({"dd", "td", "li", "p", "div", "span", "body", "section", "article", "main"})


def label_of(text: str) -> str | None:
    """A block that is only a label -> its field. "Locatie:" -> "location"; "Locatie Den Haag" -> None."""
    m = _LABEL_ONLY.match(text)
    return LABELS.get(m[1].lower()) if m else None


def labelled_line(text: str) -> tuple[str, str] | None:
    """A "Label: value" or "Label value" line -> (field, value).

    >>> labelled_line("Locatie Den Haag"), labelled_line("Datum: 5 juli 2024"), labelled_line("Tijd voor x: y")
    (('location', 'Den Haag'), ('date', '5 juli 2024'), None)
    >>> labelled_line("LOCATIE Assen"), labelled_line("Waar Stadhuis, Utrecht"), labelled_line("Waar mogelijk thuis")
    (('location', 'Assen'), ('location', 'Stadhuis, Utrecht'), None)
    """
    m = _LABEL_COLON.match(text)
    if m and m[1].lower() in LABELS:
        return LABELS[m[1].lower()], m[2].strip()
    m = _LABEL_SPACE.match(text)
    if m and m[1].lower() in _SPACE_LABELS and _plausible(LABELS[m[1].lower()], m[2].strip()):
        if m[1].lower() == "waar" and not m[2][:1].isupper():  # "Waar mogelijk ..." is a sentence
            return None
        return LABELS[m[1].lower()], m[2].strip()
    return None


def _plausible(field: str, value: str) -> bool:
    """A "Label value" line without colon must carry a value of its kind ("Tijd voor de jeugd: ..." does not)."""
    from agendakaart.parse.dates import parse_date, parse_times

    if field == "date":
        return parse_date(value, date(2000, 1, 1)) is not None
    if field == "time":
        return parse_times(value)[0] is not None
    return ":" not in value and len(value) <= 80


def labelled_fields(blocks: list[Block]) -> dict[str, str]:
    """Ordered blocks -> {field: value} for date, time, location, persons, ministry (first found wins)."""
    out: dict[str, str] = {}
    for i, block in enumerate(blocks):
        if block.in_chrome:
            continue
        field = label_of(block.text)
        if field:
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None and not nxt.in_chrome and label_of(nxt.text) is None and len(nxt.text) < 300:
                out.setdefault(field, _with_continuation(nxt.text, blocks, i + 2))
            continue
        pair = labelled_line(block.text)
        if pair and (block.tag in _VALUE_TAGS or ":" in block.text):
            out.setdefault(pair[0], _with_continuation(pair[1], blocks, i + 1))
    return out


def _with_continuation(value: str, blocks: list[Block], j: int) -> str:
    """A value broken over <br> lines of its element: "Provinciehuis" + "Den Bosch" -> "Provinciehuis, Den Bosch".

    Only short continuation lines that are no label and no sentence are joined (at most three).
    """
    parts = [value]
    while (
        j < len(blocks)
        and len(parts) < 4
        and blocks[j].cont
        and not _is_labelish(blocks[j].text)
        and _short_line(blocks[j].text)
    ):
        parts.append(blocks[j].text)
        j += 1
    return ", ".join(parts)


def _is_labelish(text: str) -> bool:
    return label_of(text) is not None or labelled_line(text) is not None


def is_label_block(blocks: list[Block], i: int) -> bool:
    """True when block i is a label, a labelled line, the value right after a bare label, or a <br> line
    continuing a value."""
    text = blocks[i].text
    if label_of(text) or labelled_line(text):
        return True
    if i > 0 and label_of(blocks[i - 1].text) is not None:
        return True
    k = i  # a <br> line continuing a value: the first line of its element is a label or a labelled value
    while k > 0 and blocks[k].cont and i - k < 4:
        k -= 1
    if k == i or not _short_line(text):
        return False
    return bool(
        label_of(blocks[k].text) or labelled_line(blocks[k].text) or k > 0 and label_of(blocks[k - 1].text) is not None
    )


def _short_line(text: str) -> bool:
    """A line that can continue a value: short, and no sentence."""
    return len(text) <= 60 and not re.search(r"[.!?]\s*$", text)
