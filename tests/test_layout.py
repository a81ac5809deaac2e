"""The house rules, read from the source: which room may import what, and no import circle.

Pages read through core and never import the write side (etl), with one documented exception: the
page "Nạp báo cáo" (pages/intake.py) is where analysts write, and it imports etl.intake, nothing
else of etl. Only core/ui imports Streamlit among core's rooms."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("data", "words", "charts", "deck", "ui")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function, as absolute dotted names."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _package_files(*packages: str) -> dict[str, Path]:
    return {_module_name(p): p for package in packages for p in sorted((ROOT / package).rglob("*.py"))}


MODULES = _package_files("core", "domain", "sheets")


def _top(name: str) -> str:
    return name.split(".")[0]


def test_core_is_in_rooms():
    loose = [name for name in MODULES if name.startswith("core.") and name.count(".") == 1
             and name.split(".")[1] not in ROOMS]
    assert loose == []
    assert {name.split(".")[1] for name in MODULES if name.count(".") >= 1 and name.startswith("core.")} == set(ROOMS)


@pytest.mark.parametrize("name", sorted(n for n in MODULES if not n.startswith("core.ui")))
def test_only_the_ui_room_imports_streamlit(name):
    assert not {i for i in _imports(MODULES[name]) if _top(i) == "streamlit"}, name


@pytest.mark.parametrize("path", sorted((ROOT / "etl").rglob("*.py")), ids=lambda p: p.name)
def test_etl_never_imports_core(path):
    assert not {i for i in _imports(path) if _top(i) in ("core", "pages", "streamlit")}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_core_never_imports_etl_and_domain_imports_neither(name):
    tops = {_top(i) for i in _imports(MODULES[name])}
    assert "etl" not in tops
    if name.startswith(("domain", "sheets")):  # shared by etl and core alike
        assert not tops & {"core", "etl", "pages"}


PAGES = [*sorted((ROOT / "pages").glob("*.py")), ROOT / "dashboard.py"]
WRITING_PAGES = {"pages/intake.py": "etl.intake"}  # the one page that writes, and the one package it writes through


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_pages_read_through_core_and_only_the_intake_page_writes(path):
    etl = {i for i in _imports(path) if _top(i) == "etl"}
    allowed = WRITING_PAGES.get(path.relative_to(ROOT).as_posix())
    if allowed is None:
        assert etl == set()
    else:
        assert etl and {i for i in etl if i != allowed and not i.startswith(f"{allowed}.")} == set()


def _graph() -> dict[str, set[str]]:
    """Module → the project modules it imports (an imported name that is a module counts as that module)."""
    return {name: {i for i in _imports(path) if i in MODULES and i != name} for name, path in MODULES.items()}


def test_no_import_circle_in_core_and_domain():
    graph, state, circles = _graph(), {}, []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circles.append(" → ".join([*trail[trail.index(nxt):], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    assert circles == []


def _reform_dates(path: Path) -> list[int]:
    """Lines of `path` that write 1 July 2025 as a date literal: date(2025, 7, 1) however imported."""
    return [node.lineno for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and [getattr(a, "value", None) for a in node.args] == [2025, 7, 1]]


def test_the_reform_date_is_written_once():
    found = {str(p.relative_to(ROOT)): lines for package in ("core", "domain", "etl", "pages", "sheets")
             for p in sorted((ROOT / package).rglob("*.py")) if (lines := _reform_dates(p))}
    assert list(found) == ["domain/reform.py"], found
