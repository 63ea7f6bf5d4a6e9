"""The location field and its stand-ins: postal addresses and postcodes, street adjectives, ministry addresses, an organisation beside a town, "Locatie:", the last segment after a bar.

Tests by rule (moved from the per-round modules test_enrich_holdout*.py, assertions unchanged)."""

from __future__ import annotations

import pytest

from agendakaart.enrich.engine import split_text_line
from enrich_helpers import enrich_title as run
from enrich_helpers import run_text


# a postal address or a bare postcode is no place: no PC4 table offline, a Postbus is not where one goes
@pytest.mark.parametrize(
    "location,why",
    [
        ("Postbus 20011, Den Haag", "postadres"),
        ("Postbus 20011, 2500 EA Den Haag", "postadres"),
        ("2511 CV", "postcode"),
        ("3511ED", "postcode"),
    ],
)
def test_postal_only_location_is_no_place(res, location, why):
    e = run(res, "Gesprek met vakbonden", location=location)
    assert (e.gm_code, e.country, e.precision.value, e.is_den_haag) == (None, None, "none", False)
    assert why in e.reason


def test_postcode_with_town_still_counts(res):
    assert run(res, "Werkbezoek", location="Jaarbeursplein, 3521 AL Utrecht").gm_code == "GM0344"


# the town after the comma wins, a street's place adjective never counts
@pytest.mark.parametrize(
    "location,gm",
    [
        ("Utrechtseweg 12, Amersfoort", "GM0307"),
        ("Amsterdamsestraatweg, Utrecht", "GM0344"),
        ("Haagweg, Leiden", "GM0546"),
        ("Haagse Schouwweg 10, Leiden", "GM0546"),
        ("Zwolseweg, Deventer", "GM0150"),
        ("Arnhemseweg, Apeldoorn", "GM0200"),
        ("Rijnstraat 50, 6811 EW Arnhem", "GM0202"),
        ("Leidsestraat 12", None),
        ("Zwolseweg 3", None),
    ],
)
def test_street_adjective_never_a_place(res, location, gm):
    assert run(res, "Werkbezoek aan een school", location=location).gm_code == gm


# ministries' visiting addresses without the town
@pytest.mark.parametrize(
    "location",
    ["Rijnstraat 50", "Turfmarkt 147", "Bezuidenhoutseweg 73", "Kalvermarkt", "Parnassusplein 5", "Korte Voorhout 7"],
)
def test_ministry_address_is_den_haag(res, location):
    e = run(res, "Overleg met de directeuren-generaal", location=location)
    assert (e.gm_code, e.precision.value, e.is_den_haag) == ("GM0518", "woonplaats", True)


def test_generic_venue_name_yields_to_the_town(res):
    assert run(res, "Toespraak", location="De Doelen, Utrecht").gm_code == "GM0344"


# an organisation in the location field gives way to a town there in another gemeente; a fixed venue does not
@pytest.mark.parametrize(
    "location,gm,precision",
    [
        ("Zoetermeer (Ministerie van OCW)", "GM0637", "woonplaats"),
        ("Havenbedrijf Rotterdam, Moerdijk", "GM1709", "woonplaats"),
        ("Ministerie van Financiën", "GM0518", "venue"),
        ("Amsterdam (Schiphol)", "GM0394", "venue"),
    ],
)
def test_organisation_yields_to_named_town(res, location, gm, precision):
    e = run(res, "Gesprek", location=location)
    assert (e.gm_code, e.precision.value) == (gm, precision)


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
