"""An analyst table file (CSV, XLSX or Parquet) as read: its header and its cells, row by row for
small tables, column by column (etl/bulktable.py) for large CSV and all Parquet files. The
template is in data/tables/README.md; reading never judges a cell (etl/rules.py does)."""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from etl.errors import InputError
from etl.textio import decode_bytes
from etl.textnorm import fold

# Vietnamese headers are accepted too.
HEADER_ALIASES = {
    "địa phương": "locality", "dia phuong": "locality", "tỉnh": "province", "tinh": "province",
    "chỉ tiêu": "indicator", "chi tieu": "indicator", "phân tổ": "breakdown", "kỳ": "period",
    "thời kỳ": "period", "giá trị": "value", "gia tri": "value", "nguồn": "source", "nguon": "source",
    "loại kỳ": "period_kind", "ghi chú": "note",
}
BULK_BYTES = 200_000  # a CSV file this large is parsed by pyarrow when its shape allows
EMPTY = "bảng rỗng (no rows)"


@dataclass
class RawTable:
    """A table as read: the header and either rows (small tables) or columns (large ones)."""

    header: list[str]
    digest: str
    rows: list[tuple[int, dict[str, str]]] | None = None
    columns: dict[str, pa.Array | Encoded] | None = None
    lines: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.rows) if self.rows is not None else len(self.lines)

    def as_rows(self) -> list[tuple[int, dict[str, str]]]:
        if self.rows is None:
            cols = {h: col.to_pylist() for h, col in self.columns.items()}
            self.rows = [(int(line), {h: _cell(v[i]) for h, v in cols.items()}) for i, line in enumerate(self.lines)]
        return self.rows

    def as_columns(self) -> tuple[dict[str, pa.Array | Encoded], np.ndarray]:
        if self.columns is None:
            self.columns = {h: pa.array([cells.get(h, "") for _, cells in self.rows], pa.string())
                            for h in dict.fromkeys(self.header)}
            self.lines = np.array([line for line, _ in self.rows], dtype=np.int64)
        return self.columns, self.lines


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
        header, columns, lines = parquet_columns(data, path.name)
        return RawTable(header, digest, columns=columns, lines=lines)
    if suffix == ".csv":
        if bulk or (bulk is None and len(data) >= BULK_BYTES):
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


def _csv_columns(data: bytes, name: str) -> tuple[list[str], dict[str, pa.Array], np.ndarray]:
    """What _csv_rows reads, as columns (a large CSV that pyarrow cannot read exactly like csv does)."""
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
        raise InputError(EMPTY, where=name)
    header = [_header(h) for h in lines[0]]
    for i, ln in enumerate(lines[1:], start=2):
        if len(ln) > len(header):
            raise InputError(f"dòng {i} có {len(ln)} ô, dòng tiêu đề chỉ có {len(header)} (thiếu dấu ngoặc kép?)",
                             where=name)
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
        raise InputError(f"bảng có ô gộp ({', '.join(merges[:5])}): mỗi dòng cần đủ giá trị",
                         where=f"{name} trang '{ws.title}'")
    values = list(ws.iter_rows(values_only=True))
    values = [v for v in values if any(c not in (None, "") for c in v)]
    if not values:
        raise InputError(EMPTY, where=name)
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


# --- columns (pyarrow) ---------------------------------------------------------------------

def parquet_columns(data: bytes, name: str) -> tuple[list[str], dict[str, Encoded], np.ndarray]:
    """Header, columns and row numbers of a Parquet table (row n of the file is 'dòng n + 1',
    as if a header row came first). Rows with every cell empty are left out."""
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception:  # pyarrow raises several kinds for broken files  # noqa: BLE001
        raise InputError("không đọc được Parquet (hỏng hoặc bị cắt cụt)", where=name) from None
    header = [_header(str(c)) for c in table.column_names]
    columns: dict[str, pa.Array] = {}
    for h, col in zip(header, table.columns, strict=True):
        columns[h] = col.unify_dictionaries().combine_chunks() if pa.types.is_dictionary(col.type) \
            else col.combine_chunks()
    lines = np.arange(2, table.num_rows + 2, dtype=np.int64)
    return header, *_drop_blank(columns, lines)


def csv_columns(data: bytes, name: str) -> tuple[list[str], dict[str, Encoded], np.ndarray] | None:
    """A CSV file read by pyarrow, when that gives exactly what the row reader gives: no quotes,
    no row with more or fewer cells than the header, no cell longer than the csv module allows.
    Otherwise None (the caller reads it row by row, with that reader's messages)."""
    import pyarrow.csv as pcsv  # noqa: PLC0415

    text = decode_bytes(data, name)
    if '"' in text:
        return None
    delimiter = csv_delimiter(text.split("\n", 1)[0])
    pos = 0
    header_cells: list[str] = []
    while pos < len(text):  # the header is the first line with a non-blank cell
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end + 1
        cells = text[pos:end].rstrip("\r\n").split(delimiter)
        pos = end
        if any(c.strip() for c in cells):
            header_cells = cells
            break
    if not header_cells:
        raise InputError(EMPTY, where=name)
    if text.count("\r") != text.count("\r\n"):
        return None  # a lone carriage return: let the csv module decide what it means
    names = [f"c{i}" for i in range(len(header_cells))]
    ragged = []

    def on_invalid(row) -> str:
        if row.text.strip().strip(delimiter).strip():
            ragged.append(row.number)
        return "skip"

    try:
        table = pcsv.read_csv(
            io.BytesIO(text[pos:].encode("utf-8")),
            read_options=pcsv.ReadOptions(column_names=names, block_size=1 << 24),
            parse_options=pcsv.ParseOptions(delimiter=delimiter, quote_char=False, newlines_in_values=False,
                                            invalid_row_handler=on_invalid),
            convert_options=pcsv.ConvertOptions(column_types={c: pa.string() for c in names},
                                                strings_can_be_null=False))
    except pa.ArrowInvalid:
        return None
    if ragged:
        return None
    limit = csv.field_size_limit()
    for col in table.columns:
        longest = pc.max(pc.utf8_length(col)).as_py() if len(col) else 0
        if longest and longest > limit:
            return None
    header = [_header(h) for h in header_cells]
    columns: dict[str, pa.Array] = {}
    for h, col in zip(header, table.columns, strict=True):
        columns[h] = col.combine_chunks()
    # The row reader numbers the non-blank lines: header is 2 - 1, then 2, 3, …
    keep_cols, _ = _drop_blank(columns, np.arange(table.num_rows, dtype=np.int64))
    n = len(next(iter(keep_cols.values()))) if keep_cols else 0
    return header, keep_cols, np.arange(2, n + 2, dtype=np.int64)



@dataclass
class Encoded:
    """A column as row → index into its distinct cell texts (stripped, '' for empty)."""

    idx: np.ndarray
    values: list[str]

    def __len__(self) -> int:
        return len(self.idx)

    def to_pylist(self) -> list[str]:
        return [self.values[i] for i in self.idx]

    def __iter__(self):
        return iter((self.idx, self.values))


def _drop_blank(columns: dict[str, pa.Array], lines: np.ndarray) -> tuple[dict[str, Encoded], np.ndarray]:
    """Columns encoded once, without the rows where every cell is empty."""
    encoded = {h: encode(col, len(lines)) for h, col in columns.items()}
    blank = np.ones(len(lines), dtype=bool)
    for col in encoded.values():
        blank &= np.array([v == "" for v in col.values], dtype=bool)[col.idx] if col.values else True
    if not blank.any():
        return encoded, lines
    keep = np.flatnonzero(~blank)
    return {h: Encoded(col.idx[keep], col.values) for h, col in encoded.items()}, lines[keep]


def encode(col: pa.Array | Encoded | None, n: int = 0) -> Encoded:
    """Row → index into the distinct cell texts, as the row reader sees the cells."""
    if isinstance(col, Encoded):
        return col
    if col is None:
        return Encoded(np.zeros(n, dtype=np.int64), [""])
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    if not pa.types.is_dictionary(col.type):
        col = pc.dictionary_encode(col, null_encoding="encode")
    dictionary = col.dictionary
    idx = col.indices.to_numpy(zero_copy_only=False)
    if col.indices.null_count:
        idx = np.where(pc.is_null(col.indices).to_numpy(zero_copy_only=False), len(dictionary), idx)
    idx = idx.astype(np.int64, copy=False)
    used = np.bincount(idx, minlength=len(dictionary) + 1)[:len(dictionary) + 1] > 0
    if not used.all():  # a file's dictionary may hold texts no row of it uses
        keep = np.flatnonzero(used)
        renumber = np.zeros(len(used), dtype=np.int64)
        renumber[keep] = np.arange(len(keep))
        idx = renumber[idx]
        texts = dictionary.take(pa.array(keep[keep < len(dictionary)])).to_pylist()
        if keep[-1] == len(dictionary):
            texts.append(None)
    else:
        texts = [*dictionary.to_pylist(), None]
    return Encoded(idx, [_cell(v) for v in texts])

