"""One publish in a process of its own, for the tests of two publishes at once and of a publish
killed mid-build: python -m tests.support.intake_driver ROOT SHA256 [SIGNALS]

With a SIGNALS folder the publish leaves marks there and waits for the test: `<sha6>-waiting` when it
finds another publish holding the lock, `<sha6>-building` once it holds the lock and is building,
then it goes on only when `<sha6>-go` exists. Prints the result as one JSON line.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from etl.intake.publish import Progress
from tests.support.intake_desk import ANALYST, make_desk


def wait_for(path: Path, timeout: float = 120.0) -> None:
    """Until `path` exists (a condition, checked every 10 ms), or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} did not appear within {timeout} s")
        time.sleep(0.01)


def main(root: Path, sha: str, signals: Path | None) -> int:
    desk = make_desk(root)
    mark = sha[:6]

    def progress(p: Progress) -> None:
        if signals is None:
            return
        if p.stage == "wait":
            (signals / f"{mark}-waiting").touch()
        if p.stage == "build" and p.done == 1:
            (signals / f"{mark}-building").touch()
            wait_for(signals / f"{mark}-go")

    result = desk.publisher.publish([sha], ANALYST, progress)
    print(json.dumps({"ok": result.ok, "id": result.entry.id if result.entry else None,
                      "message": result.message, "problems": result.problems}, ensure_ascii=False))
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]) if len(sys.argv) > 3 else None))
