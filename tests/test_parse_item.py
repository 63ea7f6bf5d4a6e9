"""Item pages: each parse source alone, their merge order, roll-up splitting, attribution, hostile pages."""

from datetime import date
from pathlib import Path

import pytest

from agendakaart.errors import ParseError
from agendakaart.models import AgendaKind, activity_id
from agendakaart.parse.html import page_text
from agendakaart.parse.item import diagnose_item, parse_item

SITE = Path(__file__).parent / "fixtures" / "site"
ITEMS = sorted((SITE / "actueel" / "agenda").glob("2*/*/*/*.html"))
PEOPLE = {"eelco-heinen": "Eelco Heinen", "rob-jetten": "Rob Jetten", "sophie-hermans": "Sophie Hermans"}
BASE = "http://127.0.0.1:8000"


def _url(path: Path) -> str:
    return f"{BASE}/{path.relative_to(SITE).with_suffix('').as_posix()}"


def _parse(name: str, people=PEOPLE):
    path = next(p for p in ITEMS if p.stem == name)
    return parse_item(page_text(path.read_bytes()), _url(path), people)


def test_classic_labels_page():
    page, [a] = _parse("minister-opent-windpark")
    assert (a.title, a.date, a.start_time, a.end_time, a.location_text) == (
        "Minister opent windpark",
        date(2024, 7, 5),
        "10:00",
        "11:30",
        "Eemshaven",
    )
    assert page.ministry == "Klimaat en Groene Groei"  # as the persons table writes it
    assert page.field_sources["location"] == "labels" and page.field_sources["ministry"] == "meta"
    assert page.persons == ("sophie-hermans",)  # named in the text
    assert "windpark op zee" in a.description and "Let op" not in a.description
    assert page.kind == AgendaKind.SINGLE


def test_jsonld_event_page():
    page, [a] = _parse("overleg-met-vng")
    assert (a.title, a.date, a.start_time, a.end_time, a.location_text) == (
        "Overleg met de VNG",
        date(2024, 6, 3),
        "14:00",
        "15:30",
        "Utrecht",
    )
    assert a.description == "Bestuurlijk overleg over de gemeentefinanciën."
    assert {page.field_sources[f] for f in ("title", "date", "location")} == {"jsonld"}


def test_next_data_payload_page_ignores_navigation_titles():
    page, [a] = _parse("werkbezoek-twente")
    assert (a.title, a.date, a.start_time, a.end_time, a.location_text) == (
        "Werkbezoek aan Twente",
        date(2024, 6, 10),
        "09:30",
        "12:00",
        "Enschede",
    )
    assert a.description == "De minister-president bezoekt bedrijven in de regio."
    assert page.persons == ("rob-jetten",)  # from the payload's bewindspersonen key
    assert page.field_sources["title"] == "nextjs"


def test_streamed_next_f_chunks_page():
    page, [a] = _parse("podcast")
    assert (a.title, a.date, a.start_time, a.location_text) == (
        "Opname van een podcast",
        date(2024, 6, 12),
        "16:00",
        "Hilversum",
    )
    assert page.field_sources["date"] == "nextjs"


def test_table_labels_and_numeric_date():
    _, [a] = _parse("nieuw-adres")
    assert (a.date, a.start_time, a.end_time, a.location_text) == (date(2024, 6, 14), "13:00", "15:00", "Maastricht")


def test_inline_label_colon_value_spans():
    page, [a] = _parse("alleen-centraal")
    assert (a.title, a.date, a.location_text) == ("Opening van een fietsenstalling", date(2024, 6, 21), "Zwolle")
    assert page.persons == ("rob-jetten",)


def test_meta_only_page_takes_date_from_url():
    page, [a] = _parse("meta-pagina")
    assert a.title == "Gesprek met jongeren over klimaat"
    assert a.date == date(2024, 6, 24)  # the path, not DCTERMS.available (publication date)
    assert page.field_sources == {"title": "meta", "ministry": "meta", "date": "url"}
    assert a.location_text is None


def test_mis_encoded_page_is_read_as_cp1252():
    _, [a] = _parse("cafe-bezoek")
    assert a.title == "Bezoek aan café De Zwaan"
    assert a.location_text == "Hoorn"


def test_page_without_title_is_a_parse_error():
    with pytest.raises(ParseError, match="geen titel"):
        _parse("kapot")


def test_rollup_split_into_bullets():
    page, acts = _parse("agenda-minister-heinen-week-21")
    assert page.kind == AgendaKind.ROLLUP and page.location_text == "Diverse locaties"
    got = [(a.date.isoformat(), a.start_time, a.type_label, a.title, a.location_text) for a in acts]
    assert got == [
        ("2024-05-21", None, "Werkbezoek", "bezoek aan de Belastingdienst", "Apeldoorn"),
        ("2024-05-21", None, "Gesprek", "gesprek met De Nederlandsche Bank", None),
        ("2024-05-22", None, "Kamerdebat", "commissiedebat over de Voorjaarsnota", "Tweede Kamer"),
        ("2024-05-22", "10:30", "Toespraak", "opening van een congres over pensioenen", "Utrecht, Jaarbeurs"),
        ("2024-05-24", None, None, "Ministerraad", None),
    ]
    assert [a.ordinal for a in acts] == [0, 1, 2, 3, 4]
    assert all("pers" not in a.title.lower() and "070" not in a.title for a in acts)


def test_rollup_across_new_year_with_script_text_in_title():
    html = (Path(__file__).parent / "fixtures" / "item" / "rollup_week.html").read_text()
    url = f"{BASE}/actueel/agenda/2024/12/30/agenda-minister-heinen-week-1"
    page, acts = parse_item(html, url, PEOPLE)
    assert [a.date for a in acts] == [date(2024, 12, 30)] * 2 + [date(2025, 1, 2)] * 3
    assert acts[-1].title == "nieuwjaarsreceptie <script>alert(1)</script>"  # escaped text stays text
    assert acts[0].title == "bezoek aan een innovatief bedrijf"  # real tags stripped
    assert acts[3].type_label == "Onderraden en ministeriële overleggen"
    assert acts[3].location_text == "Ministerie van Financiën, Den Haag"
    assert acts[2].start_time == "10:00"
    assert acts[0].id == activity_id(
        url, date(2024, 12, 30), 0, "Werkbezoek: bezoek aan een innovatief bedrijf (Leiden)"
    )


ROLLUP_NEXT = """<html><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">
{"props":{"pageProps":{"agenda":{"titel":"Agenda staatssecretaris week 36","datum":"2026-08-31",
"locatie":"Diverse locaties","inhoud":"<h3>Maandag 31 augustus</h3><ul><li>Werkbezoek: opening (Assen)</li></ul><h3>Dinsdag 1 september</h3><ul><li>Gesprek: met boeren (Emmen)</li><li>Interview: radio</li></ul><h3>Informatie voor de pers</h3><ul><li>Telefoon: 070 000 0000</li></ul>"}}}}
</script></body></html>"""

ROLLUP_PLAIN = """<html><body><main><h1>Agenda minister week 36</h1><p>Maandag 31 augustus</p>
<p>- Werkbezoek: opening (Assen)</p><p>Dinsdag 1 september</p><p>Gesprek: met boeren (Emmen)</p>
<p>Interview: radio</p><p>Informatie voor de pers</p><p>Gesprek: dit is geen activiteit</p></main></body></html>"""


@pytest.mark.parametrize("html,source", [(ROLLUP_NEXT, "nextjs"), (ROLLUP_PLAIN, "labels")])
def test_rollup_from_payload_html_and_plain_paragraphs(html, source):
    url = f"{BASE}/actueel/agenda/2026/08/31/agenda-staatssecretaris-week-36"
    page, acts = parse_item(html, url)
    assert [(a.date.isoformat(), a.type_label, a.title, a.location_text) for a in acts] == [
        ("2026-08-31", "Werkbezoek", "opening", "Assen"),
        ("2026-09-01", "Gesprek", "met boeren", "Emmen"),
        ("2026-09-01", "Interview", "radio", None),
    ]
    assert page.field_sources["rollup"] == source


def test_jsonld_with_several_events_is_a_rollup():
    html = """<html><head><script type="application/ld+json">[
      {"@type":"Event","name":"Werkbezoek: haven (Rotterdam)","startDate":"2024-05-21T09:00"},
      {"@type":"Event","name":"Toespraak: congres","startDate":"2024-05-22","location":{"name":"Utrecht"}}]
    </script></head><body><h1>Agenda week 21</h1></body></html>"""
    page, acts = parse_item(html, f"{BASE}/actueel/agenda/2024/05/20/agenda-week-21")
    assert [(a.date, a.start_time, a.type_label, a.title, a.location_text) for a in acts] == [
        (date(2024, 5, 21), "09:00", "Werkbezoek", "haven", "Rotterdam"),
        (date(2024, 5, 22), None, "Toespraak", "congres", "Utrecht"),
    ]


def test_single_page_with_date_heading_is_not_a_rollup():
    html = """<html><body><main><p>05 juli</p><h1>Ministerraad</h1><p>Datum 5 juli 2024</p>
    <p>Locatie Den Haag</p><p>De ministerraad vergadert (wekelijks).</p></main></body></html>"""
    page, acts = parse_item(html, f"{BASE}/actueel/agenda/2024/07/05/ministerraad")
    assert page.kind == AgendaKind.SINGLE and len(acts) == 1
    assert (acts[0].title, acts[0].location_text) == ("Ministerraad", "Den Haag")


def test_jsonld_wins_over_labels_and_broken_jsonld_is_skipped():
    html = """<html><head><script type="application/ld+json">{broken</script>
    <script type="application/ld+json">{"@type":"Event","name":"Uit JSON-LD","startDate":"2024-07-06"}</script>
    </head><body><h1>Uit de pagina</h1><dl><dt>Datum</dt><dd>5 juli 2024</dd><dt>Plaats</dt><dd>Delft</dd></dl>
    </body></html>"""
    page, [a] = parse_item(html, f"{BASE}/actueel/agenda/2024/07/05/x")
    assert (a.title, a.date, a.location_text) == ("Uit JSON-LD", date(2024, 7, 6), "Delft")
    assert page.field_sources == {"title": "jsonld", "date": "jsonld", "location": "labels"}


def test_empty_and_truncated_pages():
    with pytest.raises(ParseError):
        parse_item("", f"{BASE}/actueel/agenda/2024/07/05/x")
    page, [a] = parse_item("<html><body><h1>Afgekapte pag", f"{BASE}/actueel/agenda/2024/07/05/x")
    assert (a.title, a.date) == ("Afgekapte pag", date(2024, 7, 5))


@pytest.mark.parametrize("path", ITEMS, ids=lambda p: p.stem)
def test_invariants_over_all_fixture_items(path):
    try:
        page, acts = parse_item(page_text(path.read_bytes()), _url(path), PEOPLE)
    except ParseError:
        assert path.stem == "kapot"
        return
    assert acts, "a parsed page gives at least one activity"
    assert len({a.id for a in acts}) == len(acts)
    for a in acts:
        assert a.title.strip() and a.page_url == page.url and a.persons == page.persons
        assert abs((a.date - page.page_date).days) <= 7
        assert a.start_time is None or len(a.start_time) == 5
    report = diagnose_item(page_text(path.read_bytes()), _url(path))
    assert report["activities"] == len(acts) and "url" in report["sources"]
