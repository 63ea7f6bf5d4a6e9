"""Agenda item pages of the 2026 platform: visible text plus the same data in streamed payload chunks.

Date, time and location are shown in one of four ways (`style`): a definition list (Datum/Tijd/Locatie),
label/value rows, "Datum en tijd:"/"Plaats:" lines, or not at all (only the payload and the search index hold
them). Roll-ups (`h2list`, `h3para`) hold day headings with "Type: description (Place)" lines and a press block.
Around the body: kind-and-date line, feedback block, "Meer over dit onderwerp" (links to OTHER agenda items),
"Hoort bij" (persons, also former ones whose page is gone, and the ministry), breadcrumb, footer.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

from agendakaart.replica_site.chrome2026 import (
    SITE,
    attr,
    breadcrumb,
    breadcrumb_jsonld,
    document,
    el,
    esc,
    feedback,
    flight_rows,
    head,
)
from agendakaart.replica_site.content import DAYS, MONTHS, dutch_date
from agendakaart.replica_site.content2026 import bullet_text
from agendakaart.replica_site.pages import amsterdam_offset, dotted
from agendakaart.replica_site.people2026 import ministry_slug
from agendakaart.replica_site.plan2026 import Item26, utc

PRESS_PHONE = "070 000 00 00"


def instant(moment: datetime) -> str:
    """UTC datetime -> '2026-03-12T09:00:00.000Z' (the search engine's and the payload's form)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def local_iso(moment: datetime) -> str:
    """UTC datetime -> '2026-03-12T10:00:00+01:00' (Amsterdam), for meta tags and sitemaps."""
    offset = amsterdam_offset(moment.astimezone(timezone.utc).date())
    local = moment.astimezone(timezone(timedelta(hours=int(offset[1:3]))))
    return local.strftime("%Y-%m-%dT%H:%M:%S") + offset


def time_range(item: Item26, style: str) -> str | None:
    if not item.start:
        return None
    if style == "rows":
        return f"{item.start} tot {item.end}" if item.end else item.start
    if not item.end:
        return f"{dotted(item.start)} uur"
    if style == "inline":
        return f"van {dotted(item.start)} tot {dotted(item.end)} uur"
    return f"{dotted(item.start)} - {dotted(item.end)} uur"


def fields_html(item: Item26) -> str:
    """Date/time/location block in the item's style ('payload': none)."""
    when = time_range(item, item.style)
    if item.kind == "rollup":
        week = item.day.isocalendar().week
        rows = [("Datum", f"week {week}: {item.day.day} t/m {dutch_date(item.end_day)}"), ("Locatie", item.location)]
        return _dl(rows)
    if item.style == "dl":
        rows = [("Datum", dutch_date(item.day, weekday=True)), ("Tijd", when), ("Locatie", item.location)]
        return _dl([r for r in rows if r[1]])
    if item.style == "rows":
        rows = [("Datum", f"{item.day:%d-%m-%Y}"), ("Tijd", when), ("Locatie", item.location)]
        inner = "".join(
            f'<div class="activity-details__row"><span class="activity-details__label">{k}</span>'
            f'<span class="activity-details__value">{esc(v)}</span></div>'
            for k, v in rows
            if v
        )
        return f'<div class="activity-details">{inner}</div>'
    if item.style == "inline":
        text = dutch_date(item.day, weekday=True) + (f", {when}" if when else "")
        out = f'<p class="activity-when"><strong>Datum en tijd:</strong> {esc(text)}</p>'
        if item.location:
            out += f'<p class="activity-where"><strong>Plaats:</strong> {esc(item.location)}</p>'
        return out
    return ""


def _dl(rows: list[tuple[str, str]]) -> str:
    inner = "".join(f"<dt>{k}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    return f'<dl class="activity-details">{inner}</dl>'


def rollup_html(item: Item26) -> str:
    """Day headings with lines: h2 'Dinsdag 17 maart' + <ul>, or h3 '17 maart' + one <p> per line."""
    parts = []
    for day in sorted({b.day for b in item.bullets}):
        lines = [bullet_text(b) for b in item.bullets if b.day == day]
        if item.style == "h2list":
            heading = f"{DAYS[day.weekday()].capitalize()} {day.day} {MONTHS[day.month - 1]}"
            parts.append(f"<h2>{heading}</h2><ul>" + "".join(f"<li>{esc(t)}</li>" for t in lines) + "</ul>")
        else:
            parts.append(f"<h3>{day.day} {MONTHS[day.month - 1]}</h3>" + "".join(f"<p>{esc(t)}</p>" for t in lines))
    return "".join(parts)


def press_html(item: Item26, rng: random.Random) -> str:
    """'Informatie voor de pers': not an activity, though it may hold a line shaped like one."""
    extra = ""
    if rng.random() < 0.5:
        extra = (
            "<p>Persmoment: na afloop van de ministerraad staat de bewindspersoon de pers te woord "
            "(Nieuwspoort, Den Haag)</p>"
        )
    return (
        f'<div class="press-info"><h2>Informatie voor de pers</h2>{extra}<p>Journalisten kunnen contact '
        f'opnemen met de afdeling Communicatie van het {esc(item.ministry)}, telefoon {PRESS_PHONE}.</p></div>'
    )


def hoort_bij(item: Item26) -> list[tuple[str, str]]:
    links = [(p.name, p.url) for p in item.linked]
    return links + [(item.ministry, f"/ministeries/{ministry_slug(item.ministry)}")]


def item_record(item: Item26, info_type: str, titles: dict[str, str]) -> dict:
    """The data row of the payload: what the CMS knows of the item (English keys, UTC instants)."""
    start = utc(item.day, item.start)
    end = utc(item.end_day, item.end) if item.end or item.kind == "rollup" else None
    return {
        "agendaItem": {
            "id": item.path.rsplit("/", 1)[1],
            "type": "agenda",
            "informationType": info_type,
            "title": item.title,
            "url": item.path,
            "status": item.status or "published",
            "publicationDate": instant(item.published),
            "modificationDate": instant(item.sort_date),
            "activity": {
                "startDate": instant(start),
                "endDate": instant(end) if end else None,
                "showTime": bool(item.start),
                "type": item.activity_type,
                "organiser": item.ministry,
                "location": {"title": item.location, "description": item.description},
            },
            "body": "".join(f"<p>{esc(p)}</p>" for p in item.paragraphs) + (rollup_html(item) if item.bullets else ""),
            "relations": [{"title": t, "href": h} for t, h in hoort_bij(item)],
            "moreAbout": [{"title": titles[p], "href": p} for p in item.related if p in titles],
        }
    }


def render_item_2026(item: Item26, info_type: str, titles: dict[str, str]) -> bytes:
    """One agenda item page -> its bytes (deterministic per item path)."""
    rng = random.Random(item.path)
    crumbs = [
        ("Home", "/"),
        (item.ministry, f"/ministeries/{ministry_slug(item.ministry)}"),
        ("Agenda", "/actueel/agenda"),
        (item.title, None),
    ]
    kind_line = (
        f'<p class="content-meta"><span>{esc(info_type)}</span> <time datetime="{item.day.isoformat()}">'
        f'{item.day:%d-%m-%Y}</time></p>'
    )
    status = '<p class="status-label">Geannuleerd</p>' if item.status == "cancelled" else ""
    body = "".join(f"<p>{esc(p)}</p>" for p in item.paragraphs)
    rollup = (rollup_html(item) + press_html(item, rng)) if item.bullets else ""
    related = "".join(f'<li><a href="{attr(p)}">{esc(titles[p])}</a></li>' for p in item.related if p in titles)
    belongs = "".join(f'<li><a href="{attr(h)}">{esc(t)}</a></li>' for t, h in hoort_bij(item))
    main = (
        f'{breadcrumb(crumbs)}<main id="main"><article class="content">{status}<h1>{esc(item.title)}</h1>'
        f'{kind_line}{fields_html(item)}<div class="rich-text">{body}{rollup}</div></article>{feedback()}'
        f'<section class="more-about"><h2>Meer over dit onderwerp</h2><ul>{related}</ul></section>'
        f'<section class="belongs-to"><h2>Hoort bij</h2><ul>{belongs}</ul></section></main>'
    )
    meta = {
        "DCTERMS.identifier": SITE + item.path,
        "DCTERMS.title": item.title,
        "DCTERMS.type": info_type,
        "DCTERMS.creator": item.ministry,
        "DCTERMS.issued": local_iso(item.published),
        "DCTERMS.modified": local_iso(item.sort_date),
        "DCTERMS.language": "nl-NL",
        "DCTERMS.rights": "CC0 1.0 Universal",
        "og:title": item.title,
        "og:type": "website",
        "og:url": SITE + item.path,
    }
    page = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": item.title,
        "url": SITE + item.path,
        "datePublished": local_iso(item.published),
        "inLanguage": "nl-NL",
    }
    tree = el(
        "main",
        [
            el("h1", item.title),
            el("p", [info_type, " ", f"{item.day:%d-%m-%Y}"]),
            el("div", None, dangerouslySetInnerHTML={"__html": body + (rollup_html(item) if item.bullets else "")}),
            el("section", [el("h2", "Hoort bij"), "$2:agendaItem:relations"]),
        ],
        id="main",
    )
    stream = flight_rows(tree, item_record(item, info_type, titles))
    html = document(
        head(
            item.title,
            item.path,
            description=item.paragraphs[0],
            meta=meta,
            jsonld=[page, breadcrumb_jsonld(crumbs, item.path)],
        ),
        main,
        stream,
        rng,
    )
    return html.encode("utf-8")


def render_gone(path: str) -> bytes:
    """The page a removed item answers with (status 410 from its sidecar)."""
    rng = random.Random(path)
    main = (
        '<main id="main"><h1>Deze pagina bestaat niet meer</h1><p>De informatie die u zoekt is verwijderd. '
        'Gebruik de zoekfunctie of ga naar de <a href="/">homepage</a>.</p></main>'
    )
    return document(
        head("Pagina verwijderd", path), main, flight_rows(el("main", "gone"), {"status": 410}), rng
    ).encode("utf-8")
