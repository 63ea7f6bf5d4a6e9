"""The words before a name: a visiting verb counts as a preposition, "uit A" ranks below "in B", a route counts where it starts, travel where it goes.

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


def test_visiting_verb_counts_like_a_preposition(res):
    e = run(res, "Minister Heinen bezoekt Breda. Daarna reist hij naar Tilburg.")
    assert e.gm_code == "GM0758", e.reason  # the first place visited, not the later one


# a tour "van A naar B" starts at A (the first place); travel goes where it goes
@pytest.mark.parametrize(
    "title,gm,country",
    [
        ("Fietstocht van Assen naar Groningen", "GM0106", "NL"),
        ("Wandeling van Hoek van Holland naar Scheveningen", "GM0599", "NL"),
        ("Treinreis van Zwolle naar Leeuwarden", "GM0080", "NL"),
        ("Reis van Den Haag naar Brussel", None, "BE"),
    ],
)
def test_route_start_or_travel_destination(res, title, gm, country):
    e = run(res, title)
    assert (e.gm_code, e.country) == (gm, country)


def test_origin_ranks_below_where(res):
    assert run(res, "Ontmoeting met jongeren uit Rotterdam in Den Haag").gm_code == "GM0518"
    assert run(res, "Gesprek met jongeren uit Rotterdam").gm_code == "GM0599"
