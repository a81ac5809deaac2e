"""Vietnamese printed numbers: "13.663" is 13663, "81,5" is 81.5, "hơn 40" is at least 40."""
from __future__ import annotations

import re

from etl.errors import InputError

# A number as printed: thousands with "." (or "," in English-style copies), decimals with ",".
# After "/" only when a word stands before it ("2.861 lượt/3.150 người"), not a number or a Roman
# numeral ("17/17", "12/2024", "quý IV/2018").
NUMBER_RE = re.compile(
    r"(?<![\w.,:-])(?<![\d./]/)(?<![\s(][ivxIVX]/)(?<![\s(][ivxIVX]{2}/)(?<![\s(][ivxIVX]{3}/)"
    r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:,\d+)?)"
    r"(?![\w/:]|[.,-]\d|-)"
)


def parse_vietnamese_number(text: str, *, count: bool = True) -> float:
    """Parse one printed number.

    `count=True` says the number counts things (lượt, đơn, mô hình): counts are
    whole, so "1,327" there is the English-style 1327, not 1.327.
    """
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if not re.fullmatch(r"\d[\d.,]*", s):
        raise InputError(f"không phải số: {text!r}")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", s):
        return float(s.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(,\d{3})+", s) and (count or s.count(",") > 1):
        return float(s.replace(",", ""))
    if re.fullmatch(r"\d+(,\d+)?", s):
        return float(s.replace(",", "."))
    if re.fullmatch(r"\d+\.\d{1,2}", s):
        # "81.5" in an English-style copy: a decimal point, not a thousands separator.
        return float(s)
    raise InputError(f"không đọc được số: {text!r}")


def as_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
