"""The knowledge files (src/agendakaart/data/knowledge/*.csv): institutions, venues, sites and events by category.
Each file says its source, licence and completeness; every row names a known gemeente; no name is in two rows;
and every row and alias, visited in an agenda line, places the activity in its gemeente (a test per row)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from agendakaart.enrich.gazetteer import knowledge_files
from agendakaart.enrich.regions import data_path
from agendakaart.enrich.text import fold_name
from enrich_helpers import enrich_title

COLUMNS = ["name", "aliases", "kind", "place", "gm_code", "country", "lat", "lon", "label", "address"]
DOCS = Path(__file__).resolve().parent.parent / "docs" / "enrich.md"


def _rows(name: str) -> list[dict]:
    lines = [ln for ln in data_path(name).read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _keys(row: dict) -> list[str]:
    return [row["name"]] + [a for a in row["aliases"].split(";") if a]


ALL = [(name, row, key) for name in knowledge_files() for row in _rows(name) for key in _keys(row)]


def test_there_are_fourteen_categories():
    assert [n.split("/")[1] for n in knowledge_files()] == [
        "asylum.csv",
        "companies.csv",
        "events.csv",
        "football.csv",
        "government.csv",
        "hospitals.csv",
        "military.csv",
        "museums.csv",
        "natuur.csv",
        "ports.csv",
        "prisons.csv",
        "universities.csv",
        "venues.csv",
        "wijken.csv",
    ]


@pytest.mark.parametrize("name", knowledge_files())
def test_file_says_source_licence_completeness_and_has_the_columns(name):
    text = data_path(name).read_text(encoding="utf-8")
    head = " ".join(ln for ln in text.splitlines() if ln.startswith("#"))
    for word in ("Bron:", "Licentie:", "Volledigheid:"):
        assert word in head, (name, word)
    assert _rows(name) and list(_rows(name)[0]) in (COLUMNS, COLUMNS + ["type"])  # type: optional, see below


@pytest.mark.parametrize("name", knowledge_files())
def test_rows_name_known_gemeenten_and_kinds(res, name):
    for row in _rows(name):
        assert row["kind"] in ("venue", "org", "institution"), row
        assert row["gm_code"] in res.gazetteer.gemeenten if row["gm_code"] else row["country"] != "NL", row


def test_no_name_in_two_rows():
    venues = [ln for ln in data_path("venues.csv").read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    seen = {fold_name(r["name"]): "venues.csv" for r in csv.DictReader(venues)}
    for name, _row, key in ALL:
        assert fold_name(key) not in seen, (key, name, seen.get(fold_name(key)))
        seen[fold_name(key)] = name


def test_docs_count_rows_per_category():
    docs = DOCS.read_text(encoding="utf-8")
    for name in knowledge_files():
        rows = _rows(name)
        names = sum(len(_keys(r)) for r in rows)
        cat = name.split("/")[1]
        assert re.search(rf"\| `{re.escape(cat)}` \| {len(rows)} \| {names} \|", docs), cat


@pytest.mark.parametrize("name,row,key", ALL, ids=[f"{n.split('/')[1]}:{k}" for n, _r, k in ALL])
def test_every_name_places_a_visit(res, name, row, key):
    """ "Werkbezoek aan <name>" -> the row's gemeente (or its country abroad)."""
    e = enrich_title(res, f"Werkbezoek aan {key}")
    assert (e.gm_code, e.country) == (row["gm_code"] or None, row["country"]), e.reason


# a venue with "in <town>" in another gemeente right after it is its site there; an organisation gives the town
@pytest.mark.parametrize(
    "title,gm,precision",
    [
        ("Werkbezoek aan Zuyd Hogeschool in Sittard", "GM1883", "venue"),
        ("Werkbezoek aan Van Hall Larenstein in Velp", "GM0275", "venue"),
        ("Werkbezoek aan het Gasunie-terrein in Zuidbroek", "GM1952", "woonplaats"),
        ("Werkbezoek aan Van Hall Larenstein", "GM0080", "venue"),  # no town: the main site
        ("Werkbezoek aan Zuyd Hogeschool en daarna aan een school in Sittard", "GM0917", "venue"),  # not right after
        ("Werkbezoek aan de Eemshaven (Groningen)", "GM1966", "venue"),  # parentheses: the province
    ],
)
def test_venue_in_another_town_is_its_site(res, title, gm, precision):
    e = enrich_title(res, title)
    assert (e.gm_code, e.precision.value) == (gm, precision), e.reason


# wijken.csv: a wijk names its city, the adjective form "de Haagse wijk X" too (also for a wijk no file holds);
# a wijk name that is also a place elsewhere is only taken as "wijk X", so the other place keeps its name
@pytest.mark.parametrize(
    "title,location,gm,country",
    [
        ("Werkbezoek aan de Haagse wijk Transvaal", None, "GM0518", "NL"),
        ("Kennismaking met de nieuwe directeur-generaal", "Bezuidenhout", "GM0518", "NL"),
        ("Werkbezoek aan de Rotterdamse wijk Tarwewijk", None, "GM0599", "NL"),
        ("Bezoek aan een Rotterdamse wijk met bewoners", None, "GM0599", "NL"),
        ("Gesprek met jongeren in Osdorp", None, "GM0363", "NL"),
        ("Werkbezoek aan het Amsterdamse stadsdeel Zuidoost", None, "GM0363", "NL"),
        ("Bezoek aan de Utrechtse wijk Lombok", None, "GM0344", "NL"),
        ("Werkbezoek Malburgen en Presikhaaf", None, "GM0202", "NL"),
        ("Wijkschouw in Vinkhuizen", None, "GM0014", "NL"),
        ("Werkbezoek aan de Haagse wijk Moerwijk", None, "GM0518", "NL"),  # a wijk the gazetteer already held
        ("Werkbezoek aan Lombok, Indonesië", None, None, "ID"),  # the island, not the Utrecht wijk
        ("Werkbezoek aan Carnisse", None, "GM0489", "NL"),  # the Barendrecht place keeps its name
        ("Werkbezoek aan de wijk Carnisse", None, "GM0599", "NL"),
        ("Werkbezoek Haagse Beemden", None, "GM0758", "NL"),  # a Breda wijk, not Den Haag
    ],
)
def test_wijken_name_their_city(res, title, location, gm, country):
    e = enrich_title(res, title, location=location)
    assert (e.gm_code, e.country) == (gm, country), e.reason


# the optional `type` column: a visit to a place of that row is that type when only a generic visit word
# ("Bezoek", "Werkbezoek": context_words.csv, role implied_visit) gave the type; any other type word goes first
@pytest.mark.parametrize(
    "title,location,expected",
    [
        ("Bezoek aan de Zwarte Cross", None, "evenement"),
        ("Bezoek aan Pinkpop", "Landgraaf", "evenement"),  # the place is the location field's; the type the event's
        ("Werkbezoek aan de TT in Assen", None, "evenement"),
        ("Werkbezoek aan het TT-circuit", None, "werkbezoek"),  # the circuit is a site, not the event ("TT" inside)
        ("Toespraak bij de Zwarte Cross", None, "toespraak"),  # a type word that is not a visit decides
        ("Gesprek met de organisatie van Pinkpop", None, "gesprek"),
        ("Bezoek aan de Airborne Kerkhof", None, "werkbezoek"),  # a row without a type
        ("Bezoek aan het festival in Landgraaf", None, "evenement"),  # an activity rule, as before
    ],
)
def test_knowledge_type_column_types_a_visit(res, title, location, expected):
    e = enrich_title(res, title, location=location)
    assert e.activity_type.value == expected, e.reason


def test_type_column_values_are_types():
    from agendakaart.models import ActivityType

    kinds = {t.value for t in ActivityType}
    for name in knowledge_files():
        for row in _rows(name):
            assert (row.get("type") or "") in kinds | {""}, (name, row["name"])


def test_wijken_points_lie_in_their_gemeente():
    """Every wijk's approximate point is inside its gemeente's CBS boundary (data/geo)."""
    from agendakaart.enrich.boundaries import load_boundaries

    b = load_boundaries()
    rows = _rows("knowledge/wijken.csv")
    outside = [r["name"] for r in rows if b.gemeente_at(float(r["lat"]), float(r["lon"])) != r["gm_code"]]
    assert rows and not outside, outside
