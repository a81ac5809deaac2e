"""Short Vietnamese (or English) sentences written from overview cards, each with its source:
"Năm 2024, Gia Lai tiếp 2.861 lượt công dân, tăng 118 lượt (4,3%) so với năm 2023"."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from core.data.missing import is_missing
from core.words import fmt
from core.words.i18n import has, t
from core.words.sources import SourceRef, source_label


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
    pct = "–" if is_missing(change_pct) else fmt.percent(abs(change_pct), lang)
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
    if not card.get("is_full_year") or is_missing(card.get("change_abs")):
        return None
    indicator = str(card["indicator"])
    own = f"sentence.templates.{indicator}"
    template = own if has(own) else "sentence.templates.default"
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
    source = source_label(SourceRef.from_row(card), lang, with_title=True)
    return Sentence(text=text + ".", source=source, note=note)


@dataclass(frozen=True)
class CardText:
    label: str
    value: str
    delta: str | None
    delta_description: str | None
    direction: str  # "up", "down" or "off": the arrow of the delta
    caption: str
    help: str


def card_texts(
    card: Mapping[str, object], *, indicator_name: str, breakdown_name: str, unit: str, lang: str = "vi"
) -> CardText:
    """The words of one overview card: label, value, change from the previous year, period and source."""
    label = indicator_name if card.get("breakdown") == "total" else f"{indicator_name} ({breakdown_name})"
    label = f"{label} ({unit})"
    value = fmt.qualified(card["value"], str(card["qualifier"]), lang)  # type: ignore[arg-type]
    period = fmt.period_label(str(card["period_kind"]), card["period_start"], card["period_end"], lang)
    delta, description, direction = None, None, "off"
    notes = [period[:1].upper() + period[1:]]
    if not card.get("is_full_year"):
        notes.append(t("overview.only_partial", lang))
    elif is_missing(card.get("change_abs")):
        notes.append(t("overview.no_previous", lang, year=int(card["previous_year"])))  # type: ignore[arg-type]
    else:
        pct = fmt.percent(float(card["change_pct"]), lang, signed_=True)  # type: ignore[arg-type]
        change = float(card["change_abs"])  # type: ignore[arg-type]
        delta = f"{fmt.signed(change, lang)} ({pct})"
        description = t("overview.vs_year", lang, year=int(card["previous_year"]))  # type: ignore[arg-type]
        direction = "up" if change > 0 else "down" if change < 0 else "off"
        if card.get("previous_derived"):
            notes.append(t("sentence.derived_prev", lang, prev=int(card["previous_year"])))  # type: ignore[arg-type]
    if card.get("derived"):
        notes.append(t("chart.derived", lang, how=card.get("derived_how")))
    if card.get("later_kind") and not is_missing(card.get("later_value")):
        later = fmt.period_label(str(card["later_kind"]), card["later_start"], card["later_end"], lang)
        later_value = fmt.number(card["later_value"], lang)  # type: ignore[arg-type]
        notes.append(t("overview.later_partial", lang, value=later_value, period=later))
    ref = SourceRef.from_row(card)
    notes.append(t("sentence.source", lang, source=source_label(ref, lang)))
    return CardText(label=label, value=value, delta=delta, delta_description=description, direction=direction,
                    caption=" · ".join(notes), help=source_label(ref, lang, with_title=True))
