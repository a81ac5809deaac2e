"""Which period a figure covers: the period phrase nearest the number in its clause, else one of
the sentences before it, else the report's own period, else the report's date."""
from __future__ import annotations

import re
from datetime import date

from etl.candidates import Candidate
from etl.doc_context import DocContext
from etl.periods import Period, PeriodMention, find_periods, month_end

# Right after a period phrase: it heads the number that follows ("…, trong khi năm trước là 47.390 đơn"),
# and is not the period of a number before it.
_HEADS_A_NUMBER = re.compile(r"\s*(?:là|:|có|đạt)?\s*\d")
_BRACKETED = re.compile(r"\([^()]*\)")
# Between a number's unit and a period printed right after it ("412 đơn thư trong năm 2024"): a few words
# of the unit's phrase, no comma; such a period is the number's own, before any earlier in its clause.
_PRIOR_AFTER_UNIT = re.compile(r"\s*\(?\s*(?:(?:của|trong)\s+)?")
_RIGHT_AFTER_UNIT = re.compile(r"\s*(?:[^\d\s,;.():]+\s+){0,3}?(?:(?:trong|vào|suốt)\s+)?")
# A period the text gives without its year ("trong năm", "6 tháng đầu năm") is in the report's year,
# unless it would end this many days after the report's date: then it is the year before.
NOT_YET_DAYS = 180


def period_of(c: Candidate, earlier: list[str], indicator: str, doc: DocContext) -> Period:
    """The period of number `c`; `earlier` are the folded sentences before its own in the passage."""
    chosen = nearest_period(c)
    level = "sentence"
    if chosen is None:
        chosen = _period_of_earlier(earlier)
        level = "paragraph" if chosen else "doc"
    if indicator == "dialogue_opinions" and level == "doc" and _about_one_dialogue(doc):
        event = event_period(doc)  # opinions raised at the one meeting the report is about
        if event:
            return event
    if chosen is not None and chosen.ref == "year_before":
        return _year_before_current(c, chosen, earlier, doc)
    if chosen is not None and chosen.ref == "prev":
        for prev in reversed(earlier):
            pms = [pm for pm in find_periods(prev) if not pm.compare and not pm.ref]
            if pms:
                return complete(pms[-1], doc)
        chosen = PeriodMention(chosen.start_pos, chosen.end_pos, None, ref="doc")
    if chosen is not None and chosen.ref == "until_now":
        return resolved_doc_period(doc, skip_ref=True) or Period("cumulative", None, doc.report.now, "đến nay")
    if chosen is not None and chosen.ref in ("doc", "same_span"):
        # "kỳ này", "trong kỳ": the period the passage is about (an earlier clause's, a caption's, a
        # heading's), else the report's
        before = [pm for pm in own_periods(c) if not pm.ref and pm.end_pos <= chosen.start_pos]
        current = (before[-1] if before else _period_of_earlier(earlier)) if level == "sentence" else None
        whole = complete(current, doc) if current and not current.ref else None
        if chosen.ref == "same_span":
            return _same_span_year_before(doc, whole, chosen.period.year if chosen.period else None)
        if whole is not None:
            return whole
    if chosen is not None and chosen.ref:
        if chosen.ref == "duration" and chosen.period is None:
            whole = resolved_doc_period(doc)
            return whole if whole and whole.kind == "cumulative" else Period("cumulative", None, None, chosen.ref)
        return resolved_doc_period(doc, skip_ref=True) or Period("partial", None, None, "kỳ báo cáo")
    if chosen is None:
        return resolved_doc_period(doc) or fallback_period(doc)
    return complete(chosen, doc)


def _year_before_current(c: Candidate, chosen: PeriodMention, earlier: list[str], doc: DocContext) -> Period:
    """"năm trước": the year before the period the text is about (one before it in the sentence, else
    in the passage, else the report's), not before the report's date: in a report of January 2026,
    "năm qua … 44.105 đơn, trong khi năm trước là 47.390 đơn" gives 2024."""
    before = [pm for pm in own_periods(c) if not pm.ref and pm.end_pos <= chosen.start_pos]
    current = before[-1] if before else _period_of_earlier(earlier)
    whole = complete(current, doc) if current is not None and not current.ref else \
        resolved_doc_period(doc, skip_ref=True)
    if whole is None or whole.end is None:
        return complete(chosen, doc)  # nothing is talked about: the year before the report's
    year = whole.end.year - 1
    return Period("year", date(year, 1, 1), date(year, 12, 31), "năm trước")


def _about_one_dialogue(doc: DocContext) -> bool:
    """The report is about one dialogue: its lead dates a meeting that is a dialogue ("Sáng 14/3, Bí thư
    … đối thoại với …"), or it names no period at all. A conference held on a day ("Sáng 24/12, … hội
    nghị sơ kết 6 tháng cuối năm") reports the dialogues of its period."""
    return bool(doc.report.event_date and "đối thoại" in doc.head_f) or not doc.doc_period


def own_periods(c: Candidate) -> list[PeriodMention]:
    """The period phrases of the number's sentence that may be its own: no comparison, and none in an
    aside, brackets with a figure of their own that do not hold the number ("9 đoàn (năm 2022: 12
    đoàn) và 315 lượt"); brackets that only say the period say it ("Kỳ báo cáo (từ ngày … đến …)")."""
    mentions = [pm for pm in find_periods(c.folded) if not pm.compare]
    asides = []
    for m in _BRACKETED.finditer(c.folded):
        inside = list(c.folded[m.start():m.end()])
        for pm in find_periods(c.folded):
            if m.start() <= pm.start_pos and pm.end_pos <= m.end():
                inside[pm.start_pos - m.start():pm.end_pos - m.start()] = " " * (pm.end_pos - pm.start_pos)
        if not m.start() <= c.start < m.end() and re.search(r"\d", "".join(inside)):
            asides.append(m.span())
    return [pm for pm in mentions if not any(s <= pm.start_pos and pm.end_pos <= e for s, e in asides)]


def nearest_period(c: Candidate) -> PeriodMention | None:
    """The period phrase of the number's own sentence: the one printed right after its unit, else the
    last one before it in its clause, else the first after it in its clause (unless that one heads the
    next number), else the last before it, else the first."""
    mentions = own_periods(c)
    # a prior value's period ("từ 590 đơn của năm 2022", "từ 250 đơn (năm 2023)") is that value's alone
    for pm in mentions:
        if pm.prior and _PRIOR_AFTER_UNIT.fullmatch(c.folded, c.unit_end, pm.start_pos):
            return pm
    mentions = [pm for pm in mentions if not pm.prior]
    if not mentions:
        return None
    clause_start = c.folded.rfind(";", 0, c.start) + 1
    clause_end = c.folded.find(";", c.end)
    clause_end = len(c.folded) if clause_end < 0 else clause_end
    after = [pm for pm in mentions if pm.start_pos >= c.end and pm.start_pos < clause_end
             and not _HEADS_A_NUMBER.match(c.folded, pm.end_pos)]
    if after and _RIGHT_AFTER_UNIT.fullmatch(c.folded, c.unit_end, after[0].start_pos):
        return after[0]  # "… 412 đơn trong năm 2024 và 380 đơn trong năm 2023": each its own
    before = [pm for pm in mentions if pm.end_pos <= c.start and pm.start_pos >= clause_start]
    if before:
        return before[-1]
    if after:
        return after[0]
    earlier = [pm for pm in mentions if pm.end_pos <= c.start]
    if earlier:
        return earlier[-1]
    # only after the number, in another clause: that clause's own period, unless the number's clause
    # is the sentence's first ("Năm 2023 …; năm 2024 …" has none of this); not one that heads a number
    # of its own ("Huyện tiếp 151 lượt, cùng kỳ năm trước là 130 lượt")
    own = [pm for pm in mentions if not _HEADS_A_NUMBER.match(c.folded, pm.end_pos)]
    return own[0] if own and clause_start == 0 and ";" not in c.folded[c.end:own[0].start_pos] else None


def _period_of_earlier(earlier: list[str]) -> PeriodMention | None:
    """The last period of the nearest earlier sentence that has one (a dated one first); the same span
    a year before ("…; cùng kỳ năm ngoái chỉ có 5 cuộc.") is the period of that sentence's comparison,
    and a prior value's ("…, từ 590 đơn của năm 2022.") is that value's: neither reaches a sentence after it."""
    for prev in reversed(earlier):
        pms = [pm for pm in find_periods(prev) if not pm.compare and not pm.prior
               and pm.ref not in ("duration", "same_span")]
        if pms:
            plain = [p for p in pms if p.ref == ""]
            return plain[-1] if plain else pms[-1]
    return None


def complete(pm: PeriodMention, doc: DocContext) -> Period:
    """Fill in what the phrase leaves to the report: the year, or the end of "đến nay"."""
    now = doc.report.now
    if pm.needs_year:
        year = context_year(doc) if pm.relative_year is None else report_year(doc, pm.relative_year)
        m1, m2 = pm.months or (1, 12)
        if pm.relative_year == 0 and year is not None and _reviews_year_before(doc, year, m2):
            year -= 1  # "năm nay" at a conference of 8 January that sums up the year just ended
        if year is None:
            return Period("partial", None, None, "")
        if pm.relative_year is None and not _dated_doc_period(doc) and m2 and now and \
                (month_end(year, m2) - now).days > NOT_YET_DAYS:
            year -= 1  # "Năm qua, …" in a report of 10 January: the year just ended
        start = date(year, m1, 1)
        if m2 == 0:
            return Period("partial", start, now if now and now.year == year else None, "")
        kind = "year" if (m1, m2) == (1, 12) else "partial"
        return Period(kind, start, month_end(year, m2), "")
    p = pm.period
    if p is None:
        return Period("partial", None, None, "")
    if pm.needs_now:
        end = now if now and (p.start is None or now >= p.start) else None
        return Period(p.kind, p.start, end, p.text)
    return p


def _reviews_year_before(doc: DocContext, year: int, last_month: int) -> bool:
    """The report is about the whole year before its date's ("tổng kết công tác dân vận năm 2025" on
    9 January 2026), and a span of the date's year ending in `last_month` could not have happened
    yet: "năm nay" there is the year under review."""
    dp, now = doc.doc_period, doc.report.now
    if not (dp and dp.period and dp.period.end and dp.period.kind == "year") or now is None:
        return False
    return dp.period.end.year == year - 1 and (month_end(year, last_month) - now).days > NOT_YET_DAYS


def _dated_doc_period(doc: DocContext) -> bool:
    dp = doc.doc_period
    return bool(dp and dp.period and dp.period.end)


def context_year(doc: DocContext) -> int | None:
    """The year a phrase without one ("quý I", "trong năm") means: the report's period, else its date."""
    dp = doc.doc_period
    if dp and dp.period and dp.period.end:
        return dp.period.end.year
    r = doc.report
    return r.now.year if r.now else (r.published.year if r.published else None)


def report_year(doc: DocContext, offset: int) -> int | None:
    """"năm nay" (0), "năm ngoái" (-1): counted from the report's date, else from its period."""
    r = doc.report
    base = r.now.year if r.now else (r.published.year if r.published else None)
    if base is None:
        dp = doc.doc_period
        base = dp.period.end.year if dp and dp.period and dp.period.end else None
    return base + offset if base is not None else None


def _same_span_year_before(doc: DocContext, current: Period | None, year: int | None = None) -> Period:
    """"cùng kỳ năm trước là 400 lượt", "kỳ trước": the current period, else the report's, a year
    earlier; "cùng kỳ năm 2023": in that year."""
    whole = current or resolved_doc_period(doc, skip_ref=True)
    if whole is None and year is not None:
        return Period("year", date(year, 1, 1), date(year, 12, 31), "")  # no current span is known: the year
    whole = whole or fallback_period(doc)
    if whole.end is None:
        return Period("partial", None, None, "")
    return whole.shifted_to_year(whole.end.year - 1 if year is None else year)


def resolved_doc_period(doc: DocContext, skip_ref: bool = False) -> Period | None:
    dp = doc.doc_period
    if dp is None:
        return None
    if dp.ref:
        return None if skip_ref else Period("partial", None, None, "kỳ báo cáo")
    return complete(dp, doc)


def event_period(doc: DocContext) -> Period | None:
    """The day of the meeting the report is about (opinions raised at one dialogue)."""
    r = doc.report
    if r.event_date:
        return Period("event", r.event_date, r.event_date, "")
    if r.published:
        return Period("event", r.published.first, r.published.last, "")
    return None


def fallback_period(doc: DocContext) -> Period:
    """No period anywhere: the report's own date says the year; the span is up to that date."""
    now = doc.report.now
    if now is None:
        return Period("partial", None, None, "")
    return Period("partial", date(now.year, 1, 1), now, "")
