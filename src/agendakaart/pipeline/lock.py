"""One collect at a time per database: an exclusive flock on DB.lock beside it, holding the holder's PID and host.

flock is released by the kernel when the holder exits in any way (kill -9 too), so a stale lock file never blocks;
the file itself stays (it names the last holder) and is never an output path (safe_output.database_files).
"""

from __future__ import annotations

import errno
import fcntl
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from agendakaart.errors import LockedError, StoreError
from agendakaart.pipeline.database import require_folder


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + ".lock")


@contextmanager
def collect_lock(db_path: Path) -> Iterator[Path]:
    """Hold the collect lock of `db_path` for the block, or raise LockedError naming the other process."""
    if str(db_path) == ":memory:":
        yield Path(db_path)
        return
    path = lock_path(db_path)
    require_folder(db_path)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise StoreError(
                f"kan {path} niet aanmaken (de map van de database is alleen-lezen): kies een "
                f"database in een map waarin u mag schrijven"
            ) from exc
        raise
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", errors="replace").strip() or "onbekend proces"
            raise LockedError(
                f"er loopt al een collect op database {db_path} ({holder}): wacht tot die klaar is, "
                f"of gebruik een andere database met --db"
            ) from None
        stamp = datetime.now().astimezone().isoformat(timespec="seconds")
        text = f"pid {os.getpid()} op {socket.gethostname()}, sinds {stamp}".encode()
        os.ftruncate(fd, 0)
        os.pwrite(fd, text, 0)
        yield path
    finally:
        os.close(fd)  # releases the flock
