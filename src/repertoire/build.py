"""Which of the package's modules run compiled, and whether any is older than its source.

The hot modules are compiled to C by mypyc when the package is installed (the build hook
in pyproject.toml); the same source runs as plain Python when it is installed with
``HATCH_BUILD_NO_HOOKS=true``. A compiled module is an extension file beside its ``.py``
file, and Python imports it in preference to the source: after an edit to the source of an
editable install, the old compiled module would still run. :func:`stale` finds those, so
that the tests and benchmarks refuse to measure code that is not the source's.
"""

from __future__ import annotations

import importlib.machinery
from pathlib import Path

_ROOT = Path(__file__).resolve().parent


def _compiled_files(root: Path) -> list[Path]:
    # The suffixes overlap (".cpython-311-x86_64-linux-gnu.so" also ends in ".so").
    return sorted(
        {
            path
            for suffix in importlib.machinery.EXTENSION_SUFFIXES
            for path in root.rglob(f"*{suffix}")
        }
    )


def _source_of(compiled: Path) -> Path:
    # "text.cpython-311-x86_64-linux-gnu.so" -> "text.py"
    return compiled.with_name(compiled.name.split(".", 1)[0] + ".py")


def compiled_modules(root: Path = _ROOT) -> list[str]:
    """Dotted names of the package's modules that have a compiled form, sorted."""
    names = []
    for path in _compiled_files(root):
        parts = _source_of(path).relative_to(root).with_suffix("").parts
        names.append(".".join((root.name, *parts)))
    return sorted(names)


def stale(root: Path = _ROOT) -> list[Path]:
    """Sources edited after their compiled form was built (the compiled form would run)."""
    found = []
    for path in _compiled_files(root):
        source = _source_of(path)
        if source.exists() and source.stat().st_mtime > path.stat().st_mtime:
            found.append(source)
    return found


def describe() -> str:
    """One line for reports: how the package runs here."""
    count = len(compiled_modules())
    if not count:
        return "pure Python (no module compiled)"
    return f"compiled with mypyc ({count} modules)"
