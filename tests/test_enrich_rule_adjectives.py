"""Area adjectives (regions.csv): "de Zeeuwse kust" names the province, "Limburgse mijnstreek" the region, only before a noun.

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


# an area adjective before a lower-case noun is the area; before a capitalised name it is part of that name
@pytest.mark.parametrize(
    "title,region,precision",
    [
        ("Werkbezoek aan de Zeeuwse kust", None, "provincie"),
        ("Bezoek aan Twentse maakbedrijven", "Twente", "regio"),
        ("Rondrit langs Achterhoekse boerderijen", "Achterhoek", "regio"),
        ("Gesprek met de Zeeuwse Milieufederatie", None, "none"),
        ("Overleg met de Brabantse Ontwikkelings Maatschappij", None, "none"),
        ("Overleg met Limburgse boeren over de mestregels", None, "none"),  # met: whom, not where
        ("Bezoek aan Friese melkveebedrijven", None, "provincie"),
        ("Interview met een Drentse", None, "none"),  # nothing after it: no noun, no area
    ],
)
def test_area_adjective_needs_a_noun(res, title, region, precision):
    e = run(res, title)
    assert (e.gm_code, e.npvr_region, e.precision.value) == (None, region, precision), e.reason
    assert e.country == (None if precision == "none" else "NL")


def test_zeeuwse_adjective_names_the_province(res):
    e = run(res, "Fietstocht langs Zeeuwse dijken")
    assert (e.province, e.place) == ("Zeeland", "Zeeland"), e.reason


@pytest.mark.parametrize(
    "title,region",
    [
        ("Bezoek aan het Groningse gaswinningsgebied", None),
        ("Werkbezoek aan de Limburgse mijnstreek", "Zuid-Limburg"),
    ],
)
def test_adjective_of_an_area_names_its_region(res, title, region):
    e = run(res, title)
    assert (e.gm_code, e.npvr_region, e.precision.value, e.country) == (None, region, "regio", "NL"), e.reason
