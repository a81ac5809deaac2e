"""data/ui.yaml: every text has a Vietnamese and an English version, and every key the code asks for exists."""
import re
from pathlib import Path

import pytest

from core.words import i18n

ROOT = Path(__file__).resolve().parents[3]


def _texts(node, path=()):
    if isinstance(node, dict) and "vi" in node:
        yield ".".join(map(str, path)), node
        return
    for key, value in node.items():
        assert isinstance(key, str), f"key {key!r} under {path} is not text (quote yes/no/on/off in YAML)"
        yield from _texts(value, (*path, key))


@pytest.mark.parametrize(("key", "node"), list(_texts(i18n.ui()["text"])))
def test_each_text_has_exactly_vi_and_en(key, node):
    # A comma in an unquoted YAML flow mapping splits the text into a stray key: caught here.
    assert set(node) == {"vi", "en"}, key
    assert all(isinstance(v, str) and v for v in node.values()), key
    def names(text):  # the bracketed and plain breakdown are the same value, worded per language
        return sorted(n.replace("breakdown_plain", "breakdown_part") for n in re.findall(r"\{(\w+)\}", text))

    assert names(node["vi"]) == names(node["en"]), key


CODE = [*ROOT.glob("core/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "dashboard.py"]
USED = sorted({m for f in CODE for m in re.findall(r"""\bt\(\s*f?["']([a-z_]+\.[a-z_.]+)["']""", f.read_text(encoding="utf-8"))})


@pytest.mark.parametrize("key", USED)
def test_keys_used_in_code_exist(key):
    assert i18n.has(key), key


def test_unknown_text_is_an_error():
    with pytest.raises(KeyError):
        i18n.t("no.such.text")
