"""Messages a user acts on: what to install, what to type instead, what there is to choose."""

from __future__ import annotations

import json
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


@pytest.mark.parametrize(
    "args",
    [
        ["votes", "--member", "Rusia"],
        ["positions", "--member", "Rusia"],
        ["speakers", "--member", "Rusia"],
        ["alignment", "--member", "Rusia"],
        ["council", "--member", "Rusia"],
    ],
)
def test_a_mistyped_name_gets_a_suggestion(db: Path, args: list[str]) -> None:
    extra = [] if args[0] == "council" else ["--db", str(db)]
    result = run(*args, *extra)
    assert result.exit_code != 0
    assert "did you mean 'Russian Federation'?" in result.output
    assert "Traceback" not in result.output


def test_findings_lists_what_was_stored(db: Path) -> None:
    text = run("findings", "--db", str(db), "--format", "text")
    lines = text.output.splitlines()
    assert len(lines) == 3
    assert lines[-1].endswith(
        ":117:204: warning[footnote-undefined] footnote 443 is cited here but never defined"
    )
    assert lines[0].split(":")[0].endswith("mali-2023.txt")
    only = run("findings", "--db", str(db), "--code", "footnote-undefined", "--format", "json")
    (finding,) = json.loads(only.output)
    assert (finding["document"], finding["line"], finding["footnote"]) == (
        "mali-2023.txt",
        117,
        443,
    )
    assert (
        run("findings", "--db", str(db), "--severity", "error", "--format", "json").output.strip()
        == "[]"
    )
    by_file = run("findings", "--db", str(db), "--document", "mali-2023.txt", "--format", "csv")
    assert len(by_file.output.splitlines()) == 4


def test_findings_lines_name_files_that_open_from_where_they_are_asked(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The store keeps paths relative to its own folder; the lines are read from elsewhere.
    elsewhere = tmp_path / "a" / "b" / "c"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    lines = run("findings", "--db", str(db), "--format", "text").output.splitlines()
    assert len(lines) == 3
    for line in lines:
        assert Path(line.split(":")[0]).resolve() == samples.path().resolve()


def test_findings_lines_are_as_many_as_the_limit_says(db: Path) -> None:
    one = run("findings", "--db", str(db), "--format", "text", "--limit", "1")
    assert len(one.stdout.splitlines()) == 1
    assert one.stderr == "(the first row; --limit 0 prints all)\n"
    every = run("findings", "--db", str(db), "--format", "text", "--limit", "0")
    assert len(every.stdout.splitlines()) == 3 and not every.stderr


def test_findings_library_function(db: Path) -> None:
    from repertoire.store import open_db, queries

    with open_db(db) as conn:
        rows = queries.findings(conn, severity="warning")
    assert [r["code"] for r in rows] == [
        "position-separator",
        "position-separator",
        "footnote-undefined",
    ]
    assert list(rows[0]) == queries.COLUMNS["findings"]


def test_a_limit_past_what_sqlite_counts_is_a_usage_error(db: Path) -> None:
    result = run("votes", "--db", str(db), "--limit", "99999999999999999999")
    assert result.exit_code == 2
    assert "Invalid value for '--limit'" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(("limit", "note"), [("1", True), ("3", False), ("9", False)])
def test_the_note_of_more_rows_comes_only_when_there_are_more(
    db: Path, limit: str, note: bool
) -> None:
    # The sample has 3 findings.
    result = CliRunner().invoke(
        main, ["findings", "--db", str(db), "--format", "csv", "--limit", limit]
    )
    assert ("--limit 0 prints all" in result.stderr) is note
    assert len(result.stdout.splitlines()) == 1 + min(int(limit), 3)


def test_a_citations_table_shows_where_each_citation_stands(db: Path) -> None:
    result = CliRunner().invoke(
        main, ["cites", "S/RES/2690 (2023)", "--db", str(db), "--format", "table"]
    )
    assert result.exit_code == 0
    assert "footnote" in result.stdout and "paragraph" in result.stdout
    assert ":None" not in result.stdout and "mali-2023.txt:" not in result.stdout


def test_a_search_for_a_symbol_points_to_cites(db: Path) -> None:
    symbol = CliRunner().invoke(main, ["search", "S/RES/2690 (2023)", "--db", str(db)])
    assert symbol.exit_code == 0 and symbol.stdout.count("\n") <= 1  # the heading alone
    assert 'repertoire cites "S/RES/2690 (2023)"' in symbol.stderr
    words = CliRunner().invoke(main, ["search", "sanctions", "--db", str(db)])
    assert words.exit_code == 0 and "cites" not in words.stderr
