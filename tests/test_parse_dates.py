"""Dutch dates and times as agenda pages write them."""

from datetime import date

import pytest

from agendakaart.parse.dates import (
    date_from_path,
    parse_date,
    parse_day_heading,
    parse_iso_datetime,
    parse_times,
    year_for,
)

REF = date(2024, 5, 20)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("dinsdag 21 mei 2024", date(2024, 5, 21)),
        ("21 mei", date(2024, 5, 21)),
        ("5 juli", date(2024, 7, 5)),
        ("05-07-2024", date(2024, 7, 5)),
        ("5/7/2024", date(2024, 7, 5)),
        ("2024-07-05", date(2024, 7, 5)),
        ("Datum: vr 5 juli 2024, 10.00 uur", date(2024, 7, 5)),
        ("1 okt. 2024", date(2024, 10, 1)),
        ("31 februari 2024", None),
        ("geen datum", None),
        ("", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, REF) == expected


def test_yearless_date_needs_a_reference():
    assert parse_date("21 mei") is None


@pytest.mark.parametrize(
    "text,expected",
    [
        ("van 10.00 tot 11.30 uur", ("10:00", "11:30")),
        ("10:00-11:30", ("10:00", "11:30")),
        ("10.00 - 11.30 uur", ("10:00", "11:30")),
        ("10.00 uur", ("10:00", None)),
        ("om 9 uur", ("09:00", None)),
        ("14:00", ("14:00", None)),
        ("05-07-2024", (None, None)),
        ("05.07.2024", (None, None)),
        ("21 mei", (None, None)),
        ("25.99", (None, None)),
        (None, (None, None)),
    ],
)
def test_parse_times(text, expected):
    assert parse_times(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Dinsdag 21 mei", date(2024, 5, 21)),
        ("21 mei:", date(2024, 5, 21)),
        ("woensdag 22 mei 2024", date(2024, 5, 22)),
        ("Werkbezoek 21 mei", None),
        ("Dinsdag 21 mei werkbezoek", None),
    ],
)
def test_day_heading(text, expected):
    assert parse_day_heading(text, REF) == expected


def test_week_spanning_new_year():
    monday = date(2024, 12, 30)
    assert parse_day_heading("Donderdag 2 januari", monday) == date(2025, 1, 2)
    assert parse_day_heading("Maandag 30 december", monday) == date(2024, 12, 30)
    assert year_for(12, date(2025, 1, 2)) == 2024


def test_iso_instant_keeps_local_time():
    assert parse_iso_datetime("2024-07-05T10:00:00+02:00") == (date(2024, 7, 5), "10:00")
    assert parse_iso_datetime("2024-07-05") == (date(2024, 7, 5), None)
    assert parse_iso_datetime("5 juli 2024") == (date(2024, 7, 5), None)


def test_date_from_path():
    assert date_from_path("http://h/actueel/agenda/2024/07/05/ministerraad") == date(2024, 7, 5)
    assert date_from_path("http://h/actueel/agenda/2024/13/05/x") is None
    assert date_from_path("http://h/actueel/agenda") is None
