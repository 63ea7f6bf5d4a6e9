"""Regression tests for the rules added in the third red-team round on `locate` (real agenda lines as the site
writes them, many as one whole line: tests/eval/holdout3_lines.jsonl) (the set's own checks and scores: tests/test_eval_holdouts.py)."""

from __future__ import annotations

import pytest

from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


# a portfolio between "minister van … van <land>", and a province's office holders, name whom, not where
@pytest.mark.parametrize(
    "title",
    [
        "Minister Heerma ontvangt de minister van Binnenlandse Zaken van Duitsland",
        "Gesprek met de staatssecretaris van Economische Zaken en Klimaat van Denemarken",
        "Gesprek: kennismaking met de nieuwe Commissaris van de Koning van Overijssel",
        "Overleg met de gedeputeerde van Zeeland",
    ],
)
def test_office_holder_of_a_country_or_province_is_no_place(res, title):
    e = run_text(res, title)
    assert (e.gm_code, e.country, e.precision.value) == (None, None, "none"), e.reason


def test_office_holder_still_gives_context(res):
    e = run(res, "Gesprek met de Commissaris van de Koning in Limburg in Bergen")
    assert e.gm_code == "GM0893", e.reason  # Bergen (L.), settled by the province named


def test_country_visited_still_counts(res):
    assert run(res, "Minister Berendsen bezoekt Polen").country == "PL"
    assert run(res, "Gesprek met de minister van Defensie van Litouwen in Vilnius").country == "LT"


def test_op_het_ministerie_is_den_haag(res):
    e = run(res, "Minister Berendsen ontvangt de minister van Buitenlandse Zaken van Polen op het ministerie")
    assert (e.gm_code, e.precision.value) == ("GM0518", "venue"), e.reason


# an institution joined to a prefix is another body: "OVSE-ministerraad" is not the Dutch cabinet
@pytest.mark.parametrize("title,country", [("OVSE-ministerraad", None), ("NAVO-ministerraad in Brussel", "BE")])
def test_prefixed_institution_is_another_body(res, title, country):
    e = run(res, title)
    assert (e.country, e.is_den_haag) == (country, False), e.reason


def test_ministerraad_alone_stays_den_haag(res):
    assert run(res, "Ministerraad").gm_code == "GM0518"


# subjects: a programme after "over", a publication after "exemplaar van"
@pytest.mark.parametrize(
    "title",
    [
        "Kamerbrief over de Regio Deal Twente",
        "Minister Vijlbrief ontvangt het eerste exemplaar van de Staat van Utrecht",
    ],
)
def test_subject_is_no_place(res, title):
    e = run(res, title)
    assert (e.gm_code, e.npvr_region, e.precision.value) == (None, None, "none"), e.reason


def test_subject_with_visit_still_places(res):
    assert run(res, "Werkbezoek over de Regio Deal Twente in Enschede").gm_code == "GM0153"


# a capitalised "Van" after a name starts a surname, also in the location field
@pytest.mark.parametrize(
    "title,location,gm",
    [
        ("Gesprek met Kamerlid Van Hattem over de begroting", None, None),
        ("Werkbezoek", "Stichting Van Hattem", None),  # in the location field too
        ("Werkbezoek", "Boerderij Van Leeuwen, Houten", "GM0321"),  # not Leeuwen (Roermond)
        ("Werkbezoek aan de gemeente van Emmen", None, "GM0114"),
        ("Minister Van Essen bezoekt Hattem", None, "GM0244"),
    ],
)
def test_capital_van_starts_a_surname(res, title, location, gm):
    assert run(res, title, location=location).gm_code == gm


def test_origin_ranks_below_where(res):
    assert run(res, "Ontmoeting met jongeren uit Rotterdam in Den Haag").gm_code == "GM0518"
    assert run(res, "Gesprek met jongeren uit Rotterdam").gm_code == "GM0599"


# data of this round
@pytest.mark.parametrize(
    "title,gm,precision",
    [
        ("Donderdag 13 maart: Minister Letschert bezoekt de TU Delft", "GM0503", "venue"),
        ("Bezoek aan de WUR", "GM0289", "venue"),
        (
            "Minister Letschert spreekt bij de opening van het collegejaar van de Universiteit Maastricht",
            "GM0935",
            "venue",
        ),
        ("Staatssecretaris Boswijk bezoekt de Van Ghentkazerne", "GM0599", "venue"),
        ("Bezoek aan de Hoge Raad", "GM0518", "venue"),
        ("Werkbezoek aan het NFI", "GM0518", "venue"),
        ("Bezoek aan het Groninger Forum", "GM0014", "venue"),
        ("Catshuissessie over de toekomst van de zorg", "GM0518", "venue"),
        ("Raad voor Europese Aangelegenheden", "GM0518", "venue"),
        ("Ministeriële commissie Herstel Groningen", "GM0518", "venue"),
        ("Bestuurlijk overleg in het provinciehuis van Fryslân", "GM0080", "woonplaats"),
        ("Bestuurlijk overleg", "GM0106", "woonplaats"),  # location field "Provinciehuis Drenthe" below
    ],
)
def test_round_three_places(res, title, gm, precision):
    location = "Provinciehuis Drenthe" if title == "Bestuurlijk overleg" else None
    e = run_text(res, title) if location is None else run(res, title, location=location)
    assert (e.gm_code, e.precision.value) == (gm, precision), e.reason


def test_museum_with_a_surname_is_not_the_town(res):
    e = run(res, "Opening van de expositie", location="Museum Boijmans Van Beuningen")
    assert (e.gm_code, e.precision.value) == ("GM0599", "venue"), e.reason  # Rotterdam, not Beuningen


@pytest.mark.parametrize(
    "title,country",
    [
        ("Minister Van Veldhoven neemt deel aan de klimaattop COP31 in Antalya", "TR"),
        ("Informele Raad in Évian-les-Bains", "FR"),
        ("Handelsmissie naar Ho Chi Minhstad", "VN"),
        ("Bezoek aan Bangalore", "IN"),
        ("Bezoek aan Rukla, Litouwen", "LT"),
    ],
)
def test_round_three_cities_abroad(res, title, country):
    e = run(res, title)
    assert (e.country, e.precision.value, e.gm_code) == (country, "woonplaats", None), e.reason


def test_village_beek_in_berg_en_dal(res):
    assert run(res, "Bezoek aan een boerderij", location="Beek (Ubbergen)").gm_code == "GM1945"
    assert run(res, "Werkbezoek Beek").gm_code == "GM0888"  # without context: the larger Beek (Limburg)


@pytest.mark.parametrize(
    "title,label,expected",
    [
        ("Catshuissessie", None, "vergadering"),
        ("Koninkrijksconferentie", None, "vergadering"),
        ("Minister Sjoerdsma bij de WTO-ministersconferentie", None, "vergadering"),
        ("Meeting with business leaders", None, "gesprek"),
        ("Bevrijdingsfestival Zeeland in Vlissingen", None, "evenement"),
        ("Nederlands-Belgische regeringstop in Antwerpen", None, "evenement"),
    ],
)
def test_round_three_activity_words(res, title, label, expected):
    assert run(res, title, label=label).activity_type.value == expected


# "(provincie)" / "(stad)" split off a whole line as the location hint qualifies the name before it
@pytest.mark.parametrize(
    "text,gm,precision",
    [
        ("Werkbezoek Groningen (provincie)", None, "provincie"),
        ("Werkbezoek Utrecht (stad)", "GM0344", "woonplaats"),
        ("Werkbezoek Hof van Twente (gemeente)", "GM1735", "gemeente"),
    ],
)
def test_kind_qualifier_in_parentheses(res, text, gm, precision):
    e = run_text(res, text)
    assert (e.gm_code, e.precision.value) == (gm, precision), e.reason


# batch 4: compound envoy words, people of an organisation met, the SER as an organisation
@pytest.mark.parametrize(
    "title,gm,country",
    [
        ("Minister Sjoerdsma ontvangt handelsdelegatie uit Zuid-Korea", None, None),
        ("Minister Letschert spreekt met studenten van de Universiteit van Amsterdam", None, None),
        ("Minister Letschert bezoekt de Universiteit van Amsterdam", "GM0363", "NL"),
        ("Gesprek met medewerkers van het CJIB", "GM0080", "NL"),  # a venue without a place word keeps it
        ("Gesprek met de SER", None, None),
        ("Bezoek aan de SER", "GM0518", "NL"),
        ("Werkbezoek KNVB Campus Zeist", "GM0355", "NL"),
    ],
)
def test_people_and_organisations_met(res, title, gm, country):
    e = run(res, title)
    assert (e.gm_code, e.country) == (gm, country), e.reason


@pytest.mark.parametrize(
    "title,country",
    [
        ("Minister-president Jetten bij herdenking Srebrenica in Potočari", "BA"),
        ("Minister-president Jetten bij herdenking in Auschwitz", "PL"),
    ],
)
def test_remembrance_sites_abroad(res, title, country):
    e = run(res, title)
    assert (e.country, e.precision.value) == (country, "woonplaats"), e.reason


# venues abroad and country abbreviations; the European Parliament sits in two towns: a named one wins
@pytest.mark.parametrize(
    "title,country,precision",
    [
        ("Ontmoeting met de Britse premier in Downing Street", "GB", "venue"),
        ("Gesprek in het Witte Huis", "US", "venue"),
        ("Gesprek op het Élysée", "FR", "venue"),
        ("Reis naar de VS", "US", "land"),
        ("Werkbezoek aan het VK", "GB", "land"),
        ("Bezoek aan het Vaticaan", "VA", "land"),
        ("Debat in het Europees Parlement in Straatsburg", "FR", "woonplaats"),
        ("Plenaire vergadering van het Europees Parlement", "BE", "venue"),
    ],
)
def test_abroad_venues_and_abbreviations(res, title, country, precision):
    e = run(res, title)
    assert (e.country, e.precision.value, e.gm_code) == (country, precision, None), e.reason


def test_de_kuip(res):
    assert run(res, "Bezoek aan de Kuip").gm_code == "GM0599"
    assert run(res, "Gesprek met Feyenoord over De Kuip").gm_code is None  # a subject
