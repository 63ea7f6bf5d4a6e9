"""Every evaluation set in tests/eval/ against the committed list of its known misses (tests/eval/known_misses.json),
compared exactly: a line that starts to fail fails this test, and so does a line that starts to pass until the
list is rewritten (`bench/enrich.py --sets --write-misses`), so every change of a result is seen in a diff.
The sets written for issue 12 (holdout5 and holdout6, tuned on after their first score, and sealed, never tuned
on) are checked for form here."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from test_eval_set import Refs, gemeente_codes, npvr, refs, row_problems  # noqa: F401  (fixtures)

from agendakaart.enrich.evaluation import FIGURES, load_lines, set_misses

EVAL_DIR = Path(__file__).parent / "eval"
SETS = sorted(p.name for p in EVAL_DIR.glob("*_lines.jsonl"))
KNOWN = json.loads((EVAL_DIR / "known_misses.json").read_text(encoding="utf-8"))
BEFORE = json.loads((EVAL_DIR / "before_scores.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", SETS)
def test_misses_are_exactly_the_known_ones(res, name):
    got = set_misses(load_lines(EVAL_DIR / name), res)
    want = KNOWN[name]
    new = {k: v for k, v in got.items() if want.get(k) != v}
    gone = {k: v for k, v in want.items() if got.get(k) != v}
    assert (new, gone) == ({}, {}), "new or changed misses (left), known misses that changed (right)"


@pytest.mark.parametrize("name", SETS)
def test_every_set_has_a_before_score(name):
    assert set(BEFORE[name]) == set(FIGURES)


@pytest.mark.parametrize(
    "name,least", [("sealed_lines.jsonl", 300), ("holdout5_lines.jsonl", 190), ("holdout6_lines.jsonl", 300)]
)
def test_issue12_sets_are_well_formed(name, least, refs: Refs):
    rows = load_lines(EVAL_DIR / name)
    assert len(rows) >= least
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["id"] for r in rows if row_problems(r, refs)} == set()
    cases = Counter(r["case"] for r in rows)
    for case in (
        "university",
        "hospital",
        "football",
        "military",
        "prison",
        "asylum",
        "port",
        "government",
        "company",
        "event",
        "kamer",
        "foreign",
        "periphery",
        "location-field",
        "no-evidence",
    ):
        assert cases[case] >= 1, case
    # many lines in the NPVR regions
    assert sum(r["expected"]["npvr_region"] is not None for r in rows) >= 0.2 * len(rows)
