"""The buttons under every chart (core.ui.chart_actions) and the "Xuất slide" page, run headless with AppTest:
PNG/SVG made on the server with their caption, "Thêm vào slide" keeping the chart's filters, the deck
page ordering and removing charts, and its .pptx reopened with python-pptx."""
from __future__ import annotations

import io
import json
import re
import struct

import pytest
from pptx import Presentation
from streamlit.runtime.media_file_manager import MediaFileManager

from core.charts import export
from core.ui import chart_actions
from tests.support.app_pages import chart_spec, charts, ok, open_menus, open_page, unescape

TRENDS, COMPARE, DISTRICT, DECK = "pages/trends.py", "pages/compare.py", "pages/district.py", "pages/deck.py"
EMPTY = ("Chưa có biểu đồ nào. Mở trang Tổng quan, Xu hướng, So sánh hoặc Địa bàn, bấm “Thêm vào slide” dưới biểu "
         "đồ cần dùng (bộ lọc lúc đó được giữ nguyên), rồi quay lại trang này để sắp xếp và tải tệp PowerPoint.")


@pytest.fixture
def downloads(monkeypatch) -> dict[str, tuple]:
    """What each download button would hand the browser on a click: file id → (make the bytes, mime, file name)."""
    made: dict[str, tuple] = {}
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        file_id = original(self, data_callable, mimetype, coordinates, file_name, **kwargs)
        made[file_id] = (data_callable, mimetype, file_name)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return made


def _download(at, key: str, downloads: dict) -> tuple[bytes, str, str]:
    (button,) = [b for b in at.get("download_button") if b.key == key]
    make, mime, name = downloads[button.proto.deferred_file_id]
    return make(), mime, name


def _titles(at) -> list[str]:
    return [m.value for m in at.markdown if re.match(r"\*\*\d+\. ", m.value)]


def _keys(at) -> list[str]:
    return [entry.key for entry in at.session_state["deck.basket"]]


# --- under every chart ------------------------------------------------------------------------------

@pytest.mark.parametrize("page", [None, TRENDS, COMPARE, DISTRICT])
def test_every_chart_has_png_svg_and_add_to_deck(page):
    at = ok(open_page(page))
    ids = [chart_spec(c)["chart_id"] for c in charts(at)]
    assert ids
    # one closed menu per chart, nothing built in it yet
    menus = [e for e in at.expander if e.label == "Tải ảnh, thêm vào slide"]
    assert [e.proto.expanded for e in menus] == [False] * len(ids)
    assert not at.get("download_button") and not [b for b in at.button if b.key.startswith("deck.add.")]
    ok(open_menus(at))
    assert [e.proto.expanded for e in at.expander if e.label == "Tải ảnh, thêm vào slide"] == [True] * len(ids)
    assert sorted(b.key for b in at.get("download_button")) == sorted(
        f"export.{fmt}.{i}" for i in ids for fmt in ("png", "svg"))
    adds = [b for b in at.button if b.key.startswith("deck.add.")]
    assert [(b.key, b.label, b.disabled) for b in adds] == [(f"deck.add.{i}", "Thêm vào slide", False) for i in ids]
    assert all(not b.proto.disabled for b in at.get("download_button"))


def test_png_and_svg_are_made_on_the_server_with_their_caption(downloads):
    at = ok(open_menus(open_page(TRENDS, {"indicator": "reception_turns", "loc": "gia-lai", "years": "2023-2024"})))
    png, mime, name = _download(at, "export.png.trends.main", downloads)
    assert (mime, name) == ("image/png", "reception_turns_gia-lai_2023-2024.png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1920, 1080)
    svg, mime, name = _download(at, "export.svg.trends.main", downloads)
    assert (mime, name) == ("image/svg+xml", "reception_turns_gia-lai_2023-2024.svg")
    texts = " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg.decode("utf-8")))
    # 2023 from h900's appendix table (a compiled report), 2024 from Báo Gia Lai
    for baked in ("Lượt tiếp công dân — Tổng số", "Gia Lai · 2023–2024", "Nguồn: Báo Gia Lai (GLO), 05/12/2024",
                  "Tổng hợp từ Báo Gia Lai (05/12/2024)"):
        assert baked in texts


@pytest.mark.parametrize(("english", "prefix", "end"), [(False, "Nguồn: ", "và 1 nguồn khác"),
                                                       (True, "Sources: ", "and 1 more")])
def test_the_image_carries_the_source_line_shown_under_the_chart(downloads, english, prefix, end):
    at = ok(open_page(TRENDS))
    if english:
        ok(at.toggle(key="app.lang_en").set_value(True).run())
    ok(open_menus(at))
    (line,) = [unescape(c.value) for c in at.caption if unescape(c.value).startswith(prefix)]
    assert line.endswith(end)
    svg, _, _ = _download(at, "export.svg.trends.main", downloads)
    assert line in " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg.decode("utf-8")))


def test_add_to_deck_keeps_the_filters_of_that_moment():
    at = ok(open_menus(open_page(TRENDS, {"indicator": "reception_turns", "loc": "gia-lai", "years": "2023-2024",
                                          "mode": "change_abs"})))
    at.button(key="deck.add.trends.main").click().run()
    ok(at)
    assert [t.value for t in at.toast] == ["Đã thêm “Lượt tiếp công dân — Tổng số” vào bộ slide (1 biểu đồ)."]
    button = at.button(key="deck.add.trends.main")
    assert (button.label, button.disabled) == ("Đã có trong slide", True)
    at.radio(key="trends.mode").set_value("absolute").run()  # the page moves on; the collected chart does not
    assert at.button(key="deck.add.trends.main").label == "Thêm vào slide"
    (entry,) = at.session_state["deck.basket"]
    assert (entry.spec.indicator, entry.spec.localities, entry.spec.years, entry.spec.mode) == (
        "reception_turns", ("gia-lai",), (2023, 2024), "change_abs")
    assert entry.item.subtitle == "Gia Lai · 2023–2024 · Tổng số · thay đổi so với năm trước · lượt"
    assert [t["y"] for t in json.loads(entry.item.figure.to_json())["data"]] == [[None, 118.0]]
    assert "Bộ slide: 1 biểu đồ" in [c.value for c in at.caption]


# --- Xuất slide -------------------------------------------------------------------------------------

def test_deck_page_says_what_to_do_when_empty():
    at = ok(open_page(DECK))
    assert at.title[0].value == "Xuất slide"
    assert [i.value for i in at.info] == [EMPTY]
    assert not at.get("download_button") and not at.button


def test_collect_order_remove_and_download(downloads):
    at = ok(open_menus(open_page(TRENDS)))
    at.button(key="deck.add.trends.main").click().run()
    open_menus(at.switch_page(COMPARE).run())
    at.button(key="deck.add.compare.main").click().run()
    open_menus(at.switch_page(DISTRICT).run())
    at.button(key="deck.add.district.dialogues").click().run()
    at.switch_page(DECK).run()
    ok(at)
    trend, compare, district = ('Mô hình "Dân vận khéo" đăng ký, xây dựng — Tổng số',
                                'Mô hình "Dân vận khéo" đăng ký, xây dựng — Tổng số, năm 2025',
                                "Cuộc đối thoại với Nhân dân — huyện Sóc Sơn")
    assert _titles(at) == [f"**1. {trend}**", f"**2. {compare}**", f"**3. {district}**"]
    captions = [c.value for c in at.caption]
    assert "Hà Nội, Gia Lai · 2015–2025 · Tổng số · số tuyệt đối · mô hình" in captions
    assert "3 biểu đồ, mỗi biểu đồ một slide; thêm trang tiêu đề ở đầu và trang nguồn ở cuối." in captions
    first, second, third = _keys(at)
    assert at.button(key=f"deck.up.{first}").disabled and at.button(key=f"deck.down.{third}").disabled

    at.button(key=f"deck.up.{third}").click().run()
    assert _keys(at) == [first, third, second]
    at.button(key=f"deck.down.{first}").click().run()
    assert _keys(at) == [third, first, second]
    assert _titles(at) == [f"**1. {district}**", f"**2. {trend}**", f"**3. {compare}**"]
    at.button(key=f"deck.remove.{second}").click().run()
    assert _keys(at) == [third, first]
    assert _titles(at) == [f"**1. {district}**", f"**2. {trend}**"]

    assert at.text_input(key="deck.title").value == "Công tác dân vận — số liệu so sánh theo năm"
    assert at.text_input(key="deck.subtitle").value == "Số liệu từ các báo cáo, nguồn ghi trên từng slide"
    at.text_input(key="deck.title").input("Hội nghị công tác dân vận 2025").run()
    pptx, mime, name = _download(ok(at), "deck.download", downloads)
    assert (mime, name) == ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
                            "hoi-nghi-cong-tac-dan-van-2025.pptx")
    slides = list(Presentation(io.BytesIO(pptx)).slides)
    assert [s.shapes.title.text_frame.text for s in slides] == [
        "Hội nghị công tác dân vận 2025", district, trend, "Nguồn số liệu"]
    assert "Số liệu từ các báo cáo, nguồn ghi trên từng slide" in [
        s.text_frame.text for s in slides[0].shapes if s.has_text_frame]
    assert "Sóc Sơn (Hà Nội) — " in slides[1].notes_slide.notes_text_frame.text

    # the title typed is kept while the user adds another chart on another page
    open_menus(at.switch_page(COMPARE).run())
    at.button(key="deck.add.compare.main").click().run()
    at.switch_page(DECK).run()
    assert at.text_input(key="deck.title").value == "Hội nghị công tác dân vận 2025"
    assert len(_titles(at)) == 3
    at.button(key="deck.clear").click().run()
    assert [i.value for i in ok(at).info] == [EMPTY]


# --- without Chromium -------------------------------------------------------------------------------

@pytest.fixture
def no_browser(monkeypatch):
    def missing() -> str:
        raise export.BrowserMissing("Không tìm thấy Chromium")

    monkeypatch.setattr(export, "browser_path", missing)
    monkeypatch.setattr(export, "start_browser", missing)
    chart_actions.warm_browser.clear()
    yield
    chart_actions.warm_browser.clear()


def test_without_chromium_the_page_works_and_says_why(no_browser):
    at = ok(open_menus(open_page(TRENDS)))
    assert charts(at)
    assert [b.proto.disabled for b in at.get("download_button")] == [True, True]
    assert ("Chưa tải được ảnh: máy chủ chưa có trình duyệt Chromium để vẽ ảnh (cài gói Debian chromium; "
            "make run cài sẵn).") in [c.value for c in at.caption]
    at.button(key="deck.add.trends.main").click().run()  # collecting still works
    at.switch_page(DECK).run()
    ok(at)
    assert [w.value for w in at.warning] == [
        "Chưa tạo được tệp PowerPoint: máy chủ chưa có trình duyệt Chromium để vẽ biểu đồ (cài gói Debian "
        "chromium; make run cài sẵn)."]
    assert at.get("download_button")[0].proto.disabled
