"""The tables of the page "Nạp báo cáo", as labelled DataFrames (pure pandas; headers from data/ui.yaml):
an item's figures with the decision on each, a table item's rows, the history of publishes.

Rows, figures and history entries are the write side's objects (etl.intake), read here only by
their attributes."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from core.words import fmt
from core.words.i18n import t

OCR, PLACE = "ocr", "place"  # the flags of etl.intake.decisions, as the page marks them


def _head(name: str, lang: str) -> str:
    return t(f"intake.col.{name}", lang)


def place_label(district: str, province: str) -> str:
    return f"{district}, {province}" if district else province


def flag_label(flags: Iterable[str], lang: str) -> str:
    """'⚠ OCR', '⚠ địa danh' or '' for a row that needs no particular look."""
    words = [t("intake.flag_ocr", lang) if f == OCR else t("intake.flag_place", lang) for f in flags]
    return "⚠ " + ", ".join(words) if words else ""


def decision_label(row: Any, lang: str) -> str:
    """'✓ chấp nhận', '✎ sửa: giá trị', '✗ loại: <lý do>', '+ bổ sung', '—' (undecided)."""
    if row.action == "accept":
        return "✓ " + t("intake.decided_accept", lang)
    if row.action == "correct":
        fields = ", ".join(t(f"intake.field_{f}", lang) for f in row.corrected)
        return "✎ " + t("intake.decided_correct", lang, fields=fields)
    if row.action == "reject":
        return "✗ " + t("intake.decided_reject", lang, reason=row.reason)
    if row.action == "add":
        return "+ " + t("intake.decided_add", lang)
    return "—"


def row_label(row: Any) -> str:
    """A figure in one line for the picker, as the document prints it: '#3 · 1.980 · bảng 1, hàng 2, cột 2 ·
    1.980 Lượt tiếp công dân, năm 2021.' Nothing a decision changes is in it (the picker would keep
    showing the old words of the figure chosen)."""
    quote = row.quote if len(row.quote) <= 90 else row.quote[:89] + "…"
    return " · ".join(part for part in (f"#{row.n}", row.number, row.where, quote) if part)


def figures_table(rows: Iterable[Any], indicators: Mapping[str, str], breakdowns: Mapping[tuple[str, str], str],
                  lang: str) -> pd.DataFrame:
    """One line per figure of the review sheet, flagged ones first as the sheet orders them."""
    out = [{
        "#": row.n,
        _head("flags", lang): flag_label(row.flags, lang),
        _head("decision", lang): decision_label(row, lang),
        _head("value", lang): fmt.number(row.value, lang, decimals=2),
        _head("period", lang): fmt.period_label(row.period_kind, row.period_start, row.period_end, lang),
        _head("derived", lang): t("intake.derived_yes", lang) if row.derived else "",
        _head("place", lang): place_label(row.district, row.province),
        _head("indicator", lang): indicators.get(row.indicator, row.indicator),
        _head("breakdown", lang): breakdowns.get((row.indicator, row.breakdown), row.breakdown),
        _head("qualifier", lang): t(f"intake.qualifier_{row.qualifier}", lang),
        _head("where", lang): row.where,
        _head("why", lang): row.why,
        _head("quote", lang): row.quote,
    } for row in rows]
    return pd.DataFrame(out, columns=["#", _head("flags", lang), _head("decision", lang), _head("value", lang),
                                      _head("period", lang), _head("derived", lang), _head("place", lang),
                                      _head("indicator", lang), _head("breakdown", lang), _head("qualifier", lang),
                                      _head("where", lang), _head("why", lang), _head("quote", lang)])


def table_rows(figures: Iterable[Any], indicators: Mapping[str, str], breakdowns: Mapping[tuple[str, str], str],
               lang: str) -> pd.DataFrame:
    """An uploaded analyst table's figures as the build reads them."""
    return pd.DataFrame([{
        _head("place", lang): place_label(f.district, f.province),
        _head("indicator", lang): indicators.get(f.indicator, f.indicator),
        _head("breakdown", lang): breakdowns.get((f.indicator, f.breakdown), f.breakdown),
        _head("period", lang): fmt.period_label(f.period_kind, f.period_start, f.period_end, lang),
        _head("value", lang): fmt.qualified(f.value, f.qualifier, lang),
        _head("where", lang): f.quote,
    } for f in figures])


def history_table(entries: Iterable[Any], lang: str) -> pd.DataFrame:
    """Every publish and revert, the latest first."""
    out = []
    for e in sorted(entries, key=lambda e: e.id, reverse=True):
        counts = ", ".join(t(f"intake.count_{k}", lang, n=n) for k, n in e.counts.items() if n)
        out.append({
            "#": e.id,
            _head("kind", lang): t(f"intake.kind_{e.kind}", lang) + (f" #{e.reverts}" if e.reverts else ""),
            _head("analyst", lang): e.analyst,
            _head("at", lang): e.at.replace("T", " ")[:16],
            _head("files", lang): ", ".join(i["file_name"] for i in e.items),
            _head("counts", lang): counts,
            _head("figures", lang): " → ".join(fmt.number(n, lang) for n in (e.observations_before,
                                                                            e.observations_after)),
            _head("changed", lang): e.message,
        })
    return pd.DataFrame(out)
