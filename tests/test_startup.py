"""Start-up: a command imports only what it uses, and `repertoire --help` lists every command
with its own help without importing any of them."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from benchmarks import startup_bench
from click.testing import CliRunner

import repertoire
from repertoire import cli, samples, store
from repertoire.cli import main
from repertoire.store import connect

# Slow to import, and needed by none of the commands checked below.
HEAVY = ["repertoire.store", "repertoire.official", "lxml", "datasette"]


def _imported_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_help_imports_no_command() -> None:
    loaded = _imported_after(
        "from repertoire.cli import main\nmain(['--help'], standalone_mode=False)"
    )
    assert not {m for m in loaded if m.startswith("repertoire.cli.")}
    assert not [m for m in [*HEAVY, "rich", "repertoire.read.pipeline"] if m in loaded]


def test_importing_the_package_reads_nothing() -> None:
    loaded = _imported_after("import repertoire")
    assert "repertoire.read.pipeline" not in loaded and "repertoire.records" not in loaded


def test_check_imports_neither_store_nor_official_readers() -> None:
    code = (
        "from repertoire.cli import main\n"
        f"main(['check', {str(samples.path())!r}], standalone_mode=False)"
    )
    loaded = _imported_after(code)
    assert "repertoire.read.pipeline" in loaded
    assert not [m for m in HEAVY if m in loaded]


def test_check_with_a_store_imports_only_the_judging(tmp_path: Path) -> None:
    db = tmp_path / "texts.db"
    connect(db).close()
    code = (
        "from repertoire.cli import main\n"
        f"main(['check', {str(samples.path())!r}, '--db', {str(db)!r}], standalone_mode=False)"
    )
    loaded = _imported_after(code)
    assert "repertoire.store.judge" in loaded
    slow = ["repertoire.official.registry", "lxml", "datasette", "repertoire.store.queries"]
    slow += ["repertoire.store.load", "repertoire.store.council", "repertoire.rules.evidence"]
    assert not [m for m in slow if m in loaded]


@pytest.mark.parametrize(
    "asked", [["votes", "--limit", "1"], ["meetings", "--help"], ["audit", "--code", "x"]]
)
def test_a_question_imports_neither_the_reader_nor_the_loader(
    tmp_path: Path, asked: list[str]
) -> None:
    db = tmp_path / "store.db"
    connect(db).close()
    args = [*asked, "--db", str(db)]
    code = f"from repertoire.cli import main\nmain({args!r}, standalone_mode=False)"
    loaded = _imported_after(code)
    assert "repertoire.cli.store" in loaded
    slow = ["repertoire.read.pipeline", "repertoire.store.load", "repertoire.cli.read"]
    slow += ["repertoire.official.registry", "lxml", "datasette", "rich.progress"]
    slow += ["repertoire.store.official", "repertoire.store.processes"]
    assert not [m for m in slow if m in loaded]


def test_the_store_gives_its_functions_whatever_was_imported_first() -> None:
    # The functions `load` and `export` share their names with modules of the package.
    code = (
        "import repertoire.store.load, repertoire.store.export\n"
        "from repertoire.store import export, load, queries\n"
        "print(load.__module__, export.__module__, queries.__name__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [
        "repertoire.store.load",
        "repertoire.store.export",
        "repertoire.store.queries",
    ]
    assert callable(store.load) and callable(store.export)
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = store.nothing_here  # type: ignore[attr-defined]


def test_public_names_are_there_when_asked_for() -> None:
    for name in repertoire.__all__:
        assert getattr(repertoire, name) is not None
        assert name in dir(repertoire)
    assert repertoire.parse_file(samples.path()).sections
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        _ = repertoire.nothing_here  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(cli.COMMANDS))
def test_listed_help_is_the_commands_own(name: str) -> None:
    module, _function, short = cli.COMMANDS[name]
    command = cli.main.get_command(click.Context(cli.main), name)
    assert command is not None
    assert importlib.import_module(f"repertoire.cli.{module}")  # where it is defined
    assert isinstance(command, click.Command) and command.name == name
    assert short == command.get_short_help_str(limit=1_000)


def test_every_command_of_every_module_is_listed() -> None:
    modules = {module for module, _, _ in cli.COMMANDS.values()}
    defined = {
        command.name
        for module in modules
        for command in importlib.import_module(f"repertoire.cli.{module}").COMMANDS
    }
    assert defined == set(cli.COMMANDS)


def test_help_lists_each_command_once_with_its_sentence() -> None:
    result = CliRunner().invoke(main, ["--help"], terminal_width=1_000)
    assert result.exit_code == 0
    lines = [line.split(maxsplit=1) for line in result.output.split("Commands:")[1].splitlines()]
    listed = [(name, short) for name, short in (line for line in lines if line)]
    assert listed == [(name, cli.COMMANDS[name][2]) for name in sorted(cli.COMMANDS)]


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["nothing-here"])
    assert result.exit_code == 2 and "No such command 'nothing-here'" in result.output


def test_the_startup_benchmark_times_each_case_and_names_the_imports() -> None:
    best = startup_bench.measure(runs=1)
    assert set(best) == set(startup_bench.CASES)
    assert all(0 < ms < float("inf") for ms in best.values())
    assert "repertoire.cli" in dict(startup_bench.slowest_imports(count=50))
