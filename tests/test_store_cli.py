"""The store's commands through the command line: output formats, help and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from repertoire import samples
from repertoire.cli import main
from repertoire.cli.store import COMMANDS

QUERIES = {
    "meetings": ["meetings", "--year", "2023", "--item", "Mali"],
    "votes": ["votes", "--member", "Russia"],
    "vetoes": ["votes", "--vetoes"],
    "failed": ["votes", "--failed"],
    "speakers": ["speakers", "--meeting", "S/PV.9251"],
    "speakers-member": ["speakers", "--member", "Ghana"],
    "positions": ["positions", "--member", "United Arab Emirates"],
    "cites": ["cites", "S/RES/2690 (2023)"],
    "search": ["search", "sanctions regime"],
    "search-exact": ["search", "Mali", "--exact"],
    "alignment": ["alignment", "--year", "2023"],
}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path, runner: CliRunner) -> Path:
    path = tmp_path / "store.db"
    result = runner.invoke(main, ["load", str(samples.path()), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


def test_commands_are_registered() -> None:
    names = {c.name for c in COMMANDS}
    assert names == {
        "load",
        "meetings",
        "votes",
        "speakers",
        "positions",
        "cites",
        "search",
        "alignment",
        "findings",
        "export",
    }
    assert names <= set(main.list_commands(click.Context(main)))


@pytest.mark.parametrize("command", [c.name for c in COMMANDS])
def test_help_has_an_example(runner: CliRunner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert f"Example: repertoire {command}" in result.output


def test_load_prints_what_was_added_then_nothing(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    first = runner.invoke(main, ["load", str(samples.path()), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "added" in first.output
    assert "6 meetings" in first.output and "3 decisions" in first.output
    second = runner.invoke(main, ["load", str(samples.path()), "--db", str(db)])
    assert second.exit_code == 0
    assert "unchanged" in second.output
    assert "Nothing changed" in second.output
    as_json = runner.invoke(main, ["load", str(samples.path()), "--db", str(db), "--json"])
    assert json.loads(as_json.output)["summary"]["unchanged"] == 1


def test_load_many_files_with_progress(runner: CliRunner, tmp_path: Path) -> None:
    text = samples.path().read_text(encoding="utf-8")
    paths = []
    for index in range(5):
        path = tmp_path / f"copy-{index}.txt"
        path.write_text(text.replace("S/PV.9", f"S/PV.{index + 1}9"), encoding="utf-8")
        paths.append(str(path))
    result = runner.invoke(main, ["load", *paths, "--db", str(tmp_path / "many.db")])
    assert result.exit_code == 0, result.output
    assert result.output.count("added") >= 5


def test_unreadable_path_exits_2_without_traceback(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    result = runner.invoke(
        main, ["load", str(samples.path()), str(tmp_path / "nope.txt"), "--db", str(db)]
    )
    assert result.exit_code == 2
    assert "cannot read" in result.output and "nope.txt" in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    # Nothing was loaded: every path is checked before the first is loaded.
    assert not db.exists()
    directory = runner.invoke(main, ["load", str(tmp_path), "--db", str(db)])
    assert directory.exit_code == 2 and "no text files" in directory.output


def test_strict_refuses_documents_with_errors(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not text")
    db = tmp_path / "store.db"
    result = runner.invoke(main, ["load", str(bad), "--db", str(db), "--strict"])
    assert result.exit_code == 1
    assert "rejected" in result.output and "error" in result.output
    lenient = runner.invoke(main, ["load", str(bad), "--db", str(db)])
    assert lenient.exit_code == 0
    assert "added" in lenient.output and "repertoire findings lists them" in lenient.output


@pytest.mark.parametrize("name", list(QUERIES))
def test_every_query_prints_a_table_and_json(runner: CliRunner, db: Path, name: str) -> None:
    args = [*QUERIES[name], "--db", str(db)]
    table = runner.invoke(main, args)
    assert table.exit_code == 0, table.output
    assert "No " not in table.output.splitlines()[0]
    data = runner.invoke(main, [*args, "--format", "json"])
    assert data.exit_code == 0, data.output
    rows = json.loads(data.stdout)
    assert isinstance(rows, list) and rows
    for row in rows:
        # Every symbol comes with its link.
        links = {"symbol": "url", "draft": "draft_url", "record": "url"}
        if "record_url" in row:
            links["record"] = "record_url"
        for key, link in links.items():
            if row.get(key):
                assert row[link].startswith("https://undocs.org/en/"), (key, row)


def test_csv_output(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(main, ["meetings", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("record,url,date,year")
    assert len(lines) == 7
    empty = runner.invoke(main, ["meetings", "--db", str(db), "--year", "1999", "--format", "csv"])
    assert empty.output.splitlines() == [lines[0]]


def test_limit_note_goes_to_stderr(runner: CliRunner, db: Path) -> None:
    result = runner.invoke(main, ["meetings", "--db", str(db), "--limit", "2", "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)) == 2
    assert "--limit 0" in result.stderr
    everything = runner.invoke(
        main, ["meetings", "--db", str(db), "--limit", "0", "--format", "table"]
    )
    assert "--limit 0" not in everything.stderr and "Meetings (6)" in everything.stdout


def test_specific_answers(runner: CliRunner, db: Path) -> None:
    vetoes = json.loads(
        runner.invoke(main, ["votes", "--vetoes", "--db", str(db), "--format", "json"]).output
    )
    assert [(v["symbol"], v["vetoed_by"]) for v in vetoes] == [
        ("S/2023/638", ["Russian Federation"])
    ]
    cites = json.loads(
        runner.invoke(main, ["cites", "S/PV.9342", "--db", str(db), "--format", "json"]).output
    )
    assert cites[0]["footnote"] == 411 and cites[0]["url"] == "https://undocs.org/en/S/PV.9342"
    empty = runner.invoke(main, ["search", "zebra", "--db", str(db), "--format", "table"])
    assert empty.exit_code == 0 and "No matches found." in empty.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["votes", "--member", "Atlantis"], "unknown member"),
        (["positions", "--member", "Atlantis"], "unknown member"),
        (["search", "  "], "give some words"),
        (["cites", " "], "give a document symbol"),
    ],
)
def test_bad_input_is_a_message(runner: CliRunner, db: Path, args: list[str], message: str) -> None:
    result = runner.invoke(main, [*args, "--db", str(db)])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_missing_database_and_bad_options(runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(main, ["meetings", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1
    assert "no database at" in missing.output
    assert not (tmp_path / "none.db").exists()
    bad_format = runner.invoke(main, ["meetings", "--format", "xml"])
    assert bad_format.exit_code == 2
    no_member = runner.invoke(main, ["positions"])
    assert no_member.exit_code == 2 and "--member" in no_member.output
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not sqlite at all" * 200)
    broken = runner.invoke(main, ["meetings", "--db", str(garbage)])
    assert broken.exit_code == 1 and "not a usable repertoire database" in broken.output


def test_export_command(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    out = tmp_path / "out"
    result = runner.invoke(main, ["export", "--db", str(db), "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "datapackage.json" in result.output
    assert frictionless.validate(out / "datapackage.json").valid
    parquet = runner.invoke(
        main, ["export", "--db", str(db), "--format", "parquet", "--out", str(tmp_path / "pq")]
    )
    assert parquet.exit_code == 0
    assert (tmp_path / "pq" / "votes.parquet").exists()
    missing = runner.invoke(main, ["export", "--db", str(db)])
    assert missing.exit_code == 2 and "--out" in missing.output
