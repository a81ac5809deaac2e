"""Figures a comparison implies: "2.861 lượt, tăng 118 lượt so với năm 2023" gives 2.743 for 2023,
"tăng 12 % so với cùng kỳ" an approximate value for the same months of the year before; each is
marked derived and says how it was computed."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from etl.candidates import Candidate, context_snippet
from etl.figure import Figure
from etl.lexicon import Lexicon
from etl.periods import RATIO_QUALIFIER, Period, find_periods, month_end

COMPARED_PERIOD_WINDOW = 80  # how far after the change its "so với năm 2023" may be
PHRASE_START_MAX = 30  # how far before the change its phrase ("nhiều hơn năm ngoái 37 lượt") may start
ESTIMATE_WHOLE_FROM = 100  # from here on, rounding to a whole number moves an estimate by 0.5 % at most


RATIOS = {"đôi": 2.0, "rưỡi": 1.5, "ba": 3.0, "bốn": 4.0, "một nửa": 0.5}
_RATIO_RE = re.compile(rf"(?<![\wÀ-ỹ])(?:gấp {RATIO_QUALIFIER}(đôi|rưỡi|ba|bốn|(\d+(?:,\d+)?) lần)"
                       rf"|bằng {RATIO_QUALIFIER}(một nửa|(\d+(?:,\d+)?) ?%|(\d+(?:,\d+)?) lần))")


def derived_figure(base: Candidate, cands: list[Candidate], fig: Figure,
                   period: Period) -> tuple[Candidate, Figure] | None:
    """The earlier figure a comparison beside `base` implies, with the number that says it (the
    change, or `base` itself for a ratio); None when there is no comparison with an earlier year."""
    change = _change_for(base, cands)
    if change is not None:
        found = _from_change(base.value, base.qualifier, base.folded, change, fig, period)
        return (change, found) if found else None
    clause = _clause_around(base, cands)
    found = _from_ratio(base.value, base.folded, clause, fig, period)
    return (base, found) if found else None


def derived_in_next_sentence(base: Candidate, fig: Figure, period: Period, folded: str,
                             cands: list[Candidate]) -> tuple[Candidate | None, Figure] | None:
    """"… tiếp 800 lượt công dân. Con số này gấp đôi năm 2023.": a sentence with a comparison and
    no figure of its own compares the last figure of the sentence before."""
    changes = [x for x in cands if x.delta]
    if changes:
        d = changes[0]
        if d.percent or d.unit is not None and d.unit_class in (base.unit_class, "turns"):
            found = _from_change(base.value, base.qualifier, folded, d, fig, period)
            return (d, found) if found else None
        return None
    found = _from_ratio(base.value, folded, (0, len(folded)), fig, period)
    return (None, found) if found else None


def compared_figure(folded: str, previous: list[tuple[Candidate, Figure, Period]],
                    lex: Lexicon, named_only: bool = False) -> tuple[Candidate, Figure, Period] | None:
    """"… tiếp 3.120 lượt …; 52 đoàn đông người. So với cùng kỳ, số lượt tiếp tăng 8%.": of the figures
    of the sentence before, the one whose unit the comparison names ("số lượt tiếp"), else the last
    (none when `named_only`: a later clause of the same sentence must name what it compares)."""
    if not previous:
        return None
    for m in re.finditer(r"(?<![\wÀ-ỹ])số (?:lượng )?", folded):
        named = lex.unit_re.match(folded, m.end())
        unit = lex.by_phrase[named.group(1)] if named else None
        if unit is None or unit.indicator == "inherit":
            continue
        same = [f for f in previous if f[1].indicator == unit.indicator or
                unit.indicator == "models" and f[1].indicator.startswith("models")]
        if same:
            return same[-1]
    return None if named_only else previous[-1]


def _from_change(value: float, qualifier: str, folded: str, d: Candidate, fig: Figure,
                 period: Period) -> Figure | None:
    earlier = _compared_span(folded[d.end:d.end + COMPARED_PERIOD_WINDOW], period)
    if earlier is None:  # "So với cùng kỳ năm 2023, … tăng 8%", "nhiều hơn năm ngoái 37 lượt": before the change
        earlier = _compared_span(folded[folded.rfind(";", 0, d.start) + 1:d.start], period)
    if earlier is None:
        return None
    if d.percent:
        factor = 1 + d.value / 100 if d.delta == "up" else 1 - d.value / 100
        if factor <= 0:
            return None
        earlier_value = estimate(value / factor)
        earlier_qualifier = "approx"
        how = f"{_fmt(value)} / {_fmt(factor)} (“{_phrase(folded, d)}”)"
    else:
        earlier_value = value - d.value if d.delta == "up" else value + d.value
        earlier_qualifier = qualifier if d.qualifier == "exact" else "approx"
        sign = "−" if d.delta == "up" else "+"
        how = f"{_fmt(value)} {sign} {_fmt(d.value)} (“{_phrase(folded, d)}”)"
    if earlier_value < 0:
        return None
    return _earlier(fig, earlier, earlier_value, earlier_qualifier, how, context_snippet(d))


def _from_ratio(value: float, folded: str, span: tuple[int, int], fig: Figure, period: Period) -> Figure | None:
    """"gấp đôi năm 2023", "bằng một nửa cùng kỳ", "gấp 3 lần so với năm 2022" within `span`."""
    for m in _RATIO_RE.finditer(folded, *span):
        word = m.group(1) or m.group(3)
        number = m.group(2) or m.group(5)
        factor = RATIOS[word] if word in RATIOS else float((number or m.group(4)).replace(",", "."))
        if m.group(4):
            factor /= 100
        compared = [pm for pm in find_periods(folded) if pm.compare and pm.start_pos == m.start()]
        if not compared or factor <= 0:
            continue
        pm = compared[0]
        target = pm.period.year if pm.period else (period.year + (pm.relative_year or -1) if period.year else None)
        if target is None or period.year is None or target >= period.year:
            continue
        phrase = folded[pm.start_pos:pm.end_pos]
        return _earlier(fig, period.shifted_to_year(target), estimate(value / factor), "approx",
                        f"{_fmt(value)} / {_fmt(factor)} (“{phrase}”)", phrase)
    return None


def estimate(value: float) -> float:
    """An earlier count a percent or a ratio implies: a whole number, unless rounding would move it
    more than half a percent (under ESTIMATE_WHOLE_FROM: 58 / 1.25 is 46.4, not 46)."""
    return float(round(value)) if value >= ESTIMATE_WHOLE_FROM else round(value, 1)


def _earlier(fig: Figure, earlier: Period, value: float, qualifier: str, how: str, snippet: str) -> Figure:
    return replace(fig, period_kind=earlier.kind, period_start=earlier.start, period_end=earlier.end,
                   value=float(value), qualifier=qualifier, derived=True, derived_how=how, number_text=snippet)


def _change_for(base: Candidate, cands: list[Candidate]) -> Candidate | None:
    """The change ("tăng 118 lượt", "giảm 5,7%") printed after the figure in the same clause, with
    no other figure between, in the figure's own unit (or a percentage); else one printed before it
    in its clause ("Tăng 12% so với năm 2023, … đạt 448 lượt") that belongs to no figure before."""
    same = [x for x in cands if x.sent == base.sent]
    listed = _listed_changes(base, same)
    if listed:
        return listed.get(base.id)
    after = [x for x in same if x.start > base.end and x.delta]
    if after:
        d = after[0]
        # a figure between them takes the change, unless it is of another kind ("564 lượt/621 người
        # (giảm 38 lượt …)": the persons stand between the turns and their change)
        if any(base.end < x.start < d.start and x.unit and not x.delta and (d.percent or _same_kind(x, d))
               for x in same):
            return None
        if ";" in base.folded[base.unit_end:d.start]:
            return None
        return d if _same_kind(base, d) else None
    clause_start = base.folded.rfind(";", 0, base.start) + 1
    before = [x for x in same if clause_start <= x.start and x.end <= base.start and (x.unit or x.percent)]
    if before and before[-1].delta and not any(x.unit and not x.delta for x in before) \
            and _same_kind(base, before[-1]):
        return before[-1]
    return None


def _listed_changes(base: Candidate, same: list[Candidate]) -> dict[int, Candidate]:
    """'tiếp 2.400 lượt … và tiếp nhận 1.900 đơn, tăng lần lượt 5% và 8% so với năm 2019': changes
    listed one after another after as many figures of their clause go with them in order
    ({figure id: its change}); empty when the first changes after `base` are no such list."""
    f = base.folded
    start = f.rfind(";", 0, base.start) + 1
    end = f.find(";", base.end)
    clause = [x for x in same if start <= x.start and (end < 0 or x.start < end)]
    first = next((i for i, x in enumerate(clause) if x.delta and x.start > base.end), None)
    if first is None:
        return {}
    run = [clause[first]]
    for x in clause[first + 1:]:
        if not x.delta:
            break
        run.append(x)
    figures = [x for x in clause[:first] if x.unit and not x.delta and not x.percent][-len(run):]
    if len(run) < 2 or len(figures) < len(run) or \
            not all(_same_kind(fig, d) for fig, d in zip(figures, run, strict=True)):
        return {}
    return {fig.id: d for fig, d in zip(figures, run, strict=True)}


def _same_kind(base: Candidate, d: Candidate) -> bool:
    if not d.percent and d.unit is None:
        return False  # "tăng 2 lần": a ratio, not a difference
    if base.unit_class == "reception_persons" and d.unit_class == "turns":
        return False  # a change in "lượt" is the turns', not the persons'
    return d.percent or d.unit.indicator == "inherit" or d.unit_class in (base.unit_class, "turns") \
        or d.unit.phrase == base.unit.phrase


def _clause_around(base: Candidate, cands: list[Candidate]) -> tuple[int, int]:
    """From the previous figure (or the clause's start) to the next figure (or the clause's end)."""
    f = base.folded
    start = f.rfind(";", 0, base.start) + 1
    end = f.find(";", base.end)
    end = len(f) if end < 0 else end
    for x in cands:
        if x.sent != base.sent or x is base or not x.unit or x.delta:
            continue
        if x.end <= base.start:
            start = max(start, x.unit_end)
        elif x.start >= base.end:
            end = min(end, x.start)
    return start, end


def _compared_span(text: str, period: Period) -> Period | None:
    """The span the first comparison of `text` names, ending before the figure's own: "so với năm
    2023" and "so với cùng kỳ" the figure's span in that year (the year before); "so với quý II",
    "so với 6 tháng đầu năm 2023" those months (of the figure's year, else of the year before)."""
    compared = next((pm for pm in find_periods(text) if pm.compare), None)
    if compared is None or period.end is None:
        return None
    if compared.months and compared.months != (1, 12):
        m1, m2 = compared.months
        year = compared.period.year if compared.period else period.end.year + (compared.relative_year or 0)
        if compared.period is None and compared.relative_year is None and month_end(year, m2) >= period.end:
            year -= 1
        span = Period("partial", date(year, m1, 1), month_end(year, m2), text[compared.start_pos:compared.end_pos])
        return span if span.end < period.end else None
    target = compared.period.year if compared.period else period.end.year - 1
    return period.shifted_to_year(target) if target < period.end.year else None


def _phrase(folded: str, d: Candidate) -> str:
    """'tăng 118 lượt so với năm 2023', 'nhiều hơn năm ngoái 37 lượt', cut from the sentence: from the
    start of the change's phrase (after a comma or a bracket) when it is near, else the word before."""
    start = max(folded.rfind(ch, 0, d.start) for ch in ",;(") + 1
    if d.start - start > PHRASE_START_MAX:
        start = max(0, folded.rfind(" ", 0, max(0, d.start - 6)))
    m = re.search(r"so với[^,.;)]*", folded[d.end:])
    end = d.end + m.end() if m else d.unit_end
    return folded[start:end].strip(" ,.;()")


def _fmt(x: float) -> str:
    return f"{x:g}"
