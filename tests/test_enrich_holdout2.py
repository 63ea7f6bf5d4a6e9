"""Regression tests for the rules added in the second red-team round on `locate` (location fields and addresses
as real pages give them: tests/eval/holdout2_lines.jsonl) (the set's own checks and scores: tests/test_eval_holdouts.py)."""

from __future__ import annotations

import pytest

from enrich_helpers import enrich_title as run


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


# venues of this round (and their real gemeente: Eelde -> Tynaarlo, Maastricht Aachen Airport -> Beek)
@pytest.mark.parametrize(
    "location,gm",
    [
        ("Congrescentrum De Doelen", "GM0599"),
        ("Van Nelle Fabriek", "GM0599"),
        ("WTC Leeuwarden", "GM0080"),
        ("Kurhaus, Scheveningen", "GM0518"),
        ("Maastricht Airport", "GM0888"),
        ("Maastricht Aachen Airport", "GM0888"),
        ("Groningen Airport Eelde", "GM1730"),
        ("Schiphol-Oost", "GM0394"),
    ],
)
def test_round_two_venues(res, location, gm):
    e = run(res, "Toespraak", location=location)
    assert (e.gm_code, e.precision.value) == (gm, "venue")


def test_generic_venue_name_yields_to_the_town(res):
    assert run(res, "Toespraak", location="De Doelen, Utrecht").gm_code == "GM0344"


# "Loppersum, gemeente Eemsdelta": the woonplaats inside the named gemeente
@pytest.mark.parametrize(
    "location,gm,place",
    [
        ("Loppersum, gemeente Eemsdelta", "GM1979", "Loppersum"),
        ("Naaldwijk, gemeente Westland", "GM1783", "Naaldwijk"),
    ],
)
def test_town_inside_named_gemeente(res, location, gm, place):
    e = run(res, "Werkbezoek", location=location)
    assert (e.gm_code, e.precision.value, e.place) == (gm, "woonplaats", place)


def test_gemeente_alone_stays_gemeente(res):
    e = run(res, "Werkbezoek", location="Gemeente Westland")
    assert (e.gm_code, e.precision.value) == ("GM1783", "gemeente")


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


def test_location_field_beats_council_institution(res):
    e = run(res, "Raad Justitie en Binnenlandse Zaken", location="Luxembourg")
    assert (e.country, e.precision.value) == ("LU", "woonplaats")


@pytest.mark.parametrize(
    "title,label,expected",
    [
        ("Werkbezoek over de opening voor vakantievluchten", None, "werkbezoek"),  # "vakantie" only as a word
        ("Vakantie", None, "overig"),
        ("Zomervakantie", None, "overig"),
        ("NAVO-ministersbijeenkomst", None, "vergadering"),
    ],
)
def test_activity_words(res, title, label, expected):
    assert run(res, title, label=label).activity_type.value == expected


def test_webex_is_no_place(res):
    assert "geen plaats" in run(res, "Overleg", location="Webex").reason


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


@pytest.mark.parametrize(
    "location,gm,country",
    [
        ("Zeeland Airport", "GM0687", "NL"),
        ("Teuge Airport", "GM0285", "NL"),
        ("Twente Airport", "GM0153", "NL"),
        ("Evoluon", "GM0772", "NL"),
        ("Papendal", "GM0202", "NL"),
        ("Nationaal Archief", "GM0518", "NL"),
        ("Fort Amsterdam", None, "CW"),
    ],
)
def test_more_venues(res, location, gm, country):
    e = run(res, "Werkbezoek", location=location)
    assert (e.gm_code, e.country, e.precision.value) == (gm, country, "venue")
