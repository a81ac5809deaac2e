"""The words a figure is recorded with: what period it covers and how exact it is (etl/sql/schema.sql CHECKs both)."""
from __future__ import annotations

# year: a full calendar year; partial: part of one (7 months, a quarter); cumulative: several years or
# "since 2009"; event: one meeting or campaign.
PERIOD_KINDS = ("year", "partial", "cumulative", "event")
# exact: as printed; at_least: "hơn 40"; approx: "gần 100", "khoảng 24.240".
QUALIFIERS = ("exact", "at_least", "approx")
