"""Checks every figure before it is loaded: known place, known indicator and breakdown, a sane
period and value, parts that do not exceed their total; and finds sources that disagree."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

import pyarrow as pa

from etl.catalog import Catalog
from etl.errors import InputError
from etl.figure import Figure
from etl.gazetteer import Gazetteer
from etl.placenames import resolve_locality, resolve_province
from etl.rules import (
    known_breakdown,
    known_indicator,
    known_period_kind,
    non_negative,
    parts_over_total,
    plausible_value,
    sane_span,
)
from etl.validity import check_validity, refuse_outside_validity


@dataclass
class Validated:
    figures: list[Figure]
    rejected: list[tuple[Figure | None, str]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    bulk: list[pa.Table] = field(default_factory=list)  # large tables' observations, as columns


def _where(doc: str, snippet: str) -> str:
    """How a message names a figure: its source and the number as printed."""
    return f"{doc}, “{snippet}”"


def _where_figure(fig: Figure) -> str:
    return _where(fig.doc, fig.number_text or f"{fig.value:g}")


def locate(fig: Figure, gaz: Gazetteer) -> Figure:
    """Give the figure a locality id, or raise InputError naming the place and the nearest known ones."""
    if fig.locality_id and fig.obtained in ("extracted", "table") and fig.locality_id in gaz.by_id:
        return fig
    on = fig.period_end or fig.period_start
    if fig.district:
        loc = resolve_locality(gaz, fig.district, fig.province, on)
    else:
        loc = resolve_province(gaz, fig.province, on)
    return replace(fig, locality_id=loc.id)


def validate(figures: list[Figure], gaz: Gazetteer, catalog: Catalog, bulk: Sequence[pa.Table] = ()) -> Validated:
    """Check every figure; `bulk` are observations of large tables, already checked by their
    table's rules (etl/bulktable.py): here only the days their units existed are checked."""
    out = Validated(figures=[])
    for fig in figures:
        try:
            fig = locate(fig, gaz)
            _check(fig, catalog)
            check_validity(fig, gaz)
        except InputError as exc:
            out.rejected.append((fig, f"{_where_figure(fig)}: {exc.message}"))
            continue
        out.figures.append(fig)
    out.figures, over = _parts_within_totals(out.figures, catalog)
    out.rejected.extend(over)
    for table in bulk:
        kept, outside = refuse_outside_validity(table, gaz)
        out.bulk.append(kept)
        out.rejected.extend((None, f"{_where(doc, ref)}: {why}") for doc, ref, why in outside)
    out.conflicts = find_conflicts(out.figures) if not out.bulk else find_conflicts_bulk(out.figures, out.bulk)
    return out


def _check(fig: Figure, catalog: Catalog) -> None:
    """The rules of etl/rules.py that hold for every figure, in this order."""
    indicator = known_indicator(catalog, fig.indicator)
    known_breakdown(indicator, fig.breakdown)
    non_negative(fig.value)
    plausible_value(indicator, fig.value)
    known_period_kind(fig.period_kind)
    sane_span(fig.period_kind, fig.period_start, fig.period_end)


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
            parts = catalog.parts_present(key[2], parent, best)
            why = parts_over_total(parent, total, [best[p] for p in parts]) if parts else None
            if why:
                for f in figs:
                    if f.breakdown in parts:
                        bad.add(id(f))
                        rejected.append((f, f"{_where_figure(f)}: {why}"))
    return [f for f in figures if id(f) not in bad], rejected


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


def _conflict_lines(records: Iterable[tuple]) -> list[str]:
    """records: (locality_id, indicator, breakdown, period_kind, start, end, source, value)."""
    by_key: dict[tuple, dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
    for *key, doc, value in records:
        by_key[tuple(key)][doc].add(value)
    out = []
    for key, per_source in sorted(by_key.items(), key=lambda kv: str(kv[0])):
        values = {v for vs in per_source.values() for v in vs}
        if len(per_source) > 1 and len(values) > 1:
            parts = "; ".join(f"{src}: {', '.join(f'{v:g}' for v in sorted(vs))}"
                              for src, vs in sorted(per_source.items()))
            loc, ind, brk, kind, start, end = key
            out.append(f"{loc} {ind}/{brk} {kind} {start or '?'}..{end or '?'}: {parts}")
    return out
