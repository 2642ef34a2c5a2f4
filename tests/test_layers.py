"""The package's import graph: no circle, and no import from a lower layer to a higher one.

Imports are read from the source with `ast` (nothing is executed), wherever
they stand: at the top, inside a function (a lazy import) or under
`TYPE_CHECKING`. The layer table is ARCHITECTURE.md's; a new module must be
given a layer here before the suite passes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import dossierlint

PACKAGE = Path(dossierlint.__file__).parent

LAYERS: dict[str, int] = {
    # 0, ground floor: results, files, text, suggestions, decoding
    "dossierlint": 0,
    "dossierlint.errors": 0,
    "dossierlint.records": 0,
    "dossierlint.findings": 0,
    "dossierlint.files": 0,
    "dossierlint.writing": 0,
    "dossierlint.datacache": 0,
    "dossierlint.text": 0,
    "dossierlint.suggest": 0,
    "dossierlint.decoding": 0,
    "dossierlint.lazyre": 0,
    "dossierlint.regex": 0,
    "dossierlint._regex_table": 0,
    "dossierlint._record_code": 0,
    # 1, grammar: pure text grammars
    "dossierlint.grammar": 1,
    "dossierlint.claims": 1,
    # 2, settings
    "dossierlint.houserules": 2,
    "dossierlint.reliability": 2,
    "dossierlint.config": 2,
    # 3, document
    "dossierlint.model": 3,
    "dossierlint.parse": 3,
    "dossierlint.facts": 3,
    # 4, index
    "dossierlint.collection_index": 4,
    "dossierlint.collection_facts": 4,
    # 5, rules
    "dossierlint.rules": 5,
    # 6, engine
    "dossierlint.engine": 6,
    # 7, run
    "dossierlint.linter": 7,
    "dossierlint.workers": 7,
    "dossierlint.cache": 7,
    "dossierlint.edits": 7,
    "dossierlint.fix_files": 7,
    "dossierlint.snapshots": 7,
    # 8, outputs and the commands' logic
    "dossierlint.report": 8,
    "dossierlint.docs": 8,
    "dossierlint.export": 8,
    "dossierlint.schema": 8,
    "dossierlint.scaffold": 8,
    "dossierlint.htmlreport": 8,
    "dossierlint.server": 8,
    "dossierlint.show_settings": 8,
    "dossierlint.watch": 8,
    # 9, the command line
    "dossierlint.main": 9,
    "dossierlint.cli": 9,
    "dossierlint.commands": 9,
    "dossierlint.__main__": 9,
}
ABOVE_THE_ENGINE = (
    "dossierlint.snapshots",
    "dossierlint.server",
    "dossierlint.htmlreport",
    "dossierlint.report",
    "dossierlint.main",
    "dossierlint.cli",
    "dossierlint.commands",
)


def module_files(package: Path, name: str) -> dict[str, Path]:
    """Module name -> source file, for every module under `package` (named `name`)."""
    modules = {}
    for path in sorted(package.rglob("*.py")):
        parts = [name, *path.relative_to(package).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that `module` imports, anywhere in its source."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else base)
    return {name for name in found if name in known}


def import_graph(package: Path, name: str) -> dict[str, set[str]]:
    modules = module_files(package, name)
    return {
        module: imports_of(module, path, set(modules)) - {module}
        for module, path in modules.items()
    }


def layer_of(module: str, layers: dict[str, int]) -> int | None:
    parts = module.split(".")
    for length in range(len(parts), 0, -1):
        layer = layers.get(".".join(parts[:length]))
        if layer is not None:
            return layer
    return None


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import circle once, as the modules on it (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in sorted(graph[module]):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return found


def upward_imports(graph: dict[str, set[str]], layers: dict[str, int]) -> list[str]:
    return [
        f"{module} (layer {layer_of(module, layers)}) imports {imported} "
        f"(layer {layer_of(imported, layers)})"
        for module in sorted(graph)
        for imported in sorted(graph[module])
        if layer_of(imported, layers) > layer_of(module, layers)
    ]


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for imported in graph[todo.pop()]:
            if imported not in seen:
                seen.add(imported)
                todo.append(imported)
    return seen


GRAPH = import_graph(PACKAGE, "dossierlint")


def test_every_module_has_a_layer() -> None:
    assert [module for module in GRAPH if layer_of(module, LAYERS) is None] == []


def test_no_import_circle() -> None:
    assert circles(GRAPH) == []


def test_no_import_from_a_lower_layer_to_a_higher_one() -> None:
    assert upward_imports(GRAPH, LAYERS) == []


def test_the_engine_reaches_no_output_and_no_command() -> None:
    imported = reachable(GRAPH, "dossierlint.engine")
    assert [m for m in sorted(imported) if m.startswith(ABOVE_THE_ENGINE)] == []


def test_the_graph_is_read_from_the_source() -> None:
    """The walk sees top-level, lazy and TYPE_CHECKING imports (so the checks above can fail)."""
    assert "dossierlint.findings" in GRAPH["dossierlint.linter"]
    assert "dossierlint.workers" in GRAPH["dossierlint.linter"]  # imported inside a method
    assert "dossierlint.linter" in GRAPH["dossierlint.commands.check_run"]  # under TYPE_CHECKING


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A package with a circle (a <-> b) and an upward import (low -> high)."""
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg import b\n")
    (package / "b.py").write_text("def f():\n    from pkg.a import x\n")
    (package / "low.py").write_text("from .sub import high\n")
    (package / "sub" / "high.py").write_text("import pkg.low\n")
    return package


def test_the_checks_catch_a_planted_circle_and_upward_import(planted: Path) -> None:
    graph = import_graph(planted, "pkg")
    assert graph["pkg.low"] == {"pkg.sub.high"}
    assert ["pkg.a", "pkg.b"] in circles(graph)
    layers = {"pkg": 0, "pkg.low": 0, "pkg.sub": 1}
    assert "pkg.low (layer 0) imports pkg.sub.high (layer 1)" in upward_imports(graph, layers)
