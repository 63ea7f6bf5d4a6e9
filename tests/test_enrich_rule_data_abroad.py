"""Places abroad that the data files add: English exonyms, cities of councils and summits, remembrance sites, foreign venues and abbreviations.

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


# English exonyms in the location field
@pytest.mark.parametrize(
    "location,country,place",
    [
        ("Brussels", "BE", "Brussel"),
        ("Luxembourg", "LU", "Luxemburg"),
        ("Strasbourg", "FR", "Straatsburg"),
        ("Geneva", "CH", "Genève"),
        ("Paris, France", "FR", "Parijs"),
        ("Kyiv, Ukraine", "UA", "Kyiv"),
        ("Warsaw", "PL", "Warschau"),
    ],
)
def test_english_exonyms(res, location, country, place):
    e = run(res, "Gesprek", location=location)
    assert (e.country, e.place, e.precision.value, e.gm_code) == (country, place, "woonplaats", None)


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
def test_cities_abroad(res, title, country):
    e = run(res, title)
    assert (e.country, e.precision.value, e.gm_code) == (country, "woonplaats", None), e.reason


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


def test_berlaymontgebouw(res):
    e = run(res, "Gesprek met de Eurocommissaris", description="Het gesprek is in het Berlaymontgebouw.")
    assert (e.country, e.precision.value) == ("BE", "venue"), e.reason


# abroad.csv: Belgian gemeenten on the border (holdout7), Belgian while Baarle-Nassau stays Dutch
@pytest.mark.parametrize(
    "title,gm,country",
    [
        ("Bezoek aan Baarle-Hertog", None, "BE"),
        ("Werkbezoek Baarle-Nassau", "GM0744", "NL"),
        ("Grensoverleg in Lanaken", None, "BE"),
        ("Werkbezoek aan Voeren", None, "BE"),
    ],
)
def test_belgian_border_gemeenten(res, title, gm, country):
    e = run(res, title)
    assert (e.gm_code, e.country) == (gm, country), e.reason
