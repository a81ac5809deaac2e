"""The words baked into exported images and slides: source lines, periods, numbers (Babel, locale vi)."""
from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

TEXT_FILE = Path(__file__).resolve().parent.parent / "data" / "export_text.yaml"
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
# Publishers recorded as unknown by the ETL are named by their title instead.
_NO_PUBLISHER = {"", "unknown", "không rõ"}


@cache
def _texts() -> dict[str, dict[str, str]]:
    return yaml.safe_load(TEXT_FILE.read_text(encoding="utf-8"))


def text(key: str, lang: str = "vi", **values: Any) -> str:
    """One label of data/export_text.yaml with its {placeholders} filled."""
    return _texts()[lang][key].format(**values)


@dataclass(frozen=True)
class SourceRef:
    """One source as the database records it; `published` is '2024-12-05', '2024-12', '2024' or None."""

    publisher: str | None
    published: str | None = None
    title: str | None = None
    url: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> SourceRef:
        """From a row of observation_facts (source_publisher, source_published, source_title, source_url)."""
        return cls(
            publisher=_clean(row.get("source_publisher")),
            published=_clean(row.get("source_published")),
            title=_clean(row.get("source_title")),
            url=_clean(row.get("source_url")),
        )


def _clean(value: Any) -> str | None:
    """None for SQL NULL / pandas NA / NaN / empty strings, else the string."""
    if value is None:
        return None
    try:
        if value != value:  # NaN, pandas NA raises TypeError
            return None
    except TypeError:
        return None
    text_value = str(value).strip()
    return text_value or None


def format_day(day: dt.date, lang: str = "vi") -> str:
    """05/12/2024."""
    return format_date(day, "dd/MM/yyyy", locale=lang)


def published_text(published: str | None, lang: str = "vi") -> str:
    """A publication date as precise as it is known: 05/12/2024, 12/2024, 2024 or ''."""
    if not published:
        return ""
    parts = published.split("-")
    if len(parts) == 3:
        return format_day(dt.date.fromisoformat(published), lang)
    if len(parts) == 2:
        return format_date(dt.date(int(parts[0]), int(parts[1]), 1), "MM/yyyy", locale=lang)
    return parts[0]


def source_name(ref: SourceRef, lang: str = "vi") -> str:
    """The publisher, else the source's title, else 'không rõ nguồn'."""
    if ref.publisher and ref.publisher.strip().lower() not in _NO_PUBLISHER:
        return ref.publisher
    return ref.title or text("source_unknown", lang)


def source_label(ref: SourceRef, lang: str = "vi") -> str:
    """'Báo Gia Lai (GLO), 05/12/2024'."""
    when = published_text(ref.published, lang)
    return f"{source_name(ref, lang)}, {when}" if when else source_name(ref, lang)


def unique_sources(refs: Iterable[SourceRef]) -> list[SourceRef]:
    """Each source once, in first-seen order."""
    return list(dict.fromkeys(refs))


def source_line(refs: Iterable[SourceRef], lang: str = "vi", max_sources: int | None = None) -> str:
    """'Nguồn: Báo Gia Lai (GLO), 05/12/2024; Hà Nội portal, 27/12/2023' (each label once)."""
    labels = list(dict.fromkeys(source_label(r, lang) for r in refs))
    if max_sources is not None and len(labels) > max_sources:
        rest = len(labels) - max_sources
        labels = [*labels[:max_sources], text("source_more", lang, n=rest)]
    return text("source_prefix", lang) + "; ".join(labels)


def format_number(value: float, lang: str = "vi") -> str:
    """13.663; 4,3; -118."""
    return format_decimal(value, format="#,##0.##", locale=lang)


def signed_number(value: float, lang: str = "vi") -> str:
    """A change: +118, -25, 0."""
    return ("+" if value > 0 else "") + format_number(value, lang)


def signed_percent(value: float, lang: str = "vi") -> str:
    """A change given in percent units: 4.3 → +4,3%; -12.76 → -12,8%."""
    return ("+" if value > 0 else "") + format_share(value / 100, lang)


def format_share(ratio: float, lang: str = "vi") -> str:
    """A ratio as a percentage with one decimal: 0.043 → 4,3%."""
    return format_percent(ratio, format="#,##0.0%", locale=lang)


def qualified_number(value: float, qualifier: str, lang: str = "vi") -> str:
    """'hơn 40', 'gần 100', '2.861'."""
    word = text(f"qualifier_{qualifier}", lang)
    number = format_number(value, lang)
    return f"{word} {number}" if word else number


def _month_end(day: dt.date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def period_text(kind: str, start: dt.date | None, end: dt.date | None, lang: str = "vi") -> str:
    """What a figure's period is, in words: 'năm 2024', '7 tháng 2024', 'quý I/2024', 'từ 2009 đến nay'."""
    start, end = _as_date(start), _as_date(end)
    if start is None and end is None:
        return text("period_unknown", lang)
    if kind == "event" or (start is not None and start == end):
        return text("period_event", lang, date=format_day(end or start, lang))
    if start is not None and end is None:
        return text("period_since", lang, start=_range_start(start, lang))
    if start is None:
        return text("period_range", lang, start="…", end=format_day(end, lang))
    jan_first = (start.month, start.day) == (1, 1)
    if jan_first and (end.month, end.day) == (12, 31) and start.year == end.year:
        return text("period_year", lang, year=start.year)
    if start.year == end.year and _month_end(end) and start.day == 1:
        months = end.month - start.month + 1
        if start.month % 3 == 1 and months == 3:
            return text("period_quarter", lang, quarter=_ROMAN[end.month // 3], year=end.year)
        if jan_first and months == 6:
            return text("period_first_half", lang, year=end.year)
        if jan_first:
            return text("period_months", lang, months=months, year=end.year)
    end_text = str(end.year) if (end.month, end.day) == (12, 31) else format_day(end, lang)
    return text("period_range", lang, start=_range_start(start, lang), end=end_text)


def _range_start(start: dt.date, lang: str) -> str:
    return str(start.year) if (start.month, start.day) == (1, 1) else format_day(start, lang)


def _as_date(value: Any) -> dt.date | None:
    """dates, pandas Timestamps and NaT/None alike."""
    if value is None or _clean(value) is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def years_text(years: Iterable[int], lang: str = "vi") -> str:
    """'2024', '2019–2024' for a run of years, '2019, 2022, 2024' otherwise."""
    ys = sorted(set(years))
    if not ys:
        return ""
    if len(ys) == 1:
        return str(ys[0])
    if ys == list(range(ys[0], ys[-1] + 1)):
        return text("years_range", lang, first=ys[0], last=ys[-1])
    return ", ".join(str(y) for y in ys)


def sources_of(rows: Any) -> tuple[SourceRef, ...]:
    """The distinct sources of observation rows (a DataFrame with source_* columns), in row order."""
    return tuple(unique_sources(SourceRef.from_row(row) for row in rows.to_dict("records")))


def value_note(row: Mapping[str, Any], place: str, unit: str, lang: str = "vi") -> str:
    """A speaker-notes line for one observation row (columns of observation_facts / chosen_observations):
    'Hà Nội, 7 tháng 2024: 24.254 mô hình — Hà Nội Mới, 2024: “…the sentence…”', with 'hơn'/'gần',
    how a derived value was derived, and a note when sources disagree."""
    period = period_text(row["period_kind"], row["period_start"], row["period_end"], lang)
    line = f"{place}, {period}: {qualified_number(row['value'], row['qualifier'], lang)} {unit}"
    extras = []
    if row.get("derived"):
        extras.append(text("derived", lang, how=row["derived_how"]))
    if (row.get("n_distinct_values") or 1) > 1:
        extras.append(text("notes_conflict", lang, n=int(row["n_distinct_values"])))
    if extras:
        line += f" ({'; '.join(extras)})"
    line += f" — {source_label(SourceRef.from_row(row), lang)}"
    quote = _clean(row.get("quote"))
    if quote:
        line += f": “{quote}”"
    return line
