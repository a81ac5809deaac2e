"""Numbers, percentages, dates and periods written the Vietnamese way (13.663; 4,3%; 05/12/2024) with Babel."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from core.data.missing import is_missing
from core.data.period import Period, as_date
from core.words.i18n import t
from domain.kinds import QUALIFIERS

LOCALES = {"vi": "vi_VN", "en": "en_GB"}
MINUS = "\u2212"


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["vi"])


def number(value: float | int | None, lang: str = "vi", decimals: int = 1) -> str:
    """13663 → "13.663"; 81.5 → "81,5"; whole numbers without decimals; None → "–"."""
    if is_missing(value):
        return "–"
    assert value is not None
    pattern = "#,##0" if float(value).is_integer() else "#,##0." + "#" * decimals
    return _decimal(value, pattern, _locale(lang))


# Babel's formatting costs 20–60 µs a call and a page writes the same few hundred numbers and dates
# into hover texts, tables and captions on every rerun: each distinct one is formatted once.
@lru_cache(maxsize=65536)
def _decimal(value: float | int, pattern: str, locale: str) -> str:
    return format_decimal(value, format=pattern, locale=locale).replace("-", MINUS)


@lru_cache(maxsize=16384)
def _day(day: dt.date, locale: str) -> str:
    return format_date(day, "dd/MM/yyyy", locale=locale)


def signed(value: float | int | None, lang: str = "vi", decimals: int = 1) -> str:
    """118 → "+118"; -25 → "−25"; 0 → "0"."""
    if is_missing(value):
        return "–"
    assert value is not None
    text = number(abs(value), lang, decimals)
    if value > 0:
        return "+" + text
    if value < 0:
        return MINUS + text
    return text


def percent(value: float | None, lang: str = "vi", signed_: bool = False) -> str:
    """A percentage given in percent units: 4.3 → "4,3%"; with signed_ "+4,3%"."""
    if is_missing(value):
        return "–"
    assert value is not None
    text = format_percent(abs(value) / 100 if signed_ else value / 100, format="#,##0.0%", locale=_locale(lang))
    text = text.replace("-", MINUS).replace("\xa0", "")
    if signed_:
        if value > 0:
            return "+" + text
        if value < 0:
            return MINUS + text
    return text


def date(value: object, lang: str = "vi") -> str:
    """05/12/2024 (day/month/year in both languages); "" when unknown."""
    day = as_date(value)
    if day is None:
        return ""
    return _day(day, _locale(lang))


def published(value: str | None, lang: str = "vi") -> str:
    """A source's publication date as precisely as it is known: "2024-12-05" → "05/12/2024",
    "2024-12" → "12/2024", "2024" → "2024"; "" when unknown."""
    if is_missing(value) or not str(value).strip():
        return ""
    parts = str(value).strip().split("-")
    if len(parts) == 3:
        return date(dt.date.fromisoformat(str(value).strip()), lang)
    if len(parts) == 2:
        return format_date(dt.date(int(parts[0]), int(parts[1]), 1), "MM/yyyy", locale=_locale(lang))
    return parts[0]


def years(values: Iterable[int], lang: str = "vi") -> str:
    """Chosen years in words: "2024"; "2019–2024" for a run of years; "2019, 2022, 2024" otherwise; ""."""
    ys = sorted({int(v) for v in values})
    if not ys:
        return ""
    if len(ys) > 1 and ys == list(range(ys[0], ys[-1] + 1)):
        return t("period.years", lang, first=ys[0], last=ys[-1])
    return ", ".join(str(y) for y in ys)


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _month_end(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def period_label(kind: str, start: object, end: object, lang: str = "vi") -> str:
    """"năm 2024", "7 tháng 2024", "quý I/2024", "6 tháng đầu năm 2024", "lũy kế 2021 – 06/03/2024",
    "ngày 23/07/2024", "kỳ không rõ": what a figure's period is, never calling part of a year a year."""
    first, last = as_date(start), as_date(end)
    period = Period(kind, first, last)
    if period.is_full_year:
        assert last is not None
        return t("period.year", lang, year=last.year)
    if kind == "partial" and first and last:
        whole_months = first.day == 1 and first.year == last.year and _month_end(last)
        if whole_months and first.month % 3 == 1 and last.month == first.month + 2:
            return t("period.quarter", lang, quarter=_ROMAN[last.month // 3], year=last.year)
        if whole_months and first.month == 1 and last.month == 6:
            return t("period.first_half", lang, year=last.year)
        if whole_months and first.month == 1:
            return t("period.months", lang, months=last.month, year=last.year)
        return t("period.range", lang, start=date(first, lang), end=date(last, lang))
    if kind == "cumulative":
        begin = str(first.year) if first and first.month == 1 and first.day == 1 else date(first, lang)
        if last is None:
            return t("period.cumulative_open", lang, start=begin) if first else t("period.cumulative_unknown", lang)
        finish = str(last.year) if last.month == 12 and last.day == 31 else date(last, lang)
        if not first:
            return t("period.cumulative_until", lang, end=finish)
        return t("period.cumulative", lang, start=begin, end=finish)
    if kind == "event" and first and last:
        if first == last:
            return t("period.day", lang, day=date(first, lang))
        if first.day == 1 and _month_end(last) and first.month == last.month and first.year == last.year:
            return t("period.month", lang, month=f"{first.month:02d}/{first.year}")
        return t("period.range", lang, start=date(first, lang), end=date(last, lang))
    if first and last:
        return t("period.range", lang, start=date(first, lang), end=date(last, lang))
    return t("period.unknown", lang)


def qualified(value: float | None, qualifier: str, lang: str = "vi") -> str:
    """A value with its qualifier as the source said it: "hơn 40", "khoảng 24.240", "2.861", "4,25"."""
    text = number(value, lang, decimals=2)
    if qualifier != "exact" and qualifier in QUALIFIERS:
        return t(f"qualifier.{qualifier}", lang, value=text)
    return text


def locality_label(name: str, level: str, parent_name: str | None, valid_from: object, lang: str = "vi",
                   kind: str | None = None, district_kind: bool = False) -> str:
    """"Sóc Sơn (Hà Nội)" for a district ("huyện Sóc Sơn (Hà Nội)" with `district_kind`); "phường Ba Đình (Hà
    Nội)" for a commune-level unit, its kind in front (xã Sóc Sơn is not huyện Sóc Sơn); "Gia Lai (từ
    01/07/2025)" for a province created by the reform."""
    has_parent = not is_missing(parent_name) and bool(parent_name)
    if (level == "commune" or (level == "district" and district_kind)) and has_parent:
        kind_text = "" if is_missing(kind) or not kind else str(kind)
        if kind_text and name.casefold().startswith(kind_text.casefold() + " "):
            kind_text = ""  # the name says it already ("Xã BD-03-07" of a synthetic dataset)
        if kind_text:
            return t("locality.with_kind", lang, kind=kind_text, name=name, parent=parent_name)
    if level in ("district", "commune") and has_parent:
        return t("locality.district", lang, name=name, parent=parent_name)
    start = as_date(valid_from)
    if level == "province" and start is not None:
        return t("locality.new_province", lang, name=name, since=date(start, lang))
    return name


def until_label(label: str, valid_to: object, lang: str = "vi") -> str:
    """A unit's label with the last day it existed, when it ended: "Sóc Sơn (Hà Nội) — đến 30/06/2025"; the
    label alone for a unit that still exists."""
    end = as_date(valid_to)
    return label if end is None else t("locality.option_until", lang, name=label, until=date(end, lang))
