"""Faults: valid UTF-8 that once raised, a reader fault in a batch, and hostile bytes at the CLI.

Every command answers with findings, a clear message and an exit code, never a traceback;
one bad file in a batch is reported and the others are read and loaded.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from repertoire import parse
from repertoire.cli import main
from repertoire.read import pipeline
from repertoire.store import load
from tests.factory import row, section

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
    """A fault of the reader on one file (the reader is meant never to raise)."""
    real = pipeline.parse

    def parse_or_fail(text: str, source: str | None = None):
        if source and source.endswith("part-1.txt"):
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, source)

    monkeypatch.setattr(pipeline, "parse", parse_or_fail)


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
