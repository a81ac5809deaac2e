"""A figure and the days its unit existed. A period wholly after the unit ended (an old district's
figure for 2026) or wholly before it began (a new ward's for 2024) is refused, with a message naming
what the unit became or came from. A period that runs over either day (an old district's "năm 2025")
is kept; the database marks it (`crosses_validity` in observation_facts, etl/sql/views.sql)."""
from __future__ import annotations

from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from etl.errors import InputError
from etl.figure import Figure
from etl.gazetteer import Gazetteer, Locality


def _day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def _where(gaz: Gazetteer, loc: Locality) -> str:
    """'huyện Sóc Sơn (Hà Nội)', 'tỉnh Gia Lai'."""
    return gaz.label(loc) if loc.level == "province" else f"{gaz.label(loc)} ({gaz.province_of(loc).name})"


def _named(gaz: Gazetteer, loc: Locality) -> str:
    """A unit in a list of successors or predecessors; a province with its era (two are called Gia Lai)."""
    if loc.level == "province" and loc.valid_from:
        return f"{gaz.label(loc)} (từ {_day(loc.valid_from)})"
    if loc.level == "province" and loc.valid_to:
        return f"{gaz.label(loc)} (đến {_day(loc.valid_to)})"
    return gaz.label(loc)


def validity_problem(gaz: Gazetteer, loc: Locality, start: date | None, end: date | None) -> str | None:
    """Why a figure for `loc` over start..end cannot be kept, or None. An unknown bound never refuses."""
    if loc.valid_to and start and start > loc.valid_to:
        after = ", ".join(_named(gaz, x) for x in gaz.successors(loc))
        return (f"{_where(gaz, loc)} chỉ có đến {_day(loc.valid_to)}, kỳ số liệu bắt đầu {_day(start)}"
                + (f"; địa bàn nay thuộc: {after}" if after else "")
                + " (the unit ended before the period began)")
    if loc.valid_from and end and end < loc.valid_from:
        before = ", ".join(_named(gaz, x) for x in gaz.predecessors(loc))
        return (f"{_where(gaz, loc)} chỉ có từ {_day(loc.valid_from)}, kỳ số liệu kết thúc {_day(end)}"
                + (f"; địa bàn trước đó thuộc: {before}" if before else "")
                + " (the unit began after the period ended)")
    return None


def check_validity(fig: Figure, gaz: Gazetteer) -> None:
    """Raise InputError when the figure's period lies outside the days its locality existed."""
    problem = validity_problem(gaz, gaz.by_id[fig.locality_id], fig.period_start, fig.period_end)
    if problem:
        raise InputError(problem)


def refuse_outside_validity(table: pa.Table, gaz: Gazetteer) -> tuple[pa.Table, list[tuple[str, str, str]]]:
    """check_validity() over a large table's observations (columns locality_id, period_start,
    period_end, source_id, figure_ref): the rows kept, and (source, figure_ref, why) for each row refused."""
    bounded = [i for i in pc.unique(table["locality_id"]).to_pylist()
               if i in gaz.by_id and (gaz.by_id[i].valid_from or gaz.by_id[i].valid_to)]
    if not bounded or not table.num_rows:
        return table, []
    at = pc.index_in(table["locality_id"], value_set=pa.array(bounded, pa.string()))
    valid_to = pc.take(pa.array([gaz.by_id[i].valid_to for i in bounded], pa.date32()), at)
    valid_from = pc.take(pa.array([gaz.by_id[i].valid_from for i in bounded], pa.date32()), at)
    outside = pc.fill_null(pc.or_kleene(pc.greater(table["period_start"], valid_to),
                                        pc.less(table["period_end"], valid_from)), False)
    if not pc.any(outside).as_py():
        return table, []
    bad = table.filter(outside)
    problems: dict[tuple, str | None] = {}
    why = []
    for doc, ref, lid, start, end in zip(bad["source_id"].to_pylist(), bad["figure_ref"].to_pylist(),
                                         bad["locality_id"].to_pylist(), bad["period_start"].to_pylist(),
                                         bad["period_end"].to_pylist(), strict=True):
        key = (lid, start, end)
        if key not in problems:
            problems[key] = validity_problem(gaz, gaz.by_id[lid], start, end)
        why.append((doc, ref, problems[key]))
    return table.filter(pc.invert(outside)), why
