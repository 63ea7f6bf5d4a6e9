"""Regression tests for the rules added in the fourth red-team round on `locate` (tests/eval/holdout4_lines.jsonl:
date and time prefixes with bars and dashes, place adjectives, Frisian and article names, islands, state events);
the set's own checks and scores are in tests/test_eval_holdouts.py."""

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


# a word-name ("Doorn" = thorn) alone after a bar or dash at the end of the line is the location slot
@pytest.mark.parametrize(
    "text,gm",
    [
        ("10 dec 2025 – 19.00 uur – Kerstconcert – Doorn", "GM1581"),
        ("ma 2 feb 2026 | Bezoek aan een school | Doorn", "GM1581"),
        ("Toespraak - Doorn.", "GM1581"),
    ],
)
def test_word_name_alone_in_last_segment(res, text, gm):
    assert run(res, text).gm_code == gm
    assert run_text(res, text).gm_code == gm


@pytest.mark.parametrize(
    "text",
    [
        "Kerstconcert – Doorn en distels in de tuin",  # more words follow: an ordinary sentence
        "Lezing over de doorn in het oog",  # lower case: the word
    ],
)
def test_word_name_inside_a_segment_stays_a_word(res, text):
    assert run(res, text).gm_code is None


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
def test_round_four_places(res, title, gm, precision):
    e = run(res, title)
    assert (e.gm_code, e.precision.value) == (gm, precision), e.reason


@pytest.mark.parametrize(
    "title,region",
    [
        ("Bezoek aan het Groningse gaswinningsgebied", None),
        ("Werkbezoek aan de Limburgse mijnstreek", "Zuid-Limburg"),
    ],
)
def test_round_four_regions(res, title, region):
    e = run(res, title)
    assert (e.gm_code, e.npvr_region, e.precision.value, e.country) == (None, region, "regio", "NL"), e.reason


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Klimaattop COP30 in Belém", "evenement"),
        ("Staatsbanket in het Koninklijk Paleis", "evenement"),
        ("Carnavalsontvangst in het gemeentehuis", "evenement"),
        ("Rondvaart door de haven", "werkbezoek"),
        ("Bellen met de premier van Polen", "gesprek"),
        ("Online sessie met jongeren", "gesprek"),
        ("NAVO-bijeenkomst van ministers van Defensie in Brussel", "vergadering"),
        ("Informele bijeenkomst EU-defensieministers in Nicosia", "vergadering"),
        ("Wereld Economisch Forum in Davos", "evenement"),
        ("Vertrek naar Washington", "overig"),
    ],
)
def test_round_four_activity_words(res, title, expected):
    assert run(res, title).activity_type.value == expected


# a word-name right after "Locatie:" / "Plaats:" inside the text is the place
@pytest.mark.parametrize(
    "text,gm",
    [
        ("Werkbezoek aan een bedrijf. Locatie: Best", "GM0753"),
        ("Gesprek met boeren. Plaats: Sluis", "GM1714"),
    ],
)
def test_word_name_after_locatie(res, text, gm):
    e = run(res, text)
    assert (e.gm_code, e.precision.value) == (gm, "woonplaats"), e.reason


def test_best_stays_a_word_without_locatie(res):
    assert run(res, "Gesprek over de beste aanpak. Best wishes").gm_code is None


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


def test_gemeente_alone_stays_gemeente(res):
    e = run(res, "Werkbezoek", location="Utrechtse Heuvelrug")
    assert (e.gm_code, e.precision.value) == ("GM1581", "gemeente"), e.reason


# EU Council configurations under their official names, and the Berlaymont as a compound
@pytest.mark.parametrize(
    "title", ["Raad Landbouw en Visserij", "Raad Milieu", "Raad Vervoer, Telecommunicatie en Energie"]
)
def test_council_configurations_are_brussel(res, title):
    e = run(res, title)
    assert (e.country, e.gm_code, e.is_den_haag) == ("BE", None, False), e.reason


def test_berlaymontgebouw(res):
    e = run(res, "Gesprek met de Eurocommissaris", description="Het gesprek is in het Berlaymontgebouw.")
    assert (e.country, e.precision.value) == ("BE", "venue"), e.reason


# organisations named after their area: met them is no place, a visit still places them
def test_veiligheidsregio_met_is_no_place(res):
    assert run(res, "Gesprek met de Veiligheidsregio Rotterdam-Rijnmond").precision.value == "none"
    assert run(res, "Overleg met de Regio Groningen-Assen").gm_code is None
    assert run(res, "Bezoek aan de Veiligheidsregio Rotterdam-Rijnmond").gm_code == "GM0599"


@pytest.mark.parametrize("title", ["Kerstconcert voor veteranen", "Concert ter ere van de Koning"])
def test_concert_is_an_event(res, title):
    assert run(res, title).activity_type.value == "evenement"


def test_bijlmermeer_and_ncsc(res):
    assert run(res, "Herdenking vliegramp Bijlmermeer").gm_code == "GM0363"
    e = run(res, "Minister Van Weel bezoekt het Nationaal Cyber Security Centrum")
    assert (e.gm_code, e.precision.value) == ("GM0518", "venue"), e.reason


# an organisation alone in the last bar segment is the location slot, as in the location field
@pytest.mark.parametrize(
    "text,gm",
    [
        ("10.00 uur | Gesprek met de korpschef | Ministerie van Justitie en Veiligheid", "GM0518"),
        ("di 4 nov | Overleg | Ministerie van Financiën", "GM0518"),
        ("Gesprek met het Ministerie van Financiën over de begroting", None),  # met it: no place
        ("Interview - Omroep Brabant", None),  # an organisation without a place
    ],
)
def test_organisation_in_last_segment(res, text, gm):
    assert run(res, text).gm_code == gm
