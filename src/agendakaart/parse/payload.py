"""Structured data inside a page: JSON-LD objects and Next.js payloads (__NEXT_DATA__, self.__next_f.push chunks).

Keys are searched for, not addressed by path: the site's payload shape changes, its vocabulary (English or
Dutch) less so.
"""

from __future__ import annotations

import html as htmlmod
import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from agendakaart.parse.html import HTMLParser

log = logging.getLogger(__name__)

KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title", "titel", "name", "naam", "headline", "heading", "kop", "onderwerp"),
    "date": ("startdate", "startdatum", "date", "datum", "eventdate", "start", "dag", "day", "begindatum"),
    "end": ("enddate", "einddatum", "end", "eind"),
    "time": ("time", "tijd", "starttime", "starttijd", "aanvang", "tijdstip", "begintijd"),
    "endtime": ("endtime", "eindtijd"),
    "location": ("location", "locatie", "plaats", "address", "adres", "place", "venue", "lokatie", "waar"),
    "body": (
        "body",
        "tekst",
        "text",
        "content",
        "inhoud",
        "description",
        "omschrijving",
        "beschrijving",
        "intro",
        "samenvatting",
        "summary",
        "html",
        "richtext",
    ),
    "persons": (
        "persons",
        "bewindspersonen",
        "bewindspersoon",
        "people",
        "person",
        "personen",
        "minister",
        "ministers",
        "performer",
        "attendee",
        "attendees",
        "persoon",
    ),
    "ministry": (
        "ministry",
        "ministerie",
        "organisation",
        "organization",
        "organisatie",
        "organizer",
        "department",
        "creator",
        "afzender",
    ),
}
_NORM = re.compile(r"[^a-z]")
_KEY_GROUP = {k: g for g, keys in KEYS.items() for k in keys}


_NOT_EVENT_DATE = ("publi", "modif", "updat", "creat", "gewijzigd", "wijzig", "changed", "index", "expir")


_NOT_A_TIME = (
    "end",
    "eind",
    "publ",
    "update",
    "modif",
    "creat",
    "show",
    "toon",
    "read",
    "lees",
    "sort",
    "last",
    "gewijzigd",
)


def key_group(key: str) -> str | None:
    """Payload key -> field group. "start_date" -> "date", "eventStartDateTime" -> "date", "eventEndDate" -> "end",
    "slug" -> None."""
    k = _NORM.sub("", key.lower())
    if k in _KEY_GROUP:
        return _KEY_GROUP[k]
    if any(x in k for x in _NOT_EVENT_DATE):
        return None
    if k.startswith(("end", "eind")) and any(x in k for x in ("date", "datum", "time", "tijd")):
        return "end"
    if re.search(r"(?:end|eind)(?:date|datum)", k):  # "eventEndDate", "activiteitEinddatum"
        return "end"
    if re.search(r"(?:end|eind)(?:time|tijd)$", k):  # "eventEndTime": "11:00"
        return "endtime"
    if re.search(r"(?:event|activity|activiteit|item|agenda)(?:end|eind)$", k):  # "eventEnd"
        return "end"
    if k.endswith(("start", "begin")):  # "eventStart", "activiteitBegin"
        return "date"
    if "start" in k or "begin" in k or k.endswith(("date", "datum")):
        return "date" if any(x in k for x in ("date", "datum")) else ("time" if "tijd" in k or "time" in k else None)
    if "locat" in k or "plaats" in k or k.endswith("venue"):
        return "location"
    if k.endswith(("tijd", "tijdstip", "time")) and not k.startswith(_NOT_A_TIME):  # "aanvangstijd", "beginTime"
        return "time"
    if k.endswith(("people", "persons", "personen", "bewindspersonen", "ministers")):  # "relatedPeople"
        return "persons"
    if k.endswith(("title", "titel")) and not k.startswith(("sub", "page", "seo", "site", "meta", "og", "nav")):
        return "title"
    return None


def jsonld_objects(doc: HTMLParser) -> list[dict]:
    """Every object in <script type=application/ld+json>, @graph flattened; broken JSON skipped."""
    out: list[dict] = []
    for script in doc.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text(deep=True) or "")
        except ValueError:
            log.debug("broken JSON-LD skipped")
            continue
        out.extend(_flatten_ld(data))
    return out


def _flatten_ld(data: Any) -> Iterator[dict]:
    """Every typed object, wherever it sits (@graph, mainEntity, lists)."""
    for obj in walk_dicts(data):
        if "@type" in obj or obj is data:
            yield obj


def ld_type(obj: dict) -> set[str]:
    """{"@type": ["Event", "x"]} -> {"event", "x"}."""
    t = obj.get("@type")
    types = t if isinstance(t, list) else [t]
    return {str(x).lower() for x in types if x}


def nextjs_payloads(doc: HTMLParser) -> list[Any]:
    """Decoded Next.js data: the __NEXT_DATA__ JSON, other JSON scripts, and the values in __next_f chunks."""
    out: list[Any] = []
    chunks: list[str] = []
    for script in doc.css("script"):
        text = script.text(deep=True) or ""
        attrs = script.attributes
        if attrs.get("id") == "__NEXT_DATA__" or (attrs.get("type") or "").lower() == "application/json":
            try:
                out.append(json.loads(text))
            except ValueError:
                log.debug("broken JSON payload skipped")
        elif "__next_f" in text:
            chunks.extend(_push_strings(text))
    if chunks:
        out.extend(_flight_values("".join(chunks)))
    return out


_PUSH = re.compile(r"__next_f\.push\(\s*")


def _push_strings(script: str) -> Iterator[str]:
    """self.__next_f.push([1,"..."]) -> the string parts."""
    decoder = json.JSONDecoder()
    for m in _PUSH.finditer(script):
        try:
            value, _ = decoder.raw_decode(script, m.end())
        except ValueError:
            continue
        if isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))


_FLIGHT_LINE = re.compile(r"^([0-9a-fA-F]+):(T[0-9a-fA-F]+,)?", re.M)


def _flight_values(stream: str) -> Iterator[Any]:
    """The React flight stream "1:{...}\\n2:[...]" -> each row's JSON value (text rows as strings)."""
    starts = list(_FLIGHT_LINE.finditer(stream))
    if not starts:
        yield from _json_values(stream)
        return
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(stream)
        row = stream[m.end() : end].strip()
        if m.group(2):
            yield row
            continue
        try:
            yield json.loads(row)
        except ValueError:
            yield from _json_values(row)


def _json_values(text: str) -> Iterator[Any]:
    """Every top-level JSON object/array found by scanning (for payload text that is not one JSON value)."""
    decoder = json.JSONDecoder()
    i = 0
    while i < len(text):
        j = min((p for p in (text.find("{", i), text.find("[", i)) if p >= 0), default=-1)
        if j < 0:
            return
        try:
            value, end = decoder.raw_decode(text, j)
        except ValueError:
            i = j + 1
            continue
        yield value
        i = end


def walk_dicts(value: Any, depth: int = 0) -> Iterator[dict]:
    """Every dict inside a JSON value, document order (depth-capped against hostile nesting)."""
    if depth > 60:
        return
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from walk_dicts(v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            yield from walk_dicts(v, depth + 1)


def walk_lists(value: Any, depth: int = 0) -> Iterator[list]:
    """Every list inside a JSON value, document order."""
    if depth > 60:
        return
    if isinstance(value, list):
        yield value
        for v in value:
            yield from walk_lists(v, depth + 1)
    elif isinstance(value, dict):
        for v in value.values():
            yield from walk_lists(v, depth + 1)


def groups_of(obj: dict) -> dict[str, Any]:
    """A dict's values by field group; the first key of each group wins; empty values ignored."""
    out: dict[str, Any] = {}
    for k, v in obj.items():
        g = key_group(str(k))
        if not g or v in (None, "", [], {}):
            continue
        if g not in out or (g in ("date", "end") and _only_day(out[g]) and _same_day_with_time(out[g], v)):
            out[g] = v  # {"date": "2026-04-08", "startDate": "2026-04-08T11:00:00Z"}: the instant says more
    return out


def _only_day(value: Any) -> bool:
    return isinstance(value, str) and bool(re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value))


def _same_day_with_time(day: Any, value: Any) -> bool:
    """'2026-04-08' and '2026-04-08T11:00:00.000Z' -> True (a UTC instant may fall on the day before locally;
    the date part of the text is compared, as written)."""
    return isinstance(value, str) and "T" in value and value.strip()[:10] == str(day).strip()[:10]


def rsc_to_html(value: Any, depth: int = 0) -> str:
    """React element tree ["$", "h1", key, {"children": ...}] -> HTML text, so the label parser can read it.

    >>> rsc_to_html(["$", "dt", None, {"children": "Datum"}])
    '<dt>Datum</dt>'
    """
    if depth > 80:
        return ""
    if isinstance(value, str):
        return "" if value.startswith("$") else htmlmod.escape(value)
    if not isinstance(value, list):
        return ""
    if len(value) == 4 and value[0] == "$" and isinstance(value[1], str) and isinstance(value[3], dict):
        tag = value[1] if re.fullmatch(r"[a-z][a-z0-9]*", value[1]) else "div"
        if tag in ("script", "style", "template"):
            return ""
        inner = rsc_to_html(value[3].get("children"), depth + 1)
        html_prop = value[3].get("dangerouslySetInnerHTML")
        if isinstance(html_prop, dict) and isinstance(html_prop.get("__html"), str):
            inner += html_prop["__html"]
        return f"<{tag}>{inner}</{tag}>"
    return "".join(rsc_to_html(v, depth + 1) for v in value)
