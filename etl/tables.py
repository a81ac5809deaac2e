"""Analyst tables (CSV, XLSX or Parquet, long format) → figures. The template is in data/tables/README.md.

Columns: locality, indicator, breakdown, period, value, source (required);
province, period_kind, qualifier, derived, note, source_url, publisher, published (optional).
A table with any bad row loads nothing; every bad row is reported with its number. Small tables
are checked here row by row, large ones column by column (etl/bulktable.py), with the same rules
(etl/rules.py) and so the same messages and the same figures.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa

from etl.bulktable import Memo, check_table, parts_over_totals
from etl.catalog import Catalog
from etl.errors import InputError, shown
from etl.figure import Figure
from etl.gazetteer import Gazetteer
from etl.inputfile import folder_entries
from etl.rules import (
    COLUMNS,
    DERIVED_HOW,
    REQUIRED,
    Rule,
    TableSource,
    at_row,
    repeated_row,
    row_quote,
    row_rules,
    table_source,
)
from etl.tabledir import NOT_TABLES
from etl.tablefile import RawTable, read_raw

BULK_ROWS = 2000  # from this many rows on a table is checked column by column (etl/bulktable.py)
MAX_ERRORS = 200  # per table: more bad rows are counted, not listed


@dataclass
class TableResult:
    path: Path
    figures: list[Figure] = field(default_factory=list)
    sources: dict[str, TableSource] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    rows: int = 0
    # Large tables come out as columns (etl/bulktable.py), never as one Figure per row.
    observations: pa.Table | None = None

    @property
    def n_figures(self) -> int:
        return len(self.figures) if self.observations is None else self.observations.num_rows


def read_table(path: Path, gaz: Gazetteer, catalog: Catalog, *, bulk: bool | None = None,
               memo: Memo | None = None) -> TableResult:
    """Read and check one table. Any bad row: nothing of the table loads, every bad row is named.

    Tables of BULK_ROWS rows or more (and Parquet files) are checked column by column
    (etl/bulktable.py); `bulk` forces one way or the other. `memo` keeps the column way's answers
    for the next tables of the same build."""
    result = TableResult(path)
    try:
        raw = read_raw(path, bulk=bulk)
    except InputError as exc:
        result.errors.append(str(exc) if exc.where else f"{path.name}: {exc.message}")
        return result
    missing = [c for c in REQUIRED if c not in raw.header]
    if missing:
        have = ", ".join(h for h in raw.header if h)
        result.errors.append(f"{path.name}: thiếu cột {', '.join(missing)} (có: {shown(have)})")
        return result
    result.rows = len(raw)
    if not result.rows:
        result.errors.append(f"{path.name}: bảng chỉ có dòng tiêu đề, không có số liệu")
        return result
    if bulk if bulk is not None else result.rows >= BULK_ROWS:
        columns, lines = raw.as_columns()
        checked = check_table(path.name, raw.digest, columns, lines, gaz, catalog, memo)
        result.errors = _listed(path.name, checked.errors)
        if not result.errors:
            result.observations, result.sources = checked.observations, checked.sources
        return result
    figures, lines, sources, errors = _check_rows(path.name, raw, row_rules(gaz, catalog), gaz)
    errors.extend(_parts_over_totals(path.name, catalog, figures, lines))
    result.errors = _listed(path.name, errors)
    if not result.errors:
        result.figures, result.sources = figures, sources
    return result


def _check_rows(name: str, raw: RawTable, rules: tuple[Rule, ...], gaz: Gazetteer
                ) -> tuple[list[Figure], list[int], dict[str, TableSource], list[tuple[int, str]]]:
    """Every row through the rules: the figures of the good rows (and their row numbers), their
    sources, and (row number, message) for each bad or repeated row."""
    figures: list[Figure] = []
    lines: list[int] = []
    sources: dict[str, TableSource] = {}
    errors: list[tuple[int, str]] = []
    seen: dict[tuple, tuple[int, float]] = {}
    for line, cells in raw.as_rows():
        try:
            fig, src = _row_figure(name, line, raw.digest, {c: cells.get(c, "") for c in COLUMNS}, rules, gaz)
        except InputError as exc:
            errors.append((line, f"{at_row(name, line)}: {exc.message}"))
            continue
        key = (fig.locality_id, fig.indicator, fig.breakdown, fig.period_kind, fig.period_start, fig.period_end, src.id)
        if key in seen:
            first_line, first_value = seen[key]
            errors.append((line, f"{at_row(name, line)}: {repeated_row(fig.value, first_line, first_value)}"))
            continue
        seen[key] = (line, fig.value)
        figures.append(fig)
        lines.append(line)
        sources[src.id] = src
    return figures, lines, sources, errors


def _row_figure(name: str, line: int, digest: str, cells: dict[str, str], rules: tuple[Rule, ...],
                gaz: Gazetteer) -> tuple[Figure, TableSource]:
    """One row's figure and source; raises InputError with the message of the first rule it breaks."""
    got: dict[str, object] = dict(cells)
    for rule in rules:
        got[rule.name] = rule.read(*(got[c] for c in rule.reads))
    place, period, derived = got["place"], got["period"], got["derived"]
    src = table_source(name, digest, cells["source"], cells["source_url"], cells["publisher"], cells["published"])
    fig = Figure(
        doc=src.id, province=gaz.province_of(place).name, district="" if place.level == "province" else place.name,
        indicator=got["indicator"].code, breakdown=got["breakdown"], period_kind=period.kind,
        period_start=period.start, period_end=period.end, value=got["value"], qualifier=got["qualifier"],
        derived=derived, derived_how=DERIVED_HOW if derived else "", locality_id=place.id, obtained="table",
        number_text=cells["value"], quote=row_quote(name, line, cells["note"]))
    return fig, src


def _parts_over_totals(name: str, catalog: Catalog, figures: list[Figure], lines: list[int]) -> list[tuple[int, str]]:
    """Parts of a breakdown larger than their total, within one source of the table."""
    if not figures:
        return []
    groups: dict[tuple, int] = {}
    group = [groups.setdefault((f.doc, f.locality_id, f.indicator, f.period_kind, f.period_start, f.period_end,
                                f.derived), len(groups)) for f in figures]
    indicators = list(dict.fromkeys(f.indicator for f in figures))
    breakdowns = list(dict.fromkeys(f.breakdown for f in figures))
    return parts_over_totals(name, catalog, np.array(group, dtype=np.int64),
                             np.array([indicators.index(f.indicator) for f in figures], dtype=np.int64), indicators,
                             np.array([breakdowns.index(f.breakdown) for f in figures], dtype=np.int64), breakdowns,
                             np.array([f.value for f in figures], dtype=np.float64), np.array(lines, dtype=np.int64))


def _listed(name: str, errors: list[tuple[int, str]]) -> list[str]:
    """Messages in row order, at most MAX_ERRORS of them."""
    ordered = [text for _, text in sorted(errors, key=lambda e: e[0])]
    if len(ordered) > MAX_ERRORS:
        rest = len(ordered) - MAX_ERRORS
        ordered = [*ordered[:MAX_ERRORS], f"{name}: còn {rest} lỗi nữa (chỉ liệt kê {MAX_ERRORS} lỗi đầu)"]
    return ordered


def table_files(folder: Path) -> list[Path]:
    """The tables of a folder: every entry but sub-folders, notes (.md), hidden and lock files, and
    the folder's extra localities and synthetic marker (etl/tabledir.py). Links and other entries that
    are not regular files are listed too: reading them refuses them with a message."""
    return [p for p in folder_entries(folder) if not p.name.startswith("~$") and p.suffix.lower() != ".md"
            and p.name not in NOT_TABLES]
