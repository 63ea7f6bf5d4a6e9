"""Institutions (venues.csv kind institution): Den Haag bodies lead the title, a prefixed name is another body, councils in Brussel, a named place or location field before an institution.

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


def test_only_den_haag_institutions_lead_the_title(res):
    assert run(res, "Commissiedebat Herstel Groningen").gm_code == "GM0518"
    e = run(res, "Nationale Herdenking Kamp Amersfoort")
    assert e.gm_code == "GM0327", e.reason  # the camp lies in Leusden
    e = run(res, "Europese Raad Kopenhagen")
    assert e.country == "DK", e.reason


def test_rondetafelgesprek_is_not_den_haag_by_nature(res):
    assert run(res, "Rondetafelgesprek met jongeren uit Zuidoost-Drenthe").gm_code is None
    assert run(res, "Algemeen overleg Defensie").gm_code == "GM0518"


def test_venue_as_type_label_places_the_item(res):
    e = run_text(res, "Eerste Kamer: plenaire behandeling Omgevingswet")
    assert (e.gm_code, e.activity_type.value) == ("GM0518", "parlement"), e.reason


def test_location_field_beats_council_institution(res):
    e = run(res, "Raad Justitie en Binnenlandse Zaken", location="Luxembourg")
    assert (e.country, e.precision.value) == ("LU", "woonplaats")


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


# EU Council configurations under their official names, and the Berlaymont as a compound
@pytest.mark.parametrize(
    "title", ["Raad Landbouw en Visserij", "Raad Milieu", "Raad Vervoer, Telecommunicatie en Energie"]
)
def test_council_configurations_are_brussel(res, title):
    e = run(res, title)
    assert (e.country, e.gm_code, e.is_den_haag) == ("BE", None, False), e.reason
