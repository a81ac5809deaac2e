"""Checks every figure before it is loaded: known place, known indicator and breakdown, a sane
period and value, parts that do not exceed their total; and finds sources that disagree."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from etl.catalog import Catalog
from etl.errors import InputError
from etl.figure import Figure
from etl.gazetteer import Gazetteer
from etl.tables import resolve_locality


@dataclass
class Validated:
    figures: list[Figure]
    rejected: list[tuple[Figure, str]] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


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


def validate(figures: list[Figure], gaz: Gazetteer, catalog: Catalog) -> Validated:
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
    out.conflicts = find_conflicts(out.figures)
    return out


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
    if fig.period_end and fig.period_end > date(2100, 1, 1):
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
    by_key: dict[tuple, dict[str, set[float]]] = defaultdict(lambda: defaultdict(set))
    for f in figures:
        by_key[(f.locality_id, f.indicator, f.breakdown, f.period_kind, f.period_start, f.period_end)][f.doc].add(f.value)
    out = []
    for key, per_source in sorted(by_key.items(), key=lambda kv: str(kv[0])):
        values = {v for vs in per_source.values() for v in vs}
        if len(per_source) > 1 and len(values) > 1:
            parts = "; ".join(f"{src}: {', '.join(f'{v:g}' for v in sorted(vs))}" for src, vs in sorted(per_source.items()))
            loc, ind, brk, kind, start, end = key
            out.append(f"{loc} {ind}/{brk} {kind} {start or '?'}..{end or '?'}: {parts}")
    return out
