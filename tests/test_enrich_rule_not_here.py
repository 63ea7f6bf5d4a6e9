"""The not_here rows of data/context_rules.csv as whole enrichments: a subject ("over de toekomst van X"), a publication, an organisation met ("met de Veiligheidsregio X", "met Amsterdam UMC") is no place; a visit still is. (Each row's own examples: tests/test_enrich_context.py.)

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


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


# organisations named after their area: met them is no place, a visit still places them
def test_veiligheidsregio_met_is_no_place(res):
    assert run(res, "Gesprek met de Veiligheidsregio Rotterdam-Rijnmond").precision.value == "none"
    assert run(res, "Overleg met de Regio Groningen-Assen").gm_code is None
    assert run(res, "Bezoek aan de Veiligheidsregio Rotterdam-Rijnmond").gm_code == "GM0599"
