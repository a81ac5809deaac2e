"""Periods and dates as Vietnamese reports print them: "năm 2023", "7 tháng năm 2024", "quý I",
"từ năm 2021 đến nay", "giai đoạn 2020-2025", "nhiệm kỳ 2015 - 2020", "sáng 6-3"."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

YEAR = r"(19[4-9]\d|20\d\d|2100)"
DASH = r"\s*[-–—]\s*"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True)
class PartialDate:
    """A date known to the day, the month, or only the year."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str | None) -> "PartialDate | None":
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

    def shifted_to_year(self, year: int) -> "Period":
        """The same span in another year ("so với cùng kỳ năm 2022")."""
        def move(d: date | None) -> date | None:
            if d is None:
                return None
            last = calendar.monthrange(year, d.month)[1]
            return date(year, d.month, min(d.day, last))
        return replace(self, start=move(self.start), end=move(self.end), text=f"năm {year}")


@dataclass(frozen=True)
class PeriodMention:
    """A period phrase found in text. `ref` marks phrases that point at the report's own
    period ("kỳ báo cáo", "trong 10 năm"); `compare` marks "so với năm 2023"."""

    start_pos: int
    end_pos: int
    period: Period | None
    ref: str = ""  # "", "doc", "duration"
    compare: bool = False
    needs_now: bool = False  # end is "đến nay": the report's date
    needs_year: bool = False  # year not printed ("6 tháng đầu năm", "quý I")
    months: tuple[int, int] | None = None  # for needs_year: first and last month
    years: int | None = None  # for "trong 10 năm"


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

# Ordered: longer, more specific patterns first; matches may not overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("compare_year", re.compile(rf"so với (?:cùng kỳ )?(?:năm )?{YEAR}")),
    ("compare_prev", re.compile(r"so với (?:cùng kỳ(?: năm trước)?|năm trước|năm ngoái|kỳ trước)")),
    ("term_now", re.compile(rf"(?:kể )?từ đầu nhiệm kỳ(?: \(?{YEAR}{DASH}{YEAR}\)?)?(?:[^.;]{{0,40}}?(?:đến|tới) nay)?")),
    ("range_to_year", re.compile(rf"(?:kể )?từ (?:năm )?{YEAR} (?:đến|tới) (?:hết )?(?:năm )?{YEAR}")),
    ("since_now", re.compile(rf"(?:kể )?từ (?:năm )?{YEAR}(?: [^.;\d]{{0,30}}?)? (?:đến|tới) nay")),
    ("since_event", re.compile(rf"(?:kể )?từ (?:khi|lúc|ngày)[^.;]{{0,50}}?(?:năm )?{YEAR}\)?[^.;\d]{{0,30}}?(?:đến|tới) nay")),
    ("since", re.compile(rf"(?:kể )?từ (?:năm )?{YEAR}(?= *[,.;]| trở lại đây)")),
    ("range", re.compile(rf"(?:(?:giai đoạn|nhiệm kỳ|thời kỳ|chặng đường|trong)\s+)?(?:\d+\s+năm\s*)?\(?{YEAR}{DASH}{YEAR}\)?")),
    ("until_date", re.compile(r"(?:tính )?(?:đến|tới) (?:hết )?ngày (\d{1,2})[/-](\d{1,2})[/-](\d{4})")),
    ("ytd", re.compile(rf"từ đầu năm(?: {YEAR})?(?: (?:đến|tới) nay)?")),
    ("months_first", re.compile(rf"{_NUM} tháng (đầu|cuối) năm(?: {YEAR})?")),
    ("half", re.compile(rf"nửa (đầu|cuối) năm(?: {YEAR})?")),
    ("months", re.compile(rf"{_NUM} tháng(?: năm)? {YEAR}")),
    ("quarter", re.compile(rf"quý (iv|iii|ii|i|[1-4])(?:\s*/\s*{YEAR}|\s+(?:năm\s+)?{YEAR})?")),
    ("month", re.compile(rf"tháng (\d{{1,2}})(?:/|\s+năm\s+){YEAR}")),
    ("year", re.compile(rf"(?<!\d )năm {YEAR}")),
    ("months_past", re.compile(rf"{_NUM} tháng (?:qua|vừa qua|đã qua)")),
    ("this_year", re.compile(r"(?:(?:trong|cả|suốt) năm(?!\s*\d)(?! (?:tới|sau|trước|\d))|(?<!\d )năm (?:qua|nay)(?![\wÀ-ỹ]))")),
    ("month_no_year", re.compile(r"(?<!\d )tháng (\d{1,2})(?![\d/-])(?! năm \d)")),
    ("years_ago", re.compile(r"(\d{1,2}) năm (?:qua|vừa qua|trở lại đây)")),
    ("duration", re.compile(r"(?:trong|sau|của) (\d{1,2}) năm")),
    ("prev_ref", re.compile(r"(?:cũng )?(?:trong|cùng) (?:thời gian|khoảng thời gian|giai đoạn|thời kỳ) (?:này|đó|trên)")),
    ("doc_ref", re.compile(r"(?:trong|cùng) kỳ(?: báo cáo)?|kỳ báo cáo")),
]


def _term_start(first_year: int) -> date:
    """People's Council and National Assembly terms (2016-2021, 2021-2026) begin after the May
    elections; Party terms (2015-2020, 2020-2025) at the congresses of the first year."""
    return date(first_year, 6, 1) if first_year % 5 == 1 else date(first_year, 1, 1)


# A word each pattern cannot match without.
_NEEDS: dict[str, tuple[str, ...]] = {
    "compare_year": ("so với",), "compare_prev": ("so với",), "term_now": ("nhiệm kỳ",),
    "range_to_year": ("từ",), "since_now": ("từ",), "since_event": ("từ",), "since": ("từ",),
    "range": ("-",), "until_date": ("ngày",), "ytd": ("đầu năm",), "months_first": ("tháng",),
    "half": ("nửa",), "months": ("tháng",), "quarter": ("quý",), "month": ("tháng",), "year": ("năm",),
    "months_past": ("tháng",), "this_year": ("năm",), "month_no_year": ("tháng",), "years_ago": ("năm",),
    "duration": ("năm",), "prev_ref": ("thời gian", "giai đoạn", "thời kỳ"), "doc_ref": ("kỳ",),
}


def _num(token: str) -> int:
    return int(token) if token.isdigit() else _NUM_WORDS[token]


@lru_cache(maxsize=8192)
def find_periods(folded: str) -> tuple[PeriodMention, ...]:
    """Period phrases in lower-cased folded text, in order of position (cached: sentences are read
    several times, for each figure and for the figures of the next sentences)."""
    taken: list[tuple[int, int]] = []
    found: list[PeriodMention] = []
    for name, pattern in _PATTERNS:
        if not any(word in folded for word in _NEEDS[name]):
            continue  # cheap test first: most patterns need a word the sentence does not have
        for m in pattern.finditer(folded):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            mention = _mention(name, m)
            if mention is None:
                continue
            taken.append((s, e))
            found.append(mention)
    return tuple(sorted(found, key=lambda p: p.start_pos))


def _mention(name: str, m: re.Match[str]) -> PeriodMention | None:
    s, e = m.span()
    text = m.group(0)
    g = m.groups()
    mk = lambda period=None, **kw: PeriodMention(s, e, period, **kw)  # noqa: E731
    if name == "compare_year":
        return mk(_year_period(int(g[0]), text), compare=True)
    if name == "compare_prev":
        return mk(None, compare=True)
    if name == "term_now":
        start = _term_start(int(g[0])) if g[0] else None
        return mk(Period("cumulative", start, None, text), needs_now=True)
    if name == "range_to_year":
        y1, y2 = int(g[0]), int(g[1])
        if y2 < y1:
            return None
        return mk(Period("cumulative", date(y1, 1, 1), date(y2, 12, 31), text))
    if name in ("since_now", "since", "since_event"):
        return mk(Period("cumulative", date(int(g[0]), 1, 1), None, text), needs_now=True)
    if name == "range":
        y1, y2 = int(g[0]), int(g[1])
        if not y1 < y2 <= y1 + 30:
            return None
        return mk(Period("cumulative", date(y1, 1, 1), date(y2, 12, 31), text))
    if name == "until_date":
        d, mo, y = int(g[0]), int(g[1]), int(g[2])
        try:
            end = date(y, mo, d)
        except ValueError:
            return None
        return mk(Period("partial", date(y, 1, 1), end, text))
    if name == "ytd":
        if g[0]:
            return mk(Period("partial", date(int(g[0]), 1, 1), None, text), needs_now=True)
        return mk(None, needs_now=True, needs_year=True, months=(1, 0))
    if name == "months_first":
        n = _num(g[0])
        if not 1 <= n <= 12:
            return None
        m1, m2 = (1, n) if g[1] == "đầu" else (13 - n, 12)
        period, needs = _months(int(g[2]) if g[2] else None, m1, m2, text)
        return mk(period, needs_year=needs, months=(m1, m2))
    if name == "half":
        m1, m2 = (1, 6) if g[0] == "đầu" else (7, 12)
        period, needs = _months(int(g[1]) if g[1] else None, m1, m2, text)
        return mk(period, needs_year=needs, months=(m1, m2))
    if name == "months":
        n = _num(g[0])
        if not 1 <= n <= 12:
            return None
        period, _ = _months(int(g[1]), 1, n, text)
        return mk(period)
    if name == "quarter":
        q = _ROMAN[g[0]]
        y = g[1] or g[2]
        period, needs = _months(int(y) if y else None, 3 * q - 2, 3 * q, text)
        return mk(period, needs_year=needs, months=(3 * q - 2, 3 * q))
    if name == "month":
        mo, y = int(g[0]), int(g[1])
        if not 1 <= mo <= 12:
            return None
        return mk(Period("partial", date(y, mo, 1), month_end(y, mo), text))
    if name == "year":
        return mk(_year_period(int(g[0]), text))
    if name == "months_past":
        n = _num(g[0])
        if not 1 <= n <= 12:
            return None
        return mk(None, needs_year=True, months=(1, n))
    if name == "month_no_year":
        mo = int(g[0])
        if not 1 <= mo <= 12:
            return None
        return mk(None, needs_year=True, months=(mo, mo))
    if name == "this_year":
        return mk(None, needs_year=True, months=(1, 12))
    if name == "years_ago":
        return mk(Period("cumulative", None, None, text), needs_now=True, years=int(g[0]))
    if name == "duration":
        return mk(None, ref="duration", years=int(g[0]))
    if name == "prev_ref":
        return mk(None, ref="prev")
    if name == "doc_ref":
        return mk(None, ref="doc")
    raise AssertionError(name)


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
