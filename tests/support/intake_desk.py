"""Report texts the intake tests upload, written for them, and the objects they work with."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etl.extract import Extractor
from etl.intake import desk
from etl.report import read_report

ANALYST = "Nguyễn Thị Lan"
PASSWORD = "mật khẩu dài 123"

HA_NOI_2019 = [
    "Trong năm 2019, các cơ quan hành chính của thành phố Hà Nội đã tiếp 25.310 lượt công dân đến kiến nghị, phản ánh.",
    "Cũng trong năm 2019, thành phố tiếp nhận 41.022 đơn thư các loại.",
    'Tại huyện Sóc Sơn, năm 2019 có 120 mô hình "Dân vận khéo" được đăng ký xây dựng.',
]
GIA_LAI_2022 = [
    "Năm 2022, thị xã An Khê tổ chức 14 cuộc đối thoại giữa người đứng đầu cấp ủy, chính quyền với nhân dân.",
    "Cũng trong năm 2022, toàn tỉnh Gia Lai tiếp 2.215 lượt công dân.",
]


def report_text(title: str, paragraphs: list[str], published: str = "2020-01-15") -> str:
    head = (f"---\ntitle: {title}\nsource_url: https://example.org/bai-thu\npublisher: Bản tin thử nghiệm\n"
            f"published: {published}\nnote: Văn bản viết cho bài kiểm thử.\n---\n\n")
    return head + "\n\n".join(paragraphs) + "\n"


@dataclass
class Desk(desk.Desk):
    """An inbox, an analyst, a reviewer and a publisher over a database of the test's own."""

    reports: Path = Path()

    def upload_text(self, text: str, name: str = "bao-cao.txt") -> str:
        """Upload a report text (read as data/reports are, without the extractor's check)."""
        return self.inbox.add(text.encode("utf-8"), name, analyst=ANALYST, reader=read_report).item.sha256


def make_desk(root: Path, extractor: Extractor | None = None) -> Desk:
    """Everything under `root`: inbox/, analysts.json, reports/ (empty unless the test writes some), db.duckdb."""
    reports = root / "reports"
    reports.mkdir(exist_ok=True)
    (root / "tables").mkdir(exist_ok=True)
    made = desk.open_desk(inbox=root / "inbox", analysts=root / "analysts.json", db=root / "db.duckdb",
                          reports_dir=reports, tables_dir=root / "tables", review_path=root / "review.csv",
                          extractor=extractor)
    if not made.accounts.configured():
        made.accounts.set_password(ANALYST, PASSWORD)
    return Desk(made.inbox, made.accounts, made.reviewer, made.publisher, reports)
