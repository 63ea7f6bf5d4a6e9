"""The enricher's speed internals change no result: the run memo, the direct Enrichment build, hit selection."""

from __future__ import annotations

import dataclasses

import pytest

from agendakaart.enrich.engine import RunMemo, _build, _with_id, enrich_fields
from agendakaart.enrich.mentions import _longest_first, _raw_hits
from agendakaart.enrich.text import fold
from agendakaart.models import ActivityType, Enrichment, Precision
from agendakaart.settings import Settings


def test_run_memo_stores_from_the_second_sighting_and_clears_when_full():
    memo = RunMemo(limit=2)
    memo["a"] = 1
    assert "a" not in memo and memo.get("a") is None
    memo["a"] = 1
    assert memo["a"] == 1 and len(memo) == 1
    for key in ("b", "b", "c", "c"):
        memo[key] = key
    assert set(memo) == {"c"}  # full at 2 entries: cleared before "c" went in
    memo.clear()
    memo["c"] = 3
    assert "c" not in memo  # clear() forgets the sightings too


def test_direct_build_equals_the_dataclass_constructor():
    values = {
        "activity_id": "a1",
        "version": "1-abc",
        "activity_type": ActivityType.WERKBEZOEK,
        "precision": Precision.WOONPLAATS,
        "confidence": 0.8,
        "reason": "r",
        "place": "Leiden",
        "gm_code": "GM0546",
        "lat": 52.16,
        "lon": 4.49,
        "is_den_haag": False,
    }
    built = _build(values)
    assert built == Enrichment(**values) and dataclasses.asdict(built) == dataclasses.asdict(Enrichment(**values))
    assert built.override is False and built.npvr_region is None and type(built) is Enrichment
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.place = "Delft"
    moved = _with_id(built, "a2")
    assert moved == dataclasses.replace(built, activity_id="a2") and built.activity_id == "a1"


def test_memo_gives_the_same_result_under_each_activity_id(res):
    settings = Settings()
    kw = {
        "title": "Werkbezoek aan Enschede",
        "location_text": "Stadhuis",
        "gazetteer": res.gazetteer,
        "rules": res.rules,
        "settings": settings,
    }
    memo = RunMemo()
    got = [enrich_fields(**kw, activity_id=f"a{i}", memo=memo) for i in range(4)]
    plain = enrich_fields(**kw, activity_id="a3")
    assert [e.activity_id for e in got] == ["a0", "a1", "a2", "a3"]
    assert got[3] == plain and plain.gm_code == "GM0153" and plain.npvr_region == "Twente"
    assert len(memo) >= 1  # seen twice: remembered


def test_overlapping_hits_keep_the_longest(res):
    folded = fold("Werkbezoek Zuid-Limburg en Limburg")
    hits = _raw_hits(folded, res.gazetteer)
    assert [h[2] for h in hits] == ["zuid limburg", "limburg"]
    assert [h[:2] for h in hits] == [(11, 23), (27, 34)]
    assert _longest_first([(0, 12, "zuid limburg", ()), (5, 12, "limburg", ())]) == [(0, 12, "zuid limburg", ())]
