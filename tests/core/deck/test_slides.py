"""core/deck/slides.py: the .pptx reopened with python-pptx, its layout, notes, sources, atomic writing,
and one deck rendered by LibreOffice to PDF and PNG pages."""
from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import plotly.graph_objects as go
import pytest
from PIL import Image, UnidentifiedImageError
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from core.deck import slides
from core.deck.slides import DeckError, DeckItem
from core.words.sources import SourceRef

GIA_LAI = SourceRef("Báo Gia Lai (GLO)", "2024-12-05", "Gia Lai tổng kết công tác dân vận năm 2024",
                    "https://baogialai.com.vn/tong-ket-2024")
HA_NOI = SourceRef("Hà Nội portal", "2023-12-27", "Hội nghị tổng kết công tác dân vận năm 2023", None)
HANOIMOI = SourceRef("Hà Nội Mới", "2024", "Công tác dân vận hướng về cơ sở", "https://hanoimoi.vn/cong-tac-dan-van")
DAY = dt.date(2024, 12, 5)


def _figure(name: str) -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(x=[2022, 2023, 2024], y=[2600, 2743, 2861], name=name, mode="lines+markers")
    fig.update_layout(xaxis={"title": "Năm", "dtick": 1})
    return fig


def _png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


ITEMS = [
    DeckItem("Lượt tiếp công dân", "Gia Lai · 2022–2024 · Tổng số · số tuyệt đối", (GIA_LAI,),
             ("Gia Lai, năm 2024: 2.861 lượt — “Năm 2024, toàn tỉnh tiếp 2.861 lượt công dân”",),
             figure=_figure("Gia Lai")),
    DeckItem("Mô hình “Dân vận khéo” đăng ký", "Hà Nội · 2023–2024", (HA_NOI, HANOIMOI),
             ("Hà Nội, 7 tháng 2024: 24.254 mô hình (một phần năm)",), png=_png(800, 800)),  # square: fits by height
    DeckItem("Đơn thư tiếp nhận", "Gia Lai · 2023–2024", (GIA_LAI,), png=_png(3000, 600)),  # wide: fits by width
]


@pytest.fixture(scope="module")
def built(warm_browser, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("deck") / "bo-slide.pptx"
    slides.write_deck(ITEMS, path, "Công tác dân vận năm 2024", "Hà Nội và Gia Lai", DAY)
    return path


def _texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def _inside(shape, prs) -> bool:
    return (shape.left >= 0 and shape.top >= 0 and shape.width > 0 and shape.height > 0
            and shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height)


def test_deck_is_16_9_with_title_chart_and_sources_slides(built):
    prs = Presentation(str(built))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(prs.slides) == 1 + len(ITEMS) + 1


def test_every_shape_has_its_place_inside_the_slide(built):
    prs = Presentation(str(built))
    outside = [(n, shape.name) for n, slide in enumerate(prs.slides, start=1)
               for shape in slide.shapes if not _inside(shape, prs)]
    assert outside == []


def test_title_slide(built):
    slide = Presentation(str(built)).slides[0]
    assert slide.shapes.title.text_frame.text == "Công tác dân vận năm 2024"
    assert set(_texts(slide)) == {"Công tác dân vận năm 2024", "Hà Nội và Gia Lai", "Ngày 05/12/2024"}


@pytest.mark.parametrize("index", range(len(ITEMS)))
def test_chart_slide(built, index):
    prs = Presentation(str(built))
    slide, item = prs.slides[1 + index], ITEMS[index]
    pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1
    picture = pictures[0]
    box = slides.PICTURE_BOX
    assert box.left <= picture.left and picture.left + picture.width <= box.right
    assert box.top <= picture.top and picture.top + picture.height <= box.bottom
    # the picture keeps its aspect ratio and fills the box in one dimension
    image = Image.open(io.BytesIO(picture.image.blob))
    assert picture.width / picture.height == pytest.approx(image.width / image.height, rel=0.01)
    assert picture.width == pytest.approx(box.width, rel=0.01) or picture.height == pytest.approx(box.height, rel=0.01)
    assert slide.shapes.title.text_frame.text == item.title
    texts = _texts(slide)
    assert item.subtitle in texts
    footers = [t for t in texts if t.startswith("Nguồn: ")]
    assert len(footers) == 1
    for ref in item.sources:
        assert ref.publisher in footers[0]


def test_chart_picture_is_rendered_for_the_box(built):
    slide = Presentation(str(built)).slides[1]
    picture = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert Image.open(io.BytesIO(picture.image.blob)).size == slides.picture_pixels()


@pytest.mark.parametrize("index", range(len(ITEMS)))
def test_speaker_notes_hold_values_filters_and_sources(built, index):
    slide, item = Presentation(str(built)).slides[1 + index], ITEMS[index]
    notes = slide.notes_slide.notes_text_frame.text
    for line in item.notes:
        assert line in notes
    assert f"Bộ lọc: {item.subtitle}" in notes
    for ref in item.sources:
        assert ref.title in notes
        if ref.url:
            assert ref.url in notes


def test_closing_slide_lists_every_source_with_its_link_and_the_filters(built):
    slide = Presentation(str(built)).slides[-1]
    assert slide.shapes.title.text_frame.text == "Nguồn số liệu"
    body = "\n".join(t for t in _texts(slide) if t != "Nguồn số liệu")
    for ref in (GIA_LAI, HA_NOI, HANOIMOI):
        assert ref.publisher in body and ref.title in body
    assert body.count("Báo Gia Lai (GLO)") == 1  # each source once
    links = {run.hyperlink.address for shape in slide.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs for run in p.runs if run.hyperlink.address}
    assert links == {GIA_LAI.url, HANOIMOI.url}
    for number, item in enumerate(ITEMS, start=1):
        assert f"{number}. {item.title}: {item.subtitle}" in body


def test_many_sources_continue_on_more_slides(warm_browser):
    sources = tuple(SourceRef(f"Báo số {i}", "2024-01-01", f"Bài số {i}", f"https://example.vn/bai-{i}")
                    for i in range(40))
    items = [DeckItem("Biểu đồ", "Hà Nội", sources, png=_png(1920, 786))]
    prs = Presentation(io.BytesIO(slides.deck_bytes(items, "Tiêu đề", day=DAY)))
    closing = list(prs.slides)[2:]
    titles = [s.shapes.title.text_frame.text for s in closing]
    assert titles == ["Nguồn số liệu"] + ["Nguồn số liệu (tiếp)"] * (len(closing) - 1)
    assert len(closing) > 1
    body = "\n".join(t for s in closing for t in _texts(s))
    assert all(f"Bài số {i}" in body for i in range(40))
    assert all(_inside(shape, prs) for s in closing for shape in s.shapes)


def test_a_source_without_publisher_is_named_once_by_its_title():
    untitled = SourceRef("unknown", "2024-03-06", "Sóc Sơn đối thoại với Nhân dân")
    prs = Presentation(io.BytesIO(slides.deck_bytes([DeckItem("B", "", (untitled, GIA_LAI), png=_png(10, 10))], "T",
                                                   day=DAY)))
    body = "\n".join(_texts(list(prs.slides)[-1]))
    assert "• Sóc Sơn đối thoại với Nhân dân, 06/03/2024\n" in body
    assert f"• Báo Gia Lai (GLO), 05/12/2024 — {GIA_LAI.title}" in body


def test_only_web_addresses_become_links_the_others_stay_text_with_a_warning():
    scripted = SourceRef("Báo A", "2024-01-01", "Bài A", "javascript:alert(document.cookie)")
    local = SourceRef("Báo B", "2024-01-02", "Bài B", "file:///etc/passwd")
    items = [DeckItem("B", "", (scripted, local, GIA_LAI), png=_png(10, 10))]
    closing = list(Presentation(io.BytesIO(slides.deck_bytes(items, "T", day=DAY))).slides)[-1]
    runs = [run for shape in closing.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs
            for run in p.runs]
    assert {run.hyperlink.address for run in runs if run.hyperlink.address} == {GIA_LAI.url}
    body = "\n".join(_texts(closing))
    assert "(javascript:alert(document.cookie))" in body and "(file:///etc/passwd)" in body
    assert slides.link_warnings(items) == [
        "Báo A: đường dẫn 'javascript:alert(document.cookie)' không phải http/https, ghi dạng chữ, không thành "
        "liên kết",
        "Báo B: đường dẫn 'file:///etc/passwd' không phải http/https, ghi dạng chữ, không thành liên kết"]


def test_footer_shortens_a_long_source_list(warm_browser):
    sources = tuple(SourceRef(f"Cổng thông tin điện tử huyện số {i}", "2024-01-01") for i in range(12))
    prs = Presentation(io.BytesIO(slides.deck_bytes([DeckItem("B", "", sources, png=_png(10, 10))], "T", day=DAY)))
    footer = next(t for t in _texts(prs.slides[1]) if t.startswith("Nguồn: "))
    assert len(footer) <= 260
    assert footer.endswith("nguồn khác (xem trang nguồn cuối)")


def test_failed_write_leaves_nothing(tmp_path):
    target = tmp_path / "out" / "deck.pptx"
    with pytest.raises(UnidentifiedImageError):
        slides.write_deck([DeckItem("B", png=b"not a png")], target, "T", day=DAY)
    assert not target.exists()
    assert list(tmp_path.rglob("*.tmp")) == []


def test_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "deck.pptx"
    target.write_bytes(b"previous deck")
    with pytest.raises(DeckError):
        slides.write_deck([], target, "T", day=DAY)
    assert target.read_bytes() == b"previous deck"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.pptx"]


def test_item_needs_a_picture():
    with pytest.raises(DeckError, match="Lượt tiếp công dân"):
        DeckItem("Lượt tiếp công dân")


@pytest.mark.parametrize(("image", "box", "expected"), [
    ((1920, 1080), slides.Box(0, 0, 1600, 900), slides.Box(0, 0, 1600, 900)),
    ((100, 100), slides.Box(0, 0, 1600, 900), slides.Box(350, 0, 900, 900)),
    ((400, 100), slides.Box(10, 20, 1600, 900), slides.Box(10, 270, 1600, 400)),
])
def test_fit_inside(image, box, expected):
    assert slides.fit_inside(image, box) == expected


def test_deck_renders_in_libreoffice(built, tmp_path):
    """PPTX → PDF (LibreOffice) → one PNG page per slide (pdftoppm), each 16:9 and not blank."""
    for tool in ("soffice", "pdftoppm"):
        assert shutil.which(tool), f"{tool} is missing: `make test` installs libreoffice-impress-nogui, poppler-utils"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(built)], check=True, capture_output=True, timeout=180)
    pdf = tmp_path / (built.stem + ".pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(Presentation(str(built)).slides)
    for page in pages:
        image = Image.open(page).convert("L")
        assert image.size == (800, 450)
        assert image.getextrema()[0] < 100, f"{page.name} has no dark text or lines"
