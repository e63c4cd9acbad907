"""Bad input gives findings and exit codes, never a traceback; what can be read is kept."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from repertoire import parse
from repertoire.cli import main
from repertoire.read.pipeline import parse_bytes, parse_file
from tests.factory import HEADER, section


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("")
    result = run("check", str(path))
    assert result.exit_code == 2 and "error[empty-input]" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_directory(tmp_path: Path) -> None:
    result = run("check", str(tmp_path))
    assert result.exit_code == 2 and "error[not-a-file]" in result.output


def test_missing_file(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2 and "error[unreadable]" in result.output


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(bytes(range(256)) * 4)
    document = parse_file(path)
    assert [f.code for f in document.findings] == ["binary-input"]
    assert run("check", str(path)).exit_code == 2


def test_invalid_utf8_reports_the_byte_offset() -> None:
    data = section().encode() + b"\n\nBad \xff byte.\n"
    document = parse_bytes(data, "bad.txt")
    (finding,) = [f for f in document.findings if f.code == "invalid-utf8"]
    assert f"byte offset {len(section().encode()) + 6}" in finding.message
    assert document.sections and document.sections[0].meetings, "the rest is still read"


def test_text_without_a_section_heading() -> None:
    document = parse("The Council met on 3 March.¹\n\n¹ See S/PV.100.\n")
    assert [f.code for f in document.findings] == ["no-section"]
    assert document.sections[0].paragraphs[0].text == "The Council met on 3 March."
    assert document.sections[0].footnotes[0].citations[0].symbol == "S/PV.100"


def test_truncated_table_keeps_what_was_read() -> None:
    text = section().split("\n")
    truncated = "\n".join(text) + "S/PV.101 4 March\tReport on\n"
    document = parse(truncated)
    assert [m.record for m in document.sections[0].meetings] == ["S/PV.100", "S/PV.101"]
    assert document.sections[0].meetings[1].sub_items[0].title == "Report on"
    assert "table-truncated" in [f.code for f in document.all_findings()]


def test_header_only_table() -> None:
    document = parse("1. Item\n\nMeetings: Item, 2023\n\n" + HEADER + "\n")
    assert document.sections[0].meetings == []
    assert [f.code for f in document.all_findings()] == ["table-truncated"]


def test_strict_turns_warnings_into_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_text(section(narrative=["Met.¹ Again.²"]))
    assert run("check", str(path)).exit_code == 0
    assert run("check", "--strict", str(path)).exit_code == 1


def test_parse_never_raises_on_garbage() -> None:
    for text in ("\t\t\t", "|||\n|---|", "^a", "¹", "1. \n\n\t\tS/PV.1", "Meetings: , 2023"):
        parse(text)
