"""Regression tests for the rules added after red-teaming `locate` on the held-out lines
(tests/eval/holdout_lines.jsonl) (the set's own checks and scores: tests/test_eval_holdouts.py)."""

from __future__ import annotations

import pytest

from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


# province qualifier after an ambiguous name, in the text, in the location field, or split off as roll-up parens
@pytest.mark.parametrize(
    "text,gm",
    [
        ("Werkbezoek aan Hengelo (Gld)", "GM1876"),
        ("Werkbezoek Hengelo (Gld.)", "GM1876"),
        ("Werkbezoek: Minister Wiersma bezoekt een boer (Hengelo Gld)", "GM1876"),
        ("Werkbezoek aan Hengelo (Ov)", "GM0164"),
        ("Werkbezoek Zevenhuizen (Gn)", "GM1969"),
        ("Werkbezoek Zevenhuizen (ZH)", "GM1892"),
        ("Werkbezoek Valkenburg (ZH)", "GM0537"),
        ("Werkbezoek Winsum (Fr)", "GM1949"),
        ("Werkbezoek Bergen (L)", "GM0893"),
        ("Werkbezoek Rijswijk (Gld)", "GM0214"),
    ],
)
def test_province_qualifier_decides(res, text, gm):
    e = run_text(res, text)
    assert e.gm_code == gm, e.reason


def test_province_qualifier_in_location_field(res):
    e = run(res, "Minister Wiersma bezoekt een melkveebedrijf", location="Hengelo (Gld)", label="Werkbezoek")
    assert (e.gm_code, e.npvr_region) == ("GM1876", "Achterhoek")
    e = run(res, "Werkbezoek Hengelo", location="Gld")  # the bullet splitter took "(Gld)" away
    assert e.gm_code == "GM1876", e.reason


def test_same_gemeente_neighbour_before_nearby_namesake(res):
    e = run(res, "Bezoek aan een dijkversterking bij Rijswijk in de gemeente Altena")
    assert e.gm_code == "GM1959", e.reason


@pytest.mark.parametrize(
    "text",
    [
        "Gesprek over de toekomst van Schiphol",
        "Gesprek over de situatie in Oekraïne",
        "Overleg over de oorlog in Gaza",
    ],
)
def test_subject_after_over_is_no_place(res, text):
    e = run(res, text)
    assert (e.precision.value, e.gm_code, e.country) == ("none", None, None), e.reason


def test_over_then_place_with_in_still_counts(res):
    assert run(res, "Overleg over de Kanaalzone in Terneuzen").gm_code == "GM0715"
    assert run(res, "Toespraak over de toekomst van Groningen in Delfzijl").gm_code == "GM1979"
    assert run(res, "Werkbezoek over woningbouw in Almere").gm_code == "GM0034"


@pytest.mark.parametrize(
    "text",
    [
        "Gesprek met het Instituut Mijnbouwschade Groningen",
        "Gesprek met de Stichting Vrienden van Texel",
        "Gesprek met de Universiteit Utrecht",
        "Gesprek met de Veiligheidsregio Zuid-Limburg",
        "Gesprek met FC Groningen",
        "Gesprek met Amsterdam UMC",
        "Gesprek met Eindhoven Airport",
    ],
)
def test_organisation_met_is_no_place(res, text):
    e = run(res, text)
    assert e.precision.value == "none" and e.gm_code is None, e.reason


def test_organisation_visited_is_a_place(res):
    assert run(res, "Bezoek aan de Universiteit Utrecht").gm_code == "GM0344"
    assert run(res, "Werkbezoek aan Amsterdam UMC").gm_code == "GM0363"
    assert run(res, "Gesprek met CJIB").gm_code == "GM0080"  # no place word in the name: the venue


def test_compass_joined_province_is_not_the_city(res):
    e = run(res, "Werkbezoek aan Zuidoost-Groningen")
    assert (e.gm_code, e.precision.value, e.npvr_region) == (None, "regio", "Noord- en Oost-Groningen")
    e = run(res, "Werkbezoek aan Noordwest-Utrecht")
    assert (e.gm_code, e.precision.value) == (None, "provincie")


def test_only_den_haag_institutions_lead_the_title(res):
    assert run(res, "Commissiedebat Herstel Groningen").gm_code == "GM0518"
    e = run(res, "Nationale Herdenking Kamp Amersfoort")
    assert e.gm_code == "GM0327", e.reason  # the camp lies in Leusden
    e = run(res, "Europese Raad Kopenhagen")
    assert e.country == "DK", e.reason


def test_country_beats_small_dutch_namesake(res):
    e = run(res, "Bezoek aan Sint Maarten")
    assert (e.country, e.gm_code, e.is_abroad) == ("SX", None, True)
    assert run(res, "Werkbezoek aan Bergen").gm_code == "GM0373"  # a city abroad does not


def test_envoy_country_is_context_not_place(res):
    e = run(res, "Overleg met de regering van Curaçao in Willemstad")
    assert (e.country, e.gm_code) == ("CW", None)
    e = run(res, "Gesprek met de minister-president van Sint Maarten")
    assert e.precision.value == "none"
    assert run(res, "Bezoek aan Oranjestad, Sint Eustatius").country == "BQ"
    assert run(res, "Bezoek aan Oranjestad").country == "AW"


def test_remote_activity_has_no_place(res):
    e = run(res, "Telefoongesprek met de burgemeester van Rotterdam")
    assert e.precision.value == "none" and "op afstand" in e.reason
    assert run(res, "Digitaal overleg met de gedeputeerden van Limburg").precision.value == "none"
    assert run(res, "Opening van het Digitale Innovatiecentrum in Assen").gm_code == "GM0106"
    assert run(res, "Telefonisch overleg", location="Utrecht").gm_code == "GM0344"


@pytest.mark.parametrize(
    "text,gm",
    [
        ("Bezoek aan de Keukenhof", "GM0553"),
        ("Werkbezoek aan het Nationaal Park De Hoge Veluwe", "GM0228"),
        ("Bezoek aan de Marker Wadden", "GM0995"),
        ("Werkbezoek aan Enter", "GM0189"),
        ("Werkbezoek aan Hoek", "GM0715"),
        ("Werkbezoek aan Ubach over Worms", "GM0882"),
    ],
)
def test_added_venues_and_villages(res, text, gm):
    assert run(res, text).gm_code == gm


def test_video_call_is_gesprek(res):
    assert run(res, "Videoverbinding met de Amerikaanse ambassadeur").activity_type.value == "gesprek"


def test_visiting_verb_counts_like_a_preposition(res):
    e = run(res, "Minister Heinen bezoekt Breda. Daarna reist hij naar Tilburg.")
    assert e.gm_code == "GM0758", e.reason  # the first place visited, not the later one


def test_venue_starting_with_a_title_word_is_no_person(res):
    e = run(res, "Minister Agema bezoekt het Prinses Máxima Centrum")
    assert (e.gm_code, e.precision.value) == ("GM0344", "venue"), e.reason
    assert run(res, "Gesprek met burgemeester Van Zanen").precision.value == "none"


@pytest.mark.parametrize(
    "text,gm",
    [
        ("Werkbezoek aan de Haagse Schilderswijk", "GM0518"),
        ("Werkbezoek aan IJburg", "GM0363"),
        ("Werkbezoek aan Overvecht", "GM0344"),
        ("Werkbezoek aan de Botlek", "GM0599"),
    ],
)
def test_city_districts(res, text, gm):
    assert run(res, text).gm_code == gm


@pytest.mark.parametrize(
    "text,kind",
    [
        ("Minister Bruins neemt het advies van de Onderwijsraad in ontvangst", "evenement"),
        ("Persmoment na de ministerraad", "media"),
        ("Staatssecretaris Tielen neemt deel aan een rondetafelgesprek over jeugdzorg", "gesprek"),
        ("Afscheid van de commissaris van de Koning", "evenement"),
        ("Nota-overleg Klimaat", "parlement"),
    ],
)
def test_type_rules_from_red_team(res, text, kind):
    assert run(res, text).activity_type.value == kind


def test_rondetafelgesprek_is_not_den_haag_by_nature(res):
    assert run(res, "Rondetafelgesprek met jongeren uit Zuidoost-Drenthe").gm_code is None
    assert run(res, "Algemeen overleg Defensie").gm_code == "GM0518"


def test_venue_as_type_label_places_the_item(res):
    e = run_text(res, "Eerste Kamer: plenaire behandeling Omgevingswet")
    assert (e.gm_code, e.activity_type.value) == ("GM0518", "parlement"), e.reason


@pytest.mark.parametrize(
    "text,gm",
    [
        ("Werkbezoek Alphen aan de Rijn", "GM0484"),
        ("Werkbezoek Capelle aan de IJssel", "GM0502"),
        ("Werkbezoek Nieuwerkerk a/d IJssel", "GM1892"),
        ("Werkbezoek St. Michielsgestel", "GM0845"),
        ("Werkbezoek St. Anthonis", "GM1982"),
        ("Werkbezoek aan Tietjerksteradeel", "GM0737"),
        ("Werkbezoek aan Haarlemmerliede", "GM0394"),
        ("Werkbezoek Ouderkerk aan de Amstel", "GM0437"),
    ],
)
def test_spelling_variants_and_former_names(res, text, gm):
    assert run(res, text).gm_code == gm
