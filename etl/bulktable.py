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
from etl.periods import Period, PartialDate
from etl.tables import (PERIOD_KINDS, QUALIFIERS, REQUIRED, TableSource, _cell, _header, choose_locality,
                        csv_delimiter, locality_candidates, parse_period)
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

def parquet_columns(data: bytes, name: str) -> tuple[list[str], dict[str, pa.Array], np.ndarray]:
    """Header, columns and row numbers of a Parquet table (row n of the file is 'dòng n + 1',
    as if a header row came first). Rows with every cell empty are left out."""
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises several kinds for broken files  # noqa: BLE001
        raise InputError(f"không đọc được Parquet (hỏng hoặc bị cắt cụt): {exc}", where=name) from None
    header = [_header(str(c)) for c in table.column_names]
    columns: dict[str, pa.Array] = {}
    for h, col in zip(header, table.columns):
        columns[h] = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    lines = np.arange(2, table.num_rows + 2, dtype=np.int64)
    return header, *_drop_blank(columns, lines)


def csv_columns(data: bytes, name: str) -> tuple[list[str], dict[str, pa.Array], np.ndarray] | None:
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


def _drop_blank(columns: dict[str, pa.Array], lines: np.ndarray) -> tuple[dict[str, pa.Array], np.ndarray]:
    blank = np.ones(len(lines), dtype=bool)
    for col in columns.values():
        idx, values = encode(col)
        blank &= np.array([v == "" for v in values], dtype=bool)[idx] if values else True
    if not blank.any():
        return columns, lines
    keep = np.flatnonzero(~blank)
    return {h: col.take(pa.array(keep)) for h, col in columns.items()}, lines[keep]


def encode(col: pa.Array | None, n: int = 0) -> tuple[np.ndarray, list[str]]:
    """Row → index into the distinct cell texts (stripped, '' for empty), like the row reader's cells."""
    if col is None:
        return np.zeros(n, dtype=np.int64), [""]
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if pa.types.is_dictionary(col.type):
        col = col.cast(col.type.value_type)
    enc = pc.dictionary_encode(col, null_encoding="encode")
    idx = enc.indices.to_numpy(zero_copy_only=False).astype(np.int64, copy=False)
    values = [_cell(v) for v in enc.dictionary.to_pylist()]
    return idx, values


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


def _combos(*codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(row → number of its combination of codes, combination → first row that has it)."""
    key = codes[0].astype(np.int64, copy=False)
    for c in codes[1:]:
        width = int(c.max()) + 1 if len(c) else 1
        key = pd.factorize(key)[0].astype(np.int64) * width + c  # compact, so it never overflows
    inv, _ = pd.factorize(key)  # numbered in order of first appearance
    inv = inv.astype(np.int64, copy=False)
    if not len(inv):
        return inv, inv
    seen_max = np.maximum.accumulate(inv)
    first = np.flatnonzero(inv > np.concatenate(([-1], seen_max[:-1])))
    return inv, first


def check_table(name: str, digest: str, columns: dict[str, pa.Array], lines: np.ndarray, gaz: Gazetteer,
                catalog: Catalog, memo: Memo | None = None) -> Checked:
    memo = memo or Memo()
    n = len(lines)
    enc = {c: encode(columns.get(c), n) for c in (*REQUIRED, "breakdown", "province", "period_kind", "qualifier",
                                                 "derived", "note", "source_url", "publisher", "published")}
    bad = np.zeros(n, dtype=bool)
    msg = np.empty(n, dtype=object)

    def fail(rows: np.ndarray, messages: np.ndarray) -> None:
        """rows: candidate rows (all still good); messages: one per row, None where fine."""
        hit = messages != None  # noqa: E711 - elementwise on an object array
        if hit.any():
            msg[rows[hit]] = messages[hit]
            bad[rows[hit]] = True

    def good() -> np.ndarray:
        return np.flatnonzero(~bad)

    # Required cells, in the order of REQUIRED.
    for c in REQUIRED:
        idx, values = enc[c]
        empty = np.array([v == "" for v in values], dtype=bool)
        rows = good()
        fail(rows, np.where(empty[idx[rows]], f"ô {c} trống", None))

    # Indicator, then its breakdown.
    ind_idx, ind_values = enc["indicator"]
    indicators = [catalog.get(v) for v in ind_values]
    ind_msgs = np.array([None if ind is not None or not v else
                         f"chỉ tiêu không có trong danh mục: {v!r}"
                         + (f"; gần nhất: {', '.join(near)}" if (near := catalog.suggest(v)) else "")
                         for v, ind in zip(ind_values, indicators)], dtype=object)
    rows = good()
    fail(rows, ind_msgs[ind_idx[rows]])

    brk_idx, brk_values = enc["breakdown"]
    rows = good()
    combo, first = _combos(ind_idx[rows], brk_idx[rows])
    brk_of_combo: list[str] = []
    combo_msgs = []
    for r in rows[first]:
        ind = indicators[ind_idx[r]]
        breakdown = brk_values[brk_idx[r]] or "total"
        brk_of_combo.append(breakdown)
        combo_msgs.append(None if ind.breakdown(breakdown) is not None else
                          f"phân tổ {breakdown!r} không có cho {ind.code} "
                          f"(có: {', '.join(b.code for b in ind.breakdowns)})")
    fail(rows, np.array(combo_msgs, dtype=object)[combo])
    breakdown_of_row = np.empty(n, dtype=object)
    breakdown_of_row[rows] = np.array(brk_of_combo, dtype=object)[combo]

    # Period kind, then the period.
    kind_idx, kind_values = enc["period_kind"]
    kind_msgs = np.array([None if not v or v in PERIOD_KINDS else
                          f"period_kind {v!r} không hợp lệ (chọn: {', '.join(PERIOD_KINDS)})" for v in kind_values],
                         dtype=object)
    rows = good()
    fail(rows, kind_msgs[kind_idx[rows]])

    per_idx, per_values = enc["period"]
    rows = good()
    combo, first = _combos(per_idx[rows], kind_idx[rows])
    periods: list[Period | None] = []
    combo_msgs = []
    for r in rows[first]:
        key = (per_values[per_idx[r]], kind_values[kind_idx[r]])
        got = memo.periods.get(key)
        if got is None:
            try:
                got = parse_period(*key)
            except InputError as exc:
                got = exc.message
            memo.periods[key] = got
        periods.append(got if isinstance(got, Period) else None)
        combo_msgs.append(got if isinstance(got, str) else None)
    fail(rows, np.array(combo_msgs, dtype=object)[combo])
    # Each row's period as one number over (kind, start, end), for keys.
    canon: dict[tuple, int] = {}
    canon_of_combo = np.array([canon.setdefault((p.kind, p.start, p.end), len(canon)) if p else -1 for p in periods],
                              dtype=np.int64)
    period_of_row = np.full(n, -1, dtype=np.int64)
    period_of_row[rows] = canon_of_combo[combo]
    canon_periods = list(canon)

    # Value.
    val_idx, val_values = enc["value"]
    numbers = np.zeros(len(val_values), dtype=np.float64)
    val_msgs = np.empty(len(val_values), dtype=object)
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
            val_msgs[i] = got
        else:
            numbers[i] = got
    rows = good()
    fail(rows, val_msgs[val_idx[rows]])

    # Qualifier and derived.
    q_idx, q_values = enc["qualifier"]
    qualifiers = [v or "exact" for v in q_values]
    q_msgs = np.array([None if q in QUALIFIERS else
                       f"qualifier {q!r} không hợp lệ (chọn: {', '.join(QUALIFIERS)})" for q in qualifiers], dtype=object)
    rows = good()
    fail(rows, q_msgs[q_idx[rows]])
    d_idx, d_values = enc["derived"]
    d_words = [(v or "no").lower() for v in d_values]
    d_msgs = np.array([None if w in DERIVED_WORDS else f"derived {w!r} phải là yes hoặc no" for w in d_words],
                      dtype=object)
    rows = good()
    fail(rows, d_msgs[d_idx[rows]])
    derived_of_value = np.array([w in ("yes", "true", "1", "có") for w in d_words], dtype=bool)

    # Locality: by name (and province) once; by date only where a name means several units.
    loc_idx, loc_values = enc["locality"]
    prov_idx, prov_values = enc["province"]
    rows = good()
    combo, first = _combos(loc_idx[rows], prov_idx[rows])
    place_ids: dict[str, int] = {}
    combo_place = np.full(len(first), -1, dtype=np.int64)
    combo_msgs = np.empty(len(first), dtype=object)
    dated: list[int] = []
    candidates: list[object] = []
    for k, r in enumerate(rows[first]):
        key = (loc_values[loc_idx[r]], prov_values[prov_idx[r]])
        got = memo.places.get(key)
        if got is None:
            try:
                got = locality_candidates(gaz, *key)
            except InputError as exc:
                got = exc.message
            memo.places[key] = got
        candidates.append(got)
        if isinstance(got, str):
            combo_msgs[k] = got
        elif isinstance(got, Locality):
            combo_place[k] = place_ids.setdefault(got.id, len(place_ids))
        elif len(got[2]) == 1:
            combo_place[k] = place_ids.setdefault(got[2][0].id, len(place_ids))
        else:
            dated.append(k)
    place_of_row = np.full(n, -1, dtype=np.int64)
    place_of_row[rows] = combo_place[combo]
    row_msgs = combo_msgs[combo]
    if dated:
        is_dated = np.isin(combo, np.array(dated))
        sub_rows = np.flatnonzero(is_dated)
        sub, sub_first = _combos(combo[sub_rows], period_of_row[rows[sub_rows]])
        sub_place = np.full(len(sub_first), -1, dtype=np.int64)
        sub_msgs = np.empty(len(sub_first), dtype=object)
        for k, j in enumerate(sub_first):
            raw, province, found = candidates[combo[sub_rows[j]]]
            on = canon_periods[period_of_row[rows[sub_rows[j]]]][2]
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
                sub_place[k] = place_ids.setdefault(got.id, len(place_ids))
        place_of_row[rows[sub_rows]] = sub_place[sub]
        row_msgs[sub_rows] = sub_msgs[sub]
    fail(rows, row_msgs)
    place_list = list(place_ids)

    # Sources.
    src_idx, src_values = enc["source"]
    src_ids = [f"{name}#{slug(v)[:60] or 'nguon'}" for v in src_values]
    src_code_of_value, src_id_list = pd.factorize(np.array(src_ids, dtype=object))

    errors: list[tuple[int, str]] = [(int(lines[r]), f"{name} dòng {lines[r]}: {msg[r]}") for r in np.flatnonzero(bad)]

    # Duplicates and conflicts among the good rows: same place, indicator, breakdown, period, source.
    rows = good()
    brk_code, _ = pd.factorize(breakdown_of_row[rows])
    key_parts = [place_of_row[rows], ind_idx[rows], brk_code.astype(np.int64), period_of_row[rows],
                 src_code_of_value[src_idx[rows]].astype(np.int64)]
    dup_key, first_of_key = _combos(*key_parts)
    first_row = rows[first_of_key[dup_key]]
    dup = first_row != rows
    values_of_row = numbers[val_idx]
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
    derived_row = derived_of_value[d_idx[rows]]
    group, _ = _combos(src_code_of_value[src_idx[rows]].astype(np.int64), place_of_row[rows], ind_idx[rows],
                       period_of_row[rows], derived_row.astype(np.int64))
    ind_codes = np.array([i.code if i else "" for i in indicators], dtype=object)
    errors.extend(parts_over_totals(name, catalog, group, ind_codes[ind_idx[rows]], breakdown_of_row[rows],
                                    values_of_row[rows], lines[rows]))
    if errors:
        return Checked(None, {}, errors)

    # Everything is good: the observations, as columns.
    period_kinds = pa.array([p[0] for p in canon_periods], pa.string())
    starts = pa.array([p[1] for p in canon_periods], pa.date32())
    ends = pa.array([p[2] for p in canon_periods], pa.date32())
    take_period = pa.array(period_of_row)
    derived_all = derived_of_value[d_idx]
    note_idx, note_values = enc["note"]
    note_suffix = pa.array([f": {v}" if v else "" for v in note_values], pa.string()).take(pa.array(note_idx))
    prefix = pc.binary_join_element_wise(f"{name}, dòng ", pc.cast(pa.array(lines), pa.string()), "")
    quote = pc.binary_join_element_wise(prefix, note_suffix, "")
    value_repr = pa.array([repr(float(x)) for x in numbers], pa.string()).take(pa.array(val_idx))
    observations = pa.table({
        "locality_id": pa.array(place_list, pa.string()).take(pa.array(place_of_row)),
        "indicator": pa.array(ind_values, pa.string()).take(pa.array(ind_idx)),
        "breakdown": pa.array(breakdown_of_row, pa.string()),
        "period_kind": period_kinds.take(take_period),
        "period_start": starts.take(take_period),
        "period_end": ends.take(take_period),
        "value": pa.array(numbers[val_idx], pa.float64()),
        "value_repr": value_repr,
        "qualifier": pa.array(qualifiers, pa.string()).take(pa.array(q_idx)),
        "derived": pa.array(derived_all, pa.bool_()),
        "derived_how": pc.if_else(pa.array(derived_all), pa.scalar(DERIVED_HOW), pa.scalar(None, pa.string())),
        "source_id": pa.array(src_ids, pa.string()).take(pa.array(src_idx)),
        "quote": quote,
        "obtained": pa.array(["table"], pa.string()).take(pa.array(np.zeros(n, dtype=np.int64))),
        "figure_ref": pa.array(val_values, pa.string()).take(pa.array(val_idx)),
        "review_note": pa.nulls(n, pa.string()),
    })

    # One source per id: what its last row says (as the row reader keeps).
    last = pd.Series(np.arange(n)).groupby(src_code_of_value[src_idx]).max()
    url_idx, url_values = enc["source_url"]
    pub_idx, pub_values = enc["publisher"]
    date_idx, date_values = enc["published"]
    sources: dict[str, TableSource] = {}
    for code, r in sorted(last.items(), key=lambda kv: kv[1]):
        published = PartialDate.parse(date_values[date_idx[r]])
        sid = str(src_id_list[code])
        sources[sid] = TableSource(id=sid, title=src_values[src_idx[r]], url=url_values[url_idx[r]],
                                   publisher=pub_values[pub_idx[r]], published=published.iso() if published else "",
                                   file_name=name, file_hash=digest)
    return Checked(observations, sources, [])


def parts_over_totals(name: str, catalog: Catalog, group: np.ndarray, indicator: np.ndarray, breakdown: np.ndarray,
                      value: np.ndarray, lines: np.ndarray) -> list[tuple[int, str]]:
    """Rows whose breakdown is a part of another breakdown of the same group, where the parts add
    up to more than that total (the rule of etl/validate.py, applied within one table).
    `group` numbers the rows of one source × place × indicator × period × derived; a breakdown
    occurs at most once per group."""
    if not len(group):
        return []
    bits: dict[str, dict[str, int]] = {i.code: {b.code: k for k, b in enumerate(i.breakdowns)}
                                       for i in catalog.indicators}
    width = max(len(i.breakdowns) for i in catalog.indicators)
    bit = _bits(bits, indicator, breakdown)
    n_groups = int(group.max()) + 1
    vals = np.full((n_groups, width), np.nan)
    vals[group, bit] = value
    line_of = np.zeros((n_groups, width), dtype=np.int64)
    line_of[group, bit] = lines
    present = ~np.isnan(vals)
    mask = (present * (1 << np.arange(width, dtype=np.int64))).sum(axis=1)
    group_ind = np.empty(n_groups, dtype=object)
    group_ind[group] = indicator
    cls, cls_first = _combos(pd.factorize(group_ind)[0].astype(np.int64), mask)
    out: list[tuple[int, str]] = []
    for k, g0 in enumerate(cls_first):
        ind = catalog.get(group_ind[g0])
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


def _bits(bits: dict[str, dict[str, int]], indicator: np.ndarray, breakdown: np.ndarray) -> np.ndarray:
    pairs, first = _combos(pd.factorize(indicator)[0].astype(np.int64), pd.factorize(breakdown)[0].astype(np.int64))
    per_pair = np.array([bits[indicator[f]][breakdown[f]] for f in first], dtype=np.int64)
    return per_pair[pairs]
