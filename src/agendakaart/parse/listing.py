"""Agenda listing page -> ListingPage(item links, next page URL), whatever the markup around the links."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from agendakaart.models import ListingPage, PageRef
from agendakaart.parse.dates import date_from_path
from agendakaart.parse.html import clean, has_ancestor, links, resolve, strip_query, tree

_NOT_LISTING = ("aside", "header", "footer")  # "ook in de agenda" links there are not this listing's items

ITEM_PATH = re.compile(r"/agenda/\d{4}/\d{2}/\d{2}/[^/?#]+/?$")
_NEXT_TEXT = re.compile(
    r"^(volgende(\s+pagina)?|naar (de )?volgende pagina|next( page)?|meer laden|toon meer"
    r"( resultaten)?|meer resultaten|›|»|>|→|>>)$",
    re.I,
)
_PAGE_KEYS = ("pagina", "page")
# item URLs written as text (a Next.js payload, JSON with escaped slashes) when the page has no <a> links to them
_RAW_ITEM = re.compile(r"(?:https?:)?(?://[\w.:-]+)?(?:/[\w.~%-]+)*/agenda/\d{4}/\d{2}/\d{2}/[\w.~%-]+")


def is_item_url(url: str) -> bool:
    """ "http://h/actueel/agenda/2024/07/05/ministerraad" -> True; ".../agenda?pagina=2" -> False."""
    return bool(ITEM_PATH.search(urlsplit(url).path))


def pagina_of(url: str) -> int | None:
    """ "...?pagina=3" -> 3; no pagina parameter -> None."""
    for key, value in parse_qsl(urlsplit(url).query):
        if key.lower() in _PAGE_KEYS and value.isdigit():
            return int(value)
    return None


def with_pagina(url: str, n: int) -> str:
    """URL with pagina=n set. "http://h/a?x=1" , 2 -> "http://h/a?x=1&pagina=2"."""
    p = urlsplit(url)
    key = next((k for k, _v in parse_qsl(p.query) if k.lower() in _PAGE_KEYS), "pagina")
    query = [(k, v) for k, v in parse_qsl(p.query) if k.lower() not in _PAGE_KEYS] + [(key, str(n))]
    return urlunsplit((p.scheme, p.netloc, p.path, urlencode(query), ""))


def parse_listing(html: str, url: str) -> ListingPage:
    """Listing HTML -> item links (resolved, de-duplicated, query/fragment dropped) and the next page's URL.

    <a href="/actueel/agenda/2024/07/05/ministerraad">Ministerraad</a> -> PageRef(".../2024/07/05/ministerraad")
    """
    doc = tree(html)
    all_links = links(doc, url)
    items: dict[str, PageRef] = {}
    for link, text, node in all_links:
        if not is_item_url(link) or has_ancestor(node, _NOT_LISTING):
            continue
        canonical = strip_query(link)
        if canonical not in items or (text and not items[canonical].title):
            items[canonical] = PageRef(url=canonical, title=text or None, date=date_from_path(canonical))
    next_url = _next_url(doc, all_links, url)
    if not any(is_item_url(link) for link, _t, _n in all_links):  # no item anchors at all: a payload page
        for link in _raw_item_links(html, url):
            items.setdefault(link, PageRef(url=link, date=date_from_path(link)))
        if items and next_url is None and re.search(r"pagina|\bpage\b", html, re.I):
            next_url = with_pagina(url, (pagina_of(url) or 1) + 1)  # payload-only listing: try the next one
    else:
        _add_script_items(doc, url, all_links, items)
    if next_url is None and items:
        next_url = _script_next(doc, url)
    return ListingPage(items=tuple(items.values()), next_url=next_url)


_SCRIPT_PAGE = re.compile(r"[?&](?:pagina|page)=(\d+)")


def _script_next(doc, url: str) -> str | None:
    """The next page named only in a script payload ("nextPage": "/…/agenda?pagina=3") -> its URL, else None."""
    scripts = "\n".join(s.text() or "" for s in doc.css("script")).replace("\\u0026", "&").replace("\\/", "/")
    wanted = (pagina_of(url) or 1) + 1
    path = urlsplit(url).path.rstrip("/")
    for m in _SCRIPT_PAGE.finditer(scripts):
        before = scripts[max(0, m.start() - 200) : m.start()]
        if int(m[1]) == wanted and (path and path in before or before.endswith(('"', "'"))):
            return with_pagina(url, wanted)
    return None


def _add_script_items(doc, url: str, all_links, items: dict[str, PageRef]) -> None:
    """Links rendered for some items, the rest only in a script payload ("toon alle" done client-side): a payload
    list of one item per element that holds a rendered item is the listing; its other items count too (never
    items linked from aside/header/footer)."""
    from agendakaart.parse.payload import nextjs_payloads, walk_lists

    if not items:
        return
    outside = {
        strip_query(link) for link, _t, node in all_links if is_item_url(link) and has_ancestor(node, _NOT_LISTING)
    }
    for payload in nextjs_payloads(doc):
        for values in walk_lists(payload):
            listed = _one_item_each(values, url)
            if len(listed) >= 2 and set(listed) & set(items):
                for link in listed:
                    if link not in outside:
                        items.setdefault(link, PageRef(url=link, date=date_from_path(link)))


def _one_item_each(values: list, url: str) -> list[str]:
    """A JSON list whose elements each name exactly one item URL -> those URLs, in order; else []."""
    out: list[str] = []
    for value in values:
        found = set(_raw_item_links(json.dumps(value, ensure_ascii=False), url))
        if len(found) > 1:
            return []
        out.extend(found)
    return out


def _raw_item_links(html: str, url: str) -> list[str]:
    """Item URLs found in the page's text and scripts, resolved and de-duplicated, in order."""
    text = html.replace("\\/", "/").replace("\\u002F", "/").replace("\\u002f", "/")
    out: dict[str, None] = {}
    for m in _RAW_ITEM.finditer(text):
        link = resolve(m.group(0), url)
        if link and is_item_url(link):
            out.setdefault(strip_query(link), None)
    return list(out)


def _next_url(doc, all_links, url: str) -> str | None:
    """rel=next, else a link labelled Volgende, else the link to pagina N+1 (N = this page's, first = 1)."""
    for node in doc.css('a[rel~="next"], link[rel~="next"]'):
        target = resolve(node.attributes.get("href"), url)
        if target and target != url:
            return target
    for link, text, node in all_links:
        for label in (text, node.attributes.get("aria-label"), node.attributes.get("title")):
            label = re.sub(r"^[^\w›»>→]+|[^\w›»>→]+$", "", clean(label or ""))
            if label and _NEXT_TEXT.match(label) and link != url and not is_item_url(link):
                return link
    current = pagina_of(url)
    numbered = sorted(
        {n for link, _t, _n in all_links if (n := pagina_of(link)) is not None and _same_listing(link, url)}
    )
    if current is None:
        current = 0 if 0 in numbered else 1
    later = [n for n in numbered if n > current]
    if later:
        return with_pagina(url, later[0])
    if _next_button(doc):  # "Meer laden" / "Volgende" as a script button: the server's pagina=N+1
        return with_pagina(url, current + 1)
    return None


def _next_button(doc) -> bool:
    """A <button> (no link) labelled Volgende / Meer laden / Toon meer, by text, aria-label or title."""
    for node in doc.css("button"):
        for label in (node.text(separator=" "), node.attributes.get("aria-label"), node.attributes.get("title")):
            label = re.sub(r"^[^\w›»>→]+|[^\w›»>→]+$", "", clean(label or ""))
            if label and _NEXT_TEXT.match(label) and "disabled" not in node.attributes:
                return True
    return False


def _same_listing(link: str, url: str) -> bool:
    """Pagination links stay on the listing's own path."""
    return urlsplit(link).path.rstrip("/") == urlsplit(url).path.rstrip("/")
