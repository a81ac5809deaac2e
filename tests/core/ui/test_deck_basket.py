"""core.ui.deck_basket: the charts collected for a deck, added once, moved within the list, removed."""
import pytest

from core.charts.spec import ChartSpec
from core.deck.slides import DeckItem
from core.ui import deck_basket


def _spec(chart_id: str, **kw) -> ChartSpec:
    return ChartSpec("trend-line", "reception_turns", "total", ("gia-lai",), (2023, 2024),
                     title=f"Biểu đồ {chart_id}", chart_id=chart_id, **kw)


def _basket(*ids: str) -> deck_basket.Basket:
    basket: deck_basket.Basket = ()
    for chart_id in ids:
        basket = deck_basket.added(basket, _spec(chart_id), DeckItem(f"Biểu đồ {chart_id}", png=b"png"))
    return basket


def _ids(basket: deck_basket.Basket) -> list[str]:
    return [entry.spec.chart_id for entry in basket]


def test_added_keeps_order_and_gives_each_chart_its_own_key():
    basket = _basket("a", "b", "c")
    assert _ids(basket) == ["a", "b", "c"]
    assert len({entry.key for entry in basket}) == 3
    assert [entry.item.title for entry in basket] == ["Biểu đồ a", "Biểu đồ b", "Biểu đồ c"]


def test_the_same_chart_with_the_same_filters_is_added_once():
    basket = _basket("a", "b")
    assert deck_basket.added(basket, _spec("a"), DeckItem("again", png=b"x")) is basket
    assert deck_basket.holds(basket, _spec("a"))
    # the same chart with other filters is another slide
    other = _spec("a", mode="change_pct")
    assert not deck_basket.holds(basket, other)
    assert _ids(deck_basket.added(basket, other, DeckItem("x", png=b"x"))) == ["a", "b", "a"]


@pytest.mark.parametrize(
    ("position", "step", "expected"),
    [
        (2, -1, ["a", "c", "b"]),
        (0, 1, ["b", "a", "c"]),
        (0, -1, ["a", "b", "c"]),  # the first cannot go up
        (2, 1, ["a", "b", "c"]),  # the last cannot go down
        (1, -5, ["b", "a", "c"]),
    ],
)
def test_moved(position, step, expected):
    basket = _basket("a", "b", "c")
    assert _ids(deck_basket.moved(basket, basket[position].key, step)) == expected


def test_removed_and_unknown_keys():
    basket = _basket("a", "b", "c")
    assert _ids(deck_basket.removed(basket, basket[1].key)) == ["a", "c"]
    assert deck_basket.removed(basket, "no-such-key") == basket
    assert deck_basket.moved(basket, "no-such-key", 1) == basket
    one = _basket("a")
    assert deck_basket.removed(one, one[0].key) == ()
