"""The one exception type the ETL raises for bad input, with where it happened, and the wording its
messages share."""
from __future__ import annotations

EXCERPT = 40  # characters of an input a message quotes at most


class InputError(ValueError):
    """Bad input: says what is wrong and where (file, row or sentence)."""

    def __init__(self, message: str, *, where: str = "") -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)


def nearest(names: list[str]) -> str:
    """The tail of a 'not known' message: '; gần nhất: A, B' (nothing when no name is near)."""
    return f"; gần nhất: {', '.join(names)}" if names else ""


def shown(text: object, limit: int = EXCERPT) -> str:
    """A piece of input as a message quotes it: escaped as Python writes a string ('a\\x0bb'), at
    most `limit` characters of it, then '…' and how long it was. Whatever a file holds, a message
    never repeats more of it than this."""
    text = str(text)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text)} ký tự)"
