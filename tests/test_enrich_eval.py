"""The enricher against the project's evaluation set (tests/eval/agenda_lines.jsonl): the issue's targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agendakaart.enrich.engine import enrich_fields, load_resources
from agendakaart.settings import Settings

EVAL = Path(__file__).parent / "eval" / "agenda_lines.jsonl"


@pytest.fixture(scope="module")
def results():
    if not EVAL.exists():
        pytest.skip("evaluation set not present")
    res = load_resources(Settings())
    lines = [json.loads(ln) for ln in EVAL.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [
        (
            row["expected"],
            enrich_fields(
                title=row["title"],
                description=row["description"],
                location_text=row["location_text"],
                type_label=row["type_label"],
                gazetteer=res.gazetteer,
                rules=res.rules,
                settings=Settings(),
            ),
        )
        for row in lines
    ]


def test_gemeente_accuracy_at_least_97_percent(results):
    placed = [(exp, e) for exp, e in results if exp["gm_code"]]
    assert len(placed) >= 100
    correct = sum(e.gm_code == exp["gm_code"] for exp, e in placed)
    assert correct / len(placed) >= 0.97


def test_no_evidence_never_den_haag(results):
    unplaced = [e for exp, e in results if exp["precision"] == "none"]
    assert unplaced and not any(e.gm_code == "GM0518" or e.is_den_haag for e in unplaced)


def test_npvr_and_type_accuracy(results):
    npvr = sum(e.npvr_region == exp["npvr_region"] for exp, e in results) / len(results)
    kind = sum(e.activity_type.value == exp["activity_type"] for exp, e in results) / len(results)
    assert npvr >= 0.95 and kind >= 0.92


def test_invariants(results):
    for _exp, e in results:
        assert e.is_den_haag == (e.gm_code == "GM0518")
        assert e.is_abroad == (e.country not in (None, "NL"))
        assert (e.precision.value == "none") == (e.place is None)
        assert 0 <= e.confidence <= 1 and e.reason
