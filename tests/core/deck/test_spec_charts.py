"""core.deck.spec_charts: the figures (core.charts.figures over core.data.queries), notes and sources of a deck's
charts."""
from __future__ import annotations

import pytest

from core.charts.spec import ChartSpec
from core.deck.spec_charts import EmptySelection, chart_for_spec, deck_items


def _plain(values) -> list:
    """Plotted values as plotly draws them: NaN is a gap (null), like None."""
    return [None if v is None or v != v else v for v in values]


def _spec(**kw) -> ChartSpec:
    base = {"kind": "trend-line", "indicator": "models_registered", "breakdown": "total",
            "localities": ("ha-noi", "gia-lai", "gia-lai-2025"), "years": (2022, 2023, 2024, 2025),
            "chart_id": "deck.1"}
    return ChartSpec(**{**base, **kw})


def test_trend_joins_full_years_marks_partial_and_reform(built_db):
    chart = chart_for_spec(_spec(), built_db)
    traces = {t.name: t for t in chart.figure.data}
    assert list(traces) == ["Hà Nội", "Hà Nội — một phần năm", "Gia Lai (đến 30/06/2025)"]
    assert list(traces["Hà Nội"].x) == [2022, 2023, 2024, 2025]
    assert _plain(traces["Hà Nội"].y) == [None, 13663.0, None, 11935.0]  # 2024 is a gap, not the 7-month figure
    assert list(traces["Hà Nội"].text) == ["", "13.663", "", "11.935"]
    partial = traces["Hà Nội — một phần năm"]
    assert (list(partial.x), list(partial.y), list(partial.text), partial.mode, partial.marker.symbol) == (
        [2024.22], [24254.0], ["24.254"], "markers+text", "diamond-open")
    assert _plain(traces["Gia Lai (đến 30/06/2025)"].y) == [None, None, 1556.0, None]
    assert [(s.type, round(s.x0, 3)) for s in chart.figure.layout.shapes] == [("line", 2024.997)]  # 1 July 2025
    assert [a.text for a in chart.figure.layout.annotations] == [
        "Sắp xếp đơn vị hành chính 01/07/2025", "Không có số liệu: Gia Lai (từ 01/07/2025)"]
    assert chart.figure.layout.yaxis.title.text == "mô hình"
    assert chart.title == 'Mô hình "Dân vận khéo" đăng ký, xây dựng'
    assert chart.subtitle == ("Hà Nội, Gia Lai (đến 30/06/2025), Gia Lai (từ 01/07/2025) · 2022–2025 · Tổng số · "
                              "xu hướng theo năm · số tuyệt đối · mô hình")
    assert {s.publisher for s in chart.sources} == {"Hà Nội portal", "Báo Nhân Dân", "Hà Nội Mới", "Báo Gia Lai (GLO)"}
    notes = "\n".join(chart.notes)
    assert "Hà Nội, 7 tháng 2024: 24.254 mô hình — Hà Nội Mới, 2024: “" in notes
    assert "Hà Nội, năm 2023: 13.663 mô hình — Hà Nội portal, 27/12/2023: “" in notes
    assert "Không có số liệu: Gia Lai (từ 01/07/2025)" in notes
    # cumulative figures with no end are not drawn but said, after the drawn ones
    other = notes.index("Số liệu khác kỳ (không vẽ trên đường theo năm):")
    assert notes.index("Hà Nội, lũy kế từ 2009 đến nay: 160.013 mô hình") > other


def test_change_pct_notes_and_sources(built_db):
    chart = chart_for_spec(_spec(indicator="reception_turns", localities=("gia-lai",), years=(2023, 2024),
                                 mode="change_pct"), built_db)
    (trace,) = chart.figure.data
    assert list(trace.x) == [2023, 2024]
    assert _plain(trace.y)[0] is None and trace.y[1] == pytest.approx((2861 - 2743) / 2743 * 100)
    assert list(trace.text) == ["", "+4,3%"]
    assert chart.figure.layout.yaxis.title.text == "Tăng/giảm (%)"
    assert "Gia Lai, năm 2024: +4,3% so với năm 2023" in chart.notes
    # the 2023 value printed in h900's appendix table is chosen over s004's derived one
    assert any(n.startswith("Gia Lai, năm 2023: 2.743 lượt — Tổng hợp từ Báo Gia Lai") for n in chart.notes)
    # a figure with no known period is not listed as an other period of these years
    assert not any("kỳ không rõ" in n for n in chart.notes)
    assert [s.publisher for s in chart.sources] == [
        "Báo Gia Lai (GLO)", ("Tổng hợp từ Báo Gia Lai (05/12/2024) và bài tường thuật hội nghị tổng kết công tác "
                              "dân vận năm 2023 của Thành ủy Hà Nội")]
    assert [s.type for s in chart.figure.layout.shapes] == ["line"]  # the zero line; 2023–2024 is before the reform
    assert chart.figure.layout.shapes[0].y0 == 0


def test_compare_groups_years(built_db):
    chart = chart_for_spec(_spec(kind="compare", indicator="models_recognized", localities=("ha-noi", "gia-lai"),
                                 years=(2024, 2025)), built_db)
    assert [(t.type, t.name, list(t.x), _plain(t.y)) for t in chart.figure.data] == [
        ("bar", "2024", ["Hà Nội", "Gia Lai"], [None, 1327.0]),
        ("bar", "2025", ["Hà Nội", "Gia Lai"], [62.0, None]),
    ]
    assert [list(t.text) for t in chart.figure.data] == [["", "1.327"], ["62", ""]]
    assert chart.figure.layout.showlegend is True


def test_compare_one_year_keeps_each_province_colour(built_db):
    chart = chart_for_spec(_spec(kind="compare", indicator="reception_turns", localities=("ha-noi", "gia-lai"),
                                 years=(2024,), mode="change_pct"), built_db)
    (bar,) = chart.figure.data
    assert (list(bar.x), list(bar.text), list(bar.marker.color)) == (["Gia Lai"], ["+4,3%"], ["#D55E00"])
    assert "Không có số liệu: Hà Nội" in chart.notes


@pytest.mark.parametrize(("spec", "message"), [
    (_spec(indicator="inspections", localities=("ha-noi",), years=(2019,)),
     "biểu đồ 1: không có số liệu inspections (total) cho Hà Nội trong 2019"),
    (_spec(localities=("ha-noi",), years=(2023,), mode="change_abs"),
     "biểu đồ 1: không có hai năm liền nhau để tính thay đổi của models_registered (total) cho Hà Nội trong 2023"),
])
def test_empty_selection_names_it(built_db, spec, message):
    with pytest.raises(EmptySelection) as error:
        chart_for_spec(spec, built_db)
    assert str(error.value) == message


def test_deck_items_names_every_empty_chart(built_db):
    specs = [_spec(chart_id="deck.1"), _spec(indicator="commendations", chart_id="deck.2"),
             _spec(indicator="dialogue_opinions", chart_id="deck.3")]
    with pytest.raises(EmptySelection) as error:
        deck_items(specs, built_db)
    assert str(error.value).splitlines() == [
        "biểu đồ 2: không có số liệu commendations (total) cho Hà Nội, Gia Lai (đến 30/06/2025), "
        "Gia Lai (từ 01/07/2025) trong 2022–2025",
        "biểu đồ 3: không có số liệu dialogue_opinions (total) cho Hà Nội, Gia Lai (đến 30/06/2025), "
        "Gia Lai (từ 01/07/2025) trong 2022–2025",
    ]


def test_same_period_chart_notes_and_sources(reform_db):
    chart = chart_for_spec(_spec(indicator="reception_turns", localities=("ha-noi", "ha-noi.phuong-ba-dinh"),
                                 years=(2025, 2026), mode="same_period"), reform_db)
    assert [(t.name, list(t.x), [round(y, 2) for y in t.y], list(t.text)) for t in chart.figure.data] == [
        ("Hà Nội — một phần năm", [2026.22], [7.06], ["+7,1%"]),
        ("phường Ba Đình (Hà Nội) — một phần năm", [2026.22], [3.0], ["+3,0%"])]
    assert chart.figure.layout.yaxis.title.text == "So với cùng kỳ năm trước (%)"
    assert chart.subtitle.endswith("· so với cùng kỳ năm trước (%) · lượt")
    assert "Hà Nội, 9 tháng 2026: +7,1% so với cùng kỳ (9 tháng 2025)" in chart.notes
    assert "phường Ba Đình (Hà Nội), 9 tháng 2026: +3,0% so với cùng kỳ (9 tháng 2025)" in chart.notes
    # the figures behind it: both nine months of each place, with how each was found
    values = list(chart.notes[1:chart.notes.index("Hà Nội, 9 tháng 2026: +7,1% so với cùng kỳ (9 tháng 2025)")])
    assert [n.split(" — ")[0] for n in values] == [
        "Hà Nội, 9 tháng 2025: 17.150 lượt (các nguồn cho 2 giá trị khác nhau; giữ giá trị theo quy tắc chọn)",
        "Hà Nội, 9 tháng 2026: 18.360 lượt",
        "phường Ba Đình (Hà Nội), 9 tháng 2025: 400 lượt (suy ra: 412 − 12 (“tăng 12 lượt so với cùng kỳ năm 2025”))",
        "phường Ba Đình (Hà Nội), 9 tháng 2026: 412 lượt"]
