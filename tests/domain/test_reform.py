"""domain.reform: the one date of the July 2025 reform, as the reference data and the charts use it."""
import csv
import datetime as dt
from pathlib import Path

import pandas as pd

from core.charts import figures
from domain.reform import LAST_DAY_BEFORE_REFORM, REFORM_DATE
from tests.support.core_frames import frame, point

LOCALITIES = Path(__file__).resolve().parents[2] / "data" / "localities.csv"


def test_the_date():
    assert (REFORM_DATE, LAST_DAY_BEFORE_REFORM) == (dt.date(2025, 7, 1), dt.date(2025, 6, 30))


def test_units_begin_and_end_only_at_the_reform():
    with LOCALITIES.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["valid_from"] for r in rows} == {"", REFORM_DATE.isoformat()}
    assert {r["valid_to"] for r in rows} == {"", LAST_DAY_BEFORE_REFORM.isoformat()}


def _reform_marks(points: pd.DataFrame) -> list[float]:
    fig = figures.trend_figure(points, title="t", unit="u", labels={"a": "A"}, colors={})
    return [round(shape.x0, 3) for shape in fig.layout.shapes]


def test_a_chart_spanning_the_date_marks_it():
    assert _reform_marks(frame(point("a", 1, year=2024), point("a", 2, year=2025))) == [2024.997]
    assert _reform_marks(frame(point("a", 1, year=2024),
                               point("a", 2, "partial", "2025-01-01", "2025-06-30"))) == []
    assert _reform_marks(frame(point("a", 2, "partial", "2025-01-01", "2025-07-01"))) == [2024.997]
