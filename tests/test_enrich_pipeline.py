"""pipeline.enrich on a store: one row per activity, idempotent re-run, overrides applied, summary counts."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from agendakaart.cli import main
from agendakaart.errors import OverridesError
from agendakaart.models import Activity, activity_id
from agendakaart.pipeline.enrich import enrich
from agendakaart.settings import Settings
from agendakaart.store import open_db, transaction
from agendakaart.store.activities import replace_activities

URL = "https://www.rijksoverheid.nl/actueel/agenda/2025/05/19/agenda-minister-week-21"
ROWS = [  # (type_label, title, location_text)
    ("Werkbezoek", "Bezoek aan een zorgboerderij", "Enschede"),
    ("Kamerdebat", "Debat over de Voorjaarsnota", "Tweede Kamer"),
    ("Gesprek", "Gesprek met de burgemeester van Loppersum", None),
    (None, "Ministerraad", None),
    ("Overleg", "Telefonisch overleg met collega's", None),
    (None, "Europese Raad", "Brussel"),
    ("Werkbezoek", "Werkbezoek aan de Achterhoek", None),
]


def _fill(conn):
    acts = [
        Activity(
            id=activity_id(URL, date(2025, 5, 19), i, title),
            page_url=URL,
            persons=("eelco-heinen",),
            date=date(2025, 5, 19),
            title=title,
            type_label=label,
            location_text=loc,
            ordinal=i,
        )
        for i, (label, title, loc) in enumerate(ROWS)
    ]
    with transaction(conn):
        replace_activities(conn, URL, acts)
    return acts


def test_enrich_writes_one_row_per_activity_and_summarises(store):
    acts = _fill(store)
    summary = enrich(Settings(), store)
    assert summary["activities"] == len(ROWS) == summary["placed"] + summary["unknown"]
    rows = {r["activity_id"]: r for r in store.execute("SELECT * FROM current_enrichments")}
    assert set(rows) == {a.id for a in acts}
    assert rows[acts[0].id]["gm_code"] == "GM0153" and rows[acts[0].id]["npvr_region"] == "Twente"
    assert rows[acts[1].id]["is_den_haag"] == 1 and rows[acts[1].id]["activity_type"] == "parlement"
    assert rows[acts[2].id]["gm_code"] == "GM1979"
    assert rows[acts[4].id]["precision"] == "none" and rows[acts[4].id]["is_den_haag"] == 0
    assert rows[acts[5].id]["is_abroad"] == 1 and rows[acts[5].id]["country"] == "BE"
    assert rows[acts[6].id]["precision"] == "regio" and rows[acts[6].id]["npvr_region"] == "Achterhoek"
    assert summary["den_haag"] == sum(r["is_den_haag"] for r in rows.values()) == 2
    assert summary["abroad"] == 1 and summary["unknown"] == 1
    assert summary["by_npvr_region"] == {"Twente": 1, "Noord- en Oost-Groningen": 1, "Achterhoek": 1}
    assert sum(summary["by_precision"].values()) == len(ROWS)
    run = store.execute("SELECT kind, status FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(run) == ("enrich", "ok")


def test_rerun_is_idempotent(store):
    _fill(store)
    enrich(Settings(), store)
    first = [tuple(r) for r in store.execute("SELECT activity_id, gm_code, reason FROM enrichments ORDER BY 1")]
    enrich(Settings(), store)
    again = [tuple(r) for r in store.execute("SELECT activity_id, gm_code, reason FROM enrichments ORDER BY 1")]
    assert first == again and len(again) == len(ROWS)


def test_overrides_applied_and_bad_file_writes_nothing(store, tmp_path):
    acts = _fill(store)
    good = tmp_path / "o.toml"
    good.write_text(f'[[override]]\nid = "{acts[4].id}"\nplace = "Leiden"\n', encoding="utf-8")
    summary = enrich(Settings(overrides_path=good), store)
    row = store.execute("SELECT * FROM current_enrichments WHERE activity_id = ?", (acts[4].id,)).fetchone()
    assert row["gm_code"] == "GM0546" and row["override"] == 1 and summary["overridden"] == 1
    bad = tmp_path / "bad.toml"
    bad.write_text('[[override]]\nid = "x"\nplace = "Atlantis"\n', encoding="utf-8")
    before = store.execute("SELECT COUNT(*) FROM enrichments").fetchone()[0]
    with pytest.raises(OverridesError):
        enrich(Settings(overrides_path=bad), store)
    assert store.execute("SELECT COUNT(*) FROM enrichments").fetchone()[0] == before


def test_cli_enrich_and_review(db_path, tmp_path):
    conn = open_db(db_path)
    _fill(conn)
    conn.close()
    result = CliRunner().invoke(main, ["enrich", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert "7 activiteiten verrijkt" in result.output and "NPVR Twente: 1" in result.output
    out = tmp_path / "overrides.toml"
    result = CliRunner().invoke(main, ["review", "--db", str(db_path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Telefonisch overleg" in result.output
    template = out.read_text(encoding="utf-8")
    assert "# [[override]]" in template and "Telefonisch overleg" in template
    import tomllib

    uncommented = "\n".join(
        line[2:] for line in template.splitlines() if line.startswith("# id = ") or line.startswith("# [[override]]")
    )
    assert tomllib.loads(uncommented)["override"]  # the entries are valid TOML once uncommented
    bad = tmp_path / "bad.toml"
    bad.write_text("[[override]]\nid = 'x'\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["enrich", "--db", str(db_path), "--overrides", str(bad)])
    assert result.exit_code == 1 and "regel 1" in result.output


def test_enrich_writes_chunk_by_chunk_all_or_nothing(store, monkeypatch):
    """Chunks are written as they come, in one transaction: a failure in the third chunk leaves no row."""
    from agendakaart.pipeline import enrich as stage

    _fill(store)
    monkeypatch.setattr(stage, "chunk_size", lambda total, workers: 2)
    written = []
    real = stage.upsert_rows

    def failing(conn, rows):
        written.append(len(rows))
        if len(written) == 3:
            raise RuntimeError("schijf vol")
        return real(conn, rows)

    monkeypatch.setattr(stage, "upsert_rows", failing)
    with pytest.raises(RuntimeError):
        enrich(Settings(enrich_workers=1), store)
    assert written == [2, 2, 2]
    assert store.execute("SELECT COUNT(*) FROM enrichments").fetchone()[0] == 0
    monkeypatch.setattr(stage, "upsert_rows", real)
    summary = enrich(Settings(enrich_workers=1), store)
    assert summary["activities"] == len(ROWS) == store.execute("SELECT COUNT(*) FROM enrichments").fetchone()[0]


def test_summary_from_rows_equals_summary_from_enrichments(store):
    """enrich tallies the database rows it writes: the same summary as from the Enrichments themselves."""
    from agendakaart.enrich.engine import load_resources
    from agendakaart.enrich.parallel import enrich_rows
    from agendakaart.pipeline.enrich import Tally, summarise
    from agendakaart.store.enrichments import enrichment_row

    _fill(store)
    settings = Settings(enrich_workers=1)
    rows = [tuple(r) for r in store.execute("SELECT id, title, description, location_text, type_label FROM activities")]
    enriched = enrich_rows(load_resources(settings), settings, rows)
    tally = Tally()
    tally.add_rows([enrichment_row(e, "2026-01-05T00:00:00") for e in enriched])
    assert tally.summary() == summarise(enriched)
    assert tally.summary()["den_haag"] >= 1 and tally.summary()["by_npvr_region"]
