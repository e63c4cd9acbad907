"""A hand-made section in another converter's style: Markdown heading and bold caption, pipe
table, <br> inside cells, <sup> markers, a whole-Council speakers count and a veto."""

from __future__ import annotations

from pathlib import Path

import pytest

from repertoire import parse_file
from repertoire.records import Section

PATH = Path(__file__).parent / "data" / "pipe_table_section.md"


@pytest.fixture(scope="module")
def other() -> Section:
    document = parse_file(PATH)
    assert [f.code for f in document.all_findings()] == []
    return document.sections[0]


def test_heading_and_caption(other: Section) -> None:
    assert other.number == "14"
    assert other.title == "The situation in the Middle East, including the Palestinian question"
    assert other.year == 2023


def test_record_and_date_split_by_a_line_break(other: Section) -> None:
    assert [(m.record, str(m.date)) for m in other.meetings] == [
        ("S/PV.9439", "2023-10-16"),
        ("S/PV.9440", "2023-10-17"),
        ("S/PV.9442", "2023-10-18"),
    ]


def test_whole_council_and_named_speakers(other: Section) -> None:
    first, second, third = other.meetings
    assert len(first.speakers.council_members) == 15
    assert first.speakers.invitees == ["Israel", "State of Palestine", *first.rule_39]
    assert second.speakers.invitees == ["Secretary-General"]
    assert len(third.speakers.council_members) == 15


def test_veto_by_one_permanent_member(other: Section) -> None:
    (decision,) = other.meetings[2].decisions
    assert decision.vote is not None and decision.vote.to_dict() == {
        "for": 12,
        "against": 1,
        "abstaining": 2,
    }
    assert decision.vetoed_by == ["United States"] and decision.failure == "veto"
    assert decision.submitters == ["Brazil"]


def test_footnotes_with_sup_markers_and_real_links(other: Section) -> None:
    assert [f.number for f in other.footnotes] == [1, 2, 3]
    assert [c.symbol for c in other.footnotes[0].citations] == ["S/PV.9439", "S/PV.9440"]
    assert other.paragraphs[0].text.startswith("In 2023, the Council held three meetings")
