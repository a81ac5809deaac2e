"""A conference deck described in YAML (data/decks/*.yaml): read it, check it, resolve names to ids.

    title: Công tác dân vận năm 2024
    subtitle: Hà Nội và Gia Lai            # optional
    date: 2024-12-05                        # optional, default today
    charts:
      - kind: trend                         # trend | compare
        indicator: reception_turns          # code or Vietnamese name
        breakdown: total                    # optional (default total): code or name
        localities: [ha-noi, Gia Lai]       # ids or names
        years: 2019-2025                    # 2024 | 2019-2025 | [2022, 2024]
        mode: absolute                      # absolute | change_abs | change_pct | index | same_period (trend only)
        title: Lượt tiếp công dân           # optional

Every problem of a spec is reported at once, each naming the chart and the value at fault. A spec
stays small: at most MAX_CHARTS charts, texts of MAX_TEXT characters, lists of MAX_ITEMS, keys that
are text (the file itself is read by core.deck.spec_yaml).
"""
from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from core.charts.spec import ChartSpec
from core.data.catalog import Catalog, load_catalog
from core.data.measures import MODES
from core.deck.spec_yaml import SpecFileError, read_spec_file
from domain.places import fold_name, resolve_locality

# A chart's `kind` in the YAML → the kind of chart drawn (core.charts.spec.KINDS).
KINDS = {"trend": "trend-line", "compare": "compare"}
COMPARE_MODES = ("absolute", "change_abs", "change_pct")
CHART_ID = "deck.{position}"  # a chart's id: its place in the spec (1, 2, …), named in messages
_YEAR_MIN, _YEAR_MAX = 1945, 2100
_CHART_KEYS = {"kind", "indicator", "breakdown", "localities", "years", "mode", "title"}
_DECK_KEYS = {"title", "subtitle", "date", "charts"}
MAX_CHARTS = 50  # a deck of more charts is refused (10,000 ran for hours)
MAX_TEXT = 300  # characters of any text of a spec
MAX_ITEMS = 100  # entries of any other list (localities, years)
MAX_NUMBER = 10**9
MAX_DEPTH = 4  # deck → charts → chart → list


class SpecError(ValueError):
    """A deck spec that cannot be built; the message lists every problem found."""

    def __init__(self, problems: Sequence[str], source: str = "") -> None:
        self.problems = list(problems)
        head = f"{source}: " if source else ""
        super().__init__(head + "\n".join(f"- {p}" for p in self.problems) if len(self.problems) > 1
                         else head + self.problems[0])


@dataclass(frozen=True)
class DeckSpec:
    title: str
    subtitle: str
    day: dt.date | None
    charts: tuple[ChartSpec, ...]


def parse_years(value: Any) -> tuple[int, ...]:
    """2024 → (2024,); '2019-2025' → (2019, …, 2025); [2022, 2024] → (2022, 2024). ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        years = (value,)
    elif isinstance(value, str) and (m := re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", value)):
        first, last = int(m.group(1)), int(m.group(2))
        if first > last:
            raise ValueError(value)
        years = tuple(range(first, last + 1))
    elif isinstance(value, str) and value.strip().isdigit():
        years = (int(value),)
    elif isinstance(value, list) and value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        years = tuple(sorted(set(value)))
    else:
        raise ValueError(value)
    if not all(_YEAR_MIN <= y <= _YEAR_MAX for y in years):
        raise ValueError(value)
    return years


def _resolve_code(value: Any, table: pd.DataFrame) -> str | None:
    """A code given as itself or by its Vietnamese or English name."""
    if not isinstance(value, str) or not value.strip():
        return None
    if value.strip() in set(table.code):
        return value.strip()
    key = fold_name(value)
    for row in table.itertuples():
        if key in (fold_name(row.name_vi), fold_name(row.name_en), fold_name(row.code)):
            return row.code
    return None


def _where(position: int) -> str:
    return f"biểu đồ {position}"


def _shape_problems(value: Any, place: str = "", depth: int = 0) -> list[str]:
    """Keys that are not text, texts longer than MAX_TEXT, lists longer than MAX_ITEMS (charts:
    MAX_CHARTS), numbers beyond ±MAX_NUMBER, nesting deeper than MAX_DEPTH: each named by its place."""
    at = f"{place}: " if place else ""
    if depth > MAX_DEPTH:
        return [f"{at}lồng nhau quá sâu (nested too deep)"]
    if isinstance(value, str):
        return [f"{at}chữ dài {len(value)} ký tự, tối đa {MAX_TEXT} (text too long)"] if len(value) > MAX_TEXT else []
    if isinstance(value, int) and not isinstance(value, bool):
        return [f"{at}số quá lớn (tối đa {MAX_NUMBER:,})".replace(",", ".")] if abs(value) > MAX_NUMBER else []
    if isinstance(value, Mapping):
        problems = [f"{at}khóa {k!r} phải là chữ (keys are text)" for k in value if not isinstance(k, str)]
        for key, item in value.items():
            if isinstance(key, str) and len(key) <= MAX_TEXT:
                problems += _shape_problems(item, f"{place}.{key}" if place else key, depth + 1)
        return problems
    if isinstance(value, list):
        charts = place == "charts"
        limit = MAX_CHARTS if charts else MAX_ITEMS
        if len(value) > limit:
            return [f"quá nhiều biểu đồ: {len(value)} (tối đa {MAX_CHARTS})" if charts
                    else f"{at}{len(value)} mục, tối đa {MAX_ITEMS} (too many items)"]
        return [p for i, item in enumerate(value, start=1)
                for p in _shape_problems(item, _where(i) if charts else f"{place}[{i}]", depth + 1)]
    return []


def _chart(raw: Any, position: int, catalog: Catalog, problems: list[str]) -> ChartSpec | None:
    where = _where(position)
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: phải là một mục có kind, indicator, localities, years")
        return None
    before = len(problems)
    if unknown := sorted(set(raw) - _CHART_KEYS, key=str):
        problems.append(f"{where}: khóa không biết {', '.join(map(str, unknown))} "
                        f"(dùng {', '.join(sorted(_CHART_KEYS))})")
    kind = raw.get("kind", "trend")
    if not isinstance(kind, str) or kind not in KINDS:
        problems.append(f"{where}: kind '{kind}' không hợp lệ (trend hoặc compare)")
    mode = raw.get("mode", "absolute")
    if not isinstance(mode, str) or mode not in MODES:
        problems.append(f"{where}: mode '{mode}' không hợp lệ ({', '.join(MODES)})")
    elif kind == "compare" and mode not in COMPARE_MODES:
        problems.append(f"{where}: mode '{mode}' chỉ dùng cho kind trend")
    indicator = _resolve_code(raw.get("indicator"), catalog.indicators)
    if indicator is None:
        problems.append(f"{where}: không có chỉ tiêu '{raw.get('indicator')}' "
                        f"(có: {', '.join(catalog.indicators.code)})")
    breakdown = None
    if indicator is not None:
        parts = catalog.breakdowns[catalog.breakdowns.indicator == indicator]
        breakdown = _resolve_code(raw.get("breakdown", "total"), parts)
        if breakdown is None:
            problems.append(f"{where}: chỉ tiêu {indicator} không có phân tổ '{raw.get('breakdown')}' "
                            f"(có: {', '.join(parts.code)})")
    try:
        years = parse_years(raw.get("years"))
    except ValueError:
        problems.append(f"{where}: years '{raw.get('years')}' không hợp lệ (2024, 2019-2025 hoặc [2022, 2024])")
        years = ()
    names = raw.get("localities")
    if isinstance(names, str):
        names = [names]
    localities: list[str] = []
    if not isinstance(names, list) or not names:
        problems.append(f"{where}: chưa chọn địa phương nào (localities)")
    elif years:
        places = catalog.places()
        first_day, last_day = dt.date(min(years), 1, 1), dt.date(max(years), 12, 31)
        for name in names:
            ids, problem = resolve_locality(name, places, first_day, last_day)
            if problem:
                problems.append(f"{where}: {problem}")
            localities += [i for i in ids if i not in localities]
    title = raw.get("title")
    if title is not None and not isinstance(title, str):
        problems.append(f"{where}: title phải là chữ")
    if len(problems) > before:
        return None
    return ChartSpec(KINDS[kind], indicator, breakdown, tuple(localities), years, mode=mode,
                     title=title.strip() if title else "", chart_id=CHART_ID.format(position=position))


def chart_label(spec: ChartSpec) -> str:
    """How messages name a chart of a spec: 'biểu đồ 2', its place in the YAML's list (kept in its chart_id)."""
    return _where(int(spec.chart_id.removeprefix(CHART_ID.format(position=""))))


def parse_spec(raw: Any, catalog: Catalog, source: str = "") -> DeckSpec:
    """A checked DeckSpec from the YAML's data; SpecError listing every problem."""
    if not isinstance(raw, Mapping):
        raise SpecError(["tệp mô tả phải có title và charts"], source)
    if shape := _shape_problems(raw):
        raise SpecError(shape, source)
    problems: list[str] = []
    if unknown := sorted(set(raw) - _DECK_KEYS):
        problems.append(f"khóa không biết {', '.join(map(str, unknown))} (dùng {', '.join(sorted(_DECK_KEYS))})")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append("thiếu title của bộ slide")
    subtitle = raw.get("subtitle") or ""
    if not isinstance(subtitle, str):
        problems.append("subtitle phải là chữ")
    day = raw.get("date")
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day.strip())
        except ValueError:
            problems.append(f"date '{day}' không hợp lệ (YYYY-MM-DD)")
    elif day is not None and not isinstance(day, dt.date):
        problems.append(f"date '{day}' không hợp lệ (YYYY-MM-DD)")
    if isinstance(day, dt.date) and not _YEAR_MIN <= day.year <= _YEAR_MAX:
        problems.append(f"date '{day}' không hợp lệ (năm {_YEAR_MIN}–{_YEAR_MAX})")
    charts_raw = raw.get("charts")
    charts: list[ChartSpec] = []
    if not isinstance(charts_raw, list) or not charts_raw:
        problems.append("chưa có biểu đồ nào (charts)")
    else:
        for position, chart_raw in enumerate(charts_raw, start=1):
            chart = _chart(chart_raw, position, catalog, problems)
            if chart:
                charts.append(chart)
    if problems:
        raise SpecError(problems, source)
    return DeckSpec(title.strip(), str(subtitle).strip(), day if isinstance(day, dt.date) else None, tuple(charts))


def load_spec(path: str | os.PathLike[str], db: str | os.PathLike[str] | None = None) -> DeckSpec:
    """Read and check the YAML spec at `path` against the database's catalog."""
    path = Path(path)
    try:
        raw = read_spec_file(path)
    except SpecFileError as exc:
        raise SpecError([str(exc)]) from None
    return parse_spec(raw, load_catalog(db), str(path))
