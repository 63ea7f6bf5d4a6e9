"""Bewindspersonen index and person pages -> PersonRef list / Person (name, role, ministry, agenda listing URL)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from agendakaart.models import Person, PersonRef
from agendakaart.parse.html import blocks, clean, links, main_root, meta_tags, tree
from agendakaart.parse.payload import groups_of, jsonld_objects, nextjs_payloads, walk_dicts

_PERSON_PATH = re.compile(r"^/regering/bewindspersonen/([a-z0-9][a-z0-9-]*)/?$")
_ROLE = re.compile(
    r"\b(minister-president|minister|staatssecretaris|viceminister-president)\b(?:\s+(?:van|voor)\s+([^,.;|]{3,90}))?",
    re.I,
)


def person_slug(url: str) -> str | None:
    """Person URL -> slug; sub-paths are not persons.

    >>> person_slug("https://x/regering/bewindspersonen/eelco-heinen"), person_slug("https://x/regering/bewindspersonen/eelco-heinen/agenda")
    ('eelco-heinen', None)
    """
    m = _PERSON_PATH.match(urlsplit(url).path)
    return m[1] if m else None


def _slug_to_name(slug: str) -> str:
    """ "eelco-heinen" -> "Eelco Heinen" (a fallback when the link has no text)."""
    return " ".join(w if w in ("van", "de", "der", "den") else w.capitalize() for w in slug.split("-"))


def parse_persons_index(html: str, url: str) -> list[PersonRef]:
    """Index page -> one PersonRef per distinct person link, document order; name from the richest link text.

    <a href="/regering/bewindspersonen/rob-jetten">Rob Jetten</a> -> PersonRef("rob-jetten", "Rob Jetten", ...)
    """
    found: dict[str, PersonRef] = {}
    anchors = [x for x in links(tree(html), url) if person_slug(x[0])]
    for link, text, node in anchors or _raw_person_links(html, url):
        slug = person_slug(link)
        if not slug:
            continue
        name, role = _name_and_role(text, node)
        name = _name_by_slug(slug, text, name, node) or (name if not _ROLE.match(name) else "")
        old = found.get(slug)
        if old is None or (len(name) > len(old.name) and old.name == _slug_to_name(slug)):
            found[slug] = PersonRef(
                slug=slug,
                name=name or _slug_to_name(slug),
                url=link.split("?")[0],
                role=role or (old.role if old else None),
            )
    return list(found.values())


def _slug_of(text: str) -> str:
    """ "Yeşilgöz-Zegerius" -> "yesilgoz-zegerius" (as the site writes slugs)."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", folded.replace("'", "")).strip("-")


def _name_by_slug(slug: str, *texts_and_node) -> str | None:
    """The words of a card's text (or title / aria-label / img alt) that spell its slug: ("eelco-heinen",
    "Minister van Financiën Eelco Heinen") -> "Eelco Heinen"; none -> None."""
    *texts, node = texts_and_node
    img = node.css_first("img[alt]")
    texts += [
        node.attributes.get("title"),
        node.attributes.get("aria-label"),
        img.attributes.get("alt") if img else None,
    ]
    for text in texts:
        words = clean(text or "").replace(",", " ").split()
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 7) + 1):
                if _slug_of(" ".join(words[i:j])) == slug:
                    return " ".join(words[i:j])
    return None


_RAW_PERSON = re.compile(r"(?:https?:)?(?://[\w.:-]+)?/regering/bewindspersonen/[a-z0-9][a-z0-9-]*(?![\w/-])")


def _raw_person_links(html: str, url: str) -> list:
    """Person URLs written only in a payload -> (url, "", empty node) triples like links()."""
    from agendakaart.parse.html import resolve

    text = html.replace("\\/", "/")
    seen = dict.fromkeys(resolve(m.group(0), url) for m in _RAW_PERSON.finditer(text))
    return [(u, "", tree("<a></a>").css_first("a")) for u in seen if u]


def _name_and_role(text: str, node) -> tuple[str, str | None]:
    """Link text may hold name and role ("Rob Jetten Minister-president"); a heading inside is the name."""
    heading = node.css_first("h2, h3, h4, strong, .name, [class*=naam], [class*=name]")
    name = clean(heading.text(separator=" ")) if heading is not None else text
    role = None
    if m := _ROLE.search(text):
        role = m[1].lower()
        if heading is None:
            name = clean(text[: m.start()]) or name
    if not name and node.attributes.get("title"):
        name = clean(node.attributes["title"])
    return name, role


def parse_person_page(html: str, url: str) -> Person:
    """Person page -> Person with name, role, ministry (visible or from the Next.js payload) and agenda URL.

    Agenda URL: a link whose path ends in /agenda under the person, else any /agenda link, else {url}/agenda.
    """
    doc = tree(html)
    slug = person_slug(url) or urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    base = url.split("?")[0].rstrip("/")
    agenda = _agenda_link(doc, url, slug)
    h1 = doc.css_first("main h1") or doc.css_first("h1")
    name = _name_of_heading(h1) if h1 is not None else ""
    role, ministry = _role_ministry(doc)
    pay_name, pay_role, pay_ministry = _payload_person(doc, slug)
    return Person(
        slug=slug,
        name=name or pay_name or _slug_to_name(slug),
        role=role or pay_role,
        ministry=ministry or pay_ministry,
        agenda_url=agenda or f"{base}/agenda",
        url=base,
    )


def _name_of_heading(h1) -> str:
    """The name in a person's h1, without a role beside it.

    <h1>Dilan Yeşilgöz-Zegerius <small>Minister van Defensie</small></h1> -> "Dilan Yeşilgöz-Zegerius"
    """
    text = clean(h1.text(separator=" "))
    for child in h1.iter():  # an element that is only the role ("<small>Minister van Defensie</small>")
        role = clean(child.text(separator=" "))
        if role and _ROLE.match(role) and clean(text.replace(role, "")):
            text = clean(text.replace(role, " "))
    if (m := _ROLE.search(text)) and clean(text[: m.start()]):
        text = text[: m.start()]
    return clean(text).rstrip(" ,-–|")


def _agenda_link(doc, url: str, slug: str) -> str | None:
    """The person's own agenda: a link ending in /agenda naming the slug, else any /agenda link outside
    /bewindspersonen/ (there it is another person's) other than the central /actueel/agenda."""
    ranked: list[tuple[int, str]] = []
    for n, (link, _text, _node) in enumerate(links(doc, url)):
        parts = urlsplit(link)
        path = parts.path.rstrip("/")
        if not path.endswith("/agenda"):
            continue
        if slug in path or (slug in parts.query and path == "/actueel/agenda"):
            rank = 0
        elif "/bewindspersonen/" in path or path == "/actueel/agenda":
            rank = 9  # another person's agenda (or none): never this person's listing
        else:
            rank = 2
        ranked.append((rank * 10_000 + n, link))
    best = min(ranked, default=None)
    return best[1] if best and best[0] < 90_000 else None


def _role_ministry(doc) -> tuple[str | None, str | None]:
    """ "Minister van Financiën" in the visible page or meta -> ("minister", "Financiën")."""
    meta = meta_tags(doc)
    texts = [b.text for b in blocks(main_root(doc))[:60] if not b.in_chrome]
    texts += [b for b in (meta.get("dcterms.description"), meta.get("description")) if b]
    for text in texts:
        if m := _ROLE.search(text):
            return m[1].lower(), clean(m[2]) if m[2] else None
    return None, None


def _payload_person(doc, slug: str) -> tuple[str | None, str | None, str | None]:
    """Name, role and ministry from JSON-LD Person or a Next.js payload record (keys searched, not addressed)."""
    records = [o for o in jsonld_objects(doc) if "person" in str(o.get("@type", "")).lower()]
    for payload in nextjs_payloads(doc):
        records.extend(walk_dicts(payload))
    for rec in records:
        keys = {str(k).lower(): v for k, v in rec.items()}
        name = keys.get("name") or keys.get("naam") or keys.get("fullname") or keys.get("title")
        role = keys.get("role") or keys.get("rol") or keys.get("functie") or keys.get("jobtitle")
        ministry = groups_of(rec).get("ministry") or keys.get("ministerie") or keys.get("worksfor")
        if isinstance(ministry, dict):
            ministry = ministry.get("name") or ministry.get("naam")
        if isinstance(name, str) and (role or ministry or keys.get("slug") == slug):
            return (
                clean(name),
                clean(role) if isinstance(role, str) else None,
                clean(ministry) if isinstance(ministry, str) else None,
            )
    return None, None, None


# "Agenda minister-president", "staatssecretaris van Financiën – Fiscaliteit", "minister voor Klimaat en Groene Groei"
_ROLE_WORD = re.compile(r"(?<![\w-])(?<!oud-)(?<!ex-)(minister-president|premier|minister|staatssecretaris)(?![\w-])")
_OF = re.compile(r"\s+(?:van|voor)\s+")
_STOP = frozenset({"en", "van", "voor", "de", "het", "bij", "zaken", "week", "agenda", "zonder", "portefeuille"})


def persons_by_role(text: str, day, posts) -> tuple[str, ...]:
    """A title naming a post but no person -> the one person holding it on `day` (per the seed posts), else ().

    ("Agenda minister-president", 2026-03-10) -> ("rob-jetten",); ("Agenda staatssecretaris van Financiën –
    Fiscaliteit", 2026-03-10) -> ("eelco-eerenberg",); ("Agenda staatssecretaris van Financiën", ...) -> () (two).
    A post several held that day gives () (no guess); a post no one held ("premier van België") or a name
    ("minister Keijzer") is passed over; two posts named give two persons.
    posts: (slug, role, ministry, ministry_abbr, cabinet, start, end) rows, see store.persons.seed_posts.
    """
    from agendakaart.parse.sources import _fold

    current = _posts_on(posts, day)
    found: set[str] = set()
    folded = _fold(text)
    for m in _ROLE_WORD.finditer(folded):
        after = re.split(r"[|;]", folded[m.end() : m.end() + 120], maxsplit=1)[0]
        of = _OF.match(after)
        if m[1] in ("minister", "staatssecretaris") and not of:
            fits = _by_portfolio(current, m[1], after)  # "staatssecretaris Fiscaliteit"; a name fits no one
            found |= fits if len(fits) == 1 else set()
            continue
        fits = _fitting(current, m[1], after[of.end() :].strip() if of else "")
        if len(fits) > 1:
            return ()
        found |= fits
    return tuple(sorted(found))


def _by_portfolio(current: list[tuple], role_word: str, following: str) -> set[str]:
    """Holders of the role whose portfolio shares a word with the (first three) words after it."""
    from agendakaart.parse.sources import _fold

    words = _stems(" ".join(following.split()[:3]))
    return (
        {
            slug
            for slug, role, *_ in current
            if _fold(role).startswith(role_word) and words & _stems(_portfolio(_fold(role)))
        }
        if words
        else set()
    )


def _posts_on(posts, day) -> list[tuple]:
    """The posts of the cabinet in office on `day` (the latest one started by then) that cover `day`."""
    started = [(p[5], p[4]) for p in posts if p[5] is not None and p[5] <= day]
    if not started:
        return []
    cabinet = max(started)[1]
    return [p for p in posts if p[4] == cabinet and (p[5] is None or p[5] <= day) and (p[6] is None or day < p[6])]


def _fitting(current: list[tuple], role_word: str, rest: str) -> set[str]:
    """Posts matching a role word ("minister"), the ministry after it and, when several do, a portfolio word."""
    from agendakaart.parse.sources import _fold

    role_word = "minister-president" if role_word == "premier" else role_word
    holders = [
        (slug, _fold(role), _fold(re.sub(r"\s*\(.*?\)", "", ministry)), _fold(abbr))
        for slug, role, ministry, abbr, *_ in current
        if _fold(role).startswith(role_word)
    ]
    fits = [
        (slug, role, name)
        for slug, role, name, abbr in holders
        if not rest or rest.startswith(name) or rest.split(" ", 1)[0] == abbr
    ]
    if not fits and rest and role_word != "minister-president":  # "staatssecretaris voor Digitale Zaken"
        words = _stems(rest)
        return {slug for slug, role, name, _a in holders if words & _stems(_portfolio(role))} if words else set()
    if role_word == "minister-president" and rest and not fits:
        return set()
    if len(fits) > 1 and rest:
        words = _stems(rest) - set().union(*(_stems(f[2]) for f in fits))
        narrowed = [f for f in fits if words & _stems(_portfolio(f[1]))]
        fits = narrowed or fits
    return {f[0] for f in fits}


def _portfolio(role: str) -> str:
    """ "staatssecretaris (fiscale zaken en belastingdienst)" -> "fiscale zaken en belastingdienst"."""
    m = re.search(r"\((.*)\)", role)
    return m[1] if m else ""


def _stems(text: str) -> set[str]:
    """Content words cut to 5 letters: "fiscaliteit, belastingdienst" -> {"fisca", "belas"}."""
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text) if w not in _STOP}
