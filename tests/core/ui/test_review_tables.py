"""core.ui.review_tables and core.ui.publishing.fraction: the intake page's tables in words, and how far
a publish's progress bar goes."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from core.ui.publishing import fraction
from core.ui.review_tables import decision_label, flag_label, history_table


@dataclass(frozen=True)
class Row:
    action: str = ""
    reason: str = ""
    corrected: tuple[str, ...] = ()


@pytest.mark.parametrize(("row", "lang", "label"), [
    (Row(), "vi", "—"),
    (Row("accept"), "vi", "✓ chấp nhận"),
    (Row("correct", corrected=("value", "period_end")), "vi", "✎ sửa: Giá trị, Đến ngày"),
    (Row("correct", corrected=("indicator",)), "en", "✎ corrected: Indicator"),
    (Row("reject", reason="trùng"), "vi", "✗ loại: trùng"),
    (Row("add"), "en", "+ added"),
])
def test_a_decision_in_words(row, lang, label):
    assert decision_label(row, lang) == label


@pytest.mark.parametrize(("flags", "label"), [((), ""), (("ocr",), "⚠ OCR"), (("ocr", "place"), "⚠ OCR, địa danh")])
def test_flags_in_words(flags, label):
    assert flag_label(flags, "vi") == label


@dataclass(frozen=True)
class Progress:
    stage: str
    done: int | None = None
    total: int | None = None


@pytest.mark.parametrize(("progress", "at"), [
    (Progress("wait"), 0.0), (Progress("prepare"), 0.05), (Progress("build"), 0.1),
    (Progress("build", 0, 45), 0.1), (Progress("build", 45, 45), 0.85), (Progress("build", 9, 45), 0.25),
    (Progress("compare"), 0.88), (Progress("commit"), 0.94), (Progress("done"), 1.0), (Progress("other"), 0.0),
])
def test_a_publish_moves_the_bar_by_stage_and_report(progress, at):
    assert fraction(progress) == pytest.approx(at)


@dataclass
class Entry:
    id: int
    kind: str
    analyst: str = "Lan"
    at: str = "2026-01-02T03:04:05+07:00"
    items: list = field(default_factory=lambda: [{"file_name": "a.docx"}, {"file_name": "b.csv"}])
    counts: dict = field(default_factory=lambda: {"accepted": 2, "corrected": 0, "table_rows": 12})
    observations_before: int = 120
    observations_after: int = 1_134
    message: str = "+1014 số liệu"
    reverts: int | None = None


def test_the_history_latest_first():
    frame = history_table([Entry(1, "publish"), Entry(2, "revert", reverts=1)], "vi")
    assert frame.to_dict("records") == [
        {"#": 2, "Loại": "hoàn tác #1", "Chuyên viên": "Lan", "Lúc": "2026-01-02 03:04", "Tệp": "a.docx, b.csv",
         "Quyết định": "chấp nhận 2, dòng bảng 12", "Số liệu trước → sau": "120 → 1.134", "Thay đổi": "+1014 số liệu"},
        {"#": 1, "Loại": "công bố", "Chuyên viên": "Lan", "Lúc": "2026-01-02 03:04", "Tệp": "a.docx, b.csv",
         "Quyết định": "chấp nhận 2, dòng bảng 12", "Số liệu trước → sau": "120 → 1.134", "Thay đổi": "+1014 số liệu"}]
