"""core.data.queries behind Streamlit's data cache, keyed on the database file's path, mtime and size,
so a rebuilt database (swapped in by the ETL) is read on the next rerun without a restart."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from core.data import queries
from core.data.db import database_version

F = TypeVar("F", bound=Callable[..., Any])


@st.cache_data(show_spinner=False, max_entries=512)
def _run(name: str, version: tuple[str, int, int], args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> Any:
    # `version` is only part of the key: a new file means new entries.
    return getattr(queries, name)(*args, **dict(kwargs))


def _cached(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        frozen = tuple(tuple(a) if isinstance(a, list) else a for a in args)
        frozen_kwargs = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items()))
        return _run(fn.__name__, database_version(), frozen, frozen_kwargs)

    return wrapper  # type: ignore[return-value]


indicators = _cached(queries.indicators)
breakdowns = _cached(queries.breakdowns)
localities = _cached(queries.localities)
year_bounds = _cached(queries.year_bounds)
build_info = _cached(queries.build_info)
series_points = _cached(queries.series_points)
headline_points = _cached(queries.headline_points)
compare_periods = _cached(queries.compare_periods)
compare_values = _cached(queries.compare_values)
profile_points = _cached(queries.profile_points)
predecessor_points = _cached(queries.predecessor_points)
unit_links = _cached(queries.unit_links)
search_units = _cached(queries.search_units)
observations = _cached(queries.observations)
count_observations = _cached(queries.count_observations)
sources = _cached(queries.sources)
