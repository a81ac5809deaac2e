"""What counts as no value in the rows a query hands back: None, NaN, pandas' NA and NaT (SQL NULL)."""
from __future__ import annotations

import math

import pandas as pd


def is_missing(value: object) -> bool:
    """True for None, NaN, pd.NA and NaT; False for every value, 0, False and "" included."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def text_or_none(value: object) -> str | None:
    """The value as text without outer spaces; None when it is missing or blank."""
    if is_missing(value):
        return None
    return str(value).strip() or None
