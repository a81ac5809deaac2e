"""Normalising Vietnamese text for matching: NFC, lower case, one tone-mark placement."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Old-style tone placement ("hoà") → modern ("hòa"); same length, so offsets survive folding.
_TONE_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
# "quý" keeps its mark on "y" in both styles: "qu" is one consonant.
_TONE_RE = re.compile("(?:" + "|".join(k if k[0] == "o" else "(?<!q)" + k for k in _TONE_PAIRS) + r")(?![a-zà-ỹ])")
_PUNCT = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})


def nfc(text: str) -> str:
    """Unicode NFC: Windows-1258 and some editors write decomposed tone marks."""
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lower-case NFC text with modern tone placement and plain quotes and dashes.

    The result has the same length as `nfc(text)`, so a match found in the folded
    text points at the same characters of the original.
    """
    low = nfc(text).translate(_PUNCT).lower()
    folded = _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], low)
    return folded if len(folded) == len(text) else low


def strip_accents(text: str) -> str:
    """ASCII-ish key for fuzzy suggestions ("Sóc Sơn" → "soc son")."""
    text = nfc(text).replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", strip_accents(text)).strip("-")
