"""Namesakes: which of several places of one name — province qualifiers ("Hengelo (Gld)", "(provincie)"), a neighbour in the same gemeente or within 40 km, a named gemeente, a country over a small village, a compass word joined to a province.

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
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


def test_compass_joined_province_is_not_the_city(res):
    e = run(res, "Werkbezoek aan Zuidoost-Groningen")
    assert (e.gm_code, e.precision.value, e.npvr_region) == (None, "regio", "Noord- en Oost-Groningen")
    e = run(res, "Werkbezoek aan Noordwest-Utrecht")
    assert (e.gm_code, e.precision.value) == (None, "provincie")


def test_country_beats_small_dutch_namesake(res):
    e = run(res, "Bezoek aan Sint Maarten")
    assert (e.country, e.gm_code, e.is_abroad) == ("SX", None, True)
    assert run(res, "Werkbezoek aan Bergen").gm_code == "GM0373"  # a city abroad does not


# "Loppersum, gemeente Eemsdelta": the woonplaats inside the named gemeente
@pytest.mark.parametrize(
    "location,gm,place",
    [
        ("Loppersum, gemeente Eemsdelta", "GM1979", "Loppersum"),
        ("Naaldwijk, gemeente Westland", "GM1783", "Naaldwijk"),
    ],
)
def test_town_inside_named_gemeente(res, location, gm, place):
    e = run(res, "Werkbezoek", location=location)
    assert (e.gm_code, e.precision.value, e.place) == (gm, "woonplaats", place)


def test_gemeente_alone_stays_gemeente(res):
    e = run(res, "Werkbezoek", location="Gemeente Westland")
    assert (e.gm_code, e.precision.value) == ("GM1783", "gemeente")


def test_village_beek_in_berg_en_dal(res):
    assert run(res, "Bezoek aan een boerderij", location="Beek (Ubbergen)").gm_code == "GM1945"
    assert run(res, "Werkbezoek Beek").gm_code == "GM0888"  # without context: the larger Beek (Limburg)


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


# a gemeente in parentheses or the location field qualifies the town named before it: the town is the answer
@pytest.mark.parametrize(
    "title,location,gm",
    [
        ("Werkbezoek Driebergen (Utrechtse Heuvelrug)", None, "GM1581"),
        ("Opening vernieuwd gemeentehuis in Den Burg (Texel)", None, "GM0448"),
        ("Werkbezoek aan Sneek", "Súdwest-Fryslân", "GM1900"),
    ],
)
def test_gemeente_qualifier_keeps_the_town(res, title, location, gm):
    e = run(res, title, location=location)
    assert (e.gm_code, e.precision.value) == (gm, "woonplaats"), e.reason


def test_gemeente_name_without_the_word_gemeente_stays_gemeente(res):
    e = run(res, "Werkbezoek", location="Utrechtse Heuvelrug")
    assert (e.gm_code, e.precision.value) == ("GM1581", "gemeente"), e.reason
