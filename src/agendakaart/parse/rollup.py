"""Weekly roll-ups: day headings ("Dinsdag 21 mei") with bullets ("Werkbezoek: ... (Leiden)") -> one bullet each."""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from agendakaart.parse.dates import day_prefix, parse_day_heading, parse_times
from agendakaart.parse.html import Block
from agendakaart.parse.labels import is_label_block


class Bullet(NamedTuple):
    """One activity line of a roll-up, split into its parts (text = the whole line as shown)."""

    date: date
    text: str
    title: str
    type_label: str | None
    location_text: str | None
    start_time: str | None
    end_time: str | None


_BULLET_MARK = re.compile(r"^\s*(?:[-•*·–—▪►]\s*)+")
_LEAD_TIME = re.compile(
    r"^(?:van\s+|vanaf\s+|om\s+)?(\d{1,2}[.:]\d{2})(?:\s*(?:-|–|tot)\s*(\d{1,2}[.:]\d{2}))?\s*(?:uur|u\b)?\s*[:\-–|,]?\s*",
    re.I,
)
_TRAIL_TIME = re.compile(
    r"[,;]?\s*[-–(]?\s*(?:om|van(af)?)?\s*\d{1,2}[.:]\d{2}(?:\s*(?:-|–|tot)\s*\d{1,2}[.:]\d{2})?\s*uur\s*\)?\s*$", re.I
)
_WHOLE_DAY = re.compile(r"^(?:de\s+|ge)?(?:hele|gehele|ganse)\s+dag\s*(?::|[-–—|,])\s*", re.I)
_LABEL = re.compile(r"^([^:()]{2,60}?)\s*:\s+(\S.*)$")
_PARENS = re.compile(r"\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*[.;]?\s*$")
# "Werkbezoek – bezoek aan de haven": a one- or two-word label before a spaced dash
_DASH_LABEL = re.compile(r"^([^\W\d][\w'’-]*(?:\s+[^\W\d][\w'’-]*)?)\s+[-–—]\s+(\S.*)$")
# "Gesprek met X (Zwolle), aansluitend lunch": parentheses closing a clause, not the line
_MID_PARENS = re.compile(r"\s*\(([^()]{2,80})\)(?=\s*[,;]\s|\s+[-–—]\s)")
_PRESS = re.compile(
    r"^(informatie voor de pers|voor de pers|persinformatie|perscontact|contact voor de pers|persvoorlichting"
    r"|pers en media|mediacontact|woordvoering|(?:contact|contactgegevens)\s*:?\s*$)\b",
    re.I,
)
# a day without public appointments: "Geen openbare activiteiten.", "Geen afspraken"
_NOTHING = re.compile(
    r"^(?:er zijn\s+)?geen\s+(?:openbare\s+|publieke\s+)?(?:activiteiten|afspraken|agenda-?items"
    r"|agendapunten|bijeenkomsten)\b[^:]{0,40}$",
    re.I,
)
_CONTACT = re.compile(
    r"(@|\b(?:telefoon|tel\.?|e-?mail|mail|persvoorlicht\w*|woordvoerder|voorlichting)\b|\+?\d[\d\s-]{8,}\d)", re.I
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# "Label: text" lines that are page furniture, not activities
NOT_ACTIVITY_LABELS = frozenset(
    {
        "bron",
        "foto",
        "beeld",
        "contact",
        "meer informatie",
        "zie ook",
        "lees ook",
        "tags",
        "onderwerpen",
        "onderwerp",
        "delen",
        "deel",
        "let op",
        "noot",
        "opmerking",
        "toelichting",
        "persinformatie",
        "download",
        "downloads",
        "publicatiedatum",
        "gepubliceerd",
        "laatst gewijzigd",
        "wijziging",
    }
)


def strip_bullet_mark(text: str) -> str:
    """ "• Werkbezoek: x" -> "Werkbezoek: x"."""
    return _BULLET_MARK.sub("", text).strip()


def split_bullet(text: str, day: date) -> Bullet:
    """ "10.00 uur Werkbezoek: opening (Leiden)" -> Bullet(title="opening", type_label="Werkbezoek", ...).

    >>> b = split_bullet("Werkbezoek: bezoek aan de haven (Rotterdam)", date(2024, 5, 21))
    >>> b.type_label, b.title, b.location_text
    ('Werkbezoek', 'bezoek aan de haven', 'Rotterdam')
    """
    line = _BULLET_MARK.sub("", text).strip()
    start = end = None
    line = _WHOLE_DAY.sub("", line)  # "Hele dag: Europese Raad" -> no time, no type label "Hele dag"
    if m := _LEAD_TIME.match(line):
        start, end = parse_times(m.group(0))
        line = line[m.end() :].strip()
    type_label = None
    if (m := _LABEL.match(line) or _DASH_LABEL.match(line)) and _is_short_label(m[1]):
        type_label, line = m[1].strip(), m[2].strip()
    location = None
    if start is None and (m := _TRAIL_TIME.search(line)):
        start, end = parse_times(m.group(0))
        line = line[: m.start()].rstrip(" ,;-–")
    if m := _PARENS.search(line):
        location = m[1].strip() or None
        line = line[: m.start()].rstrip()
    elif line.count("(") == 1 and (found := _MID_PARENS.findall(line)) and found[0][:1].isupper():
        location = found[0].strip()
        line = _MID_PARENS.sub("", line, count=1)
    if start is None and location is not None and (m := _TRAIL_TIME.search(line)):  # "met Y, 14.00 uur (Ede)"
        start, end = parse_times(m.group(0))
        line = line[: m.start()].rstrip(" ,;-–")
    if start is None and re.search(r"\buur\b", line, re.I):
        start, end = parse_times(line)
    return Bullet(day, _BULLET_MARK.sub("", text).strip(), line or (type_label or ""), type_label, location, start, end)


def _is_short_label(label: str) -> bool:
    """A type label is a few words, no digits, capitalised (lower case: at most two words): "Onderraden en
    ministeriële overleggen" yes, "werkbezoek" yes, "Om 10 uur" no, "daarna overleg met de wethouder" no."""
    words = label.split()
    return (
        1 <= len(words) <= 7
        and not re.search(r"\d", label)
        and (label[:1].isupper() or len(words) <= 2 and label[:1].isalpha())
    )


def is_press_line(text: str) -> bool:
    """The press-contact block and its phone / e-mail lines are not activities."""
    return bool(_PRESS.match(text) or _CONTACT.search(text))


_DISCLAIMER = re.compile(
    r"^(?:wijzigingen|deze agenda|de agenda|de weekagenda|agenda)\b.{0,80}"
    r"\b(?:voorbehouden|voorbehoud|(?:kan|kunnen) (?:nog )?wijzigen|onder voorbehoud)\b",
    re.I,
)


def _is_furniture(text: str) -> bool:
    """ "Bron: Ministerie van Financiën", "Let op: deze activiteit heeft al plaatsgevonden", "Wijzigingen in de
    agenda zijn voorbehouden." -> True."""
    m = _LABEL.match(_BULLET_MARK.sub("", text))
    return bool(m and m[1].strip().lower() in NOT_ACTIVITY_LABELS) or bool(_DISCLAIMER.match(text))


def split_rollup(blocks: list[Block], page_date: date, inline_days: bool = False) -> tuple[list[Bullet], int]:
    """Ordered blocks -> (bullets under day headings, number of day headings).

    Every line under a day heading is a bullet (li, "Type: text (Place)" paragraphs, plain lines), except
    labelled fields (Datum, Locatie, ...) and their values, page furniture ("Bron: ..."), and the press block.
    Headings without a year take it from the page date (a week may span new year). With `inline_days` (a "week"
    page) a line led by its day ("Maandag 9 maart: Werkbezoek: ...") is a day and a bullet at once; a heading
    led by its day ("Maandag 9 maart – Brussel") is a day heading.
    """
    bullets: list[Bullet] = []
    headings = 0
    day: date | None = None
    group: Block | None = None  # "Werkbezoek aan Drenthe:" over a nested list: the type of its sub-bullets
    pending: tuple[str | None, str | None] = (None, None)  # a time on a line (or cell) of its own
    label: str | None = None  # a bold label on a line of its own, for the <br> line after it
    blocks = join_cells(blocks, page_date)
    for i, block in enumerate(blocks):
        if block.in_chrome or is_label_block(blocks, i):
            continue
        heading = parse_day_heading(block.text, page_date) or (_time_heading(block) if block.when else None)
        if heading is not None:
            day, headings, group = heading, headings + 1, None
            continue
        lead = day_prefix(block.text, page_date) if inline_days else None
        if lead is not None:  # "Maandag 9 maart: Werkbezoek: ..." on one line
            (day, text), headings, group = lead, headings + 1, None
            if block.tag in _HEADINGS:
                continue
            block = Block(block.tag, text, block.in_chrome, block.depth)
        if _PRESS.match(block.text) or (block.tag in _HEADINGS):
            day = None
            continue
        if day is None or is_press_line(block.text) or _is_furniture(block.text) or _NOTHING.match(block.text):
            continue
        if group is not None and block.depth <= group.depth:
            group = None
        if _is_group_label(blocks, i):
            group = block
            continue
        if _TIME_ONLY.match(block.text):
            pending = parse_times(block.text)
            continue
        if block.lead == block.text and _bold_label_line(blocks, i):  # "<b>Werkbezoek</b><br>Aan …": next line's
            label = block.text
            continue
        if label is not None and block.cont:
            block = block._replace(text=f"{label}: {block.text}", lead=None)
        label = None
        labelled = _bold_label(block) if block.lead else block.text
        bullet = _line_bullet(labelled, day, pending, group)
        bullets.append(bullet if labelled == block.text else bullet._replace(text=strip_bullet_mark(block.text)))
        pending = (None, None)
    return bullets, headings


_WEEKDAY_START = re.compile(
    r"^(?:ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b", re.I
)


def _time_heading(block: Block) -> date | None:
    """A heading (or a weekday line) whose `<time datetime>` holds the day: <h3><time datetime="2025-11-17">Maandag
    </time></h3> -> date(2025, 11, 17); a time inside an activity line is no heading."""
    from agendakaart.parse.dates import parse_iso_datetime

    if not block.when or len(block.text) > 40:
        return None
    if block.tag not in _HEADINGS and block.tag not in ("dt", "summary") and not _WEEKDAY_START.match(block.text):
        return None
    return parse_iso_datetime(block.when)[0]


def _bold_label_line(blocks: list[Block], i: int) -> bool:
    """A line that is only a bold type label, continued after a <br> by a text of three or more words (or with a
    place in parentheses): "<b>Werkbezoek</b><br>Aan de marechaussee (Schiphol)"; not "<b>Ministerraad</b><br>Den
    Haag"."""
    block, nxt = blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        block.lead == block.text
        and nxt is not None
        and nxt.cont
        and not block.text.endswith(":")
        and _is_short_label(block.text)
        and block.text[:1].isupper()
        and len(block.text.split()) <= 4
        and not _ROLEISH.search(block.text)
        and (len(nxt.text.split()) >= 3 or "(" in nxt.text)
        and not _TIME_ONLY.match(nxt.text)
        and not _LEAD_TIME.match(nxt.text)
    )


_ROLEISH = re.compile(r"\b(?:minister|staatssecretaris|premier|bewindspersoon|koning|koningin)\b", re.I)


def _bold_label(block: Block) -> str:
    """A bold type label without a colon, before a capitalised text, gets one: "<b>Werkbezoek</b> Aan de haven" ->
    "Werkbezoek: Aan de haven"; "10.00 uur <b>Gesprek</b> Met X" -> "10.00 uur Gesprek: Met X". A bold name
    ("<b>Minister Heinen</b> opent") or a sentence ("<b>Werkbezoek</b> aan Zwolle") stays as it is."""
    lead, text = block.lead, block.text
    if not lead or lead.endswith(":") or (pos := text.find(lead)) < 0:
        return text
    prefix, rest = strip_bullet_mark(text[:pos]), text[pos + len(lead) :].strip()
    if (prefix and not _TIME_ONLY.match(prefix)) or not rest or rest[0] in ":-–—" or _ROLEISH.search(lead):
        return text
    if not (_is_short_label(lead) and lead[:1].isupper() and len(lead.split()) <= 4):
        return text
    if not (rest[:1].isupper() or rest[:1] == "("):
        return text  # "<b>Werkbezoek</b> aan Zwolle" reads as one sentence: no label split off
    return f"{prefix} {lead}: {rest}".strip()


def _line_bullet(text: str, day: date, pending: tuple[str | None, str | None], group: Block | None) -> Bullet:
    """One roll-up line -> Bullet; a time from the line before and a group label fill what the line lacks."""
    bullet = split_bullet(text, day)
    if pending[0] and bullet.start_time is None:
        bullet = bullet._replace(start_time=pending[0], end_time=pending[1])
    if group is not None and bullet.type_label is None:
        bullet = bullet._replace(type_label=group.text.rstrip(" :"))
    return bullet


_TIME_ONLY = re.compile(
    r"^\s*(?:van\s+|om\s+)?\d{1,2}[.:]\d{2}(?:\s*(?:-|–|tot)\s*\d{1,2}[.:]\d{2})?\s*(?:uur|u)?\s*:?$", re.I
)
_CELLS = ("td", "th")


def join_cells(blocks: list[Block], page_date: date) -> list[Block]:
    """A table row is one roll-up line: "09.30 uur" | "Werkbezoek" | "bezoek (Ede)" -> "09.30 uur Werkbezoek: bezoek
    (Ede)"; a first cell that is a day heading stays apart (a day per row)."""
    out: list[Block] = []
    last = ""  # the text of the row's previous cell alone
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and block.tag in _CELLS
            and prev.tag in _CELLS
            and block.cell == prev.cell + 1
            and block.cell > 0
            and not block.cont
            and parse_day_heading(prev.text, page_date) is None
            and day_prefix(prev.text, page_date) is None
        ):
            label = _is_short_label(last) and not last.endswith(":") and not _TIME_ONLY.match(last)
            out[-1] = prev._replace(
                text=f"{prev.text}{': ' if label else ' '}{block.text}", cell=block.cell, lead=prev.lead or block.lead
            )
        else:
            out.append(block)
        last = block.text
    return out


def _is_group_label(blocks: list[Block], i: int) -> bool:
    """ "Werkbezoek aan Drenthe:" followed by deeper (nested) lines heads them; it is no activity itself."""
    text = blocks[i].text
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return text.endswith(":") and nxt is not None and nxt.depth > blocks[i].depth and _is_short_label(text.rstrip(" :"))


_TYPE_KEYS = frozenset(
    {"type", "soort", "label", "categorie", "category", "typelabel", "activiteittype", "activitytype", "kind"}
)


def payload_bullets(payloads: list, ref: date, weekish: bool) -> list[Bullet]:
    """A roll-up as structured payload data: [{"datum": ..., "items": [{"type", "tekst", "locatie"} | "line"]}]
    (days holding items), or, on a "week" page, a flat list of dated records. The longest such list wins."""
    from agendakaart.parse.payload import walk_lists

    best: list[Bullet] = []
    for value in payloads:
        for items in walk_lists(value):
            found = _nested_days(items, ref, weekish) or (_flat_records(items, ref) if weekish else [])
            if len(found) > len(best):
                best = found
    return best


def _day_of(record: dict, ref: date) -> date | None:
    from agendakaart.parse.dates import parse_date, parse_iso_datetime
    from agendakaart.parse.payload import groups_of

    raw = groups_of(record).get("date")
    if not isinstance(raw, str):
        return None
    return parse_iso_datetime(raw)[0] or parse_day_heading(raw, ref) or parse_date(raw, ref)


def _nested_days(items: list, ref: date, weekish: bool) -> list[Bullet]:
    out: list[Bullet] = []
    days = 0
    for record in items:
        if not isinstance(record, dict) or (day := _day_of(record, ref)) is None:
            continue
        children = next(
            (v for v in record.values() if isinstance(v, list) and v and all(isinstance(c, (dict, str)) for c in v)),
            None,
        )
        if children is None:
            continue
        days += 1
        out.extend(b for c in children if (b := _record_bullet(c, day)) is not None)
    return out if days >= 2 or (weekish and days) else []


def _flat_records(items: list, ref: date) -> list[Bullet]:
    dated = [(r, d) for r in items if isinstance(r, dict) and (d := _day_of(r, ref)) is not None]
    if len(dated) < 2 or len(dated) != len(items):
        return []
    return [b for r, d in dated if (b := _record_bullet(r, d)) is not None]


def _record_bullet(record: dict | str, day: date) -> Bullet | None:
    """One payload item -> Bullet; explicit type/location/time keys win over what the text itself says."""
    from agendakaart.parse.payload import groups_of

    if isinstance(record, str):
        return split_bullet(record, day) if record.strip() else None
    groups = groups_of(record)
    text = next((groups[g] for g in ("title", "body") if isinstance(groups.get(g), str)), None)
    if not text or not text.strip():
        return None
    label = next(
        (v for k, v in record.items() if k.lower().replace("_", "") in _TYPE_KEYS and isinstance(v, str)), None
    )
    b = split_bullet(f"{label}: {text}" if label else text, day)
    location = groups.get("location")
    start, end = parse_times(groups["time"]) if isinstance(groups.get("time"), str) else (None, None)
    return b._replace(
        location_text=location.strip() if isinstance(location, str) and location.strip() else b.location_text,
        start_time=start or b.start_time,
        end_time=end or b.end_time,
    )
