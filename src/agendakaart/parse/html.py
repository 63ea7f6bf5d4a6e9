"""HTML helpers shared by the parsers: links resolved against the page, and the page's text as ordered blocks."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import urldefrag, urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser, LexborNode as Node

BLOCK_TAGS = frozenset(
    {
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "li",
        "dt",
        "dd",
        "td",
        "th",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "ul",
        "ol",
        "dl",
        "table",
        "tr",
        "tbody",
        "thead",
        "blockquote",
        "pre",
        "figure",
        "figcaption",
        "aside",
        "nav",
        "span-block",
        "address",
        "summary",
        "details",
        "body",
        "html",
    }
)
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "button", "form"})
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside"})
_CHARSET = re.compile(r"charset=[\"']?([\w-]+)", re.I)
_WS = re.compile(r"[ \t\r\f\v\u00a0\u2007\u202f]+")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")  # soft hyphen, zero-width marks: no character
# private-use marks around a line's bold text while walking (stripped from page text, never stored)
_BOLD_OPEN, _BOLD_CLOSE = "\ue000", "\ue001"
_WHEN_OPEN, _WHEN_CLOSE = "\ue002", "\ue003"  # around a <time>'s datetime value, taken out before the text
_WHEN = re.compile("\ue002([^\ue003]*)\ue003")
_MARKS = re.compile("[\ue000-\ue003]")
_BOLD_TAGS = frozenset({"strong", "b"})


class Block(NamedTuple):  # a NamedTuple: built for every line of every page, cheaper than a frozen dataclass
    """One line of visible text and the block element it sits in (its nearest block ancestor)."""

    tag: str
    text: str
    in_chrome: bool = False  # inside nav/header/footer/aside
    depth: int = 0  # number of enclosing lists (ul/ol/dl): a nested bullet is deeper
    cont: bool = False  # continues the element of the line before, after a <br>
    cell: int = 0  # column of its table cell in the row (0: the first cell, or not in a table)
    lead: str | None = None  # text of the line's first <strong>/<b> ("<b>Werkbezoek</b> Aan ..." -> "Werkbezoek")
    when: str | None = None  # datetime of the line's first <time datetime> ("<h3><time datetime=2025-11-17>Maandag")


def clean(text: str | None) -> str:
    """Collapse whitespace, drop soft hyphens and zero-width marks. "  a \\n b " -> "a b"; "Minister\\u00adraad" ->
    "Ministerraad"."""
    return _WS.sub(" ", _INVISIBLE.sub("", (text or "")).replace("\n", " ")).strip()


def tree(html: str) -> HTMLParser:
    return HTMLParser(html or "")


def resolve(href: str | None, base: str) -> str | None:
    """Link -> absolute URL without fragment; None for mailto/javascript/empty.

    >>> resolve("../b?x=1#top", "http://h/a/c")
    'http://h/b?x=1'
    """
    href = (href or "").strip()
    if not href or href.startswith(("mailto:", "javascript:", "tel:", "data:")):
        return None
    url = urldefrag(urljoin(base, href))[0]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    return url


def strip_query(url: str) -> str:
    """URL without query, fragment and trailing slash. "http://h/a/?q=1" -> "http://h/a"."""
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, p.path.rstrip("/") or "/", "", ""))


def links(doc: HTMLParser, base: str) -> list[tuple[str, str, Node]]:
    """Every <a href> as (absolute url, visible text, node), in document order; a <base href> is honoured.

    <base href="/actueel/"> + <a href="agenda/x"> on http://h/p -> "http://h/actueel/agenda/x"
    """
    out = []
    base_node = doc.css_first("base[href]")
    if base_node is not None:
        base = resolve(base_node.attributes.get("href"), base) or base
    for a in doc.css("a[href]"):
        url = resolve(a.attributes.get("href"), base)
        if url:
            out.append((url, clean(a.text(separator=" ")), a))
    return out


def blocks(root: Node | None) -> list[Block]:
    """Visible text of a subtree as ordered lines: one per leaf block element, <br> and newlines split lines.

    <div><h2>Dinsdag 21 mei</h2><ul><li>Gesprek: x</li></ul></div> -> [h2 "Dinsdag 21 mei", li "Gesprek: x"]
    """
    out: list[Block] = []
    if root is None:
        return out
    _walk(root, "body", False, out, [])
    return out


_LISTS = frozenset({"ul", "ol", "dl"})


_HEADING_LIKE = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt"})


def _is_toggle(button: Node) -> bool:
    """An accordion button (aria-expanded / aria-controls), not an action like "Delen" or "Meer laden"."""
    attrs = button.attributes
    return "aria-expanded" in attrs or "aria-controls" in attrs


def _column(cell: Node) -> int:
    """Index of a td/th among the cells of its row. <tr><td>a</td><td>b</td></tr>: b -> 1."""
    n, prev = 0, cell.prev
    while prev is not None:
        n += prev.tag in ("td", "th")
        prev = prev.prev
    return n


def _walk(
    node: Node, block_tag: str, chrome: bool, out: list[Block], buf: list[str], depth: int = 0, cell: int = 0
) -> None:
    """Depth-first: text is buffered until the enclosing block ends or a child block starts."""
    child = node.child
    after_element = False  # two inline elements side by side: <span>Locatie</span><span>Assen</span>
    while child is not None:
        tag = child.tag
        if tag == "-text":
            text = child.text_content or ""
            if text and max(text) >= _BOLD_OPEN and _MARKS.search(text):  # the page's own private-use characters
                text = _MARKS.sub("", text)  # are no marks of ours
            buf.append(text)
            after_element = False
        elif tag == "br":
            buf.append("\n")
        elif tag == "button" and block_tag in _HEADING_LIKE:  # <h3><button>Maandag 18 november</button></h3>
            _walk(child, block_tag, chrome, out, buf, depth, cell)
        elif tag == "button" and _is_toggle(child):  # an accordion toggle labels the section it opens
            _flush(block_tag, chrome, out, buf, depth, cell)
            _walk(child, "h4", chrome, out, buf, depth, cell)
            _flush("h4", chrome, out, buf, depth, cell)
        elif tag in SKIP_TAGS or tag == "-comment":
            pass
        elif tag in BLOCK_TAGS:
            _flush(block_tag, chrome, out, buf, depth, cell)
            _walk(
                child,
                tag,
                chrome or tag in CHROME_TAGS and not _content_header(child),
                out,
                [],
                depth + (tag in _LISTS),
                _column(child) if tag in ("td", "th") else cell if tag not in ("table", "tr") else 0,
            )
        else:
            if after_element and buf and buf[-1][-1:] and not buf[-1][-1:].isspace():
                buf.append(" ")  # rendered apart by CSS (label / value): keep the words apart
            bold = tag in _BOLD_TAGS
            if bold:
                buf.append(_BOLD_OPEN)
            elif tag == "time" and (moment := child.attributes.get("datetime")):
                buf.append(f"{_WHEN_OPEN}{_MARKS.sub('', moment)[:40]}{_WHEN_CLOSE}")
            _walk(child, block_tag, chrome, out, buf, depth, cell)
            if bold:
                buf.append(_BOLD_CLOSE)
            after_element = True
        child = child.next
    if node.tag in BLOCK_TAGS or node.tag in ("-undef",):
        _flush(block_tag, chrome, out, buf, depth, cell)


def _flush(tag: str, chrome: bool, out: list[Block], buf: list[str], depth: int = 0, cell: int = 0) -> None:
    if not buf:
        return
    first = True
    for line in "".join(buf).split("\n"):
        lead = when = None
        if _WHEN_OPEN in line:
            when = m[1].strip() if (m := _WHEN.search(line)) else None
            line = _WHEN.sub("", line)
        if _BOLD_OPEN in line or _BOLD_CLOSE in line or _WHEN_CLOSE in line:
            lead = _bold_lead(line) if _BOLD_OPEN in line else None
            line = _MARKS.sub("", line)
        text = clean(line)
        if text:
            out.append(Block(tag, text, chrome, depth, not first, cell, lead, when or None))
            first = False
    buf.clear()


def _bold_lead(line: str) -> str | None:
    """The first bold text of a marked line. "\ue000Werkbezoek\ue001 Aan de haven" -> "Werkbezoek"."""
    start = line.index(_BOLD_OPEN) + 1
    end = line.find(_BOLD_CLOSE, start)
    text = clean(line[start : end if end >= 0 else None].replace(_BOLD_OPEN, "").replace(_BOLD_CLOSE, ""))
    return text or None


def main_root(doc: HTMLParser) -> Node | None:
    """The page's main content: <main>, else <article>, else [role=main], else <body>."""
    for selector in ("main", "article", "[role=main]", "body"):
        node = doc.css_first(selector)
        if node is not None:
            return node
    return doc.root


def meta_tags(doc: HTMLParser) -> dict[str, str]:
    """<meta name|property=K content=V> -> {k.lower(): v}; the first of each name wins."""
    out: dict[str, str] = {}
    for m in doc.css("meta"):
        key = m.attributes.get("name") or m.attributes.get("property") or m.attributes.get("itemprop")
        value = m.attributes.get("content")
        if key and value and key.lower() not in out:
            out[key.lower()] = clean(value)
    return out


def _cp1252_for_bad_bytes(err: UnicodeDecodeError) -> tuple[str, int]:
    bad = err.object[err.start : err.end]
    return bad.decode("cp1252", errors="replace"), err.end


def page_text(body: bytes, content_type: str = "") -> str:
    """Page bytes -> text: a declared non-UTF-8 charset if it decodes cleanly, else UTF-8 where valid with
    cp1252 for the bytes that are not (Dutch pages that lie about their encoding, or mix both).

    >>> page_text("café €".encode("cp1252"), "text/html; charset=utf-8"), page_text("café".encode(), "charset=latin-1")
    ('café €', 'café')
    """
    import codecs

    if body[:2] in (b"\xff\xfe", b"\xfe\xff"):  # a UTF-16 byte order mark
        return body.decode("utf-16", errors="replace").lstrip("\ufeff")
    try:  # valid UTF-8 is UTF-8, whatever a header says (cp1252 text is almost never valid UTF-8)
        return body.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(content_type or "") or _CHARSET.search(body[:2048].decode("ascii", "ignore"))
    if declared and declared.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return body.decode(declared.group(1))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        codecs.lookup_error("agendakaart-cp1252")
    except LookupError:
        codecs.register_error("agendakaart-cp1252", _cp1252_for_bad_bytes)
    return body.decode("utf-8", errors="agendakaart-cp1252").lstrip("\ufeff")


def has_ancestor(node, tags: tuple[str, ...]) -> bool:
    """True when a selectolax node sits inside one of these elements (e.g. header/nav/footer chrome)."""
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


def _content_header(node) -> bool:
    """An article's own <header> (inside main/article: its title, its date) is content, not site chrome."""
    return node.tag == "header" and has_ancestor(node, ("main", "article"))


def in_chrome(node) -> bool:
    """Inside nav/footer, or a <header> that is the site's (not inside main/article)."""
    return (
        has_ancestor(node, ("nav", "footer"))
        or has_ancestor(node, ("header",))
        and not has_ancestor(node, ("main", "article"))
    )


# Page furniture of the 2026 platform (SITE.md): sections by their heading. Their text is not the activity; the
# agenda links under "Meer over dit onderwerp" are discovery, the person links under "Hoort bij" attribution.
CHROME_HEADING = re.compile(
    r"^(?:meer over dit onderwerp|hoort bij|heeft deze informatie u (?:ge)?holpen\??|"
    r"deel (?:deze|dit) (?:pagina|bericht)|zie ook|lees ook|bekijk ook|gerelateerde? "
    r"(?:items?|onderwerpen|berichten|agenda-?items?)|meer agenda-?items|"
    r"is deze pagina nuttig\??)\s*:?$",
    re.I,
)
RELATED_HEADING = re.compile(r"^(?:meer over dit onderwerp|zie ook|lees ook|bekijk ook|gerelateerd|meer agenda)", re.I)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_CONTAINERS = frozenset({"section", "aside", "div", "nav", "details", "footer"})


def chrome_sections(doc: HTMLParser) -> list[tuple[str, list[Node]]]:
    """[(heading text, the nodes of its section)] for every furniture section (see CHROME_HEADING): the
    heading's own container when it holds nothing but that section, else the heading and its following siblings
    up to the next heading of the same or a higher level.

    <section><h2>Hoort bij</h2><ul>…</ul></section> -> [("Hoort bij", [<section>])]
    """
    out = []
    for node in doc.css("h1, h2, h3, h4, h5, h6, strong, p, summary, span, div"):
        text = clean(node.text(separator=" "))
        if not text or len(text) > 60 or not CHROME_HEADING.match(text):
            continue
        if node.tag in ("span", "div", "p", "strong") and node.child is not None and node.child.tag != "-text":
            continue  # a wrapper whose text only contains the heading: the inner element is matched itself
        out.append((text, _section_of(node)))
    return out


def _section_of(heading: Node) -> list[Node]:
    parent = heading.parent
    first = heading.prev
    while first is not None and first.tag == "-text" and not (first.text_content or "").strip():
        first = first.prev
    if (
        parent is not None
        and parent.tag in _CONTAINERS
        and first is None
        and parent.css_first("h1") is None
        and sum(1 for h in parent.css(",".join(_HEADINGS)) if h is not heading) == 0
    ):
        return [parent]  # a container that begins with the heading and holds no other heading: the section
    level = int(heading.tag[1]) if heading.tag in _HEADINGS else 7
    nodes, sibling = [heading], heading.next
    while sibling is not None:
        if sibling.tag in _HEADINGS and int(sibling.tag[1]) <= level:
            break
        if sibling.tag != "-text":
            nodes.append(sibling)
        sibling = sibling.next
    return nodes


def strip_chrome_sections(doc: HTMLParser) -> HTMLParser:
    """Remove furniture sections and search boxes from the tree (in place) -> doc."""
    for _text, nodes in chrome_sections(doc):
        for node in nodes:
            if node.parent is not None:
                node.decompose()
    for form in doc.css("form[role=search], [role=search], form"):
        if form.parent is not None and (
            form.attributes.get("role") == "search"
            or form.css_first("input[type=search]") is not None
            or re.search(r"zoek", form.text(separator=" ")[:200], re.I)
        ):
            form.decompose()
    return doc


_PERSON_PATH = re.compile(r"/regering/bewindspersonen/([a-z0-9][a-z0-9-]*)/?$")


def platform_links(doc: HTMLParser, url: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(slugs of persons linked from the page, agenda item URLs under "Meer over dit onderwerp"): person links
    outside the site's header/nav/footer and outside related-items sections (also to a person page that is
    gone); related links resolved, query dropped.

    <section><h2>Hoort bij</h2><a href="/regering/bewindspersonen/dick-schoof">…</a></section> -> (("dick-schoof",), ())
    """
    from urllib.parse import urlsplit

    related_nodes = [n for text, nodes in chrome_sections(doc) if RELATED_HEADING.match(text) for n in nodes]
    related_ids = {a.mem_id for node in related_nodes for a in ([node] if node.tag == "a" else node.css("a[href]"))}
    persons: dict[str, None] = {}
    related: dict[str, None] = {}
    for a in doc.css("a[href]"):
        href = a.attributes.get("href")
        link = resolve(href, url)
        if not link:
            continue
        in_related = a.mem_id in related_ids
        m = _PERSON_PATH.search(urlsplit(link).path)
        if m and not in_related and not in_chrome(a):
            persons.setdefault(m[1], None)
        elif in_related and re.search(r"/agenda/\d{4}/\d{2}/\d{2}/[^/?#]+/?$", urlsplit(link).path):
            related.setdefault(strip_query(link), None)
    return tuple(persons), tuple(related)


_MINISTRY_PATH = re.compile(r"^/ministeries/[a-z0-9-]+/?$")


def ministry_link(doc: HTMLParser) -> str | None:
    """The ministry a page belongs to by its links (breadcrumb, "Hoort bij"): the text of the first link to
    /ministeries/{slug} that names a ministry, outside the site's header/nav/footer menus (a breadcrumb <nav> counts).

    <nav aria-label="Kruimelpad"><a href="/ministeries/ministerie-van-financien">Ministerie van Financiën</a></nav>
    -> "Ministerie van Financiën"
    """
    from urllib.parse import urlsplit

    for a in doc.css("a[href]"):
        path = urlsplit(a.attributes.get("href") or "").path
        text = clean(a.text(separator=" "))
        if not _MINISTRY_PATH.match(path) or not re.match(r"^ministerie\b", text, re.I):
            continue
        nav = a.parent
        while nav is not None and nav.tag != "nav":
            nav = nav.parent
        crumb = nav is not None and re.search(
            r"kruimel|breadcrumb", " ".join(str(v) for v in nav.attributes.values()), re.I
        )
        if crumb or not in_chrome(a):
            return text
    return None
