"""Small state files of the intake, written whole or not at all (a temporary file, then a rename),
and how to tell that the process which left a temporary file behind has died."""
from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path


def write_bytes(path: Path, data: bytes, *, mode: int = 0o644) -> None:
    """Replace `path` with `data` atomically; the file gets `mode` (0600 for secrets) from its creation on."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, data: object, *, mode: int = 0o644) -> None:
    write_bytes(path, (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"), mode=mode)


def read_json(path: Path) -> object:
    return json.loads(path.read_text(encoding="utf-8"))


def timestamp() -> str:
    """Now, as the state files write it: local time with its offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def process_alive(pid: int) -> bool:
    """Whether process `pid` still runs (a temporary file of a dead one can go)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
