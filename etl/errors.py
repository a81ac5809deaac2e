"""The one exception type the ETL raises for bad input, with where it happened."""
from __future__ import annotations


class InputError(ValueError):
    """Bad input: says what is wrong and where (file, row or sentence)."""

    def __init__(self, message: str, *, where: str = "") -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)
