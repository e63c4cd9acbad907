"""What the store keeps: speakers who were not invited, every footnote marker, dates as written."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from repertoire import samples
from repertoire.read import pipeline
from repertoire.records import (
    Decision,
    Document,
    Footnote,
    Meeting,
    Paragraph,
    Section,
    Span,
    Speaker,
    Speakers,
    Vote,
)
from repertoire.store import connect, load, queries, store_document
from repertoire.store.records import section_from_db

PIPE_TABLE = Path(__file__).parent / "data" / "pipe_table_section.md"


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    return connect(tmp_path / "store.db")


def _stored(conn: sqlite3.Connection, document: Document) -> None:
    result = store_document(conn, document, Path(document.source), document.source.encode())
    assert result.status == "added"


def _meeting_section() -> Section:
    meeting = Meeting(
        record="S/PV.9999",
        date=dt.date(2023, 3, 1),
        rule_37=["Mali"],
        rule_39=["Special Representative"],
        speakers=Speakers(
            council_members=[Speaker("Ghana")],
            # The Secretary-General and Chile spoke without being on either list.
            invitees=["Mali", "Secretary-General", "Chile"],
        ),
    )
    return Section("5", "The situation in Mali", 2023, meetings=[meeting])


# -- 2a: speakers on no invitation list ------------------------------------------


def test_speaker_on_no_invitation_list_has_basis_other(conn: sqlite3.Connection) -> None:
    _stored(conn, Document("speakers.txt", [_meeting_section()]))
    rows = conn.execute(
        "SELECT name, state, basis, spoke FROM participants ORDER BY ordinal"
    ).fetchall()
    assert rows == [
        ("Mali", "Mali", "rule_37", 1),
        ("Special Representative", None, "rule_39", 0),
        ("Secretary-General", None, "other", 1),
        ("Chile", "Chile", "other", 1),
        ("Ghana", "Ghana", "member", 1),
    ]
    spoke = queries.speakers(conn, meeting="S/PV.9999")
    assert [(r["name"], r["basis"]) for r in spoke] == [
        ("Mali", "rule_37"),
        ("Secretary-General", "other"),
        ("Chile", "other"),
        ("Ghana", "member"),
    ]


def test_speaker_on_no_list_is_rebuilt_as_a_speaker_not_an_invitee(
    conn: sqlite3.Connection,
) -> None:
    _stored(conn, Document("speakers.txt", [_meeting_section()]))
    section, _ = section_from_db(conn, 1)
    meeting = section.meetings[0]
    assert meeting.rule_37 == ["Mali"]
    assert meeting.rule_39 == ["Special Representative"]
    assert meeting.speakers.invitees == ["Mali", "Secretary-General", "Chile"]


def test_secretary_general_in_a_parsed_table(tmp_path: Path) -> None:
    db = tmp_path / "pipe.db"
    load([PIPE_TABLE], db)
    stored = connect(db)
    rows = stored.execute(
        "SELECT p.name, p.basis, p.spoke FROM participants p JOIN meetings m "
        "ON m.id = p.meeting_id WHERE m.record = 'S/PV.9440' AND p.basis <> 'member'"
    ).fetchall()
    assert rows == [("Special Coordinator", "rule_39", 0), ("Secretary-General", "other", 1)]
    parsed = pipeline.parse_file(PIPE_TABLE).sections[0]
    rebuilt, _ = section_from_db(stored, 1)
    for read, back in zip(parsed.meetings, rebuilt.meetings, strict=True):
        assert (back.rule_37, back.rule_39, back.speakers.invitees) == (
            read.rule_37,
            read.rule_39,
            read.speakers.invitees,
        )


# -- 2b: every footnote marker ---------------------------------------------------


def _footnoted() -> Document:
    first = Section(
        "1",
        "The first item",
        2023,
        paragraphs=[
            Paragraph("Cites 7 and 8.", footnotes=[7, 8], span=Span(3, 1, 10, 24)),
            Paragraph("Cites 7 again and 9.", footnotes=[7, 9], span=Span(5, 1, 30, 50)),
        ],
        footnotes=[Footnote(7, "Footnote seven.", span=Span(7, 1, 60, 75))],
    )
    second = Section(
        "2",
        "The second item",
        2023,
        # Footnote 7 belongs to the first section; 10 is defined here.
        paragraphs=[Paragraph("Cites 10 and 7.", footnotes=[10, 7], span=Span(12, 1, 90, 105))],
        footnotes=[Footnote(10, "Footnote ten.", span=Span(14, 1, 110, 123))],
    )
    return Document("footnoted.txt", [first, second])


def test_every_footnote_marker_is_kept(conn: sqlite3.Connection) -> None:
    _stored(conn, _footnoted())
    refs = conn.execute(
        "SELECT p.ordinal, s.number, r.ordinal, r.number, f.number, f.section_id, r.line "
        "FROM footnote_refs r JOIN paragraphs p ON p.id = r.paragraph_id "
        "JOIN sections s ON s.id = r.section_id LEFT JOIN footnotes f ON f.id = r.footnote_id "
        "ORDER BY r.id"
    ).fetchall()
    assert refs == [
        (1, "1", 1, 7, 7, 1, 3),
        (1, "1", 2, 8, None, None, 3),  # cited, never defined
        (2, "1", 1, 7, 7, 1, 5),  # cited a second time
        (2, "1", 2, 9, None, None, 5),
        (1, "2", 1, 10, 10, 2, 12),
        (1, "2", 2, 7, 7, 1, 12),  # defined in the other section
    ]
    # The footnote keeps its first citing paragraph, as before.
    first = conn.execute("SELECT paragraph_id FROM footnotes WHERE number = 7").fetchone()
    assert first == (1,)


def test_footnote_markers_are_rebuilt_in_order(conn: sqlite3.Connection) -> None:
    document = _footnoted()
    _stored(conn, document)
    for section_id, section in enumerate(document.sections, start=1):
        rebuilt, _ = section_from_db(conn, section_id)
        expected = [p.footnotes for p in section.paragraphs]
        assert [p.footnotes for p in rebuilt.paragraphs] == expected


def test_sample_markers_are_all_stored(tmp_path: Path) -> None:
    db = tmp_path / "sample.db"
    load([samples.path()], db)
    section = pipeline.parse_file(samples.path()).sections[0]
    stored = connect(db)
    numbers = [
        r[0]
        for r in stored.execute("SELECT number FROM footnote_refs ORDER BY paragraph_id, ordinal")
    ]
    assert numbers == [n for p in section.paragraphs for n in p.footnotes]
    undefined = stored.execute("SELECT number FROM footnote_refs WHERE footnote_id IS NULL")
    assert undefined.fetchall() == [
        (f.footnote,)
        for f in pipeline.parse_file(samples.path()).findings
        if f.code == "footnote-undefined"
    ]
    # Deleting the document takes the markers with it (through paragraphs).
    stored.execute("DELETE FROM documents")
    assert stored.execute("SELECT count(*) FROM footnote_refs").fetchone()[0] == 0


# -- 2c: the date as written -----------------------------------------------------


def test_date_as_written_in_tab_and_pipe_tables(tmp_path: Path) -> None:
    db = tmp_path / "dates.db"
    load([samples.path(), PIPE_TABLE], db)
    rows = (
        connect(db).execute("SELECT record, date, date_text FROM meetings ORDER BY id").fetchall()
    )
    assert rows[0] == ("S/PV.9251", "2023-01-27", "27 January")
    assert rows[5] == ("S/PV.9408", "2023-08-30", "30 August")
    # "S/PV.9439<br>16 October" in a Markdown table.
    assert rows[6] == ("S/PV.9439", "2023-10-16", "16 October")
    assert all(written for _, _, written in rows)


def test_date_as_written_is_the_records(conn: sqlite3.Connection) -> None:
    section = _meeting_section()
    _stored(conn, Document("speakers.txt", [section]))
    section.meetings[0].date_text = "1 March"
    _stored(conn, Document("written.txt", [section]))
    assert conn.execute("SELECT date, date_text FROM meetings ORDER BY id").fetchall() == [
        ("2023-03-01", None),
        ("2023-03-01", "1 March"),
    ]


def test_votes_follow_the_council_of_the_day(conn: sqlite3.Connection) -> None:
    """A unanimous vote of 27 December 1991 is the Russian Federation's, not the USSR's,
    though the USSR held the seat for most of that year."""
    decision = Decision(
        kind="resolution", symbol="S/RES/9999 (1991)", adopted=True, vote=Vote(15, 0, 0)
    )
    meeting = Meeting("S/PV.9999", dt.date(1991, 12, 27), decisions=[decision])
    _stored(conn, Document("day.txt", [Section("5", "A question", 1991, meetings=[meeting])]))
    members = {row[0] for row in conn.execute("SELECT member FROM votes")}
    assert "Russian Federation" in members and len(members) == 15
    assert "Union of Soviet Socialist Republics" not in members
