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


# A count written in words, 2 to 99, in folded (lower-case) text: "hai", "năm", "mười bảy", "hai mươi
# mốt", "ba mươi lăm". "một" alone is left out: it is as often "a" as "one" ("một mô hình tiêu biểu").
# Whether it is a number at all is for its reader to say (a unit after it: "năm cuộc", not "năm 2019").
_DIGIT_WORDS = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "nhăm": 5,
                "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
_TENS = r"(hai|ba|bốn|năm|sáu|bảy|tám|chín) mươi(?: (mốt|hai|ba|bốn|tư|lăm|nhăm|sáu|bảy|tám|chín))?"
_TEEN = r"mười(?: (một|hai|ba|bốn|lăm|nhăm|sáu|bảy|tám|chín))?"
WORD_NUMBER_RE = re.compile(
    rf"(?<![\wÀ-ỹ])(?:{_TENS}|{_TEEN}|(hai|ba|bốn|năm|sáu|bảy|tám|chín))(?![\wÀ-ỹ])")


def number_from_words(m: re.Match[str]) -> int:
    """The value of a WORD_NUMBER_RE match: "mười bảy" 17, "hai mươi mốt" 21, "năm" 5."""
    tens, tens_unit, teen_unit, single = m.groups()
    if tens:
        return 10 * _DIGIT_WORDS[tens] + (_DIGIT_WORDS[tens_unit] if tens_unit else 0)
    if single:
        return _DIGIT_WORDS[single]
    return 10 + (_DIGIT_WORDS[teen_unit] if teen_unit else 0)


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
