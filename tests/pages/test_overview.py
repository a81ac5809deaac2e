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


def test_overview_compares_the_newest_part_of_a_year_with_the_same_period(reform):
    at = ok(open_page())
    cards = {(m.value, m.delta, m.proto.delta_description) for m in at.metric}
    assert {("18.360", "+1.210 (+7,1%)", "so với cùng kỳ 2025"),  # 9 tháng 2026 / 9 tháng 2025 (printed)
            ("9.840", "+1.040 (+11,8%)", "so với cùng kỳ 2025"),  # not the full year 2025 (11.935)
            ("3.021", "+171 (+6,0%)", "so với cùng kỳ 2025"),  # the merged Gia Lai
            ("2.861", "+118 (+4,3%)", "so với 2023")} <= cards
    shown = texts(at)
    assert "9 tháng 2026 · cùng kỳ: 17.150 (9 tháng 2025) · Nguồn: Bài thử (không phải số liệu thật), 12/10/2026" \
        in shown
    assert ("9 tháng 2026 · cùng kỳ: khoảng 2.850 (9 tháng 2025) · số cùng kỳ năm 2025 suy ra từ mức tăng/giảm "
            "nguồn nêu · Nguồn: Bài thử (không phải số liệu thật), 20/10/2026") in shown
    sentences = [s for s in shown if s.startswith("**")]
    assert sentences[:2] == [
        "**9 tháng 2026, Hà Nội tiếp 18.360 lượt công dân, tăng 1.210 lượt (7,1%) so với cùng kỳ năm 2025.**",
        "**9 tháng 2026, Hà Nội có 9.840 mô hình “Dân vận khéo” đăng ký, xây dựng, tăng 1.040 mô hình (11,8%) so "
        "với cùng kỳ năm 2025.**"]
    assert ("**9 tháng 2026, Gia Lai (từ 01/07/2025) tiếp 3.021 lượt công dân, tăng 171 lượt (6,0%) so với cùng kỳ "
            "năm 2025.**") in sentences
    # in English, opened at its own path as test_overview_english_toggle_and_url explains
    at = ok(open_page("pages/overview.py"))
    at.toggle(key="app.lang_en").set_value(True).run()
    assert ("**In first 9 months of 2026, Hà Nội received citizens 18,360 times, up 1,210 turns (7.1%) on the same "
            "period of 2025.**") in texts(ok(at))
