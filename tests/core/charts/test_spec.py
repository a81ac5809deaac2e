"""core.charts.spec: the one chart description of pages and decks: its kinds, file name and JSON."""
import pytest

from core.charts.spec import ChartSpec


@pytest.mark.parametrize(
    ("spec", "name"),
    [
        (ChartSpec("trend-line", "models_registered", "total", ("ha-noi", "gia-lai"), tuple(range(2015, 2026))),
         "models_registered_ha-noi_gia-lai_2015-2025"),
        (ChartSpec("ranking", "commendations", "collective", ("ha-noi.hoan-kiem",), period="2024"),
         "commendations_collective_ha-noi.hoan-kiem_2024"),
        (ChartSpec("trend-bar", "petitions", "total", ("gia-lai",), (2023, 2024), mode="change_pct"),
         "petitions_gia-lai_2023-2024_change_pct"),
        # a deck's chosen years need not follow each other: the name says from when to when
        (ChartSpec("compare", "petitions", "total", ("gia-lai",), (2024, 2022)), "petitions_gia-lai_2022-2024"),
        (ChartSpec("ranking", "x", None, tuple(f"l{i}" for i in range(6)), period="partial:2024-01-01:2024-07-31"),
         "x_l0_l1_l2_l3_and-2-more_partial-2024-01-01-2024-07-31"),
        (ChartSpec("profile", "Sóc Sơn / Đak Pơ"), "soc-son-dak-po"),
        (ChartSpec("profile", ""), "chart"),
    ],
)
def test_filename(spec, name):
    assert spec.filename() == name


def test_spec_to_dict_is_plain_json():
    spec = ChartSpec("ranking", "x", "total", ("ha-noi",), period="2024", title="Tiêu đề", chart_id="a")
    assert spec.to_dict() == {
        "chart_id": "a", "kind": "ranking", "title": "Tiêu đề", "indicator": "x", "breakdown": "total",
        "localities": ["ha-noi"], "years": None, "period": "2024", "mode": "absolute", "lang": "vi",
        "filename": "x_ha-noi_2024",
    }
    assert ChartSpec("trend-line", "x", years=(2023, 2024)).to_dict()["years"] == [2023, 2024]


@pytest.mark.parametrize(("kind", "is_trend"), [("trend-line", True), ("trend-bar", True), ("compare", False),
                                                ("ranking", False), ("overview-small", False), ("profile", False)])
def test_kinds(kind, is_trend):
    assert ChartSpec(kind, "x").is_trend is is_trend


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown chart kind 'pie'"):
        ChartSpec("pie", "x")
