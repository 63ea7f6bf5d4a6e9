"""Do two versions of the enricher give the same results? Dump every Enrichment field for a fixed input set,
then compare the dump of another version field by field (for speed work that must not change any result).

Run: .venv/bin/python bench/enrich_same.py --save /tmp/before.jsonl      (on the old code)
     .venv/bin/python bench/enrich_same.py --compare /tmp/before.jsonl   (on the new code)
Inputs: the eval lines as they are, with a serial in the title (as bench/enrich.py's unique mode), 6,000
seeded recombinations of their fields, 2,000 shuffled word salads and a few bad inputs; each enriched with
and without a memo; plus split_text_line on every line.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
from pathlib import Path

from agendakaart.enrich.engine import enrich_fields, load_resources, split_text_line
from agendakaart.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("title", "description", "location_text", "type_label")


def inputs(lines: list[dict]) -> list[dict]:
    """Eval lines -> the fixed input rows (seeded: the same list on every run)."""
    rng = random.Random(7)
    rows = [{k: r.get(k) for k in FIELDS} for r in lines]
    rows += [dict(r, title=f"{r['title'] or ''} #{i}") for i, r in enumerate(rows * 4)]
    for i in range(6000):
        a, b, c, d = (rng.choice(lines) for _ in range(4))
        rows.append(
            {
                "title": a.get("title"),
                "description": b.get("description") or (c.get("title") if i % 3 == 0 else None),
                "location_text": c.get("location_text") if i % 2 else None,
                "type_label": d.get("type_label") if i % 4 == 0 else None,
            }
        )
    for _ in range(2000):
        words = " ".join(rng.choice(lines)["title"] or "" for _ in range(3)).split()
        rng.shuffle(words)
        rows.append({"title": " ".join(words[: rng.randint(1, 25)])})
    rows += [
        {"title": ""},
        {"title": None},
        {"title": "<b>Bezoek</b> aan&nbsp;Leiden \U0001f389"},
        {"title": "Werkbezoek " * 5000 + "Leiden"},
        {"title": "İstanbul bezoek", "description": "Ĳsselstein ǅ"},
        {"title": 123},
        {"title": "Москва визит Kyïv"},
    ]
    return rows


def dump(lines: list[dict]) -> list[str]:
    """Every output field of every input, as JSON lines."""
    settings = Settings()
    res = load_resources(settings)
    out = []
    for memo in (None, {}):
        for i, row in enumerate(inputs(lines)):
            e = enrich_fields(
                **{k: row.get(k) for k in FIELDS},
                gazetteer=res.gazetteer,
                rules=res.rules,
                settings=settings,
                activity_id=f"x{i}",
                memo=memo,
            )
            fields = dataclasses.asdict(e)
            fields.pop("version")  # a hash of the enrich code and data: changes with every edit, results need not
            out.append(json.dumps(fields, default=str, ensure_ascii=False))
    for r in lines:
        text = " ".join(
            filter(
                None,
                [
                    r.get("type_label") and r["type_label"] + ":",
                    r.get("title"),
                    r.get("location_text") and f"({r['location_text']})",
                ],
            )
        )
        out.append(json.dumps([split_text_line(text, res.rules), split_text_line(text)], ensure_ascii=False))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval", type=Path, default=ROOT / "tests" / "eval" / "agenda_lines.jsonl")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path)
    group.add_argument("--compare", type=Path)
    args = parser.parse_args()
    lines = [json.loads(ln) for ln in args.eval.read_text(encoding="utf-8").splitlines() if ln.strip()]
    got = dump(lines)
    if args.save:
        args.save.write_text("\n".join(got) + "\n", encoding="utf-8")
        print(f"saved {len(got)} results to {args.save}")
        return 0
    want = args.compare.read_text(encoding="utf-8").splitlines()
    diffs = [(i, w, g) for i, (w, g) in enumerate(zip(want, got)) if w != g]
    for i, w, g in diffs[:20]:
        print(f"result {i} differs:\n  before {w}\n  now    {g}")
    same = not diffs and len(want) == len(got)
    print(
        f"{len(got)} results, {len(diffs)} differ"
        + ("" if len(want) == len(got) else f"; {len(want)} saved, {len(got)} now")
    )
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
