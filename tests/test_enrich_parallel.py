"""Parallel enrichment: the same results in the same order as the serial path, 1 worker works, worker
failures surface as EnrichWorkerError, pipeline and locate give byte-identical output."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from agendakaart.cli.enrich import locate_stream
from agendakaart.enrich.parallel import EnrichWorkerError, chunked, enrich_chunks, enrich_rows, map_chunks, worker_count
from agendakaart.errors import AgendakaartError
from agendakaart.models import Activity, activity_id
from agendakaart.pipeline.enrich import enrich
from agendakaart.settings import Settings
from agendakaart.store import open_db, transaction
from agendakaart.store.activities import replace_activities

EVAL = Path(__file__).parent / "eval" / "agenda_lines.jsonl"
LINES = [json.loads(ln) for ln in EVAL.read_text(encoding="utf-8").splitlines() if ln.strip()]
PAR = Settings(enrich_workers=2, enrich_parallel_min=1)


def _rows(n: int) -> list[tuple]:
    """n input rows cycling over the eval set, each with its own id and (every other one) a serial."""
    rows = []
    for i in range(n):
        line = LINES[i % len(LINES)]
        title = line.get("title") or ""
        rows.append(
            (
                f"r{i}",
                f"{title} #{i}" if i % 2 else title,
                line.get("description"),
                line.get("location_text"),
                line.get("type_label"),
            )
        )
    return rows


def _pid_chunk(res, settings, chunk):
    return [(os.getpid(), x) for x in chunk]


def _failing_chunk(res, settings, chunk):
    if 13 in chunk:
        raise ValueError("kapotte invoer 13")
    return chunk


def _dying_chunk(res, settings, chunk):
    if 13 in chunk:
        os._exit(3)
    return chunk


def test_parallel_results_equal_serial_in_input_order(res):
    rows = _rows(3 * len(LINES))
    serial = [e for out in map_chunks(enrich_rows, chunked(rows, 50), res, Settings(), 1) for e in out]
    res.memo.clear()
    parallel = [e for out in enrich_chunks(chunked(rows, 37), res, PAR, 2) for e in out]
    assert len(serial) == len(parallel) == len(rows)
    assert [e.activity_id for e in parallel] == [r[0] for r in rows]
    assert parallel == serial
    assert sum(e.gm_code == "GM0518" for e in parallel) == sum(e.gm_code == "GM0518" for e in serial) > 0


def test_worker_processes_are_used_and_one_worker_stays_here(res):
    here = [pid for out in map_chunks(_pid_chunk, chunked(range(40), 10), res, PAR, 1) for pid, _ in out]
    assert set(here) == {os.getpid()}
    got = [item for out in map_chunks(_pid_chunk, chunked(range(40), 5), res, PAR, 2) for item in out]
    assert [x for _, x in got] == list(range(40))
    assert os.getpid() not in {pid for pid, _ in got}


def test_worker_count_follows_settings_and_size():
    assert worker_count(Settings(enrich_workers=1), 10**6) == 1
    assert worker_count(Settings(enrich_workers=3), 10**6) == 3
    assert worker_count(Settings(enrich_workers=3, enrich_parallel_min=5000), 4999) == 1
    assert worker_count(Settings(), 10**6) == (os.cpu_count() or 1)
    assert worker_count(Settings(enrich_workers=2)) == 2


def test_exception_in_worker_is_a_clear_error(res):
    with pytest.raises(EnrichWorkerError, match="ValueError: kapotte invoer 13") as info:
        list(map_chunks(_failing_chunk, chunked(range(40), 5), res, PAR, 2))
    assert isinstance(info.value, AgendakaartError)


def test_dead_worker_is_a_clear_error(res):
    with pytest.raises(EnrichWorkerError, match="stopte onverwacht"):
        list(map_chunks(_dying_chunk, chunked(range(40), 5), res, PAR, 2))
    # the pool is gone, a new run works
    assert [x for out in map_chunks(_failing_chunk, chunked(range(10), 5), res, PAR, 2) for x in out] == list(range(10))


def _fill(conn, n: int) -> None:
    url = "https://www.rijksoverheid.nl/actueel/agenda/2025/05/19/agenda-minister"
    acts = [
        Activity(
            id=activity_id(url, date(2025, 5, 19), i, r[1] or "x"),
            page_url=url,
            persons=("eelco-heinen",),
            date=date(2025, 5, 19),
            title=r[1] or "x",
            description=r[2],
            location_text=r[3],
            type_label=r[4],
            ordinal=i,
        )
        for i, r in enumerate(_rows(n))
    ]
    with transaction(conn):
        replace_activities(conn, url, acts)


def _table(conn) -> list[tuple]:
    return [
        tuple(r)[:-1]
        for r in conn.execute(
            "SELECT activity_id, version, place, gm_code, gemeente, province, country, lat, lon, precision,"
            " is_den_haag, is_abroad, npvr_region, activity_type, confidence, reason, override, enriched_at"
            " FROM enrichments ORDER BY activity_id"
        )
    ]


@pytest.mark.parametrize("with_overrides", [False, True])
def test_pipeline_parallel_writes_the_same_rows(tmp_path, with_overrides):
    overrides = None
    if with_overrides:
        overrides = tmp_path / "overrides.toml"
        overrides.write_text('[[override]]\npattern = "Ministerraad"\nplace = "Leiden"\n', encoding="utf-8")
    tables, summaries = [], []
    for settings in (Settings(enrich_workers=1), replace(PAR)):
        conn = open_db(tmp_path / f"{settings.enrich_workers}.sqlite")
        _fill(conn, 700)
        summaries.append(enrich(replace(settings, overrides_path=overrides), conn))
        tables.append(_table(conn))
        conn.close()
    assert len(tables[0]) == 700 and tables[0] == tables[1]
    assert {k: v for k, v in summaries[0].items() if k != "seconds"} == {
        k: v for k, v in summaries[1].items() if k != "seconds"
    }
    assert (summaries[0]["overridden"] > 0) == with_overrides


def test_locate_stream_parallel_is_byte_identical(res):
    lines = [
        json.dumps(
            {"id": r[0], "title": r[1], "description": r[2], "location_text": r[3], "type_label": r[4]},
            ensure_ascii=False,
        )
        + "\n"
        for r in _rows(600)
    ]
    lines[5] = "not json\n"
    lines[9] = "\n"
    serial = [x for out in locate_stream(lines, res, Settings(enrich_workers=1)) for x in out]
    res.memo.clear()
    parallel = [
        x for out in locate_stream(lines, res, Settings(enrich_workers=2, enrich_parallel_min=100)) for x in out
    ]
    assert len(serial) == 599 and "\n".join(parallel) == "\n".join(serial)
    assert [json.loads(x)["id"] for x in parallel[:6]] == ["r0", "r1", "r2", "r3", "r4", None]
    short = [
        x for out in locate_stream(lines[:50], res, Settings(enrich_workers=2, enrich_parallel_min=100)) for x in out
    ]
    assert short == serial[:49]


def test_chunk_size_gives_each_worker_several_tasks():
    from agendakaart.enrich.parallel import CHUNK, chunk_size

    assert chunk_size(700, 1) == 1000
    assert chunk_size(700, 2) == 200
    assert chunk_size(100_000, 2) == CHUNK
    assert all(200 <= chunk_size(n, w) <= max(CHUNK, 1000) for n in (1, 999, 10**7) for w in (1, 2, 8))


def test_locate_lines_are_json_dumps_of_locate_line(res):
    """locate writes the part after the id once per shared result: each line is still exactly
    json.dumps(locate_line(…), ensure_ascii=False), for recurring results, other ids and bad lines."""
    from agendakaart.cli.enrich import locate_chunk, locate_line

    lines = [
        json.dumps({"id": ident, "title": title, "location_text": loc}, ensure_ascii=False)
        for ident, title, loc in [
            ("a", "Werkbezoek aan Leiden", None),
            ("b", "Werkbezoek aan Leiden", None),  # the same result under another id
            (7, "Werkbezoek aan Leiden", None),
            (None, "Ministerraad", None),
            ("ü\"x", "Bezoek aan Kyïv", None),
            ("c", "Overleg", "online"),
        ]
    ] + ["[1, 2]", "not json", '{"id": "t", "text": "Werkbezoek: opening van de sluis (Terneuzen)"}']
    settings = Settings()
    want = [json.dumps(locate_line(line, res, settings), ensure_ascii=False) for line in lines]
    assert locate_chunk(res, settings, lines) == want
    assert locate_chunk(res, settings, lines) == want  # again, now from the remembered parts


def test_database_rows_made_in_the_workers_equal_the_rows_of_the_enrichments(res):
    from agendakaart.enrich.parallel import _enriched_rows
    from agendakaart.store.enrichments import enrichment_row

    rows = _rows(300) + _rows(300)  # every result twice: the second time from the remembered row
    settings = Settings(enrich_workers=1)
    want = [enrichment_row(e, "2026-01-05T10:00:00") for e in enrich_rows(res, settings, rows)]
    assert _enriched_rows(res, settings, ("2026-01-05T10:00:00", rows)) == want
    assert _enriched_rows(res, settings, ("2026-01-06T10:00:00", rows[:5])) == [
        (*w[:-1], "2026-01-06T10:00:00") for w in want[:5]
    ]
