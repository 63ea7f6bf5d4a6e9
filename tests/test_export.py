"""Exports: the JSONL contract, CSV with BOM and ';', valid GeoJSON, filters shared with the map's hash."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from click.testing import CliRunner

from agendakaart.cli import main
from agendakaart.outputs.export import csv_cell, geojson_left_out
from agendakaart.outputs.filters import Filters, filters_from_hash
from agendakaart.pipeline.outputs import export
from agendakaart.store import open_db
from agendakaart.store.queries import EXPORT_FIELDS, load_rows
from synthetic import HOSTILE_TITLE, populate


@pytest.fixture
def db(db_path):
    conn = open_db(db_path)
    populate(conn, n=240, seed=3)
    yield conn
    conn.close()


def _sql_count(conn, where: str = "1=1", params=()) -> int:
    sql = "SELECT COUNT(*) FROM activities a LEFT JOIN current_enrichments e ON e.activity_id = a.id WHERE " + where
    return conn.execute(sql, params).fetchone()[0]


def test_jsonl_contract(db, tmp_path):
    out = tmp_path / "x.jsonl"
    assert export(db, out, fmt="jsonl") == _sql_count(db)
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == _sql_count(db)
    assert all(list(obj) == list(EXPORT_FIELDS) for obj in lines)
    assert all(isinstance(o["persons"], list) and o["persons"] for o in lines)
    assert all(o["start_time"] is None or len(o["start_time"]) == 5 for o in lines)
    assert all(date.fromisoformat(o["date"]) for o in lines)
    ids = [o["id"] for o in lines]
    assert len(set(ids)) == len(ids)
    hostile = next(o for o in lines if o["id"] == "act000001")
    assert hostile["title"] == HOSTILE_TITLE  # stored and exported verbatim, as text
    # the newest enrichment wins (synthetic activity 0 has an older row placed in Washington)
    first = next(o for o in lines if o["id"] == "act000000")
    newest = db.execute("SELECT place FROM enrichments WHERE activity_id='act000000' AND version='test'").fetchone()[0]
    assert first["place"] == newest
    unenriched = {
        r[0] for r in db.execute("SELECT id FROM activities WHERE id NOT IN (SELECT activity_id FROM enrichments)")
    }
    assert unenriched, "synthetic data should hold activities without enrichment"
    for o in lines:
        if o["id"] in unenriched:
            assert (o["precision"], o["activity_type"], o["lat"]) == ("none", "overig", None)


def test_person_names_and_ministry_fallback(db):
    rows = load_rows(db)
    names = {r["slug"]: (r["name"], r["ministry"]) for r in db.execute("SELECT slug, name, ministry FROM persons")}
    for row in rows:
        assert row["person_names"] == [names[s][0] for s in row["persons"]]
        own = db.execute("SELECT ministry FROM activities WHERE id=?", (row["id"],)).fetchone()[0]
        assert row["ministry"] == (own or names[row["persons"][0]][1])


def test_csv_semicolon_bom_decimal_comma(db, tmp_path):
    out = tmp_path / "x.csv"
    n = export(db, out, fmt="csv", sep=";")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == n == _sql_count(db)
    assert list(rows[0]) == list(EXPORT_FIELDS)
    located = [r for r in rows if r["lat"]]
    assert len(located) == _sql_count(db, "e.lat IS NOT NULL")
    assert all("," in r["lat"] and "." not in r["lat"] for r in located)
    assert {r["is_den_haag"] for r in rows} <= {"0", "1"}
    assert sum(r["is_den_haag"] == "1" for r in rows) == _sql_count(db, "e.is_den_haag = 1")
    multi = [r for r in rows if "|" in r["persons"]]
    assert multi and all(len(r["persons"].split("|")) == len(r["person_names"].split("|")) for r in multi)
    hostile = next(r for r in rows if r["id"] == "act000001")
    assert hostile["title"] == HOSTILE_TITLE


def test_csv_comma_keeps_decimal_point_and_quotes(db, tmp_path):
    out = tmp_path / "x.csv"
    export(db, out, fmt="csv")
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    located = [r for r in rows if r["lat"]]
    assert located and all(float(r["lat"]) for r in located)
    hostile = next(r for r in rows if r["id"] == "act000001")
    assert hostile["title"] == HOSTILE_TITLE  # contains '"' and survives quoting


@pytest.mark.parametrize(
    "value,sep,expected",
    [
        (None, ",", ""),
        (True, ",", "1"),
        (False, ";", "0"),
        (52.5, ";", "52,5"),
        (52.5, ",", "52.5"),
        ("=HYPERLINK(1)", ",", "'=HYPERLINK(1)"),
        ("@SUM", ";", "'@SUM"),
        ("Werkbezoek", ",", "Werkbezoek"),
    ],
)
def test_csv_cell(value, sep, expected):
    field = "lat" if isinstance(value, float) else "title"
    assert csv_cell(field, value, sep) == expected


def test_geojson_valid_and_counts_left_out(db, tmp_path):
    out = tmp_path / "x.geojson"
    n = export(db, out, fmt="geojson")
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert n == len(doc["features"]) == _sql_count(db, "e.lat IS NOT NULL AND e.lon IS NOT NULL")
    assert doc["agendakaart"]["left_out"] == _sql_count(db) - n == geojson_left_out(out)
    for f in doc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        assert (lat, lon) == (f["properties"]["lat"], f["properties"]["lon"])
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert list(f["properties"]) == list(EXPORT_FIELDS)


def test_filters_match_sql(db, tmp_path):
    slug = db.execute("SELECT slug FROM persons ORDER BY slug LIMIT 1").fetchone()[0]
    flt = Filters(persons=(slug,), exclude_den_haag=True, date_from=date(2025, 3, 1), located_only=True)
    got = export(db, tmp_path / "f.jsonl", fmt="jsonl", flt=flt)
    want = _sql_count(
        db,
        "EXISTS (SELECT 1 FROM json_each(a.persons) WHERE value = ?) AND e.is_den_haag = 0 "
        "AND a.date >= '2025-03-01' AND e.lat IS NOT NULL",
        (slug,),
    )
    assert got == want > 0
    assert export(db, tmp_path / "n.jsonl", fmt="jsonl", flt=Filters(only_npvr=True)) == _sql_count(
        db, "e.npvr_region IS NOT NULL"
    )
    assert export(db, tmp_path / "a.jsonl", fmt="jsonl", flt=Filters(abroad="only")) == _sql_count(
        db, "e.is_abroad = 1"
    )
    assert export(
        db, tmp_path / "b.jsonl", fmt="jsonl", flt=Filters(abroad="exclude", types=("gesprek",))
    ) == _sql_count(db, "COALESCE(e.is_abroad, 0) = 0 AND e.activity_type = 'gesprek'")


def test_hash_round_trip():
    flt = Filters(
        persons=("dick-schoof", "rob-jetten"),
        ministries=("Onderwijs, Cultuur en Wetenschap",),
        types=("werkbezoek",),
        date_from=date(2025, 1, 1),
        date_to=date(2025, 12, 31),
        exclude_den_haag=True,
        only_npvr=True,
        abroad="only",
    )
    assert filters_from_hash(flt.to_hash()) == flt
    assert filters_from_hash("file:///x/kaart.html" + flt.to_hash()) == flt
    assert filters_from_hash("#van=nonsense&bl=???&zzz=1") == Filters()
    assert Filters().to_hash() == "#"


def test_cli_export_with_hash(db, db_path, tmp_path):
    slug = db.execute("SELECT slug FROM persons ORDER BY slug LIMIT 1").fetchone()[0]
    out = tmp_path / "cli.csv"
    result = CliRunner().invoke(
        main,
        [
            "export",
            "--db",
            str(db_path),
            "--format",
            "csv",
            "--sep",
            ";",
            "--out",
            str(out),
            "--hash",
            f"#p={slug}&dh=0",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    want = _sql_count(
        db, "EXISTS (SELECT 1 FROM json_each(a.persons) WHERE value = ?) AND COALESCE(e.is_den_haag, 0) = 0", (slug,)
    )
    assert len(rows) == want > 0
    assert all(slug in r["persons"].split("|") and r["is_den_haag"] != "1" for r in rows)


def test_cli_export_errors(tmp_path):
    result = CliRunner().invoke(
        main, ["export", "--db", str(tmp_path / "none.db"), "--format", "jsonl", "--out", str(tmp_path / "x.jsonl")]
    )
    assert result.exit_code != 0 and "bestaat niet" in result.output


def test_cli_geojson_reports_left_out(db, db_path, tmp_path):
    out = tmp_path / "cli.geojson"
    result = CliRunner().invoke(main, ["export", "--db", str(db_path), "--format", "geojson", "--out", str(out)])
    assert result.exit_code == 0, result.output
    left_out = _sql_count(db, "e.lat IS NULL")
    assert f"({left_out} zonder locatie weggelaten)" in result.output
