"""What a folder of analyst tables holds besides the tables: extra localities, and the mark of a
synthetic dataset (made by `python -m etl synth`), which is never mixed with real data."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from etl.errors import InputError, shown
from etl.gazetteer import Gazetteer, Locality
from etl.inputfile import read_input
from etl.locindex import ExtendedGazetteer, read_extra_localities

EXTRA_LOCALITIES = "localities.csv"  # same columns as data/localities.csv; loaded when present
SYNTHETIC_MARKER = "synthetic.yaml"  # written by `python -m etl synth`; makes the build synthetic
SYNTHETIC_TAG = "GIẢ LẬP"  # every source title of a synthetic table starts with it
NOT_TABLES = frozenset({EXTRA_LOCALITIES, SYNTHETIC_MARKER})


@dataclass
class TableDir:
    path: Path
    synthetic: bool = False
    marker: dict = field(default_factory=dict)
    extra_localities: list[Locality] = field(default_factory=list)


def read_table_dir(folder: Path, known: Gazetteer) -> TableDir:
    """Read the folder's marker and extra localities; raises InputError naming the file and row."""
    out = TableDir(folder)
    marker = folder / SYNTHETIC_MARKER
    if os.path.lexists(marker):
        try:
            meta = yaml.safe_load(read_input(marker).decode("utf-8")) or {}
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise InputError(f"không đọc được: {shown(exc)}", where=marker.name) from None
        if not isinstance(meta, dict) or meta.get("synthetic") is not True:
            raise InputError("cần dòng 'synthetic: true'", where=marker.name)
        out.synthetic = True
        out.marker = meta
    extra = folder / EXTRA_LOCALITIES
    if os.path.lexists(extra):
        out.extra_localities = read_extra_localities(read_input(extra), extra.name, known)
    return out


def gazetteer_with(base: Gazetteer, extra: list[Locality]) -> Gazetteer:
    """`base` when there is nothing extra, else base plus the extra localities (and base's links)."""
    return ExtendedGazetteer([*base.localities, *extra], base.succession) if extra else base


def is_synthetic_source(title: str) -> bool:
    return title.strip().startswith(SYNTHETIC_TAG)
