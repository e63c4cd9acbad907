"""The package's shape: no import cycles, no private names across modules, imports at the top,
and no module over ~500 lines without a reason written at its top."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).parent.parent / "src"
PACKAGE = SRC / "repertoire"

# Imports inside a function, each for a reason written beside it: an optional extra with a
# clear message when it is missing, or a library slow to import that one command needs
# (the store, which of its module's commands only `demo` uses).
IMPORTED_ON_USE = {
    ("repertoire.cli.read", "repertoire.store"),
    ("repertoire.cli.read", "repertoire.store.judge"),
    ("repertoire.store.audited", "repertoire.official.audit"),
    ("repertoire.store.migrations", "repertoire.store.council"),
    ("repertoire.store.texts", "repertoire.store.merged"),
    ("repertoire.official", "repertoire.official.common"),
    ("repertoire.official", "repertoire.official.registry"),
    ("repertoire.cli.web", "repertoire.web"),
    # The reader, the loader, the import and progress bars: for the commands that write.
    ("repertoire.cli.store", "repertoire.store.load"),
    ("repertoire.cli.official", "repertoire.store.official"),
    ("repertoire.cli.output", "rich.progress"),
    ("repertoire.store.export", "pyarrow"),
    ("repertoire.store.export", "pyarrow.parquet"),
    ("repertoire.tables", "pyarrow"),
    ("repertoire.tables", "pandas"),
}

MOST_LINES = 500


def _name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in PACKAGE.rglob("*.py")}
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _for_type_checking(tree: ast.Module) -> set[int]:
    """The import statements under ``if TYPE_CHECKING:``, which never run."""
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name)
        if node.test.id == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }


def _imports(tree: ast.Module) -> Iterator[tuple[ast.stmt, list[str]]]:
    """Each import statement that runs, with the modules of this package it names (``from
    package import module`` names the module, not the package)."""
    typing_only = _for_type_checking(tree)
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            yield node, [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            named = [f"{node.module}.{alias.name}" for alias in node.names]
            inside = [name for name in named if name in MODULES]
            yield node, inside if len(inside) == len(named) else [node.module]


def _graph() -> dict[str, set[str]]:
    return {
        name: {
            target
            for _, targets in _imports(tree)
            for target in targets
            if target in MODULES and target != name
        }
        for name, tree in TREES.items()
    }


def test_no_module_imports_one_that_imports_it_back() -> None:
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert cycles == []


def test_private_names_stay_in_their_module() -> None:
    crossing = []
    for name, tree in TREES.items():
        aliases: dict[str, str] = {}
        for node, targets in _imports(tree):
            if isinstance(node, ast.ImportFrom) and node.module in MODULES:
                crossing += [
                    f"{name}: from {node.module} import {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
            for alias, target in zip(getattr(node, "names", []), targets, strict=False):
                if target in MODULES:
                    aliases[alias.asname or alias.name.split(".")[-1]] = target
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                crossing.append(f"{name}: {node.value.id}.{node.attr}")
    assert crossing == []


def test_imports_are_at_the_top() -> None:
    hidden = set()
    for name, tree in TREES.items():
        top = {id(node) for node in tree.body} | _for_type_checking(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in top:
                modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                for module in modules or [getattr(node, "module", "")]:
                    hidden.add((name, module))
    assert hidden <= IMPORTED_ON_USE, sorted(hidden - IMPORTED_ON_USE)


def test_long_modules_say_why() -> None:
    long = []
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > MOST_LINES:
            docstring = ast.get_docstring(TREES[name]) or ""
            if "Why one module" not in docstring:
                long.append(name)
    assert long == [], "over 500 lines with no 'Why one module' paragraph at the top"
