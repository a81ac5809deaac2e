"""What a page builds from the current build of the database (figures, tables, sentences), kept per build and
per key across reruns and sessions: a rerun, another session or a return to the same filters shows what was
built, instead of building the same figures again (which was most of a page run).

`kept(key, build)`: the value `build()` made for `key` on this build of the database, made now if there is
none. The key is every filter the value depends on, the language included; a new build (the ETL swaps in
a new file) means new entries. Values are shared between sessions: whoever gets one only reads it.
"""
from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import pandas as pd
import pyarrow as pa
import streamlit as st

from core.data.db import database_version

T = TypeVar("T")
# The most recently used entries are kept: a district's profile (ten figures and tables) takes about 2 MB,
# a trend or a ranking a few hundred kB, so at most about 130 MB.
MAX_ENTRIES = 64


@st.cache_resource(show_spinner=False, max_entries=MAX_ENTRIES)
def _kept(key: tuple[Hashable, ...], version: tuple[str, int, int, int], _build: Callable[[], Any]) -> Any:
    # `version` is only part of the key; `_build` (not hashed: its leading underscore) makes the value.
    return _build()


def kept(key: tuple[Hashable, ...], build: Callable[[], T]) -> T:
    """The value `build()` made for `key` on the current build of the database (made now if none was)."""
    return _kept(key, database_version(), build)


def arrow(table: pd.DataFrame) -> pa.Table:
    """A table to keep for st.dataframe: as Arrow, which Streamlit sends as it is (a DataFrame is converted
    to Arrow again on every run)."""
    return pa.Table.from_pandas(table, preserve_index=False)
