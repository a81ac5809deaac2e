"""Large analyst tables, checked column by column.

The rules and their messages are those of etl/rules.py, which small tables (etl/tables.py) ask row
by row: here each rule is asked once per distinct value (or combination of values) it reads, and
the answers are spread back over the rows with numpy. A national table of 2–3 million rows has a few
thousand distinct places, a few hundred periods and some tens of thousands of distinct numbers, so
the Python work stays small and the per-row work is array indexing.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from functools import partial

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from etl.catalog import Catalog
from etl.gazetteer import Gazetteer, Locality
from etl.placenames import Candidates, choose_locality, locality_candidates
from etl.rules import (
    COLUMNS,
    DERIVED_HOW,
    Rule,
    TableSource,
    ask,
    at_row,
    parts_exceed,
    parts_over_total,
    repeated_row,
    row_rules,
    source_id,
    table_source,
)
from etl.tablefile import Encoded, encode

EPOCH = date(1970, 1, 1)


@dataclass
class Vocab:
    """Distinct items and their codes, numbered in order of first use."""

    items: list = field(default_factory=list)
    codes: dict = field(default_factory=dict)

    def code(self, item: Hashable) -> int:
        got = self.codes.get(item)
        if got is None:
            got = self.codes[item] = len(self.items)
            self.items.append(item)
        return got


@dataclass
class Memo:
    """The rules' answers per distinct value, shared by the tables of one build (one gazetteer and
    one catalog): rule name and values → (what they mean, None) or (None, message)."""

    answers: dict[tuple[str, tuple], tuple[object, str | None]] = field(default_factory=dict)

    def ask(self, name: str, read: Callable[..., object], values: tuple) -> tuple[object, str | None]:
        key = (name, values)
        got = self.answers.get(key)
        if got is None:
            got = self.answers[key] = ask(read, *values)
        return got


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
    """The first error of each row, in the order the rules are asked."""

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
    """The rules over every row, then the rows repeated and the parts over their totals; when all
    is good, the observations (as columns) and the sources of the table."""
    cells = {c: encode(columns.get(c), len(lines)) for c in COLUMNS}
    err = _FirstError(len(lines))
    fields = _fields(row_rules(gaz, catalog), cells, err, gaz, memo or Memo())
    sources = Vocab()
    source_of_row = np.array([sources.code(source_id(name, v)) for v in cells["source"].values],
                             dtype=np.int64)[cells["source"].idx]
    errors = [(int(lines[r]), f"{at_row(name, lines[r])}: {err.msg[r]}") for r in np.flatnonzero(err.bad)]
    rows = err.good()
    value_of_row = np.zeros(len(lines), dtype=np.float64)
    value_of_row[rows] = np.array(fields["value"].values, dtype=np.float64)[fields["value"].idx[rows]]
    kept, repeats = _repeats(name, lines, rows, fields, source_of_row, value_of_row)
    errors.extend(repeats)
    errors.extend(_parts(name, catalog, lines, kept, fields, source_of_row, value_of_row))
    if errors:
        return Checked(None, {}, errors)
    return Checked(_observations(name, lines, cells, fields, sources.items, source_of_row),
                   _sources(name, digest, cells, source_of_row, len(sources.items)), [])


# --- the rules, per distinct value ------------------------------------------------------------

def _fields(rules: tuple[Rule, ...], cells: dict[str, Encoded], err: _FirstError, gaz: Gazetteer,
            memo: Memo) -> dict[str, Encoded]:
    """Each rule in turn over the rows still good: row → what the rule read there (a field
    replaces the cell of the same name, as for the rules of one row)."""
    fields = dict(cells)
    for rule in rules:
        if rule.name == "place":
            fields["place"] = _places(fields, err, gaz, memo)
        else:
            fields[rule.name] = _field(rule, fields, err, memo)
    return fields


def _field(rule: Rule, fields: dict[str, Encoded], err: _FirstError, memo: Memo) -> Encoded:
    """A rule asked once per distinct combination of what it reads."""
    rows = err.good()
    inputs = [fields[c] for c in rule.reads]
    combo, one = _combos(*(f.idx[rows] for f in inputs))
    meanings = Vocab()
    code = np.full(len(one), -1, dtype=np.int64)
    messages: list[str | None] = [None] * len(one)
    for k, r in enumerate(rows[one]):
        meaning, messages[k] = memo.ask(rule.name, rule.read, tuple(f.values[f.idx[r]] for f in inputs))
        if messages[k] is None:
            code[k] = meanings.code(meaning)
    err.fail(rows, combo, messages)
    return _spread(rows, combo, code, meanings.items, len(err.bad))


def _places(fields: dict[str, Encoded], err: _FirstError, gaz: Gazetteer, memo: Memo) -> Encoded:
    """The rule of the place (etl.rules.place_on_period), asked by name and province once, and by
    date only where a name means several units."""
    rows = err.good()
    loc, prov = fields["locality"], fields["province"]
    combo, one = _combos(loc.idx[rows], prov.idx[rows])
    places = Vocab()
    code = np.full(len(one), -1, dtype=np.int64)
    messages: list[str | None] = [None] * len(one)
    ambiguous: dict[int, Candidates] = {}
    by_name = partial(locality_candidates, gaz)
    for k, r in enumerate(rows[one]):
        found, messages[k] = memo.ask("place by name", by_name, (loc.values[loc.idx[r]], prov.values[prov.idx[r]]))
        if isinstance(found, Candidates) and len(found.found) == 1:
            found = found.found[0]
        if isinstance(found, Locality):
            code[k] = places.code(found)
        elif found is not None:
            ambiguous[k] = found
    err.fail(rows, combo, messages)
    place_of_row = _spread(rows, combo, code, places.items, len(err.bad)).idx
    if ambiguous:
        dated = np.zeros(len(one), dtype=bool)
        dated[list(ambiguous)] = True
        dated_rows = dated[combo]
        _places_by_date(rows[dated_rows], combo[dated_rows], ambiguous, fields["period"], place_of_row, places, err,
                        gaz, memo)
    return Encoded(place_of_row, places.items)


def _places_by_date(rows: np.ndarray, names: np.ndarray, ambiguous: dict[int, Candidates], period: Encoded,
                    place_of_row: np.ndarray, places: Vocab, err: _FirstError, gaz: Gazetteer, memo: Memo) -> None:
    """Rows whose name (`names`: its code) means several units: the one valid at the end of the
    row's period, asked once per name and period, written into `place_of_row`."""
    combo, one = _combos(names, period.idx[rows])
    code = np.full(len(one), -1, dtype=np.int64)
    messages: list[str | None] = [None] * len(one)
    by_date = partial(choose_locality, gaz)
    for k, j in enumerate(one):
        on = period.values[period.idx[rows[j]]].end
        chosen, messages[k] = memo.ask("place by date", by_date, (ambiguous[int(names[j])], on))
        if messages[k] is None:
            code[k] = places.code(chosen)
    place_of_row[rows] = code[combo]
    err.fail(rows, combo, messages)


def _spread(rows: np.ndarray, combo: np.ndarray, code: np.ndarray, items: list, n: int) -> Encoded:
    """row → its combination's code (-1 for rows not asked)."""
    idx = np.full(n, -1, dtype=np.int64)
    idx[rows] = code[combo]
    return Encoded(idx, items)


# --- the rules of several rows ----------------------------------------------------------------

def _repeats(name: str, lines: np.ndarray, rows: np.ndarray, fields: dict[str, Encoded], source_of_row: np.ndarray,
             value_of_row: np.ndarray) -> tuple[np.ndarray, list[tuple[int, str]]]:
    """The good rows but those repeating an earlier one (same place, indicator, breakdown, period,
    source), and a message for each repeat."""
    key, first_of_key = _combos(*(fields[f].idx[rows] for f in ("place", "indicator", "breakdown", "period")),
                                source_of_row[rows], first=True)
    first_row = rows[first_of_key[key]]
    dup = first_row != rows
    errors = [(int(lines[r]), f"{at_row(name, lines[r])}: "
                              f"{repeated_row(float(value_of_row[r]), int(lines[f]), float(value_of_row[f]))}")
              for r, f in zip(rows[dup], first_row[dup], strict=True)]
    return rows[~dup], errors


def _parts(name: str, catalog: Catalog, lines: np.ndarray, rows: np.ndarray, fields: dict[str, Encoded],
           source_of_row: np.ndarray, value_of_row: np.ndarray) -> list[tuple[int, str]]:
    """Parts over their totals, per source, place, indicator, period and derived."""
    ind, brk, derived = fields["indicator"], fields["breakdown"], fields["derived"]
    group, _ = _combos(source_of_row[rows], fields["place"].idx[rows], ind.idx[rows], fields["period"].idx[rows],
                       derived.idx[rows])
    return parts_over_totals(name, catalog, group, ind.idx[rows], [i.code for i in ind.values], brk.idx[rows],
                             brk.values, value_of_row[rows], lines[rows])


def parts_over_totals(name: str, catalog: Catalog, group: np.ndarray, indicator: np.ndarray, indicator_codes: list[str],
                      breakdown: np.ndarray, breakdown_codes: list[str], value: np.ndarray,
                      lines: np.ndarray) -> list[tuple[int, str]]:
    """Rows whose breakdown is a part of another breakdown of the same group, where the parts add
    up to more than that total (etl.rules.parts_over_total, for many groups at once).
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
        have = {codes[j] for j in range(len(codes)) if mask[g0] >> j & 1}
        rules = [(p, catalog.parts_present(ind.code, p, have)) for p in have]
        rules = [(p, parts) for p, parts in rules if parts]
        if not rules:
            continue
        members = np.flatnonzero(cls == k)
        for parent, parts in rules:
            pj = codes.index(parent)
            cols = [codes.index(p) for p in parts]
            total = vals[members, pj]
            for g in members[parts_exceed(vals[members][:, cols].sum(axis=1), total)]:
                why = parts_over_total(parent, float(vals[g, pj]), [float(vals[g, j]) for j in cols])
                for j in cols:
                    line = int(line_of[g, j])
                    out.append((line, f"{at_row(name, line)}: {why} (dòng {line_of[g, pj]})"))
    return out


# --- the observations and sources of a good table ---------------------------------------------

def _observations(name: str, lines: np.ndarray, cells: dict[str, Encoded], fields: dict[str, Encoded],
                  source_ids: list[str], source_of_row: np.ndarray) -> pa.Table:
    """The rows as observation columns (texts as dictionaries: nothing is copied per row)."""
    n = len(lines)
    place, ind, brk, period = fields["place"], fields["indicator"], fields["breakdown"], fields["period"]
    value, qualifier, derived = fields["value"], fields["qualifier"], fields["derived"]
    derived_of_row = np.array(derived.values, dtype=bool)[derived.idx]
    days = np.array([[(p.start - EPOCH).days if p.start else 0, (p.end - EPOCH).days if p.end else 0]
                     for p in period.values], dtype=np.int32).reshape(-1, 2)
    known = np.array([[p.start is not None, p.end is not None] for p in period.values], dtype=bool).reshape(-1, 2)
    note = cells["note"]
    # The quote of etl.rules.row_quote, for every row at once.
    note_suffix = _texts([f": {v}" if v else "" for v in note.values], note.idx)
    prefix = pc.binary_join_element_wise(f"{name}, dòng ", pc.cast(pa.array(lines), pa.string()), "")
    return pa.table({
        "locality_id": _texts([p.id for p in place.values], place.idx),
        "indicator": _texts([i.code for i in ind.values], ind.idx),
        "breakdown": _texts(brk.values, brk.idx),
        "period_kind": _texts([p.kind for p in period.values], period.idx),
        "period_start": _dates(days[:, 0][period.idx], known[:, 0][period.idx]),
        "period_end": _dates(days[:, 1][period.idx], known[:, 1][period.idx]),
        "value": pa.array(np.array(value.values, dtype=np.float64)[value.idx], pa.float64()),
        "value_repr": _texts([repr(float(x)) for x in value.values], value.idx),
        "qualifier": _texts(qualifier.values, qualifier.idx),
        "derived": pa.array(derived_of_row, pa.bool_()),
        "derived_how": _texts([DERIVED_HOW, None], np.where(derived_of_row, 0, 1)),
        "source_id": _texts(source_ids, source_of_row),
        "quote": pc.binary_join_element_wise(prefix, note_suffix.cast(pa.string()), ""),
        "obtained": _texts(["table"], np.zeros(n, dtype=np.int64)),
        "figure_ref": _texts(cells["value"].values, cells["value"].idx),
        "review_note": pa.nulls(n, pa.string()),
    })


def _sources(name: str, digest: str, cells: dict[str, Encoded], source_of_row: np.ndarray,
             n_sources: int) -> dict[str, TableSource]:
    """One source per id: what its last row says (as the row way keeps), in the order of those rows."""
    last = np.full(n_sources, -1, dtype=np.int64)
    np.maximum.at(last, source_of_row, np.arange(len(source_of_row)))

    def cell(column: str, row: int) -> str:
        return cells[column].values[cells[column].idx[row]]

    sources: dict[str, TableSource] = {}
    for code in np.argsort(last, kind="stable"):
        r = last[code]
        if r >= 0:
            src = table_source(name, digest, cell("source", r), cell("source_url", r), cell("publisher", r),
                               cell("published", r))
            sources[src.id] = src
    return sources


def _texts(items: list[str | None], idx: np.ndarray) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(idx.astype(np.int32)), pa.array(items, pa.string()))


def _dates(days: np.ndarray, known: np.ndarray) -> pa.Array:
    """Days since 1970 (negative before it) as a date column, null where the date is not `known`."""
    return pa.array(days, pa.date32(), mask=~known)

