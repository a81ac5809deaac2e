"""core.ui.urlstate: URL parameters checked against what exists; anything invalid falls back and is recorded."""
import pytest

from core.ui.urlstate import BadParam, UrlState

OPTIONS = ["ha-noi", "gia-lai", "ha-noi.soc-son"]


@pytest.mark.parametrize(
    ("params", "expected", "problems"),
    [
        ({}, "ha-noi", []),
        ({"p": "gia-lai"}, "gia-lai", []),
        ({"p": ["ha-noi", "gia-lai"]}, "gia-lai", []),  # repeated key: the last one, as st.query_params
        ({"p": "ha-noi.khong-co"}, "ha-noi", [BadParam("p", "ha-noi.khong-co")]),
        ({"p": "<script>"}, "ha-noi", [BadParam("p", "<script>")]),
    ],
)
def test_choice(params, expected, problems):
    state = UrlState(params)
    assert state.choice("p", OPTIONS, "ha-noi") == expected
    assert state.problems == problems


@pytest.mark.parametrize(
    ("raw", "expected", "problems"),
    [
        (None, ["ha-noi"], []),
        ("gia-lai,ha-noi.soc-son", ["gia-lai", "ha-noi.soc-son"], []),
        ("gia-lai,gia-lai", ["gia-lai"], []),
        ("gia-lai,xyz", ["gia-lai"], [BadParam("loc", "xyz")]),
        ("xyz,abc", ["ha-noi"], [BadParam("loc", "xyz,abc")]),
        (",", ["ha-noi"], [BadParam("loc", ",")]),
    ],
)
def test_choices(raw, expected, problems):
    state = UrlState({} if raw is None else {"loc": raw})
    assert state.choices("loc", OPTIONS, ["ha-noi"]) == expected
    assert state.problems == problems


@pytest.mark.parametrize(
    ("raw", "expected", "bad"),
    [
        (None, (2015, 2025), False),
        ("2019-2024", (2019, 2024), False),
        ("2023", (2023, 2023), False),
        ("2019–2024", (2019, 2024), False),
        ("1990-2024", (2015, 2025), True),
        ("2024-2019", (2015, 2025), True),
        ("2019-2100", (2015, 2025), True),
        ("abc", (2015, 2025), True),
        ("2019-2020-2021", (2015, 2025), True),
    ],
)
def test_int_range(raw, expected, bad):
    state = UrlState({} if raw is None else {"years": raw})
    assert state.int_range("years", 2015, 2025, (2015, 2025)) == expected
    assert state.problems == ([BadParam("years", raw)] if bad else [])
