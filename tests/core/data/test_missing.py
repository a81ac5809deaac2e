"""core.data.missing: the one test of "no value" every module asks."""
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from core.data.missing import is_missing


@pytest.mark.parametrize(("value", "expected"), [
    (None, True), (float("nan"), True), (np.nan, True), (np.float64("nan"), True), (pd.NA, True), (pd.NaT, True),
    (0, False), (0.0, False), (False, False), ("", False), ("unknown", False), (np.int64(0), False),
    (dt.date(2024, 1, 1), False), (pd.Timestamp("2024-01-01"), False), (float("inf"), False),
])
def test_is_missing(value, expected):
    assert is_missing(value) is expected


def test_what_a_query_hands_back_for_null():
    frame = pd.DataFrame({"value": [1.0, None], "when": [pd.Timestamp("2024-01-01"), None],
                          "text": pd.array(["a", None], dtype="string")})
    assert [[is_missing(v) for v in frame[c].tolist()] for c in frame] == [[False, True]] * 3
