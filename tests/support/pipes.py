"""The lines a child process writes to a pipe, read as they come, so that a test waits for what the process
says rather than for time to pass (the machine may be busy)."""
from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import IO

WAIT_S = 300.0  # only a hung process gets near it: every wait ends as soon as its line comes


class Lines:
    """The lines a process writes to one of its pipes, read as they come."""

    def __init__(self, stream: IO[str], wait_s: float = WAIT_S) -> None:
        self.seen: list[str] = []
        self.wait_s = wait_s
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream: IO[str]) -> None:
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, wanted: Callable[[str], bool]) -> str:
        """The first line (from now on) that is wanted; fails if the pipe closes first."""
        end = time.monotonic() + self.wait_s
        while True:
            try:
                line = self._queue.get(timeout=max(end - time.monotonic(), 0.0))
            except queue.Empty:
                said = self.seen[-20:]
                raise AssertionError(f"no such line in {self.wait_s:g} s; the process wrote: {said}") from None
            assert line is not None, f"the process ended without the line; it wrote: {self.seen[-20:]}"
            self.seen.append(line)
            if wanted(line):
                return line

    def rest(self) -> list[str]:
        """Every line, once the process has ended."""
        while (line := self._queue.get(timeout=self.wait_s)) is not None:
            self.seen.append(line)
        return self.seen
