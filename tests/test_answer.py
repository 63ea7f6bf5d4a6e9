"""The NPVR answer: headline numbers equal those computed from the JSONL export; breakdowns add up; Dutch
formatting; Randstad definition; the boundary check lists a point outside its gemeente."""

from __future__ import annotations

import html
import json
from collections import Counter

import pytest

from agendakaart.enrich.boundaries import load_boundaries, npvr_inwoners
from agendakaart.outputs.answer import (
    dec,
    headline,
    month_label,
    npvr_answer,
    pct,
    quarter_label,
    randstad_provinces,
    randstad_table,
    region_table,
    split_table,
)
from agendakaart.outputs.geocheck import boundary_mismatches
from agendakaart.outputs.report import render_report
from agendakaart.pipeline.outputs import export
from agendakaart.store import open_db
from agendakaart.store.queries import load_rows
from synthetic import populate


@pytest.fixture
def db(db_path):
    conn = open_db(db_path)
    populate(conn, n=500, seed=5)
    yield conn
    conn.close()


def _from_jsonl(path) -> dict:
    """The headline computed independently from the export file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    elders = [r for r in rows if r["lat"] is not None and not r["is_den_haag"] and not r["is_abroad"]]
    return {
        "x": sum(1 for r in elders if r["npvr_region"]),
        "y": len(elders),
        "dh": sum(1 for r in rows if r["is_den_haag"]),
        "abroad": sum(1 for r in rows if r["is_abroad"] and not r["is_den_haag"]),
        "total": len(rows),
        "regions": Counter(r["npvr_region"] for r in elders if r["npvr_region"]),
    }


def test_headline_equals_jsonl_export(db, tmp_path):
    export(db, tmp_path / "a.jsonl", fmt="jsonl")
    want = _from_jsonl(tmp_path / "a.jsonl")
    a = npvr_answer(load_rows(db))
    assert (a.x, a.y, a.split["den_haag"], a.split["buitenland"], a.split["totaal"]) == (
        want["x"],
        want["y"],
        want["dh"],
        want["abroad"],
        want["total"],
    )
    assert a.split["onbekend"] + a.split["niet_verrijkt"] == want["total"] - want["y"] - want["dh"] - want["abroad"] > 0
    assert {r.name: r.n for r in a.regions if r.n} == dict(want["regions"])
    b = load_boundaries()
    assert a.npvr_inwoners == sum(npvr_inwoners(b).values()) and a.nl_inwoners == 17_942_942
    share = f"{100 * want['x'] / want['y']:.1f}".replace(".", ",")
    text = headline(a)
    assert text.startswith(f"{want['x']} van de {want['y']} activiteiten elders in Nederland ({share}%)")
    assert "17,5% van de inwoners" in text
    report = render_report(load_rows(db))
    assert html.escape(text) in report and report.index("Het antwoord") < report.index("<h2>Totalen")
    assert "Niet in de noemer: Den Haag" in report


def test_breakdowns_have_totals_and_add_up(db):
    a = npvr_answer(load_rows(db))
    for table in (a.by_person, a.by_ministry, a.by_month, a.by_quarter):
        head, rows = split_table(table, "x", a.split)
        assert rows[-1][0] == "Totaal" and rows[-1][1:3] == (a.y, a.x)
    assert sum(c["elders"] for c in a.by_month.values()) == a.y
    assert sum(c["npvr"] for c in a.by_quarter.values()) == a.x
    head, rows = region_table(a)
    assert rows[-1][1] == a.x == sum(r[1] for r in rows[:-1])
    twente = next(r for r in rows if r[0] == "Twente")
    assert twente[3] == dec(twente[1] * 1e5 / twente[2])
    assert all(r.days <= r.n for r in a.regions) and a.period_days > 300
    head, rows = randstad_table(a)
    assert rows[0][1] + rows[1][1] + (rows[2][1] if len(rows) == 4 else 0) == a.y


def test_dutch_formatting_and_labels():
    assert dec(12345.678) == "12.345,7" and pct(1, 3) == "33,3%" and pct(1, 0) == "–"
    assert month_label("2025-03") == "mrt\u00a02025" and quarter_label("2025-11") == "K4\u00a02025"
    assert randstad_provinces() == {"PV24", "PV26", "PV27", "PV28"}


def test_report_tables_have_tfoot_and_nowrap(db):
    report = render_report(load_rows(db))
    assert report.count("<tfoot>") >= 6 and "white-space:nowrap" in report
    assert "mrt\u00a02025" in report or "mrt&nbsp;2025" in report


def test_point_outside_its_gemeente_is_listed(db):
    rows = load_rows(db)
    assert boundary_mismatches(rows) == []  # the synthetic places lie in their gemeenten
    wrong = next(r for r in rows if r["gm_code"] == "GM0518" and r["precision"] == "woonplaats")
    bad = [{**r, "gm_code": "GM0363", "gemeente": "Amsterdam"} if r["id"] == wrong["id"] else r for r in rows]
    found = boundary_mismatches(bad)
    assert [(m["id"], m["found"]) for m in found] == [(wrong["id"], "GM0518")]
    report = render_report(bad)
    assert "Plaatsen buiten hun gemeente" in report and "Amsterdam (GM0363)" in report
    sea = [{**r, "lat": 52.5, "lon": 3.5} if r["id"] == wrong["id"] else r for r in rows]
    assert boundary_mismatches(sea)[0]["found"] is None
