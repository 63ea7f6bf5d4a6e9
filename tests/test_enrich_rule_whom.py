"""The whom rows of data/context_rules.csv as whole enrichments: the country of a minister or envoy and the province of an office holder name whom, not where, but still settle a namesake. (Each row's own examples: tests/test_enrich_context.py.)

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


def test_envoy_country_is_context_not_place(res):
    e = run(res, "Overleg met de regering van Curaçao in Willemstad")
    assert (e.country, e.gm_code) == ("CW", None)
    e = run(res, "Gesprek met de minister-president van Sint Maarten")
    assert e.precision.value == "none"
    assert run(res, "Bezoek aan Oranjestad, Sint Eustatius").country == "BQ"
    assert run(res, "Bezoek aan Oranjestad").country == "AW"


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
