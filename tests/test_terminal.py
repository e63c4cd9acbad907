"""At 80 columns the terminal views never hide or break an identifier.

Every meeting record, document symbol and date of the sample must appear whole
(on one line) in what ``meetings``, ``votes``, ``speakers``, ``parse --format
summary`` and ``demo`` print as a table, and every finding's FILE:LINE:COL on
one line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from repertoire import samples
from repertoire.cli import main
from repertoire.records import Document
from repertoire.store import load

WIDTH = 80
FINDING = re.compile(r"\S+:\d+:\d+: (?:error|warning|info)\[[a-z0-9-]+\] ")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("terminal") / "store.db"
    load([samples.path()], path)
    return path


def show(*args: str, width: int = WIDTH) -> list[str]:
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(main, list(args))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # Only a finding and a command to copy are left whole for the terminal to fold.
    too_wide = [
        line
        for line in lines
        if len(line) > width and not FINDING.match(line) and not line.startswith("  repertoire ")
    ]
    assert not too_wide, too_wide
    return lines


def whole(lines: list[str], text: str) -> bool:
    return any(text in line for line in lines)


def _identifiers(document: Document) -> tuple[set[str], set[str], set[str]]:
    records = {m.record for m in document.meetings}
    dates = {m.date.isoformat() for m in document.meetings if m.date}
    symbols = {d.symbol for d in document.decisions if d.symbol}
    return records, dates, symbols


def test_meetings_at_80_columns(db: Path, sample_doc: Document) -> None:
    lines = show("meetings", "--db", str(db), "--format", "table")
    records, dates, _ = _identifiers(sample_doc)
    for text in records | dates:
        assert whole(lines, text), text
    # Each sub-item title is there, word by word, in its own order.
    joined = " ".join(" ".join(lines).split())
    assert "Report of the Secretary-General on the internal review of the United" in joined


def test_votes_at_80_columns_keep_the_veto(db: Path, sample_doc: Document) -> None:
    _, _, symbols = _identifiers(sample_doc)
    for args in (["votes"], ["votes", "--member", "Russia"], ["votes", "--vetoes"]):
        lines = show(*args, "--db", str(db), "--format", "table")
        for meeting in sample_doc.meetings:
            for decision in meeting.decisions:
                if args[1:] == ["--vetoes"] and not decision.vetoed_by:
                    continue
                assert whole(lines, meeting.record) and whole(lines, decision.symbol or "")
                assert whole(lines, str(meeting.date))
                assert whole(lines, str(decision.vote))
        # The veto stays, the name whole on its line.
        assert whole(lines, "Russian Federation"), args
    assert symbols <= {
        s for s in symbols if whole(show("votes", "--db", str(db), "--format", "table"), s)
    }


def test_speakers_at_80_columns(db: Path, sample_doc: Document) -> None:
    lines = show("speakers", "--db", str(db), "--format", "table", "--limit", "0")
    records, dates, _ = _identifiers(sample_doc)
    for text in records | dates:
        assert whole(lines, text), text
    # Every speaker's row is there, with the record and date on the same line.
    rows = [line for line in lines if re.search(r"S/PV\.\d+ .* 20\d\d-\d\d-\d\d", line)]
    assert len(rows) == 86 or whole(lines, "── 86 ──")


def _summary_checks(lines: list[str], document: Document) -> None:
    records, dates, symbols = _identifiers(document)
    for meeting in document.meetings:
        assert whole(lines, f"{meeting.record}  {meeting.date}"), meeting.record
    for text in records | dates | symbols:
        assert whole(lines, text), text
    for meeting in document.meetings:
        for ref in [*meeting.sub_items, *meeting.other_documents]:
            if ref.document:
                assert whole(lines, ref.document), ref.document
    findings = [line for line in lines if re.search(r"\.txt:\d+:\d+: warning\[", line)]
    assert len(findings) == 3
    assert all(re.match(r"\S+\.txt:\d+:\d+: warning\[[a-z-]+\] ", line) for line in findings)


def test_parse_summary_at_80_columns(sample_doc: Document) -> None:
    lines = show("parse", str(samples.path()), "--format", "summary")
    _summary_checks(lines, sample_doc)


def test_demo_at_80_columns(sample_doc: Document, tmp_path: Path) -> None:
    lines = show("demo", "--db", str(tmp_path / "demo.db"))
    _summary_checks(lines, sample_doc)
    assert whole(lines, "votes --db") and whole(lines, "serve --db")


@pytest.mark.parametrize("width", [60, 80, 120])
def test_a_narrow_terminal_gets_one_block_per_row(db: Path, width: int) -> None:
    lines = show("votes", "--member", "Russia", "--db", str(db), "--format", "table", width=width)
    assert whole(lines, "S/RES/2690 (2023)") and whole(lines, "Russian Federation")
    if width < 100:
        assert whole(lines, "── 1 ──")  # too narrow for the table: blocks
