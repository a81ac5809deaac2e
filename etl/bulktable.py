"""Large analyst tables, checked column by column.

The rules and the messages are those of `etl.tables` (row by row): each rule is asked once per
distinct value (or combination of values) with the very same functions, and the answers are
spread back over the rows with numpy. A national table of 2–3 million rows has a few thousand
distinct places, a few hundred periods and some tens of thousands of distinct numbers, so the
Python work stays small and the per-row work is array indexing.

Parquet files and clean CSV files are read by pyarrow straight into columns.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl.catalog import Catalog
from etl.errors import InputError
from etl.gazetteer import Gazetteer, Locality
from etl.periods import PartialDate, Period
from etl.tables import (
    PERIOD_KINDS,
    QUALIFIERS,
    REQUIRED,
    TableSource,
    _cell,
    _header,
    choose_locality,
    csv_delimiter,
    locality_candidates,
    parse_period,
)
from etl.textio import decode_bytes
from etl.textnorm import slug
from etl.validate import _effective_parts
from etl.vnnumbers import parse_vietnamese_number

DERIVED_WORDS = ("yes", "no", "true", "false", "1", "0", "có", "không")
DERIVED_HOW = "theo bảng của chuyên viên"
# The columns of the observations a bulk table gives (etl/load.py adds the id).
BULK_COLUMNS = ("locality_id", "indicator", "breakdown", "period_kind", "period_start", "period_end", "value",
                "value_repr", "qualifier", "derived", "derived_how", "source_id", "quote", "obtained",
                "figure_ref", "review_note")


# --- reading ------------------------------------------------------------------------------

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
    for h, col in zip(header, table.columns):
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
        raise InputError("bảng rỗng (no rows)", where=name)
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
    for h, col in zip(header, table.columns):
        columns[h] = col.combine_chunks()
    # The row reader numbers the non-blank lines: header is 2 - 1, then 2, 3, …
    keep_cols, _ = _drop_blank(columns, np.arange(table.num_rows, dtype=np.int64))
    n = len(next(iter(keep_cols.values()))) if keep_cols else 0
    return header, keep_cols, np.arange(2, n + 2, dtype=np.int64)


@dataclass
class Vocab:
    """Distinct items and their codes, numbered in order of first use."""

    items: list = field(default_factory=list)
    codes: dict = field(default_factory=dict)

    def code(self, item) -> int:
        got = self.codes.get(item)
        if got is None:
            got = self.codes[item] = len(self.items)
            self.items.append(item)
        return got


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


# --- checking -----------------------------------------------------------------------------

@dataclass
class Memo:
    """Answers per distinct value, shared by the tables of one build (one gazetteer)."""

    values: dict[str, float | str] = field(default_factory=dict)  # value cell → number or message
    periods: dict[tuple[str, str], Period | str] = field(default_factory=dict)
    places: dict[tuple[str, str], object] = field(default_factory=dict)
    places_on: dict[tuple[str, str, date | None], Locality | str] = field(default_factory=dict)


@dataclass
class Checked:
    observations: pa.Table | None
    sources: dict[str, TableSource]
    errors: list[tuple[int, str]]  # (row number, message naming file and row)


def _combos(*codes: np.ndarray, first: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(row → number of its combination of codes, combination → one row that has it).

    With `first`, combinations are numbered in order of appearance and the row is the first
    one (for "duplicate of row N"); otherwise any row will do, and small code spaces are
    counted with a dense table instead of hashing."""
    n = len(codes[0])
    if not n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    key = codes[0].astype(np.int64, copy=False)
    space = int(key.max()) + 1
    for c in codes[1:]:
        width = int(c.max()) + 1
        if space * width >= 1 << 62:
            key, uniq = pd.factorize(key)
            key = key.astype(np.int64)
            space = len(uniq)
        key = key * width + c
        space *= width
    if not first and space <= 1 << 24:
        present = np.zeros(space, dtype=bool)
        present[key] = True
        number = np.cumsum(present) - 1
        inv = number[key]
        any_row = np.empty(int(number[-1]) + 1, dtype=np.int64)
        any_row[inv] = np.arange(n)
        return inv, any_row
    inv, _ = pd.factorize(key)  # numbered in order of first appearance
    inv = inv.astype(np.int64, copy=False)
    seen_max = np.maximum.accumulate(inv)
    first_rows = np.flatnonzero(inv > np.concatenate(([-1], seen_max[:-1])))
    return inv, first_rows


class _FirstError:
    """The first error of each row, in the order the row reader checks."""

    def __init__(self, n: int) -> None:
        self.bad = np.zeros(n, dtype=bool)
        self.msg = np.empty(n, dtype=object)

    def good(self) -> np.ndarray:
        return np.flatnonzero(~self.bad)

    def fail(self, rows: np.ndarray, codes: np.ndarray, messages: list[str | None]) -> None:
        """rows (all good so far) whose code has a message get it."""
        has = np.array([m is not None for m in messages], dtype=bool)
        if not has.any():
            return
        hit = has[codes]
        if hit.any():
            where = rows[hit]
            self.msg[where] = np.array(messages, dtype=object)[codes[hit]]
            self.bad[where] = True


def check_table(name: str, digest: str, columns: dict[str, pa.Array | Encoded], lines: np.ndarray, gaz: Gazetteer,
                catalog: Catalog, memo: Memo | None = None) -> Checked:
    memo = memo or Memo()
    n = len(lines)
    enc = {c: encode(columns.get(c), n) for c in (*REQUIRED, "breakdown", "province", "period_kind", "qualifier",
                                                 "derived", "note", "source_url", "publisher", "published")}
    err = _FirstError(n)

    # Required cells, in the order of REQUIRED.
    for c in REQUIRED:
        idx, values = enc[c]
        rows = err.good()
        err.fail(rows, idx[rows], [f"ô {c} trống" if v == "" else None for v in values])

    # Indicator, then its breakdown.
    ind_idx, ind_values = enc["indicator"]
    indicators = [catalog.get(v) for v in ind_values]
    rows = err.good()
    err.fail(rows, ind_idx[rows], [
        None if ind is not None or not v else
        f"chỉ tiêu không có trong danh mục: {v!r}" + (f"; gần nhất: {', '.join(near)}" if (near := catalog.suggest(v))
                                                        else "")
        for v, ind in zip(ind_values, indicators)])
    brk_idx, brk_values = enc["breakdown"]
    rows = err.good()
    combo, one = _combos(ind_idx[rows], brk_idx[rows])
    breakdowns = Vocab()
    brk_of_combo = np.zeros(len(one), dtype=np.int64)
    combo_msgs: list[str | None] = []
    for k, r in enumerate(rows[one]):
        ind = indicators[ind_idx[r]]
        breakdown = brk_values[brk_idx[r]] or "total"
        brk_of_combo[k] = breakdowns.code(breakdown)
        combo_msgs.append(None if ind.breakdown(breakdown) is not None else
                          f"phân tổ {breakdown!r} không có cho {ind.code} "
                          f"(có: {', '.join(b.code for b in ind.breakdowns)})")
    err.fail(rows, combo, combo_msgs)
    brk_of_row = np.full(n, -1, dtype=np.int64)
    brk_of_row[rows] = brk_of_combo[combo]

    # Period kind, then the period.
    kind_idx, kind_values = enc["period_kind"]
    rows = err.good()
    err.fail(rows, kind_idx[rows], [None if not v or v in PERIOD_KINDS else
                                    f"period_kind {v!r} không hợp lệ (chọn: {', '.join(PERIOD_KINDS)})"
                                    for v in kind_values])
    per_idx, per_values = enc["period"]
    rows = err.good()
    combo, one = _combos(per_idx[rows], kind_idx[rows])
    canon = Vocab()  # distinct (kind, start, end)
    canon_of_combo = np.full(len(one), -1, dtype=np.int64)
    combo_msgs = []
    for k, r in enumerate(rows[one]):
        key = (per_values[per_idx[r]], kind_values[kind_idx[r]])
        got = memo.periods.get(key)
        if got is None:
            try:
                got = parse_period(*key)
            except InputError as exc:
                got = exc.message
            memo.periods[key] = got
        if isinstance(got, str):
            combo_msgs.append(got)
        else:
            combo_msgs.append(None)
            canon_of_combo[k] = canon.code((got.kind, got.start, got.end))
    err.fail(rows, combo, combo_msgs)
    period_of_row = np.full(n, -1, dtype=np.int64)
    period_of_row[rows] = canon_of_combo[combo]

    # Value.
    val_idx, val_values = enc["value"]
    numbers = np.zeros(len(val_values), dtype=np.float64)
    val_msgs: list[str | None] = []
    for i, v in enumerate(val_values):
        got = memo.values.get(v)
        if got is None:
            raw = v.replace(" ", "")
            if raw.startswith("-"):
                got = f"giá trị âm: {v!r}"
            else:
                try:
                    got = parse_vietnamese_number(raw, count=True)
                except InputError:
                    got = f"giá trị không phải số: {v!r}"
            memo.values[v] = got
        if isinstance(got, str):
            val_msgs.append(got)
        else:
            val_msgs.append(None)
            numbers[i] = got
    rows = err.good()
    err.fail(rows, val_idx[rows], val_msgs)

    # Qualifier and derived.
    q_idx, q_values = enc["qualifier"]
    qualifiers = [v or "exact" for v in q_values]
    rows = err.good()
    err.fail(rows, q_idx[rows], [None if q in QUALIFIERS else
                                 f"qualifier {q!r} không hợp lệ (chọn: {', '.join(QUALIFIERS)})" for q in qualifiers])
    d_idx, d_values = enc["derived"]
    d_words = [(v or "no").lower() for v in d_values]
    rows = err.good()
    err.fail(rows, d_idx[rows], [None if w in DERIVED_WORDS else f"derived {w!r} phải là yes hoặc no" for w in d_words])
    derived_of_value = np.array([w in ("yes", "true", "1", "có") for w in d_words], dtype=bool)

    # Locality: by name (and province) once; by date only where a name means several units.
    loc_idx, loc_values = enc["locality"]
    prov_idx, prov_values = enc["province"]
    rows = err.good()
    combo, one = _combos(loc_idx[rows], prov_idx[rows])
    places = Vocab()
    combo_place = np.full(len(one), -1, dtype=np.int64)
    combo_msgs = [None] * len(one)
    candidates: dict[int, tuple] = {}
    for k, r in enumerate(rows[one]):
        key = (loc_values[loc_idx[r]], prov_values[prov_idx[r]])
        got = memo.places.get(key)
        if got is None:
            try:
                got = locality_candidates(gaz, *key)
            except InputError as exc:
                got = exc.message
            memo.places[key] = got
        if isinstance(got, str):
            combo_msgs[k] = got
        elif isinstance(got, Locality):
            combo_place[k] = places.code(got.id)
        elif len(got[2]) == 1:
            combo_place[k] = places.code(got[2][0].id)
        else:
            candidates[k] = got
    place_of_row = np.full(n, -1, dtype=np.int64)
    place_of_row[rows] = combo_place[combo]
    err.fail(rows, combo, combo_msgs)
    if candidates:
        dated = np.zeros(len(one), dtype=bool)
        dated[list(candidates)] = True
        sub_rows = rows[dated[combo]]
        sub_combo = combo[dated[combo]]
        sub, sub_one = _combos(sub_combo, period_of_row[sub_rows])
        sub_place = np.full(len(sub_one), -1, dtype=np.int64)
        sub_msgs: list[str | None] = [None] * len(sub_one)
        for k, j in enumerate(sub_one):
            raw, province, found = candidates[int(sub_combo[j])]
            on = canon.items[period_of_row[sub_rows[j]]][2]
            key = (raw, province, tuple(f.id for f in found), on)
            got = memo.places_on.get(key)
            if got is None:
                try:
                    got = choose_locality(gaz, raw, province, found, on)
                except InputError as exc:
                    got = exc.message
                memo.places_on[key] = got
            if isinstance(got, str):
                sub_msgs[k] = got
            else:
                sub_place[k] = places.code(got.id)
        place_of_row[sub_rows] = sub_place[sub]
        err.fail(sub_rows, sub, sub_msgs)

    # Sources.
    src_idx, src_values = enc["source"]
    src_vocab = Vocab()
    src_of_value = np.array([src_vocab.code(f"{name}#{slug(v)[:60] or 'nguon'}") for v in src_values], dtype=np.int64)
    src_of_row = src_of_value[src_idx]

    bad_rows = np.flatnonzero(err.bad)
    errors: list[tuple[int, str]] = [(int(lines[r]), f"{name} dòng {lines[r]}: {err.msg[r]}") for r in bad_rows]

    # Duplicates and conflicts among the good rows: same place, indicator, breakdown, period, source.
    rows = err.good()
    values_of_row = numbers[val_idx]
    key, first_of_key = _combos(place_of_row[rows], ind_idx[rows], brk_of_row[rows], period_of_row[rows],
                                src_of_row[rows], first=True)
    first_row = rows[first_of_key[key]]
    dup = first_row != rows
    for r, f in zip(rows[dup], first_row[dup]):
        where = f"{name} dòng {lines[r]}"
        if values_of_row[r] != values_of_row[f]:
            text = (f"{where}: mâu thuẫn với dòng {lines[f]} (cùng địa phương, chỉ tiêu, phân tổ, kỳ, "
                    f"nguồn nhưng {values_of_row[r]:g} ≠ {values_of_row[f]:g})")
        else:
            text = f"{where}: trùng lặp dòng {lines[f]}"
        errors.append((int(lines[r]), text))
    rows = rows[~dup]

    # Parts within their totals, per source, place, indicator, period and derived.
    group, _ = _combos(src_of_row[rows], place_of_row[rows], ind_idx[rows], period_of_row[rows],
                       derived_of_value[d_idx[rows]].astype(np.int64))
    ind_codes = [i.code if i else "" for i in indicators]
    errors.extend(parts_over_totals(name, catalog, group, ind_idx[rows], ind_codes, brk_of_row[rows],
                                    breakdowns.items, numbers[val_idx[rows]], lines[rows]))
    if errors:
        return Checked(None, {}, errors)

    # Everything is good: the observations, as columns (texts as dictionaries: nothing is copied per row).
    periods = canon.items
    derived_all = derived_of_value[d_idx]
    note_idx, note_values = enc["note"]
    note_suffix = _texts([f": {v}" if v else "" for v in note_values], note_idx)
    prefix = pc.binary_join_element_wise(f"{name}, dòng ", pc.cast(pa.array(lines), pa.string()), "")
    days = np.array([[(p[1] - EPOCH).days if p[1] else -1, (p[2] - EPOCH).days if p[2] else -1] for p in periods],
                    dtype=np.int32).reshape(-1, 2)
    observations = pa.table({
        "locality_id": _texts(places.items, place_of_row),
        "indicator": _texts(ind_values, ind_idx),
        "breakdown": _texts(breakdowns.items, brk_of_row),
        "period_kind": _texts([p[0] for p in periods], period_of_row),
        "period_start": _dates(days[:, 0][period_of_row]),
        "period_end": _dates(days[:, 1][period_of_row]),
        "value": pa.array(values_of_row, pa.float64()),
        "value_repr": _texts([repr(float(x)) for x in numbers], val_idx),
        "qualifier": _texts(qualifiers, q_idx),
        "derived": pa.array(derived_all, pa.bool_()),
        "derived_how": _texts([DERIVED_HOW, None], np.where(derived_all, 0, 1)),
        "source_id": _texts(src_vocab.items, src_of_row),
        "quote": pc.binary_join_element_wise(prefix, note_suffix.cast(pa.string()), ""),
        "obtained": _texts(["table"], np.zeros(n, dtype=np.int64)),
        "figure_ref": _texts(val_values, val_idx),
        "review_note": pa.nulls(n, pa.string()),
    })

    # One source per id: what its last row says (as the row reader keeps).
    last = np.full(len(src_vocab.items), -1, dtype=np.int64)
    np.maximum.at(last, src_of_row, np.arange(n))
    url_idx, url_values = enc["source_url"]
    pub_idx, pub_values = enc["publisher"]
    date_idx, date_values = enc["published"]
    sources: dict[str, TableSource] = {}
    for code in np.argsort(last, kind="stable"):
        r = last[code]
        if r < 0:
            continue
        published = PartialDate.parse(date_values[date_idx[r]])
        sid = src_vocab.items[code]
        sources[sid] = TableSource(id=sid, title=src_values[src_idx[r]], url=url_values[url_idx[r]],
                                   publisher=pub_values[pub_idx[r]], published=published.iso() if published else "",
                                   file_name=name, file_hash=digest)
    return Checked(observations, sources, [])


EPOCH = date(1970, 1, 1)


def _texts(items: list[str | None], idx: np.ndarray) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(idx.astype(np.int32)), pa.array(items, pa.string()))


def _dates(days: np.ndarray) -> pa.Array:
    """Days since 1970 (-1: no date) as a date column."""
    return pa.array(days, pa.date32(), mask=days < 0)


def parts_over_totals(name: str, catalog: Catalog, group: np.ndarray, indicator: np.ndarray, indicator_codes: list[str],
                      breakdown: np.ndarray, breakdown_codes: list[str], value: np.ndarray,
                      lines: np.ndarray) -> list[tuple[int, str]]:
    """Rows whose breakdown is a part of another breakdown of the same group, where the parts add
    up to more than that total (the rule of etl/validate.py, applied within one table).
    `group` numbers the rows of one source × place × indicator × period × derived (a breakdown
    occurs at most once per group); indicator and breakdown are codes into the two lists."""
    if not len(group):
        return []
    width = max(len(i.breakdowns) for i in catalog.indicators)
    pair, one = _combos(indicator, breakdown)
    bit_of_pair = np.array([[b.code for b in catalog.get(indicator_codes[indicator[r]]).breakdowns]
                            .index(breakdown_codes[breakdown[r]]) for r in one], dtype=np.int64)
    bit = bit_of_pair[pair]
    n_groups = int(group.max()) + 1
    vals = np.full((n_groups, width), np.nan)
    vals[group, bit] = value
    line_of = np.zeros((n_groups, width), dtype=np.int64)
    line_of[group, bit] = lines
    mask = np.zeros(n_groups, dtype=np.int64)
    np.bitwise_or.at(mask, group, np.left_shift(1, bit))
    group_ind = np.zeros(n_groups, dtype=np.int64)
    group_ind[group] = indicator
    cls, cls_one = _combos(group_ind, mask)
    out: list[tuple[int, str]] = []
    for k, g0 in enumerate(cls_one):
        ind = catalog.get(indicator_codes[group_ind[g0]])
        codes = [b.code for b in ind.breakdowns]
        have = {codes[j]: 1.0 for j in range(len(codes)) if mask[g0] >> j & 1}
        rules = [(p, _effective_parts(catalog, ind.code, p, have)) for p in have]
        rules = [(p, parts) for p, parts in rules if parts]
        if not rules:
            continue
        members = np.flatnonzero(cls == k)
        for parent, parts in rules:
            pj = codes.index(parent)
            cols = [codes.index(p) for p in parts]
            total = vals[members, pj]
            over = members[vals[members][:, cols].sum(axis=1) > total * 1.0001 + 0.5]
            for g in over:
                shown = " + ".join(f"{vals[g, j]:g}" for j in cols)
                for j in cols:
                    line = int(line_of[g, j])
                    out.append((line, f"{name} dòng {line}: phần ({shown}) lớn hơn tổng {parent} {vals[g, pj]:g} "
                                      f"(dòng {line_of[g, pj]})"))
    return out
