"""Faults: valid UTF-8 that once raised, a reader fault in a batch, and hostile bytes at the CLI.

Every command answers with findings, a clear message and an exit code, never a traceback;
one bad file in a batch is reported and the others are read and loaded.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

from repertoire import parse, samples
from repertoire.cli import main
from repertoire.read import pipeline, source
from repertoire.store import load
from tests.factory import row, section

CLI = [sys.executable, "-c", "from repertoire.cli import main; main()"]
load_module = importlib.import_module("repertoire.store.load")
STATES = ("Mali", "Chad", "Niger", "Ghana", "Gabon", "Brazil", "Japan", "Malta")
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def _names(n: int, joiner: str) -> str:
    return joiner.join(STATES[i % len(STATES)] for i in range(n))


RAISED_ONCE = {
    "a marker of 4,301 digits": section(narrative=["The Council met." + "¹" * 4301]),
    "a definition of 4,301 digits": section(footnotes={1: "See S/PV.1."}).replace(
        "¹ See", "⁹" * 4301 + " See"
    ),
    "a 20-digit footnote": section(
        narrative=["The Council met.⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹"],
        footnotes={10**20 - 1: "See S/PV.100."},
    ),
    "1,200 names joined by and": section(rows=[row("S/PV.100 3 March", r37=_names(1200, " and "))]),
    "1,200 glued names": section(rows=[row("S/PV.100 3 March", r37=_names(1200, " "))]),
    "600 nested on behalf": section(
        rows=[
            row(
                "S/PV.100 3 March",
                speakers="Mali (also on behalf of " * 600 + "Chad" + ")" * 600,
            )
        ]
    ),
    "a count of 5,000 digits": section(narrative=["The Council held " + "7" * 5000 + " meetings."]),
    "a count in superscript": section(narrative=["The Council held ² meetings."]),
}


@pytest.mark.parametrize("name", list(RAISED_ONCE))
def test_text_that_once_raised_now_reads(name: str, tmp_path: Path) -> None:
    document = parse(RAISED_ONCE[name])
    document.to_dict()
    path = tmp_path / "hostile.txt"
    path.write_text(RAISED_ONCE[name], encoding="utf-8")
    checked = run("check", str(path))
    assert checked.exception is None or isinstance(checked.exception, SystemExit), checked.output
    report = load([path], tmp_path / "store.db")
    assert [d.status for d in report.documents] == ["added"]


def test_a_marker_out_of_range_is_a_finding() -> None:
    document = parse(RAISED_ONCE["a 20-digit footnote"])
    found = [f for f in document.all_findings() if f.code == "footnote-range"]
    assert len(found) == 2 and all(f.severity == "error" for f in found)
    assert "20 superscript digits" in found[0].message
    # Kept as text, not as a footnote number SQLite could not hold.
    assert all(f.number < 10**5 for s in document.sections for f in s.footnotes)
    assert "⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹" in document.sections[0].paragraphs[0].text


def test_the_longest_footnote_number_still_reads() -> None:
    document = parse(section(narrative=["Met.⁹⁹⁹⁹⁹"], footnotes={99999: "See S/PV.100."}))
    assert document.sections[0].paragraphs[0].footnotes == [99999]
    assert not [f for f in document.all_findings() if f.code == "footnote-range"]


def _batch(tmp_path: Path, count: int = 3) -> list[Path]:
    paths = []
    for index in range(count):
        path = tmp_path / f"part-{index}.txt"
        path.write_text(section(rows=[row(f"S/PV.{100 + index} 3 March", "Report")]))
        paths.append(path)
    return paths


@pytest.fixture
def reader_fails_on_part_1(monkeypatch: pytest.MonkeyPatch):
    """A fault of the reader on one file (the reader is meant never to raise).

    The fault is a first stage, which every parse runs however the reader's own calls
    are bound (compiled, a module's calls of its own functions are not looked up)."""

    def fail_on_part_1(state: pipeline.State) -> None:
        if state.document.source.endswith("part-1.txt"):
            raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pipeline, "STAGES", [("fault", fail_on_part_1), *pipeline.STAGES])


@pytest.mark.usefixtures("reader_fails_on_part_1")
def test_one_bad_file_in_a_load_is_reported_and_the_others_load(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    result = run("load", *map(str, _batch(tmp_path)), "--db", str(db))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("added") and lines[2].startswith("added")
    assert lines[1].startswith("failed") and "RecursionError" in lines[1]
    assert "2 added, 1 failed" in lines[-1]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (2,)


@pytest.mark.usefixtures("reader_fails_on_part_1")
def test_one_bad_file_in_a_check_is_reported_and_the_others_checked(tmp_path: Path) -> None:
    paths = _batch(tmp_path)
    result = run("check", *map(str, paths))
    assert result.exit_code == 2
    assert f"{paths[1]}:1:1: error[internal-error]" in result.output
    assert "RecursionError" in result.output
    assert "3 files checked: 1 with errors" in result.output


@pytest.mark.usefixtures("reader_fails_on_part_1")
def test_load_report_says_why_a_file_failed(tmp_path: Path) -> None:
    report = load(_batch(tmp_path), tmp_path / "store.db", workers=0)
    assert [d.status for d in report.documents] == ["added", "failed", "added"]
    assert "RecursionError" in (report.documents[1].message or "")
    assert report.to_dict()["summary"]["failed"] == 1


# -- the smaller points: each a clear message, never a traceback ---------------------------


def _no_traceback(result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    load([samples.path()], path)
    return path


def test_a_year_too_large_for_sqlite_is_a_usage_error(db: Path) -> None:
    for command in ("meetings", "votes", "alignment"):
        result = run(command, "--year", "99999999999999999999", "--db", str(db))
        assert result.exit_code == 2 and "not in the range" in result.output
        _no_traceback(result)


def test_render_into_a_missing_folder(tmp_path: Path) -> None:
    result = run("render", str(samples.path()), "--out", str(tmp_path / "no" / "such" / "x.md"))
    assert result.exit_code == 1 and "cannot write" in result.output
    _no_traceback(result)


def test_demo_into_a_folder_or_a_missing_folder(tmp_path: Path) -> None:
    for target, said in ((tmp_path, "is a directory"), (tmp_path / "no" / "x.db", "no folder")):
        result = run("demo", "--db", str(target))
        assert result.exit_code == 1 and said in result.output
        _no_traceback(result)


def test_rich_markup_in_the_source_is_text(tmp_path: Path) -> None:
    path = tmp_path / "markup.txt"
    path.write_text(
        section(title="The [/bold] question [red]x", rows=[row("S/PV.100 3 March", "A [/] report")])
    )
    result = run("parse", str(path), "--format", "summary")
    _no_traceback(result)
    assert "The [/bold] question [red]x" in result.output


def test_control_characters_never_reach_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "escape.txt"
    path.write_text(section(rows=[row("S/PV.100 \x1b[2J\x1b]0;owned\x07 March", "Report")]))
    for args in (("check", str(path)), ("parse", str(path), "--format", "summary")):
        result = run(*args)
        _no_traceback(result)
        assert "\x1b" not in result.output and "\x07" not in result.output
        assert "\\x1b[2J" in result.output


def test_a_device_is_not_read_and_a_pipe_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for target in ("/dev/zero", str(fifo)):
        # In a process of its own: were the file opened, it would never end (or never start).
        checked = subprocess.run(
            [*CLI, "check", target], capture_output=True, text=True, timeout=60
        )
        assert checked.returncode == 2 and "error[not-a-file]" in checked.stdout
        loaded = subprocess.run(
            [*CLI, "load", target, "--db", str(tmp_path / "x.db")],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert loaded.returncode == 2 and "not a regular file" in loaded.stderr
        assert "Traceback" not in checked.stderr + loaded.stderr


def test_a_file_larger_than_the_limit_is_a_finding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source, "LARGEST_INPUT", 1000)
    monkeypatch.setattr(load_module, "LARGEST_INPUT", 1000)
    path = tmp_path / "big.txt"
    path.write_text(section(narrative=["The Council met. " * 100]))
    assert [f.code for f in pipeline.parse_file(path).findings] == ["too-large"]
    report = load([path], tmp_path / "store.db", workers=0)
    assert report.documents[0].status == "failed"
    assert "larger than" in (report.documents[0].message or "")


def test_a_nul_after_the_first_8_kb_is_reported_and_not_stored(tmp_path: Path) -> None:
    text = section(narrative=["x" * 9000 + " The Council\x00 met."])
    document = pipeline.parse_bytes(text.encode(), "nul.txt")
    (found,) = [f for f in document.findings if f.code == "nul-bytes"]
    assert found.severity == "error" and found.line == 3
    assert "\x00" not in document.sections[0].paragraphs[0].text
    path = tmp_path / "nul.txt"
    path.write_bytes(text.encode())
    db = tmp_path / "store.db"
    load([path], db)
    with closing(sqlite3.connect(db)) as conn:
        assert (
            conn.execute("SELECT count(*) FROM paragraphs WHERE instr(text, char(0))").fetchone()[0]
            == 0
        )
        assert (
            conn.execute("SELECT count(*) FROM findings WHERE code = 'nul-bytes'").fetchone()[0]
            == 1
        )


def test_a_query_on_an_empty_file_leaves_it_empty(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    for command in ("meetings", "search"):
        args = [command, "sanctions"] if command == "search" else [command]
        result = run(*args, "--db", str(empty))
        assert result.exit_code == 1 and "empty file, not a store database" in result.output
        _no_traceback(result)
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


# -- the server ------------------------------------------------------------------------


def _get(datasette, path: str):
    return asyncio.run(datasette.client.get(path))


@pytest.fixture
def ds(db: Path):
    pytest.importorskip("datasette")
    from repertoire.web import make_datasette

    return make_datasette(db)


def test_a_section_number_too_large_for_sqlite_is_404(ds) -> None:
    for path in ("/-/section/99999999999999999999", "/-/section/99999999999999999999.md"):
        assert _get(ds, path).status_code == 404


def test_a_post_to_a_canned_query_is_405(ds) -> None:
    for path in ("/repertoire/vetoes", "/repertoire/alignment?member=France", "/repertoire"):
        response = asyncio.run(ds.client.post(path, data={"member": "France"}))
        assert response.status_code == 405, path
    assert _get(ds, "/repertoire/vetoes").status_code == 200


def _sql(ds, sql: str):
    return _get(ds, "/repertoire.json?" + urlencode({"sql": sql, "_shape": "objects"}))


def test_sql_functions_that_reach_outside_the_data_are_refused(ds) -> None:
    for sql in ("select fts3_tokenizer('simple')", "select fts3_tokenizer('x', x'00')"):
        response = _sql(ds, sql)
        assert response.status_code == 400 and "not authorized" in response.json()["error"]
    assert _sql(ds, "select count(*) as n from votes").status_code == 200


def test_no_absolute_server_path_is_shown(ds, db: Path) -> None:
    folder = str(db.parent)
    listed = _sql(ds, "select * from pragma_database_list()").json()["rows"]
    assert listed and all(row["file"] is None for row in listed)
    assert folder not in _get(ds, "/-/databases.json").text
    paths = _sql(ds, "select path, source from documents").json()["rows"]
    assert paths and all(not os.path.isabs(v) for row in paths for v in row.values())
    for page in ("/-/repertoire", "/-/section/1", "/repertoire/documents"):
        assert folder not in _get(ds, page).text, page


def test_serve_after_a_crashed_load_does_not_wait(db: Path) -> None:
    pytest.importorskip("datasette")
    from repertoire.web import make_datasette

    # A writer that dies after a commit, before any checkpoint: the log keeps the commit.
    crash = (
        "import os, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "conn.execute(\"UPDATE sections SET title = 'After the crash'\")\n"
        "os._exit(1)\n"
    )
    subprocess.run([sys.executable, "-c", crash, str(db)], check=False, timeout=60)
    wal = db.with_name(db.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    datasette = make_datasette(db)
    page = _get(datasette, "/-/section/1")
    assert page.status_code == 200 and "After the crash" in page.text
