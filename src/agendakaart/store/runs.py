"""Runs: one row per collect/enrich/import run with its counts, so `status` can say what happened last."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(conn: sqlite3.Connection, kind: str, settings: dict | None = None) -> int:
    cur = conn.execute(
        "INSERT INTO runs (kind, started_at, settings) VALUES (?, ?, ?)",
        (kind, _now(), json.dumps(settings or {}, default=str)),
    )
    return int(cur.lastrowid)


def finish_run(conn: sqlite3.Connection, run_id: int, counts: dict[str, int], status: str = "ok") -> None:
    conn.execute(
        "UPDATE runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
        (_now(), status, json.dumps(counts), run_id),
    )


def last_run(conn: sqlite3.Connection, kind: str | None = None) -> dict | None:
    """The newest run (of a kind), as a dict with counts decoded."""
    sql = "SELECT * FROM runs" + (" WHERE kind = ?" if kind else "") + " ORDER BY id DESC LIMIT 1"
    row = conn.execute(sql, (kind,) if kind else ()).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["counts"] = json.loads(out["counts"] or "{}")
    return out
