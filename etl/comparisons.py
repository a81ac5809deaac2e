"""Figures a comparison implies: "2.861 lượt, tăng 118 lượt so với năm 2023" gives 2.743 for 2023,
"tăng 12 % so với cùng kỳ" an approximate value for the same months of the year before; each is
marked derived and says how it was computed."""
from __future__ import annotations

import re
from dataclasses import replace

from etl.candidates import Candidate, context_snippet
from etl.figure import Figure
from etl.periods import Period, find_periods

COMPARED_PERIOD_WINDOW = 80  # how far after the change its "so với năm 2023" may be


def derived_figure(base: Candidate, cands: list[Candidate], fig: Figure,
                   period: Period) -> tuple[Candidate, Figure] | None:
    """The change printed after `base` and the earlier figure they imply, if any."""
    change = _change_after(base, cands)
    if change is None:
        return None
    target = _compared_year(base.folded[change.end:change.end + COMPARED_PERIOD_WINDOW], period)
    if target is None:
        return None
    if change.percent:
        factor = 1 + change.value / 100 if change.delta == "up" else 1 - change.value / 100
        if factor <= 0:
            return None
        value = round(base.value / factor)
        qualifier = "approx"
        how = f"{_fmt(base.value)} / {_fmt(factor)} (“{_phrase(base.folded, change)}”)"
    else:
        value = base.value - change.value if change.delta == "up" else base.value + change.value
        qualifier = base.qualifier if change.qualifier == "exact" else "approx"
        sign = "−" if change.delta == "up" else "+"
        how = f"{_fmt(base.value)} {sign} {_fmt(change.value)} (“{_phrase(base.folded, change)}”)"
    if value < 0:
        return None
    earlier = period.shifted_to_year(target)
    return change, replace(fig, period_kind=earlier.kind, period_start=earlier.start, period_end=earlier.end,
                           value=float(value), qualifier=qualifier, derived=True, derived_how=how,
                           number_text=context_snippet(change))


def _change_after(base: Candidate, cands: list[Candidate]) -> Candidate | None:
    """The change ("tăng 118 lượt", "giảm 5,7%") printed after the figure in the same clause, with
    no other figure between, in the figure's own unit (or a percentage)."""
    after = [x for x in cands if x.sent == base.sent and x.start > base.end and x.delta]
    if not after:
        return None
    d = after[0]
    if not d.percent and d.unit is None:
        return None  # "tăng 2 lần": a ratio, not a difference
    if any(x.sent == base.sent and base.end < x.start < d.start and x.unit and not x.delta for x in cands):
        return None
    if ";" in base.folded[base.unit_end:d.start]:
        return None
    if not d.percent and d.unit is not None and d.unit.indicator != "inherit" and \
            d.unit_class not in (base.unit_class, "turns") and d.unit.phrase != base.unit.phrase:
        return None
    return d


def _compared_year(tail: str, period: Period) -> int | None:
    """The year compared with: "so với năm 2023", or the year before for "so với cùng kỳ"."""
    target = None
    for pm in find_periods(tail):
        if pm.compare:
            target = pm.period.year if pm.period else None
            if target is None and period.year:
                target = period.year - 1
            break
    if target is None or period.year is None or target >= period.year:
        return None
    return target


def _phrase(folded: str, d: Candidate) -> str:
    """'tăng 118 lượt so với năm 2023', cut from the sentence."""
    start = max(0, folded.rfind(" ", 0, max(0, d.start - 6)))
    m = re.search(r"so với[^,.;)]*", folded[d.end:])
    end = d.end + m.end() if m else d.unit_end
    return folded[start:end].strip(" ,.;()")


def _fmt(x: float) -> str:
    return f"{x:g}"
