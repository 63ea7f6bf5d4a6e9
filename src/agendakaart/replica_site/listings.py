"""Listing pages (three pagination styles, a loop, a very long one), the persons index, person pages, home."""

from __future__ import annotations

import json
import posixpath
from html import escape

from agendakaart.replica_site.content import Item, SitePerson
from agendakaart.replica_site.pages import chrome_footer, chrome_header, shell

PER_PAGE_PERSON = 4
PER_PAGE_CENTRAL = 10
LONG_EXTRA_PAGES = 64
CENTRAL_PATH = "/actueel/agenda"
PERSONS_PATH = "/regering/bewindspersonen"


def esc(text: str) -> str:
    """Escape for an HTML text node: '<b> & \'s' -> '&lt;b&gt; &amp; \'s' (quotes stay)."""
    return escape(text, quote=False)


def page_url(path: str, n: int) -> str:
    """('/x/agenda', 1) -> '/x/agenda'; ('/x/agenda', 3) -> '/x/agenda?pagina=3'."""
    return path if n == 1 else f"{path}?pagina={n}"


def function_text(person: SitePerson) -> str:
    """-> 'Minister van Financiën' / 'Staatssecretaris van Defensie'."""
    return f"{person.short_role.capitalize()} van {person.ministry.split(' (bij')[0]}"


def _entry(item: Item, listing_path: str, relative: bool) -> str:
    """One result: <li><a><h3> (markup.entry 0), an <article> card (1) or a table row (2)."""
    href = item.link
    if relative:
        href = posixpath.relpath(href, posixpath.dirname(listing_path))
    when = f'<time datetime="{item.day.isoformat()}">{item.day:%d-%m-%Y}</time>'
    if item.markup.entry == 1:
        return (
            f'<article class="card"><h2 class="card__title"><a href="{escape(href)}">{esc(item.title)}</a></h2>'
            f'<p class="card__meta">Agenda | {when}</p></article>'
        )
    if item.markup.entry == 2:
        return f'<tr><td>{when}</td><td><a href="{escape(href)}">{esc(item.title)}</a></td></tr>'
    return (
        f'<li class="result"><a href="{escape(href)}"><h3>{esc(item.title)}</h3></a>\n'
        f'<p class="meta"><span>Agenda-item</span> | {when}</p></li>'
    )


def _pagination(style: str, path: str, n: int, total: int) -> tuple[str, str]:
    """-> (head tags, nav html) for page n of total in the given style."""
    last = path.rsplit("/", 1)[1]
    nxt = n + 1 if n < total else None
    if style in ("rel", "long", "central"):
        head = f'<link rel="next" href="{page_url(path, nxt)}">' if nxt else ""
        links = []
        if n > 1:
            links.append(f'<a rel="prev" href="{page_url(path, n - 1)}">Vorige</a>')
        if nxt:
            links.append(f'<a rel="next" href="?pagina={nxt}" aria-label="Naar pagina {nxt}">›</a>')
        if style == "central":
            links.append(f"<span>Pagina {n} van {total}</span>")
        return head, f'<nav class="pagination">{" ".join(links)}</nav>'
    if style == "bare":
        numbers = [
            f'<li><span aria-current="page">{k}</span></li>'
            if k == n
            else f'<li><a href="{last if k == 1 else f"?pagina={k}"}">{k}</a></li>'
            for k in range(1, total + 1)
        ]
        return "", f'<ol class="pagination">{"".join(numbers)}</ol>'
    if style == "loop" and not nxt:
        return "", f'<div class="pager"><a href="{path}"><span>volgende pagina</span></a></div>'
    if not nxt:
        return "", '<div class="pager"></div>'
    label = "volgende pagina" if style == "loop" else "Volgende"
    return "", f'<div class="pager"><a class="button" href="?pagina={nxt}">{label}</a></div>'


def listing_pages(path: str, items: list[Item], style: str, heading: str, per_page: int) -> dict[str, str]:
    """A paginated listing -> {url: html}, newest first; 'long' repeats its last page LONG_EXTRA_PAGES times."""
    ordered = sorted(items, key=lambda i: (i.day, i.path), reverse=True)
    entry_kind = ordered[0].markup.entry if ordered else 0
    chunks = [ordered[k : k + per_page] for k in range(0, len(ordered), per_page)] or [[]]
    if style == "long":
        chunks += [chunks[-1]] * LONG_EXTRA_PAGES
    pages = {}
    for n, chunk in enumerate(chunks, start=1):
        head, nav = _pagination(style, path, n, len(chunks))
        entries = "\n".join(_entry(item, path, relative=style == "bare") for item in chunk)
        wrapper = (
            ("ul", 'class="results"')
            if entry_kind == 0
            else ("div", 'class="cards"')
            if entry_kind == 1
            else ("table", 'class="agenda-table"')
        )
        main = (
            f'<h1>{esc(heading)}</h1>\n<p class="summary">{len(ordered)} resultaten</p>\n'
            f'<{wrapper[0]} {wrapper[1]}>\n{entries}\n</{wrapper[0]}>\n{nav}'
        )
        pages[page_url(path, n)] = shell(f'<meta charset="utf-8">\n{head}', main, title=heading)
    return pages


def person_listing(person: SitePerson, items: list[Item]) -> dict[str, str]:
    heading = f"Agenda van {person.short_role} {person.name}"
    return listing_pages(person.agenda_path, items, person.pagination, heading, PER_PAGE_PERSON)


def central_listing(items: list[Item]) -> dict[str, str]:
    return listing_pages(CENTRAL_PATH, items, "central", "Agenda", PER_PAGE_CENTRAL)


def persons_index(persons: list[SitePerson]) -> str:
    """The cards of /regering/bewindspersonen: link, h3 name, p function."""
    cards = "\n".join(
        f'<li class="person-card"><a href="{p.url}"><img src="/binaries/portret-{p.slug}.jpg" alt="">'
        f'<h3>{esc(p.name)}</h3><p>{esc(function_text(p))}</p></a></li>'
        for p in persons
    )
    main = (
        f'<h1>Bewindspersonen</h1>\n<p>Het kabinet-Jetten is op 23 februari 2026 beëdigd.</p>\n'
        f'<ul class="person-list">\n{cards}\n</ul>'
    )
    return shell('<meta charset="utf-8">', main, title="Bewindspersonen")


def person_page(person: SitePerson, index: int) -> str:
    """A person's page; the agenda link varies (standard, other wording and path, none at all)."""
    links = []
    if person.link_style == "standard":
        links.append(f'<li><a href="{person.agenda_path}">Agenda van {esc(person.name)}</a></li>')
    elif person.link_style == "other_path":
        links.append(f'<li><a href="{person.agenda_path}">Bekijk alle afspraken en activiteiten</a></li>')
    links += [
        f'<li><a href="/actueel/nieuws?bewindspersoon={person.slug}">Nieuws</a></li>',
        f'<li><a href="{person.url}/cv">Cv</a></li>',
    ]
    main = (
        f'<h1>{esc(person.name)}</h1>\n<p class="function">{esc(function_text(person))}</p>\n'
        f'<div class="intro"><p>{esc(person.name)} is sinds 23 februari 2026 {esc(person.role)} '
        f'in het kabinet-Jetten.</p></div>\n<h2>Meer over {esc(person.name)}</h2>\n<ul>{"".join(links)}</ul>'
    )
    head = '<meta charset="utf-8">'
    if index % 2:
        payload = {
            "props": {
                "pageProps": {
                    "bewindspersoon": {
                        "naam": person.name,
                        "functie": person.role,
                        "ministerie": person.ministry,
                        "slug": person.slug,
                    }
                }
            }
        }
        main += (
            '\n<script id="__NEXT_DATA__" type="application/json">'
            + json.dumps(payload, ensure_ascii=False).replace("</", "<\\/")
            + "</script>"
        )
    return shell(head, main, title=person.name)


def home_page() -> str:
    main = (
        '<h1>Rijksoverheid</h1>\n<ul><li><a href="/regering/bewindspersonen">Bewindspersonen</a></li>'
        '<li><a href="/actueel/agenda">Agenda</a></li></ul>'
    )
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Rijksoverheid.nl</title></head>'
        f'<body>{chrome_header()}<main id="content">{main}</main>{chrome_footer()}</body></html>\n'
    )
