"""core.charts.figures: what each chart draws, read back from the figure's JSON."""
import json

import pytest

from core.charts import figures, palette
from core.data.measures import rank_values
from tests.support.core_frames import frame, point

LABELS = {"ha-noi": "Hà Nội", "gia-lai": "Gia Lai"}
COLORS = {"ha-noi": "#0072B2", "gia-lai": "#D55E00"}
POINTS = frame(
    point("ha-noi", 13663, year=2023),
    point("ha-noi", 24254, "partial", "2024-01-01", "2024-07-31"),
    point("ha-noi", 11935, year=2025),
    point("gia-lai", 40, year=2023, derived=True, qualifier="at_least"),
    point("gia-lai", 1556, year=2024),
)


def _spec(fig):
    return json.loads(fig.to_json())


def _trend(points=POINTS, **kw):
    args = {"title": "Mô hình", "unit": "mô hình", "labels": LABELS, "colors": COLORS, "years": (2022, 2025)}
    args.update(kw)
    return _spec(figures.trend_figure(points, **args))


def test_full_years_join_with_gaps_and_partial_is_a_separate_point():
    spec = _trend()
    traces = {t["name"]: t for t in spec["data"]}
    assert list(traces) == ["Hà Nội", "Hà Nội — một phần năm", "Gia Lai"]
    hn = traces["Hà Nội"]
    assert hn["x"] == [2022, 2023, 2024, 2025]
    assert hn["y"] == [None, 13663.0, None, 11935.0]  # 2024 is a gap, not a zero
    assert hn["connectgaps"] is False and hn["mode"] == "lines+markers"
    part = traces["Hà Nội — một phần năm"]
    assert part["mode"] == "markers" and part["y"] == [24254.0] and part["x"] == [2024.22]
    assert part["marker"]["symbol"] == "diamond-open"
    assert "7 tháng 2024" in part["customdata"][0][1]


def test_derived_points_are_hollow_and_hover_says_qualifier_and_source():
    gl = next(t for t in _trend()["data"] if t["name"] == "Gia Lai")
    assert gl["marker"]["symbol"] == ["circle", "circle-open", "circle", "circle"]
    hover = gl["customdata"][1]
    assert hover[1] == "năm 2023"
    assert hover[2] == "hơn 40 mô hình"
    assert hover[3] == "Suy ra: suy ra từ mức tăng"
    assert hover[4] == "Báo Gia Lai, 05/12/2024: Báo cáo tổng kết"
    assert "%{customdata[4]}" in gl["hovertemplate"]


@pytest.mark.parametrize(
    ("mode", "expected_hn", "n_traces"),
    [
        ("absolute", [None, 13663.0, None, 11935.0], 3),
        ("change_abs", [None, None, None, None], 2),
        ("index", [None, 100.0, None, 87.3527], 2),
    ],
)
def test_modes_change_what_is_plotted(mode, expected_hn, n_traces):
    spec = _trend(mode=mode)
    hn = next(t for t in spec["data"] if t["name"] == "Hà Nội")
    assert [None if v is None else round(v, 4) for v in hn["y"]] == expected_hn
    assert len(spec["data"]) == n_traces  # part-year points only in absolute mode


def test_bar_chart_groups_years_and_patterns_derived_bars():
    spec = _trend(chart="bar")
    gl = next(t for t in spec["data"] if t["name"] == "Gia Lai")
    assert gl["type"] == "bar" and gl["y"] == [None, 40.0, 1556.0, None]
    assert gl["marker"]["pattern"]["shape"] == ["", "/", "", ""]
    assert spec["layout"]["barmode"] == "group"


def test_reform_marked_only_when_the_periods_span_it():
    spanning = _trend()
    assert [s["x0"] for s in spanning["layout"]["shapes"] if s["type"] == "line"] == [pytest.approx(2025, abs=0.01)]
    assert any("01/07/2025" in a["text"] for a in spanning["layout"]["annotations"])
    before = _trend(points=POINTS[POINTS["year"] <= 2024], years=(2022, 2024))
    assert not before["layout"].get("shapes")


def test_merged_gia_lai_is_its_own_series():
    points = frame(point("gia-lai", 1556, year=2024), point("gia-lai-2025", 2000, year=2025))
    labels = {"gia-lai": "Gia Lai", "gia-lai-2025": "Gia Lai (từ 01/07/2025)"}
    spec = _trend(points=points, labels=labels, colors=palette.series_colors(list(labels), provinces=list(labels)),
                  years=(2024, 2025))
    assert [(t["name"], t["y"]) for t in spec["data"]] == [
        ("Gia Lai", [1556.0, None]),
        ("Gia Lai (từ 01/07/2025)", [None, 2000.0]),
    ]
    assert spec["data"][0]["line"]["color"] != spec["data"][1]["line"]["color"]


def test_font_separators_and_escaped_text():
    spec = _trend(title='Mô hình "Dân vận khéo" <b>', lang="vi")
    assert spec["layout"]["font"]["family"] == "Noto Sans, DejaVu Sans, sans-serif"
    assert spec["layout"]["separators"] == ",."
    assert spec["layout"]["title"]["text"] == 'Mô hình "Dân vận khéo" &lt;b&gt;'
    assert _trend(lang="en")["layout"]["separators"] == ".,"


def test_ranking_largest_on_top_and_missing_not_drawn():
    values = frame(point("a", 5, year=2024), point("b", 21, year=2024), point("c", 9, year=2024, qualifier="at_least"))
    values.loc[len(values)] = values.iloc[0]
    values.loc[len(values) - 1, ["locality_id", "value"]] = ["d", None]
    spec = _spec(figures.ranking_figure(rank_values(values), title="t", subtitle="s", unit="u",
                                       labels={"a": "A", "b": "B", "c": "C", "d": "D"}, colors={}))
    bar = spec["data"][0]
    assert bar["orientation"] == "h"
    assert bar["y"] == ["B", "C", "A"] and bar["x"] == [21.0, 9.0, 5.0]
    assert bar["text"] == ["21", "hơn 9", "5"]
    assert spec["layout"]["yaxis"]["autorange"] == "reversed"


def test_province_colours_are_fixed_and_others_distinct():
    colors = palette.series_colors(["ha-noi.soc-son", "gia-lai", "ha-noi", "ha-noi.tay-ho"],
                                   provinces=["ha-noi", "gia-lai"])
    assert colors["ha-noi"] == "#0072B2" and colors["gia-lai"] == "#D55E00"
    assert len(set(colors.values())) == 4
    assert palette.series_colors(["gia-lai"], provinces=["gia-lai"]) == {"gia-lai": "#D55E00"}
    assert palette.province_color("da-nang") == palette.province_color("da-nang")


SAME = frame(
    point("ha-noi", 11200, year=2024),
    point("ha-noi", 11935, year=2025),
    point("ha-noi", 9000, "partial", "2025-01-01", "2025-09-30", derived=True, qualifier="approx"),
    point("ha-noi", 9840, "partial", "2026-01-01", "2026-09-30"),
    point("ha-noi", 2400, "partial", "2026-01-01", "2026-03-31"),  # no first quarter of 2025: not drawn
    point("gia-lai", 1556, year=2024),
    point("gia-lai", 800, "partial", "2025-01-01", "2025-06-30"),  # the year before is a full year: never compared
)


def test_same_period_mode_draws_each_period_against_the_same_months_a_year_before():
    spec = _trend(SAME, mode="same_period", years=(2025, 2026), drawn_years=(2025, 2026))
    drawn = {t["name"]: (t["x"], [None if y is None else round(y, 4) for y in t["y"]]) for t in spec["data"]}
    assert drawn == {"Hà Nội": ([2025, 2026], [6.5625, None]), "Hà Nội — một phần năm": ([2026.22], [9.3333])}
    part = next(t for t in spec["data"] if t["name"] == "Hà Nội — một phần năm")
    assert part["customdata"][0][1:3] == ["9 tháng 2026", "9.840 mô hình"]
    assert part["customdata"][0][5] == "<br>So với cùng kỳ (9 tháng 2025: khoảng 9.000): +9,3%"
    assert spec["layout"]["title"]["subtitle"]["text"] == "So với cùng kỳ năm trước (%)"
    assert [s["y0"] for s in spec["layout"]["shapes"] if s["type"] == "line" and s.get("yref") == "y"] == [0]
    labelled = _trend(SAME, mode="same_period", years=(2025, 2026), drawn_years=(2025, 2026), value_labels=True)
    assert [t["text"] for t in labelled["data"]] == [["+6,6%", ""], ["+9,3%"]]


@pytest.mark.parametrize(
    "build",
    [
        lambda: figures.trend_figure(POINTS, title="t", unit="u", labels=LABELS, colors=COLORS, years=(2022, 2025)),
        lambda: figures.trend_figure(POINTS, title="t", unit="u", labels=LABELS, colors=COLORS, mode="change_pct",
                                     chart="bar", lang="en", compact=True, value_labels=True),
        lambda: figures.trend_figure(POINTS, title="t", unit="u", labels=LABELS, colors=COLORS, mode="index",
                                     value_labels=True, drawn_years=[2023, 2024, 2025]),
        lambda: figures.trend_figure(SAME, title="t", unit="u", labels=LABELS, colors=COLORS, mode="same_period",
                                     years=(2024, 2026), drawn_years=(2025, 2026), value_labels=True),
        lambda: figures.ranking_figure(rank_values(POINTS[POINTS["period_kind"] == "year"]), title="t", subtitle="s",
                                       unit="u", labels=LABELS, colors=COLORS),
    ],
    ids=["trend-line", "trend-bar-change", "trend-index-labels", "trend-same-period-reform", "ranking"],
)
def test_figures_built_without_validation_are_what_plotly_validates(build):
    # figures.figure skips plotly's validation for speed: every property written must still be one plotly
    # knows, with a value it keeps as it is (a wrong name or value raises or changes here).
    fig = build()
    validated = figures.go.Figure(fig.to_dict())
    assert json.loads(validated.to_json()) == json.loads(fig.to_json())
