"""data/ui.yaml: every text has a Vietnamese and an English version, and every key the code asks for exists."""
import ast
import re
from pathlib import Path

import pytest

from core.charts.figures import OTHER_KINDS
from core.data.measures import MODES
from core.ui.downloads import FORMATS
from core.ui.review_panel import REJECT_REASONS, SOURCE_FIELDS
from core.words import i18n
from domain.kinds import PERIOD_KINDS, QUALIFIERS
from etl.intake.inbox import STATUSES
from etl.intake.publish import COUNTS
from etl.intake.sheet_view import FIELDS

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
# How the code asks for a text: t("a.b"), has("a.b"), and the helpers that add a prefix.
ASKERS = {"t": "{}", "has": "{}", "text": "slides.{}", "_col": "columns.{}", "_head": "intake.col.{}"}
# Keys the code builds from a value: every value each template is filled with. A template found in the
# code and missing here fails test_every_template_is_listed.
TEMPLATES = {
    "filter.mode_{}": MODES,
    "place.era_{}": ("new", "old"),
    "filter.chart_{}": ("line", "bar"),
    "filter.scope_{}": ("provinces", "communes", "districts"),
    "period_kind.{}": PERIOD_KINDS,
    "qualifier.{}": tuple(q for q in QUALIFIERS if q != "exact"),
    "chart.legend_{}": OTHER_KINDS,
    "export.{}": ("png", "svg"),
    "export.{}_help": ("png", "svg"),
    "data.download_{}": FORMATS,
    "deck.default_{}": ("title", "subtitle"),
    "slides.mode_{}": MODES,
    "sentence.templates.{}": (),  # optional: asked with has() first, else sentence.templates.default
    "slides.{}": (),  # captions.text itself: its keys are the text("…") calls
    "columns.{}": (),  # tables._col itself: its keys are the _col("…") calls
    "intake.col.{}": (),  # review_tables._head itself: its keys are the _head("…") calls
    "intake.status_{}": STATUSES,
    "intake.kind_{}": ("publish", "revert"),
    "intake.count_{}": COUNTS,
    "intake.qualifier_{}": QUALIFIERS,
    "intake.reason_{}": REJECT_REASONS,
    "intake.source_{}": tuple(f for f in SOURCE_FIELDS if f != "province"),  # the province is a select box
    "intake.field_{}": FIELDS,
}


def _forms(node: ast.expr, assigned: dict[str, list[ast.expr]], depth: int = 0) -> list[tuple[str, str]]:
    """("key", "a.b") or ("template", "a.{}") for each text an argument can name."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [("key", node.value)]
    if isinstance(node, ast.IfExp):
        return _forms(node.body, assigned, depth) + _forms(node.orelse, assigned, depth)
    if isinstance(node, ast.JoinedStr):
        return [("template", "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values))]
    if isinstance(node, ast.Name) and node.id in assigned and depth < 2:
        return [f for value in assigned[node.id] for f in _forms(value, assigned, depth + 1)]
    return [("unknown", ast.unparse(node))]


def _asked() -> list[tuple[str, str, str]]:
    """(file, form, key or template) for every text the code asks for, variables followed to their values."""
    found = []
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for scope in [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef))]:
            assigned: dict[str, list[ast.expr]] = {}
            for node in ast.walk(scope):
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    assigned.setdefault(node.targets[0].id, []).append(node.value)
            for node in ast.walk(scope):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ASKERS
                        and node.args and not (scope is tree and _inside_function(tree, node))):
                    prefix = ASKERS[node.func.id]
                    for form, value in _forms(node.args[0], assigned):
                        found.append((path.relative_to(ROOT).as_posix(), form,
                                      prefix.format(value) if form != "unknown" else value))
    return sorted(set(found))


def _inside_function(tree: ast.Module, call: ast.Call) -> bool:
    return any(call in ast.walk(f) for f in ast.walk(tree) if isinstance(f, ast.FunctionDef))


ASKED = _asked()


def test_every_asked_text_is_understood():
    assert [a for a in ASKED if a[1] == "unknown"] == []


@pytest.mark.parametrize("key", sorted({k for _, form, k in ASKED if form == "key"}))
def test_keys_used_in_code_exist(key):
    assert i18n.has(key), key


def test_every_template_is_listed():
    assert sorted({k for _, form, k in ASKED if form == "template"} - set(TEMPLATES)) == []


@pytest.mark.parametrize("key", sorted(template.format(v) for template, values in TEMPLATES.items() for v in values))
def test_keys_built_from_templates_exist(key):
    assert i18n.has(key), key


def test_unknown_text_is_an_error():
    with pytest.raises(KeyError):
        i18n.t("no.such.text")


def test_every_text_is_asked_for():
    """No word in data/ui.yaml that nothing shows (own sentence templates are looked up by indicator)."""
    asked = {k for _, form, k in ASKED if form == "key"} | {t.format(v) for t, vs in TEMPLATES.items() for v in vs}
    unused = sorted(k for k, _ in _texts(i18n.ui()["text"])
                    if k not in asked and not k.startswith("sentence.templates."))
    assert unused == []
