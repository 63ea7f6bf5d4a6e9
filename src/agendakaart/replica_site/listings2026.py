"""Server HTML of the 2026 platform other than agenda items: client-rendered listings (an app shell with
Search-UI state in its links and no item links), the persons index, person pages (data in the payload),
other pages (news, speeches, publications) and the home page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from agendakaart.replica_site.chrome2026 import (
    attr,
    breadcrumb,
    document,
    el,
    esc,
    feedback,
    flight_rows,
    head,
)
from agendakaart.replica_site.people2026 import Person2026, Post

CENTRAL = "/actueel/agenda"
PERSONS = "/regering/bewindspersonen"


@dataclass
class OtherDoc:
    """A page of another information type: in the search index and the sitemaps, never an agenda item."""

    path: str
    title: str
    info_type: str
    ministry: str
    published: datetime
    description: str


def function_text(post: Post) -> str:
    """A post as the index shows it beneath the name: 'Minister van Financiën', 'Minister voor Asiel en
    Migratie', 'Staatssecretaris van Financiën (Herstel en Toeslagen)', 'Minister-president, minister van
    Algemene Zaken'."""
    ministry = post.ministry.split(" (bij")[0]
    role = post.short_role
    if role == "minister-president":
        return f"Minister-president, minister van {ministry}"
    if role == "minister" and "zonder portefeuille" in post.role:
        return f"Minister voor {ministry}"
    extra = post.role.split(" (", 1)[1].rstrip(")") if role == "staatssecretaris" and " (" in post.role else ""
    text = f"{role.capitalize()} van {ministry}"
    if "vicepremier" in post.role:
        text += ", vicepremier"
    return text + (f" ({extra})" if extra else "")


def search_ui_link(path: str, filters: list[tuple[str, str]], size: int = 10) -> str:
    """Search-UI URL state: '?size=n_10_n&filters[0][field]=ministry&filters[0][values][0]=…&filters[0][type]=all'."""
    parts = [f"size=n_{size}_n"]
    for n, (field, value) in enumerate(filters):
        parts += [f"filters[{n}][field]={field}", f"filters[{n}][values][0]={quote(value)}", f"filters[{n}][type]=all"]
    return f"{path}?{'&'.join(parts)}"


def listing_shell(path: str, heading: str, intro: str, ministries: list[str], activity_types: list[str]) -> bytes:
    """A client-rendered listing: facet links with Search-UI state, a loading placeholder, no item links."""
    rng = random.Random(path)
    facet = "".join(
        f'<li><a href="{attr(search_ui_link(path, [("ministry", m)]))}">{esc(m)}</a></li>' for m in ministries
    )
    kinds = "".join(
        f'<li><a href="{attr(search_ui_link(path, [("activity_type", t)]))}">{esc(t)}</a></li>' for t in activity_types
    )
    main = (
        f'{breadcrumb([("Home", "/"), ("Actueel", "/actueel"), (heading, None)])}<main id="main">'
        f'<h1>{esc(heading)}</h1><p>{esc(intro)}</p><div class="search-page">'
        f'<aside class="search-page__filters"><h2>Filter op ministerie</h2><ul>{facet}</ul>'
        f'<h2>Soort activiteit</h2><ul>{kinds}</ul>'
        f'<p><a href="{attr(search_ui_link(path, [], 20))}">Toon 20 resultaten per pagina</a></p></aside>'
        '<section class="search-page__results" aria-live="polite" data-testid="search-results">'
        '<p class="search-page__loading">Resultaten worden geladen…</p>'
        '<noscript><p>Schakel JavaScript in om de resultaten te bekijken.</p></noscript></section></div>'
        f'{feedback()}</main>'
    )
    config = {
        "searchPage": {
            "endpoint": "/api/search",
            "resultsPerPage": 10,
            "sortField": "sort_date",
            "facets": ["ministry", "information_type", "activity_type"],
            "path": path,
        }
    }
    stream = flight_rows(el("main", [el("h1", heading), ["$", "$L4", None, {"config": "$2:searchPage"}]]), config)
    return document(head(heading, path, description=intro), main, stream, rng).encode("utf-8")


def persons_index(people: list[Person2026]) -> bytes:
    """/regering/bewindspersonen: each current person a link to the page, name in a heading, post beneath."""
    rng = random.Random(PERSONS)
    cards = "".join(
        f'<li class="person-card"><a href="{p.url}"><img src="/binaries/small/portret-{p.slug}.jpg" '
        f'alt=""/><h2>{esc(p.name)}</h2><p>{esc(function_text(p.current_post))}</p></a></li>'
        for p in people
    )
    main = (
        f'{breadcrumb([("Home", "/"), ("Regering", "/regering"), ("Bewindspersonen", None)])}'
        '<main id="main"><h1>Bewindspersonen</h1><p>Het kabinet-Jetten bestaat uit ministers en '
        f'staatssecretarissen.</p><ul class="person-list">{cards}</ul></main>'
    )
    data = {
        "persons": [
            {"name": p.name, "slug": p.slug, "function": function_text(p.current_post), "href": p.url} for p in people
        ]
    }
    stream = flight_rows(el("ul", [el("li", p.name) for p in people]), data)
    return document(head("Bewindspersonen", PERSONS), main, stream, rng).encode("utf-8")


def person_page(person: Person2026) -> bytes:
    """A current person's page: name and post visible, the facts only in the payload."""
    post = person.current_post
    rng = random.Random(person.url)
    main = (
        f'{breadcrumb([("Home", "/"), ("Bewindspersonen", PERSONS), (person.name, None)])}'
        f'<main id="main"><h1>{esc(person.name)}</h1><p class="person-function">{esc(function_text(post))}</p>'
        f'<ul class="person-links"><li><a href="{person.url}/agenda">Agenda</a></li>'
        f'<li><a href="{person.url}/nieuws">Nieuws</a></li></ul></main>'
    )
    data = {
        "person": {
            "name": person.name,
            "slug": person.slug,
            "role": post.role,
            "function": function_text(post),
            "ministry": post.ministry_name,
            "cabinet": post.cabinet,
            "startDate": post.start.isoformat() if post.start else None,
            "agendaUrl": f"{person.url}/agenda",
        }
    }
    stream = flight_rows(el("main", [el("h1", person.name), el("p", "$2:person:function")]), data)
    return document(head(person.name, person.url), main, stream, rng).encode("utf-8")


def other_page(doc: OtherDoc) -> bytes:
    """A news item, speech or publication: the same chrome, kind-and-date line 'Nieuwsbericht | 11-09-2026 | 14:30'."""
    rng = random.Random(doc.path)
    when = f"{doc.published:%d-%m-%Y | %H:%M}"
    main = (
        f'{breadcrumb([("Home", "/"), ("Actueel", "/actueel"), (doc.title, None)])}<main id="main">'
        f'<article class="content"><h1>{esc(doc.title)}</h1><p class="content-meta"><span>{esc(doc.info_type)}'
        f'</span> | {when}</p><div class="rich-text"><p>{esc(doc.description)}</p></div></article>{feedback()}'
        f'</main>'
    )
    data = {"page": {"title": doc.title, "informationType": doc.info_type, "body": doc.description}}
    stream = flight_rows(el("main", [el("h1", doc.title)]), data)
    return document(head(doc.title, doc.path, description=doc.description), main, stream, rng).encode("utf-8")


def home_page() -> bytes:
    rng = random.Random("/")
    main = (
        '<main id="main"><h1>Rijksoverheid.nl</h1><ul><li><a href="/actueel/agenda">Agenda</a></li>'
        '<li><a href="/actueel/nieuws">Nieuws</a></li><li><a href="/regering/bewindspersonen">Bewindspersonen'
        '</a></li><li><a href="/onderwerpen">Onderwerpen</a></li></ul></main>'
    )
    return document(head("Home", "/"), main, flight_rows(el("main", "home"), {}), rng).encode("utf-8")
