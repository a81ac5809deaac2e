"""Tổng quan run headless (AppTest) on the bundled data: cards, sentences with their sources, small charts, language."""
from __future__ import annotations

from tests.support.app_pages import chart_spec, charts, ok, open_page, texts, traces


def test_overview_cards_sentences_and_small_charts():
    at = ok(open_page())
    assert at.title[0].value == "Tổng quan"
    metrics = {(m.value, m.delta) for m in at.metric}
    assert ("2.861", "+118 (+4,3%)") in metrics  # Gia Lai reception 2024 vs 2023
    assert ("171", "−25 (−12,8%)") in metrics  # Gia Lai KNTC petitions
    assert ("22.858", "−1.382 (−5,7%)") in metrics  # Hà Nội regular reception 2023 vs 2022
    shown = texts(at)
    assert "**Năm 2024, Gia Lai tiếp 2.861 lượt công dân, tăng 118 lượt (4,3%) so với năm 2023.**" in shown
    assert any(s.startswith("Nguồn: Báo Gia Lai (GLO), 05/12/2024") for s in shown)
    figures = charts(at)
    assert [chart_spec(c)["kind"] for c in figures] == ["overview-small"] * len(figures)
    assert len(figures) >= 4
    models = next(c for c in figures if chart_spec(c)["indicator"] == "models_registered")
    assert traces(models)["Hà Nội — một phần năm"]["y"] == [24254.0]


def test_overview_english_toggle_and_url():
    # At its own path: AppTest's run after the root's switch_page gives the main script's widgets other ids
    # than later runs do (a browser keeps them; tests/test_browser.py toggles after opening the root).
    at = ok(open_page("pages/overview.py"))
    at.toggle(key="app.lang_en").set_value(True).run()
    ok(at)
    assert at.title[0].value == "Overview"
    assert at.query_params["lang"] == "en"
    assert "**In 2024, Gia Lai received citizens 2,861 times, up 118 turns (4.3%) on 2023.**" in texts(at)
    assert traces(charts(at)[0])  # charts follow the language too
    assert any("part of a year" in name for c in charts(at) for name in traces(c))
    again = ok(open_page(params={"lang": "en"}))
    assert again.title[0].value == "Overview"


def test_overview_bad_language_param():
    at = ok(open_page(params={"lang": "fr"}))
    assert at.title[0].value == "Tổng quan"
    assert [w.value for w in at.warning] == [
        "Tham số “lang=fr” trong đường dẫn không hợp lệ; đã dùng giá trị mặc định."
    ]
