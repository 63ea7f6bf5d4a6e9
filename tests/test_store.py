"""The store: migrations apply once, WAL is on, problems are kept and de-duplicated."""

from agendakaart.models import Problem
from agendakaart.store import open_db
from agendakaart.store.migrations import MIGRATIONS
from agendakaart.store.problems import open_problems, record_problem, resolve_problems
from agendakaart.store.runs import finish_run, last_run, start_run


def test_migrations_recorded_once(db_path):
    open_db(db_path).close()
    conn = open_db(db_path)  # second open applies nothing again
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations")]
    assert versions == [n for n, _, _ in MIGRATIONS]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_problem_recorded_deduplicated_and_resolved(store):
    p = Problem(stage="parse", reason="no title", url="http://x/a")
    record_problem(store, p)
    record_problem(store, p)
    assert [q.reason for q in open_problems(store)] == ["no title"]
    resolve_problems(store, "parse", "http://x/a")
    assert open_problems(store) == []


def test_runs_keep_counts(store):
    run = start_run(store, "collect")
    finish_run(store, run, {"pages_new": 3})
    assert last_run(store, "collect")["counts"] == {"pages_new": 3}
