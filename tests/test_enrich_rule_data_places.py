"""Places in the Netherlands that the data files add: venues, villages, districts, spelling variants and former names, institutions and provinciehuizen.

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


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


# venues of this round (and their real gemeente: Eelde -> Tynaarlo, Maastricht Aachen Airport -> Beek)
@pytest.mark.parametrize(
    "location,gm",
    [
        ("Congrescentrum De Doelen", "GM0599"),
        ("Van Nelle Fabriek", "GM0599"),
        ("WTC Leeuwarden", "GM0080"),
        ("Kurhaus, Scheveningen", "GM0518"),
        ("Maastricht Airport", "GM0888"),
        ("Maastricht Aachen Airport", "GM0888"),
        ("Groningen Airport Eelde", "GM1730"),
        ("Schiphol-Oost", "GM0394"),
    ],
)
def test_venues_in_the_location_field(res, location, gm):
    e = run(res, "Toespraak", location=location)
    assert (e.gm_code, e.precision.value) == (gm, "venue")


@pytest.mark.parametrize(
    "location,gm,country",
    [
        ("Zeeland Airport", "GM0687", "NL"),
        ("Teuge Airport", "GM0285", "NL"),
        ("Twente Airport", "GM0153", "NL"),
        ("Evoluon", "GM0772", "NL"),
        ("Papendal", "GM0202", "NL"),
        ("Nationaal Archief", "GM0518", "NL"),
        ("Fort Amsterdam", None, "CW"),
    ],
)
def test_airports_and_venues_in_the_location_field(res, location, gm, country):
    e = run(res, "Werkbezoek", location=location)
    assert (e.gm_code, e.country, e.precision.value) == (gm, country, "venue")


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
def test_institutions_bodies_and_provinciehuizen(res, title, gm, precision):
    location = "Provinciehuis Drenthe" if title == "Bestuurlijk overleg" else None
    e = run_text(res, title) if location is None else run(res, title, location=location)
    assert (e.gm_code, e.precision.value) == (gm, precision), e.reason


def test_de_kuip(res):
    assert run(res, "Bezoek aan de Kuip").gm_code == "GM0599"
    assert run(res, "Gesprek met Feyenoord over De Kuip").gm_code is None  # a subject


# data of this round
@pytest.mark.parametrize(
    "title,gm,precision",
    [
        ("Werkbezoek aan de Penitentiaire Inrichting in Zwaag", "GM0405", "woonplaats"),
        ("Opening carnavalsseizoen in Mestreech", "GM0935", "woonplaats"),
        ("Bezoek aan het Eindhovense Strijp-S", "GM0772", "venue"),
        ("Toespraak op de Haagse Hogeschool", "GM0518", "venue"),
        ("Rondvaart door de Amsterdamse haven", "GM0363", "venue"),
    ],
)
def test_city_adjective_venues_and_local_names(res, title, gm, precision):
    e = run(res, title)
    assert (e.gm_code, e.precision.value) == (gm, precision), e.reason


def test_bijlmermeer_and_ncsc(res):
    assert run(res, "Herdenking vliegramp Bijlmermeer").gm_code == "GM0363"
    e = run(res, "Minister Van Weel bezoekt het Nationaal Cyber Security Centrum")
    assert (e.gm_code, e.precision.value) == ("GM0518", "venue"), e.reason


# aliases.csv: Limburgish, Gronings and Frisian names (holdout7), each to its own town, not a namesake
@pytest.mark.parametrize(
    "title,gm",
    [
        ("Gesprek met de burgemeester in Zittert", "GM1883"),
        ("Werkbezoek aan Sjtein", "GM0971"),  # Stein (L), not Stein in Krimpenerwaard
        ("Werkbezoek Valkeberg", "GM0994"),  # Valkenburg aan de Geul, not Valkenburg (ZH)
        ("Bezoek aan Vols", "GM0981"),
        ("Werkbezoek aan Brunssem", "GM0899"),
        ("Overleg in Grunnen", "GM0014"),
        ("Werkbezoek Sleat", "GM1940"),
        ("Bezoek aan Kornwerderzand", "GM1900"),  # Súdwest-Fryslân (was wrongly Waadhoeke)
    ],
)
def test_regional_name_forms(res, title, gm):
    e = run(res, title)
    assert e.gm_code == gm, e.reason
