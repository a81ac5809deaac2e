"""The charts a user collects for a deck ("Thêm vào slide" under any chart), kept in st.session_state
across pages until the "Xuất slide" page orders them and makes the .pptx.

The basket is a tuple of `Collected` (the chart's spec with its filters, and its slide); the
functions that change it return a new tuple, so they are tested without Streamlit.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

import streamlit as st

from core.charts.spec import ChartSpec
from core.deck.slides import DeckItem

SESSION_KEY = "deck.basket"


@dataclass(frozen=True)
class Collected:
    """One chart of the basket: `key` names its buttons on the deck page."""

    key: str
    spec: ChartSpec
    item: DeckItem


Basket = tuple[Collected, ...]


def holds(basket: Basket, spec: ChartSpec) -> bool:
    """Whether a chart with exactly these filters is already in the basket."""
    return any(entry.spec == spec for entry in basket)


def added(basket: Basket, spec: ChartSpec, item: DeckItem) -> Basket:
    """The basket with the chart at the end (unchanged when the same chart is already in it)."""
    if holds(basket, spec):
        return basket
    return (*basket, Collected(uuid.uuid4().hex[:12], spec, item))


def moved(basket: Basket, key: str, step: int) -> Basket:
    """The basket with one chart moved `step` places (-1 up, +1 down), staying within the list."""
    order = list(basket)
    at = next((i for i, entry in enumerate(order) if entry.key == key), None)
    if at is None:
        return basket
    to = min(max(at + step, 0), len(order) - 1)
    order.insert(to, order.pop(at))
    return tuple(order)


def removed(basket: Basket, key: str) -> Basket:
    """The basket without one chart."""
    return tuple(entry for entry in basket if entry.key != key)


def current() -> Basket:
    """This session's basket."""
    return st.session_state.get(SESSION_KEY, ())


def keep(basket: Basket) -> None:
    """Store the basket in this session."""
    st.session_state[SESSION_KEY] = basket
