"""One writer of a database at a time: a lock file beside it, held with flock from reading the
inputs to swapping the new file in, so a slow older build can never replace a newer database.
Builds take it (etl/build.py), and so does anything else that publishes a database (the intake).

The lock is the kernel's (fcntl.flock): it ends when its holder ends, however it ends. The file
says who holds it; the holder removes it when done (a file left by a killed holder is taken over).
"""
from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

WAIT_SECONDS = 600.0  # how long a build waits for another one by default
POLL_SECONDS = 0.1


class LockError(RuntimeError):
    """The lock could not be had: the message says why and that nothing was changed."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(f".{db_path.name}.lock")


@contextmanager
def database_lock(db_path: Path, *, timeout: float = WAIT_SECONDS,
                  say: Callable[[str], None] = lambda msg: None) -> Iterator[None]:
    """Hold the lock of `db_path` for the block. When another process holds it, say so and wait
    up to `timeout` seconds; then raise LockError (the block does not run)."""
    path = lock_path(db_path)
    fd = _acquire(db_path, timeout, say)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()} {datetime.now().isoformat(timespec='seconds')}\n".encode())
        yield
    finally:
        path.unlink(missing_ok=True)  # still ours: whoever waits on the old file opens the path again
        os.close(fd)


def _acquire(db_path: Path, timeout: float, say: Callable[[str], None]) -> int:
    """An open descriptor of the lock file of `db_path`, locked by this process."""
    path = lock_path(db_path)
    deadline = None
    while True:
        fd = _open(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            os.close(fd)
            now = time.monotonic()
            if deadline is None:
                deadline = now + timeout
                say(f"Một bản dựng khác đang ghi {db_path} ({holder}): chờ nó xong, "
                    f"tối đa {timeout:g} giây … (another build is running: waiting)")
            if now >= deadline:
                raise LockError(f"Đã chờ {timeout:g} giây mà bản dựng khác ({holder}) vẫn chưa xong: dừng, không "
                                f"thay đổi gì (another build is still running; nothing was changed)") from None
            time.sleep(min(POLL_SECONDS, max(deadline - now, 0.0)))
            continue
        if _same_file(fd, path):
            return fd
        os.close(fd)  # the holder we waited for removed this file: lock the one at the path now


def _open(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LockError(f"không tạo được tệp khóa {path}: {exc.strerror} (cannot create the lock file)") from None


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


def _holder(fd: int) -> str:
    """Who holds the lock, as its file says: 'tiến trình 1234, từ 2025-01-01T10:00:00'."""
    text = os.pread(fd, 200, 0).decode("utf-8", "replace").split()
    if len(text) >= 2 and text[0].isdigit():
        return f"tiến trình {text[0]}, từ {text[1]}"
    return "tiến trình không rõ"
