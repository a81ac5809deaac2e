"""core.data.period: the period keys used in URLs."""
import datetime as dt

import pytest

from core.data.period import Period

D = dt.date.fromisoformat


@pytest.mark.parametrize(
    ("period", "key"),
    [
        (Period.year(2024), "2024"),
        (Period("partial", D("2024-01-01"), D("2024-07-31")), "partial:2024-01-01:2024-07-31"),
        (Period("cumulative", D("2009-01-01"), None), "cumulative:2009-01-01:"),
        (Period("year", D("2023-07-01"), D("2024-06-30")), "year:2023-07-01:2024-06-30"),
    ],
)
def test_key_round_trip(period, key):
    assert period.key == key
    assert Period.from_key(key) == period


@pytest.mark.parametrize("key", ["", "20x4", "week:2024-01-01:2024-01-07", "partial:2024-13-01:",
                                 "partial:2024-07-01:2024-01-01", "a:b"])
def test_bad_keys_raise(key):
    with pytest.raises(ValueError):
        Period.from_key(key)
