"""A source in words, written one way everywhere: its name (the publisher; its title when the publisher is not
known, never "unknown"), its label "Báo Gia Lai (GLO), 05/12/2024" (with the title where there is room), and
the line "Nguồn: …" under a chart, the same on the page and in its PNG/SVG."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.data.missing import text_or_none
from core.words import fmt
from core.words.i18n import t

# What a report's front matter says when it does not know its publisher.
UNKNOWN_PUBLISHERS = frozenset({"unknown", "không rõ"})
# A chart's source line names this many sources, then says how many more ("và 2 nguồn khác").
SOURCES_NAMED = 3


def known_publisher(value: object) -> str | None:
    """The publisher as recorded, or None when it is missing or says it is unknown."""
    text = text_or_none(value)
    return None if text is None or text.casefold() in UNKNOWN_PUBLISHERS else text


@dataclass(frozen=True)
class SourceRef:
    """One source as the database records it; `published` is '2024-12-05', '2024-12', '2024' or None."""

    publisher: str | None
    published: str | None = None
    title: str | None = None
    url: str | None = None

    @classmethod
    def of(cls, publisher: object, published: object = None, title: object = None, url: object = None) -> SourceRef:
        """From column values as a query hands them back (NULL, NaN and blanks become None)."""
        return cls(text_or_none(publisher), text_or_none(published), text_or_none(title), text_or_none(url))

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> SourceRef:
        """From a row of observation_facts (source_publisher, source_published, source_title, source_url)."""
        return cls.of(row.get("source_publisher"), row.get("source_published"), row.get("source_title"),
                      row.get("source_url"))


def source_name(ref: SourceRef, lang: str = "vi") -> str:
    """The publisher, else the source's title, else 'không rõ nguồn'."""
    return known_publisher(ref.publisher) or ref.title or t("source.unknown", lang)


def source_label(ref: SourceRef, lang: str = "vi", *, with_title: bool = False) -> str:
    """'Báo Gia Lai (GLO), 05/12/2024'; with the title 'Báo Gia Lai (GLO), 05/12/2024: Gia Lai tổng kết …'
    (a source without a known publisher is already named by its title)."""
    name = source_name(ref, lang)
    when = fmt.published(ref.published, lang)
    label = f"{name}, {when}" if when else name
    if with_title and ref.title and known_publisher(ref.publisher):
        label += f": {ref.title}"
    return label


def unique_sources(refs: Iterable[SourceRef]) -> list[SourceRef]:
    """Each source once, in first-seen order."""
    return list(dict.fromkeys(refs))


_SOURCE_COLUMNS = ("source_publisher", "source_published", "source_title", "source_url")


def sources_of(rows: pd.DataFrame) -> tuple[SourceRef, ...]:
    """The distinct sources of observation rows (source_* columns): the newest first, undated ones last."""
    # Only the source columns are read (a query's 30 columns as dicts cost more than the rest of the line).
    columns = [rows[c].tolist() if c in rows.columns else [None] * len(rows) for c in _SOURCE_COLUMNS]
    refs = unique_sources(SourceRef.of(*values) for values in dict.fromkeys(zip(*columns, strict=True)))
    dated = sorted((r for r in refs if r.published), key=lambda r: r.published or "", reverse=True)
    return (*dated, *(r for r in refs if not r.published))


def source_line(refs: Iterable[SourceRef], lang: str = "vi", max_sources: int | None = None, *,
                on_slide: bool = False) -> str:
    """'Nguồn: Báo Gia Lai (GLO), 05/12/2024; Hà Nội portal, 27/12/2023' (each label once), at most
    `max_sources` of them and then how many more ('xem trang nguồn cuối' on a slide); '' without sources."""
    labels = list(dict.fromkeys(source_label(r, lang) for r in refs))
    if not labels:
        return ""
    if max_sources is not None and len(labels) > max_sources:
        more = t("source.more_on_slide" if on_slide else "source.more", lang, n=len(labels) - max_sources)
        labels = [*labels[:max_sources], more]
    return t("source.prefix", lang) + "; ".join(labels)


def chart_source_line(rows: pd.DataFrame, lang: str = "vi") -> str:
    """The source line of a chart drawn from `rows`: under it on the page and baked into its image."""
    return source_line(sources_of(rows), lang, max_sources=SOURCES_NAMED)
