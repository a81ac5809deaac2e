"""What one chart shows: the one description that the pages' filters and a deck's YAML both resolve to,
enough to draw the chart again, name its file and title its slide. Pure data, no Streamlit."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from core.words.slug import file_name

# trend-line / trend-bar: values by year (Xu hướng, a deck's `kind: trend`); compare: places side by side,
# a bar group per year (a deck's `kind: compare`); ranking: one period, largest first (So sánh);
# overview-small: a headline series on Tổng quan; profile: one district's breakdowns (Quận/huyện).
KINDS = ("trend-line", "trend-bar", "compare", "ranking", "overview-small", "profile")
PLACES_IN_NAME = 4  # a file name names this many places, then "and-N-more"


@dataclass(frozen=True)
class ChartSpec:
    """One chart: its kind, indicator and breakdown (None: every breakdown), places, chosen years or one
    period (a core.data.period.Period key), measure, title ("" until a deck chart takes the indicator's
    name), the id that names it where it is shown ("trends.main", "deck.2") and its language."""

    kind: str
    indicator: str
    breakdown: str | None = None
    localities: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    period: str | None = None
    mode: str = "absolute"
    title: str = ""
    chart_id: str = ""
    lang: str = "vi"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown chart kind {self.kind!r} (one of {', '.join(KINDS)})")

    @property
    def is_trend(self) -> bool:
        """A chart of values by year (a line or bars)."""
        return self.kind.startswith("trend")

    def filename(self) -> str:
        """A file name without extension: indicator, breakdown, places, years or period, measure."""
        parts = [self.indicator]
        if self.breakdown and self.breakdown != "total":
            parts.append(self.breakdown)
        parts.extend(self.localities[:PLACES_IN_NAME])
        if len(self.localities) > PLACES_IN_NAME:
            parts.append(f"and-{len(self.localities) - PLACES_IN_NAME}-more")
        if self.period:
            parts.append(self.period)
        elif self.years:
            parts.append(f"{min(self.years)}-{max(self.years)}")
        if self.mode != "absolute":
            parts.append(self.mode)
        return file_name(parts)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON (a figure's layout.meta carries it): lists for tuples, with the file name."""
        data = asdict(self)
        data["localities"] = list(self.localities)
        data["years"] = list(self.years) if self.years else None
        data["filename"] = self.filename()
        return data
