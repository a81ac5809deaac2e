"""The words around a chart on a slide or an exported image: its sources and the speaker notes of its values.

Numbers, dates and periods are written by core.words.fmt (Babel, locale vi), like everywhere in the
dashboard; the words are in data/ui.yaml under `slides`.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from core.data.missing import is_missing
from core.words import fmt
from core.words.i18n import t

# Publishers recorded as unknown by the ETL are named by their title instead.
_NO_PUBLISHER = {"", "unknown", "không rõ"}


def text(key: str, lang: str = "vi", **values: Any) -> str:
    """One word of the slides (data/ui.yaml `slides.<key>`) with its {placeholders} filled."""
    return t(f"slides.{key}", lang, **values)


@dataclass(frozen=True)
class SourceRef:
    """One source as the database records it; `published` is '2024-12-05', '2024-12', '2024' or None."""

    publisher: str | None
    published: str | None = None
    title: str | None = None
    url: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> SourceRef:
        """From a row of observation_facts (source_publisher, source_published, source_title, source_url)."""
        return cls(
            publisher=_clean(row.get("source_publisher")),
            published=_clean(row.get("source_published")),
            title=_clean(row.get("source_title")),
            url=_clean(row.get("source_url")),
        )


def _clean(value: Any) -> str | None:
    """None for SQL NULL / pandas NA / NaN / empty strings, else the string."""
    if is_missing(value):
        return None
    text_value = str(value).strip()
    return text_value or None


def source_name(ref: SourceRef, lang: str = "vi") -> str:
    """The publisher, else the source's title, else 'không rõ nguồn'."""
    if ref.publisher and ref.publisher.strip().lower() not in _NO_PUBLISHER:
        return ref.publisher
    return ref.title or text("source_unknown", lang)


def source_label(ref: SourceRef, lang: str = "vi") -> str:
    """'Báo Gia Lai (GLO), 05/12/2024'."""
    when = fmt.published(ref.published, lang)
    return f"{source_name(ref, lang)}, {when}" if when else source_name(ref, lang)


def unique_sources(refs: Iterable[SourceRef]) -> list[SourceRef]:
    """Each source once, in first-seen order."""
    return list(dict.fromkeys(refs))


def source_line(refs: Iterable[SourceRef], lang: str = "vi", max_sources: int | None = None) -> str:
    """'Nguồn: Báo Gia Lai (GLO), 05/12/2024; Hà Nội portal, 27/12/2023' (each label once)."""
    labels = list(dict.fromkeys(source_label(r, lang) for r in refs))
    if max_sources is not None and len(labels) > max_sources:
        rest = len(labels) - max_sources
        labels = [*labels[:max_sources], text("source_more", lang, n=rest)]
    return text("source_prefix", lang) + "; ".join(labels)


def sources_of(rows: Any) -> tuple[SourceRef, ...]:
    """The distinct sources of observation rows (a DataFrame with source_* columns), in row order."""
    return tuple(unique_sources(SourceRef.from_row(row) for row in rows.to_dict("records")))


def value_note(row: Mapping[str, Any], place: str, unit: str, lang: str = "vi") -> str:
    """A speaker-notes line for one observation row (columns of observation_facts / chosen_observations):
    'Hà Nội, 7 tháng 2024: 24.254 mô hình — Hà Nội Mới, 2024: “…the sentence…”', with 'hơn'/'khoảng',
    how a derived value was derived, and a note when sources disagree."""
    period = fmt.period_label(row["period_kind"], row["period_start"], row["period_end"], lang)
    line = f"{place}, {period}: {fmt.qualified(row['value'], row['qualifier'], lang)} {unit}"
    extras = []
    if row.get("derived"):
        extras.append(text("derived", lang, how=row["derived_how"]))
    if (row.get("n_distinct_values") or 1) > 1:
        extras.append(text("notes_conflict", lang, n=int(row["n_distinct_values"])))
    if extras:
        line += f" ({'; '.join(extras)})"
    line += f" — {source_label(SourceRef.from_row(row), lang)}"
    quote = _clean(row.get("quote"))
    if quote:
        line += f": “{quote}”"
    return line


def value_notes(rows: Any, places: Mapping[str, str], unit: str, lang: str = "vi",
                series: str = "locality_id") -> list[str]:
    """The speaker notes of the values behind a chart: a heading, then one `value_note` per row,
    each named by its series (`places[row[series]]`)."""
    return [text("notes_values", lang)] + [
        value_note(row, places.get(row[series], str(row[series])), unit, lang) for row in rows.to_dict("records")
    ]
