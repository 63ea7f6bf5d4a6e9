"""The combined pass (enrich/scan.py) finds exactly what the separate finders find, and the per-word memos
(Located, candidate choice, result) give what a fresh computation gives."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest

from agendakaart.enrich.activity import _matches, classify_activity
from agendakaart.enrich.engine import enrich_fields
from agendakaart.enrich.mentions import find_mentions, person_spans
from agendakaart.enrich.scan import scan_text, scanner_for
from agendakaart.enrich.text import clean_text
from agendakaart.settings import Settings

EVAL = Path(__file__).parent / "eval" / "agenda_lines.jsonl"
TEXTS = [
    "Werkbezoek aan Leiden",
    "Minister Keijzer brengt een werkbezoek aan de haven (Terneuzen)",
    "Staatssecretaris Van Marum opent hersteloket in Appingedam",
    "keukentafelgesprek in Zuid-Limburg",
    "Gesprek met burgemeester Van Zanen over Den Haag",
    "Bezoek aan 's-Hertogenbosch, Den Bosch en Ede",
    "İstanbul bezoek",
    "Ĳsselstein ǅ",
    "",
    "   ",
    "Kyïv – Brussel – Straatsburg",
    "x" * 300 + " Leiden",
]


def _texts() -> list[str]:
    lines = [json.loads(ln) for ln in EVAL.read_text(encoding="utf-8").splitlines() if ln.strip()]
    texts = TEXTS + [" ".join(filter(None, (r["title"], r.get("description")))) for r in lines]
    rng = random.Random(3)
    words = " ".join(texts).split()
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 20))) for _ in range(300)]
    return texts


@pytest.fixture(scope="module")
def scanner(res):
    return scanner_for(res.gazetteer, res.rules)


def test_scanner_is_built_once_per_gazetteer_and_rules(res, scanner):
    assert scanner_for(res.gazetteer, res.rules) is scanner
    assert scanner.gazetteer is res.gazetteer and scanner.rules is res.rules


def test_scan_gives_the_same_mentions_persons_and_type_phrases_as_separate_passes(res, scanner):
    checked = 0
    for raw in _texts():
        text = clean_text(raw)
        scan = scan_text(text, scanner)
        if scan is None:
            continue
        for field in ("title", "description", "location"):
            assert find_mentions(text, res.gazetteer, field, scan) == find_mentions(text, res.gazetteer, field)
        assert person_spans(text, res.gazetteer, scan.folded, scan.persons) == person_spans(text, res.gazetteer)
        assert _matches(text, res.rules, scan) == [m for m in _matches(text, res.rules) if m[2].tier >= 1]
        assert classify_activity(text, None, res.rules, scan) == classify_activity(text, None, res.rules)
        checked += 1
    assert checked > 800


def test_a_part_of_a_scan_equals_the_scan_of_that_part(res, scanner):
    title, desc = "Werkbezoek aan Beek", "Bezoek aan een bedrijf in Beek, Zuid-Limburg (Staatssecretaris Van Marum)"
    whole = scan_text(f"{title} {desc}", scanner)
    for start, end in ((0, len(title)), (len(title) + 1, len(title) + 1 + len(desc))):
        part, alone = whole.part(start, end), scan_text(f"{title} {desc}"[start:end], scanner)
        assert part.folded == alone.folded
        assert sorted(part.places) == sorted(alone.places) and part.places
        assert sorted(part.persons) == sorted(alone.persons)


def test_folding_keeps_the_length_so_offsets_map_back(scanner):
    for text in ("\u0130stanbul bezoek", "Súdwest-Fryslân’s", "Kyïv – Brussel"):  # "İ".lower() is 2 chars
        scan = scan_text(text, scanner)
        assert scan is not None and len(scan.folded) == len(text)
    scan = scan_text("Kyïv – Brussel", scanner)
    assert {("Kyïv – Brussel"[s:e], key) for s, e, key, _ in scan.places} >= {("Kyïv", "kyiv"), ("Brussel", "brussel")}


def test_enrichment_is_the_same_with_the_memos_cold_or_warm(res):
    settings = Settings()
    lines = [json.loads(ln) for ln in EVAL.read_text(encoding="utf-8").splitlines() if ln.strip()][:120]

    def run():
        return [
            dataclasses.asdict(
                enrich_fields(
                    title=r["title"],
                    description=r.get("description"),
                    location_text=r.get("location_text"),
                    type_label=r.get("type_label"),
                    gazetteer=res.gazetteer,
                    rules=res.rules,
                    settings=settings,
                    activity_id=r["id"],
                )
            )
            for r in lines
        ]

    warm = run()
    memo = res.gazetteer.memo
    assert memo.located and memo.choices and memo.results  # the run filled them
    memo.clear()
    assert run() == warm


def test_the_memo_belongs_to_the_gazetteer_and_is_not_cached_on_disk(res):
    import pickle

    from agendakaart.enrich.memo import LIMITS

    gaz = res.gazetteer
    enrich_fields(title="Werkbezoek aan Terneuzen", gazetteer=gaz, rules=res.rules, settings=Settings())
    assert set(gaz.memo.sizes()) == set(LIMITS) and gaz.memo.located
    copy = pickle.loads(pickle.dumps(gaz))
    assert copy.memo is not gaz.memo and not any(copy.memo.sizes().values())
