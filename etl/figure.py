"""A figure found in a report: what it counts, where, when, how sure, and the sentence it came from."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from etl.vnnumbers import as_number

OUTPUT_COLUMNS = ("doc", "province", "district", "indicator", "breakdown", "period_kind",
                  "period_start", "period_end", "value", "qualifier", "derived", "quote")


@dataclass
class Figure:
    doc: str
    province: str
    district: str
    indicator: str
    breakdown: str
    period_kind: str
    period_start: date | None
    period_end: date | None
    value: float
    qualifier: str = "exact"
    derived: bool = False
    derived_how: str = ""
    quote: str = ""
    locality_id: str = ""  # "" when the place is not in data/localities.csv
    number_text: str = ""  # the number as printed, with a few words around: the review key
    paragraph: int = 0
    sentence: int = 0
    obtained: str = "extracted"  # extracted | corrected | added | table
    review_note: str = ""
    where: str = ""  # where in the file: "trang 2, đoạn 3", "bảng 1, hàng 4, cột 2" (etl.document.Where)
    confidence: float | None = None  # OCR confidence (0–100) of the number; None when not OCR'd

    def record(self) -> dict[str, object]:
        """The extractor's output row (`python -m etl extract`)."""
        return {
            "doc": self.doc,
            "province": self.province,
            "district": self.district,
            "indicator": self.indicator,
            "breakdown": self.breakdown,
            "period_kind": self.period_kind,
            "period_start": self.period_start.isoformat() if self.period_start else "",
            "period_end": self.period_end.isoformat() if self.period_end else "",
            "value": as_number(self.value),
            "qualifier": self.qualifier,
            "derived": "yes" if self.derived else "no",
            "quote": self.quote,
        }

    def key(self) -> tuple[object, ...]:
        """Two figures with this key in one report are the same figure printed twice."""
        return (self.province, self.district, self.indicator, self.breakdown, self.period_kind,
                self.period_start, self.period_end, self.value, self.derived)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)
