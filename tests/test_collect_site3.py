"""Third red-team round: the collector against fixtures/site3 (markup unlike site/ and site2/, see its README),
plus one unit test per generic fix the round made (redirect rule, roll-up bullets, listings, attribution)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from agendakaart.models import ListingPage, PageRef
from agendakaart.parse.html import page_text
from agendakaart.parse.item import parse_item
from agendakaart.parse.listing import parse_listing
from agendakaart.parse.persons import parse_person_page
from agendakaart.parse.rollup import split_bullet
from agendakaart.parse.sources import person_slugs
from agendakaart.replica import ReplicaServer
from agendakaart.sources.rijksoverheid import rebase, redirect_target, walk_listing
from agendakaart.store import open_db
from agendakaart.store.persons import ministry_on
from collect_helpers import run_collect as _run

SITE = Path(__file__).parent / "fixtures" / "site3"
TRUTH = json.loads((SITE / "expected.json").read_text(encoding="utf-8"))
AGENDA = "/actueel/agenda/"
FIELDS = ("persons", "start_time", "end_time", "type_label", "location_text", "ministry")


def _stored(conn, base: str) -> dict[tuple, dict]:
    out: dict[tuple, dict] = {}
    for r in conn.execute("SELECT * FROM activities"):
        key = (r["page_url"].removeprefix(base + AGENDA), r["date"], r["title"])
        assert key not in out, f"duplicate activity {key}"
        out[key] = {"persons": json.loads(r["persons"]), **{f: r[f] for f in FIELDS[1:]}}
    return out


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    conn = open_db(tmp_path_factory.mktemp("site3") / "site3.db")
    with ReplicaServer(SITE) as server:
        first = _run(server, conn)
        stored = _stored(conn, server.base_url)
        problems = {
            r[0].removeprefix(server.base_url): r[1]
            for r in conn.execute("SELECT url, reason FROM problems WHERE resolved = 0")
        }
        log_first = list(server.log)
        again = _run(server, conn)
        log_again = server.log[len(log_first) :]
        base = server.base_url
    yield {
        "first": first,
        "again": again,
        "stored": stored,
        "problems": problems,
        "log": log_first,
        "log_again": log_again,
        "conn": conn,
        "base": base,
    }
    conn.close()


def test_every_activity_once_with_persons_dates_places_and_ministry(crawled):
    expected = {(a["url"], a["date"], a["title"]): {f: a[f] for f in FIELDS} for a in TRUTH["activities"]}
    stored = crawled["stored"]
    assert (sorted(set(expected) - set(stored)), sorted(set(stored) - set(expected))) == ([], [])
    assert {k: (stored[k], v) for k, v in expected.items() if stored[k] != v} == {}
    assert crawled["first"]["activities_new"] == len(expected) == 33
    assert crawled["first"]["duplicates"] == 1  # the opening in week 50 is also on its own page: counted once


def test_problems_are_the_offsite_redirect_the_gone_item_and_the_soft_404(crawled):
    problems = crawled["problems"]
    assert set(problems) == set(TRUTH["problems"])
    offsite, gone, soft = TRUTH["problems"]
    assert "andere host niet gevolgd: https://windpark.example.org/bezoek" in problems[offsite]
    assert problems[gone] == "HTTP 410"
    assert problems[soft] == "foutpagina met status 200 ('Pagina niet gevonden')"


def test_paginated_person_index_finds_every_person(crawled):
    slugs = {r[0] for r in crawled["conn"].execute("SELECT slug FROM persons WHERE url IS NOT NULL")}
    assert slugs == set(TRUTH["persons"])
    assert [r.path for r in crawled["log"] if r.path.startswith("/regering/bewindspersonen?")] == [
        "/regering/bewindspersonen?pagina=2"
    ]


def test_redirects_stay_on_the_replica_and_are_stored(crawled):
    conn, base = crawled["conn"], crawled["base"]
    rows = {
        urlsplit(r["url"]).path: (r["status"], r["final_url"].removeprefix(base))
        for r in conn.execute(
            "SELECT url, status, final_url FROM pages WHERE url LIKE '%overleg-%vng' OR url LIKE '%windpark%'"
        )
    }
    ((old, new),) = TRUTH["redirects"].items()
    offsite = TRUTH["problems"][0]
    assert rows == {old: (301, new), new: (200, new), offsite: (302, offsite)}
    assert [r.path for r in crawled["log"] if r.path == new] == [new]  # the rebased hop reached the replica


def test_second_run_fetches_no_item_page_and_listings_conditionally(crawled):
    again = crawled["again"]
    assert [r.path for r in crawled["log_again"] if r.path.startswith(AGENDA + "2")] == []
    assert again["activities_new"] == again["activities_updated"] == again["pages_new"] == 0
    assert {r.status for r in crawled["log_again"] if r.path != "/robots.txt"} == {304}
    assert again["pages_unchanged"] == 19 and again["problems"] == 0


def test_oldest_first_listing_with_since_walks_on_to_later_pages():
    conn = open_db(":memory:")
    with ReplicaServer(SITE) as server:
        counts = _run(server, conn, since=date(2024, 11, 24), persons=("eelco-heinen",))
        stored = _stored(conn, server.base_url)
    assert counts["listing_pages"] == 2
    assert {k[0] for k in stored} == {
        "2024/11/18/agenda-minister-heinen-week-47",
        "2024/11/25/bezoek-aan-woningbouwproject",
        "2024/11/27/overleg-vng",
    }


# -- one unit test per generic fix -------------------------------------------------------------------------------


def test_redirect_rule_rebases_site_hosts_and_refuses_others():
    base = "http://127.0.0.1:8000"
    assert redirect_target(base + "/a", "https://www.rijksoverheid.nl/b?x=1", base) == base + "/b?x=1"
    assert redirect_target(base + "/a", "http://rijksoverheid.nl/b", base) == base + "/b"
    assert redirect_target(base + "/a", base + "/c", base) == base + "/c"
    assert redirect_target(base + "/a", "https://opendata.rijksoverheid.nl/v1", base) is None
    assert redirect_target(base + "/a", "https://example.org/b", base) is None
    real = "https://www.rijksoverheid.nl"
    assert redirect_target(real + "/a", "https://rijksoverheid.nl/a", real) == "https://rijksoverheid.nl/a"
    assert rebase("https://evil.example/actueel/agenda/2024/01/02/x", base) is None


@pytest.mark.parametrize(
    "line, label, title, place, start, end",
    [
        ("Werkbezoek – bezoek aan de haven (Rotterdam)", "Werkbezoek", "bezoek aan de haven", "Rotterdam", None, None),
        ("Werkbezoek - bezoek aan de haven", "Werkbezoek", "bezoek aan de haven", None, None, None),
        ("werkbezoek: rondleiding (Haarlem)", "werkbezoek", "rondleiding", "Haarlem", None, None),
        ("Gesprek met X (Zwolle), aansluitend lunch", None, "Gesprek met X, aansluitend lunch", "Zwolle", None, None),
        (
            "Gesprek met A (CDA) en B (VVD), daarna lunch",
            None,
            "Gesprek met A (CDA) en B (VVD), daarna lunch",
            None,
            None,
            None,
        ),
        ("10.00 uur: Werkbezoek: opening (Leiden)", "Werkbezoek", "opening", "Leiden", "10:00", None),
        (
            "10:00 - 11:00 Gesprek met de burgemeester (Delft)",
            None,
            "Gesprek met de burgemeester",
            "Delft",
            "10:00",
            "11:00",
        ),
        ("Gesprek: met Y, 14.00-15.00 uur (Den Haag)", "Gesprek", "met Y", "Den Haag", "14:00", "15:00"),
        ("Gesprek met de heer Van Dam - Alkmaar", None, "Gesprek met de heer Van Dam - Alkmaar", None, None, None),
        (
            "daarna overleg met de wethouder: woningbouw",
            None,
            "daarna overleg met de wethouder: woningbouw",
            None,
            None,
            None,
        ),
    ],
)
def test_rollup_bullet_forms(line, label, title, place, start, end):
    b = split_bullet(line, date(2024, 11, 19))
    assert (b.type_label, b.title, b.location_text, b.start_time, b.end_time) == (label, title, place, start, end)


def test_listing_honours_base_href():
    html = (
        '<base href="/actueel/agenda/"><main><a href="2024/11/12/x">X</a><a href="/lijst?pagina=2">Volgende</a></main>'
    )
    page = parse_listing(html, "http://h/regering/bewindspersonen/a/agenda")
    assert [r.url for r in page.items] == ["http://h/actueel/agenda/2024/11/12/x"]
    assert page.next_url == "http://h/lijst?pagina=2"


def test_listing_items_in_a_payload_beside_rendered_links_aside_excluded():
    push = (
        '<script>self.__next_f.push([1,"{\\"items\\":[{\\"href\\":\\"/actueel/agenda/2025/01/02/a\\"},'
        '{\\"href\\":\\"/actueel/agenda/2025/01/03/b\\"},{\\"href\\":\\"/actueel/agenda/2025/01/09/c\\"}]}"])'
        '</script>'
    )
    html = (
        '<main><a href="/actueel/agenda/2025/01/02/a">A</a></main>'
        '<aside><a href="/actueel/agenda/2025/01/09/c">C</a></aside>' + push
    )
    page = parse_listing(html, "http://h/agenda")
    assert [r.url.rsplit("/", 1)[1] for r in page.items] == ["a", "b"]
    assert page.items[0].title == "A" and page.items[1].date == date(2025, 1, 3)
    unrelated = (
        '<main><a href="/actueel/agenda/2025/01/02/a">A</a></main><script>x="/actueel/agenda/2025/02/02/z"</script>'
    )
    assert [r.url for r in parse_listing(unrelated, "http://h/agenda").items] == [
        "http://h/actueel/agenda/2025/01/02/a"
    ]


def test_oldest_first_page_before_since_does_not_end_the_walk():
    def ref(day: int) -> PageRef:
        return PageRef(url=f"http://h/actueel/agenda/2024/11/{day:02d}/i{day}", date=date(2024, 11, day))

    pages = {
        "p1": ListingPage(items=(ref(1), ref(5)), next_url="p2"),
        "p2": ListingPage(items=(ref(20), ref(25)), next_url=None),
    }
    assert [u for u, _p in walk_listing(pages.get, "p1", cap=10, since=date(2024, 11, 20))] == ["p1", "p2"]
    newest_first = {"p1": ListingPage(items=(ref(5), ref(1)), next_url="p2")}
    assert [u for u, _p in walk_listing(newest_first.get, "p1", cap=10, since=date(2024, 11, 20))] == ["p1"]


def test_persons_by_role_and_unique_surname():
    people = {"eelco-heinen": "Eelco Heinen", "mona-keijzer": "Mona Keijzer", "a": "Jan de Jonge", "b": "Piet de Jonge"}
    assert person_slugs(people, None, [], "Minister Heinen bezoekt samen met minister Keijzer een project") == (
        "eelco-heinen",
        "mona-keijzer",
    )
    assert person_slugs(people, None, [], "Gesprek met minister De Jonge") == ()  # two share the surname
    assert person_slugs(people, None, [], "Familie Heinen en Keijzer Bouw") == ()  # no role before it
    assert person_slugs(people, None, [], "de minister van Volkshuisvesting Keijzer") == ("mona-keijzer",)
    assert person_slugs(people, None, [], "Gesprek met oud-minister Heinen en voormalig minister Keijzer") == ()


def test_person_page_link_to_another_persons_agenda_is_not_its_listing():
    html = (
        '<main><h1>David van Weel</h1><a href="/regering/bewindspersonen/rob-jetten/agenda">Agenda premier</a></main>'
    )
    person = parse_person_page(html, "http://h/regering/bewindspersonen/david-van-weel")
    assert person.agenda_url == "http://h/regering/bewindspersonen/david-van-weel/agenda"


def test_ministry_of_the_post_on_the_day():
    assert ministry_on("david-van-weel", date(2025, 8, 28)) == "Justitie en Veiligheid"
    assert ministry_on("david-van-weel", date(2025, 10, 6)) == "Buitenlandse Zaken"
    assert ministry_on("vincent-karremans", date(2024, 12, 30)) == "Volksgezondheid, Welzijn en Sport"
    assert ministry_on("nobody-known", date(2025, 1, 1)) is None


def test_soft_404_is_a_parse_error():
    from agendakaart.errors import ParseError

    with pytest.raises(ParseError, match="foutpagina"):
        parse_item("<main><h1>Pagina niet gevonden</h1></main>", "http://h/actueel/agenda/2024/12/11/x")


def test_utf16_page_with_bom():
    assert page_text("<h1>Financiën</h1>".encode("utf-16"), "text/html") == "<h1>Financiën</h1>"


def test_latin1_page_with_meta_charset_and_body_date_over_path():
    body = (SITE / "actueel/agenda/2024/11/12/gesprek-met-de-nederlandsche-bank.html").read_bytes()
    text = page_text(body, "text/html")
    assert "financiële stabiliteit" in text and "rôle" in text
    html = "<main><h1>Bezoek</h1><p>Datum: donderdag 14 november 2024</p></main>"
    assert parse_item(html, "http://h/actueel/agenda/2024/11/13/bezoek")[1][0].date == date(2024, 11, 14)


ROLLUP_URL = "http://h/actueel/agenda/2024/11/18/agenda-minister-x-week-47"


def _bullets(html: str) -> list[tuple]:
    return [(a.date.day, a.start_time, a.type_label, a.title, a.location_text) for a in parse_item(html, ROLLUP_URL)[1]]


def test_rollup_table_row_with_time_type_and_text_cells_is_one_activity():
    html = (
        "<main><h1>Agenda minister X week 47</h1><h2>Maandag 18 november</h2><table>"
        "<tr><td>09.30 uur</td><td>Werkbezoek</td><td>bezoek (Ede)</td></tr><tr><td></td><td>Gesprek</td>"
        "<td>met Y</td></tr></table><h2>Dinsdag 19 november</h2><table><tr><td>10.00</td>"
        "<td>Kamerdebat: begroting (Tweede Kamer)</td></tr></table></main>"
    )
    assert _bullets(html) == [
        (18, "09:30", "Werkbezoek", "bezoek", "Ede"),
        (18, None, "Gesprek", "met Y", None),
        (19, "10:00", "Kamerdebat", "begroting", "Tweede Kamer"),
    ]


def test_rollup_time_on_a_line_of_its_own_belongs_to_the_next_line():
    html = (
        "<main><h1>Agenda minister X week 47</h1><h3>Maandag 18 november</h3><div><div>09.30 uur</div>"
        "<div>Werkbezoek: bezoek (Ede)</div></div><div>Gesprek: met Y</div><h3>Dinsdag 19 november</h3>"
        "<div>Kamerdebat: begroting (Tweede Kamer)</div></main>"
    )
    assert _bullets(html) == [
        (18, "09:30", "Werkbezoek", "bezoek", "Ede"),
        (18, None, "Gesprek", "met Y", None),
        (19, None, "Kamerdebat", "begroting", "Tweede Kamer"),
    ]


def test_listing_next_page_named_only_in_a_payload():
    push = '<script>self.__next_f.push([1,"{\\"nextPage\\":\\"/p/agenda?pagina=2\\",\\"prev\\":\\"?pagina=9\\"}"])</script>'
    html = '<main><a href="/actueel/agenda/2024/01/02/a">A</a></main>' + push
    assert parse_listing(html, "http://h/p/agenda").next_url == "http://h/p/agenda?pagina=2"
    assert parse_listing(html, "http://h/p/agenda?pagina=2").next_url is None
    relative = '<main><a href="/actueel/agenda/2024/01/02/a">A</a></main><script>x={"next":"?pagina=3"}</script>'
    assert parse_listing(relative, "http://h/q?pagina=2").next_url == "http://h/q?pagina=3"


def test_accordion_toggles_are_day_headings_but_action_buttons_no_lines():
    html = (
        "<main><h1>Agenda minister X week 47</h1><h3><button aria-expanded='false'>Maandag 18 november</button>"
        "</h3><div hidden><ul><li>Werkbezoek: bezoek (Ede)</li></ul></div><div><button aria-controls='p2'>"
        "Dinsdag 19 november</button></div><div id='p2'><p>Kamerdebat: begroting (Tweede Kamer)</p>"
        "<button>Delen</button></div></main>"
    )
    assert _bullets(html) == [
        (18, None, "Werkbezoek", "bezoek", "Ede"),
        (19, None, "Kamerdebat", "begroting", "Tweede Kamer"),
    ]


def test_listing_payload_list_is_the_one_holding_a_rendered_item_one_per_element():
    tree = [
        "$",
        "main",
        None,
        {
            "children": [
                [
                    "$",
                    "ol",
                    None,
                    {
                        "children": [
                            ["$", "li", None, {"href": f"/actueel/agenda/2025/01/0{d}/{n}"}]
                            for d, n in ((2, "a"), (3, "b"), (4, "c"))
                        ]
                    },
                ],
                [
                    "$",
                    "aside",
                    None,
                    {
                        "children": [
                            ["$", "li", None, {"href": "/actueel/agenda/2025/02/01/z"}],
                            ["$", "li", None, {"href": "/actueel/agenda/2025/02/02/y"}],
                        ]
                    },
                ],
            ]
        },
    ]
    script = "<script>self.__next_f.push([1, " + json.dumps("3:" + json.dumps(tree) + "\n") + "])</script>"
    html = '<main><a href="/actueel/agenda/2025/01/02/a">A</a></main>' + script
    assert [r.url.rsplit("/", 1)[1] for r in parse_listing(html, "http://h/agenda").items] == ["a", "b", "c"]


def test_index_card_name_is_the_words_that_spell_the_slug():
    from agendakaart.parse.persons import parse_persons_index

    html = (
        '<main><a href="/regering/bewindspersonen/eelco-heinen"><span>Minister van Financiën</span>'
        '<span>Eelco Heinen</span></a><a href="/regering/bewindspersonen/dilan-yesilgoz-zegerius"><figure>'
        '<img alt="Dilan Yeşilgöz-Zegerius"><figcaption>Minister van Defensie</figcaption></figure></a></main>'
    )
    refs = parse_persons_index(html, "http://h/regering/bewindspersonen")
    assert [(r.slug, r.name, r.role) for r in refs] == [
        ("eelco-heinen", "Eelco Heinen", "minister"),
        ("dilan-yesilgoz-zegerius", "Dilan Yeşilgöz-Zegerius", "minister"),
    ]


def test_unlabelled_date_line_with_year_wins_over_the_path_a_yearless_one_does_not():
    url = "http://h/actueel/agenda/2024/11/13/bezoek"
    with_year = "<main><p class='date'>donderdag 14 november 2024</p><h1>Bezoek</h1><p>Locatie: Ede</p></main>"
    yearless = "<main><p class='date'>14 november</p><h1>Bezoek</h1><p>Locatie: Ede</p></main>"
    assert parse_item(with_year, url)[1][0].date == date(2024, 11, 14)
    assert parse_item(yearless, url)[1][0].date == date(2024, 11, 13)


def test_a_rollup_line_naming_a_minister_adds_them_to_that_line_only():
    html = (
        "<main><h1>Agenda minister Heinen week 47</h1><h3>Maandag 18 november</h3><ul><li>Werkbezoek: x (Ede)"
        "</li><li>Gesprek met minister Keijzer (Den Haag)</li></ul><h3>Dinsdag 19 november</h3><ul>"
        "<li>Ministerraad</li></ul></main>"
    )
    people = {"eelco-heinen": "Eelco Heinen", "mona-keijzer": "Mona Keijzer"}
    page, acts = parse_item(html, ROLLUP_URL, people)
    assert page.persons == ("eelco-heinen",)
    assert [a.persons for a in acts] == [("eelco-heinen",), ("eelco-heinen", "mona-keijzer"), ("eelco-heinen",)]


def test_person_found_later_is_added_without_dropping_a_lines_own_person():
    from agendakaart.store import activities as act_store

    html = (
        "<main><h1>Agenda minister Heinen week 47</h1><h3>Maandag 18 november</h3><ul><li>Werkbezoek: x (Ede)"
        "</li><li>Gesprek met minister Keijzer (Den Haag)</li></ul></main>"
    )
    page, acts = parse_item(html, ROLLUP_URL, {"eelco-heinen": "Eelco Heinen", "mona-keijzer": "Mona Keijzer"})
    conn = open_db(":memory:")
    act_store.save_agenda_page(conn, page)
    act_store.replace_activities(conn, page.url, acts)
    assert act_store.add_page_persons(conn, page.url, ["sophie-hermans"]) is True
    rows = [json.loads(r[0]) for r in conn.execute("SELECT persons FROM activities ORDER BY ordinal")]
    assert rows == [["eelco-heinen", "sophie-hermans"], ["eelco-heinen", "mona-keijzer", "sophie-hermans"]]


def test_week_page_bold_day_run_into_its_first_line():
    html = (
        "<main><h1>Agenda minister X week 47</h1><p><strong>Maandag 18 november</strong> Werkbezoek: x (Ede)</p>"
        "<p><strong>Dinsdag 19 november</strong> Kamerdebat: begroting (Tweede Kamer)</p><p>Gesprek: met Y</p>"
        "</main>"
    )
    assert _bullets(html) == [
        (18, None, "Werkbezoek", "x", "Ede"),
        (19, None, "Kamerdebat", "begroting", "Tweede Kamer"),
        (19, None, "Gesprek", "met Y", None),
    ]
