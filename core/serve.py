"""Starts the dashboard server (`make run`): `streamlit run dashboard.py` with one fix applied first.

The pages/ folder holds the pages that dashboard.py lists with st.navigation, not Streamlit's older
folder-based pages. Streamlit still treats the folder the old way until the first script run calls
st.navigation, so the first visitor after a start who opens a shared page link would see a
"Page not found" pop-up. Telling Streamlit up front that the folder is not its own avoids that.
"""
from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

ENTRY = Path(__file__).resolve().parent.parent / "dashboard.py"


def main(argv: list[str] | None = None) -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(ENTRY), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
