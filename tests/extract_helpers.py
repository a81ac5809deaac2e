"""Helpers for the extractor's tests: a test report around a body, and figures as short lines."""
from __future__ import annotations

from etl.extract import Extractor
from etl.figure import Figure
from etl.report import Report, parse_report


def report_text(body: str, published: str = "2024-12-05", title: str = "Báo cáo thử") -> str:
    return (f"---\ntitle: {title}\nsource_url: https://example.org/a\npublisher: Thử\n"
            f"published: {published}\nnote: test\n---\n\n{body}\n")


def test_report(body: str, **kw: str) -> Report:
    return parse_report(report_text(body, **kw), "t.txt")


def line(f: Figure) -> str:
    """'Chư Sê, Gia Lai | reception_turns/total | 2023-01-01..2023-12-31 | 320 hơn'."""
    place = f"{f.district}, {f.province}" if f.district else f.province
    span = f"{f.period_start or '?'}..{f.period_end or '?'}"
    extra = {"at_least": " hơn", "approx": " khoảng"}.get(f.qualifier, "") + (" suy ra" if f.derived else "")
    return f"{place} | {f.indicator}/{f.breakdown} | {span} | {f.value:g}{extra}"


def lines(body: str, **kw: str) -> list[str]:
    return [line(f) for f in Extractor().extract(test_report(body, **kw))]


test_report.__test__ = False  # a helper, not a test
