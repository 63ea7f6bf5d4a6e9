"""The map file without a browser: safe embedding, CSP, payload shape, NPVR outlines, clear error without npm."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from agendakaart.cli import main
from agendakaart.outputs.map import (
    MapAssetsError,
    TYPES,
    content_security_policy,
    embed_json,
    find_node_modules,
    load_assets,
    map_payload,
)
from agendakaart.outputs.regions import npvr_members
from agendakaart.pipeline.outputs import build_map
from agendakaart.store import open_db
from agendakaart.store.queries import load_persons, load_rows
from synthetic import HOSTILE_TITLE, populate


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "t.db"
    conn = open_db(path)
    populate(conn, n=200, seed=5)
    out = build_map(conn, path.with_name("kaart.html"))
    yield conn, out.read_text(encoding="utf-8")
    conn.close()


def _data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="kaart-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def test_embed_json_cannot_break_out():
    text = embed_json({"t": HOSTILE_TITLE + " & <!-- -->"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["t"] == HOSTILE_TITLE + " & <!-- -->"


def test_map_file_is_self_contained_and_safe(built):
    conn, html = built
    assert html.count("</script>") == html.count("<script")  # nothing in the data closes a script early
    assert HOSTILE_TITLE not in html
    assert not re.search(r"<script[^>]+src=", html) and not re.search(r"<link[^>]+stylesheet", html)
    assert 'http-equiv="Content-Security-Policy"' in html
    data = _data(html)
    assert HOSTILE_TITLE in data["a"]["ti"]
    assert len(data["a"]["d"]) == conn.execute("SELECT COUNT(*) FROM activities").fetchone()[0]


def test_csp_allows_exactly_our_scripts(built):
    _, html = built
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 4  # leaflet, supercluster, topojson-client, ours
    assert csp.replace("&#x27;", "'") == content_security_policy(tuple(scripts))
    assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0].replace("&#x27;", "'")
    assert "default-src 'none'" in csp.replace("&#x27;", "'") and "tile.openstreetmap.org" in csp


def test_payload_columns_and_points(built):
    conn, html = built
    data = _data(html)
    cols = data["a"]
    n = len(cols["d"])
    assert all(len(v) == n for v in cols.values())
    located = conn.execute("SELECT COUNT(*) FROM current_enrichments WHERE lat IS NOT NULL").fetchone()[0]
    assert sum(1 for p in cols["p"] if p >= 0) == located
    distinct = conn.execute(
        "SELECT COUNT(DISTINCT round(lat, 5) || ',' || round(lon, 5)) FROM current_enrichments WHERE lat IS NOT NULL"
    ).fetchone()[0]
    assert len(data["pts"]) == 2 * distinct
    dh = conn.execute("SELECT COUNT(*) FROM current_enrichments WHERE is_den_haag = 1").fetchone()[0]
    assert sum(1 for f in cols["f"] if f & 1) == dh
    assert data["types"] == list(TYPES)
    per_person = dict(conn.execute("SELECT j.value, COUNT(*) FROM activities a, json_each(a.persons) j GROUP BY 1"))
    assert {p[0]: p[3] for p in data["persons"]} == per_person


def test_payload_shares_strings():
    rows = [
        {
            "persons": ["a"],
            "ministry": None,
            "lat": 52.0,
            "lon": 5.0,
            "is_den_haag": False,
            "is_abroad": False,
            "override": False,
            "confidence": 0.5,
            "date": "2025-01-02",
            "start_time": None,
            "activity_type": "gesprek",
            "npvr_region": None,
            "title": f"t{i}",
            "url": "https://x/a",
            "place": "Utrecht",
            "gemeente": "Utrecht",
            "precision": "woonplaats",
            "reason": "r",
            "type_label": None,
        }
        for i in range(3)
    ]
    data = map_payload(rows, {}, [], [])
    assert data["s"] == ["https://x/a", "Utrecht", "r"] and data["pts"] == [52.0, 5.0]
    assert data["a"]["p"] == [0, 0, 0] and data["a"]["d"] == [20090] * 3 and data["a"]["c"] == [50] * 3


def test_missing_node_modules_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("AGENDAKAART_NODE_MODULES", str(tmp_path / "nowhere"))
    monkeypatch.chdir(tmp_path)
    nm = find_node_modules()  # falls back to the repository's node_modules
    assert (nm / "leaflet").is_dir()
    with pytest.raises(MapAssetsError, match="make setup"):
        load_assets(tmp_path)


def test_cli_map(built, tmp_path):
    conn, _ = built
    db = conn.execute("PRAGMA database_list").fetchone()[2]
    result = CliRunner().invoke(main, ["map", "--db", db, "--out", str(tmp_path / "k.html")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "k.html").stat().st_size > 100_000
    assert len(load_rows(conn)) == len(_data((tmp_path / "k.html").read_text(encoding="utf-8"))["a"]["d"])
    assert load_persons(conn)
