"""PowerPoint decks of charts (python-pptx): 16:9, title slide, one slide per chart, sources slide.

Every shape is placed with explicit left/top/width/height (the default template's placeholders
keep 4:3 positions). Chart pictures are rendered for the picture box's own shape and fitted inside
it by both dimensions. Writing to a path is atomic: a temporary file in the same folder, then
os.replace, so a failure leaves nothing half-written.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import plotly.graph_objects as go
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.presentation import Presentation as PresentationType
from pptx.shapes.base import BaseShape
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Inches, Pt

from core.charts import export
from core.words import fmt
from core.words.captions import text
from core.words.sources import SourceRef, source_label, source_line, source_name, unique_sources
from domain.excerpt import shown
from domain.links import is_web_link

SLIDE_WIDTH = Inches(13.333)
SLIDE_HEIGHT = Inches(7.5)
# A font every PowerPoint has, with the Vietnamese letters (LibreOffice substitutes a metric twin).
DECK_FONT = "Arial"
_LAYOUT_TITLE = 0  # "Title Slide" of the default template
_LAYOUT_TITLE_ONLY = 5
_TEXT_COLOR = RGBColor(0x22, 0x22, 0x22)
_MUTED_COLOR = RGBColor(0x55, 0x55, 0x55)
_FOOTER_MAX_CHARS = 260  # two lines of 11 pt across the slide
_SOURCES_LINES_PER_SLIDE = 28
_SOURCES_CHARS_PER_LINE = 120


class Box(NamedTuple):
    """A shape's place on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height


def _box(left: float, top: float, width: float, height: float) -> Box:
    return Box(Inches(left), Inches(top), Inches(width), Inches(height))


# Chart slide: title, filters line, picture, source footer; 0.5 in side margins.
TITLE_BOX = _box(0.5, 0.3, 12.333, 0.8)
SUBTITLE_BOX = _box(0.5, 1.1, 12.333, 0.45)
PICTURE_BOX = _box(0.5, 1.6, 12.333, 5.05)
FOOTER_BOX = _box(0.5, 6.7, 12.333, 0.6)
# Title slide.
DECK_TITLE_BOX = _box(0.8, 2.0, 11.733, 1.6)
DECK_SUBTITLE_BOX = _box(0.8, 3.7, 11.733, 1.0)
DECK_DATE_BOX = _box(0.8, 4.9, 11.733, 0.5)
# Sources slide body.
SOURCES_BODY_BOX = _box(0.5, 1.25, 12.333, 5.95)


class DeckError(ValueError):
    """A deck that cannot be made as asked (no charts, an item without a picture)."""


@dataclass(frozen=True)
class DeckItem:
    """One chart slide: the figure (rendered here) or ready PNG bytes, and the words around it."""

    title: str
    subtitle: str = ""  # the filters in words: places, years, breakdown, mode
    sources: tuple[SourceRef, ...] = ()
    notes: tuple[str, ...] = ()
    figure: go.Figure | None = field(default=None, compare=False)
    png: bytes | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.figure is None and self.png is None:
            raise DeckError(f"biểu đồ '{self.title}' không có hình (cần figure hoặc png)")


def picture_pixels() -> tuple[int, int]:
    """The pixel size a chart is rendered at for the picture box: 1920 wide, the box's shape."""
    width = export.SLIDE_PNG_SIZE[0]
    return width, round(width * PICTURE_BOX.height / PICTURE_BOX.width)


def chart_png(item: DeckItem) -> bytes:
    """The item's picture: its PNG, or its figure rendered for the picture box (title and sources are
    slide text, so not baked in)."""
    if item.png is not None:
        return item.png
    width, height = picture_pixels()
    assert item.figure is not None
    return export.render_image(item.figure, "png", export.Caption(item.title), width=width, height=height,
                               with_title=False, with_sources=False)


def fit_inside(image_size: tuple[int, int], box: Box) -> Box:
    """The largest box of the image's aspect ratio inside `box`, centred."""
    img_w, img_h = image_size
    scale = min(box.width / img_w, box.height / img_h)
    width, height = int(img_w * scale), int(img_h * scale)
    return Box(box.left + (box.width - width) // 2, box.top + (box.height - height) // 2, width, height)


def _style(text_frame: TextFrame, size: float, *, bold: bool = False, color: RGBColor = _TEXT_COLOR,
           align: PP_ALIGN | None = None) -> None:
    for paragraph in text_frame.paragraphs:
        if align is not None:
            paragraph.alignment = align
        for run in paragraph.runs:
            run.font.name = DECK_FONT
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.color.rgb = color


def _place(shape: BaseShape, box: Box) -> None:
    shape.left, shape.top, shape.width, shape.height = Emu(box.left), Emu(box.top), Emu(box.width), Emu(box.height)


def _set_text(text_frame: TextFrame, value: str) -> None:
    text_frame.word_wrap = True
    text_frame.text = value


def _add_textbox(slide: Slide, box: Box, value: str, size: float, **style: Any) -> TextFrame:
    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    _place(shape, box)
    frame = shape.text_frame
    _set_text(frame, value)
    _style(frame, size, **style)
    return frame


def _set_title(slide: Slide, box: Box, value: str, size: float, *, align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    title = slide.shapes.title
    _place(title, box)
    frame = title.text_frame
    _set_text(frame, value)
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    _style(frame, size, bold=True, color=RGBColor(0x11, 0x11, 0x11), align=align)


def _title_slide(prs: PresentationType, title: str, subtitle: str, day: dt.date, lang: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_LAYOUT_TITLE])
    _set_title(slide, DECK_TITLE_BOX, title, 40, align=PP_ALIGN.CENTER)
    sub = slide.placeholders[1]
    _place(sub, DECK_SUBTITLE_BOX)
    _set_text(sub.text_frame, subtitle)
    _style(sub.text_frame, 22, color=_MUTED_COLOR, align=PP_ALIGN.CENTER)
    _add_textbox(slide, DECK_DATE_BOX, text("deck_date", lang, date=fmt.date(day, lang)), 18,
                 color=_MUTED_COLOR, align=PP_ALIGN.CENTER)


def _footer_text(sources: Sequence[SourceRef], lang: str) -> str:
    """The source line, as many sources as fit in two lines, then 'và N nguồn khác'."""
    refs = unique_sources(sources)
    for keep in range(len(refs), 0, -1):
        line = source_line(refs, lang, max_sources=keep, on_slide=True)
        if len(line) <= _FOOTER_MAX_CHARS:
            return line
    return source_line(refs, lang, max_sources=1, on_slide=True)


def _source_entry(ref: SourceRef, lang: str) -> str:
    label = source_label(ref, lang)
    # a source without a known publisher is already named by its title
    return f"{label} — {ref.title}" if ref.title and ref.title != source_name(ref, lang) else label


def _notes_text(item: DeckItem, lang: str) -> str:
    lines = list(item.notes)
    if item.subtitle:
        lines += ["", text("notes_filters", lang, filters=item.subtitle)]
    if item.sources:
        lines += ["", text("notes_sources", lang)]
        for ref in unique_sources(item.sources):
            lines.append(f"- {_source_entry(ref, lang)}" + (f" ({ref.url})" if ref.url else ""))
    return "\n".join(lines)


def _chart_slide(prs: PresentationType, item: DeckItem, png: bytes, lang: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[_LAYOUT_TITLE_ONLY])
    _set_title(slide, TITLE_BOX, item.title, 26)
    if item.subtitle:
        _add_textbox(slide, SUBTITLE_BOX, item.subtitle, 14, color=_MUTED_COLOR)
    with Image.open(io.BytesIO(png)) as image:
        size = image.size
    box = fit_inside(size, PICTURE_BOX)
    picture = slide.shapes.add_picture(io.BytesIO(png), box.left, box.top, box.width, box.height)
    _place(picture, box)
    if item.sources:
        frame = _add_textbox(slide, FOOTER_BOX, _footer_text(item.sources, lang), 11, color=_MUTED_COLOR)
        frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    slide.notes_slide.notes_text_frame.text = _notes_text(item, lang)


class _Line(NamedTuple):
    text: str
    url: str | None = None
    heading: bool = False


def _sources_lines(items: Sequence[DeckItem], lang: str) -> list[_Line]:
    """The closing slides' lines: a source's link only when it is a web address (domain.links), any
    other text it gives stays text."""
    lines = [_Line(text("deck_sources_heading", lang), heading=True)]
    for ref in unique_sources(r for item in items for r in item.sources):
        entry = f"• {_source_entry(ref, lang)}"
        if ref.url and not is_web_link(ref.url):
            entry += f" ({ref.url})"
        lines.append(_Line(entry, ref.url if is_web_link(ref.url) else None))
    lines.append(_Line(text("deck_filters_heading", lang), heading=True))
    for number, item in enumerate(items, start=1):
        lines.append(_Line(f"{number}. {item.title}" + (f": {item.subtitle}" if item.subtitle else "")))
    return lines


def link_warnings(items: Sequence[DeckItem], lang: str = "vi") -> list[str]:
    """One line for each source whose link is not an http(s) address: the deck writes it as text."""
    return [text("link_not_web", lang, source=source_name(ref, lang), url=shown(ref.url, 80))
            for ref in unique_sources(r for item in items for r in item.sources)
            if ref.url and not is_web_link(ref.url)]


def _line_height(line: _Line) -> int:
    """Estimated lines a paragraph takes (the link goes on a line of its own)."""
    lines = max(1, math.ceil(len(line.text) / _SOURCES_CHARS_PER_LINE))
    if line.url:
        lines += max(1, math.ceil((len(line.url) + 3) / _SOURCES_CHARS_PER_LINE))
    return lines + (1 if line.heading else 0)  # a heading has space above it


def _sources_slides(prs: PresentationType, items: Sequence[DeckItem], lang: str) -> None:
    """The closing slide(s): every source with its link, then the filters of each chart."""
    pages: list[list[_Line]] = [[]]
    used = 0
    for line in _sources_lines(items, lang):
        height = _line_height(line)
        if pages[-1] and used + height > _SOURCES_LINES_PER_SLIDE:
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += height
    for number, page in enumerate(pages):
        slide = prs.slides.add_slide(prs.slide_layouts[_LAYOUT_TITLE_ONLY])
        _set_title(slide, TITLE_BOX, text("deck_sources_title" if number == 0 else "deck_sources_more", lang), 26)
        shape = slide.shapes.add_textbox(*SOURCES_BODY_BOX)
        _place(shape, SOURCES_BODY_BOX)
        frame = shape.text_frame
        frame.word_wrap = True
        for i, line in enumerate(page):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            if line.heading and i > 0:
                paragraph.space_before = Pt(10)
            run = paragraph.add_run()
            run.text = line.text
            if line.url:
                paragraph.add_line_break()
                link = paragraph.add_run()
                link.text = f"   {line.url}"
                link.hyperlink.address = line.url
        _style(frame, 13)
        for paragraph, line in zip(frame.paragraphs, page, strict=True):
            if line.heading:
                for run in paragraph.runs:
                    run.font.bold = True
                    run.font.size = Pt(15)
            elif line.url:
                paragraph.runs[-1].font.color.rgb = RGBColor(0x1F, 0x4E, 0x99)


def build_deck(items: Sequence[DeckItem], title: str, subtitle: str = "", day: dt.date | None = None,
               lang: str = "vi") -> PresentationType:
    """The presentation: title slide, one slide per item, sources slide(s)."""
    if not items:
        raise DeckError("bộ slide chưa có biểu đồ nào")
    pngs = [chart_png(item) for item in items]
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    _title_slide(prs, title, subtitle, day or dt.date.today(), lang)
    for item, png in zip(items, pngs, strict=True):
        _chart_slide(prs, item, png, lang)
    _sources_slides(prs, items, lang)
    return prs


def deck_bytes(items: Sequence[DeckItem], title: str, subtitle: str = "", day: dt.date | None = None,
               lang: str = "vi") -> bytes:
    """The .pptx file's bytes (for a download button)."""
    buffer = io.BytesIO()
    build_deck(items, title, subtitle, day, lang).save(buffer)
    return buffer.getvalue()


def write_deck(items: Sequence[DeckItem], path: str | os.PathLike[str], title: str, subtitle: str = "",
               day: dt.date | None = None, lang: str = "vi") -> Path:
    """Write the deck to `path` atomically: nothing appears there unless the whole file was written."""
    target = Path(path)
    data = deck_bytes(items, title, subtitle, day, lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp_name, 0o644)  # mkstemp makes 0600; a deck is an ordinary document
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return target
