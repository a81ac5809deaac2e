"""dashboard.py around every page: on a synthetic database every page says "DỮ LIỆU GIẢ LẬP" at its top
and in the sidebar, in both languages; on real data no page says it."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.build import build
from etl.synth import write_synthetic
from tests.support.app_pages import TIMEOUT

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = str(ROOT / "dashboard.py")
PAGES = sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))
BANNER = "DỮ LIỆU GIẢ LẬP"


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic dataset (3 provinces, 6 years) built into its own database."""
    base = tmp_path_factory.mktemp("synthetic")
    write_synthetic(base / "tables", provinces=3, years=6)
    (base / "reports").mkdir()
    db = base / "synthetic.duckdb"
    summary = build(db, reports_dir=base / "reports", tables_dir=base / "tables", progress=lambda _m: None)
    assert summary.synthetic and not summary.errors
    return db


def _page(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)
    if lang == "en":
        at.query_params["lang"] = "en"
    at.run()
    at = at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _first_main_element(at: AppTest) -> str:
    first = at.main.children[0]
    return f"{type(first).__name__}: {getattr(first, 'value', '')}"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_on_synthetic_data_says_so_at_the_top_and_in_the_sidebar(synthetic_db, monkeypatch, page, lang):
    monkeypatch.setenv("DANVAN_DB", str(synthetic_db))
    at = _page(page, lang)
    assert _first_main_element(at).startswith("Warning: " + BANNER)
    assert [w.value for w in at.sidebar.warning if w.value.startswith(BANNER)]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_on_real_data_says_synthetic(built_db, tmp_path, monkeypatch, page):
    real = tmp_path / "real.duckdb"
    shutil.copy(built_db, real)
    monkeypatch.setenv("DANVAN_DB", str(real))
    at = _page(page, "vi")
    shown = [el.value for kind in ("warning", "markdown", "caption", "info") for el in getattr(at, kind)]
    assert not [text for text in shown if BANNER in str(text)]
