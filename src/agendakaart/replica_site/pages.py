"""Item page markup in the styles SITE.md describes: classic labelled fields, Next.js payloads, JSON-LD, roll-ups."""

from __future__ import annotations

import json
from datetime import date, timedelta
from html import escape

from agendakaart.replica_site.content import DAYS, MONTHS, Item, SitePerson, dutch_date

NOTICE = "Let op: deze activiteit heeft al plaatsgevonden"
PRESS_PHONE = "070 000 00 00"


def esc(text: str) -> str:
    """Escape for an HTML text node: '<b> & \'s' -> '&lt;b&gt; &amp; \'s' (quotes stay)."""
    return escape(text, quote=False)


def ministry_name(person: SitePerson) -> str:
    """'Buitenlandse Handel en Ontwikkelingssamenwerking (bij BZ)' -> 'Ministerie van Buitenlandse Handel ...'."""
    return "Ministerie van " + person.ministry.split(" (bij")[0]


def amsterdam_offset(day: date) -> str:
    """Summer time runs from the last Sunday of March to the last Sunday of October: '+02:00', else '+01:00'."""

    def last_sunday(month: int) -> date:
        last = date(day.year, month, 31)
        return last - timedelta(days=(last.weekday() + 1) % 7)

    return "+02:00" if last_sunday(3) <= day < last_sunday(10) else "+01:00"


def iso_instant(day: date, hhmm: str | None) -> str:
    """(2026-07-05, '10:00') -> '2026-07-05T10:00:00+02:00'; no time -> '2026-07-05'."""
    return f"{day.isoformat()}T{hhmm}:00{amsterdam_offset(day)}" if hhmm else day.isoformat()


def dotted(hhmm: str) -> str:
    """'09:30' -> '9.30'; '10:00' -> '10.00'."""
    hour, minute = hhmm.split(":")
    return f"{int(hour)}.{minute}"


def time_text(item: Item, variant: int) -> str | None:
    """Dutch time field: '10.00 - 11.30 uur', 'van 9.30 tot 11.00 uur', '14.00 uur' (or with colons)."""
    if not item.start:
        return None
    fmt = (lambda t: t) if item.markup.clock == 1 else dotted
    if not item.end:
        return f"{fmt(item.start)} uur"
    if variant == 2:
        return f"van {fmt(item.start)} tot {fmt(item.end)} uur"
    return f"{fmt(item.start)} - {fmt(item.end)} uur"


def meta_block(item: Item, *, charset: bool = True) -> str:
    """DCTERMS and Open Graph tags (identifier = the canonical path: the replica's host is not known yet)."""
    person = item.persons[0]
    published = item.day - timedelta(days=7)
    tags = [
        ("DCTERMS.title", item.title),
        ("DCTERMS.identifier", item.path),
        ("DCTERMS.creator", ministry_name(person)),
        ("DCTERMS.type", "Agenda-item"),
        ("DCTERMS.available", published.isoformat()),
        ("DCTERMS.language", "nl-NL"),
        ("DCTERMS.rights", "CC0 1.0 Universal"),
    ]
    lines = ['<meta charset="utf-8">'] if charset else []
    lines += [f'<meta name="{k}" content="{escape(v)}">' for k, v in tags]
    lines += [
        f'<meta property="og:title" content="{escape(item.title)}">',
        '<meta property="og:type" content="article">',
        f'<link rel="canonical" href="{item.path}">',
    ]
    return "\n".join(lines)


def chrome_header() -> str:
    return (
        '<header class="header"><a class="logo" href="/">Rijksoverheid</a>\n'
        '<nav aria-label="Hoofdmenu"><ul><li><a href="/onderwerpen">Onderwerpen</a></li>'
        '<li><a href="/regering">Regering</a></li><li><a href="/actueel">Actueel</a></li>'
        '<li><a href="/contact">Contact</a></li></ul></nav>\n'
        '<form action="/zoeken" method="get" role="search"><label for="q">Zoeken binnen Rijksoverheid</label>'
        '<input id="q" name="trefwoord" type="search"><button type="submit">Zoeken</button></form></header>'
    )


def chrome_footer() -> str:
    return (
        '<footer class="footer"><ul><li><a href="/privacy">Privacy</a></li><li><a href="/copyright">'
        'Copyright</a></li><li><a href="/toegankelijkheid">Toegankelijkheid</a></li></ul>\n'
        '<p>Replica van rijksoverheid.nl, geschreven door agendakaart voor tests. Geen echte agenda.</p></footer>'
    )


def shell(head: str, main: str, *, title: str | None, breadcrumb: str = "") -> str:
    """A whole page around head tags and the main content."""
    title_tag = f"<title>{esc(title)} | Rijksoverheid.nl</title>" if title else ""
    return (
        f'<!DOCTYPE html>\n<html lang="nl">\n<head>\n{head}\n{title_tag}\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="stylesheet" href="/binaries/rijksoverheid.css">\n</head>\n<body>\n'
        '<a class="skiplink" href="#content">Direct naar content</a>\n'
        f'{chrome_header()}\n{breadcrumb}\n<main id="content">\n{main}\n</main>\n{chrome_footer()}\n'
        '</body>\n</html>\n'
    )


def breadcrumb_agenda() -> str:
    return (
        '<nav class="breadcrumb" aria-label="Kruimelpad"><a href="/">Home</a> › <a href="/actueel">Actueel</a>'
        ' › <a href="/actueel/agenda">Agenda</a></nav>'
    )


def _fields(item: Item, style: str) -> str:
    """The 'Activiteitendata' block as dl/dt/dd, 'Label: value' lines or table rows."""
    rows = [("Datum", dutch_date(item.day, weekday=style == "classic_table"))]
    variant = {"classic_dl": 0, "classic_lines": 1, "classic_table": 2}.get(style, 0)
    if (when := time_text(item, variant)) is not None:
        if item.markup.labels == 2:
            rows[0] = ("Datum", f"{rows[0][1]}, {when}")
        else:
            rows.append(("Tijd", when))
    if item.location:
        rows.append(("Plaats" if item.markup.labels == 1 else "Locatie", item.location))
    if style == "classic_lines":
        inner = "<br>\n".join(f"{k}: {esc(v)}" for k, v in rows)
        return f'<div class="activity-data"><h2>Activiteitendata</h2>\n<p>{inner}</p></div>'
    if style == "classic_table":
        inner = "\n".join(f'<tr><th scope="row">{k}</th><td>{esc(v)}</td></tr>' for k, v in rows)
        return f'<div class="activity-data"><h2>Activiteitendata</h2>\n<table>\n{inner}\n</table></div>'
    inner = "\n".join(f"<dt>{k}</dt>\n<dd>{esc(v)}</dd>" for k, v in rows)
    return f'<section class="activity-data"><h2>Activiteitendata</h2>\n<dl>\n{inner}\n</dl></section>'


def date_heading(day: date, variant: int = 0) -> str:
    """date(2026, 7, 5) -> '05 juli' (as the site shows it above the title); or 'zondag 5 juli', '5 juli 2026'."""
    if variant == 1:
        return f"{DAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    if variant == 2:
        return dutch_date(day)
    return f"{day.day:02d} {MONTHS[day.month - 1]}"


def render_classic(item: Item, *, charset: bool = True) -> str:
    main = (
        f'<article class="agenda-item">\n<p class="article-date">'
        f'{date_heading(item.day, item.markup.heading)}</p>\n<h1>{esc(item.title)}</h1>\n'
        f'<p class="notice">{NOTICE}</p>\n{_fields(item, item.style)}\n'
        f'<div class="intro"><p>{esc(item.text)}</p></div>\n'
        f'<p class="source">Bron: {esc(ministry_name(item.persons[0]))}</p>\n</article>'
    )
    return shell(meta_block(item, charset=charset), main, title=item.title, breadcrumb=breadcrumb_agenda())


def _person_json(person: SitePerson, dutch: bool) -> dict:
    if dutch:
        return {"naam": person.name, "functie": person.role, "slug": person.slug, "url": person.url}
    return {"name": person.name, "jobTitle": person.role, "slug": person.slug, "href": person.url}


def _script_json(data: dict) -> str:
    """JSON safe inside <script>: no '</' can close the element."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


NEXT_KEYS = (
    {
        "title": "titel",
        "date": "datum",
        "end": "einddatum",
        "text": "tekst",
        "persons": "bewindspersonen",
        "ministry": "ministerie",
        "location": "locatie",
        "name": "naam",
    },
    {
        "title": "title",
        "date": "date",
        "end": "endDate",
        "text": "body",
        "persons": "persons",
        "ministry": "organisation",
        "location": "location",
        "name": "name",
    },
)


def render_nextjs(item: Item) -> str:
    """Empty visible body; everything in __NEXT_DATA__, nested deep, Dutch (or, by markup, English) keys."""
    keys, dutch = NEXT_KEYS[item.markup.payload], item.markup.payload == 0
    record = {
        "id": item.path.rsplit("/", 1)[1],
        keys["title"]: item.title,
        keys["date"]: iso_instant(item.day, item.start),
        keys["text"]: f"<p>{esc(item.text)}</p>",
        keys["persons"]: [_person_json(p, dutch) for p in item.persons],
        keys["ministry"]: {keys["name"]: ministry_name(item.persons[0])},
    }
    if item.end:
        record[keys["end"]] = iso_instant(item.day, item.end)
    if item.location:
        record[keys["location"]] = item.location
    data = {
        "props": {
            "pageProps": {
                "dehydratedState": {
                    "queries": [
                        {
                            "queryKey": ["navigatie"],
                            "state": {"data": {"items": [{"titel": "Onderwerpen", "url": "/onderwerpen"}]}},
                        },
                        {
                            "queryKey": ["agenda", item.path],
                            "state": {"data": {"agendaItem": record}, "status": "success"},
                        },
                    ]
                }
            }
        },
        "page": "/actueel/agenda/[...slug]",
        "query": {},
        "buildId": "replica",
        "isFallback": False,
    }
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charSet="utf-8"/><title>Rijksoverheid.nl</title>'
        '<script src="/_next/static/chunks/main.js" defer=""></script></head>'
        '<body><div id="__next"></div>'
        f'<script id="__NEXT_DATA__" type="application/json">{_script_json(data)}</script></body></html>\n'
    )


def render_flight(item: Item) -> str:
    """Streamed Next.js variant: data in self.__next_f.push([1, "..."]) chunks, English keys."""
    record = {
        "title": item.title,
        "startDate": iso_instant(item.day, item.start),
        "body": item.text,
        "people": [_person_json(p, False) for p in item.persons],
        "organisation": ministry_name(item.persons[0]),
    }
    if item.end:
        record["endDate"] = iso_instant(item.day, item.end)
    if item.location:
        record["location"] = {"name": item.location}
    lines = [
        '0:["$","$L1",null,{"children":"$L2"}]\n',
        '1:I["chunks/app-layout.js","default"]\n',
        "5:" + json.dumps({"agendaItem": record}, ensure_ascii=False) + "\n",
        '2:["$","main",null,{"id":"content","children":"$5"}]\n',
    ]
    pushes = [
        json.dumps([1, "".join(lines[:2])], ensure_ascii=False),
        json.dumps([1, "".join(lines[2:])], ensure_ascii=False),
    ]
    scripts = "".join(f"<script>self.__next_f.push({p.replace('</', '<' + chr(92) + '/')})</script>" for p in pushes)
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Agenda | Rijksoverheid.nl</title>'
        '</head><body><div hidden id="S:0"></div>'
        '<script>(self.__next_f=self.__next_f||[]).push([0])</script>' + scripts + '</body></html>\n'
    )


def render_jsonld(item: Item) -> str:
    """A schema.org Event in JSON-LD; location as Place/PostalAddress (even days) or plain text (odd days)."""
    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": item.title,
        "startDate": iso_instant(item.day, item.start),
        "description": item.text,
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": {"@type": "GovernmentOrganization", "name": ministry_name(item.persons[0])},
        "performer": [{"@type": "Person", "name": p.name} for p in item.persons],
    }
    if item.end:
        event["endDate"] = iso_instant(item.day, item.end)
    if item.location and item.day.day % 2 == 0:
        city = item.location.split(", ")[-1]
        event["location"] = {
            "@type": "Place",
            "name": item.location,
            "address": {"@type": "PostalAddress", "addressLocality": city, "addressCountry": "NL"},
        }
    elif item.location:
        event["location"] = item.location
    head = meta_block(item) + f'\n<script type="application/ld+json">{_script_json(event)}</script>'
    main = (
        f'<article class="agenda-item">\n<h1>{esc(item.title)}</h1>\n'
        f'<div class="intro"><p>{esc(item.text)}</p></div>\n</article>'
    )
    return shell(head, main, title=item.title, breadcrumb=breadcrumb_agenda())


def _bullet_text(b) -> str:
    """Bullet -> 'Werkbezoek: bezoek aan een buurthuis (Enschede)', maybe '10.00 uur ' first."""
    text = f"{b.type_label}: {b.title}" if b.type_label else b.title
    if b.location:
        text += f" ({b.location})"
    return f"{dotted(b.start)} uur {text}" if b.start else text


def render_rollup(item: Item) -> str:
    """Weekly roll-up: day headings (h2 'Dinsdag 3 maart' or <p><strong>3 maart</strong>) with bullets, press block."""
    parts: list[str] = []
    days = sorted({b.day for b in item.bullets})
    for day in days:
        bullets = [b for b in item.bullets if b.day == day]
        if item.style == "rollup_list":
            heading = f"{DAYS[day.weekday()].capitalize()} {day.day} {MONTHS[day.month - 1]}"
            lis = "\n".join(f"<li>{esc(_bullet_text(b))}</li>" for b in bullets)
            parts.append(f"<h2>{heading}</h2>\n<ul>\n{lis}\n</ul>")
        else:
            lines = "\n".join(f"<p>{esc(_bullet_text(b))}</p>" for b in bullets)
            parts.append(f"<p><strong>{day.day} {MONTHS[day.month - 1]}</strong></p>\n{lines}")
    press = (
        f'<div class="press"><h2>Informatie voor de pers</h2>\n<p>Voor vragen kunt u contact opnemen met de '
        f'afdeling Communicatie van het {esc(ministry_name(item.persons[0]))}, telefoon '
        f'{PRESS_PHONE}.</p></div>'
    )
    main = (
        f'<article class="agenda-item">\n<p class="article-date">'
        f'{date_heading(item.day, item.markup.heading)}</p>\n<h1>{esc(item.title)}</h1>\n'
        f'<p class="notice">{NOTICE}</p>\n{_fields(item, "classic_dl")}\n'
        f'<div class="intro"><p>{esc(item.text)}</p></div>\n' + "\n".join(parts) + f"\n{press}\n</article>"
    )
    return shell(meta_block(item), main, title=item.title, breadcrumb=breadcrumb_agenda())


def render_no_title(item: Item) -> str:
    """Chrome and an empty article: no title, no fields, no meta (the date is only in the URL)."""
    main = '<article class="agenda-item">\n<div class="intro"><p></p></div>\n</article>'
    return shell('<meta charset="utf-8">', main, title=None, breadcrumb=breadcrumb_agenda())


def render_item(item: Item) -> bytes:
    """Item -> the bytes served (cp1252 for the mis-encoded pages)."""
    if item.hostile == "empty":
        return b""
    if item.hostile == "no_title":
        return render_no_title(item).encode("utf-8")
    if item.hostile in ("cp1252", "cp1252_undeclared"):
        html = render_classic(item, charset=item.hostile == "cp1252")
        return html.encode("cp1252", errors="xmlcharrefreplace")
    renderer = {
        "nextjs": render_nextjs,
        "flight": render_flight,
        "jsonld": render_jsonld,
        "rollup_list": render_rollup,
        "rollup_lines": render_rollup,
    }.get(item.style, render_classic)
    return renderer(item).encode("utf-8")
