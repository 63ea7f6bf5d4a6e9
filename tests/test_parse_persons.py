"""Persons index and person pages."""

from pathlib import Path

from agendakaart.parse.persons import parse_person_page, parse_persons_index, person_slug

SITE = Path(__file__).parent / "fixtures" / "site" / "regering" / "bewindspersonen"
BASE = "http://127.0.0.1:8000/regering/bewindspersonen"


def test_index_lists_each_person_once_and_skips_sub_paths():
    refs = parse_persons_index((SITE / "index.html").read_text(), BASE)
    assert [(r.slug, r.name) for r in refs] == [
        ("rob-jetten", "Rob Jetten"),
        ("eelco-heinen", "Eelco Heinen"),
        ("sophie-hermans", "Sophie Hermans"),
    ]
    assert refs[0].role == "minister-president"
    assert refs[2].url == "https://www.rijksoverheid.nl/regering/bewindspersonen/sophie-hermans"
    assert person_slug(BASE + "/eelco-heinen/agenda") is None


def test_person_page_with_agenda_link():
    p = parse_person_page((SITE / "eelco-heinen" / "index.html").read_text(), BASE + "/eelco-heinen")
    assert (p.slug, p.name, p.role, p.ministry) == ("eelco-heinen", "Eelco Heinen", "minister", "Financiën")
    assert p.agenda_url == BASE + "/eelco-heinen/agenda"


def test_person_page_without_link_falls_back_and_reads_payload():
    html = """<html><body><div id="__next"></div><script id="__NEXT_DATA__" type="application/json">
    {"props":{"pageProps":{"person":{"slug":"sophie-hermans","naam":"Sophie Hermans","functie":"minister",
    "ministerie":"Klimaat en Groene Groei"}}}}</script></body></html>"""
    p = parse_person_page(html, BASE + "/sophie-hermans")
    assert (p.name, p.role, p.ministry) == ("Sophie Hermans", "minister", "Klimaat en Groene Groei")
    assert p.agenda_url == BASE + "/sophie-hermans/agenda"


def test_person_page_absolute_agenda_link():
    p = parse_person_page((SITE / "rob-jetten" / "index.html").read_text(), BASE + "/rob-jetten")
    assert p.agenda_url == "https://www.rijksoverheid.nl/regering/bewindspersonen/rob-jetten/agenda"
