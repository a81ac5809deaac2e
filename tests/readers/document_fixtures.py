"""A report written for the reader tests, with known text, tables and figures, and the files made from it.

`write_docx` writes it with python-docx; `docx_to_pdf` turns that into a PDF with LibreOffice
headless; `pdf_to_scan` renders the PDF at 300 dpi (pdftoppm), adds a little blur and noise (Pillow)
and saves the pages as PNG images and as an image-only PDF, as a scanner would.
The measurement script (measure_pdf_readers.py beside it) and the reader tests share it.
"""
from __future__ import annotations

import random
import subprocess
import unicodedata
import zipfile
from pathlib import Path

HEADING = [
    "TỈNH ỦY GIA LAI",
    "BAN DÂN VẬN",
    "Số: 125/BC-BDVTU",
    "Gia Lai, ngày 5 tháng 12 năm 2024",
    "BÁO CÁO",
    "Kết quả công tác dân vận năm 2024 trên địa bàn tỉnh Gia Lai",
]
TITLE = "Kết quả công tác dân vận năm 2024 trên địa bàn tỉnh Gia Lai"
BODY = [
    "Năm 2024, tỉnh Gia Lai đã tiếp 2.861 lượt công dân đến kiến nghị, phản ánh về đất đai và chính sách.",
    "Trong năm 2024, các cơ quan của tỉnh Gia Lai tiếp nhận 1.327 đơn, giảm 45 đơn so với năm 2023.",
    "Năm 2024, huyện Chư Prông công nhận 36 mô hình “Dân vận khéo”, gồm 21 mô hình tập thể và 15 mô hình cá nhân.",
    "Bảng 1. Tiếp công dân và đơn thư qua các năm",
]
# The bordered table follows BODY[3]; then a paragraph, the caption of the second table, the table without borders.
TABLE_1 = [
    ["Chỉ tiêu", "2022", "2023", "2024"],
    ["Lượt tiếp công dân", "2.104", "2.517", "2.861"],
    ["Đơn khiếu nại, tố cáo", "1.410", "1.372", "1.327"],
    ["Đoàn đông người", "—", "12", "9"],
]
MIDDLE = [
    ("Các cấp ủy tiếp tục quan tâm lắng nghe ý kiến của nhân dân ở cơ sở, giải quyết kịp thời những vướng mắc "
     "phát sinh, nhờ vậy số đơn thư vượt cấp giảm so với những năm trước và tình hình an ninh nông thôn ổn định."),
    "Bảng 2. Mô hình “Dân vận khéo” năm 2024",
]
TABLE_2 = [
    ["Huyện", "Đăng ký", "Công nhận"],
    ["Chư Prông", "48", "36"],
    ["Ia Grai", "30", "27"],
]
CLOSING = ["Năm 2025, Ban Dân vận tiếp tục hướng dẫn các địa phương nhân rộng những mô hình hiệu quả."]

# Every paragraph in document order, and where each table sits (index of the paragraph it follows).
PARAGRAPHS = [*HEADING, *BODY, *MIDDLE, *CLOSING]
TABLES = [(TABLE_1, len(HEADING) + len(BODY) - 1), (TABLE_2, len(HEADING) + len(BODY) + len(MIDDLE) - 1)]

# What the extractor reads from the body sentences (province, district, indicator, breakdown,
# period start, value, derived), then from the two tables (a figure printed again is kept once).
EXPECTED_FIGURES = [
    ("Gia Lai", "", "reception_turns", "total", "2024-01-01", 2861, False),
    ("Gia Lai", "", "petitions", "total", "2024-01-01", 1327, False),
    ("Gia Lai", "", "petitions", "total", "2023-01-01", 1372, True),
    ("Gia Lai", "Chư Prông", "models_recognized", "total", "2024-01-01", 36, False),
    ("Gia Lai", "Chư Prông", "models_recognized", "collective", "2024-01-01", 21, False),
    ("Gia Lai", "Chư Prông", "models_recognized", "individual", "2024-01-01", 15, False),
]
EXPECTED_TABLE_FIGURES = [
    ("Gia Lai", "", "reception_turns", "total", "2022-01-01", 2104, False),
    ("Gia Lai", "", "reception_turns", "total", "2023-01-01", 2517, False),
    ("Gia Lai", "", "petitions", "complaint_denunciation", "2022-01-01", 1410, False),
    ("Gia Lai", "", "petitions", "complaint_denunciation", "2023-01-01", 1372, False),
    ("Gia Lai", "", "petitions", "complaint_denunciation", "2024-01-01", 1327, False),
    ("Gia Lai", "", "group_delegations", "total", "2023-01-01", 12, False),
    ("Gia Lai", "", "group_delegations", "total", "2024-01-01", 9, False),
    ("Gia Lai", "Chư Prông", "models_registered", "total", "2024-01-01", 48, False),
    ("Gia Lai", "Ia Grai", "models_registered", "total", "2024-01-01", 30, False),
    ("Gia Lai", "Ia Grai", "models_recognized", "total", "2024-01-01", 27, False),
]
NUMBERS = ["2.861", "1.327", "2.104", "2.517", "1.410", "1.372", "36", "21", "15", "48", "30", "27"]


def write_docx(path: Path, *, borders: bool = True, font: str = "Noto Serif", justify: bool = False,
               nfd: bool = False, core_title: str = "", core_author: str = "") -> Path:
    """The report as a Word file: heading lines, paragraphs, two tables (the second never bordered).

    `nfd` writes the text decomposed (tone marks as combining characters), as some Vietnamese
    keyboards ("Unicode tổ hợp") type it."""
    from docx import Document  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    def typed(text: str) -> str:
        return unicodedata.normalize("NFD", text) if nfd else text

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = font
    style.font.size = Pt(12)
    doc.core_properties.title = core_title
    doc.core_properties.author = core_author
    for i, text in enumerate(PARAGRAPHS):
        para = doc.add_paragraph(typed(text))
        if justify:
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for rows, after in TABLES:
            if after == i:
                _table(doc, [[typed(v) for v in row] for row in rows], bordered=borders and rows is TABLE_1)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _table(doc, rows: list[list[str]], *, bordered: bool) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    if bordered:
        table.style = doc.styles["Table Grid"]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value


def docx_to_pdf(docx: Path, out_dir: Path, *, password: str = "") -> Path:
    """LibreOffice Writer headless, with a profile of its own (several can run on the machine at once);
    with `password`, a PDF that opens only with it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = out_dir / ".lo-profile"
    target = "pdf"
    if password:
        target = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                  f'"DocumentOpenPassword":{{"type":"string","value":"{password}"}}}}')
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
         "--convert-to", target, "--outdir", str(out_dir), str(docx)],
        check=True, capture_output=True, timeout=300)
    pdf = out_dir / (docx.stem + ".pdf")
    if not pdf.exists():
        raise RuntimeError(f"LibreOffice made no PDF from {docx}")
    return pdf


def pdf_to_scan(pdf: Path, out_dir: Path, *, dpi: int = 300, seed: int = 8) -> tuple[list[Path], Path]:
    """Pages rendered at `dpi`, slightly blurred, with salt-and-pepper noise: PNG pages and an image-only PDF."""
    from PIL import Image, ImageFilter  # noqa: PLC0415

    out_dir.mkdir(parents=True, exist_ok=True)
    prefix = out_dir / "page"
    subprocess.run(["pdftoppm", "-png", "-gray", "-r", str(dpi), str(pdf), str(prefix)],
                   check=True, capture_output=True, timeout=300)
    rng = random.Random(seed)
    pages = []
    for png in sorted(out_dir.glob("page-*.png")):
        img = Image.open(png).convert("L").filter(ImageFilter.GaussianBlur(0.6))
        px = img.load()
        w, h = img.size
        for _ in range(w * h // 2000):  # 0.05 % of pixels flipped
            x, y = rng.randrange(w), rng.randrange(h)
            px[x, y] = 0 if px[x, y] > 128 else 255
        scan = out_dir / png.name.replace("page-", "scan-")
        img.save(scan, dpi=(dpi, dpi))
        pages.append(scan)
    scanned_pdf = out_dir / "scan.pdf"
    images = [Image.open(p) for p in pages]
    images[0].save(scanned_pdf, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])
    return pages, scanned_pdf



def locked_docx(docx: Path, out: Path, password: str = "mat-khau") -> Path:
    """The Word file encrypted with a password, as Word saves it (msoffcrypto-tool)."""
    from msoffcrypto.format.ooxml import OOXMLFile  # noqa: PLC0415

    with docx.open("rb") as src, out.open("wb") as dst:
        OOXMLFile(src).encrypt(password, dst)
    return out


def zip_bomb_docx(docx: Path, out: Path, megabytes: int = 50) -> Path:
    """The Word file with a member of `megabytes` MB of zeros (a few dozen KB packed)."""
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("word/media/image1.bin", "w") as member:
            block = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return out
