"""Periods and dates as Vietnamese reports print them: "năm 2023", "7 tháng năm 2024", "quý I",
"từ năm 2021 đến nay", "giai đoạn 2020-2025", "nhiệm kỳ 2015 - 2020", "sáng 6-3"."""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

YEAR = r"(19[4-9]\d|20\d\d|2100)"
DASH = r"\s*[-–—]\s*"
MAX_RANGE_YEARS = 30  # "1954-2024" is an anniversary, not a period
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month, or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str | None) -> PartialDate | None:
        """'2024-12-05', '2024-12', '2024' or 'unknown'/'' (None)."""
        if not text:
            return None
        m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", str(text))
        if not m:
            return None
        y, mo, d = (int(g) if g else None for g in m.groups())
        try:
            date(y, mo or 1, d or 1)
        except ValueError:
            return None
        return cls(y, mo, d)

    @property
    def first(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> date:
        if self.day:
            return date(self.year, self.month, self.day)
        if self.month:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True)
class Period:
    """What a figure covers. `start`/`end` are None when the text does not say."""

    kind: str  # year | partial | cumulative | event
    start: date | None
    end: date | None
    text: str = ""

    @property
    def year(self) -> int | None:
        return self.end.year if self.end else None

    def shifted_to_year(self, year: int) -> Period:
        """The same span in another year ("so với cùng kỳ năm 2022"): a span across two years
        (12 months of reporting) moves by as many years as its end does."""
        shift = year - self.end.year if self.end else 0

        def move(d: date | None) -> date | None:
            if d is None:
                return None
            y = d.year + shift if self.end else year
            last = calendar.monthrange(y, d.month)[1]
            return date(y, d.month, min(d.day, last))
        return replace(self, start=move(self.start), end=move(self.end), text=f"năm {year}")


@dataclass(frozen=True)
class PeriodMention:
    """A period phrase found in text. `ref` marks phrases that point at the report's own
    period ("kỳ báo cáo", "trong 10 năm"), or at the same span a year earlier ("cùng kỳ năm
    trước": `same_span`); `compare` marks "so với năm 2023"."""

    start_pos: int
    end_pos: int
    period: Period | None
    ref: str = ""  # "", "doc", "prev", "duration", "same_span", "until_now", "year_before"
    compare: bool = False
    prior: bool = False  # the period of a prior value ("còn 286 đơn, từ 590 đơn của năm 2022")
    needs_now: bool = False  # end is "đến nay": the report's date
    needs_year: bool = False  # year not printed ("6 tháng đầu năm", "quý I")
    months: tuple[int, int] | None = None  # for needs_year: first and last month
    years: int | None = None  # for "trong 10 năm"
    relative_year: int | None = None  # "năm nay" 0, "năm ngoái" -1: the year from the report's date


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _year_period(y: int, text: str) -> Period:
    return Period("year", date(y, 1, 1), date(y, 12, 31), text)


def _months(y: int | None, m1: int, m2: int, text: str) -> tuple[Period | None, bool]:
    if y is None:
        return None, True
    kind = "year" if (m1, m2) == (1, 12) else "partial"
    return Period(kind, date(y, m1, 1), month_end(y, m2), text), False


_NUM_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
              "mười": 10, "mười một": 11, "mười hai": 12}
_NUM = r"(\d{1,2}|một|hai|ba|bốn|sáu|bảy|tám|chín|mười một|mười hai|mười)"
# A year said relative to the report's date: "năm nay", "năm ngoái", "năm trước".
_RELATIVE = {"nay": 0, "ngoái": -1, "trước": -1}
REL = r"(nay|ngoái|trước)"
# "…năm 2024" or "…năm nay": the year slot of a phrase (two groups: the year, the relative word).
YEAR_OR_REL = rf"(?:năm\s+)?{YEAR}|năm\s+{REL}"
_DAY = r"(\d{1,2})[/-](\d{1,2})"
# "gấp đôi", "bằng khoảng một nửa", "gấp gần 2 lần": a ratio, with a qualifier or none.
RATIO_QUALIFIER = r"(?:(?:khoảng|gần|hơn|trên|xấp xỉ|chỉ) )?"
_RATIO = (rf"(?:gấp {RATIO_QUALIFIER}(?:đôi|rưỡi|ba|\d+(?:,\d+)? lần)"
          rf"|bằng {RATIO_QUALIFIER}(?:một nửa|\d+(?:,\d+)? ?%|\d+(?:,\d+)? lần))")


@dataclass(frozen=True)
class _Rule:
    """One kind of period phrase: its pattern, a word it cannot match without (a cheap test first),
    and how a match becomes a PeriodMention (None when the match is no period after all)."""

    name: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...]
    build: Callable[[re.Match[str]], PeriodMention | None]


def _num(token: str) -> int:
    return int(token) if token.isdigit() else _NUM_WORDS[token]


def _at(m: re.Match[str], period: Period | None, **kw: object) -> PeriodMention:
    return PeriodMention(m.start(), m.end(), period, **kw)


def _year_slot(year: str | None, rel: str | None) -> tuple[int | None, int | None]:
    """(printed year, relative offset) of a year slot; both None when the phrase has no year."""
    return (int(year) if year else None), (_RELATIVE[rel] if rel else None)


def _month_span(m: re.Match[str], m1: int, m2: int, year: str | None, rel: str | None) -> PeriodMention:
    """Months m1..m2 of a printed year, of a year relative to the report, or of the report's year."""
    y, offset = _year_slot(year, rel)
    if y is not None:
        kind = "year" if (m1, m2) == (1, 12) else "partial"
        return _at(m, Period(kind, date(y, m1, 1), month_end(y, m2), m.group(0)), months=(m1, m2))
    return _at(m, None, needs_year=True, months=(m1, m2), relative_year=offset)


def _span_kind(start: date, end: date) -> str:
    """A span of dates: a calendar year or twelve months of reporting is a year ("từ 16/11/2020
    đến 15/11/2021"); shorter is partial (one month, a quarter); longer is cumulative."""
    days = (end - start).days + 1
    if 350 <= days <= 380:
        return "year"
    return "partial" if days < 350 else "cumulative"


def _date_span(m: re.Match[str], start: tuple[int, int, int | None],
               end: tuple[int, int, int]) -> PeriodMention | None:
    (d1, m1, y1), (d2, m2, y2) = start, end
    if y1 is None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    first, last = safe_date(y1, m1, d1), safe_date(y2, m2, d2)
    if first is None or last is None or last < first:
        return None
    return _at(m, Period(_span_kind(first, last), first, last, m.group(0)))


# --- builders, one per rule ---------------------------------------------------------------------------
def _compare_year(m: re.Match[str]) -> PeriodMention:
    return _at(m, _year_period(int(m.group(1)), m.group(0)), compare=True)


def _compare_prev(m: re.Match[str]) -> PeriodMention:
    return _at(m, None, compare=True)


def _compare_ratio(m: re.Match[str]) -> PeriodMention:
    year, rel = m.group(1), m.group(2)
    if year:
        return _at(m, _year_period(int(year), m.group(0)), compare=True)
    return _at(m, None, compare=True, relative_year=_RELATIVE[rel] if rel else -1)


def _term_now(m: re.Match[str]) -> PeriodMention:
    start = _term_start(int(m.group(1))) if m.group(1) else None
    return _at(m, Period("cumulative", start, None, m.group(0)), needs_now=True)


def _years_from_to(m: re.Match[str]) -> PeriodMention | None:
    """"từ năm 2021 đến năm 2024"."""
    y1, y2 = int(m.group(1)), int(m.group(2))
    if y2 < y1:
        return None
    return _at(m, Period("cumulative", date(y1, 1, 1), date(y2, 12, 31), m.group(0)))


def _years_range(m: re.Match[str]) -> PeriodMention | None:
    """"giai đoạn 2020-2025"; two years far apart are something else (an anniversary)."""
    y1, y2 = int(m.group(1)), int(m.group(2))
    if not y1 < y2 <= y1 + MAX_RANGE_YEARS:
        return None
    return _at(m, Period("cumulative", date(y1, 1, 1), date(y2, 12, 31), m.group(0)))


def _since_year(m: re.Match[str]) -> PeriodMention:
    return _at(m, Period("cumulative", date(int(m.group(1)), 1, 1), None, m.group(0)), needs_now=True)


def _since_day(m: re.Match[str]) -> PeriodMention | None:
    first = safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if first is None:
        return None
    return _at(m, Period("cumulative", first, None, m.group(0)), needs_now=True)


def _day_range(m: re.Match[str]) -> PeriodMention | None:
    g = m.groups()
    return _date_span(m, (int(g[0]), int(g[1]), int(g[2]) if g[2] else None), (int(g[3]), int(g[4]), int(g[5])))


def _day_span(m: re.Match[str]) -> PeriodMention | None:
    """"(15/12/2023 - 14/12/2024)": a reporting span; two dates years apart are an anniversary."""
    g = m.groups()
    found = _date_span(m, (int(g[0]), int(g[1]), int(g[2])), (int(g[3]), int(g[4]), int(g[5])))
    return found if found and found.period.kind != "cumulative" else None


def _since_month(m: re.Match[str]) -> PeriodMention | None:
    mo = int(m.group(1))
    if not 1 <= mo <= 12:
        return None
    return _at(m, Period("cumulative", date(int(m.group(2)), mo, 1), None, m.group(0)), needs_now=True)


def _month_range(m: re.Match[str]) -> PeriodMention | None:
    m1, y1, m2, y2 = m.group(1), m.group(2) or m.group(3), m.group(4), m.group(5) or m.group(6)
    m1, m2 = int(m1), int(m2)
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12):
        return None
    if y2 is None:
        return _at(m, None, needs_year=True, months=(m1, m2)) if m1 <= m2 else None
    end_year = int(y2)
    start_year = int(y1) if y1 else (end_year if m1 <= m2 else end_year - 1)
    first, last = date(start_year, m1, 1), month_end(end_year, m2)
    if last < first:
        return None
    return _at(m, Period(_span_kind(first, last), first, last, m.group(0)))


def _until_day(m: re.Match[str]) -> PeriodMention | None:
    end = safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if end is None:
        return None
    return _at(m, Period("partial", date(end.year, 1, 1), end, m.group(0)))


def _until_year_end(m: re.Match[str]) -> PeriodMention:
    y = int(m.group(1))
    return _at(m, Period("cumulative", None, date(y, 12, 31), m.group(0)))


def _until_month_end(m: re.Match[str]) -> PeriodMention | None:
    """"tính đến cuối tháng 11/2025", "đến hết tháng 10": from the year's start to that month's end."""
    mo = int(m.group(1))
    if not 1 <= mo <= 12:
        return None
    return _month_span(m, 1, mo, m.group(2) or m.group(3), m.group(4))


def _until_now(m: re.Match[str]) -> PeriodMention:
    """"Đến nay, toàn quận có 168 mô hình": up to the report's date, within the report's own period."""
    return _at(m, None, ref="until_now", needs_now=True)


def _ytd_until_day(m: re.Match[str]) -> PeriodMention | None:
    end = safe_date(int(m.group(4)), int(m.group(3)), int(m.group(2)))
    if end is None or (m.group(1) and int(m.group(1)) != end.year):
        return None
    return _at(m, Period("partial", date(end.year, 1, 1), end, m.group(0)))


def _ytd(m: re.Match[str]) -> PeriodMention:
    y, offset = _year_slot(m.group(1), m.group(2))
    if y is not None:
        return _at(m, Period("partial", date(y, 1, 1), None, m.group(0)), needs_now=True)
    return _at(m, None, needs_now=True, needs_year=True, months=(1, 0), relative_year=offset)


def _months_first(m: re.Match[str]) -> PeriodMention | None:
    n = _num(m.group(1))
    if not 1 <= n <= 12:
        return None
    m1, m2 = (1, n) if m.group(2) == "đầu" else (13 - n, 12)
    return _month_span(m, m1, m2, m.group(3), m.group(4))


def _half(m: re.Match[str]) -> PeriodMention:
    m1, m2 = (1, 6) if m.group(1) == "đầu" else (7, 12)
    return _month_span(m, m1, m2, m.group(2), m.group(3))


def _months(m: re.Match[str]) -> PeriodMention | None:
    n = _num(m.group(1))
    if not 1 <= n <= 12:
        return None
    return _month_span(m, 1, n, m.group(2), m.group(3))


def _quarter(m: re.Match[str]) -> PeriodMention:
    q = _ROMAN[m.group(1)]
    return _month_span(m, 3 * q - 2, 3 * q, m.group(2) or m.group(3), m.group(4))


def _month(m: re.Match[str]) -> PeriodMention | None:
    mo = int(m.group(1))
    if not 1 <= mo <= 12:
        return None
    return _month_span(m, mo, mo, m.group(2) or m.group(3), m.group(4))


def _year(m: re.Match[str]) -> PeriodMention:
    return _at(m, _year_period(int(m.group(1)), m.group(0)))


def _relative_year(m: re.Match[str]) -> PeriodMention:
    """"năm nay", "năm ngoái": counted from the report's date; "năm trước": the year before the one
    the text is about ("Năm qua … tiếp nhận 44.105 đơn, trong khi năm trước là 47.390 đơn")."""
    ref = "year_before" if m.group(1) == "trước" else ""
    return _at(m, None, ref=ref, needs_year=True, months=(1, 12), relative_year=_RELATIVE[m.group(1)])


def _same_span_of_year(m: re.Match[str]) -> PeriodMention:
    """"Cùng kỳ năm 2023" (a column beside "9 tháng năm 2024"): the current span, in 2023."""
    return _at(m, _year_period(int(m.group(1)), m.group(0)), ref="same_span")


def _same_span_last_year(m: re.Match[str]) -> PeriodMention:
    return _at(m, None, ref="same_span", relative_year=-1)


def _months_past(m: re.Match[str]) -> PeriodMention | None:
    n = _num(m.group(1))
    if not 1 <= n <= 12:
        return None
    return _at(m, None, needs_year=True, months=(1, n))


def _this_year(m: re.Match[str]) -> PeriodMention:
    return _at(m, None, needs_year=True, months=(1, 12))


def _month_no_year(m: re.Match[str]) -> PeriodMention | None:
    mo = int(m.group(1))
    if not 1 <= mo <= 12:
        return None
    return _at(m, None, needs_year=True, months=(mo, mo))


def _years_ago(m: re.Match[str]) -> PeriodMention:
    return _at(m, Period("cumulative", None, None, m.group(0)), needs_now=True, years=int(m.group(1)))


def _duration(m: re.Match[str]) -> PeriodMention:
    return _at(m, None, ref="duration", years=int(m.group(1)))


def _prev_ref(m: re.Match[str]) -> PeriodMention:
    return _at(m, None, ref="prev")


def _doc_ref(m: re.Match[str]) -> PeriodMention:
    return _at(m, None, ref="doc")


_FROM = r"(?:kể |tính )?từ"
_TO = r"(?:đến|tới|-)\s*(?:hết\s+)?"
_NOT_VAGUE = r"(?<!những )(?<!các )(?<!nhiều )(?<!mấy )"
# Ordered: longer, more specific patterns first; matches may not overlap.
_RULES: list[_Rule] = [
    _Rule("compare_ratio", re.compile(
        rf"{_RATIO}\s+(?:so với\s+)?(?:cùng kỳ\s+)?(?:(?:năm\s+)?{YEAR}|năm\s+{REL}|cùng kỳ|kỳ trước)"),
          ("gấp", "bằng"), _compare_ratio),
    _Rule("compare_year", re.compile(rf"so với (?:cùng kỳ )?(?:năm )?{YEAR}"), ("so với",), _compare_year),
    _Rule("compare_prev", re.compile(r"so với (?:cùng kỳ(?: năm (?:trước|ngoái))?|năm trước|năm ngoái|kỳ trước)"),
          ("so với",), _compare_prev),
    _Rule("same_span_of_year", re.compile(rf"{_NOT_VAGUE}cùng kỳ (?:năm )?{YEAR}"), ("cùng kỳ",), _same_span_of_year),
    _Rule("term_now", re.compile(
        rf"(?:kể )?từ đầu nhiệm kỳ(?: \(?{YEAR}{DASH}{YEAR}\)?)?(?:[^.;]{{0,40}}?(?:đến|tới) nay)?"),
        ("nhiệm kỳ",), _term_now),
    _Rule("day_range", re.compile(
        rf"{_FROM} (?:ngày\s+)?{_DAY}(?:[/-]{YEAR})?\s*{_TO}(?:ngày\s+)?{_DAY}[/-]{YEAR}"),
        ("từ",), _day_range),
    _Rule("month_range", re.compile(
        rf"{_FROM} tháng (\d{{1,2}})(?:/{YEAR}| năm {YEAR})?\s*{_TO}(?:tháng\s+)?(\d{{1,2}})(?:/{YEAR}| năm {YEAR})?"),
        ("tháng",), _month_range),
    _Rule("day_span", re.compile(rf"\(?{_DAY}[/-]{YEAR}\s*-\s*{_DAY}[/-]{YEAR}\)?"), ("-",), _day_span),
    _Rule("since_month", re.compile(rf"{_FROM} tháng (\d{{1,2}})(?:/| năm ){YEAR}\s*(?:đến|tới) (?:nay|hiện nay)"),
          ("tháng",), _since_month),
    _Rule("since_day", re.compile(rf"{_FROM} (?:ngày\s+)?{_DAY}[/-]{YEAR}\s*(?:đến|tới) (?:nay|hiện nay)"),
          ("từ",), _since_day),
    _Rule("ytd_until_day", re.compile(rf"từ đầu năm(?: {YEAR})? (?:đến|tới) (?:hết )?ngày {_DAY}[/-]{YEAR}"),
          ("đầu năm",), _ytd_until_day),
    _Rule("range_to_year", re.compile(rf"(?:kể )?từ (?:năm )?{YEAR} (?:đến|tới) (?:hết )?(?:năm )?{YEAR}"),
          ("từ",), _years_from_to),
    _Rule("since_now", re.compile(rf"(?:kể )?từ (?:năm )?{YEAR}(?: [^.;\d]{{0,30}}?)? (?:đến|tới) nay"),
          ("từ",), _since_year),
    _Rule("since_event", re.compile(
        rf"(?:kể )?từ (?:khi|lúc|ngày)[^.;]{{0,50}}?(?:năm )?{YEAR}\)?[^.;\d]{{0,30}}?(?:đến|tới) nay"),
        ("từ",), _since_year),
    _Rule("since", re.compile(rf"(?:kể )?từ (?:năm )?{YEAR}(?= *[,.;]| trở lại đây)"), ("từ",), _since_year),
    _Rule("range", re.compile(
        rf"(?:(?:giai đoạn|nhiệm kỳ|thời kỳ|chặng đường|trong)\s+)?(?:\d+\s+năm\s*)?\(?{YEAR}{DASH}{YEAR}\)?"),
        ("-",), _years_range),
    _Rule("until_date", re.compile(r"(?:tính )?(?:đến|tới) (?:hết )?ngày (\d{1,2})[/-](\d{1,2})[/-](\d{4})"),
          ("ngày",), _until_day),
    _Rule("until_year_end", re.compile(rf"(?:tính )?(?:đến|tới) (?:hết|cuối) năm {YEAR}"), ("năm",), _until_year_end),
    _Rule("until_month_end", re.compile(
        rf"(?:tính )?(?:đến|tới) (?:hết |cuối )?tháng (\d{{1,2}})(?:/{YEAR}|\s+năm\s+(?:{YEAR}|{REL}))?(?![\d/])"),
        ("tháng",), _until_month_end),
    _Rule("ytd", re.compile(rf"từ đầu năm(?: {YEAR}| {REL})?(?: (?:đến|tới) nay)?"), ("đầu năm",), _ytd),
    _Rule("until_now", re.compile(r"(?:tính )?(?:đến|tới) (?:nay|thời điểm này|thời điểm hiện tại)(?![\wÀ-ỹ])"),
          ("nay", "thời điểm"), _until_now),
    _Rule("months_first", re.compile(rf"{_NUM} tháng (đầu|cuối) năm(?: {YEAR}| {REL})?"), ("tháng",), _months_first),
    _Rule("half", re.compile(rf"nửa (đầu|cuối) năm(?: {YEAR}| {REL})?"), ("nửa",), _half),
    _Rule("months", re.compile(rf"{_NUM} tháng(?: năm)? (?:{YEAR}|năm {REL})"), ("tháng",), _months),
    _Rule("quarter", re.compile(rf"quý (iv|iii|ii|i|[1-4])(?:\s*/\s*{YEAR}|\s+(?:năm\s+)?{YEAR}|\s+năm\s+{REL})?"),
          ("quý",), _quarter),
    _Rule("month", re.compile(rf"tháng (\d{{1,2}})(?:/{YEAR}|\s+năm\s+(?:{YEAR}|{REL}))"), ("tháng",), _month),
    _Rule("year", re.compile(rf"(?<!\d )năm {YEAR}"), ("năm",), _year),
    _Rule("same_span_last_year", re.compile(rf"{_NOT_VAGUE}cùng kỳ năm (?:trước|ngoái)"), ("cùng kỳ",),
          _same_span_last_year),
    _Rule("relative_year", re.compile(rf"{_NOT_VAGUE}(?<!\d )năm (ngoái|trước)(?! đây| đó)(?![\wÀ-ỹ])"), ("năm",),
          _relative_year),
    _Rule("relative_this_year", re.compile(r"(?<!\d )năm (nay)(?![\wÀ-ỹ])"), ("năm nay",), _relative_year),
    _Rule("months_past", re.compile(rf"{_NUM} tháng (?:qua|vừa qua|đã qua)"), ("tháng",), _months_past),
    _Rule("this_year", re.compile(
        r"(?:(?:trong|cả|suốt) năm(?!\s*\d)(?! (?:tới|sau|trước|ngoái|nay|\d))|(?<!\d )năm qua(?![\wÀ-ỹ]))"),
        ("năm",), _this_year),
    _Rule("month_no_year", re.compile(r"(?<!\d )tháng (\d{1,2})(?![\d/-])(?! năm \d)"), ("tháng",), _month_no_year),
    _Rule("years_ago", re.compile(r"(\d{1,2}) năm (?:qua|vừa qua|trở lại đây)"), ("năm",), _years_ago),
    _Rule("duration", re.compile(r"(?:trong|sau|của) (\d{1,2}) năm"), ("năm",), _duration),
    _Rule("prev_ref", re.compile(
        r"(?:cũng )?(?:trong|cùng) (?:thời gian|khoảng thời gian|giai đoạn|thời kỳ) (?:này|đó|trên)"),
        ("thời gian", "giai đoạn", "thời kỳ"), _prev_ref),
    _Rule("same_span_printed", re.compile(r"(?<![\wÀ-ỹ])cùng kỳ(?=\s*(?::|là)\s*\d)"), ("cùng kỳ",),
          _same_span_last_year),  # "(cùng kỳ: 290 lượt)", "cùng kỳ là 1.650": the same span a year before
    _Rule("doc_ref", re.compile(r"(?:trong|cùng) kỳ(?: báo cáo)?|kỳ báo cáo|(?<![\wÀ-ỹ])kỳ này"), ("kỳ",), _doc_ref),
    _Rule("previous_span", re.compile(r"(?<![\wÀ-ỹ])kỳ trước(?![\wÀ-ỹ])"), ("kỳ trước",), _same_span_last_year),
]


def _term_start(first_year: int) -> date:
    """People's Council and National Assembly terms (2016-2021, 2021-2026) begin after the May
    elections; Party terms (2015-2020, 2020-2025) at the congresses of the first year."""
    return date(first_year, 6, 1) if first_year % 5 == 1 else date(first_year, 1, 1)


# Right before a period phrase: the phrase is what a figure is compared with, not its own period
# ("so với quý II", "so với 6 tháng đầu năm 2023", "nhiều hơn năm ngoái", "ít hơn cùng kỳ năm trước").
# So is a period after a ratio or an equal ("gấp 1,2 lần kỳ trước", "bằng số cuộc của cả năm 2023").
_COMPARED_BEFORE = re.compile(r"(?:(?<![\wÀ-ỹ])so với|(?:nhiều|ít|cao|thấp|tăng|giảm) hơn|" + _RATIO +
                              r"|(?<![\wÀ-ỹ])bằng(?: [^\d.;,()]{0,40}? của)?(?: cả)?)\s+(?:cùng kỳ\s+)?$")

# Right before a period phrase: a prior value that a figure came from ("giảm còn 286 đơn, từ 590 đơn
# của năm 2022", "tăng từ 400 lượt năm 2023 lên 448 lượt"); the phrase is that value's own period, and
# neither the other figure's nor the period the passage goes on with.
_PRIOR_VALUE_BEFORE = re.compile(r"(?<![\wÀ-ỹ])từ (?:gần |hơn |khoảng )?\d[\d.,]*"
                                 r"(?: [^\d;,.()]{1,25}?)?\s*(?:của\s+|trong\s+|\(\s*)?$")


@lru_cache(maxsize=8192)
def find_periods(folded: str) -> tuple[PeriodMention, ...]:
    """Period phrases in lower-cased folded text, in order of position (cached: sentences are read
    several times, for each figure and for the figures of the next sentences)."""
    taken: list[tuple[int, int]] = []
    found: list[PeriodMention] = []
    for rule in _RULES:
        if not any(word in folded for word in rule.needs):
            continue  # cheap test first: most patterns need a word the sentence does not have
        for m in rule.pattern.finditer(folded):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            mention = rule.build(m)
            if mention is None:
                continue
            if not mention.compare and _COMPARED_BEFORE.search(folded, 0, s):
                mention = replace(mention, compare=True, ref="")
            elif not mention.compare and _PRIOR_VALUE_BEFORE.search(folded, 0, s):
                mention = replace(mention, prior=True)
            taken.append((s, e))
            found.append(mention)
    return tuple(sorted(found, key=lambda p: p.start_pos))


# Event dates: "Sáng 23/7/2024", "chiều 14/10/2019", "ngày 4-12", "Ngày 18/12/2025".
EVENT_DATE_RE = re.compile(
    r"(?<![\w/])(sáng|chiều|tối|trưa|ngày|hôm|đêm)\s+(?:nay\s+)?\(?(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?(?![\d/-])"
)
# Dates of documents: "Chỉ thị số 24-CT/TU ngày 7-8-2023" tell the earliest the report can be.
ANY_FULL_DATE_RE = re.compile(r"(?<![\d/-])(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?![\d/-])")
# Datelines of web pages: "08:14 05/12/2024", "Thứ tư, 27/12/2023 16:28", "(13:10 14/11/2020)".
DATELINE_RE = re.compile(
    r"(?:\d{1,2}:\d{2}\s+(\d{1,2})/(\d{1,2})/(\d{4}))"
    r"|(?:(?:thứ\s+\w+|chủ nhật),?\s+(\d{1,2})/(\d{1,2})/(\d{4}))"
    r"|(?:(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})\s+\d{1,2}:\d{2})",
    re.IGNORECASE,
)


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def find_dateline(lines: list[str]) -> date | None:
    """The publication date printed near the top of a web page, if any."""
    for line in lines:
        m = DATELINE_RE.search(line)
        if m:
            nums = [int(x) for x in m.groups() if x is not None]
            found = safe_date(nums[2], nums[1], nums[0])
            if found:
                return found
    return None
