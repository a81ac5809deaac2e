"""Reading one input file of the data folders: only a regular file, never through a link, never a
device or pipe, and never more than the size limit ($DANVAN_MAX_FILE_MB), checked on the open file
before anything is read."""
from __future__ import annotations

import os
import stat
from pathlib import Path

from etl.errors import InputError

SIZE_ENV = "DANVAN_MAX_FILE_MB"
DEFAULT_MAX_MB = 25.0
NOT_REGULAR = {
    stat.S_IFLNK: "liên kết (symlink)", stat.S_IFDIR: "thư mục", stat.S_IFIFO: "đường ống (FIFO)",
    stat.S_IFSOCK: "socket", stat.S_IFCHR: "thiết bị", stat.S_IFBLK: "thiết bị",
}


def max_file_bytes() -> int:
    """The size limit: $DANVAN_MAX_FILE_MB megabytes (25 when unset)."""
    raw = os.environ.get(SIZE_ENV, "").strip()
    try:
        mb = float(raw) if raw else DEFAULT_MAX_MB
    except ValueError:
        raise InputError(f"{SIZE_ENV}={raw!r} không phải số MB (not a number of megabytes)") from None
    if not mb > 0:  # NaN too
        raise InputError(f"{SIZE_ENV}={raw!r} phải lớn hơn 0 (must be above zero)")
    return int(min(mb, 1 << 40) * 1024 * 1024)


def check_size(size: int, where: str) -> None:
    """Refuse a file of `size` bytes over the limit, saying how to change it."""
    limit = max_file_bytes()
    if size > limit:
        raise InputError(
            f"tệp {mb_text(size)} MB, quá giới hạn {mb_text(limit)} MB; đặt biến môi trường {SIZE_ENV} để đổi giới "
            f"hạn (file too large: {mb_text(size)} MB, limit {mb_text(limit)} MB)", where=where)


def mb_text(n: int) -> str:
    """Megabytes in Vietnamese print: 25, 31,2."""
    mb = n / 1024 / 1024
    text = f"{mb:.1f}".rstrip("0").rstrip(".") if mb >= 0.1 else f"{mb:.2f}"
    return text.replace(".", ",")


def read_input(path: Path, where: str = "") -> bytes:
    """The bytes of a regular file, read through one descriptor opened without following a link
    (so what is checked is what is read). Raises InputError naming `where` (default: the file's
    name) for a link, a folder, a pipe or device, a file over the size limit or one that cannot
    be opened."""
    where = where or path.name
    try:
        mode = os.lstat(path).st_mode
    except OSError as exc:
        raise InputError(f"không mở được tệp: {exc.strerror}", where=where) from None
    _regular(mode, where)
    try:  # O_NONBLOCK: a pipe put there after the check cannot hold the build
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise InputError(f"không mở được tệp: {exc.strerror}", where=where) from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        _regular(info.st_mode, where)
        check_size(info.st_size, where)
        data = f.read(max_file_bytes() + 1)
    check_size(len(data), where)  # a file that grew while it was read
    return data


def _regular(mode: int, where: str) -> None:
    if not stat.S_ISREG(mode):
        what = NOT_REGULAR.get(stat.S_IFMT(mode), "không phải tệp thường")
        raise InputError(f"là {what}, không phải tệp thường: không đọc (only regular files inside the folder are "
                         "read)", where=where)


def folder_entries(folder: Path, suffixes: tuple[str, ...] = ()) -> list[Path]:
    """The entries of a folder (sorted, hidden ones left out) whose names end with one of
    `suffixes` (any name when empty), links and other non-regular files included: reading one
    (read_input) says why it is refused, so nothing is skipped without a word. Sub-folders are
    left out unless their name has such a suffix."""
    if not folder.is_dir():
        return []
    out = []
    for entry in os.scandir(folder):
        name = entry.name
        if name.startswith(".") or (suffixes and not name.lower().endswith(suffixes)):
            continue
        if entry.is_dir(follow_symlinks=False) and not suffixes:
            continue
        out.append(Path(entry.path))
    return sorted(out)
