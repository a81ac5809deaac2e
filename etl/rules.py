"""The rules a figure's fields follow, each one function that owns its one message.

A cell rule reads a value (a table cell, or what an earlier rule made of one) and returns what it
means, or raises InputError with its message: `row_rules()` lists them in the order a row of an
analyst table is checked (its first broken rule names the row's error). etl/tables.py asks them row
by row, etl/bulktable.py once per distinct value, etl/validate.py asks those that also hold for the
figures of reports. A group rule (a row repeated, parts over their total) looks at several rows and
returns its message, or None.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TypeVar

from domain.kinds import PERIOD_KINDS, QUALIFIERS  # the one list, shared with core (etl/sql/schema.sql CHECKs it)
from etl.catalog import Catalog, Indicator
from etl.errors import InputError, nearest, shown
from etl.gazetteer import Gazetteer, Locality
from etl.periods import PartialDate, Period, find_periods
from etl.placenames import resolve_locality
from etl.textnorm import fold, slug
from etl.vnnumbers import parse_vietnamese_number

REQUIRED = ("locality", "indicator", "period", "value", "source")
# Every column a row is read with: the required ones, then the optional ones (data/tables/README.md).
COLUMNS = (*REQUIRED, "breakdown", "province", "period_kind", "qualifier", "derived", "note", "source_url",
           "publisher", "published")
DERIVED_YES = ("yes", "true", "1", "có")
DERIVED_NO = ("no", "false", "0", "không")
DERIVED_HOW = "theo bảng của chuyên viên"  # how a table's derived figure was derived
# Every date a figure or a source carries lies from EARLIEST_DATE to one year after today
# (latest_date): older or later ones are typing slips ("0001-01-01", "9999-12-31") that would
# stretch every chart's years or win every "most recent source" choice.
EARLIEST_DATE = date(1945, 1, 1)
PERIOD_EXAMPLES = "2023; 2021-2024; 7 tháng 2024; quý I/2023; 2024-01-01..2024-07-31"

T = TypeVar("T")


@dataclass(frozen=True)
class Rule:
    """One rule of a table row: it reads `reads` (cells of the row, or the fields that rules before
    it gave, which replace the cell of the same name) and gives the row's field `name` (each rule
    has its own name)."""

    name: str
    reads: tuple[str, ...]
    read: Callable[..., object]


def row_rules(gaz: Gazetteer, catalog: Catalog) -> tuple[Rule, ...]:
    """The rules of a table row, in the order they are asked."""
    return (
        *(Rule(f"filled {c}", (c,), partial(filled, c)) for c in REQUIRED),
        Rule("indicator", ("indicator",), partial(known_indicator, catalog)),
        Rule("breakdown", ("indicator", "breakdown"), breakdown_cell),
        Rule("period_kind", ("period_kind",), period_kind_cell),
        Rule("period", ("period", "period_kind"), parse_period),
        Rule("value", ("value",), count),
        Rule("plausible value", ("indicator", "value"), plausible_value),
        Rule("qualifier", ("qualifier",), qualifier_cell),
        Rule("derived", ("derived",), derived_cell),
        Rule("place", ("locality", "province", "period"), partial(place_on_period, gaz)),
        Rule("published", ("published",), published_cell),
    )


def ask(read: Callable[..., T], *values: object) -> tuple[T | None, str | None]:
    """(what the values mean, None), or (None, the message of the rule they break)."""
    try:
        return read(*values), None
    except InputError as exc:
        return None, exc.message


# --- cell rules ---------------------------------------------------------------------------------

def filled(column: str, text: str) -> str:
    if not text:
        raise InputError(f"ô {column} trống")
    return text


def known_indicator(catalog: Catalog, code: str) -> Indicator:
    ind = catalog.get(code)
    if ind is None:
        raise InputError(f"chỉ tiêu không có trong danh mục: {shown(code)}{nearest(catalog.suggest(code))}")
    return ind


def known_breakdown(ind: Indicator, code: str) -> str:
    if ind.breakdown(code) is None:
        have = ", ".join(b.code for b in ind.breakdowns)
        raise InputError(f"phân tổ {shown(code)} không có cho {ind.code} (có: {have})")
    return code


def breakdown_cell(ind: Indicator, text: str) -> str:
    """An empty breakdown cell is the total."""
    return known_breakdown(ind, text or "total")


def known_period_kind(kind: str) -> str:
    if kind not in PERIOD_KINDS:
        raise InputError(f"period_kind {shown(kind)} không hợp lệ (chọn: {', '.join(PERIOD_KINDS)})")
    return kind


def period_kind_cell(text: str) -> str:
    """An empty period_kind cell: the period says its kind ('')."""
    return known_period_kind(text) if text else ""


def parse_period(text: str, kind: str = "") -> Period:
    """'2023', '2021-2024', '7 tháng 2024', 'quý I/2023', '2024-01-01..2024-07-31', '2024-07-23': the
    span they mean (`kind`, when given, overrides the kind the text suggests)."""
    try:
        period = _parse_period(text, kind)
    except ValueError as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"kỳ {shown(text)}: ngày không hợp lệ ({exc})") from None
    try:
        sane_span(period.kind, period.start, period.end)
    except InputError as exc:
        raise InputError(f"kỳ {shown(text)}: {exc.message}") from None
    return period


def _parse_period(text: str, kind: str) -> Period:
    t = fold(text.strip())
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})\s*\.\.\s*(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        a = date(int(m[1]), int(m[2]), int(m[3]))
        b = date(int(m[4]), int(m[5]), int(m[6]))
        if b < a:
            raise InputError(f"kỳ {shown(text)}: ngày cuối trước ngày đầu")
        full_year = a.year == b.year and (a.month, a.day, b.month, b.day) == (1, 1, 12, 31)
        guess = "year" if full_year else ("partial" if a.year == b.year else "cumulative")
        return Period(kind or guess, a, b)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return Period(kind or "event", d, d)
    m = re.fullmatch(r"(?:năm\s+)?(\d{4})", t)
    if m:
        y = int(m[1])
        return Period(kind or "year", date(y, 1, 1), date(y, 12, 31))
    m = re.fullmatch(r"(?:giai đoạn\s+)?(\d{4})\s*[-–]\s*(\d{4})", t)
    if m:
        a, b = int(m[1]), int(m[2])
        if b < a:
            raise InputError(f"kỳ {shown(text)}: năm cuối trước năm đầu")
        return Period(kind or "cumulative", date(a, 1, 1), date(b, 12, 31))
    t2 = re.sub(r"(\d{1,2}) tháng (\d{4})", r"\1 tháng năm \2", t)
    t2 = re.sub(r"^q([1-4])[/ ](\d{4})$", r"quý \1/\2", t2)
    found = [p for p in find_periods(t2) if p.period and p.period.start and p.period.end and not p.compare]
    if len(found) == 1 and found[0].end_pos - found[0].start_pos >= len(t2.strip()) - 1:
        p = found[0].period
        return Period(kind or p.kind, p.start, p.end)
    raise InputError(f"không đọc được kỳ {shown(text)} (ví dụ hợp lệ: {PERIOD_EXAMPLES})")


def count(text: str) -> float:
    """A value cell: a count written the Vietnamese way (13.663; 1,5), never negative."""
    raw = text.replace(" ", "")
    if raw.startswith("-"):
        raise negative(shown(text))
    try:
        return parse_vietnamese_number(raw, count=True)
    except InputError:
        raise InputError(f"giá trị không phải số: {shown(text)}") from None


def plausible_value(ind: Indicator, value: float) -> float:
    """A figure's value: a finite number no larger than the bound of its indicator's unit
    (`value_bounds` in data/indicators.yaml): a 400-digit number is a slip, not a record."""
    if math.isnan(value):
        raise InputError("giá trị không phải số hữu hạn (not a finite number)")
    if value > ind.max_value:
        said = "vô hạn (quá nhiều chữ số)" if math.isinf(value) else f"{value:.6g}"
        bound = f"{ind.max_value:,.0f}".replace(",", ".")
        raise InputError(f"giá trị {said} lớn hơn giới hạn {bound} {ind.unit_vi} của chỉ tiêu {ind.code} "
                         "(data/indicators.yaml, value_bounds) (implausible value)")
    return value


def non_negative(value: float) -> float:
    """A figure's value: a count is never negative."""
    if value < 0:
        raise negative(f"{value:g}")
    return value


def negative(shown: str) -> InputError:
    return InputError(f"giá trị âm: {shown}")


def known_qualifier(qualifier: str) -> str:
    if qualifier not in QUALIFIERS:
        raise InputError(f"qualifier {shown(qualifier)} không hợp lệ (chọn: {', '.join(QUALIFIERS)})")
    return qualifier


def qualifier_cell(text: str) -> str:
    """An empty qualifier cell: the value is exact."""
    return known_qualifier(text or "exact")


def derived_cell(text: str) -> bool:
    """yes/no (true/false, 1/0, có/không); an empty cell is no."""
    word = (text or "no").lower()
    if word not in DERIVED_YES + DERIVED_NO:
        raise InputError(f"derived {shown(word)} phải là yes hoặc no")
    return word in DERIVED_YES


def place_on_period(gaz: Gazetteer, name: str, province: str, period: Period) -> Locality:
    """The locality a row names, as it was at the end of the row's period."""
    return resolve_locality(gaz, name, province, period.end)


def sane_span(kind: str, start: date | None, end: date | None) -> None:
    """A figure's period: in order, a year that says which, and its days within the date range."""
    if start and end and start > end:
        raise InputError(f"kỳ ngược: {start} > {end}")
    if kind == "year" and not (start and end):
        raise InputError("số liệu năm nhưng không rõ năm nào")
    for day in (start, end):
        if day:
            in_date_range(day)


def latest_date(today: date | None = None) -> date:
    """One year after today (28 February for 29 February): the last day a date may be."""
    today = today or date.today()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)


def in_date_range(day: date) -> date:
    """A date of a figure or a source, from EARLIEST_DATE to one year after today."""
    latest = latest_date()
    if not EARLIEST_DATE <= day <= latest:
        raise InputError(f"ngày {day.isoformat()} nằm ngoài khoảng {EARLIEST_DATE.isoformat()}..{latest.isoformat()} "
                         "(date out of range)")
    return day


def published_cell(text: str) -> str:
    """When a source was published, as a table or a report's front matter gives it: '2024-12-05',
    '2024-12' or '2024' within the date range, or nothing ('' or 'unknown'); its ISO form."""
    if text in ("", "unknown"):
        return ""
    when = PartialDate.parse(text)
    if when is None:
        raise InputError(f"ngày đăng {shown(text)} không hợp lệ (cần yyyy-mm-dd, yyyy-mm hoặc yyyy; invalid date)")
    try:
        in_date_range(when.first)
        in_date_range(when.last)
    except InputError as exc:
        raise InputError(f"ngày đăng {shown(text)}: {exc.message}") from None
    return when.iso()


# --- group rules --------------------------------------------------------------------------------

def repeated_row(value: float, first_line: int, first_value: float) -> str:
    """A row with the place, indicator, breakdown, period and source of an earlier one."""
    if value != first_value:
        return (f"mâu thuẫn với dòng {first_line} (cùng địa phương, chỉ tiêu, phân tổ, kỳ, nguồn nhưng "
                f"{value:g} ≠ {first_value:g})")
    return f"trùng lặp dòng {first_line}"


def parts_exceed(parts_sum: T, total: T) -> T:
    """Whether parts add up to more than their total (allowing for rounding); numbers or arrays."""
    return parts_sum > total * 1.0001 + 0.5


def parts_over_total(parent: str, total: float, parts: Sequence[float]) -> str | None:
    """Within one source, place, indicator and period the parts of a breakdown may not exceed it."""
    if not parts_exceed(sum(parts), total):
        return None
    return f"phần ({' + '.join(f'{p:g}' for p in parts)}) lớn hơn tổng {parent} {total:g}"


# --- where a row and its source are -------------------------------------------------------------

def at_row(file_name: str, line: int) -> str:
    """How a message names a table row."""
    return f"{file_name} dòng {line}"


def row_quote(file_name: str, line: int, note: str) -> str:
    """The quote of a table's figure: its file and row, and its note."""
    return f"{file_name}, dòng {line}" + (f": {note}" if note else "")


@dataclass
class TableSource:
    id: str
    title: str
    url: str
    publisher: str
    published: str
    file_name: str
    file_hash: str


def source_id(file_name: str, title: str) -> str:
    """A table's sources are told apart by their titles."""
    return f"{file_name}#{slug(title)[:60] or 'nguon'}"


def table_source(file_name: str, digest: str, title: str, url: str, publisher: str, published: str) -> TableSource:
    """The source a row names (its date as published_cell has read it)."""
    return TableSource(id=source_id(file_name, title), title=title, url=url, publisher=publisher,
                       published=published_cell(published), file_name=file_name, file_hash=digest)
