"""Page chrome of the 2026 platform (Next.js app router style): head, header with search box, breadcrumb,
feedback block, footer, and the streamed `self.__next_f.push([1, "…"])` payload chunks.

SITE.md, "Page chrome of the new platform": a search box text, the title, a kind-and-date line, the body, "Heeft
deze informatie u geholpen?", "Meer over dit onderwerp", "Hoort bij", the footer, a breadcrumb link to
/ministeries/…, and the same text repeated in payload chunks. The markup details are the project's own guess.
"""

from __future__ import annotations

import json
import random
from html import escape

SITE = "https://www.rijksoverheid.nl"
BUILD_ID = "rOv7xq2JmZ"
CSS = "/_next/static/css/5b1e0c9d2a7f4e31.css"
CHUNKS = (
    "/_next/static/chunks/webpack-3c8f1a2be1d0.js",
    "/_next/static/chunks/4bd1b696-6e8c2f0a.js",
    "/_next/static/chunks/main-app-0a9d7f2c31.js",
)


def esc(text: str) -> str:
    return escape(text, quote=False)


def attr(text: str) -> str:
    return escape(text, quote=True)


def script_json(data) -> str:
    """JSON safe inside <script>: '</' never closes the element."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def head(
    title: str,
    path: str,
    *,
    description: str = "",
    meta: dict[str, str] | None = None,
    jsonld: list[dict] | None = None,
) -> str:
    """<head> as the app router streams it: charset, viewport, css, chunk scripts, title, meta, canonical."""
    parts = [
        '<meta charSet="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f'<link rel="stylesheet" href="{CSS}" data-precedence="next"/>',
        f'<link rel="preload" as="script" fetchPriority="low" href="{CHUNKS[0]}"/>',
    ]
    parts += [f'<script src="{src}" async=""></script>' for src in CHUNKS[1:]]
    parts.append(f"<title>{esc(title)} | Rijksoverheid.nl</title>")
    if description:
        parts.append(f'<meta name="description" content="{attr(description)}"/>')
    parts.append(f'<link rel="canonical" href="{SITE}{attr(path)}"/>')
    for key, value in (meta or {}).items():
        prop = "property" if key.startswith("og:") else "name"
        parts.append(f'<meta {prop}="{key}" content="{attr(value)}"/>')
    parts += [f'<script type="application/ld+json">{script_json(d)}</script>' for d in jsonld or []]
    return "<head>" + "".join(parts) + "</head>"


def header() -> str:
    return (
        '<a class="skiplink" href="#main">Direct naar de inhoud</a>'
        '<header class="site-header"><a class="site-header__logo" href="/"><span>Rijksoverheid</span></a>'
        '<form class="search-bar" role="search" action="/zoeken" method="get">'
        '<label for="search-input" class="sr-only">Zoeken binnen Rijksoverheid.nl</label>'
        '<input id="search-input" type="search" name="trefwoord" placeholder="Waar bent u naar op zoek?"/>'
        '<button type="submit">Zoeken</button></form>'
        '<nav aria-label="Hoofdmenu"><ul><li><a href="/onderwerpen">Onderwerpen</a></li>'
        '<li><a href="/themas">Thema\'s</a></li><li><a href="/regering">Regering</a></li>'
        '<li><a href="/ministeries">Ministeries</a></li><li><a href="/actueel">Actueel</a></li>'
        '<li><a href="/contact">Contact</a></li></ul></nav></header>'
    )


def footer() -> str:
    return (
        '<footer class="site-footer"><p class="site-footer__slogan">De Rijksoverheid. Voor Nederland</p>'
        '<ul><li><a href="/contact">Contact</a></li><li><a href="/over-deze-site">Over deze site</a></li>'
        '<li><a href="/privacy">Privacy</a></li><li><a href="/toegankelijkheid">Toegankelijkheid</a></li>'
        '<li><a href="/copyright">Copyright</a></li><li><a href="/sitemap">Sitemap</a></li></ul>'
        '<p>Replica van rijksoverheid.nl, geschreven door agendakaart voor tests. Geen echte agenda.</p>'
        '</footer>'
    )


def breadcrumb(trail: list[tuple[str, str | None]]) -> str:
    """[(label, href or None for the current page)] -> an ordered list nav."""
    items = "".join(
        f'<li><a href="{attr(href)}">{esc(label)}</a></li>' if href else f'<li aria-current="page">{esc(label)}</li>'
        for label, href in trail
    )
    return f'<nav class="breadcrumb" aria-label="Kruimelpad"><ol>{items}</ol></nav>'


def breadcrumb_jsonld(trail: list[tuple[str, str | None]], path: str) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": label, "item": SITE + (href or path)}
            for n, (label, href) in enumerate(trail, start=1)
        ],
    }


def feedback() -> str:
    return (
        '<section class="feedback" aria-labelledby="feedback-title"><h2 id="feedback-title">Heeft deze '
        'informatie u geholpen?</h2><div class="feedback__buttons"><button type="button">Ja</button>'
        '<button type="button">Nee</button></div><p class="feedback__note">Uw reactie gebruiken we om de '
        'website te verbeteren. U krijgt geen antwoord.</p></section>'
    )


def flight_rows(tree: list, data: dict) -> str:
    """The RSC stream: a layout row, an import row, the data record and the rendered tree, one per line."""
    rows = [
        f'0:["{BUILD_ID}",[["children","(site)","children",{script_json(["$", "$L1", None, {}])}]]]',
        '1:I[7412,["chunks/app/(site)/layout-91c2d.js"],"default"]',
        f"2:{json.dumps(data, ensure_ascii=False, separators=(',', ':'))}",
        f"3:{json.dumps(tree, ensure_ascii=False, separators=(',', ':'))}",
    ]
    return "\n".join(rows) + "\n"


def flight_scripts(stream: str, rng: random.Random) -> str:
    """Split the stream into 3-6 chunks at arbitrary places (mid-word too) -> the <script> pushes."""
    n = rng.randint(3, 6)
    cuts = sorted(rng.sample(range(1, len(stream)), n - 1)) if len(stream) > n else []
    pieces = [stream[a:b] for a, b in zip([0, *cuts], [*cuts, len(stream)])]
    pushes = "".join(f"<script>self.__next_f.push({script_json([1, piece])})</script>" for piece in pieces)
    return f"<script>(self.__next_f=self.__next_f||[]).push([0])</script>{pushes}"


def document(head_html: str, body_html: str, stream: str, rng: random.Random) -> str:
    return (
        f'<!DOCTYPE html><html lang="nl">{head_html}<body>{header()}{body_html}{footer()}'
        f"{flight_scripts(stream, rng)}</body></html>\n"
    )


def el(tag: str, children, **props) -> list:
    """A React element as the RSC stream writes it: ["$", tag, null, {props, children}]."""
    return ["$", tag, None, {**props, "children": children}]
