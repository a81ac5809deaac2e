"""The words of a chart's slide: the speaker notes of its values (its sources are core.words.sources).

Numbers, dates and periods are written by core.words.fmt (Babel, locale vi), like everywhere in the
dashboard; the words are in data/ui.yaml under `slides`.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from core.data.missing import text_or_none
from core.words import fmt
from core.words.i18n import t
from core.words.sources import SourceRef, source_label


def text(key: str, lang: str = "vi", **values: Any) -> str:
    """One word of the slides (data/ui.yaml `slides.<key>`) with its {placeholders} filled."""
    return t(f"slides.{key}", lang, **values)


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
    quote = text_or_none(row.get("quote"))
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
