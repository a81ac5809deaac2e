"""core.charts.chart_words: a dashboard chart's image caption and slide, in words, from its spec and rows."""
import plotly.graph_objects as go
import pytest

from core.charts import chart_words
from core.charts.spec import ChartSpec
from core.data import queries
from core.data.catalog import Catalog
from core.words.sources import SourceRef

GLO = SourceRef("Báo Gia Lai (GLO)", "2024-12-05",
                "Gia Lai tổng kết năm 2024, đặt yêu cầu nâng tầm đội ngũ cán bộ dân vận")
# data/reports/h900.txt: a compiled report whose appendix table prints Gia Lai's 2023 and 2024 figures
H900 = SourceRef("Tổng hợp từ Báo Gia Lai (05/12/2024) và bài tường thuật hội nghị tổng kết công tác dân vận năm "
                 "2023 của Thành ủy Hà Nội", None,
                 "Gia Lai và Hà Nội: một số chỉ tiêu công tác dân vận, tiếp công dân năm 2023 – 2024",
                 "shared/corpus/seeds/004_e9e505a2d5efcf8b.txt; shared/corpus/seeds/000_183446ffa7217b55.txt "
                 "(bài gốc trong tập seed)")


@pytest.fixture(scope="module")
def catalog(built_db):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DANVAN_DB", str(built_db))
        return Catalog(queries.indicators(), queries.breakdowns(), queries.localities())


@pytest.fixture(autouse=True)
def _database(built_db, monkeypatch):
    monkeypatch.setenv("DANVAN_DB", str(built_db))


def _spec(**kw) -> ChartSpec:
    base = {"chart_id": "trends.main", "kind": "trend-line", "title": "Lượt tiếp công dân — Tổng số",
            "indicator": "reception_turns", "breakdown": "total", "localities": ("gia-lai",), "years": (2023, 2024)}
    return ChartSpec(**{**base, **kw})


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "2023–2024"),
        ({"years": (2024,)}, "2024"),
        ({"years": (2019, 2022, 2024)}, "2019, 2022, 2024"),
        ({"years": (), "period": "2024"}, "năm 2024"),
        ({"years": (), "period": "partial:2024-01-01:2024-07-31"}, "7 tháng 2024"),
        ({"years": (), "period": "partial:2024-01-01:2024-07-31", "lang": "en"}, "first 7 months of 2024"),
        ({"years": ()}, ""),
    ],
)
def test_period_text(changes, expected):
    assert chart_words.period_text(_spec(**changes)) == expected


def test_period_text_of_an_overview_chart_comes_from_its_rows():
    rows = queries.series_points("models_registered", "total", ["ha-noi"], 2000, 2100)
    rows = rows[rows["period_end"].notna()]
    assert chart_words.period_text(_spec(kind="overview-small", years=()), rows) == "2023–2025"
    assert chart_words.period_text(_spec(kind="overview-small", years=()), rows.iloc[0:0]) == ""


@pytest.mark.parametrize(
    ("localities", "expected"),
    [
        (("ha-noi", "gia-lai"), "Hà Nội, Gia Lai"),
        # old and merged Gia Lai on one chart: each says when it existed
        (("gia-lai", "gia-lai-2025"), "Gia Lai (đến 30/06/2025), Gia Lai (từ 01/07/2025)"),
        (("ha-noi.soc-son",), "Sóc Sơn (Hà Nội)"),
        (("ha-noi.ba-dinh", "ha-noi.hoan-kiem", "ha-noi.tay-ho", "ha-noi.long-bien", "ha-noi.cau-giay",
          "ha-noi.dong-da"), "Ba Đình (Hà Nội), Hoàn Kiếm (Hà Nội), Tây Hồ (Hà Nội), Long Biên (Hà Nội) và 2 nơi khác"),
    ],
)
def test_places_text(catalog, localities, expected):
    assert chart_words.places_text(_spec(localities=localities), catalog) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "Gia Lai · 2023–2024 · Tổng số · số tuyệt đối · lượt"),
        ({"breakdown": "regular", "localities": ("ha-noi", "gia-lai"), "years": tuple(range(2015, 2026)),
          "mode": "index"},
         "Hà Nội, Gia Lai · 2015–2025 · Tiếp thường xuyên · chỉ số (năm đầu có số liệu = 100) · lượt"),
        ({"mode": "change_pct", "lang": "en"},
         "Gia Lai · 2023–2024 · Total · change from previous year (%) · turns"),
        # overview and profile charts have no single breakdown
        ({"breakdown": None, "kind": "profile", "localities": ("ha-noi.soc-son",), "years": tuple(range(2021, 2025))},
         "Sóc Sơn (Hà Nội) · 2021–2024 · số tuyệt đối · lượt"),
    ],
)
def test_filters_line(catalog, changes, expected):
    assert chart_words.filters_line(_spec(**changes), catalog) == expected


def test_caption_and_slide_of_a_trend_chart(catalog):
    spec = _spec(mode="change_abs")
    rows = queries.series_points("reception_turns", "total", ["gia-lai"], 2023, 2024)
    rows = rows[rows["is_full_year"]]
    caption = chart_words.caption(spec, rows, catalog)
    assert (caption.title, caption.context, caption.sources) == (
        "Lượt tiếp công dân — Tổng số", "Gia Lai · 2023–2024 · thay đổi so với năm trước",
        "Nguồn: Báo Gia Lai (GLO), 05/12/2024; Tổng hợp từ Báo Gia Lai (05/12/2024) và bài tường thuật hội nghị "
        "tổng kết công tác dân vận năm 2023 của Thành ủy Hà Nội")
    fig = go.Figure(go.Scatter(x=[2023, 2024], y=[None, 118]))
    item = chart_words.deck_item(fig, spec, rows, catalog)
    assert (item.title, item.subtitle, item.sources) == (
        "Lượt tiếp công dân — Tổng số", "Gia Lai · 2023–2024 · Tổng số · thay đổi so với năm trước · lượt",
        (GLO, H900))
    assert item.notes[0] == "Số liệu trên biểu đồ (kỳ, mức độ chính xác, nguồn và câu gốc):"
    assert [n.split(" — ")[0] for n in item.notes[1:]] == [
        "Gia Lai, năm 2023: 2.743 lượt",  # printed in h900's table, chosen over s004's derived 2.743
        "Gia Lai, năm 2024: 2.861 lượt",
    ]
    assert " — Tổng hợp từ Báo Gia Lai (05/12/2024) và bài tường thuật" in item.notes[1]  # no date: none given
    assert " — Báo Gia Lai (GLO), 05/12/2024: “" in item.notes[2]
    assert item.figure is not fig and item.figure.to_dict() == fig.to_dict()  # a copy: the page may redraw its own


def test_slide_notes_name_the_breakdown_when_a_chart_draws_several(catalog):
    rows = queries.profile_points("ha-noi.soc-son")
    rows = rows[(rows["indicator"] == "dialogues") & rows["period_end"].notna()]
    spec = _spec(kind="profile", indicator="dialogues", breakdown=None, localities=("ha-noi.soc-son",),
                 years=tuple(range(2021, 2025)), title="Cuộc đối thoại — Sóc Sơn")
    notes = chart_words.deck_item(go.Figure(), spec, rows, catalog).notes
    assert len(notes) == 1 + len(rows) and rows["breakdown"].nunique() > 1
    for note, breakdown in zip(notes[1:], rows["breakdown_vi"], strict=True):
        assert note.startswith(f"Sóc Sơn (Hà Nội) — {breakdown}, "), note
