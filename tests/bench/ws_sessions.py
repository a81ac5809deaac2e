"""N dashboard sessions at once against a running server, speaking Streamlit's own websocket protocol
instead of driving browsers: the server's time from a session's request to its first chart and to
the end of its first run, without the cost of rendering N pages in N browsers on the same cores.

`python tests/bench/ws_sessions.py URL [N]` prints JSON. Loopback only (the bench's own server).
"""
from __future__ import annotations

import json
import statistics
import sys
import threading
import time
from typing import Any
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect


def _session(url: str, timeout_s: float, start: threading.Event, out: dict[str, Any]) -> None:
    """One session: connect, ask for the first run of the entry page, read until the page it leads to has run."""
    host = urlparse(url).netloc
    start.wait()
    began = time.perf_counter()
    try:
        with connect(f"ws://{host}/_stcore/stream", subprotocols=["streamlit"], origin=f"http://{host}",
                     open_timeout=timeout_s, max_size=None) as ws:
            msg = BackMsg()
            msg.rerun_script.query_string = ""
            msg.rerun_script.page_script_hash = ""
            ws.send(msg.SerializeToString())
            deadline = began + timeout_s
            while time.perf_counter() < deadline:
                forward = ForwardMsg()
                forward.ParseFromString(ws.recv(timeout=max(0.1, deadline - time.perf_counter())))
                kind = forward.WhichOneof("type")
                now = time.perf_counter() - began
                if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                    element = forward.delta.new_element.WhichOneof("type")
                    out.setdefault("first_element_s", now)
                    if element == "plotly_chart":
                        out.setdefault("first_chart_s", now)
                    if element == "exception":
                        out.setdefault("errors", []).append(forward.delta.new_element.exception.message[:200])
                elif kind == "script_finished" and forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    # (the root URL's run ends early: it switches to the overview's own path, /tong-quan, and
                    # the server runs that page in the same session)
                    out["run_s"] = now
                    return
            out.setdefault("errors", []).append("no end of run in time")
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        out.setdefault("errors", []).append(f"{type(exc).__name__}: {exc}"[:200])


def measure(url: str, sessions: int = 10, timeout_s: float = 120) -> dict[str, Any]:
    """`sessions` sessions started at the same moment; per session the seconds to its first chart
    and to the end of its run, as the server sent them."""
    start = threading.Event()
    results: list[dict[str, Any]] = [{} for _ in range(sessions)]
    threads = [threading.Thread(target=_session, args=(url, timeout_s, start, r)) for r in results]
    for thread in threads:
        thread.start()
    start.set()
    for thread in threads:
        thread.join()
    charts = sorted(r["first_chart_s"] for r in results if "first_chart_s" in r)
    runs = sorted(r["run_s"] for r in results if "run_s" in r)
    errors = [f"phiên {k + 1}: {e}" for k, r in enumerate(results) for e in r.get("errors", [])]
    return {
        "sessions": sessions,
        "errors": errors,
        "first_chart_s": [round(t, 2) for t in charts],
        "first_chart_p50_s": round(statistics.median(charts), 2) if charts else None,
        "first_chart_max_s": round(max(charts), 2) if charts else None,
        "run_max_s": round(max(runs), 2) if runs else None,
    }


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10), indent=2))
