"""`demo` end to end: the bundled replica → database → kaart.html, rapport.html and exports that agree."""

import csv
import json

from click.testing import CliRunner

from agendakaart.cli import main
from agendakaart.store import open_db


def test_demo_builds_every_output_and_they_agree(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("kaart.html", "rapport.html", "activiteiten.csv", "activiteiten.geojson", "activiteiten.jsonl"):
        assert (out / name).stat().st_size > 0, name
    assert str((out / "kaart.html").resolve()) in result.output
    assert b"<feed" in (out / "nieuw-in-npvr-regios.atom").read_bytes()  # the NPVR feed beside the map

    truth = json.loads((out / "replica-site" / "expected.json").read_text(encoding="utf-8"))
    conn = open_db(out / "agendakaart.db")
    n_all = conn.execute("SELECT count(*) FROM activities").fetchone()[0]
    live = "FROM activities a JOIN agenda_pages p ON p.url = a.page_url WHERE p.removed_at IS NULL"
    n_db = conn.execute(f"SELECT count(*) {live}").fetchone()[0]
    n_enriched = conn.execute("SELECT count(*) FROM current_enrichments").fetchone()[0]
    located = conn.execute(
        f"SELECT count(*) {live} AND a.id IN (SELECT activity_id FROM current_enrichments WHERE lat IS NOT NULL)"
    ).fetchone()[0]
    removed = conn.execute("SELECT url FROM agenda_pages WHERE removed_at IS NOT NULL").fetchall()
    conn.close()
    # the demo crawls twice; the replica's second revision removed one item: kept (and enriched), not exported
    assert n_db == len(truth["activities"]) and n_enriched == n_all > n_db
    assert [r[0].split("/actueel")[1] for r in removed] == [p.removeprefix("/actueel") for p in truth["removed"]]

    rows = [json.loads(line) for line in (out / "activiteiten.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == n_db and len({r["id"] for r in rows}) == n_db
    geo = json.loads((out / "activiteiten.geojson").read_text(encoding="utf-8"))
    assert len(geo["features"]) == located == sum(r["lat"] is not None for r in rows)
    with open(out / "activiteiten.csv", encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh, delimiter=";"))) == n_db


def test_demo_twice_starts_afresh(tmp_path):
    out = tmp_path / "out"
    for _ in range(2):
        assert CliRunner().invoke(main, ["demo", "--out", str(out)]).exit_code == 0
    conn = open_db(out / "agendakaart.db")
    urls = {r[0] for r in conn.execute("SELECT DISTINCT page_url FROM activities")}
    conn.close()
    assert len({u.split("/actueel/")[0] for u in urls}) == 1  # one replica origin, no leftovers of the first run
