"""The item-page field sources other than the visible labels: JSON-LD, Next.js payload, meta tags; and attribution."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from agendakaart.parse.dates import parse_date, parse_iso_datetime, parse_times
from agendakaart.parse.html import Block, HTMLParser, blocks, clean, tree
from agendakaart.parse.payload import (
    groups_of,
    jsonld_objects,
    ld_type,
    nextjs_payloads,
    rsc_to_html,
    walk_dicts,
    walk_lists,
)
from agendakaart.parse.rollup import Bullet, split_bullet

SOURCE_ORDER = ("jsonld", "nextjs", "labels", "meta", "url")
_TAG = re.compile(r"<(?:p|li|ul|h[1-6]|div|br|strong|dl|dt|dd|table|tr|td)\b[^>]*>", re.I)
_NAME_KEYS = ("name", "naam", "title", "titel", "label", "value", "text", "fullname", "slug")


def _as_text(value: Any) -> str | None:
    """A payload value as text: strings as is, {"name": ...} by name, lists joined. {"name": "Leiden"} -> "Leiden"."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        name = _first_key(value, _NAME_KEYS)
        place = _first_key(value, _LOCALITY_KEYS) or next(
            (
                _first_key(v, _LOCALITY_KEYS)
                for k, v in value.items()
                if k.lower() in ("address", "adres") and isinstance(v, dict)
            ),
            None,
        )
        if name and place and _fold(place) not in _fold(name):
            return f"{name}, {place}"  # {"name": "Jaarbeurs", "city": "Utrecht"}: the city is the place
        if name or place:
            return name or place
        text = _first_key(value, ("streetaddress",))
        for k, v in value.items():
            if not text and k.lower() in ("address", "adres", "location", "locatie"):
                text = _as_text(v)
        return text
    if isinstance(value, list):
        parts = [t for t in (_as_text(v) for v in value) if t]
        return ", ".join(parts) or None
    return None


_LOCALITY_KEYS = ("addresslocality", "locality", "city", "stad", "plaats", "woonplaats", "gemeente")


def _first_key(value: dict, keys: tuple[str, ...]) -> str | None:
    """Text of the first of `keys` (case-insensitive, in that order) that has any. {"City": "Ede"} -> "Ede"."""
    lowered = {str(k).lower(): v for k, v in value.items()}
    return next((t for k in keys if k in lowered and (t := _as_text(lowered[k]))), None)


def _names(value: Any) -> list[str]:
    """Person values: "X", ["X", "Y"], [{"naam": "X"}, {"slug": "y"}] -> ["X", "Y"] (slugs kept as given)."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        found = [str(v) for k, v in value.items() if k.lower() in ("slug", "name", "naam", "fullname") and v]
        return found
    return [value.strip()] if isinstance(value, str) and value.strip() else []


def _date_time(value: Any) -> tuple[Any, str | None]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):  # epoch milliseconds
        return parse_iso_datetime(value)
    text = _as_text(value)
    if not text:
        return None, None
    day, time = parse_iso_datetime(text)
    if day is None:
        day = parse_date(text)
    if time is None and day is not None and not re.match(r"^\d{4}-\d{2}-\d{2}$", text.strip()):
        time = parse_times(text)[0]
    return day, time


def _record_fields(rec: dict[str, Any]) -> dict[str, Any]:
    """One payload / JSON-LD record's values by field group -> parser fields."""
    day, start = _date_time(rec.get("date"))
    _, end = _date_time(rec.get("end"))
    if rec.get("time") and start is None:
        start, end2 = parse_times(_as_text(rec["time"]))
        end = end or end2
    if rec.get("endtime") and end is None:
        end = parse_times(_as_text(rec["endtime"]))[0]
    if start == "00:00" and end in (None, "00:00"):
        start = end = None  # local midnight: a day without a shown time (the platform's showTime false), not 0:00
    title = rec.get("title")
    body = _as_text(rec.get("body"))
    return {
        "title": clean(title) if isinstance(title, str) else None,
        "date": day,
        "start_time": start,
        "end_time": end if start else None,
        "location": clean(_as_text(rec.get("location"))) or None,
        "description": _plain(body),
        "ministry": clean(_as_text(rec.get("ministry"))) or None,
        "persons": _names(rec.get("persons")) or None,
    }


def _plain(text: str | None) -> str | None:
    if not text:
        return None
    if _TAG.search(text):
        return "\n".join(b.text for b in blocks(tree(text).body)) or None
    return text.strip() or None


def jsonld_fields(doc: HTMLParser) -> dict[str, Any]:
    """The first schema.org Event in JSON-LD -> fields (name, startDate, endDate, location, description, ...)."""
    for obj in jsonld_objects(doc):
        if "event" in " ".join(ld_type(obj)):
            rec = groups_of(obj)
            rec["title"] = obj.get("name") or obj.get("headline") or rec.get("title")
            rec["date"] = obj.get("startDate") or rec.get("date")
            rec["end"] = obj.get("endDate") or rec.get("end")
            people = [obj.get(k) for k in ("performer", "attendee", "actor") if obj.get(k)]
            rec["persons"] = people or rec.get("persons")
            return _record_fields(rec)
    return {}


def jsonld_events(doc: HTMLParser) -> list[Bullet]:
    """Two or more JSON-LD Events on one page are a roll-up: one Bullet per event."""
    events = [o for o in jsonld_objects(doc) if "event" in " ".join(ld_type(o))]
    if len(events) < 2:
        return []
    out: list[Bullet] = []
    for ev in events:
        day, start = _date_time(ev.get("startDate"))
        name = ev.get("name")
        if day is None or not isinstance(name, str) or not name.strip():
            continue
        b = split_bullet(name, day)
        _, end = _date_time(ev.get("endDate"))
        location = clean(_as_text(ev.get("location"))) or b.location_text
        out.append(
            b._replace(location_text=location, start_time=start or b.start_time, end_time=end if start else b.end_time)
        )
    return out


def nextjs_fields(doc: HTMLParser, path_day: date | None = None) -> tuple[list[str], dict[str, Any]]:
    """Next.js payloads -> (HTML fragments found or rendered from them, fields of the richest record).

    A record dated on the URL's path date beats one that is not (a "related items" teaser has a title and a
    date too); a dated record without a title key takes its "pageTitle"/"seoTitle"-like key."""
    payloads = nextjs_payloads(doc)
    htmls: list[str] = []
    best: dict[str, Any] | None = None
    best_score = 0
    persons: list[str] = []
    for payload in payloads:
        rendered = payload if isinstance(payload, str) and _TAG.search(payload) else rsc_to_html(payload)
        if rendered:  # a React element tree, or a flight text row holding HTML
            htmls.append(rendered)
        for obj in walk_dicts(payload):
            rec = groups_of(obj)
            persons.extend(_names(rec.get("persons")))
            if "date" in rec and "title" not in rec and (title := _any_title(obj)):
                rec["title"] = title
            score = (
                sum(g in rec for g in ("title", "date", "location", "body", "time"))
                + 2 * ("title" in rec and "date" in rec)
                + 3 * (path_day is not None and _date_time(rec.get("date"))[0] == path_day)
            )
            if score > best_score and ("title" in rec or "date" in rec):
                best, best_score = rec, score
            htmls.extend(v for v in obj.values() if isinstance(v, str) and _TAG.search(v))
    fields = _record_fields(best) if best else {}
    if persons:
        fields["persons"] = persons
    return htmls, fields


def _any_title(obj: dict) -> str | None:
    """A title under a prefixed key. {"pageTitle": "Opening"} -> "Opening"."""
    return next(
        (
            clean(v)
            for k, v in obj.items()
            if isinstance(v, str) and v.strip() and re.sub(r"[^a-z]", "", str(k).lower()).endswith(("title", "titel"))
        ),
        None,
    )


def payload_texts(doc: HTMLParser) -> list[str]:
    """Multi-line plain strings in the payloads (a roll-up written as plain text lines)."""
    out = []
    for payload in nextjs_payloads(doc):
        for obj in walk_dicts(payload):
            out.extend(v for v in obj.values() if isinstance(v, str) and v.count("\n") >= 2 and not _TAG.search(v))
        for items in walk_lists(payload):  # rich text as blocks: [{"type": "h3", "children": [{"text": ...}]}, ...]
            lines = [line for item in items if isinstance(item, dict) and (line := _block_text(item).strip())]
            if len(lines) >= 3:
                out.append("\n".join(lines))
    return out


_TEXT_KEYS = ("text", "value", "children", "content", "tekst")


def _block_text(value: Any, depth: int = 0) -> str:
    """One rich-text block -> its text. {"children": [{"text": "Werkbezoek: "}, {"text": "x"}]} -> "Werkbezoek: x"."""
    if depth > 20:
        return ""
    if isinstance(value, str):
        return value if "\n" not in value else value.replace("\n", " ")
    if isinstance(value, list):
        return "".join(_block_text(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return "".join(_block_text(value[k], depth + 1) for k in _TEXT_KEYS if k in value)
    return ""


def meta_fields(meta: dict[str, str], doc: HTMLParser) -> dict[str, Any]:
    """DCTERMS / Open Graph meta -> title, ministry, event date, location, description."""

    def first(*keys: str) -> str | None:
        return next((meta[k] for k in keys if meta.get(k)), None)

    title = first("dcterms.title")
    if not title:
        node = doc.css_first("title")
        raw = first("og:title", "twitter:title") or (clean(node.text()) if node is not None else "")
        title = re.sub(r"\s+[|–—]\s+[^|–—]*(?:rijksoverheid|\.nl\b|\.com\b)[^|–—]*$", "", raw, flags=re.I) or None
    day, start = _date_time(
        first("event:start_date", "event:startdate", "startdate", "dcterms.date", "dcterms.temporal", "event:date")
    )
    return {
        "title": title,
        "date": day,
        "start_time": start,
        "ministry": next(
            (
                v
                for v in (meta.get("dcterms.creator"), meta.get("dcterms.publisher"))
                if v and v.lower().startswith("ministerie")
            ),
            None,
        ),  # not "Rijksoverheid"
        "location": first("event:location", "geo.placename"),  # not DCTERMS.spatial: site-wide
        "description": first("dcterms.description", "og:description", "description"),
    }


_APOSTROPHES = str.maketrans({c: "'" for c in "\u2019\u2018\u02bc\u00b4`\u2032"})


_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold(text: str) -> str:
    """Case, accents and apostrophe forms folded. "Boekholt-O’Sullivan" -> "boekholt-o'sullivan"."""
    if text.isascii():
        return text.replace("`", "'").casefold()
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    return _COMBINING.sub("", text).casefold()


def _bare_name(name: str) -> str:
    """ "Daniëlle Jansen (D.E.M.C. Jansen)" -> "Daniëlle Jansen"."""
    return re.sub(r"\s*\(.*?\)\s*", " ", name).strip()


def person_slugs(
    people: Mapping[str, str], given: Iterable[str] | None, page_blocks: list[Block], title: str
) -> tuple[str, ...]:
    """Known persons named on the page (full name, case and accents folded) or in the payload (name or slug)."""
    given = [g for g in (given or []) if isinstance(g, str)]
    found = {g for g in given if g in people}
    pattern, by_name = _name_matcher(tuple(sorted(people.items())))
    if pattern is not None:
        haystack = _fold(" \n ".join([title, *given, *(b.text for b in page_blocks if not b.in_chrome)]))
        found |= {by_name[m.group(0)] for m in pattern.finditer(haystack)}
        by_role, by_surname = _surname_matcher(tuple(sorted(people.items())))
        if by_role is not None:
            found |= {by_surname[m.group(1)] for m in by_role.finditer(haystack)}
    return tuple(sorted(found))


_ROLE_WORDS = r"(?:minister-president|viceminister-president|premier|minister|staatssecretaris|bewindspersoon)"


@lru_cache(maxsize=64)
def _surname_matcher(people: tuple[tuple[str, str], ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    """Role + surname ("Minister Heinen", "staatssecretaris Van Marum") for surnames exactly one known person has.

    ("eelco-heinen", "Eelco Heinen") -> pattern matching "minister heinen" (folded) -> "eelco-heinen"
    """
    owners: dict[str, set[str]] = {}
    for slug, name in people:
        parts = _fold(_bare_name(name)).split()
        for k in range(1, len(parts)):  # "jan anthonie bruijn": "anthonie bruijn" and "bruijn"
            owners.setdefault(" ".join(parts[k:]), set()).add(slug)
    unique = {surname: next(iter(slugs)) for surname, slugs in owners.items() if len(slugs) == 1}
    if not unique:
        return None, unique
    names = sorted(unique, key=len, reverse=True)
    post = r"(?:\s+(?:van|voor)(?:\s+[\w'-]+){1,5}?)?"  # "minister van Financiën Heinen"
    former = r"(?<!oud-)(?<!ex-)(?<!voormalig )(?<!voormalige )(?<!oud )"  # "oud-minister Jansen" is someone else
    return re.compile(rf"(?<!\w){former}{_ROLE_WORDS}{post}\s+(" + "|".join(map(re.escape, names)) + r")(?!\w)"), unique


@lru_cache(maxsize=64)
def _name_matcher(people: tuple[tuple[str, str], ...]) -> tuple[re.Pattern | None, dict[str, str]]:
    """One regex over all known full names (folded, whole words, longest first) -> (pattern, name -> slug)."""
    by_name = {_fold(_bare_name(name)): slug for slug, name in people if _bare_name(name)}
    if not by_name:
        return None, by_name
    names = sorted(by_name, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)"), by_name


_MINISTRY_PREFIX = re.compile(r"^(?:het\s+)?ministerie\s+(?:van|voor)\s+", re.I)


def short_ministry(value: str | None) -> str | None:
    """Ministry as the persons table writes it. "Ministerie van Financiën" -> "Financiën"."""
    if not value:
        return None
    return _MINISTRY_PREFIX.sub("", clean(value)).strip() or None


_PUBLISHED = re.compile(r"gepubliceerd|geplaatst|publicatie|bijgewerkt|gewijzigd|published|modified|updated", re.I)


# the platform's kind-and-date line ("Agenda-item 11-11-2024 | 14:05", "Nieuwsbericht 11-09-2026 | 14:30"): when the
# page was published, not when the activity is
_KIND_LINE = re.compile(
    r"^\s*(?:agenda(?:-?item)?|weekagenda|nieuws(?:bericht)?|bericht|publicatie|toespraak|video|document)\b"
    r"|\d{1,2}-\d{1,2}-\d{4}\s*\|",
    re.I,
)


def time_elements(root, ref=None) -> dict[str, Any]:
    """`<time datetime>` in the page's content (not nav/footer/aside, not a link to another page, not a
    publication date) -> {"date", "start_time", "end_time"}; a second time on the same day is the end.

    <time datetime="2025-11-04T09:30">09.30</time>-<time datetime="2025-11-04T10:30">10.30</time>
    -> {"date": date(2025, 11, 4), "start_time": "09:30", "end_time": "10:30"}
    """
    from agendakaart.parse.html import has_ancestor, in_chrome

    found: list[tuple[Any, str | None]] = []
    for node in root.css("time[datetime]") if root is not None else []:
        attrs = " ".join(str(v) for k, v in node.attributes.items() if k != "datetime")
        context = (node.parent.text(separator=" ") if node.parent is not None else "")[:120]
        if (
            has_ancestor(node, ("nav", "footer", "aside", "a"))
            or _PUBLISHED.search(attrs)
            or _PUBLISHED.search(context)
            or _KIND_LINE.search(context)
            or in_chrome(node)
        ):
            continue
        day, at = parse_iso_datetime(node.attributes.get("datetime") or "")
        if day is not None and ref is not None and day < ref:
            continue  # before the item's path date (its day, or a roll-up's Monday): a publication, not the activity
        if day is not None:
            found.append((day, at))
    if not found:
        return {}
    day, start = found[0]
    end = next((t for d, t in found[1:] if d == day and t and start and t > start), None)
    return {"date": day, "start_time": start, "end_time": end}
