"""ASCII slugs of Vietnamese text, and the file names made of them: 'Lượt tiếp công dân' → 'luot-tiep-cong-dan'."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable


def slug(text: str, keep: str = "", limit: int = 150) -> str:
    """Lower-case ASCII letters and digits; every other run of characters becomes one '-'.

    Characters in `keep` (e.g. "._" for codes like 'ha-noi.soc-son' or 'change_pct') stay as they are.
    Diacritics are dropped and 'đ' is written 'd'; at most `limit` characters; '' when nothing is left.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    allowed = re.escape(keep)
    cleaned = re.sub(rf"[^a-z0-9{allowed}]+", "-", bare.lower()).strip("-" + keep)
    return cleaned[:limit].rstrip("-" + keep)


def file_name(parts: Iterable[str | None], ext: str = "", fallback: str = "chart") -> str:
    """The one way a download is named after what it holds: the parts joined by '_' as an ASCII slug
    ('reception_turns_gia-lai_2023-2024'; codes and ids keep their '.' and '_'), `fallback` when nothing
    is left of them, then '.ext'."""
    stem = slug("_".join(p for p in parts if p), keep="._") or fallback
    return f"{stem}.{ext}" if ext else stem
