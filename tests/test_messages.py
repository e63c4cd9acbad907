"""Messages a user acts on: what to install, what to type instead, what there is to choose."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from repertoire import samples
from repertoire.cli import main
from repertoire.store import load


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("messages") / "store.db"
    load([samples.path()], path)
    return path


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("missing", ["uvicorn", "datasette"])
def test_serve_without_the_web_extra_says_what_to_install(
    db: Path, missing: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(sys.modules):
        if name == missing or name.startswith(f"{missing}.") or name.startswith("repertoire.web"):
            monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, missing, None)  # import fails as if not installed
    result = run("serve", "--db", str(db))
    assert result.exit_code == 1
    assert "pip install 'repertoire[web]'" in result.output
    assert missing in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_render_lists_the_sections_when_the_one_asked_for_is_missing(db: Path) -> None:
    result = run("render", "--db", str(db), "--section", "99")
    assert result.exit_code == 1
    assert "no section 99" in result.output
    assert "11 (The situation in Mali, mali-2023.txt)" in result.output


def test_top_level_help_gives_whole_descriptions() -> None:
    result = CliRunner().invoke(main, ["--help"], terminal_width=80)
    assert result.exit_code == 0
    commands = result.output[result.output.index("Commands:") :]
    assert "..." not in commands
    text = " ".join(result.output.split())
    assert "For each pair of members, the share of recorded votes they cast alike." in text
    assert "Check FILES and print findings as FILE:LINE:COL: severity[code] message." in text
