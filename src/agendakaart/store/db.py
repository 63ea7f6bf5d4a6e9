"""Open the SQLite database (WAL, foreign keys) and bring its schema up to date — or refuse it with a clear reason.

Writing opens check the file first: a SQLite file at all, agendakaart's (or empty), not damaged (quick_check), not
of a newer schema than this version knows. Reading opens use SQLite's read-only mode (URI `mode=ro`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from agendakaart.errors import StoreError
from agendakaart.store.migrations import check_schema, migrate, pending_migrations

SQLITE_HEADER = b"SQLite format 3\x00"


def _check_file(path: Path) -> None:
    """Raise StoreError when `path` exists, is not empty and is not a SQLite database."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except FileNotFoundError:
        return
    except IsADirectoryError:
        raise StoreError(f"{path} is een map, geen database: geef een databasebestand met --db") from None
    except OSError as exc:
        raise StoreError(f"database {path} is niet te lezen ({exc.strerror}): controleer de rechten") from exc
    if head and head != SQLITE_HEADER:
        raise StoreError(
            f"{path} is geen database (geen SQLite-bestand): controleer --db; agendakaart schrijft er niets in"
        )


def _integrity(conn: sqlite3.Connection, path: Path) -> None:
    """PRAGMA quick_check; anything but 'ok' -> StoreError (before a single write)."""
    result = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    if result != ["ok"]:
        raise StoreError(
            f"database {path} is beschadigd ({'; '.join(result)[:120]}): er is niets in geschreven; "
            f"herstel een kopie met `sqlite3 {path} .recover` of begin een nieuwe database"
        )


def _connect(target: str, uri: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(target, timeout=30.0, isolation_level=None, uri=uri)
    conn.row_factory = sqlite3.Row
    return conn


def open_db(path: str | Path, *, readonly: bool = False, check: bool = False) -> sqlite3.Connection:
    """Path (or ":memory:") -> migrated connection with Row factory, WAL and foreign keys on.

    readonly: SQLite read-only mode, no migration (a database with pending migrations is migrated first by a short
    writing open). check: run the integrity check before anything is written.
    """
    memory = str(path) == ":memory:"
    if not memory:
        path = Path(path)
        _check_file(path)
        if readonly and not path.exists():
            raise StoreError(f"database {path} bestaat niet: draai eerst `agendakaart collect` of geef --db")
    try:
        if readonly:
            return _open_readonly(Path(path))
        conn = _connect(str(path))
    except sqlite3.Error as exc:
        raise StoreError(explain(exc, Path(str(path)))) from exc
    try:
        if check and not memory:
            _integrity(conn, Path(path))
        check_schema(conn, str(path))
        if not memory:
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        migrate(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(explain(exc, Path(str(path)))) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def explain(exc: sqlite3.Error, path: Path) -> str:
    """A SQLite error on `path` -> one Dutch line; a full disk is told apart from a damaged file."""
    import shutil

    text = str(exc).lower()
    try:
        free = shutil.disk_usage(path.parent if str(path.parent) else ".").free
    except OSError:
        free = None
    if "full" in text or (free is not None and free < 1 << 20):
        return f"de schijf van database {path} is vol: er is niets half geschreven; maak ruimte vrij en probeer opnieuw"
    if (
        "readonly" in text
        or "read-only" in text
        or _read_only_medium(path)
        or not os.access(path.parent if str(path.parent) else ".", os.W_OK)
    ):
        return f"database {path} is alleen-lezen: gebruik een database in een map waarin u mag schrijven"
    if "locked" in text or "busy" in text:
        return f"database {path} is bezet door een ander proces: probeer het straks opnieuw"
    if "malformed" in text or "corrupt" in text or "not a database" in text:
        return (
            f"database {path} is beschadigd: er is niets in geschreven; herstel een kopie met "
            f"`sqlite3 {path} .recover` of begin een nieuwe database met --db"
        )
    if "disk i/o" in text or "unable to open" in text:
        return f"database {path} kan niet gelezen of geschreven worden: controleer de schijf, de map en de rechten"
    return f"database {path} is onbruikbaar ({exc}): controleer het bestand, of begin een nieuwe database met --db"


def _readonly_connection(path: Path) -> sqlite3.Connection:
    """mode=ro; on a read-only medium (no -shm can be made beside a WAL database) immutable=1: nobody can change
    a file there while we read it."""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    conn = _connect(uri, uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        if os.access(path.parent, os.W_OK) and not _read_only_medium(path):
            raise
        conn = _connect(uri + "&immutable=1", uri=True)
    return conn


def _read_only_medium(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _open_readonly(path: Path) -> sqlite3.Connection:
    try:
        conn = _readonly_connection(path)
    except sqlite3.Error as exc:
        raise StoreError(explain(exc, path)) from exc
    try:
        check_schema(conn, str(path))
        pending = pending_migrations(conn)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(explain(exc, path)) from exc
    except BaseException:
        conn.close()
        raise
    if pending:  # an older schema: bring it up to date once, then read
        conn.close()
        open_db(path, check=True).close()
        conn = _readonly_connection(path)
    conn.execute("PRAGMA foreign_keys=ON")
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception (connections run in autocommit mode)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
