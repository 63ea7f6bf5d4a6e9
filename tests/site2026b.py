"""A second, independent replica of the 2026 platform, served on 127.0.0.1 by a small dynamic server.

Written blind to the collector, choosing differently from the project's own replica where SITE.md leaves room:
- `POST /api/search` answers in the raw App Search shape (`meta.page.total_results`, `results` of `{"raw": v}`,
  `facets` as value/count lists), never `rawResponse` or `totalResults`; the agenda value of `information_type`
  is "Agenda-item"; a page holds at most 10 results (more asked: silently 10); `current` > 3 answers 400
  "Invalid search request"; range filters on `sort_date` / `activity_start_date` need full instants (a date-only
  value answers 500); results carry absolute URLs on https://www.rijksoverheid.nl, news items, one off-site url and
  one without url.
- `/sitemap.xml` is an index: a numbered sitemap, a gzipped one, a news sitemap (non-agenda URLs), and a nested
  index; robots.txt names it in a `Sitemap:` line; the variant `disallow_api` disallows `/api/`.
- Item pages in Next.js app-router style (`self.__next_f.push([1, "…"])` chunks repeating the visible text; some
  hold the time or place only there), date/time/place labelled as "Wanneer"/"Waar" (dl), hidden "Datum:" spans, a
  table, or a sentence; a kind-and-date line with the PUBLICATION date and time; weekly roll-ups; a press block;
  "Meer over dit onderwerp"; "Hoort bij" links to persons of kabinet-Schoof whose pages answer 404; search box,
  feedback block, footer.
- Listings (central and per person) are rendered in the browser (no item links); the persons index lists only
  members of kabinet-Jetten; `/api/rss` answers at most 20 results.
The content and the truth: tests/site2026b_content.py.
"""

from __future__ import annotations

import copy
import gzip
import html
import json
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import site2026b_content as content

PROD = "https://www.rijksoverheid.nl"
AGENDA = "/actueel/agenda/"
PAGE_SIZE, MAX_CURRENT = 10, 3
CURRENT = {  # the persons index: kabinet-Jetten only
    "rob-jetten": ("Rob Jetten", "Minister-president"),
    "eelco-heinen": ("Eelco Heinen", "Minister van Financiën"),
    "sophie-hermans": ("Sophie Hermans", "Minister van Volksgezondheid, Welzijn en Sport"),
    "vincent-karremans": ("Vincent Karremans", "Minister van Infrastructuur en Waterstaat"),
    "heleen-herbert": ("Heleen Herbert", "Minister van Economische Zaken en Klimaat"),
    "dilan-yesilgoz-zegerius": ("Dilan Yeşilgöz-Zegerius", "Minister van Defensie"),
    "david-van-weel": ("David van Weel", "Minister van Justitie en Veiligheid"),
    "jaimi-van-essen": ("Jaimi van Essen", "Minister van Landbouw, Visserij, Voedselzekerheid en Natuur"),
    "mirjam-sterk": ("Mirjam Sterk", "Minister voor Langdurige Zorg, Jeugd en Sport"),
    "annet-bertram": ("Annet Bertram", "Staatssecretaris van Infrastructuur en Waterstaat"),
    "derk-boswijk": ("Derk Boswijk", "Staatssecretaris van Defensie"),
    "willemijn-aerdts": ("Willemijn Aerdts", "Staatssecretaris van Economische Zaken en Klimaat"),
}
NAMES = {  # link texts for "Hoort bij"
    **{slug: name for slug, (name, _) in CURRENT.items()},
    "femke-wiersma": "Femke Wiersma",
    "caspar-veldkamp": "Caspar Veldkamp",
    "gijs-tuinman": "Gijs Tuinman",
    "dick-schoof": "Dick Schoof",
    "mona-keijzer": "Mona Keijzer",
    "eppo-bruins": "Eppo Bruins",
    "marjolein-faber": "Marjolein Faber",
    "robert-tieman": "Robert Tieman",
    "frank-rijkaart": "Frank Rijkaart",
    "jurgen-nobel": "Jurgen Nobel",
    "jan-anthonie-bruijn": "Jan Anthonie Bruijn",
}
NEWS = [  # news pages: in the search index and the news sitemap, never agenda items
    (
        "/actueel/nieuws/2025/10/07/kabinet-investeert-in-scheepsbouw",
        "Kabinet investeert in scheepsbouw",
        "2025-10-07T09:00:00Z",
    ),
    (
        "/actueel/nieuws/2026/03/12/brainport-krijgt-extra-woningen",
        "Brainport krijgt extra woningen",
        "2026-03-12T15:00:00Z",
    ),
    ("/actueel/nieuws/2026/10/01/nieuwe-vangstquota-bekend", "Nieuwe vangstquota bekend", "2026-10-01T16:00:00Z"),
    ("/actueel/nieuws/2026/11/20/cloudstrategie-overheid", "Overheid kiest voor eigen cloud", "2026-11-20T11:00:00Z"),
    ("/actueel/nieuws/2024/11/18/woningbouw-versnelt", "Woningbouw versnelt in de regio", "2024-11-18T12:00:00Z"),
    ("/actueel/nieuws/2025/05/22/opvang-asielzoekers", "Afspraken over opvang asielzoekers", "2025-05-22T14:00:00Z"),
]
OFFSITE = {"url": "https://www.defensie.nl/actueel/agenda/2025/05/14/open-dag-kazerne", "title": "Open dag kazerne"}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def ymd(path: str) -> tuple[int, int, int]:
    y, m, d = path.split("/")[:3]
    return int(y), int(m), int(d)


# ---------------------------------------------------------------- item pages


def _chrome_top(title: str, ministry: str, canonical: str, kind: str, published: str) -> str:
    pub = datetime.fromisoformat(published.replace("Z", "+00:00")).astimezone(_ams(published))
    mname = content.MIN[ministry]
    return f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<title>{esc(title)} | Rijksoverheid.nl</title>
<link rel="canonical" href="{esc(canonical)}">
<meta name="DCTERMS.title" content="{esc(title)}"><meta name="DCTERMS.type" content="{kind}">
<meta name="DCTERMS.creator" content="{esc(mname)}"><meta name="DCTERMS.issued" content="{published}">
<meta property="og:title" content="{esc(title)}"><meta name="viewport" content="width=device-width">
</head><body><div id="__next">
<header class="site-header"><a class="skip" href="#inhoud">Ga direct naar de inhoud</a>
<form role="search" action="/zoeken" class="searchbar"><label for="zoekveld">Zoeken binnen Rijksoverheid.nl</label>
<input id="zoekveld" name="trefwoord" placeholder="Bijvoorbeeld: werkbezoek Zwolle 14.00 uur">
<button type="submit">Zoek</button></form></header>
<nav aria-label="Kruimelpad"><ol><li><a href="/">Home</a></li><li><a href="/ministeries/{ministry}">{esc(mname)}</a></li>
<li><a href="/actueel/agenda">Agenda</a></li></ol></nav>
<main id="inhoud"><article class="content">
<h1>{esc(title)}</h1>
<p class="kind-line"><span>{"Weekagenda" if kind == "weekagenda" else "Agenda-item"}</span>
<time datetime="{pub.strftime("%Y-%m-%dT%H:%M")}">{pub.strftime("%d-%m-%Y | %H:%M")}</time></p>
"""


def _ams(instant: str):
    """Amsterdam's UTC offset at that instant (CET / CEST; last Sundays of March and October at 01:00 UTC)."""
    from datetime import timedelta

    t = datetime.fromisoformat(instant.replace("Z", "+00:00"))

    def last_sunday(month: int) -> datetime:
        d = datetime(t.year, month, 31, 1, tzinfo=timezone.utc)
        return d - timedelta(days=(d.weekday() + 1) % 7)

    summer = last_sunday(3) <= t < last_sunday(10)
    return timezone(timedelta(hours=2 if summer else 1))


def _chrome_bottom(item: dict) -> str:
    related = "".join(
        f'<li><a href="{AGENDA}{p}">{esc(content.ITEMS[p]["title"])}</a></li>' for p in item.get("related", [])
    )
    links = "".join(f'<li><a href="/regering/bewindspersonen/{s}">{esc(NAMES[s])}</a></li>' for s in item["links"])
    links += f'<li><a href="/ministeries/{item["ministry"]}">{esc(content.MIN[item["ministry"]])}</a></li>'
    more = f'<section class="related"><h2>Meer over dit onderwerp</h2><ul>{related}</ul></section>' if related else ""
    return f"""</article>
<section class="feedback"><h2>Heeft deze informatie u geholpen?</h2><button>Ja</button><button>Nee</button>
<p>Laat ons weten wat er beter kan. Wij lezen elke reactie, maar beantwoorden ze niet.</p></section>
{more}
<section class="belongs"><h2>Hoort bij</h2><ul>{links}</ul></section>
</main>
<footer><h2>Over deze site</h2><ul><li><a href="/contact">Contact</a></li><li><a href="/toegankelijkheid">Toegankelijkheid</a>
</li><li><a href="/privacy">Privacy</a></li></ul><p>De website van de regering en de ministeries, sinds 2 juni 2026 op een
nieuw platform.</p></footer></div>
"""


def _fields_html(item: dict) -> str:
    lay = item["layout"]
    if lay == "dl":
        return (
            f'<dl class="event-details"><dt>Wanneer</dt><dd>{esc(item["when"])}</dd>'
            f'<dt>Waar</dt><dd>{esc(item["where"])}</dd></dl>'
        )
    if lay == "hidden":
        parts = [("Datum", item["date_text"])]
        if item.get("time_text"):
            parts.append(("Tijd", item["time_text"]))
        parts.append(("Plaats", item["where"]))
        lis = "".join(
            f'<li><svg aria-hidden="true" class="icon"></svg><span class="sr-only">{k}:</span> {esc(v)}</li>'
            for k, v in parts
        )
        return f'<ul class="event-meta">{lis}</ul>'
    if lay == "table":
        rows = [("Datum", item["date_text"]), ("Tijd", item["time_text"]), ("Locatie", item["where"])]
        trs = "".join(f'<tr><th scope="row">{k}</th><td>{esc(v)}</td></tr>' for k, v in rows)
        return f'<table class="activity"><tbody>{trs}</tbody></table>'
    if lay == "payload":
        y, m, d = ymd(item["path"])
        return f'<p class="event-date">{d} {MONTHS[m - 1]} {y}</p>'
    return ""  # sentence: the body says it


MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()


def _single_body(item: dict) -> str:
    y, m, d = ymd(item["path"])
    past = (
        "<p class=\"notice\">Let op: deze activiteit heeft al plaatsgevonden.</p>" if (y, m, d) < (2026, 12, 7) else ""
    )
    text = item.get("sentence") or item["body"]
    return f"{past}{_fields_html(item)}<div class=\"body\"><p>{esc(text)}</p></div>\n"


def _rollup_body(item: dict) -> str:
    out = ['<dl class="event-details"><dt>Wanneer</dt><dd>Deze week</dd><dt>Waar</dt><dd>Diverse locaties</dd></dl>']
    for day, heading in item["days"].items():
        shown = [ln["shown"] for ln in item["lines"] if ln["day"] == day]
        style = item["day_style"]
        if style == "h2-ul":
            out.append(f"<h2>{esc(heading)}</h2><ul>" + "".join(f"<li>{esc(s)}</li>" for s in shown) + "</ul>")
        elif style == "h3-p":
            out.append(f"<h3>{esc(heading)}</h3>" + "".join(f"<p>{esc(s)}</p>" for s in shown))
        else:
            out.append(
                f"<p><strong>{esc(heading)}</strong></p><ul>" + "".join(f"<li>{esc(s)}</li>" for s in shown) + "</ul>"
            )
    out.append(
        '<div class="press"><h2>Informatie voor de pers</h2><p>Journalisten met vragen over deze agenda kunnen '
        "terecht bij de afdeling Communicatie van het ministerie (zie de contactpagina).</p></div>"
    )
    return "\n".join(out) + "\n"


def _payload_data(item: dict) -> dict:
    """The page's data object in the flight payload: Dutch or English keys; some facts only here."""
    y, m, d = ymd(item["path"])
    day = f"{y:04d}-{m:02d}-{d:02d}"
    en = item.get("payload_keys", "en") == "en"
    data: dict = {"title": item["title"], "date": day} if en else {"titel": item["title"], "datum": day}
    where = item.get("payload_where") or item.get("where")
    if where and item["layout"] != "rollup":
        data.update({"location": {"title": where}} if en else {"locatie": where})
    if item.get("payload_instant"):
        data["startDate"] = item["payload_instant"]
    elif item.get("payload_time"):
        data.update({"startTime": item["payload_time"]} if en else {"aanvangstijd": item["payload_time"]})
    if item.get("payload_person"):
        data["bewindspersoon"] = item["payload_person"]
    if item.get("payload_people"):
        data["relatedPeople"] = item["payload_people"]
    if item.get("payload_related"):
        data["related"] = [_related_card(content.ITEMS[p]) for p in item["related"]]
    if item.get("payload_style") == "structured":
        data["weekAgenda"] = {
            "days": [
                {
                    "date": day,
                    "heading": heading,
                    "items": [_line_data(ln) for ln in item["lines"] if ln["day"] == day],
                }
                for day, heading in item["days"].items()
            ]
        }
    data["ministry"] = content.MIN[item["ministry"]]
    return {"page": {"contentType": "agenda-item", "agendaItem" if en else "activiteit": data}}


def _related_card(other: dict) -> dict:
    """A "Meer over dit onderwerp" card as client props: the OTHER item's title, date, time and place."""
    y, m, d = ymd(other["path"])
    exp = other["expect"][0]
    return {
        "title": other["title"],
        "url": AGENDA + other["path"],
        "date": f"{y:04d}-{m:02d}-{d:02d}",
        "startTime": exp["start_time"],
        "location": {"title": exp["location_text"]},
    }


def _line_data(ln: dict) -> dict:
    """A roll-up line as structured data: label, text, place (the shown line is "Label: text (Place)")."""
    exp = ln["expect"]
    label = ln["shown"].split(": ")[-2] if exp["start_time"] else ln["shown"].split(": ")[0]
    return {"label": label, "text": exp["title"], "place": exp["location_text"], "time": exp["start_time"]}


def _flight(item: dict, visible_texts: list[str]) -> str:
    """Next.js app-router flight rows, pushed in three chunks; the visible text repeated as React children."""
    tree = [
        "$",
        "article",
        None,
        {"className": "content", "children": [["$", "p", None, {"children": t}] for t in visible_texts]},
    ]
    rows = [
        '1:I["(app-pages-browser)/./components/AgendaDetail.tsx",["app/layout","static/chunks/4821.js"],"AgendaDetail"]',
        "2:" + json.dumps(_payload_data(item), ensure_ascii=False),
        "3:" + json.dumps(tree, ensure_ascii=False),
        '0:["$","$L1",null,{"data":"$2","children":"$3"}]',
    ]
    chunks = [rows[0] + "\n", rows[1] + "\n" + rows[2][:1], rows[2][1:] + "\n" + rows[3] + "\n"]
    pushes = "".join(f"<script>self.__next_f.push([1,{json.dumps(c, ensure_ascii=False)}])</script>" for c in chunks)
    return "<script>(self.__next_f=self.__next_f||[]).push([0])</script>" + pushes


def item_page(item: dict, base: str) -> str:
    kind = "weekagenda" if item["layout"] == "rollup" else "agenda-item"
    top = _chrome_top(item["title"], item["ministry"], base + AGENDA + item["path"], kind, item["published"])
    body = _rollup_body(item) if item["layout"] == "rollup" else _single_body(item)
    if item["layout"] == "rollup":
        texts = [item["title"]]  # in document order: a day heading, then its lines
        for day, heading in item["days"].items():
            if item.get("payload_style") != "structured":
                texts += [heading] + [ln["shown"] for ln in item["lines"] if ln["day"] == day]
    else:
        texts = [item["title"], item.get("sentence") or item["body"]]
        texts += [v for k, v in item.items() if k in ("when", "where", "date_text", "time_text")]
    return top + body + _chrome_bottom(item) + _flight(item, texts) + "</body></html>"


# ---------------------------------------------------------------- other pages


def app_shell(title: str) -> str:
    """A listing rendered in the browser: the server HTML holds no item links."""
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{esc(title)} | Rijksoverheid.nl</title>'
        f'</head><body><div id="__next"><h1>{esc(title)}</h1><div class="search-results" aria-busy="true">'
        "<p>Resultaten worden geladen…</p></div><noscript>Schakel JavaScript in om de resultaten te zien.</noscript>"
        '</div><script src="/_next/static/chunks/app/zoeken-3f2a.js" async></script>'
        '<script>(self.__next_f=self.__next_f||[]).push([0])</script></body></html>'
    )


def persons_index() -> str:
    cards = "".join(
        f'<li class="card"><a href="/regering/bewindspersonen/{s}"><h3>{esc(n)}</h3></a><p>{esc(r)}</p></li>'
        for s, (n, r) in CURRENT.items()
    )
    return (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Bewindspersonen | Rijksoverheid.nl</title>'
        f'</head><body><main><h1>Bewindspersonen</h1><ul class="cards">{cards}</ul></main></body></html>'
    )


def person_page(slug: str) -> str:
    name, role = CURRENT[slug]
    data = json.dumps({"person": {"name": name, "role": role, "party": "onbekend"}}, ensure_ascii=False)
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{esc(name)} | Rijksoverheid.nl</title>'
        f"</head><body><main><h1>{esc(name)}</h1><p>{esc(role)}</p>"
        f'<p><a href="/regering/bewindspersonen/{slug}/agenda">Agenda van {esc(name)}</a></p></main>'
        f"<script>self.__next_f.push([1,{json.dumps('4:' + data + chr(10))}])</script></body></html>"
    )


def simple_page(title: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{esc(title)}</title></head>'
        f"<body><main><h1>{esc(title)}</h1><p>Een pagina van de replica.</p></main></body></html>"
    )


# ---------------------------------------------------------------- the site state


def _indexed_path(item: dict) -> str:
    """The path the search index has: an item renamed since it was indexed keeps its old slug there."""
    old = item["search"].get("old_slug")
    return item["path"].rsplit("/", 1)[0] + "/" + old if old else item["path"]


class Site:
    """The replica's mutable state: items (after edits and removals), the search index, the sitemaps."""

    def __init__(self, disallow_api=False, shape="appsearch", agenda_value="Agenda-item", oversize="clamp"):
        """shape: "appsearch" (meta.page, results) or "searchui" (results, facets; no totals at all);
        agenda_value: the agenda value of information_type; oversize: a page size above 10 is "clamp"ed or "400"."""
        self.items = copy.deepcopy(content.ITEMS)
        self.removed: set[str] = set()
        self.disallow_api = disallow_api
        self.shape, self.agenda_value, self.oversize = shape, agenda_value, oversize
        self.news_value = "nieuws" if agenda_value.islower() else "Nieuwsbericht"

    def change(self) -> None:
        """Edit one item (place, text, lastmod, sort_date) and remove another (410, gone from index and sitemaps)."""
        self.items[content.EDITED].update(copy.deepcopy(content.EDIT))
        self.removed.add(content.REMOVED)
        rollup = self.items[content.ROLLUP_EDITED]
        rollup["lines"][2] = copy.deepcopy(content.ROLLUP_EDIT)
        rollup["published"] = content.ROLLUP_EDIT_PUBLISHED

    def live(self) -> list[dict]:
        return [it for p, it in self.items.items() if p not in self.removed]

    def index_docs(self) -> list[dict]:
        """The search index: agenda items with a `search` entry, news, one off-site and one url-less result."""
        docs = []
        for it in self.live():
            s = it.get("search")
            if s is None:
                continue
            docs.append(
                {
                    "id": "agenda-" + it["path"].replace("/", "-"),
                    "url": PROD + AGENDA + _indexed_path(it) + ("/" if s.get("slash") else ""),
                    "page_title": it["title"],
                    "meta_description": it.get("body") or it.get("sentence") or "",
                    "sort_date": it["published"].replace("Z", ".000Z"),
                    "information_type": self.agenda_value,
                    "ministry": content.MIN[it["ministry"]].removeprefix("Ministerie van "),
                    "activity_start_date": s["start"],
                    "activity_end_date": None,
                    "activity_type": s.get("type", "Bijeenkomst"),
                    "activity_location_title": s["location"],
                    "activity_location_description": None,
                    "activity_organiser": content.MIN[it["ministry"]],
                    "activity_show_time": s["show_time"],
                }
            )
        for url, title, when in NEWS:
            docs.append(
                {
                    "id": "news" + url.replace("/", "-"),
                    "url": PROD + url,
                    "page_title": title,
                    "sort_date": when,
                    "information_type": self.news_value,
                    "ministry": "Algemene Zaken",
                }
            )
        docs.append(
            {
                "id": "offsite-1",
                "url": OFFSITE["url"],
                "page_title": OFFSITE["title"],
                "information_type": self.agenda_value,
                "sort_date": "2025-05-08T08:00:00.000Z",
                "activity_start_date": "2025-05-14T07:00:00.000Z",
                "activity_location_title": "Assen",
                "ministry": "Defensie",
            }
        )
        docs.append(
            {
                "id": "nourl-1",
                "page_title": "Werkbezoek (pagina in voorbereiding)",
                "information_type": self.agenda_value,
                "sort_date": "2026-02-02T08:00:00.000Z",
                "activity_location_title": "Den Haag",
                "ministry": "Financiën",
            }
        )
        return docs

    def sitemap_entries(self, base: str) -> dict[str, list[tuple[str, str]]]:
        """Sitemap file -> [(loc, lastmod)]: agenda items spread over three files, non-agenda URLs mixed in."""
        files: dict[str, list[tuple[str, str]]] = {"1": [], "2": [], "3": []}
        agenda = [it for it in self.live() if it.get("sitemap", True)]
        for it in sorted(agenda, key=lambda i: i["path"]):
            name = str(sum(map(ord, it["path"])) % 3 + 1)  # stable: an item stays in its file between runs
            lastmod = it["published"][:10] if name == "3" else it["published"].replace("Z", "+00:00")  # W3C date
            files[name].append((base + AGENDA + it["path"], lastmod))
        files["1"].insert(0, (base + "/onderwerpen/landbouw", "2026-05-01T10:00:00+00:00"))
        files["2"].append((base + "/ministeries/def", "2026-06-02T08:00:00+00:00"))
        files["3"].append((base + "/regering/bewindspersonen/rob-jetten", "2026-02-23T12:00:00+00:00"))
        return files


# ---------------------------------------------------------------- search


class BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def _instant(value) -> datetime:
    if not isinstance(value, str) or "T" not in value:  # date-only range values: the engine fails (SITE.md)
        raise BadRequest(500, "Internal Server Error")
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as e:
        raise BadRequest(500, "Internal Server Error") from e


def _matches(doc: dict, flt: dict) -> bool:
    field, values = flt.get("field"), flt.get("values")
    if field not in ("information_type", "ministry", "activity_type", "sort_date", "activity_start_date"):
        raise BadRequest(400, "Invalid search request")
    if not isinstance(values, list) or not values:
        raise BadRequest(400, "Invalid search request")
    if field in ("sort_date", "activity_start_date"):
        hits = []
        for v in values:
            if not isinstance(v, dict):
                raise BadRequest(400, "Invalid search request")
            lo = _instant(v["from"]) if v.get("from") is not None else None
            hi = _instant(v["to"]) if v.get("to") is not None else None
            raw = doc.get(field)
            if raw is None:
                hits.append(False)
                continue
            t = datetime.fromisoformat(raw.replace("Z", "+00:00"))
            hits.append((lo is None or t >= lo) and (hi is None or t < hi))
        return all(hits) if flt.get("type", "all") == "all" else any(hits)
    hits = [doc.get(field) == v for v in values]
    return all(hits) if flt.get("type", "all") == "all" else any(hits)


def search(site: Site, body: dict) -> dict:
    """A raw App Search answer for a Search-UI request body."""
    state = body.get("requestState") if isinstance(body, dict) else None
    if not isinstance(state, dict):
        raise BadRequest(400, "Invalid search request")
    config = body.get("queryConfig") or {}
    filters = list(state.get("filters") or []) + list(config.get("filters") or [])
    current = state.get("current", 1)
    size = state.get("resultsPerPage", PAGE_SIZE)
    if not isinstance(current, int) or current < 1 or not isinstance(size, int) or size < 1:
        raise BadRequest(400, "Invalid search request")
    if current > MAX_CURRENT or (size > PAGE_SIZE and site.oversize == "400"):
        raise BadRequest(400, "Invalid search request")
    size = min(size, PAGE_SIZE)
    docs = site.index_docs()
    term = (state.get("searchTerm") or "").lower()
    hits = [d for d in docs if all(_matches(d, f) for f in filters) and term in d["page_title"].lower()]
    hits.sort(key=lambda d: d.get("sort_date") or "", reverse=True)
    page = hits[(current - 1) * size : current * size]
    keep = set((config.get("result_fields") or {}).keys()) or None
    results = []
    for d in page:
        fields = {k: {"raw": v} for k, v in d.items() if k != "id" and (keep is None or k in keep or k == "url")}
        results.append(
            {**fields, "id": {"raw": d["id"]}, "_meta": {"id": d["id"], "engine": "rijksoverheid", "score": 1.0}}
        )
    facets = {}
    for name in ("information_type", "ministry", "activity_type"):
        others = [f for f in filters if f.get("field") != name]
        pool = [d for d in docs if all(_matches(d, f) for f in others)]
        counts: dict[str, int] = {}
        for d in pool:
            if d.get(name):
                counts[d[name]] = counts.get(d[name], 0) + 1
        data = [{"value": v, "count": c} for v, c in sorted(counts.items(), key=lambda kv: -kv[1])]
        facets[name] = [{"type": "value", "data": data}]
    total = len(hits)
    if site.shape == "searchui":  # Search UI's response state, without totalResults / totalPages
        ui_facets = {name: [{"field": name, **f[0]}] for name, f in facets.items()}
        return {"requestId": f"r{current}", "results": results, "facets": ui_facets, "wasSearched": True}
    return {
        "meta": {
            "alerts": [],
            "warnings": [],
            "request_id": f"r{current}-{total}",
            "page": {"current": current, "size": size, "total_pages": -(-total // size), "total_results": total},
        },
        "results": results,
        "facets": facets,
    }


def rss(site: Site, query: dict) -> str:
    """At most 20 results, ordered by 'relevance' (here: title), no paging; sort_date filters need instants."""
    docs = [d for d in site.index_docs() if d.get("url")]
    for f in query.get("filters") or []:
        if f.get("field") in ("sort_date",):
            docs = [d for d in docs if _matches(d, f)]
        elif f.get("field") == "content_type":
            vals = f.get("values") or []
            docs = [d for d in docs if d.get("information_type") in vals]
    docs.sort(key=lambda d: d["page_title"])
    items = []
    for d in docs[:20]:
        t = datetime.fromisoformat(d["sort_date"].replace("Z", "+00:00"))
        items.append(
            f"<item><title>{esc(d['page_title'])}</title><link>{esc(d['url'])}</link><guid>{esc(d['url'])}</guid>"
            f"<pubDate>{t.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
        )
    title = esc(query.get("pageTitle") or "Rijksoverheid.nl")
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{PROD}</link><description>Zoekresultaten</description>{''.join(items)}"
        "</channel></rss>"
    )


# ---------------------------------------------------------------- sitemaps and robots


def urlset(entries: list[tuple[str, str]]) -> str:
    rows = "".join(f"<url><loc>{esc(loc)}</loc><lastmod>{lastmod}</lastmod></url>" for loc, lastmod in entries)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'


def sitemap_index(base: str, names: list[str]) -> str:
    rows = "".join(
        f"<sitemap><loc>{base}{n}</loc><lastmod>2026-12-01T06:00:00+00:00</lastmod></sitemap>" for n in names
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{rows}</sitemapindex>"
    )


def news_sitemap(base: str) -> str:
    rows = "".join(
        f"<url><loc>{base}{url}</loc><news:news><news:publication><news:name>Rijksoverheid</news:name>"
        f"<news:language>nl</news:language></news:publication><news:publication_date>{when}</news:publication_date>"
        f"<news:title>{esc(title)}</news:title></news:news></url>"
        for url, title, when in NEWS
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{rows}</urlset>'
    )


def robots(base: str, disallow_api: bool) -> str:
    api = "Disallow: /api/\n" if disallow_api else ""
    return f"User-agent: *\nDisallow: /zoeken\n{api}Allow: /\n\nSitemap: {base}/sitemap.xml\n"


# ---------------------------------------------------------------- the server


class Handler(BaseHTTPRequestHandler):
    server: "ReplicaB"

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes | str, ctype: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        etag = '"' + format(hash(data) & 0xFFFFFFFF, "08x") + '"'
        if status == 200 and self.command == "GET" and self.headers.get("If-None-Match") == etag:
            status, data = 304, b""
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if status in (200, 304):
            self.send_header("ETag", etag)
        self.server.record(self.command, self.path, status)  # before the body: the client never outruns the log
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _redirect(self, status: int, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.server.record(self.command, self.path, status)
        self.end_headers()

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        site, base = self.server.site, self.server.base_url
        url = urlsplit(self.path)
        path = url.path.rstrip("/") or "/"
        if path != url.path and path != "/":  # Next.js: a trailing slash is redirected away (308)
            return self._redirect(308, path + (f"?{url.query}" if url.query else ""))
        if path == "/robots.txt":
            return self._send(200, robots(base, site.disallow_api), "text/plain; charset=utf-8")
        if path == "/sitemap.xml":
            names = ["/sitemap/1.xml", "/sitemap/2.xml.gz", "/news/sitemap.xml", "/sitemap/index-2.xml"]
            return self._send(200, sitemap_index(base, names), "application/xml")
        if path == "/sitemap/index-2.xml":
            return self._send(200, sitemap_index(base, ["/sitemap/3.xml"]), "application/xml")
        files = site.sitemap_entries(base)
        if path in ("/sitemap/1.xml", "/sitemap/3.xml"):
            return self._send(200, urlset(files[path[9]]), "application/xml")
        if path == "/sitemap/2.xml.gz":
            return self._send(200, gzip.compress(urlset(files["2"]).encode("utf-8"), mtime=0), "application/x-gzip")
        if path == "/news/sitemap.xml":
            return self._send(200, news_sitemap(base), "application/xml")
        if path == "/api/rss":
            return self._rss(url.query)
        if path.startswith("/api/"):
            return self._send(405, '{"error":"Method Not Allowed"}', "application/json")
        return self._page(path)

    def _page(self, path: str) -> None:
        site, base = self.server.site, self.server.base_url
        if path.startswith(AGENDA):
            key = path.removeprefix(AGENDA)
            if key in site.removed:
                return self._send(410, simple_page("Deze pagina bestaat niet meer"))
            if key in site.items:
                return self._send(200, item_page(site.items[key], base))
            renamed = [it for it in site.live() if it.get("search") and _indexed_path(it) == key != it["path"]]
            if renamed:
                return self._redirect(301, AGENDA + renamed[0]["path"])
            return self._send(404, simple_page("Pagina niet gevonden"))
        if path == "/actueel/agenda":
            return self._send(200, app_shell("Agenda"))
        if path == "/regering/bewindspersonen":
            return self._send(200, persons_index())
        parts = path.split("/")
        if path.startswith("/regering/bewindspersonen/") and parts[3] in CURRENT:
            if len(parts) == 4:
                return self._send(200, person_page(parts[3]))
            if len(parts) == 5 and parts[4] == "agenda":
                return self._send(200, app_shell("Agenda van " + CURRENT[parts[3]][0]))
        if path == "/" or any(path == u for u, _, _ in NEWS):
            return self._send(200, simple_page("Rijksoverheid.nl"))
        if path.startswith(("/ministeries/", "/onderwerpen/")) and len(parts) == 3:
            return self._send(200, simple_page(parts[2]))
        return self._send(404, simple_page("Pagina niet gevonden"))

    def _rss(self, query: str) -> None:
        try:
            q = json.loads(parse_qs(query).get("query", ["{}"])[0])
            body = rss(self.server.site, q if isinstance(q, dict) else {})
        except (ValueError, KeyError):
            return self._send(400, '{"error":"Bad Request"}', "application/json")
        except BadRequest as e:
            return self._send(e.status, json.dumps({"error": str(e)}), "application/json")
        return self._send(200, body, "application/rss+xml; charset=utf-8")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if urlsplit(self.path).path != "/api/search":
            return self._send(405, '{"error":"Method Not Allowed"}', "application/json")
        try:
            answer = search(self.server.site, json.loads(raw or b"null"))
        except (ValueError, KeyError, TypeError, AttributeError):
            return self._send(400, '{"errors":["Invalid search request"]}', "application/json")
        except BadRequest as e:
            return self._send(e.status, json.dumps({"errors": [str(e)]}), "application/json")
        return self._send(200, json.dumps(answer, ensure_ascii=False), "application/json")


class ReplicaB(ThreadingHTTPServer):
    """`with ReplicaB(disallow_api=...) as r:` serves the replica on 127.0.0.1; r.log: (method, path, status)."""

    daemon_threads = True

    def __init__(self, disallow_api: bool = False, **site_options):
        super().__init__(("127.0.0.1", 0), Handler)
        self.site = Site(disallow_api, **site_options)
        self.log: list[tuple[str, str, int]] = []
        self._lock = threading.Lock()
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}"

    def record(self, method: str, path: str, status: int) -> None:
        with self._lock:
            self.log.append((method, path, status))

    def __enter__(self) -> "ReplicaB":
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()
