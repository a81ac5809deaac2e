"""Short Vietnamese (or English) sentences written from overview cards, each with its source:
"Năm 2024, Gia Lai tiếp 2.861 lượt công dân, tăng 118 lượt (4,3%) so với năm 2023"."""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from core import fmt
from core.i18n import has, t


@dataclass(frozen=True)
class Sentence:
    text: str
    source: str
    note: str = ""


def change_phrase(change_abs: float, change_pct: float, unit: str, previous_year: int, lang: str = "vi") -> str:
    """"tăng 118 lượt (4,3%) so với năm 2023" / "giảm 25 đơn (12,8%) …" / "không đổi …"."""
    if change_abs == 0:
        return t("sentence.same", lang, prev=previous_year)
    key = "sentence.up" if change_abs > 0 else "sentence.down"
    pct = fmt.percent(abs(change_pct), lang) if not math.isnan(change_pct) else "–"
    return t(key, lang, abs=fmt.number(abs(change_abs), lang), unit=unit, pct=pct, prev=previous_year)


def card_sentence(
    card: Mapping[str, object],
    *,
    place: str,
    indicator_name: str,
    breakdown_name: str,
    unit: str,
    lang: str = "vi",
) -> Sentence | None:
    """The sentence for one overview card, or None when it has no previous full year to compare with."""
    if not card.get("is_full_year") or pd.isna(card.get("change_abs")):  # type: ignore[arg-type]
        return None
    indicator = str(card["indicator"])
    template = f"sentence.templates.{indicator}" if has(f"sentence.templates.{indicator}") else "sentence.templates.default"
    is_total = card.get("breakdown") == "total"
    lower = breakdown_name[:1].lower() + breakdown_name[1:] if lang == "vi" else breakdown_name.lower()
    head = t(
        template,
        lang,
        year=int(card["year"]),  # type: ignore[arg-type]
        place=place,
        value=fmt.qualified(card["value"], str(card["qualifier"]), lang),  # type: ignore[arg-type]
        indicator=indicator_name,
        unit=unit,
        breakdown_part="" if is_total else f" ({lower})",
        breakdown_plain="" if is_total else f" {lower}",
    )
    text = head + ", " + change_phrase(
        float(card["change_abs"]),  # type: ignore[arg-type]
        float(card["change_pct"]),  # type: ignore[arg-type]
        unit,
        int(card["previous_year"]),  # type: ignore[arg-type]
        lang,
    )
    note = t("sentence.derived_prev", lang, prev=int(card["previous_year"])) if card.get("previous_derived") else ""  # type: ignore[arg-type]
    source = fmt.source_line(card.get("source_publisher"), card.get("source_published"), card.get("source_title"), lang)  # type: ignore[arg-type]
    return Sentence(text=text + ".", source=source, note=note)
