"""One writer at a time for a database: an exclusive lock on a file beside it (`.<name>.lock`).

The lock is the operating system's (flock): a process that dies, however it dies, lets go of it,
so a publish killed mid-build leaves no stale lock behind. Stands in for the build lock of
issue 13 (branch `etlhouse`) until that lands; both lock the same idea, the database file.
"""
from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


def lock_path(db: Path) -> Path:
    return db.with_name(f".{db.name}.lock")


@contextmanager
def build_lock(db: Path, *, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the lock of `db` for the block; when another process holds it, call `on_wait` once,
    then wait for it."""
    path = lock_path(db)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
