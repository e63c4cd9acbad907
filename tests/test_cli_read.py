"""The parse, check and demo commands, through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from repertoire import samples
from repertoire.cli import main


def run(*args: str, input: str | None = None):
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args), input=input)


def test_parse_json_is_the_library_record() -> None:
    result = run("parse", str(samples.path()))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"source", "sections", "findings"}
    assert data["sections"][0]["meetings"][5]["decisions"][0]["vetoed_by"] == ["Russian Federation"]


def test_parse_summary_and_stdin() -> None:
    result = run("parse", "-", "--format", "summary", input=samples.text())
    assert result.exit_code == 0, result.output
    assert "11. The situation in Mali, 2023" in result.output
    assert "S/PV.9408  2023-08-30  adoption" in result.output
    assert "footnote-undefined" in result.output


def test_check_prints_compiler_style_lines() -> None:
    result = run("check", str(samples.path()))
    lines = result.output.strip().splitlines()
    assert result.exit_code == 0
    assert len(lines) == 3
    assert lines[-1].endswith(
        ":117:204: warning[footnote-undefined] footnote 443 is cited here but never defined"
    )
    assert run("check", "--strict", str(samples.path())).exit_code == 1


def test_check_json() -> None:
    result = run("check", "--format", "json", str(samples.path()))
    (entry,) = json.loads(result.output)
    assert [f["code"] for f in entry["findings"]] == [
        "position-separator",
        "position-separator",
        "footnote-undefined",
    ]
    assert set(entry["findings"][0]) == {
        "code",
        "severity",
        "message",
        "line",
        "column",
        "footnote",
    }


def test_demo_prints_the_summary_and_the_explorer_command(tmp_path: Path) -> None:
    result = run("demo", "--db", str(tmp_path / "demo.db"))
    assert result.exit_code == 0, result.output
    assert "S/PV.9408" in result.output and "repertoire serve" in result.output


def _commands(group: click.Group) -> list[click.Command]:
    # Asked for by name: the group imports each command's module only then.
    context = click.Context(group)
    found = (group.get_command(context, name) for name in group.list_commands(context))
    return [command for command in found if command is not None]


@pytest.mark.parametrize("command", _commands(main), ids=lambda c: c.name)
def test_every_command_is_documented_with_an_example(command: click.Command) -> None:
    assert command.help and "Example" in command.help, f"{command.name} --help needs an example"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{command.name} {param.opts[0]} has no help"
