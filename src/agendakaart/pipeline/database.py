"""How commands reach the database: open it for reading (SQLite read-only) or for writing (checked first).

The CLI opens the store only through these functions (and the stage functions that take the connection).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from agendakaart.errors import StoreError


@contextmanager
def open_store(db_path: Path, *, write: bool, check: bool = True) -> Iterator[sqlite3.Connection]:
    """`with open_store(path, write=False) as conn:` — reading needs an existing database and opens it read-only;
    writing creates a new one or checks an existing one (SQLite file, ours, not damaged, not newer) first."""
    from agendakaart.store import open_db

    path = Path(db_path)
    if not write and not path.exists():
        raise StoreError(f"database {path} bestaat niet: draai eerst `agendakaart collect` of geef --db")
    if write and not path.parent.exists():
        raise StoreError(f"map {path.parent} bestaat niet: maak hem eerst aan of kies een andere plek met --db")
    conn = open_db(path, readonly=not write, check=write and check)
    try:
        yield conn
    finally:
        conn.close()
