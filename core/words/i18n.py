"""The dashboard's words in Vietnamese and English, kept in data/ui.yaml; `t(key, lang)` looks one up."""
from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

UI_FILE = Path(__file__).resolve().parents[2] / "data" / "ui.yaml"
DEFAULT_LANG = "vi"


@cache
def ui() -> dict[str, Any]:
    """The whole of data/ui.yaml."""
    with UI_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _lookup(key: str) -> Any:
    node: Any = ui()["text"]
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"no text {key!r} in {UI_FILE.name}")
        node = node[part]
    return node


def t(key: str, lang: str = DEFAULT_LANG, /, **values: Any) -> str:
    """The text for `key` in `lang`, with {placeholders} filled from `values`."""
    node = _lookup(key)
    if not isinstance(node, dict) or lang not in node:
        raise KeyError(f"text {key!r} has no {lang!r} version")
    text = str(node[lang])
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether data/ui.yaml has a text under `key`."""
    try:
        _lookup(key)
    except KeyError:
        return False
    return True


def setting(key: str) -> Any:
    """A non-text setting of data/ui.yaml (defaults, focus provinces, ...)."""
    node: Any = ui()["settings"]
    for part in key.split("."):
        node = node[part]
    return node

