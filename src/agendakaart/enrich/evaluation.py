"""Scoring the enricher on the evaluation sets in tests/eval/ (used by bench/enrich.py and the tests).

line_misses(expected, enrichment) -> the figures a line gets wrong, e.g. ["gemeente", "precision"];
set_misses(lines, res) -> {line id: those figures}, for the committed list of known misses.
"""

from __future__ import annotations

import json
from pathlib import Path

from agendakaart.enrich.engine import enrich_fields
from agendakaart.settings import Settings

DEN_HAAG = "GM0518"
# the figures issue 12 names, in the order they are printed
FIGURES = ("gemeente", "den_haag", "false_den_haag", "abroad", "type", "npvr", "precision")


def load_lines(path: Path) -> list[dict]:
    """A JSONL eval set -> its rows."""
    return [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def line_checks(exp: dict, e) -> dict[str, bool]:
    """Expected answer + Enrichment -> {figure: right?} for the figures that apply to the line.
    gemeente: lines with a gemeente; den_haag: lines in Den Haag; false_den_haag: the other lines (True = not
    put in Den Haag); abroad: lines in another country (the country code)."""
    checks = {
        "type": e.activity_type.value == exp["activity_type"],
        "npvr": e.npvr_region == exp["npvr_region"],
        "precision": e.precision.value == exp["precision"],
    }
    if exp["gm_code"]:
        checks["gemeente"] = e.gm_code == exp["gm_code"]
    if exp["is_den_haag"]:
        checks["den_haag"] = e.gm_code == DEN_HAAG
    else:
        checks["false_den_haag"] = e.gm_code != DEN_HAAG
    if exp["country"] not in (None, "NL"):
        checks["abroad"] = e.country == exp["country"]
    return checks


def enrich_row(row: dict, res, settings: Settings | None = None):
    """An eval row -> its Enrichment, in field form (the whole-line rows carry the line in `title`)."""
    return enrich_fields(
        title=row.get("title"),
        description=row.get("description"),
        location_text=row.get("location_text"),
        type_label=row.get("type_label"),
        gazetteer=res.gazetteer,
        rules=res.rules,
        settings=settings or Settings(),
    )


def set_figures(lines: list[dict], res, settings: Settings | None = None) -> dict[str, list[int]]:
    """Eval lines -> {figure: [right, counted]}; for false_den_haag [wrong, counted]."""
    out = {key: [0, 0] for key in FIGURES}
    for row in lines:
        for key, ok in line_checks(row["expected"], enrich_row(row, res, settings)).items():
            out[key][0] += (not ok) if key == "false_den_haag" else ok
            out[key][1] += 1
    return out


def set_misses(lines: list[dict], res, settings: Settings | None = None) -> dict[str, list[str]]:
    """Eval lines -> {line id: sorted figures it gets wrong} for the lines with any miss."""
    out = {}
    for row in lines:
        bad = sorted(k for k, ok in line_checks(row["expected"], enrich_row(row, res, settings)).items() if not ok)
        if bad:
            out[row["id"]] = bad
    return out
