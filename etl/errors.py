"""The one exception type the ETL raises for bad input, with where it happened, and the wording its
messages share."""
from __future__ import annotations

from domain.excerpt import shown

__all__ = ["InputError", "nearest", "shown"]


class InputError(ValueError):
    """Bad input: says what is wrong and where (file, row or sentence)."""

    def __init__(self, message: str, *, where: str = "") -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)


def nearest(names: list[str]) -> str:
    """The tail of a 'not known' message: '; gần nhất: A, B' (nothing when no name is near)."""
    return f"; gần nhất: {', '.join(names)}" if names else ""
