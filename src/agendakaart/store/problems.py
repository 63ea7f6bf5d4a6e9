"""Problems: every failure (fetch, parse, import, enrich) is a row with where and why; nothing dropped silently."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone

from agendakaart.models import Problem


def record_problem(conn: sqlite3.Connection, problem: Problem) -> None:
    """Insert a problem, or refresh its timestamp (and reopen it) when the same one recurs."""
    at = problem.at or datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn.execute(
        """INSERT INTO problems (stage, url, item_id, reason, at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (stage, url, item_id, reason) DO UPDATE SET at = excluded.at, resolved = 0""",
        (problem.stage, problem.url or "", problem.item_id or "", problem.reason, at),
    )


def resolve_problems(conn: sqlite3.Connection, stage: str, url: str) -> None:
    """Mark a URL's problems of one stage as resolved (e.g. a page that now fetches and parses)."""
    conn.execute("UPDATE problems SET resolved = 1 WHERE stage = ? AND url = ?", (stage, url))


def open_problems(conn: sqlite3.Connection, limit: int | None = None) -> list[Problem]:
    """Unresolved problems, newest first."""
    sql = "SELECT stage, url, item_id, reason, at FROM problems WHERE resolved = 0 ORDER BY at DESC, id DESC"
    rows = conn.execute(sql + (" LIMIT ?" if limit else ""), (limit,) if limit else ())
    return [Problem(stage=r[0], url=r[1] or None, item_id=r[2] or None, reason=r[3], at=r[4]) for r in rows]
