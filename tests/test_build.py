"""Compiled modules: which run compiled, and those older than their source."""

from __future__ import annotations

import importlib.machinery
import os
import tomllib
from pathlib import Path

import pytest

from repertoire import build

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
PROJECT = Path(__file__).resolve().parents[1]


def _package(tmp_path: Path) -> Path:
    root = tmp_path / "pkg"
    (root / "read").mkdir(parents=True)
    for name in ("read/text.py", "read/names.py", "cli.py"):
        (root / name).write_text("x = 1\n", encoding="utf-8")
    return root


def _compile(source: Path, seconds_after: float) -> Path:
    compiled = source.with_name(source.stem + SUFFIX)
    compiled.write_bytes(b"")
    when = source.stat().st_mtime + seconds_after
    os.utime(compiled, (when, when))
    return compiled


def test_modules_with_a_compiled_form_are_named_by_their_dotted_path(tmp_path: Path) -> None:
    root = _package(tmp_path)
    _compile(root / "read/text.py", 10)
    _compile(root / "cli.py", 10)
    assert build.compiled_modules(root) == ["pkg.cli", "pkg.read.text"]


def test_a_source_edited_after_its_compiled_form_is_stale(tmp_path: Path) -> None:
    root = _package(tmp_path)
    _compile(root / "read/text.py", -10)  # the source is the newer
    _compile(root / "read/names.py", 10)
    assert build.stale(root) == [root / "read/text.py"]


def test_nothing_compiled_is_described_as_pure_python(tmp_path: Path) -> None:
    root = _package(tmp_path)
    assert build.compiled_modules(root) == []
    assert build.stale(root) == []


def _configured() -> list[str]:
    """Modules the build hook compiles, from pyproject.toml's include and exclude."""
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    hook = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["mypyc"]
    excluded = set(hook.get("exclude", []))
    names = []
    for entry in hook["include"]:
        path = PROJECT / entry
        for source in [path] if path.is_file() else sorted(path.rglob("*.py")):
            if source.name not in excluded:
                parts = source.relative_to(PROJECT / "src").with_suffix("").parts
                names.append(".".join(parts))
    return sorted(names)


def test_an_installed_compiled_build_compiles_every_configured_module() -> None:
    if not build.compiled_modules():
        pytest.skip("installed as pure Python (HATCH_BUILD_NO_HOOKS=true)")
    assert build.compiled_modules() == _configured()
    assert build.describe() == f"compiled with mypyc ({len(_configured())} modules)"
