"""Analyst tables (CSV, XLSX or Parquet, long format) → figures. The template is in data/tables/README.md.

Columns: locality, indicator, breakdown, period, value, source (required);
province, period_kind, qualifier, derived, note, source_url, publisher, published (optional).
A table with any bad row loads nothing; every bad row is reported with its number.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from etl.catalog import Catalog
from etl.errors import InputError
from etl.figure import Figure
from etl.gazetteer import Gazetteer, Locality
from etl.locindex import index_for
from etl.periods import PartialDate, Period, find_periods
from etl.textio import decode_bytes
from etl.textnorm import fold, slug
from etl.vnnumbers import parse_vietnamese_number

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from etl.bulktable import Memo

REQUIRED = ("locality", "indicator", "period", "value", "source")
OPTIONAL = ("breakdown", "province", "period_kind", "qualifier", "derived", "note", "source_url",
            "publisher", "published")
# Vietnamese headers are accepted too.
HEADER_ALIASES = {
    "địa phương": "locality", "dia phuong": "locality", "tỉnh": "province", "tinh": "province",
    "chỉ tiêu": "indicator", "chi tieu": "indicator", "phân tổ": "breakdown", "kỳ": "period",
    "thời kỳ": "period", "giá trị": "value", "gia tri": "value", "nguồn": "source", "nguon": "source",
    "loại kỳ": "period_kind", "ghi chú": "note",
}
BULK_ROWS = 2000  # from this many rows on a table is checked column by column (etl/bulktable.py)
BULK_BYTES = 200_000  # a CSV file this large is parsed by pyarrow when its shape allows
MAX_ERRORS = 200  # per table: more bad rows are counted, not listed
PERIOD_KINDS = ("year", "partial", "cumulative", "event")
QUALIFIERS = ("exact", "at_least", "approx")


@dataclass
class TableSource:
    id: str
    title: str
    url: str
    publisher: str
    published: str
    file_name: str
    file_hash: str


@dataclass
class TableResult:
    path: Path
    figures: list[Figure] = field(default_factory=list)
    sources: dict[str, TableSource] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    rows: int = 0
    # Large tables come out as columns (etl/bulktable.py), never as one Figure per row.
    observations: "pa.Table | None" = None

    @property
    def n_figures(self) -> int:
        return len(self.figures) if self.observations is None else self.observations.num_rows


@dataclass
class RawTable:
    """A table as read: the header and either rows (small tables) or columns (large ones)."""

    header: list[str]
    digest: str
    rows: list[tuple[int, dict[str, str]]] | None = None
    columns: "dict[str, pa.Array] | None" = None
    lines: "np.ndarray | None" = None

    def __len__(self) -> int:
        return len(self.rows) if self.rows is not None else len(self.lines)

    def as_rows(self) -> list[tuple[int, dict[str, str]]]:
        if self.rows is None:
            cols = {h: col.to_pylist() for h, col in self.columns.items()}
            self.rows = [(int(line), {h: _cell(v[i]) for h, v in cols.items()}) for i, line in enumerate(self.lines)]
        return self.rows

    def as_columns(self) -> "tuple[dict[str, pa.Array], np.ndarray]":
        if self.columns is None:
            import numpy as np  # noqa: PLC0415
            import pyarrow as pa  # noqa: PLC0415

            self.columns = {h: pa.array([cells.get(h, "") for _, cells in self.rows], pa.string())
                            for h in dict.fromkeys(self.header)}
            self.lines = np.array([line for line, _ in self.rows], dtype=np.int64)
        return self.columns, self.lines


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]], str]:
    """Header and (row number, cells) of a CSV, XLSX or Parquet file, and the file's hash."""
    raw = read_raw(path, bulk=False)
    return raw.header, raw.as_rows(), raw.digest


def read_raw(path: Path, *, bulk: bool | None = None) -> RawTable:
    """Read a table file. Large CSV files and Parquet files come back as columns."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"không mở được tệp: {exc.strerror}", where=path.name) from None
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        header, rows = _xlsx_rows(data, path.name)
        return RawTable(header, digest, rows=rows)
    if suffix == ".parquet":
        from etl.bulktable import parquet_columns  # noqa: PLC0415

        header, columns, lines = parquet_columns(data, path.name)
        return RawTable(header, digest, columns=columns, lines=lines)
    if suffix == ".csv":
        if bulk or (bulk is None and len(data) >= BULK_BYTES):
            from etl.bulktable import csv_columns  # noqa: PLC0415

            fast = csv_columns(data, path.name)
            if fast is None:  # quotes or ragged lines: the csv module reads it, into columns
                fast = _csv_columns(data, path.name)
            header, columns, lines = fast
            return RawTable(header, digest, columns=columns, lines=lines)
        header, rows = _csv_rows(data, path.name)
        return RawTable(header, digest, rows=rows)
    raise InputError(f"chỉ nhận .csv, .xlsx hoặc .parquet, không nhận {suffix or 'tệp không đuôi'}", where=path.name)


def _csv_rows(data: bytes, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    header, body = _csv_lines(data, name)
    return header, [(i, {h: (ln[j].strip() if j < len(ln) else "") for j, h in enumerate(header)})
                    for i, ln in enumerate(body, start=2)]


def _csv_columns(data: bytes, name: str) -> "tuple[list[str], dict[str, pa.Array], np.ndarray]":
    """What _csv_rows reads, as columns (a large CSV that pyarrow cannot read exactly like csv does)."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    header, body = _csv_lines(data, name)
    columns = {h: pa.array([ln[j] if j < len(ln) else "" for ln in body], pa.string()) for j, h in enumerate(header)}
    return header, columns, np.arange(2, len(body) + 2, dtype=np.int64)


def _csv_lines(data: bytes, name: str) -> tuple[list[str], list[list[str]]]:
    """The header (normalised) and the cells of every non-blank line after it, as csv reads them."""
    text = decode_bytes(data, name)
    first = text.split("\n", 1)[0]
    delimiter = csv_delimiter(first)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise InputError(f"CSV hỏng ở dòng {reader.line_num}: {exc}", where=name) from None
    lines = [ln for ln in lines if any(c.strip() for c in ln)]
    if not lines:
        raise InputError("bảng rỗng (no rows)", where=name)
    header = [_header(h) for h in lines[0]]
    for i, ln in enumerate(lines[1:], start=2):
        if len(ln) > len(header):
            raise InputError(f"dòng {i} có {len(ln)} ô, dòng tiêu đề chỉ có {len(header)} (thiếu dấu ngoặc kép?)", where=name)
    return header, lines[1:]


def csv_delimiter(first_line: str) -> str:
    return ";" if first_line.count(";") > first_line.count(",") else ("\t" if "\t" in first_line else ",")


def _xlsx_rows(data: bytes, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    import openpyxl  # noqa: PLC0415  (only tables need it)

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("không phải tệp XLSX hợp lệ (hỏng hoặc bị cắt cụt)", where=name)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise InputError(f"không đọc được XLSX: {type(exc).__name__}: {exc}", where=name) from None
    ws = wb.worksheets[0]
    header_merges = [str(r) for r in ws.merged_cells.ranges if r.min_row <= 1]
    if header_merges:
        raise InputError(
            f"dòng tiêu đề có ô gộp ({', '.join(header_merges)}): mỗi cột cần một tiêu đề riêng, bỏ gộp ô rồi gửi lại",
            where=f"{name} trang '{ws.title}'")
    merges = [str(r) for r in ws.merged_cells.ranges]
    if merges:
        raise InputError(f"bảng có ô gộp ({', '.join(merges[:5])}): mỗi dòng cần đủ giá trị", where=f"{name} trang '{ws.title}'")
    values = list(ws.iter_rows(values_only=True))
    values = [v for v in values if any(c not in (None, "") for c in v)]
    if not values:
        raise InputError("bảng rỗng (no rows)", where=name)
    header = [_header("" if h is None else str(h)) for h in values[0]]
    rows = []
    for i, row in enumerate(values[1:], start=2):
        rows.append((i, {h: _cell(row[j]) if j < len(row) else "" for j, h in enumerate(header)}))
    return header, rows


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, date):
        return v.isoformat()[:10]
    return str(v).strip()


def _header(h: str) -> str:
    key = fold(h.strip().lstrip("\ufeff"))
    return HEADER_ALIASES.get(key, key.replace(" ", "_"))


def parse_period(text: str, kind: str = "") -> Period:
    """'2023', '2021-2024', '7 tháng 2024', 'quý I/2023', '2024-01-01..2024-07-31', '2024-07-23'."""
    try:
        return _parse_period(text, kind)
    except ValueError as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"kỳ {text!r}: ngày không hợp lệ ({exc})") from None


def _parse_period(text: str, kind: str) -> Period:
    t = fold(text.strip())
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})\s*\.\.\s*(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        a = date(int(m[1]), int(m[2]), int(m[3]))
        b = date(int(m[4]), int(m[5]), int(m[6]))
        if b < a:
            raise InputError(f"kỳ {text!r}: ngày cuối trước ngày đầu")
        full_year = a.year == b.year and (a.month, a.day, b.month, b.day) == (1, 1, 12, 31)
        guess = "year" if full_year else ("partial" if a.year == b.year else "cumulative")
        return Period(kind or guess, a, b, text)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return Period(kind or "event", d, d, text)
    m = re.fullmatch(r"(?:năm\s+)?(\d{4})", t)
    if m:
        y = int(m[1])
        return Period(kind or "year", date(y, 1, 1), date(y, 12, 31), text)
    m = re.fullmatch(r"(?:giai đoạn\s+)?(\d{4})\s*[-–]\s*(\d{4})", t)
    if m:
        a, b = int(m[1]), int(m[2])
        if b < a:
            raise InputError(f"kỳ {text!r}: năm cuối trước năm đầu")
        return Period(kind or "cumulative", date(a, 1, 1), date(b, 12, 31), text)
    t2 = re.sub(r"(\d{1,2}) tháng (\d{4})", r"\1 tháng năm \2", t)
    t2 = re.sub(r"^q([1-4])[/ ](\d{4})$", r"quý \1/\2", t2)
    found = [p for p in find_periods(t2) if p.period and p.period.start and p.period.end and not p.compare]
    if len(found) == 1 and found[0].end_pos - found[0].start_pos >= len(t2.strip()) - 1:
        p = found[0].period
        return Period(kind or p.kind, p.start, p.end, text)
    raise InputError(f"không đọc được kỳ {text!r} (ví dụ hợp lệ: 2023; 2021-2024; 7 tháng 2024; quý I/2023; "
                     "2024-01-01..2024-07-31)")


def resolve_locality(gaz: Gazetteer, name: str, province: str, on: date | None) -> Locality:
    """A locality by id, name, 'huyện X' or 'X (Tỉnh)'; raises InputError with the nearest names."""
    found = locality_candidates(gaz, name, province)
    if isinstance(found, Locality):
        return found
    return choose_locality(gaz, *found, on)


def locality_candidates(gaz: Gazetteer, name: str, province: str) -> Locality | tuple[str, str, list[Locality]]:
    """The part of `resolve_locality` that does not depend on the date: the locality itself, or
    (name, province, candidates) for `choose_locality`. Raises InputError like resolve_locality."""
    raw = name.strip()
    if raw in gaz.by_id:
        return gaz.by_id[raw]
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", raw)
    if m:
        raw, province = m.group(1), province or m.group(2)
    index = index_for(gaz)
    found = index.find(raw, province=province or None)
    if not found and province:
        found = index.find(raw)
        if found:
            raise InputError(f"địa phương {raw!r} không thuộc {province!r} (thuộc {gaz.province_of(found[0]).name})")
    if not found:
        near = gaz.suggest(raw)
        hint = f"; gần nhất: {', '.join(near)}" if near else ""
        raise InputError(f"địa phương không có trong danh mục: {raw!r}{hint}")
    return raw, province, found


def choose_locality(gaz: Gazetteer, raw: str, province: str, found: list[Locality], on: date | None) -> Locality:
    """Among the localities a name can mean, the one valid on `on` (one candidate: that one)."""
    valid = [loc for loc in found if loc.valid_on(on)] or found
    districts = [loc for loc in valid if loc.level == "district"]
    if len({gaz.province_of(loc).id for loc in districts}) > 1 and not province:
        names = ", ".join(f"{loc.name} ({gaz.province_of(loc).name})" for loc in districts)
        raise InputError(f"tên {raw!r} có ở nhiều tỉnh ({names}): thêm cột province")
    return (districts or valid)[0]


def read_table(path: Path, gaz: Gazetteer, catalog: Catalog, *, bulk: bool | None = None,
               memo: "Memo | None" = None) -> TableResult:
    """Read and check one table. Any bad row: nothing of the table loads, every bad row is named.

    Tables of BULK_ROWS rows or more (and Parquet files) are checked column by column
    (etl/bulktable.py) with the same rules and messages; `bulk` forces one way or the other."""
    result = TableResult(path)
    try:
        raw = read_raw(path, bulk=bulk)
    except InputError as exc:
        result.errors.append(str(exc) if exc.where else f"{path.name}: {exc.message}")
        return result
    header = raw.header
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        result.errors.append(f"{path.name}: thiếu cột {', '.join(missing)} (có: {', '.join(h for h in header if h)})")
        return result
    result.rows = len(raw)
    if not result.rows:
        result.errors.append(f"{path.name}: bảng chỉ có dòng tiêu đề, không có số liệu")
        return result
    if bulk if bulk is not None else result.rows >= BULK_ROWS:
        from etl.bulktable import check_table  # noqa: PLC0415

        columns, lines = raw.as_columns()
        checked = check_table(path.name, raw.digest, columns, lines, gaz, catalog, memo)
        result.errors = _listed(path.name, checked.errors)
        if not result.errors:
            result.observations, result.sources = checked.observations, checked.sources
        return result
    errors: list[tuple[int, str]] = []
    lines_of: list[int] = []
    seen: dict[tuple, tuple[int, float]] = {}
    for line, cells in raw.as_rows():
        where = f"{path.name} dòng {line}"
        try:
            fig, src = _row_figure(cells, path.name, raw.digest, gaz, catalog)
        except InputError as exc:
            errors.append((line, f"{where}: {exc.message}"))
            continue
        key = (fig.locality_id, fig.indicator, fig.breakdown, fig.period_kind, fig.period_start, fig.period_end, src.id)
        if key in seen:
            prev_line, prev_value = seen[key]
            if prev_value != fig.value:
                errors.append((line, f"{where}: mâu thuẫn với dòng {prev_line} (cùng địa phương, chỉ tiêu, phân tổ, "
                                     f"kỳ, nguồn nhưng {fig.value:g} ≠ {prev_value:g})"))
            else:
                errors.append((line, f"{where}: trùng lặp dòng {prev_line}"))
            continue
        seen[key] = (line, fig.value)
        fig.quote = f"{path.name}, dòng {line}" + (f": {cells.get('note')}" if cells.get("note") else "")
        result.figures.append(fig)
        lines_of.append(line)
        result.sources[src.id] = src
    errors.extend(_parts_over_totals(path.name, catalog, result.figures, lines_of))
    result.errors = _listed(path.name, errors)
    if result.errors:
        result.figures = []
        result.sources = {}
    return result


def _parts_over_totals(name: str, catalog: Catalog, figures: list[Figure], lines: list[int]) -> list[tuple[int, str]]:
    """Parts of a breakdown larger than their total, within one source of the table."""
    if not figures:
        return []
    import numpy as np  # noqa: PLC0415

    from etl.bulktable import parts_over_totals  # noqa: PLC0415

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


def _row_figure(cells: dict[str, str], file_name: str, digest: str, gaz: Gazetteer,
                catalog: Catalog) -> tuple[Figure, TableSource]:
    for c in REQUIRED:
        if not cells.get(c):
            raise InputError(f"ô {c} trống")
    code = cells["indicator"].strip()
    ind = catalog.get(code)
    if ind is None:
        near = catalog.suggest(code)
        raise InputError(f"chỉ tiêu không có trong danh mục: {code!r}" + (f"; gần nhất: {', '.join(near)}" if near else ""))
    breakdown = cells.get("breakdown") or "total"
    if ind.breakdown(breakdown) is None:
        raise InputError(f"phân tổ {breakdown!r} không có cho {code} (có: {', '.join(b.code for b in ind.breakdowns)})")
    kind = (cells.get("period_kind") or "").strip()
    if kind and kind not in PERIOD_KINDS:
        raise InputError(f"period_kind {kind!r} không hợp lệ (chọn: {', '.join(PERIOD_KINDS)})")
    period = parse_period(cells["period"], kind)
    raw_value = cells["value"].replace(" ", "")
    if raw_value.startswith("-"):
        raise InputError(f"giá trị âm: {cells['value']!r}")
    try:
        value = parse_vietnamese_number(raw_value, count=True)
    except InputError:
        raise InputError(f"giá trị không phải số: {cells['value']!r}") from None
    qualifier = cells.get("qualifier") or "exact"
    if qualifier not in QUALIFIERS:
        raise InputError(f"qualifier {qualifier!r} không hợp lệ (chọn: {', '.join(QUALIFIERS)})")
    derived_text = (cells.get("derived") or "no").lower()
    if derived_text not in ("yes", "no", "true", "false", "1", "0", "có", "không"):
        raise InputError(f"derived {derived_text!r} phải là yes hoặc no")
    derived = derived_text in ("yes", "true", "1", "có")
    loc = resolve_locality(gaz, cells["locality"], cells.get("province", ""), period.end)
    province = gaz.province_of(loc)
    published = PartialDate.parse(cells.get("published"))
    source_title = cells["source"].strip()
    src = TableSource(
        id=f"{file_name}#{slug(source_title)[:60] or 'nguon'}", title=source_title,
        url=cells.get("source_url", ""), publisher=cells.get("publisher", ""),
        published=published.iso() if published else "", file_name=file_name, file_hash=digest)
    fig = Figure(
        doc=src.id, province=province.name, district="" if loc.level == "province" else loc.name,
        indicator=code, breakdown=breakdown, period_kind=period.kind, period_start=period.start,
        period_end=period.end, value=value, qualifier=qualifier, derived=derived,
        derived_how="theo bảng của chuyên viên" if derived else "", locality_id=loc.id, obtained="table",
        number_text=cells["value"])
    return fig, src


def table_files(folder: Path) -> list[Path]:
    """The tables of a folder: every file but notes (.md), hidden and lock files, and the folder's
    extra localities and synthetic marker (etl/tabledir.py)."""
    from etl.tabledir import NOT_TABLES  # noqa: PLC0415

    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
                  and p.suffix.lower() != ".md" and p.name not in NOT_TABLES)
