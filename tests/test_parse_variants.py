"""Markup the project's replica does not use: the parsers must cope by structure, not by one layout."""

from datetime import date

from agendakaart.models import AgendaKind
from agendakaart.parse.item import parse_item
from agendakaart.parse.listing import parse_listing
from agendakaart.parse.payload import key_group
from agendakaart.parse.persons import parse_person_page, parse_persons_index

BASE = "http://127.0.0.1:8000"
WEEK = f"{BASE}/actueel/agenda/2026/03/02/agenda-minister-x-week-10"


def test_rollup_as_table_rows_with_numeric_days_and_trailing_times():
    html = """<html><body><header><h1>Rijksoverheid</h1></header><main><h2>Agenda minister week 10</h2>
    <table><tr><td>ma 02-03-2026</td></tr><tr><td>Werkbezoek: opening school (Assen), 10.00 uur</td></tr>
    <tr><td>wo 04-03-2026</td></tr><tr><td>Kamerdebat: debat (Tweede Kamer)</td></tr>
    <tr><td>Bron: Ministerie van Financiën</td></tr></table></main></body></html>"""
    page, acts = parse_item(html, WEEK)
    assert page.title == "Agenda minister week 10"  # the logo's h1 in the header is no title
    assert [(a.date, a.start_time, a.type_label, a.title, a.location_text) for a in acts] == [
        (date(2026, 3, 2), "10:00", "Werkbezoek", "opening school", "Assen"),
        (date(2026, 3, 4), None, "Kamerdebat", "debat", "Tweede Kamer"),
    ]


def test_rollup_in_definition_list():
    html = """<html><body><main><h1>Agenda week 10</h1><dl><dt>Maandag 2 maart</dt><dd>Gesprek: met VNG</dd>
    <dd>Interview: NOS (Hilversum)</dd><dt>Dinsdag 3 maart</dt><dd>Ministerraad (Den Haag)</dd></dl></main></body></html>"""
    page, acts = parse_item(html, WEEK)
    assert page.kind == AgendaKind.ROLLUP
    assert [(a.date.day, a.type_label, a.title, a.location_text) for a in acts] == [
        (2, "Gesprek", "met VNG", None),
        (2, "Interview", "NOS", "Hilversum"),
        (3, None, "Ministerraad", "Den Haag"),
    ]


def test_payload_with_unusual_keys():
    html = """<html><body><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{
    "seo":{"pageTitle":"Agenda | Rijksoverheid","publicationDate":"2026-05-01"},
    "event":{"eventTitle":"Opening van de sluis","eventStartDateTime":"2026-04-20T11:00:00+02:00",
    "eventLocation":{"city":"Terneuzen"},"datePublished":"2026-04-01"}}}}</script></body></html>"""
    page, [a] = parse_item(html, f"{BASE}/actueel/agenda/2026/04/20/opening-sluis")
    assert (a.title, a.date, a.start_time, a.location_text) == (
        "Opening van de sluis",
        date(2026, 4, 20),
        "11:00",
        "Terneuzen",
    )
    assert key_group("datePublished") is None and key_group("endDateTime") == "end"
    assert key_group("pageTitle") is None and key_group("eventTitle") == "title"


def test_jsonld_event_nested_in_main_entity():
    html = """<html><head><script type="application/ld+json">{"@type":"WebPage","mainEntity":{"@type":"SocialEvent",
    "name":"Bezoek aan de markt","startDate":"2026-06-01","location":{"@type":"Place","name":"Gouda"}}}</script>
    </head><body></body></html>"""
    _, [a] = parse_item(html, f"{BASE}/actueel/agenda/2026/06/01/markt")
    assert (a.title, a.date, a.location_text) == ("Bezoek aan de markt", date(2026, 6, 1), "Gouda")


def test_listing_links_only_in_payload_and_next_guessed():
    html = r"""<html><body><div id="__next"></div><script>self.__next_f.push([1,"{\"href\":\"\/actueel\/agenda\/2026\/03\/02\/x\"}"])</script>
    <script id="__NEXT_DATA__" type="application/json">{"items":[{"url":"/actueel/agenda/2026/03/03/y"}],"pagina":1}</script></body></html>"""
    page = parse_listing(html, f"{BASE}/regering/bewindspersonen/a/agenda")
    assert [r.url.rsplit("/", 1)[1] for r in page.items] == ["x", "y"]
    assert page.next_url == f"{BASE}/regering/bewindspersonen/a/agenda?pagina=2"


def test_next_label_with_arrows_and_page_param():
    assert parse_listing('<a href="?page=3">Volgende »</a>', f"{BASE}/l?page=2").next_url == f"{BASE}/l?page=3"
    assert (
        parse_listing('<a href="?page=2">1</a><a href="?page=3">3</a>', f"{BASE}/l?page=2").next_url
        == f"{BASE}/l?page=3"
    )


def test_persons_only_in_payload_and_agenda_link_ranking():
    index = '<nav><a href="/regering">Regering</a></nav><script>{"href":"\\/regering\\/bewindspersonen\\/rob-jetten"}</script>'
    assert [r.slug for r in parse_persons_index(index, f"{BASE}/regering/bewindspersonen")] == ["rob-jetten"]
    page = """<nav><a href="/actueel/agenda">Agenda</a></nav><main><h1>Rob Jetten</h1>
    <a href="/actueel/agenda/bewindspersonen/rob-jetten/agenda">Zijn agenda</a></main>"""
    p = parse_person_page(page, f"{BASE}/regering/bewindspersonen/rob-jetten")
    assert p.agenda_url == f"{BASE}/actueel/agenda/bewindspersonen/rob-jetten/agenda"
    only_central = parse_person_page('<a href="/actueel/agenda">Agenda</a>', f"{BASE}/regering/bewindspersonen/x")
    assert only_central.agenda_url == f"{BASE}/regering/bewindspersonen/x/agenda"


def test_rollup_as_structured_payload_days():
    html = """<html><body><script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"agenda":{
    "title":"Agenda minister X week 10","date":"2026-03-02","location":"Diverse locaties",
    "dagen":[{"datum":"2026-03-02","activiteiten":[{"type":"Werkbezoek","omschrijving":"bezoek aan school",
    "locatie":"Assen","tijd":"10:00"},"Gesprek: met VNG (Utrecht)"]},
    {"datum":"dinsdag 3 maart","activiteiten":[{"titel":"Ministerraad"}]}],
    "related":[{"title":"Ander item","date":"2026-01-01"}]}}}}</script></body></html>"""
    page, acts = parse_item(html, WEEK)
    assert page.field_sources["rollup"] == "nextjs" and page.location_text == "Diverse locaties"
    assert [(a.date.day, a.start_time, a.type_label, a.title, a.location_text) for a in acts] == [
        (2, "10:00", "Werkbezoek", "bezoek aan school", "Assen"),
        (2, None, "Gesprek", "met VNG", "Utrecht"),
        (3, None, None, "Ministerraad", None),
    ]


def test_single_payload_with_dated_lists_stays_single():
    html = """<html><body><script id="__NEXT_DATA__" type="application/json">{"item":{"titel":"Opening",
    "datum":"2026-04-20","locatie":"Gouda"},"related":[{"datum":"2026-04-01","tags":["zorg","onderwijs"]},
    {"title":"Ander","date":"2026-04-02"}]}</script></body></html>"""
    page, acts = parse_item(html, f"{BASE}/actueel/agenda/2026/04/20/opening")
    assert page.kind == AgendaKind.SINGLE and [(a.title, a.location_text) for a in acts] == [("Opening", "Gouda")]


def test_rollup_as_rich_text_blocks_in_payload():
    html = """<html><body><script id="__NEXT_DATA__" type="application/json">{"page":{"titel":"Agenda minister X week 10",
    "datum":"2026-03-02","inhoud":[{"type":"heading","children":[{"text":"Maandag 2 maart"}]},
    {"type":"listItem","children":[{"text":"Werkbezoek: "},{"text":"bezoek aan een haven","marks":["em"]},{"text":" (Delfzijl)"}]},
    {"type":"heading","children":[{"text":"Dinsdag 3 maart"}]},{"type":"listItem","children":[{"text":"Ministerraad"}]},
    {"type":"heading","children":[{"text":"Informatie voor de pers"}]},{"type":"p","children":[{"text":"Bel 070 000 0000"}]}]}}
    </script></body></html>"""
    page, acts = parse_item(html, WEEK)
    assert [(a.date.day, a.type_label, a.title, a.location_text) for a in acts] == [
        (2, "Werkbezoek", "bezoek aan een haven", "Delfzijl"),
        (3, None, "Ministerraad", None),
    ]


def test_ministry_is_shortened_and_a_site_wide_creator_ignored():
    page, _ = parse_item(
        '<meta name="DCTERMS.creator" content="Rijksoverheid"><h1>X</h1>', f"{BASE}/actueel/agenda/2026/04/20/x"
    )
    assert page.ministry is None
    page, _ = parse_item(
        '<meta name="DCTERMS.creator" content="Ministerie van Financiën"><h1>X</h1>',
        f"{BASE}/actueel/agenda/2026/04/20/x",
    )
    assert page.ministry == "Financiën"
