"""Starts the dashboard server (`make run`): `streamlit run dashboard.py` with one fix applied first,
and the work the first visitor would otherwise wait for started beside it (`warm_up`).

The pages/ folder holds the pages that dashboard.py lists with st.navigation, not Streamlit's older
folder-based pages. Streamlit still treats the folder the old way until the first script run calls
st.navigation, so the first visitor after a start who opens a shared page link would see a
"Page not found" pop-up. Telling Streamlit up front that the folder is not its own avoids that.
"""
from __future__ import annotations

import gc
import importlib
import logging
import sys
import threading
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

ENTRY = Path(__file__).resolve().parents[2] / "dashboard.py"
# What the pages import on a first run, besides streamlit: plotly, pandas, Babel and DuckDB behind them.
_FIRST_PAGE_MODULES = ("core.charts.figures", "core.charts.export", "core.data.measures", "core.data.queries",
                       "core.words.narrative", "core.ui.tables")
_log = logging.getLogger(__name__)


def warm_up() -> None:
    """What the first session after a start would pay, done while the server starts: the pages'
    imports (plotly, pandas, Babel, DuckDB: about 1.5 s), the database's current build opened with
    the catalog queries run once, and the Chromium for chart images (about 2 s, core.charts.export).
    Then the objects loaded so far are frozen out of the garbage collector's rounds."""
    # Imported here, not at the top, so that the server starts meanwhile.
    for module in _FIRST_PAGE_MODULES:
        importlib.import_module(module)
    from core.charts import export  # noqa: PLC0415
    from core.data import queries  # noqa: PLC0415
    from core.data.db import DatabaseMissing  # noqa: PLC0415

    try:
        for question in (queries.build_info, queries.localities, queries.indicators, queries.breakdowns):
            question()
    except DatabaseMissing:
        pass  # the dashboard says so on its first page
    gc.freeze()
    try:
        export.start_browser()
    except Exception:  # noqa: BLE001 - the pages say why images are off (core.ui.chart_actions)
        _log.info("Chromium for chart images did not start", exc_info=True)


def main(argv: list[str] | None = None) -> None:
    PagesManager.uses_pages_directory = False
    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    sys.argv = ["streamlit", "run", str(ENTRY), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
