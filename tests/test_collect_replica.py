"""The collector against the project's generated replica site: every activity of expected.json once, a no-change
re-run without item requests, and a crawl killed with SIGKILL that completes on the next run."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agendakaart.pipeline.collect import collect
from agendakaart.replica import ReplicaServer
from agendakaart.replica_site import build_site
from agendakaart.settings import Settings
from agendakaart.sources.http import Fetcher
from agendakaart.store import open_db
from collect_helpers import settle

FIELDS = ("persons", "date", "start_time", "end_time", "type_label", "title", "location_text")


@pytest.fixture(scope="module")
def replica(tmp_path_factory):
    site = tmp_path_factory.mktemp("replica")
    truth = build_site(site, seed=3).to_json()
    return site, truth


def _stored(conn: sqlite3.Connection, base: str) -> dict[tuple[str, int], dict]:
    rows = conn.execute(
        "SELECT page_url, ordinal, persons, date, start_time, end_time, type_label, title, "
        "location_text FROM activities"
    )
    out = {}
    for r in rows:
        key = (r[0].removeprefix(base), r[1])
        assert key not in out, f"duplicate activity {key}"
        out[key] = {"persons": json.loads(r[2]), **{f: r[f] for f in FIELDS[1:]}}
    return out


def _expected(truth: dict) -> dict[tuple[str, int], dict]:
    return {(a["url"], a["ordinal"]): {f: a[f] for f in FIELDS} for a in truth["activities"]}


def test_full_crawl_matches_expected_and_rerun_fetches_no_item(replica, store):
    site, truth = replica
    with ReplicaServer(site) as server:
        settings = Settings(base_url=server.base_url, rate=1000, routes=("listings",))
        with Fetcher(settings, sleep=lambda s: None) as fetcher:
            counts = collect(settings, store, fetcher=fetcher)
        settle(server, counts["requests"])
        assert _stored(store, server.base_url) == _expected(truth)
        problems = {
            r[0].removeprefix(server.base_url) for r in store.execute("SELECT url FROM problems WHERE resolved = 0")
        }
        assert problems == {p["url"] for p in truth["problems"]}
        before = len(server.log)
        with Fetcher(settings, sleep=lambda s: None) as fetcher:
            again = collect(settings, store, fetcher=fetcher)
        rerun_paths = [r.path for r in server.log[before:]]
    assert counts["activities_new"] == truth["counts"]["activities"]
    assert not [p for p in rerun_paths if p.startswith("/actueel/agenda/2")]
    assert again["activities_new"] == again["activities_updated"] == again["pages_new"] == 0
    assert again["requests"] == len(rerun_paths) == again["listing_pages"] + 2  # + robots.txt + index


def _collect_cmd(base_url: str, db: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from agendakaart.cli import main; main()",
        "collect",
        "--base-url",
        base_url,
        "--db",
        str(db),
        "--rate",
        "1000",
    ]


def test_kill_9_mid_crawl_then_resume_completes_without_duplicates(replica, tmp_path):
    site, truth = replica
    db = tmp_path / "kill.db"
    # slow item pages, except those with their own fault in faults.json (the first matching rule applies)
    faulty = "|".join(re.escape(r["path"]) for r in json.loads((site / "faults.json").read_text())["rules"])
    slow = {"rules": [{"match": rf"^(?!(?:{faulty})$)/actueel/agenda/2026/", "delay": 0.03}]}
    with ReplicaServer(site, faults=slow) as server:
        proc = subprocess.Popen(_collect_cmd(server.base_url, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            stored = _wait_for_activities(db, 40, proc, timeout=60)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        assert proc.returncode == -signal.SIGKILL and 40 <= stored < len(truth["activities"])
        done = subprocess.run(_collect_cmd(server.base_url, db), capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        conn = open_db(db)
        try:
            assert _stored(conn, server.base_url) == _expected(truth)
            runs = [tuple(r) for r in conn.execute("SELECT status FROM runs ORDER BY id")]
        finally:
            conn.close()
    assert runs == [("running",), ("ok",)]  # the killed run is visible as never finished


def _wait_for_activities(db: Path, n: int, proc: subprocess.Popen, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, "collect finished before it could be killed"
        if db.exists():
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                count = conn.execute("SELECT COUNT(*) FROM activities").fetchone()[0]
                conn.close()
            except sqlite3.OperationalError:
                count = 0
            if count >= n:
                return count
        time.sleep(0.02)
    raise AssertionError("no progress before the timeout")


def test_auto_on_the_classic_site_finds_the_same_and_missing_routes_are_no_problems(replica, store):
    """`--route auto` (the default) on a site without search API or sitemaps: the listings carry the run, the
    routes that do not exist are named in the summary, not recorded as problems."""
    from agendakaart.pipeline.collect import collect_report

    site, truth = replica
    with ReplicaServer(site) as server:
        settings = Settings(base_url=server.base_url, rate=1000)
        with Fetcher(settings, sleep=lambda s: None) as fetcher:
            counts, lines = collect_report(settings, store, fetcher=fetcher)
        settle(server, counts["requests"])
        assert _stored(store, server.base_url) == _expected(truth)
        problems = {
            r[0].removeprefix(server.base_url) for r in store.execute("SELECT url FROM problems WHERE resolved = 0")
        }
    assert problems == {p["url"] for p in truth["problems"]}
    assert lines[0].startswith("zoek-API: mislukt (de site heeft geen zoek-API")
    assert lines[1].startswith("sitemaps: mislukt") and lines[2].startswith("agendalijsten: ")
