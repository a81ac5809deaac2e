"""A piece of input as a message quotes it, whatever the input holds: escaped, and short."""
from __future__ import annotations

EXCERPT = 40  # characters of an input a message quotes at most


def shown(text: object, limit: int = EXCERPT) -> str:
    """`text` escaped as Python writes a string ('a\\x0bb'), at most `limit` characters of it, then
    '…' and how long it was: a message never repeats more of a file than this."""
    text = str(text)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} ký tự)"
