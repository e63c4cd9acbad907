"""The package's layers: each part imports only the parts below it (or beside it in its
layer), as docs/architecture.md draws them. An AST scan of every import, run or not."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parent.parent / "src"
PACKAGE = SRC / "repertoire"

# From the bottom: what every part stands on; reading and the Council's rules; the readers
# of the official files; the store; what is made from the store (rendering, the audit);
# the ways in (the command line, the explorer, the package's own API).
LAYERS: list[set[str]] = [
    {"records", "findings", "tables", "samples", "reference", "schema", "data", "bulk", "build"},
    {"read", "rules"},
    {"official"},
    {"store"},
    {"render", "official.audit"},
    {"cli", "web", "repertoire"},
]

# Modules some part may not import although its layer is above theirs, and who may.
# The reading machinery (the pipeline and its table reader) is for what parses a file;
# the rest of read (symbols, layout, text, sentences, members) is shared by all above it.
RESTRICTED: dict[str, set[str]] = {
    "repertoire.read.pipeline": {"read", "repertoire", "cli", "store.load"},
    "repertoire.read.table": {"read"},
}

# Imports upward kept on purpose, (module, target), each with its reason; none today.
ALLOWED: set[tuple[str, str]] = {
    # Each load and import keeps the audit's findings in the same store, so that no page
    # view audits; the audit reads the store only through store.audit, never back here.
    ("repertoire.store.audited", "repertoire.official.audit"),
}


def _name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in PACKAGE.rglob("*.py")}


def _part(module: str) -> str:
    """The part of the package a module belongs to (``official.audit`` is a part alone)."""
    parts = module.split(".")[1:]
    if not parts:
        return "repertoire"
    if parts[:2] == ["official", "audit"]:
        return "official.audit"
    return parts[0]


def _layer(part: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if part in layer)


def _imports(module: str) -> set[str]:
    """The modules of this package ``module`` imports (``from package import module`` names
    the module), wherever the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                named = f"{node.module}.{alias.name}"
                found.add(named if named in MODULES else node.module)
    return {name for name in found if name in MODULES and name != module}


EDGES = {(module, target) for module in MODULES for target in _imports(module)}


def test_every_part_has_a_layer() -> None:
    parts = {_part(module) for module in MODULES}
    assert parts == set().union(*LAYERS)


def test_no_part_imports_one_above_it() -> None:
    upward = sorted(
        f"{module} -> {target}"
        for module, target in EDGES
        if _layer(_part(target)) > _layer(_part(module)) and (module, target) not in ALLOWED
    )
    assert upward == []


def test_the_reading_machinery_is_imported_only_by_what_parses() -> None:
    def allowed(module: str, who: set[str]) -> bool:
        short = module.removeprefix("repertoire.")
        return _part(module) in who or short in who

    wrong = sorted(
        f"{module} -> {target}"
        for module, target in EDGES
        if target in RESTRICTED and not allowed(module, RESTRICTED[target])
    )
    assert wrong == []


def test_render_reads_the_store_only_through_its_records() -> None:
    # Rendering from a database needs the stored rows back as records, nothing else.
    reached = sorted(t for m, t in EDGES if _part(m) == "render" and _part(t) == "store")
    assert reached == ["repertoire.store.records"]


def test_the_scan_sees_imports() -> None:
    # The store reads with the pipeline; a scan that saw nothing would pass every test above.
    assert ("repertoire.store.load", "repertoire.read.pipeline") in EDGES
    assert ("repertoire.official.audit", "repertoire.store.audit") in EDGES
