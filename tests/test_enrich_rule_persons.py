"""Persons: a title word inside a venue's name, a capitalised "Van" that starts a surname.

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


def test_venue_starting_with_a_title_word_is_no_person(res):
    e = run(res, "Minister Agema bezoekt het Prinses Máxima Centrum")
    assert (e.gm_code, e.precision.value) == ("GM0344", "venue"), e.reason
    assert run(res, "Gesprek met burgemeester Van Zanen").precision.value == "none"


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


def test_museum_with_a_surname_is_not_the_town(res):
    e = run(res, "Opening van de expositie", location="Museum Boijmans Van Beuningen")
    assert (e.gm_code, e.precision.value) == ("GM0599", "venue"), e.reason  # Rotterdam, not Beuningen
