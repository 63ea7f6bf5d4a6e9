"""Whole lines as `locate` gets them ({"id", "text"}): what split_text_line keeps of a lead.

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


# the lead before a colon stays in the title when it names a place ("aan X", "in X", ", X")
@pytest.mark.parametrize(
    "text,label,title",
    [
        (
            "Bezoek aan Vlieland: gesprek met de eilandraad",
            "Bezoek aan Vlieland",
            "Bezoek aan Vlieland: gesprek met de eilandraad",
        ),
        (
            "VN-Mensenrechtenraad, Genève: toespraak",
            "VN-Mensenrechtenraad, Genève",
            "VN-Mensenrechtenraad, Genève: toespraak",
        ),
        ("Werkbezoek: opening van de sluis (Terneuzen)", "Werkbezoek", "opening van de sluis"),
        ("Bestuurlijk overleg: met de provincie", "Bestuurlijk overleg", "met de provincie"),
        (
            "Onderraden en ministeriële overleggen: Raad Defensie",
            "Onderraden en ministeriële overleggen",
            "Raad Defensie",
        ),
    ],
)
def test_split_keeps_a_long_lead(res, text, label, title):
    got_label, got_title, _ = split_text_line(text, res.rules)
    assert (got_label, got_title) == (label, title)


@pytest.mark.parametrize(
    "text,gm,country",
    [
        ("Werkbezoek aan 's-Gravenhage: bezoek aan een buurthuis", "GM0518", "NL"),
        ("Bezoek aan Vlieland: gesprek met de eilandraad", "GM0096", "NL"),
        ("VN-Mensenrechtenraad, Genève: toespraak namens het Koninkrijk", None, "CH"),
    ],
)
def test_place_in_a_long_lead_counts(res, text, gm, country):
    e = run_text(res, text)
    assert (e.gm_code, e.country) == (gm, country), e.reason
