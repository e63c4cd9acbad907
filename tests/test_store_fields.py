"""The record's later fields survive the store: joint symbols, a document's other symbols and
submitters, meetings by videoconference or in private and who took part from afar, and what
kind of speaker a speaker is."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from repertoire.read import pipeline
from repertoire.records import Document, Section
from repertoire.render import render
from repertoire.store import connect, load
from repertoire.store.records import document_from_db, section_from_db

THEMATIC = Path(__file__).parent / "data" / "thematic_section.txt"


@pytest.fixture(scope="module")
def parsed() -> Section:
    return pipeline.parse_file(THEMATIC).sections[0]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    db = tmp_path_factory.mktemp("fields") / "thematic.db"
    load([THEMATIC], db)
    return connect(db)


@pytest.fixture(scope="module")
def rebuilt(stored: sqlite3.Connection) -> Section:
    section, _ = section_from_db(stored, 1)
    return section


def test_the_file_has_every_convention(parsed: Section) -> None:
    """Each field below is set somewhere in the file, so a field dropped would show."""
    citations = [c for f in parsed.footnotes for c in f.citations]
    refs = [r for m in parsed.meetings for r in (*m.sub_items, *m.other_documents)]
    kinds = {s.kind for f in parsed.footnotes for p in f.positions for s in p.speakers}
    assert any(c.joint for c in citations)
    assert any(r.also for r in refs)
    assert any(r.submitters for r in refs)
    assert any(m.videoconference for m in parsed.meetings)
    assert any(m.private for m in parsed.meetings)
    assert any(m.remote for m in parsed.meetings)
    assert {"state", "organization", "group", "person"} <= kinds


def test_joint_symbols_are_stored(stored: sqlite3.Connection) -> None:
    rows = stored.execute(
        "SELECT DISTINCT symbol, joint FROM citations WHERE joint IS NOT NULL ORDER BY symbol"
    ).fetchall()
    assert rows == [
        ("A/75/999", "A/75/999-S/2021/555"),
        ("S/2021/555", "A/75/999-S/2021/555"),
    ]


def test_other_symbols_and_submitters_are_stored(stored: sqlite3.Connection) -> None:
    also = stored.execute(
        "SELECT symbol, also FROM agenda_items WHERE also IS NOT NULL ORDER BY id"
    ).fetchall()
    assert also == [("S/2021/555", "A/75/999"), ("S/2021/900", "S/2021/900/Corr.1")]
    (submitters,) = stored.execute(
        "SELECT submitters FROM agenda_items WHERE symbol = 'S/2021/950'"
    ).fetchone()
    assert submitters.split("; ")[:2] == ["Argentina", "Belgium"]
    assert len(submitters.split("; ")) == 21


def test_meeting_flags_and_remote_participants_are_stored(stored: sqlite3.Connection) -> None:
    rows = stored.execute(
        "SELECT record, videoconference, private, remote FROM meetings "
        "WHERE videoconference OR private OR remote IS NOT NULL ORDER BY ordinal"
    ).fetchall()
    assert rows == [
        (
            "S/2021/150",
            1,
            0,
            "Special Representative of the Secretary-General for Children and Armed Conflict; "
            "Executive Director of the United Nations Children's Fund",
        ),
        ("S/PV.8800", 0, 0, "youth representative"),
        ("S/PV.8910 (closed)", 0, 1, None),
    ]


def test_speaker_kinds_are_stored(stored: sqlite3.Connection) -> None:
    kinds = dict(
        stored.execute(
            "SELECT name, kind FROM positions WHERE through IS NULL AND kind <> 'state'"
        ).fetchall()
    )
    assert kinds == {
        "European Union": "organization",
        "Group of Friends of Children and Armed Conflict": "group",
        "Special Representative of the Secretary-General for Children and Armed Conflict": (
            "person"
        ),
    }
    members = stored.execute(
        "SELECT count(*), count(kind) FROM participants WHERE basis = 'member'"
    ).fetchone()
    assert members[0] == members[1] > 0


def test_every_field_is_read_back(parsed: Section, rebuilt: Section) -> None:
    for read, back in zip(parsed.footnotes, rebuilt.footnotes, strict=True):
        assert [c.joint for c in back.citations] == [c.joint for c in read.citations]
        # Positions at one meeting come back as one (the rows keep no boundary between them).
        assert [(s.name, s.kind) for p in back.positions for s in p.speakers] == [
            (s.name, s.kind) for p in read.positions for s in p.speakers
        ]
    for read_meeting, back_meeting in zip(parsed.meetings, rebuilt.meetings, strict=True):
        assert (back_meeting.videoconference, back_meeting.private, back_meeting.remote) == (
            read_meeting.videoconference,
            read_meeting.private,
            read_meeting.remote,
        )
        assert [s.kind for s in back_meeting.speakers.council_members] == [
            s.kind for s in read_meeting.speakers.council_members
        ]
        for role in ("sub_items", "other_documents"):
            read_refs, back_refs = getattr(read_meeting, role), getattr(back_meeting, role)
            assert [(r.also, r.submitters) for r in back_refs] == [
                (r.also, r.submitters) for r in read_refs
            ]


def test_rendering_from_the_store_equals_rendering_from_the_file(
    stored: sqlite3.Connection,
) -> None:
    parsed = pipeline.parse_file(THEMATIC)
    from_db = document_from_db(stored)
    for fmt in ("markdown", "html"):
        assert render(Document("x", from_db.sections), fmt) == render(
            Document("x", parsed.sections), fmt
        )
