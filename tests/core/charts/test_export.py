"""core/charts/export.py: slide-size PNG/SVG with the caption baked in, the warm browser, file names."""
from __future__ import annotations

import io
import re
import struct
import sys
import threading

import plotly.graph_objects as go
import pytest
from PIL import Image

from core.charts import export
from core.words.sources import SourceRef, source_line

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SOURCES = (
    SourceRef("Báo Gia Lai (GLO)", "2024-12-05", "Gia Lai tổng kết công tác dân vận", "https://baogialai.com.vn/x"),
    SourceRef("Hà Nội portal", "2023-12-27"),
)
CAPTION = export.Caption("Lượt tiếp công dân", "Hà Nội, Gia Lai · 2023–2024 · Tổng số", source_line(SOURCES))


def _figure() -> go.Figure:
    fig = go.Figure()
    fig.add_scatter(x=[2023, 2024], y=[2743, 2861], name="Gia Lai", mode="lines+markers")
    fig.add_scatter(x=[2023, 2024], y=[22858, None], name="Hà Nội", mode="lines+markers")
    fig.update_layout(xaxis_title="Năm", yaxis_title="lượt")
    return fig


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == PNG_SIGNATURE
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def _svg_text(svg: bytes) -> str:
    """All text nodes of the SVG, entities left as written."""
    return " ".join(re.findall(r"<text[^>]*>(.*?)</text>", svg.decode("utf-8")))


def test_png_is_slide_size(warm_browser):
    png = export.render_png(_figure(), CAPTION)
    assert png[:8] == PNG_SIGNATURE
    assert _png_size(png) == (1920, 1080)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1920, 810), (1280, 720)])
def test_png_takes_the_size_asked(warm_browser, width, height):
    png = export.render_image(_figure(), "png", CAPTION, width=width, height=height)
    assert _png_size(png) == (width, height)


def test_svg_holds_title_context_and_source_as_text(warm_browser):
    svg = export.render_svg(_figure(), CAPTION)
    assert svg.lstrip().startswith(b"<svg")
    assert re.search(rb'<svg[^>]*width="1920" height="1080"', svg)
    texts = _svg_text(svg)
    assert "Lượt tiếp công dân" in texts
    assert "Hà Nội, Gia Lai · 2023–2024 · Tổng số" in texts
    assert "Nguồn: Báo Gia Lai (GLO), 05/12/2024; Hà Nội portal, 27/12/2023" in texts
    assert "font-family: 'Noto Sans', 'DejaVu Sans', sans-serif" in svg.decode("utf-8")


def test_report_text_is_shown_as_text_not_markup(warm_browser):
    caption = export.Caption("<b>Tiêu đề</b>", "", source_line([SourceRef("Kinh tế & Đô thị <i>x</i>", "2024")]))
    texts = _svg_text(export.render_svg(_figure(), caption))
    assert "&#60;b&#62;Tiêu đề&#60;/b&#62;" in texts  # the tag characters are drawn, not obeyed
    assert "Kinh tế &amp; Đô thị &#60;i&#62;x&#60;/i&#62;, 2024" in texts
    assert "font-weight:bold" not in texts


def _dark_rows(png: bytes) -> list[int]:
    """Rows of the image with dark (text) pixels."""
    image = Image.open(io.BytesIO(png)).convert("L")
    width, height = image.size
    pixels = image.load()
    return [y for y in range(height) if any(pixels[x, y] < 128 for x in range(0, width, 2))]


@pytest.mark.parametrize("n_sources", [1, 4, 12])
def test_source_lines_fit_inside_the_image(warm_browser, n_sources):
    """However many sources, the source text is drawn near the bottom and nothing touches the edge."""
    sources = tuple(SourceRef(f"Báo số {i} của tỉnh Gia Lai và thành phố Hà Nội", f"2024-12-{i + 1:02d}")
                    for i in range(n_sources))
    png = export.render_png(_figure(), export.Caption("Lượt tiếp công dân", "Gia Lai", source_line(sources)))
    rows = _dark_rows(png)
    assert max(rows) < 1080 - 6, "text reaches the bottom edge: the source line is cut"
    assert max(rows) > 1080 - 60, "no source text at the bottom of the image"


def test_without_title_and_sources_for_slides(warm_browser):
    texts = _svg_text(export.render_image(_figure(), "svg", CAPTION, with_title=False, with_sources=False))
    assert "Lượt tiếp công dân" not in texts
    assert "Nguồn" not in texts
    assert "Gia Lai" in texts  # the legend is still there


def test_the_charts_own_source_note_gives_way_to_the_export_source_line(warm_browser):
    fig = _figure()
    fig.add_annotation(text="Nguồn trên trang web", name=export.SOURCE_NOTE_NAME, x=0.5, y=0.5,
                       xref="paper", yref="paper", showarrow=False)
    fig.add_annotation(text="Ghi chú dưới biểu đồ", xref="paper", yref="paper", x=0, y=0, yshift=-30,
                       yanchor="top", showarrow=False)
    fig.add_annotation(text="Chú thích dưới trục", xref="paper", yref="paper", x=0, y=-0.2, showarrow=False)
    fig.add_annotation(text="Sắp xếp ĐVHC", x=2024, y=2800, showarrow=False)
    fig.add_annotation(text="Không có số liệu", xref="paper", yref="paper", x=1, y=1, showarrow=False)
    texts = _svg_text(export.render_svg(fig, CAPTION))
    for dropped in ("Nguồn trên trang web", "Ghi chú dưới biểu đồ", "Chú thích dưới trục"):
        assert dropped not in texts
    for kept in ("Sắp xếp ĐVHC", "Không có số liệu", "Nguồn: Báo Gia Lai (GLO), 05/12/2024"):
        assert kept in texts
    assert len(fig.layout.annotations) == 5  # the chart on the page keeps its notes


@pytest.mark.parametrize(("names", "showlegend", "rows"), [
    (["Gia Lai"], None, 0),
    (["Gia Lai"], True, 1),
    (["Hà Nội", "Gia Lai"], None, 1),
    (["Hà Nội", "Gia Lai"], False, 0),
    ([f"Huyện số {i} của tỉnh Gia Lai (đến 30/06/2025)" for i in range(6)], None, 3),
])
def test_top_margin_makes_room_for_the_legend(names, showlegend, rows):
    fig = go.Figure([go.Scatter(x=[1], y=[1], name=n, legendgroup=n) for n in names])
    if showlegend is not None:
        fig.update_layout(showlegend=showlegend)
    framed = export.framed_figure(fig, export.Caption("Tiêu đề", "Bối cảnh"))
    assert framed.layout.margin.t == 20 + 40 + 24 + (10 + 24 * rows if rows else 0)
    assert framed.layout.legend.traceorder == "normal"  # grouped traces would stack one group per row


def test_concurrent_renders_each_get_their_own_image(warm_browser):
    results: dict[int, bytes] = {}

    def work(i: int) -> None:
        results[i] = export.render_svg(_figure(), export.Caption(f"Biểu đồ số {i}"))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {i: f"Biểu đồ số {i}" in _svg_text(svg) for i, svg in results.items()} == {i: True for i in range(4)}


def test_warm_browser_is_kept(warm_browser):
    assert export.browser_is_warm()
    export.start_browser()  # a second start is a no-op, not a second browser
    assert export.browser_is_warm()


def test_framed_figure_leaves_the_original_alone():
    fig = _figure()
    before = fig.to_dict()
    framed = export.framed_figure(fig, CAPTION)
    assert fig.to_dict() == before
    assert (framed.layout.width, framed.layout.height) == (960, 540)
    assert framed.layout.separators == ",."
    assert framed.layout.font.family == export.FONT_FAMILY


def test_browser_path_prefers_the_setting(monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", sys.executable)
    assert export.browser_path() == sys.executable
    monkeypatch.delenv("BROWSER_PATH")
    assert export.browser_path() == "/usr/bin/chromium"


def test_plotly_config_downloads_slide_size_with_name():
    options = export.plotly_config("luot-tiep-cong-dan_gia-lai_2024")["toImageButtonOptions"]
    assert options["filename"] == "luot-tiep-cong-dan_gia-lai_2024"
    assert options["format"] == "png"
    assert (options["width"] * options["scale"], options["height"] * options["scale"]) == (1920, 1080)
