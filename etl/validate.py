"""Checks every figure before it is loaded: known place, known indicator and breakdown, a sane
period and value, parts that do not exceed their total; and finds sources that disagree."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from etl.catalog import Catalog
from etl.errors import InputError
from etl.figure import Figure
from etl.gazetteer import Gazetteer
from etl.tables import resolve_locality


@dataclass
class Validated:
    figures: list[Figure]
    rejected: list[tuple[Figure | None, str]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    bulk: list[pa.Table] = field(default_factory=list)  # large tables' observations, as columns


def _where(fig: Figure) -> str:
    snippet = fig.number_text or f"{fig.value:g}"
    return f"{fig.doc}, “{snippet}”"


def locate(fig: Figure, gaz: Gazetteer) -> Figure:
    """Give the figure a locality id, or raise InputError naming the place and the nearest known ones."""
    if fig.locality_id and fig.obtained in ("extracted", "table") and fig.locality_id in gaz.by_id:
        return fig
    on = fig.period_end or fig.period_start
    if fig.district:
        loc = resolve_locality(gaz, fig.district, fig.province, on)
    else:
        prov = gaz.resolve_province(fig.province, on)
        if prov is None:
            near = gaz.suggest(fig.province, level="province")
            raise InputError(f"tỉnh/thành không có trong danh mục: {fig.province!r}"
                             + (f"; gần nhất: {', '.join(near)}" if near else ""))
        loc = prov
    return replace(fig, locality_id=loc.id)


def validate(figures: list[Figure], gaz: Gazetteer, catalog: Catalog, bulk: Sequence[pa.Table] = ()) -> Validated:
    """Check every figure; `bulk` are observations of large tables, already checked row by row
    by etl/bulktable.py except for the rules that look beyond one table."""
    out = Validated(figures=[])
    for fig in figures:
        try:
            fig = locate(fig, gaz)
            _check(fig, catalog)
        except InputError as exc:
            out.rejected.append((fig, f"{_where(fig)}: {exc.message}"))
            continue
        out.figures.append(fig)
    out.figures, over = _parts_within_totals(out.figures, catalog)
    out.rejected.extend(over)
    for table in bulk:
        kept, rejected = _check_bulk(table)
        out.bulk.append(kept)
        out.rejected.extend((None, why) for why in rejected)
    out.conflicts = find_conflicts(out.figures) if not out.bulk else find_conflicts_bulk(out.figures, out.bulk)
    return out


LATEST_PERIOD_END = date(2100, 1, 1)


def _check_bulk(table: pa.Table) -> tuple[pa.Table, list[str]]:
    """The one rule of _check() that a table's own checks leave out: a period ending after 2100."""
    late = pc.greater(table["period_end"], pa.scalar(LATEST_PERIOD_END, pa.date32()))
    if not pc.any(late).as_py():
        return table, []
    bad = table.filter(late)
    why = [f"{doc}, “{ref}”: kỳ không hợp lý: {end}" for doc, ref, end in
           zip(bad["source_id"].to_pylist(), bad["figure_ref"].to_pylist(), bad["period_end"].to_pylist())]
    return table.filter(pc.invert(pc.fill_null(late, False))), why


def _check(fig: Figure, catalog: Catalog) -> None:
    ind = catalog.get(fig.indicator)
    if ind is None:
        near = catalog.suggest(fig.indicator)
        raise InputError(f"chỉ tiêu không có trong danh mục: {fig.indicator!r}"
                         + (f"; gần nhất: {', '.join(near)}" if near else ""))
    if ind.breakdown(fig.breakdown) is None:
        raise InputError(f"phân tổ {fig.breakdown!r} không có cho {fig.indicator}")
    if fig.value < 0:
        raise InputError(f"giá trị âm {fig.value:g}")
    if fig.period_kind not in ("year", "partial", "cumulative", "event"):
        raise InputError(f"loại kỳ không hợp lệ {fig.period_kind!r}")
    if fig.period_start and fig.period_end and fig.period_start > fig.period_end:
        raise InputError(f"kỳ ngược: {fig.period_start} > {fig.period_end}")
    if fig.period_kind == "year" and not (fig.period_start and fig.period_end):
        raise InputError("số liệu năm nhưng không rõ năm nào")
    if fig.period_end and fig.period_end > LATEST_PERIOD_END:
        raise InputError(f"kỳ không hợp lý: {fig.period_end}")


def _parts_within_totals(figures: list[Figure], catalog: Catalog) -> tuple[list[Figure], list[tuple[Figure, str]]]:
    """Within one source, locality, indicator and period the parts of a breakdown may not exceed it."""
    groups: dict[tuple, list[Figure]] = defaultdict(list)
    for f in figures:
        groups[(f.doc, f.locality_id, f.indicator, f.period_kind, f.period_start, f.period_end, f.derived)].append(f)
    bad: set[int] = set()
    rejected: list[tuple[Figure, str]] = []
    for key, figs in groups.items():
        best: dict[str, float] = {}
        for f in figs:
            best[f.breakdown] = max(best.get(f.breakdown, 0.0), f.value)
        for parent, total in best.items():
            parts = _effective_parts(catalog, key[2], parent, best)
            if parts and sum(best[p] for p in parts) > total * 1.0001 + 0.5:
                for f in figs:
                    if f.breakdown in parts:
                        bad.add(id(f))
                        rejected.append((f, f"{_where(f)}: phần ({' + '.join(f'{best[p]:g}' for p in parts)}) "
                                            f"lớn hơn tổng {parent} {total:g}"))
    return [f for f in figures if id(f) not in bad], rejected


def _effective_parts(catalog: Catalog, indicator: str, parent: str, present: dict[str, float]) -> list[str]:
    out: list[str] = []
    for child in catalog.children(indicator, parent):
        if child in present:
            out.append(child)
        else:
            out.extend(_effective_parts(catalog, indicator, child, present))
    return out


def find_conflicts(figures: list[Figure]) -> list[str]:
    """Different values for the same place, indicator, breakdown and period from different sources."""
    return _conflict_lines((f.locality_id, f.indicator, f.breakdown, f.period_kind, f.period_start, f.period_end,
                            f.doc, f.value) for f in figures)


_KEY = ("locality_id", "indicator", "breakdown", "period_kind", "period_start", "period_end")


def find_conflicts_bulk(figures: list[Figure], bulk: Sequence[pa.Table]) -> list[str]:
    """find_conflicts() over figures and large tables together: DuckDB finds the few keys where
    sources disagree, then the lines are written the same way."""
    import duckdb  # noqa: PLC0415

    cols = (*_KEY, "source_id", "value")
    small = pa.table({
        **{k: pa.array([getattr(f, k) for f in figures], pa.date32() if k.startswith("period_s") or
                       k.startswith("period_e") else pa.string()) for k in _KEY},
        "source_id": pa.array([f.doc for f in figures], pa.string()),
        "value": pa.array([float(f.value) for f in figures], pa.float64()),
    })
    parts = [small, *(t.select(list(cols)) for t in bulk)]
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        for n, part in enumerate(parts):
            con.register(f"part{n}", part)
        union = " UNION ALL ".join(f"SELECT {', '.join(cols)} FROM part{n}" for n in range(len(parts)))
        key = f"hash({', '.join(_KEY)})"
        # Keys are grouped by their 64-bit hash (one integer, fast); _conflict_lines() then groups
        # the few candidate rows by the real key, so a hash collision cannot invent a conflict.
        rows = con.sql(f"""
            WITH obs AS ({union}),
                 h AS (SELECT {key} AS k, hash(source_id) AS s, value FROM obs),
                 c AS (SELECT k FROM h GROUP BY k HAVING min(s) <> max(s) AND min(value) <> max(value))
            SELECT {', '.join(cols)} FROM obs WHERE {key} IN (SELECT k FROM c)""").fetchall()
    finally:
        con.close()
    return _conflict_lines(rows)


def _conflict_lines(records) -> list[str]:
    """records: (locality_id, indicator, breakdown, period_kind, start, end, source, value)."""
    by_key: dict[tuple, dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
    for *key, doc, value in records:
        by_key[tuple(key)][doc].add(value)
    out = []
    for key, per_source in sorted(by_key.items(), key=lambda kv: str(kv[0])):
        values = {v for vs in per_source.values() for v in vs}
        if len(per_source) > 1 and len(values) > 1:
            parts = "; ".join(f"{src}: {', '.join(f'{v:g}' for v in sorted(vs))}" for src, vs in sorted(per_source.items()))
            loc, ind, brk, kind, start, end = key
            out.append(f"{loc} {ind}/{brk} {kind} {start or '?'}..{end or '?'}: {parts}")
    return out
