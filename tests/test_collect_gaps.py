"""Round 4: the collector gaps left open after issue 3 — roll-up lines with their own page counted once, a page
without a name attributed by its post, bold labels without a colon, `<time datetime>`, doctor's persons field."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from agendakaart.models import Activity, AgendaKind, AgendaPage, activity_id
from agendakaart.parse.duplicates import normalise_title, pair_duplicates
from agendakaart.parse.item import parse_item
from agendakaart.parse.persons import persons_by_role
from agendakaart.pipeline.duplicates import rollup_without_duplicates, settle_duplicates
from agendakaart.sources.rijksoverheid import with_listing_persons
from agendakaart.store import open_db, transaction
from agendakaart.store import activities as act_store
from agendakaart.store.persons import seed_posts

DAY = date(2026, 3, 10)
ROLLUP = "http://h/actueel/agenda/2026/03/09/agenda-minister-heinen-week-11"
SINGLE = "http://h/actueel/agenda/2026/03/10/werkbezoek-aan-de-haven-van-rotterdam"


def _act(
    url: str, ordinal: int, title: str, *, label=None, time=None, place=None, persons=("eelco-heinen",), day=DAY
) -> Activity:
    return Activity(
        id=activity_id(url, day, ordinal, f"{label}: {title}"),
        page_url=url,
        persons=persons,
        date=day,
        title=title,
        type_label=label,
        start_time=time,
        location_text=place,
        ordinal=ordinal,
    )


LINES = [
    _act(ROLLUP, 0, "aan de haven van Rotterdam", label="Werkbezoek", place="Rotterdam"),
    _act(ROLLUP, 1, "met de VNG", label="Overleg", time="14:00"),
    _act(ROLLUP, 2, "Ministerraad", day=date(2026, 3, 13)),
]
ITEM = [_act(SINGLE, 0, "Werkbezoek aan de haven van Rotterdam", time="10:00", place="Rotterdam, Maasvlakte")]


# -- 1. one activity, two pages -------------------------------------------------------------------------------


def test_normalised_titles_ignore_case_accents_punctuation_and_parentheses():
    assert normalise_title("Werkbezoek: Opening Café-Zuid (Ede).") == "werkbezoek opening cafe zuid"


@pytest.mark.parametrize(
    "change, paired",
    [
        ({}, True),  # label + title == item title
        ({"start_time": "10:00"}, True),  # same time
        ({"start_time": "15:00"}, False),  # another time: another activity
        ({"persons": ("rob-jetten",)}, False),  # nobody in common
        ({"date": date(2026, 3, 11)}, False),  # another day
        ({"title": "aan de havens van Rotterdam"}, True),  # near-identical
        ({"title": "aan de haven van Vlissingen", "location_text": "Vlissingen"}, False),
    ],
)
def test_pair_rule(change, paired):
    line = replace(LINES[0], **change)
    pairs = pair_duplicates([line], ITEM)
    assert [(p[0].id, p[1].id) for p in pairs] == ([(line.id, ITEM[0].id)] if paired else [])


def test_same_time_and_place_with_shared_words_pair_but_not_another_activity_at_that_hour():
    line = _act(ROLLUP, 3, "Opening van het nieuwe douanekantoor", label="Werkbezoek", time="11:00", place="Rotterdam")
    item = _act(SINGLE, 0, "Minister opent nieuw douanekantoor", time="11:00", place="Rotterdam, Waalhaven")
    other = _act(SINGLE, 1, "Gesprek met de havenmeester", time="11:00", place="Rotterdam")
    assert [(p[0].id, p[1].id) for p in pair_duplicates([line], [other, item])] == [(line.id, item.id)]
    assert pair_duplicates([line], [replace(item, start_time="11:30")]) == []


def test_same_place_and_title_words_within_the_other_pair_once_one_to_one():
    line = _act(ROLLUP, 5, "van een zonnepark", label="Opening", place="Wieringermeer")
    item = _act(SINGLE, 0, "Opening zonnepark op een voormalige vuilstort", time="10:30", place="Wieringermeer")
    twin = replace(line, id="twin", ordinal=6)
    pairs = pair_duplicates([line, twin], [item])
    assert [(p[0].id, p[1].id, p[2]) for p in pairs] == [(line.id, item.id, 0.9)]  # one line only


def test_an_item_takes_one_line_of_each_rollup():
    other = "http://h/actueel/agenda/2026/03/09/agenda-minister-jetten-week-11"
    both = ("eelco-heinen", "rob-jetten")
    item = replace(ITEM[0], persons=both)
    line_b = replace(LINES[0], id="b", page_url=other, persons=("rob-jetten",))
    line_c = replace(LINES[0], id="c", ordinal=7)  # a second equal line on the same roll-up: stays a line
    pairs = pair_duplicates([LINES[0], line_b, line_c], [item])
    assert sorted((p[0].id, p[1].id) for p in pairs) == sorted([(LINES[0].id, item.id), ("b", item.id)])


def _page(url: str, kind: AgendaKind) -> AgendaPage:
    return AgendaPage(url=url, persons=("eelco-heinen",), title="t", page_date=DAY, kind=kind)


def _store(conn, url: str, kind: AgendaKind, acts: list[Activity]) -> int:
    """What collect does for one page, in one transaction -> lines merged."""
    with transaction(conn):
        page = _page(url, kind)
        act_store.save_agenda_page(conn, page)
        kept, pairs = rollup_without_duplicates(conn, page, acts)
        act_store.replace_activities(conn, url, kept)
        return settle_duplicates(conn, page, kept, pairs)


def _state(conn) -> tuple[list, list]:
    ids = sorted(r[0] for r in conn.execute("SELECT id FROM activities"))
    return ids, [(d["line_id"], d["kept_id"]) for d in act_store.duplicates(conn)]


@pytest.mark.parametrize("order", ["rollup first", "item first"])
def test_line_with_its_own_page_is_stored_once_whatever_the_order_and_on_reparse(order):
    conn = open_db(":memory:")
    pages = [(ROLLUP, AgendaKind.ROLLUP, LINES), (SINGLE, AgendaKind.SINGLE, ITEM)]
    for url, kind, acts in pages if order == "rollup first" else pages[::-1]:
        _store(conn, url, kind, acts)
    expected = (sorted([LINES[1].id, LINES[2].id, ITEM[0].id]), [(LINES[0].id, ITEM[0].id)])
    assert _state(conn) == expected
    for url, kind, acts in pages + pages:  # re-parse both, twice: nothing changes, ids stable
        _store(conn, url, kind, acts)
    assert _state(conn) == expected
    assert act_store.count_activities(conn)["duplicate_lines"] == 1
    row = conn.execute("SELECT line_page_url, kept_page_url, line FROM activity_duplicates").fetchone()
    assert (row[0], row[1], json.loads(row[2])["title"]) == (ROLLUP, SINGLE, "aan de haven van Rotterdam")


def test_a_broken_pair_gives_the_line_back():
    conn = open_db(":memory:")
    _store(conn, ROLLUP, AgendaKind.ROLLUP, LINES)
    _store(conn, SINGLE, AgendaKind.SINGLE, ITEM)
    moved = [replace(ITEM[0], id="moved", date=date(2026, 3, 12))]  # the item page now says another day
    _store(conn, SINGLE, AgendaKind.SINGLE, moved)
    assert _state(conn) == (sorted([LINES[0].id, LINES[1].id, LINES[2].id, "moved"]), [])


# -- 2. attribution by post ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title, day, slugs",
    [
        ("Agenda minister-president", DAY, ("rob-jetten",)),
        ("Agenda minister-president", date(2025, 3, 3), ("dick-schoof",)),  # kabinet-Schoof
        ("Agenda van de premier, week 11", DAY, ("rob-jetten",)),
        ("Agenda staatssecretaris van Financiën – Fiscaliteit", DAY, ("eelco-eerenberg",)),
        ("Agenda staatssecretaris van Financiën (Herstel en Toeslagen)", DAY, ("sandra-palmen",)),
        ("Agenda staatssecretaris van Financiën", DAY, ()),  # two hold it
        ("Agenda minister van Financiën", DAY, ("eelco-heinen",)),
        ("Agenda minister voor Klimaat en Groene Groei", DAY, ("stientje-van-veldhoven",)),
        ("Agenda minister", DAY, ()),
        ("Agenda minister van Algemene Zaken", DAY, ("rob-jetten",)),
        ("Agenda staatssecretaris voor Digitale Zaken", DAY, ("willemijn-aerdts",)),  # portfolio, no ministry
        ("Agenda minister voor Asiel en Migratie", DAY, ("bart-van-den-brink",)),
        ("Agenda minister Heinen", DAY, ()),  # a name, not a post
        ("Werkbezoek minister-president en minister van Financiën", DAY, ("eelco-heinen", "rob-jetten")),
        ("Gesprek met de premier van België", DAY, ()),  # nobody's post here
        ("Agenda minister-president en de premier van België", DAY, ("rob-jetten",)),
        ("Agenda staatssecretaris Fiscale Zaken, week 11", DAY, ("eelco-eerenberg",)),  # portfolio, no "van"
        ("Agenda staatssecretaris Van der Burg", DAY, ()),  # a name: not by post
        ("Lezing door oud-minister-president", DAY, ()),
        ("Werkbezoek aan Zwolle", DAY, ()),
        # Achahbar's end date is unknown; Palmen held the post after her: Palmen alone in October 2025
        ("Agenda staatssecretaris van Financiën (Herstel en Toeslagen)", date(2025, 10, 1), ("sandra-palmen",)),
        # Idsinga's end is unknown and Van Oostenbruggen left on 2025-08-22: nobody held the post then
        ("Agenda staatssecretaris van Financiën – Fiscaliteit", date(2025, 10, 1), ()),
        # ... and before that his successor's start is unknown too: two may hold it, so no guess
        ("Agenda staatssecretaris van Financiën – Fiscaliteit", date(2024, 9, 2), ()),
    ],
)
def test_persons_by_role(title, day, slugs):
    assert persons_by_role(title, day, seed_posts()) == slugs


# -- 3. a bold label without a colon ----------------------------------------------------------------------------


def test_bold_type_label_without_colon_is_split_off():
    html = """<html><body><main><h1>Agenda minister Heinen week 11</h1>
      <h2>Dinsdag 10 maart</h2><ul>
        <li><strong>Werkbezoek</strong> Aan de haven van Rotterdam (Rotterdam)</li>
        <li>14.00 uur <b>Gesprek</b> Met de VNG</li>
        <li><b>Minister Heinen</b> opent de beurs</li>
        <li><strong>Werkbezoek</strong> aan Zwolle</li></ul>
      <h2>Woensdag 11 maart</h2><ul><li><strong>Ministerraad</strong></li></ul></main></body></html>"""
    _page_, acts = parse_item(html, ROLLUP)
    got = [(a.date.day, a.start_time, a.type_label, a.title, a.location_text) for a in acts]
    assert got == [
        (10, None, "Werkbezoek", "Aan de haven van Rotterdam", "Rotterdam"),
        (10, "14:00", "Gesprek", "Met de VNG", None),
        (10, None, None, "Minister Heinen opent de beurs", None),
        (10, None, None, "Werkbezoek aan Zwolle", None),
        (11, None, None, "Ministerraad", None),
    ]
    assert acts[0].id == activity_id(ROLLUP, DAY, 0, "Werkbezoek Aan de haven van Rotterdam (Rotterdam)")


def test_bold_label_on_its_own_line_before_a_br_and_time_elements_as_day_headings():
    html = """<html><body><main><h1>Agenda minister Heinen week 11</h1>
      <h3><time datetime="2026-03-10">Dinsdag</time></h3><ul>
        <li><strong>Werkbezoek</strong><br>Aan de marechaussee (Schiphol)</li>
        <li><strong>Ministerraad</strong><br>Den Haag</li></ul>
      <h3><time datetime="2026-03-11T00:00">wo</time></h3><ul>
        <li>Om <time datetime="2026-03-11T14:00">14.00 uur</time> Gesprek met de VNG</li></ul></main></body></html>"""
    _page_, acts = parse_item(html, ROLLUP)
    got = [(a.date.day, a.start_time, a.type_label, a.title, a.location_text) for a in acts]
    assert got == [
        (10, None, "Werkbezoek", "Aan de marechaussee", "Schiphol"),
        (10, None, None, "Ministerraad", None),  # a short continuation is no label's text
        (10, None, None, "Den Haag", None),
        (11, "14:00", None, "Gesprek met de VNG", None),
    ]  # "Om 14.00 uur" leads like "14.00 uur"


# -- 4. <time datetime> without a label -------------------------------------------------------------------------


def test_time_element_without_label_gives_date_and_times_not_the_publication_date():
    html = """<html><body><header><time datetime="2020-01-01">vandaag</time></header><main>
      <h1>Werkbezoek aan Zwolle</h1><p>Gepubliceerd <time datetime="2026-03-02">2 maart</time></p>
      <p><time datetime="2026-03-12T09:30">donderdag</time> – <time datetime="2026-03-12T11:00">11.00</time></p>
      <p>De minister bezoekt een school.</p></main>
      <aside><a href="/x"><time datetime="2026-03-20">20 maart</time></a></aside></body></html>"""
    page, (act,) = parse_item(html, "http://h/actueel/agenda/2026/03/09/werkbezoek-aan-zwolle")
    assert (act.date, act.start_time, act.end_time) == (date(2026, 3, 12), "09:30", "11:00")
    assert page.page_date == date(2026, 3, 9) and page.field_sources["date"] == "labels"


def test_an_articles_own_header_is_content_the_sites_header_is_not():
    html = """<html><head><title>Agenda | Rijksoverheid.nl</title></head><body><header><h1>Rijksoverheid</h1>
      <time datetime="2020-01-01">nu</time></header><main><article><header class="kop"><h1>Werkbezoek aan Zwolle</h1>
      <time datetime="2026-03-12T09:30">12 maart</time></header><p>Tekst.</p></article></main></body></html>"""
    page, (act,) = parse_item(html, "http://h/actueel/agenda/2026/03/09/werkbezoek-aan-zwolle")
    assert (act.title, act.date, act.start_time) == ("Werkbezoek aan Zwolle", date(2026, 3, 12), "09:30")
    assert page.field_sources["title"] == "labels"


def test_a_datum_field_wins_over_a_time_element():
    html = """<html><body><main><h1>Overleg</h1><p>Datum: 11 maart 2026</p>
      <p><time datetime="2026-03-12T09:30">x</time></p></main></body></html>"""
    _p, (act,) = parse_item(html, "http://h/actueel/agenda/2026/03/09/overleg")
    assert (act.date, act.start_time) == (date(2026, 3, 11), None)


# -- 5. doctor ------------------------------------------------------------------------------------------------


def test_doctor_says_persons_come_from_the_listing():
    report = {
        "sources": ["labels"],
        "fields": {"title": "labels"},
        "empty": ["persons", "location"],
        "activities": 1,
        "error": None,
    }
    assert with_listing_persons(report, True) == {
        **report,
        "empty": ["location"],
        "persons_from": "listing",
        "fields": {"title": "labels", "persons": "listing"},
    }
    assert with_listing_persons(report, False) == report


def test_private_use_characters_on_a_page_never_act_as_our_line_marks():
    from agendakaart.parse.html import blocks, tree

    (block,) = blocks(tree("<p>a \ue002x<b>W\ue000</b> y \ue003 z</p>").body)
    assert (block.text, block.lead, block.when) == ("a xW y z", "W", None)
