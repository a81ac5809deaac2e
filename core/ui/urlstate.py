"""A page's filters in the URL (st.query_params): read and checked against what exists, written back
after every run. Anything invalid (unknown district, year out of range, garbage) falls back to the
default and is listed so the page can say so."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import streamlit as st

from core.words.i18n import t
from core.words.safe_text import plain_md


@dataclass(frozen=True)
class BadParam:
    name: str
    value: str


@dataclass
class UrlState:
    """The query parameters a page was opened with, and the ones found invalid so far."""

    params: Mapping[str, str | list[str]]
    problems: list[BadParam] = field(default_factory=list)

    def raw(self, name: str) -> str | None:
        value = self.params.get(name)
        if isinstance(value, list):
            value = value[-1] if value else None
        return None if value is None else str(value)

    def _bad(self, name: str, value: str) -> None:
        self.problems.append(BadParam(name, value))

    def choice(self, name: str, options: Sequence[str], default: str) -> str:
        """The parameter if it is one of `options`, else `default` (recorded when it was given)."""
        value = self.raw(name)
        if value is None:
            return default
        if value in options:
            return value
        self._bad(name, value)
        return default

    @staticmethod
    def write_choices(values: Sequence[str]) -> str:
        """The URL text `choices` reads back: "gia-lai,ha-noi.soc-son"."""
        return ",".join(values)

    def choices(self, name: str, options: Sequence[str], default: Sequence[str]) -> list[str]:
        """A comma-separated list: the known items are kept, unknown ones recorded; none known → `default`."""
        value = self.raw(name)
        if value is None:
            return list(default)
        items = [item.strip() for item in value.split(",") if item.strip()]
        known = [item for item in dict.fromkeys(items) if item in options]
        unknown = [item for item in items if item not in options]
        if unknown or not items:
            self._bad(name, ",".join(unknown) if unknown else value)
        return known if known else list(default)

    @staticmethod
    def write_int_range(first: int, last: int) -> str:
        """The URL text `int_range` reads back: "2019-2024"."""
        return f"{first}-{last}"

    def int_range(self, name: str, low: int, high: int, default: tuple[int, int]) -> tuple[int, int]:
        """"2019-2024" within [low, high] and in order, else `default`."""
        value = self.raw(name)
        if value is None:
            return default
        parts = value.replace("–", "-").split("-")
        try:
            if len(parts) > 2:
                raise ValueError(value)
            first, last = (int(parts[0]), int(parts[-1]))
        except ValueError:
            self._bad(name, value)
            return default
        if not (low <= first <= last <= high):
            self._bad(name, value)
            return default
        return (first, last)


def from_query_params() -> UrlState:
    """The current page's URL parameters."""
    return UrlState({key: st.query_params.get_all(key) for key in st.query_params})


def publish(values: Mapping[str, str | None]) -> None:
    """Write the page's current filters to the URL (None removes a parameter) so the link reopens this view."""
    for key, value in values.items():
        if value is None or value == "":
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get(key) != value:
            st.query_params[key] = value


def show_notices(state: UrlState, lang: str) -> None:
    """One visible warning per invalid parameter."""
    for problem in state.problems:
        st.warning(t("url.bad_param", lang, name=plain_md(problem.name), value=plain_md(problem.value)),
                   icon=":material/link_off:")
