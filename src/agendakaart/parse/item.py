"""Agenda item page -> (AgendaPage, [Activity]): JSON-LD -> Next.js payload -> labelled fields -> meta -> URL.

Each source gives what it can; per field the first source in that order wins, and `field_sources` says which.
A page with day headings and bullets is a weekly roll-up and gives one Activity per bullet.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from agendakaart.errors import ParseError
from agendakaart.models import Activity, AgendaKind, AgendaPage, activity_id
from agendakaart.parse.dates import date_from_path, parse_date, parse_day_heading, parse_times
from agendakaart.parse.html import (
    Block,
    blocks,
    clean,
    in_chrome,
    main_root,
    meta_tags,
    ministry_link,
    platform_links,
    strip_chrome_sections,
    tree,
)
from agendakaart.parse.labels import is_label_block, labelled_fields
from agendakaart.parse.payload import nextjs_payloads
from agendakaart.parse.rollup import Bullet, is_press_line, payload_bullets, split_rollup, strip_bullet_mark
from agendakaart.parse.sources import (
    SOURCE_ORDER,
    jsonld_events,
    jsonld_fields,
    meta_fields,
    nextjs_fields,
    payload_texts,
    person_slugs,
    short_ministry,
    time_elements,
)

_NOTICE = re.compile(r"^(let op|deze activiteit|activiteitendata|terug naar|deel deze|delen)\b", re.I)
# a "soft 404": an error page served with status 200 is no agenda item
_ERROR_PAGE = re.compile(
    r"^(?:(?:fout\s*)?404\b|pagina (?:is )?niet gevonden|niet gevonden|page not found|deze pagina "
    r"bestaat niet|er is iets (?:mis)?gegaan|(?:interne )?serverfout|internal server error)",
    re.I,
)
# the platform's kind-and-date line: "Agenda-item", "Weekagenda 11-11-2024 | 14:05" (page furniture, not text)
_KIND_LINE = re.compile(
    r"^(?:agenda-?item|weekagenda|agenda|nieuwsbericht)(?:\s*\|?\s*\d{1,2}-\d{1,2}-\d{4}(?:\s*\|\s*\d{1,2}[:.]\d{2})?)?$",
    re.I,
)
_WEEK = re.compile(r"\bweek\b|weekagenda|week-\d", re.I)


def parse_item(html: str, url: str, people: Mapping[str, str] | None = None) -> tuple[AgendaPage, list[Activity]]:
    """Item page HTML + its canonical URL -> the page and its activities; ParseError without title or date.

    people: known bewindspersonen {slug: name}; their names (or slugs in a payload) on the page attribute it.
    """
    doc = tree(html)
    linked, _related = platform_links(doc, url)
    ministry_by_link = ministry_link(doc)
    strip_chrome_sections(doc)
    root = main_root(doc)
    page_blocks = blocks(root)
    payloads_html, candidates = _candidates(doc, page_blocks, url, root)
    merged, sources = _merge(candidates)
    if not merged.get("ministry") and ministry_by_link:
        merged["ministry"], sources["ministry"] = ministry_by_link, "breadcrumb"
    page_date = merged.get("date")
    if not merged.get("title"):
        raise ParseError("geen titel gevonden (jsonld/nextjs/labels/meta)")
    if _ERROR_PAGE.match(merged["title"]):
        raise ParseError(f"foutpagina met status 200 ('{merged['title'][:60]}')")
    if not isinstance(page_date, date):
        raise ParseError("geen datum gevonden (jsonld/nextjs/labels/meta/url)")
    payload_blocks = list(_rendered(tuple(payloads_html))[0]) if payloads_html else []
    bullets, rollup_source = _best_rollup(doc, page_blocks, payloads_html, url, merged)
    persons = tuple(
        sorted(
            {
                *person_slugs(
                    people or {},
                    merged.get("persons"),
                    _not_in_lines(page_blocks + payload_blocks, bullets),
                    merged["title"],
                ),
                *linked,
            }
        )
    )
    page = AgendaPage(
        url=url,
        persons=persons,
        title=merged["title"],
        page_date=date_from_path(url) or page_date,
        ministry=short_ministry(merged.get("ministry")),
        location_text=merged.get("location"),
        kind=AgendaKind.ROLLUP if bullets else AgendaKind.SINGLE,
        content_sha256=hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest(),
        field_sources={**sources, **({"rollup": rollup_source} if bullets else {})},
    )
    if not bullets and not merged.get("start_time"):
        start, end = _time_in_text(merged.get("description"))
        if start:
            merged = {**merged, "start_time": start, "end_time": end}
            page = replace(page, field_sources={**page.field_sources, "start_time": "text"})
    if bullets:
        return page, [
            _bullet_activity(page, i, b, person_slugs(people or {}, None, [], b.text)) for i, b in enumerate(bullets)
        ]
    return page, [_single_activity(page, merged)]


def _not_in_lines(page_blocks: list[Block], bullets: list[Bullet]) -> list[Block]:
    """The blocks that are no (part of a) roll-up line: a line naming a minister concerns that line, not the
    whole week."""
    if not bullets:
        return page_blocks
    lines = "\n".join(b.text for b in bullets)
    return [b for b in page_blocks if strip_bullet_mark(b.text) not in lines]


def _candidates(doc, page_blocks: list[Block], url: str, root=None) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """What each source gives on its own: {source: {field: value}} (+ HTML fragments from the payload)."""
    payloads_html, fields_nextjs = nextjs_fields(doc, date_from_path(url))
    if payloads_html:  # labelled fields and an h1 rendered only inside the payload fill what its records lack
        payload_blocks, h1 = _rendered(tuple(payloads_html))
        from_html = _label_fields(list(payload_blocks), h1, date_from_path(url))
        fields_nextjs = {
            **{k: v for k, v in from_html.items() if k != "description"},
            **{k: v for k, v in fields_nextjs.items() if v not in (None, "", (), [])},
        }
    return payloads_html, {
        "jsonld": jsonld_fields(doc),
        "nextjs": fields_nextjs,
        "labels": _label_fields(
            page_blocks,
            _title_from_blocks(doc, page_blocks),
            date_from_path(url),
            time_elements(root if root is not None else main_root(doc), date_from_path(url)),
        ),
        "meta": meta_fields(meta_tags(doc), doc),
        "url": {"date": date_from_path(url)},
    }


@lru_cache(maxsize=4)
def _rendered(payloads_html: tuple[str, ...]) -> tuple[tuple[Block, ...], str | None]:
    """HTML found in or rendered from the payloads -> (its blocks, its h1 text); parsed once per page."""
    doc = strip_chrome_sections(tree("\n".join(payloads_html)))
    h1 = doc.css_first("h1")
    return tuple(blocks(doc.body)), (clean(h1.text(separator=" ")) or None) if h1 is not None else None


def diagnose_item(html: str, url: str) -> dict[str, Any]:
    """For `doctor`: which sources gave anything, which field came from where, which fields stayed empty."""
    doc = strip_chrome_sections(tree(html))
    page_blocks = blocks(main_root(doc))
    _, candidates = _candidates(doc, page_blocks, url)
    merged, sources = _merge(candidates)
    found = [s for s in SOURCE_ORDER if any(v not in (None, "", (), []) for v in candidates[s].values())]
    wanted = ("title", "date", "start_time", "location", "description", "ministry", "persons")
    try:
        page, acts = parse_item(html, url)
        error = None
    except ParseError as exc:
        page, acts, error = None, [], str(exc)
    if page is not None:  # what the page gives beyond the merged sources: breadcrumb ministry, person links
        sources = {**sources, **{k: v for k, v in page.field_sources.items() if k == "ministry"}}
        if page.ministry:
            merged.setdefault("ministry", page.ministry)
        if page.persons and "persons" not in merged:
            merged["persons"], sources["persons"] = page.persons, "links"
    return {
        "sources": found,
        "fields": sources,
        "empty": [f for f in wanted if f not in merged],
        "activities": len(acts),
        "error": error,
    }


def _merge(candidates: dict[str, dict[str, Any]]) -> tuple[dict[str, Any], dict[str, str]]:
    """Per field, the first source (in SOURCE_ORDER) with a value."""
    merged: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for source in SOURCE_ORDER:
        for field, value in (candidates.get(source) or {}).items():
            if value not in (None, "", (), []) and field not in merged:
                merged[field], sources[field] = value, source
    return merged, sources


def _title_from_blocks(doc, page_blocks: list[Block]) -> str | None:
    """The page's h1: in main/article first, else any h1 outside header/nav/footer (a logo is no title)."""
    for selector in ("main h1", "article h1", "[role=main] h1", "h1"):
        for h1 in doc.css(selector):
            if not in_chrome(h1) and (text := clean(h1.text(separator=" "))):
                return text
    for block in page_blocks:  # no h1: the first h2/h3 that is not a day, a section name or the press block
        if (
            block.tag in ("h2", "h3")
            and not block.in_chrome
            and not _NOTICE.match(block.text)
            and not _is_date_line(block.text)
            and not re.match(r"^informatie voor de pers", block.text, re.I)
        ):
            return block.text
    return None


def _label_fields(
    page_blocks: list[Block], title: str | None, ref: date | None = None, times: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The visible page: h1 title, labelled Datum/Tijd/Locatie fields, free text as description; `times` (from
    `<time datetime>`) fills a date and times no label gave."""
    fields = labelled_fields(page_blocks)
    out: dict[str, Any] = {"title": title, "location": fields.get("location"), "ministry": fields.get("ministry")}
    if fields.get("persons"):
        out["persons"] = [fields["persons"]]
    day = parse_date(fields.get("date"), ref) if fields.get("date") else None  # "10 maart": year of the path
    times = times or {}
    out["date"] = day or times.get("date") or _dated_line(page_blocks)  # a <time datetime> over a bare date line
    start, end = parse_times(fields.get("time") or "")
    if start is None and fields.get("date"):
        start, end = parse_times(fields["date"])
    if start is None and times.get("start_time") and (day is None or day == times.get("date")):
        start, end = times["start_time"], times.get("end_time")
    out["start_time"], out["end_time"] = start, end
    out["description"] = _description(page_blocks, title)
    return out


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _dated_line(page_blocks: list[Block]) -> date | None:
    """No Datum field: a line near the top that is only a date with its year ("donderdag 14 november 2024") is
    the page's own date (it wins over the path); a yearless one ("14 november") leaves the path's date."""
    for block in [b for b in page_blocks if not b.in_chrome][:8]:
        if _is_date_line(block.text) and _YEAR.search(block.text):
            return parse_date(block.text)
    return None


def _description(page_blocks: list[Block], title: str | None) -> str | None:
    """Free text of the page: paragraphs that are not the title, a label, a notice or the press block."""
    lines: list[str] = []
    for i, block in enumerate(page_blocks):
        text = block.text
        if block.in_chrome or text == title or block.tag in ("h1",) or _NOTICE.match(text) or _KIND_LINE.match(text):
            continue
        if re.match(r"^informatie voor de pers", text, re.I):
            break
        if is_label_block(page_blocks, i) or is_press_line(text) or _is_date_line(text):
            continue
        if block.tag in ("p", "li", "div", "section", "article", "main", "body", "pre", "blockquote"):
            lines.append(text)
    return "\n".join(lines) or None


def _is_date_line(text: str) -> bool:
    """A line that is only a date ("05 juli", "5 juli 2024") is page furniture, not description."""
    return len(text) < 40 and (
        parse_day_heading(text, date(2000, 1, 1)) is not None or parse_date(text) is not None and len(text) < 25
    )


def _best_rollup(doc, page_blocks, payloads_html: list[str], url: str, merged: dict) -> tuple[list[Bullet], str]:
    """Roll-up bullets from the richest source (JSON-LD events, payload HTML/text, the visible page)."""
    ref = date_from_path(url) or merged["date"]
    weekish = bool(_WEEK.search(url.rsplit("/", 1)[-1]) or _WEEK.search(merged.get("title") or ""))
    options: list[tuple[list[Bullet], str]] = [
        (jsonld_events(doc), "jsonld"),
        (payload_bullets(nextjs_payloads(doc), ref, weekish), "nextjs"),
    ]
    for html in payloads_html:
        options.append((_rollup_of(blocks(tree(html).body), ref, weekish), "nextjs"))
    for text in payload_texts(doc):
        options.append(
            (_rollup_of([Block("p", ln.strip()) for ln in text.splitlines() if ln.strip()], ref, weekish), "nextjs")
        )
    options.append((_rollup_of(page_blocks, ref, weekish), "labels"))
    best = max(options, key=lambda o: len(o[0]))
    return best


def _rollup_of(page_blocks: list[Block], ref: date, weekish: bool) -> list[Bullet]:
    """Bullets, when the blocks really are a roll-up: two day headings, or one on a "week" page."""
    bullets, headings = split_rollup(page_blocks, ref, inline_days=weekish)
    if headings >= 2 and len(bullets) >= 2 or weekish and bullets:
        return bullets
    return []


def _bullet_activity(page: AgendaPage, ordinal: int, b: Bullet, named: tuple[str, ...] = ()) -> Activity:
    """One roll-up line -> Activity; its persons are the page's and those the line itself names."""
    persons = tuple(sorted(set(page.persons) | set(named)))
    return Activity(
        id=activity_id(page.url, b.date, ordinal, b.text),
        page_url=page.url,
        persons=persons,
        date=b.date,
        title=b.title,
        start_time=b.start_time,
        end_time=b.end_time,
        type_label=b.type_label,
        location_text=b.location_text,
        ministry=page.ministry,
        ordinal=ordinal,
        source=page.source,
    )


def _time_in_text(description: str | None) -> tuple[str | None, str | None]:
    """A time the free text states ("om 13.30 uur", "van 10.00 tot 12.00 uur") when no field gave one: only a
    sentence with "uur" counts, so "12.000 bezoekers" or a year is never a time."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n", description or ""):
        if re.search(r"\b\d{1,2}(?:[.:]\d{2})?\s*uur\b", sentence):
            start, end = parse_times(sentence)
            if start:
                return start, end
    return None, None


def _single_activity(page: AgendaPage, merged: dict[str, Any]) -> Activity:
    return Activity(
        id=activity_id(page.url, merged["date"], 0, page.title),
        page_url=page.url,
        persons=page.persons,
        date=merged["date"],
        title=page.title,
        start_time=merged.get("start_time"),
        end_time=merged.get("end_time"),
        description=merged.get("description"),
        location_text=page.location_text,
        ministry=page.ministry,
        ordinal=0,
        source=page.source,
    )


def related_items(html: str, url: str) -> tuple[str, ...]:
    """Agenda item URLs listed under "Meer over dit onderwerp" (discovery for the crawl, not this page's
    activities)."""
    return platform_links(tree(html), url)[1]
