"""Chart images for slides: a plotly Figure → PNG/SVG bytes with title, place, period and sources baked in.

Rendering runs on the server with kaleido and Debian's Chromium (never a downloaded browser).
One browser is kept warm for the process lifetime (`start_browser`): about 0.2 s per image
instead of about 2.5 s when each image starts its own browser.
"""
from __future__ import annotations

import os
import re
import shutil
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import kaleido
import plotly.graph_objects as go

FONT_FAMILY = "Noto Sans, DejaVu Sans, sans-serif"
SLIDE_PNG_SIZE = (1920, 1080)  # 16:9, full-HD: the size a slide shows without scaling
# Layouts are drawn at half the image's pixels and rendered at ×2, so plotly's font sizes come out
# as points on a full-width slide (14 px in a 960 px layout ≈ 14 pt across 13.33 in).
RENDER_SCALE = 2.0
# Decimal comma, thousands dot: 13.663; 4,3.
VI_SEPARATORS = ",."
DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
# A chart's own on-screen source note, if it has one, is an annotation with this name: exported
# images and slides draw their own source line instead, so it is left out of them.
SOURCE_NOTE_NAME = "source_note"
_SOURCE_WRAP = 125  # characters per source line at 12 px on a 960 px wide layout

ImageFormat = Literal["png", "svg"]

# kaleido's sync server answers calls in order through two shared queues; two threads calling it at
# once (two Streamlit sessions) could each take the other's image. One call at a time.
_render_lock = threading.Lock()


class BrowserMissing(RuntimeError):
    """No Chromium to render with (install Debian's `chromium`; nothing is downloaded)."""


@dataclass(frozen=True)
class Caption:
    """What an exported image says besides the chart: its title, the place and period, its source line
    (core.words.sources.chart_source_line: the words under the chart on the page)."""

    title: str
    context: str = ""
    sources: str = ""


def browser_path() -> str:
    """The Chromium kaleido drives: $BROWSER_PATH, else /usr/bin/chromium, else `chromium` on PATH."""
    for candidate in (os.environ.get("BROWSER_PATH"), str(DEBIAN_CHROMIUM), shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    raise BrowserMissing(
        "Không tìm thấy Chromium để xuất ảnh biểu đồ: cài gói Debian `chromium` "
        "(make run / make test cài sẵn) hoặc đặt BROWSER_PATH."
    )


def _kaleido_options() -> dict[str, Any]:
    # mathjax=False: kaleido would otherwise load MathJax from a CDN, and nothing may be fetched here.
    return {"path": browser_path(), "mathjax": False}


def start_browser() -> bool:
    """Start the one warm Chromium and render a first tiny image so later calls are fast.

    Returns False when it was already running (nothing done), True when this call started it.
    Stopped by `stop_browser()`, or by kaleido's atexit hook when the process ends.
    """
    with _render_lock:
        if kaleido._global_server.is_running():
            return False
        kaleido.start_sync_server(n=1, silence_warnings=True, **_kaleido_options())
        try:
            # The browser starts lazily on the first call; pay that cost here, not on a user's click.
            kaleido.calc_fig_sync(go.Figure(), opts={"format": "png", "width": 10, "height": 10})
        except BaseException:
            kaleido.stop_sync_server(silence_warnings=True)
            raise
        return True


def stop_browser() -> None:
    """Close the warm Chromium (idempotent)."""
    with _render_lock:
        kaleido.stop_sync_server(silence_warnings=True)


def browser_is_warm() -> bool:
    """True while the warm Chromium is running."""
    return kaleido._global_server.is_running()


def _escape(text: str) -> str:
    """Report text shown as text: plotly reads <b>, <a>, &entities; in labels."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _source_lines(line: str) -> list[str]:
    """The source line wrapped to the image's width."""
    return textwrap.wrap(line, _SOURCE_WRAP, break_long_words=False, break_on_hyphens=False)


def _legend_rows(fig: go.Figure, plot_width: float) -> int:
    """How many rows the horizontal legend above the plot takes (an estimate from the names' lengths)."""
    if fig.layout.showlegend is False:
        return 0
    names = [re.sub(r"<[^>]*>|&[#\w]+;", "x", t.name or "") for t in fig.data if t.showlegend is not False]
    if len(names) < 2 and not fig.layout.showlegend:
        return 0
    size = fig.layout.legend.font.size or 14
    rows, used = 1, 0.0
    for name in names:
        width = 46 + 0.6 * size * len(name)  # symbol and gaps, then the text
        if used and used + width > plot_width:
            rows, used = rows + 1, 0.0
        used += width
    return rows


def _is_bottom_note(annotation: Any) -> bool:
    """A chart's own note under the plot: named source_note, or placed below the plotting area."""
    if annotation.name == SOURCE_NOTE_NAME:
        return True
    if annotation.yref != "paper" or annotation.y is None:
        return False
    return annotation.y < 0 or (annotation.y == 0 and annotation.yanchor == "top" and (annotation.yshift or 0) < 0)


def framed_figure(
    fig: go.Figure,
    caption: Caption | None = None,
    *,
    width: int = SLIDE_PNG_SIZE[0],
    height: int = SLIDE_PNG_SIZE[1],
    with_title: bool = True,
    with_sources: bool = True,
) -> go.Figure:
    """A copy of `fig` laid out for a fixed-size image: font, title and context, legend on top, source line
    under the plot with a bottom margin large enough that nothing is cut. `width`/`height` are the image's
    pixels; the layout is drawn at 1/RENDER_SCALE of them."""
    out = go.Figure(fig)
    # The export owns the bottom margin: a note the chart keeps there for the screen would collide
    # with the source line drawn here.
    out.layout.annotations = [a for a in out.layout.annotations if not _is_bottom_note(a)]
    # Fractional layout sizes are fine: the browser renders width × scale exactly.
    lw, lh = width / RENDER_SCALE, height / RENDER_SCALE
    left, right = 76, 30
    # Caption text is plain text; a figure's own title is already plotly markup.
    title = _escape(caption.title) if caption else (out.layout.title.text or "")
    context = _escape(caption.context) if caption else (out.layout.title.subtitle.text or "")
    sources = _source_lines(caption.sources) if (caption and with_sources) else []

    top = 20
    if with_title and title:
        top += 40 + (24 if context else 0)
    legend_rows = _legend_rows(out, lw - left - right)
    if legend_rows:
        top += 10 + 24 * legend_rows
    bottom = 64 + (18 * len(sources) + 10 if sources else 0)

    out.update_layout(
        width=lw,
        height=lh,
        autosize=False,
        separators=VI_SEPARATORS,
        font={"family": FONT_FAMILY, "size": 14, "color": "#222"},
        margin={"l": left, "r": right, "t": top, "b": bottom, "autoexpand": False},
        # traceorder "normal": one flowing row even when traces are grouped (grouped legends stack)
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
                "traceorder": "normal"},
        title=(
            {"text": title, "x": 0, "xref": "container", "xanchor": "left",
             "y": 1, "yref": "container", "yanchor": "top", "pad": {"l": 14, "t": 12},
             "font": {"family": FONT_FAMILY, "size": 24, "color": "#111"},
             "subtitle": {"text": context, "font": {"family": FONT_FAMILY, "size": 15, "color": "#444"}}}
            if with_title and title else {"text": "", "subtitle": {"text": ""}}
        ),
    )
    if sources:
        plot_height = lh - top - bottom
        plot_width = lw - left - right
        out.add_annotation(
            text="<br>".join(_escape(s) for s in sources),
            xref="paper", yref="paper",
            x=-62 / plot_width, xanchor="left",
            y=-(bottom - 8) / plot_height, yanchor="bottom",
            align="left", showarrow=False,
            font={"family": FONT_FAMILY, "size": 12, "color": "#444"},
        )
    return out


def render_image(
    fig: go.Figure,
    fmt: ImageFormat = "png",
    caption: Caption | None = None,
    *,
    width: int = SLIDE_PNG_SIZE[0],
    height: int = SLIDE_PNG_SIZE[1],
    with_title: bool = True,
    with_sources: bool = True,
) -> bytes:
    """PNG or SVG bytes of `fig` framed by `caption`, `width`×`height` pixels.

    Uses the warm browser when it runs (`start_browser`), else starts one for this image only.
    """
    framed = framed_figure(fig, caption, width=width, height=height,
                           with_title=with_title, with_sources=with_sources)
    opts = {"format": fmt, "width": framed.layout.width, "height": framed.layout.height, "scale": RENDER_SCALE}
    with _render_lock:
        if kaleido._global_server.is_running():
            return kaleido.calc_fig_sync(framed, opts=opts)
        return kaleido.calc_fig_sync(framed, opts=opts, kopts=_kaleido_options())


def render_png(fig: go.Figure, caption: Caption | None = None) -> bytes:
    """A 1920×1080 PNG with the caption baked in."""
    return render_image(fig, "png", caption)


def render_svg(fig: go.Figure, caption: Caption | None = None) -> bytes:
    """The same image as SVG (text stays text: the title and source can be edited or searched)."""
    return render_image(fig, "svg", caption)


def plotly_config(file_stem: str) -> dict[str, Any]:
    """`config=` for st.plotly_chart: the toolbar's own download gives a 1920×1080 PNG named `file_stem`."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {
            "format": "png",
            "filename": file_stem,
            "width": SLIDE_PNG_SIZE[0] / RENDER_SCALE,
            "height": SLIDE_PNG_SIZE[1] / RENDER_SCALE,
            "scale": RENDER_SCALE,
        },
    }
