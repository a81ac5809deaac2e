"""ASCII slugs of Vietnamese text for file names: 'Lượt tiếp công dân' → 'luot-tiep-cong-dan'."""
from __future__ import annotations

import re
import unicodedata


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
