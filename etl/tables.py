"""Analyst tables (CSV or XLSX, long format) → figures. The template is in data/tables/README.md.

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

from etl.catalog import Catalog
from etl.errors import InputError
from etl.figure import Figure
from etl.gazetteer import Gazetteer, Locality
from etl.periods import Period, PartialDate, find_periods
from etl.textio import decode_bytes
from etl.textnorm import fold, slug
from etl.vnnumbers import parse_vietnamese_number

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


def read_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]], str]:
    """Header and (row number, cells) of a CSV or XLSX file, and the file's hash."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"không mở được tệp: {exc.strerror}", where=path.name) from None
    digest = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        header, rows = _xlsx_rows(data, path.name)
    elif path.suffix.lower() == ".csv":
        header, rows = _csv_rows(data, path.name)
    else:
        raise InputError(f"chỉ nhận .csv hoặc .xlsx, không nhận {path.suffix or 'tệp không đuôi'}", where=path.name)
    return header, rows, digest


def _csv_rows(data: bytes, name: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    text = decode_bytes(data, name)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        lines = list(reader)
    except csv.Error as exc:
        raise InputError(f"CSV hỏng ở dòng {reader.line_num}: {exc}", where=name) from None
    lines = [ln for ln in lines if any(c.strip() for c in ln)]
    if not lines:
        raise InputError("bảng rỗng (no rows)", where=name)
    header = [_header(h) for h in lines[0]]
    rows = []
    for i, ln in enumerate(lines[1:], start=2):
        if len(ln) > len(header):
            raise InputError(f"dòng {i} có {len(ln)} ô, dòng tiêu đề chỉ có {len(header)} (thiếu dấu ngoặc kép?)", where=name)
        rows.append((i, {h: (ln[j].strip() if j < len(ln) else "") for j, h in enumerate(header)}))
    return header, rows


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
    raw = name.strip()
    if raw in gaz.by_id:
        return gaz.by_id[raw]
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", raw)
    if m:
        raw, province = m.group(1), province or m.group(2)
    found = gaz.find(raw, province=province or None)
    if not found and province:
        found = gaz.find(raw)
        if found:
            raise InputError(f"địa phương {raw!r} không thuộc {province!r} (thuộc {gaz.province_of(found[0]).name})")
    if not found:
        near = gaz.suggest(raw)
        hint = f"; gần nhất: {', '.join(near)}" if near else ""
        raise InputError(f"địa phương không có trong danh mục: {raw!r}{hint}")
    valid = [loc for loc in found if loc.valid_on(on)] or found
    districts = [loc for loc in valid if loc.level == "district"]
    if len({gaz.province_of(loc).id for loc in districts}) > 1 and not province:
        names = ", ".join(f"{loc.name} ({gaz.province_of(loc).name})" for loc in districts)
        raise InputError(f"tên {raw!r} có ở nhiều tỉnh ({names}): thêm cột province")
    return (districts or valid)[0]


def read_table(path: Path, gaz: Gazetteer, catalog: Catalog) -> TableResult:
    result = TableResult(path)
    try:
        header, rows, digest = read_rows(path)
    except InputError as exc:
        result.errors.append(str(exc) if exc.where else f"{path.name}: {exc.message}")
        return result
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        result.errors.append(f"{path.name}: thiếu cột {', '.join(missing)} (có: {', '.join(h for h in header if h)})")
        return result
    result.rows = len(rows)
    if not rows:
        result.errors.append(f"{path.name}: bảng chỉ có dòng tiêu đề, không có số liệu")
        return result
    seen: dict[tuple, tuple[int, float]] = {}
    for line, cells in rows:
        where = f"{path.name} dòng {line}"
        try:
            fig, src = _row_figure(cells, path.name, digest, gaz, catalog)
        except InputError as exc:
            result.errors.append(f"{where}: {exc.message}")
            continue
        key = (fig.locality_id, fig.indicator, fig.breakdown, fig.period_kind, fig.period_start, fig.period_end, src.id)
        if key in seen:
            prev_line, prev_value = seen[key]
            if prev_value != fig.value:
                result.errors.append(f"{where}: mâu thuẫn với dòng {prev_line} (cùng địa phương, chỉ tiêu, phân tổ, kỳ, "
                                     f"nguồn nhưng {fig.value:g} ≠ {prev_value:g})")
            else:
                result.errors.append(f"{where}: trùng lặp dòng {prev_line}")
            continue
        seen[key] = (line, fig.value)
        fig.quote = f"{path.name}, dòng {line}" + (f": {cells.get('note')}" if cells.get("note") else "")
        result.figures.append(fig)
        result.sources[src.id] = src
    if result.errors:
        result.figures = []
        result.sources = {}
    return result


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
    if not folder.exists():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))
                  and p.suffix.lower() != ".md")
