"""The dashboard run headless by Streamlit's AppTest, and what a test reads from a run: its charts'
JSON and chart specs, its texts, its exceptions."""
from __future__ import annotations

import json
import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from core.ui.chart_actions import menu_key

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")
TIMEOUT = 180  # seconds a run may take on a busy machine before AppTest gives up; a run ends when it ends


def open_page(page: str | None = None, params: dict[str, str] | None = None) -> AppTest:
    """The app as a browser opening `page` with `params` in its URL."""
    at = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    if page is None:
        at.query_params.update(params or {})
        return at.run()
    at.run()
    at.query_params.clear()
    at.query_params.update(params or {})
    return at.switch_page(page).run()


def open_menus(at: AppTest) -> AppTest:
    """Open the menu under every chart shown (as a click on each would), rerun: its buttons are built only then."""
    for chart in charts(at):
        at.session_state[menu_key(chart_spec(chart)["chart_id"])] = True
    return at.run()


def charts(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def chart_spec(chart: dict) -> dict:
    return chart["layout"]["meta"]["chart_spec"]


def traces(chart: dict) -> dict[str, dict]:
    return {t["name"]: t for t in chart["data"]}


def unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def texts(at: AppTest) -> list[str]:
    found = [unescape(el.value) for kind in ("markdown", "caption", "info", "warning") for el in getattr(at, kind)]
    return found


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    return at
