"""The meetings table in the forms conversions give it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repertoire import parse
from repertoire.reference import patterns
from tests.factory import HEADER, row, section


def meetings(text: str):
    return parse(text).sections[0].meetings


def test_pipe_table_with_rule_and_escaped_bars() -> None:
    text = section(rows=[]).replace(
        HEADER,
        "| Meeting record and date | Sub-item | Other documents "
        "| Rule 37 invitations | Rule 39 and other invitations "
        "| Speakers | Decision and vote (for-against-abstaining) |"
        "\n|---|---|---|---|---|---|---|\n"
        "| S/PV.100 3 March | A \\| B report (S/2023/1) | | "
        "Chile | | invitee | |",
    )
    (meeting,) = meetings(text)
    assert meeting.sub_items[0].title == "A | B report" and meeting.rule_37 == ["Chile"]
    assert meeting.speakers.invitees == ["Chile"]


def test_continuation_on_the_next_line_adds_a_sub_item_and_a_draft() -> None:
    rows = [
        row(
            "S/PV.100 3 March",
            "First report (S/2023/1)",
            "Draft resolution submitted by Japan (S/2023/5)",
        ),
        row("", "Second report (S/2023/2)", "Draft resolution submitted by Malta (S/2023/6)"),
    ]
    (meeting,) = meetings(section(rows=rows))
    assert [d.document for d in meeting.sub_items] == ["S/2023/1", "S/2023/2"]
    assert [d.document for d in meeting.other_documents] == ["S/2023/5", "S/2023/6"]


def test_cell_continued_after_a_repeated_header() -> None:
    rows = [
        row("S/PV.100 3 March", "Report (S/2023/1)", r39="Director of the Office of"),
        "",
        HEADER,
        row("", r39="Humanitarian Affairs, Chief of Staff"),
    ]
    (meeting,) = meetings(section(rows=rows))
    assert meeting.rule_39 == ["Director of the Office of Humanitarian Affairs", "Chief of Staff"]


def test_two_decisions_in_one_cell() -> None:
    rows = [
        row(
            "S/PV.100 3 March",
            decision="Draft resolution (S/2023/5) not adopted 13-1-1 Resolution 2700 (2023) 15-0-0",
        )
    ]
    (meeting,) = meetings(section(rows=rows))
    assert [(d.kind, d.symbol) for d in meeting.decisions] == [
        ("draft_resolution", "S/2023/5"),
        ("resolution", "S/RES/2700 (2023)"),
    ]


def test_date_with_its_own_year_and_resumption() -> None:
    rows = [row("S/PV.100 (Resumption 1) 3 January 2024", "Report (S/2023/1)")]
    (meeting,) = meetings(section(rows=rows))
    assert (meeting.record, str(meeting.date)) == ("S/PV.100 (Resumption 1)", "2024-01-03")


def test_year_from_the_text_when_no_caption() -> None:
    text = section(narrative=["In 2019, the Council met.¹"]).replace("Meetings: ", "Table: ")
    document = parse(text)
    assert document.sections[0].year == 2019
    assert document.sections[0].meetings[0].date == dt.date(2019, 3, 3)


@pytest.mark.parametrize(
    ("cell", "date", "written"),
    [
        ("S/PV.100 27 January", dt.date(2023, 1, 27), "27 January"),
        ("S/PV.100 (Resumption 1) 27 January", dt.date(2023, 1, 27), "27 January"),
        ("S/PV.100 17 October ^a", dt.date(2023, 10, 17), "17 October"),
        ("S/PV.100 January 27, 2023", dt.date(2023, 1, 27), "January 27, 2023"),
        ("S/PV.100 sometime in spring", None, "sometime in spring"),
        ("S/PV.100", None, None),
    ],
)
def test_date_as_written_is_kept(cell: str, date: dt.date | None, written: str | None) -> None:
    (meeting,) = meetings(section(rows=[row(cell, "Report (S/2023/1)")], notes={"a": "A note."}))
    assert (meeting.date, meeting.date_text) == (date, written)


def test_speakers_as_written_where_the_cell_counts_or_groups() -> None:
    rows = [
        row("S/PV.100 3 March", "Report (S/2023/1)", r37="Chile", speakers="12 Council members"),
        row("S/PV.101 4 March", "Report (S/2023/2)", r37="Chile", speakers="Japan, all invitees"),
        row("S/PV.102 5 March", "Report (S/2023/3)", r37="Chile", speakers="Japan, Chile"),
    ]
    counted, grouped, named = meetings(section(rows=rows))
    assert (counted.speakers.members_text, counted.speakers.invitees_text) == (
        "12 Council members",
        None,
    )
    assert (grouped.speakers.members_text, grouped.speakers.invitees_text) == (
        None,
        "all invitees",
    )
    assert (named.speakers.members_text, named.speakers.invitees_text) == (None, None)


@settings(max_examples=200, deadline=None)
@given(note=st.from_regex(patterns.compiled("meetings", "videoconference")))
def test_every_note_of_a_videoconference_says_conference(note: str) -> None:
    # The table's notes are searched for a videoconference only when they say "conference".
    assert "conference" in note.casefold()


@settings(max_examples=100, deadline=None)
@given(
    text=st.one_of(
        *(
            st.from_regex(patterns.compiled("speakers", name))
            for name in ("all_members", "count", "all_invitees", "counted")
        )
    )
)
def test_no_count_or_whole_council_is_one_word(text: str) -> None:
    # A speakers item of one word of letters is not tried against these forms.
    assert not text.isalpha()
