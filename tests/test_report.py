"""Report: totals add up and match SQL, tables match SQL, escaping, markdown format, quality heuristics."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from agendakaart.cli import main
from agendakaart.outputs.report import (
    WHERE,
    has_counterpart,
    has_subject,
    render_report,
    summarize,
    where_category,
)
from agendakaart.outputs.report_render import render_md
from agendakaart.pipeline.outputs import build_report
from agendakaart.store import open_db
from agendakaart.store.queries import load_rows
from synthetic import HOSTILE_TITLE, populate

JOIN = "FROM activities a LEFT JOIN current_enrichments e ON e.activity_id = a.id"


@pytest.fixture
def db(db_path):
    conn = open_db(db_path)
    populate(conn, n=400, seed=11)
    yield conn
    conn.close()


def _one(conn, sql, params=()):
    return conn.execute(sql, params).fetchone()[0]


def test_totals_match_sql_and_add_up(db):
    data = summarize(load_rows(db))
    assert data.total == _one(db, "SELECT COUNT(*) FROM activities")
    assert data.where["den_haag"] == _one(db, f"SELECT COUNT(*) {JOIN} WHERE e.is_den_haag = 1")
    assert data.where["buitenland"] == _one(db, f"SELECT COUNT(*) {JOIN} WHERE e.is_abroad = 1 AND e.is_den_haag = 0")
    assert data.where["elders"] == _one(
        db, f"SELECT COUNT(*) {JOIN} WHERE e.lat IS NOT NULL AND e.is_abroad = 0 AND e.is_den_haag = 0"
    )
    assert data.where["onbekend"] == _one(
        db,
        f"SELECT COUNT(*) {JOIN} WHERE e.activity_id IS NOT NULL AND e.lat IS NULL "
        "AND e.is_abroad = 0 AND e.is_den_haag = 0",
    )
    assert data.where["niet_verrijkt"] == _one(db, f"SELECT COUNT(*) {JOIN} WHERE e.activity_id IS NULL") > 0
    assert sum(data.where[w] for w in WHERE) == data.total
    assert data.npvr_total == _one(db, f"SELECT COUNT(*) {JOIN} WHERE e.npvr_region IS NOT NULL")


def test_region_tables_match_sql(db):
    data = summarize(load_rows(db))
    for region, n in db.execute(
        f"SELECT e.npvr_region, COUNT(*) {JOIN} WHERE e.npvr_region IS NOT NULL GROUP BY e.npvr_region"
    ):
        assert sum(c[region] for c in data.region_month.values()) == n
    for month, region, n in db.execute(
        f"SELECT substr(a.date, 1, 7), e.npvr_region, COUNT(*) {JOIN} WHERE e.npvr_region IS NOT NULL GROUP BY 1, 2"
    ):
        assert data.region_month[month][region] == n
    for name, region, n in db.execute(
        f"SELECT p.name, e.npvr_region, COUNT(*) {JOIN}, json_each(a.persons) j JOIN persons p ON p.slug = j.value "
        "WHERE e.npvr_region IS NOT NULL GROUP BY 1, 2"
    ):
        assert data.region_person[name][region] == n


def test_per_type_and_ministry_match_sql(db):
    data = summarize(load_rows(db))
    for atype, n in db.execute(f"SELECT COALESCE(e.activity_type, 'overig'), COUNT(*) {JOIN} GROUP BY 1"):
        assert data.by_type[atype]["totaal"] == n
    ministry_sql = (
        f"SELECT COALESCE(a.ministry, (SELECT p.ministry FROM persons p WHERE p.slug = "
        f"json_extract(a.persons, '$[0]'))), COUNT(*) {JOIN} GROUP BY 1"
    )
    for ministry, n in db.execute(ministry_sql):
        assert data.by_ministry[ministry]["totaal"] == n
    assert sum(c["totaal"] for c in data.by_ministry.values()) == data.total
    assert all(sum(c[w] for w in WHERE) == c["totaal"] for c in data.by_type.values())


def test_unresolved_and_low_confidence(db):
    data = summarize(load_rows(db))
    assert len(data.unresolved) == _one(
        db,
        f"SELECT COUNT(*) {JOIN} WHERE e.precision = 'none' OR (e.lat IS NULL "
        "AND e.is_den_haag = 0 AND e.is_abroad = 0)",
    )
    assert len(data.low_confidence) == _one(
        db, f"SELECT COUNT(*) {JOIN} WHERE e.precision != 'none' AND e.confidence < 0.6"
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Gesprek met de burgemeester van Heerlen", True),
        ("Overleg met VNO-NCW", True),
        ("Ontvangt de ambassadeur van Japan", True),
        ("Ministerraad", False),
        ("Commissiedebat over de begroting", False),
        ("Bezoek aan Stichting Vluchtelingenwerk", True),
    ],
)
def test_counterpart(text, expected):
    assert has_counterpart(text) is expected


@pytest.mark.parametrize(
    "title,description,expected",
    [
        ("Ministerraad", None, False),
        ("Commissiedebat over de begroting", None, True),
        ("Bezoek", "Toelichting bij het bezoek aan de haven.", True),
        ("Werkbezoek Twente", None, False),
        ("Opening van het nieuwe gemeentehuis", None, True),
    ],
)
def test_subject(title, description, expected):
    assert has_subject(title, description) is expected


def test_where_category_is_exclusive():
    base = {"is_den_haag": False, "is_abroad": False, "lat": None, "lon": None, "confidence": 0.0}
    assert where_category(base) == "onbekend"
    assert where_category({**base, "confidence": None}) == "niet_verrijkt"
    assert where_category({**base, "lat": 52.0, "lon": 5.0}) == "elders"
    assert where_category({**base, "is_abroad": True}) == "buitenland"
    assert where_category({**base, "is_den_haag": True, "lat": 52.0, "lon": 4.3}) == "den_haag"


def test_html_report_escapes_and_has_charts(db, tmp_path):
    out = build_report(db, tmp_path / "r.html")
    text = out.read_text(encoding="utf-8")
    assert HOSTILE_TITLE not in text and "<script>window.__pwned" not in text
    assert text.count("<svg") >= 2
    assert "<script" not in text.lower().replace("&lt;script", "")
    assert 'href="javascript:' not in text
    total = _one(db, "SELECT COUNT(*) FROM activities")
    assert f"{total:,} activiteiten".replace(",", ".") in text


def test_hostile_title_in_unresolved_list_is_escaped(db):
    rows = [r for r in load_rows(db) if r["id"] == "act000001"]
    rows = [
        {
            **rows[0],
            "lat": None,
            "lon": None,
            "precision": "none",
            "is_den_haag": False,
            "is_abroad": False,
            "url": "javascript:alert(1)",
        }
    ]
    text = render_report(rows, fmt="html")
    assert "&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text
    assert "<script" not in text.lower()
    assert 'href="javascript' not in text


def test_markdown_report(db, tmp_path):
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--db",
            str(db.execute("PRAGMA database_list").fetchone()[2]),
            "--format",
            "md",
            "--out",
            str(tmp_path / "r.md"),
        ],
    )
    assert result.exit_code == 0, result.output
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert text.startswith("# ")
    data = summarize(load_rows(db))
    assert re.search(rf"^\| Den Haag \| {data.where['den_haag']} \|", text, re.M)
    assert re.search(rf"^\| Totaal \| {data.total} \|", text, re.M)
    # every table row has as many cells as its header
    for block in re.split(r"\n\n", text):
        lines = [ln for ln in block.splitlines() if ln.startswith("|")]
        if lines:
            cells = {len(re.split(r"(?<!\\)\|", ln)) for ln in lines}
            assert len(cells) == 1, block[:200]
    assert "<script>" not in text


def _export_row(**values) -> dict:
    """One exported row as load_rows gives it, unplaced; `values` replace fields."""
    row = {
        "id": "x",
        "url": "https://e.nl/a",
        "persons": ["a"],
        "person_names": ["A"],
        "ministry": "M",
        "date": "2025-01-01",
        "start_time": None,
        "end_time": None,
        "type_label": None,
        "title": "Bezoek",
        "description": None,
        "location_text": None,
        "source": "t",
        "place": None,
        "gm_code": None,
        "gemeente": None,
        "province": None,
        "country": None,
        "lat": None,
        "lon": None,
        "precision": "none",
        "is_den_haag": False,
        "is_abroad": False,
        "npvr_region": None,
        "activity_type": "overig",
        "confidence": 0.0,
        "reason": "r",
        "override": False,
    }
    row.update(values)
    return row


def test_markdown_escapes_pipes():
    rows = [_export_row(person_names=["A | B"], title="x|y <b>")]
    text = render_md(summarize(rows, []))
    assert "x\\|y &lt;b&gt;" in text and "A \\| B" in text


def test_report_before_enrich_says_so(tmp_path):
    """A database that was collected but not enriched: 'nog niet verrijkt — draai `agendakaart enrich`', not
    'locatie onbekend' for every activity."""
    rows = [_export_row(id=f"x{i}", confidence=None, reason="nog niet verrijkt") for i in range(3)]
    data = summarize(rows, [])
    assert data.where["onbekend"] == 0 and data.where["niet_verrijkt"] == 3 and data.unresolved == []
    for text in (render_md(data), render_report(rows, fmt="html", regions=[])):
        assert "nog niet verrijkt — draai `agendakaart enrich`" in text
