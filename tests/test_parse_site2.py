"""One parser test per fault the second hand-written site (fixtures/site2) exposed."""

from datetime import date

from agendakaart.models import AgendaKind
from agendakaart.parse.html import blocks, tree
from agendakaart.parse.item import parse_item
from agendakaart.parse.labels import labelled_line
from agendakaart.parse.persons import parse_person_page
from agendakaart.parse.sources import person_slugs

BASE = "http://127.0.0.1:8000/actueel/agenda/2026"
WEEK = f"{BASE}/03/09/agenda-minister-president-jetten-week-11"


def _flight(stream: str) -> str:
    import json

    half = len(stream) // 2
    pushes = "".join(
        f"<script>self.__next_f.push({json.dumps([1, part])})</script>" for part in (stream[:half], stream[half:])
    )
    return f"<html><head><title>Agenda | Rijksoverheid.nl</title></head><body>{pushes}</body></html>"


def _rows(acts):
    return [(a.date, a.start_time, a.end_time, a.type_label, a.title, a.location_text) for a in acts]


def test_flight_item_with_page_title_key_related_teaser_and_city_in_location():
    stream = (
        '3:{"site":{"pageTitle":"Agenda | Rijksoverheid.nl"}}\n'
        '5:{"item":{"pageTitle":"Minister bezoekt waterstofproject","eventDate":"2026-03-10T09:30:00+01:00",'
        '"eventEndDate":"2026-03-10T11:00:00+01:00","location":{"name":"Provinciehuis","city":"Zwolle"},'
        '"related":[{"title":"Kabinet investeert","date":"2026-02-20"}]}}\n'
    )
    page, acts = parse_item(_flight(stream), f"{BASE}/03/10/werkbezoek-aan-zwolle")
    assert (page.title, page.kind) == ("Minister bezoekt waterstofproject", AgendaKind.SINGLE)
    assert _rows(acts) == [
        (date(2026, 3, 10), "09:30", "11:00", None, "Minister bezoekt waterstofproject", "Provinciehuis, Zwolle")
    ]


def test_jsonld_place_name_with_locality_but_not_twice():
    def ld(place: str) -> str:
        return (
            '<html><head><script type="application/ld+json">{"@type":"Event","name":"Gesprek",'
            '"startDate":"2026-03-23T15:00+01:00","location":' + place + '}</script></head></html>'
        )

    url = f"{BASE}/03/23/gesprek"
    jaarbeurs = '{"@type":"Place","name":"Jaarbeurs","address":{"addressLocality":"Utrecht"}}'
    stadhuis = '{"@type":"Place","name":"Stadhuis, Utrecht","address":{"addressLocality":"Utrecht"}}'
    assert parse_item(ld(jaarbeurs), url)[1][0].location_text == "Jaarbeurs, Utrecht"
    assert parse_item(ld(stadhuis), url)[1][0].location_text == "Stadhuis, Utrecht"


def test_label_and_value_spans_without_whitespace_in_capitals():
    html = (
        '<main><h1>Opening</h1><div class="meta"><span class="label">DATUM</span><span>wo 11 mrt 2026</span>'
        '</div><div class="meta"><span class="label">TIJD</span><span>9:30 uur</span></div><div class="meta">'
        '<span class="label">LOCATIE</span><span>Innovatiecentrum, Den Helder</span></div></main>'
    )
    assert [b.text for b in blocks(tree(html).body)][1] == "DATUM wo 11 mrt 2026"
    acts = parse_item(html, f"{BASE}/03/11/opening")[1]
    assert _rows(acts) == [(date(2026, 3, 11), "09:30", None, None, "Opening", "Innovatiecentrum, Den Helder")]


def test_wanneer_and_waar_labels_but_not_a_sentence_starting_with_waar():
    assert labelled_line("Waar Stadhuis, Utrecht") == ("location", "Stadhuis, Utrecht")
    assert labelled_line("Waar mogelijk worden afspraken gemaakt.") is None
    html = (
        '<main><h1>Overleg</h1><ul><li><b>Wanneer</b> 18-03-2026, 14:00 - 15:30</li><li><b>Waar</b> Stadhuis, '
        'Utrecht</li></ul><p>Waar mogelijk worden afspraken gemaakt.</p></main>'
    )
    assert _rows(parse_item(html, f"{BASE}/03/18/overleg")[1]) == [
        (date(2026, 3, 18), "14:00", "15:30", None, "Overleg", "Stadhuis, Utrecht")
    ]


def test_yearless_label_date_takes_the_year_of_the_path_not_the_path_day():
    html = "<main><h1>Werkbezoek</h1><table><tr><td>Datum</td><td>10 maart</td></tr></table></main>"
    assert parse_item(html, f"{BASE}/03/05/werkbezoek")[1][0].date == date(2026, 3, 10)


def test_person_h1_with_role_beside_the_name():
    html = '<main><h1>Dilan Yeşilgöz-Zegerius <small>Minister van Defensie</small></h1></main>'
    person = parse_person_page(html, "http://h/regering/bewindspersonen/dilan-yesilgoz-zegerius")
    assert person.name == "Dilan Yeşilgöz-Zegerius"
    assert parse_person_page("<h1><span>Rob</span> <em>Jetten</em></h1>", "http://h/x").name == "Rob Jetten"


def test_typographic_apostrophe_in_a_name_on_the_page():
    people = {"elanor-boekholt-osullivan": "Elanor Boekholt-O'Sullivan", "rob-jetten": "Rob Jetten"}
    found = person_slugs(people, [], blocks(tree("<p>Minister Elanor Boekholt-O’Sullivan overlegt.</p>").body), "x")
    assert found == ("elanor-boekholt-osullivan",)


def test_nested_list_under_a_group_label_and_days_without_activities():
    html = """<main><h1>Agenda week 11</h1><h3>Maandag 9 maart</h3><ul><li>Gesprek: met X (Den Haag)</li>
    <li>Werkbezoek aan Drenthe:<ul><li>bezoek aan een boerderij (Emmen)</li><li>Gesprek: met ondernemers (Assen)</li>
    </ul></li><li>Ministerraad</li></ul><h3>Woensdag 11 maart</h3><p>Geen openbare activiteiten.</p>
    <h3>Donderdag 12 maart</h3><ul><li>Hele dag: Europese Raad (Brussel)</li></ul></main>"""
    assert _rows(parse_item(html, WEEK)[1]) == [
        (date(2026, 3, 9), None, None, "Gesprek", "met X", "Den Haag"),
        (date(2026, 3, 9), None, None, "Werkbezoek aan Drenthe", "bezoek aan een boerderij", "Emmen"),
        (date(2026, 3, 9), None, None, "Gesprek", "met ondernemers", "Assen"),
        (date(2026, 3, 9), None, None, None, "Ministerraad", None),
        (date(2026, 3, 12), None, None, None, "Europese Raad", "Brussel"),
    ]


def test_persvoorlichting_block_inside_the_last_day_is_no_activity():
    html = """<article><h1>Weekagenda minister</h1><p><strong>Maandag 16 maart</strong></p>
    <p>- 09.30-10.15 uur Gesprek: met de CDS (Den Haag)<br>- Werkbezoek: brigade (Schiphol)</p>
    <p><strong>Donderdag 19 maart</strong></p><p>Internationale bijeenkomst: ministers (Brussel)</p>
    <p><strong>Persvoorlichting</strong></p><p>Directie Communicatie Defensie</p><p>Telefoon: 070 318 8188</p>
    </article>"""
    assert _rows(parse_item(html, f"{BASE}/03/16/weekagenda-minister")[1]) == [
        (date(2026, 3, 16), "09:30", "10:15", "Gesprek", "met de CDS", "Den Haag"),
        (date(2026, 3, 16), None, None, "Werkbezoek", "brigade", "Schiphol"),
        (date(2026, 3, 19), None, None, "Internationale bijeenkomst", "ministers", "Brussel"),
    ]


def test_day_and_activity_on_one_line():
    html = """<main><h1>Agenda week 11</h1><p><strong>Maandag 9 maart:</strong> Werkbezoek: bezoek (Emmen)</p>
    <p><strong>Dinsdag 10 maart:</strong> Gesprek: met Y</p><p>9 maart is een gewone dag.</p></main>"""
    assert _rows(parse_item(html, WEEK)[1]) == [
        (date(2026, 3, 9), None, None, "Werkbezoek", "bezoek", "Emmen"),
        (date(2026, 3, 10), None, None, "Gesprek", "met Y", None),
        (date(2026, 3, 10), None, None, None, "9 maart is een gewone dag.", None),
    ]


def test_flight_with_fields_only_in_the_react_element_tree():
    import json

    tree_ = [
        "$",
        "main",
        None,
        {
            "children": [
                ["$", "h1", None, {"children": "Opening van de sluis"}],
                [
                    "$",
                    "dl",
                    None,
                    {
                        "children": [
                            ["$", "dt", None, {"children": "Datum"}],
                            ["$", "dd", None, {"children": "dinsdag 10 maart 2026"}],
                            ["$", "dt", None, {"children": "Tijd"}],
                            ["$", "dd", None, {"children": "11.00 uur"}],
                            ["$", "dt", None, {"children": "Locatie"}],
                            ["$", "dd", None, {"children": "Terneuzen"}],
                        ]
                    },
                ],
                ["$", "p", None, {"children": "Minister Heleen Herbert opent de sluis."}],
            ]
        },
    ]
    page, acts = parse_item(
        _flight("0:" + json.dumps(tree_) + "\n"), f"{BASE}/03/10/opening", {"heleen-herbert": "Heleen Herbert"}
    )
    assert (page.title, page.persons) == ("Opening van de sluis", ("heleen-herbert",))
    assert _rows(acts) == [(date(2026, 3, 10), "11:00", None, None, "Opening van de sluis", "Terneuzen")]


def test_utc_instants_and_epoch_milliseconds_are_amsterdam_time():
    import json

    for value, month, hour in (
        ("2026-03-10T09:00:00.000Z", "03", "10:00"),
        ("2026-07-10T09:00:00+00:00", "07", "11:00"),
        (1773133200000, "03", "10:00"),
        ("2026-03-10T09:00:00+01:00", "03", "09:00"),
    ):
        html = _flight('2:' + json.dumps({"event": {"title": "Werkbezoek", "startDate": value}}) + "\n")
        act = parse_item(html, f"{BASE}/{month}/10/werkbezoek")[1][0]
        assert (act.date, act.start_time) == (date(2026, int(month), 10), hour), value


def test_rollup_in_a_flight_text_row():
    body = (
        "<h3>Maandag 9 maart</h3><ul><li>Werkbezoek: a (Emmen)</li></ul><h3>Dinsdag 10 maart</h3>"
        "<ul><li>Gesprek: b</li></ul><h3>Informatie voor de pers</h3><p>070 123 4567</p>"
    )
    stream = '1:{"item":{"title":"Agenda week 11","date":"2026-03-09","body":"$3"}}\n3:T%x,%s\n' % (
        len(body.encode()),
        body,
    )
    assert _rows(parse_item(_flight(stream), WEEK)[1]) == [
        (date(2026, 3, 9), None, None, "Werkbezoek", "a", "Emmen"),
        (date(2026, 3, 10), None, None, "Gesprek", "b", None),
    ]


def test_next_data_with_event_start_end_keys_and_a_venue_city():
    import json

    data = {
        "props": {
            "pageProps": {
                "data": {
                    "heading": "Werkbezoek aan Brainport",
                    "eventStart": "2026-04-01T11:30:00.000Z",
                    "eventEnd": "2026-04-01T13:00:00.000Z",
                    "venue": {"city": "Eindhoven"},
                }
            }
        }
    }
    html = f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data)}</script>'
    assert _rows(parse_item(html, f"{BASE}/04/01/werkbezoek-eindhoven")[1]) == [
        (date(2026, 4, 1), "13:30", "15:00", None, "Werkbezoek aan Brainport", "Eindhoven")
    ]


def test_closing_disclaimer_of_a_rollup_is_no_activity():
    html = """<main><h1>Agenda minister week 13</h1><p><strong>Maandag 23 maart:</strong> Werkbezoek: fabriek (Delfzijl)</p>
    <p><strong>Dinsdag 24 maart:</strong> Gesprek: met X</p><p><em>Wijzigingen in de agenda zijn voorbehouden.</em></p>
    </main>"""
    assert [a.title for a in parse_item(html, f"{BASE}/03/23/agenda-minister-week-13")[1]] == ["fabriek", "met X"]


def test_field_values_broken_over_br_lines():
    url = f"{BASE}/03/10/opening"
    dl = (
        "<main><h1>Opening</h1><dl><dt>Datum</dt><dd>dinsdag 10 maart 2026<br>10.00 - 11.00 uur</dd><dt>Locatie"
        "</dt><dd>Provinciehuis<br>Sint Jansstraat 2<br>Den Bosch</dd></dl><p>De minister opent.</p></main>"
    )
    lines = "<main><h1>Opening</h1><p>Datum: 10 maart 2026<br>Tijd: 10.00 uur<br>Locatie: Assen</p><p>Tekst.</p></main>"
    bare = (
        "<main><h1>Opening</h1><p><strong>Locatie</strong><br>Provinciehuis<br>Den Bosch</p>"
        "<p>De minister opent het gebouw.</p></main>"
    )
    got = [
        (a.start_time, a.end_time, a.location_text, a.description)
        for html in (dl, lines, bare)
        for a in parse_item(html, url)[1]
    ]
    assert got == [
        ("10:00", "11:00", "Provinciehuis, Sint Jansstraat 2, Den Bosch", "De minister opent."),
        ("10:00", None, "Assen", "Tekst."),
        (None, None, "Provinciehuis, Den Bosch", "De minister opent het gebouw."),
    ]


def test_script_button_for_more_items_means_the_next_pagina():
    from agendakaart.parse.listing import parse_listing

    url = "http://h/regering/bewindspersonen/heleen-herbert/agenda"
    item = '<a href="/actueel/agenda/2026/03/10/a">A</a>'
    assert parse_listing(item + '<button type="button">Meer laden</button>', url).next_url == url + "?pagina=2"
    assert (
        parse_listing(item + '<button aria-label="Volgende pagina"><svg></svg></button>', url + "?pagina=2").next_url
        == url + "?pagina=3"
    )
    assert parse_listing(item + "<button disabled>Meer laden</button>", url + "?pagina=3").next_url is None
    assert parse_listing(item + "<button>Zoeken</button>", url).next_url is None


def test_day_led_lines_split_only_week_pages():
    single = (
        "<main><h1>Staatsbezoek aan Japan</h1><p>Datum: 9 maart 2026</p><p>Maandag 9 maart: aankomst in Tokio"
        "</p><p>Dinsdag 10 maart: bezoek aan Kyoto</p></main>"
    )
    page, acts = parse_item(single, f"{BASE}/03/09/staatsbezoek-japan")
    assert (page.kind, [a.title for a in acts]) == (AgendaKind.SINGLE, ["Staatsbezoek aan Japan"])
    week = (
        "<main><h1>Agenda week 11</h1><h2>Maandag 9 maart – Brussel</h2><ul><li>Gesprek: a</li></ul>"
        "<h2>Dinsdag 10 maart</h2><ul><li>Gesprek: b</li></ul></main>"
    )
    assert [(a.date.day, a.title) for a in parse_item(week, WEEK)[1]] == [(9, "a"), (10, "b")]
