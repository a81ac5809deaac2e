"""Series colours: each province keeps one colour on every page (data/ui.yaml), other series take the rest."""
from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence

from core.words.i18n import setting


def province_color(province_id: str) -> str:
    """The fixed colour of a province: named in data/ui.yaml, else a stable pick from the other colours."""
    fixed: Mapping[str, str] = setting("chart.province_colors")
    if province_id in fixed:
        return fixed[province_id]
    others: Sequence[str] = setting("chart.other_colors")
    return others[zlib.crc32(province_id.encode()) % len(others)]


def series_colors(series_ids: Sequence[str], provinces: Sequence[str] = ()) -> dict[str, str]:
    """Colours for the series of one chart: provinces (ids in `provinces`) get their fixed colour;
    every other series (districts, breakdowns) gets the next unused colour of the other palette."""
    fixed: Mapping[str, str] = setting("chart.province_colors")
    others = [c for c in setting("chart.other_colors") if c not in fixed.values()]
    colors: dict[str, str] = {}
    for sid in series_ids:
        if sid in provinces:
            colors[sid] = province_color(sid)
    taken = set(colors.values())
    free = [c for c in others if c not in taken]
    i = 0
    for sid in series_ids:
        if sid in colors:
            continue
        colors[sid] = free[i % len(free)] if free else others[i % len(others)]
        i += 1
    return colors
