"""How commands reach the database: open it for reading (SQLite read-only) or for writing (checked first).

The CLI opens the store only through these functions (and the stage functions that take the connection).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from agendakaart.errors import StoreError


def require_folder(db_path: Path) -> None:
    """A database (or its lock file) is never made in a folder that does not exist: say which folder."""
    folder = Path(db_path).parent
    if str(db_path) != ":memory:" and not folder.is_dir():
        raise StoreError(f"map {folder} bestaat niet: maak hem eerst aan of kies een andere plek met --db")


@contextmanager
def open_store(db_path: Path, *, write: bool, check: bool = True) -> Iterator[sqlite3.Connection]:
    """`with open_store(path, write=False) as conn:` — reading needs an existing database and opens it read-only;
    writing creates a new one or checks an existing one (SQLite file, ours, not damaged, not newer) first."""
    from agendakaart.store import open_db

    path = Path(db_path)
    if not write and not path.exists():
        raise StoreError(f"database {path} bestaat niet: draai eerst `agendakaart collect` of geef --db")
    if write:
        require_folder(path)
    conn = open_db(path, readonly=not write, check=write and check)
    try:
        yield conn
    finally:
        conn.close()
