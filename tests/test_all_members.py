"""Speakers written without a count: "All Council members", "All members of the Council",
"all Council members except X (and Y)", "all invitees", alone or together. They stand for
the Council of the meeting's day and the meeting's invitees, in every conversion style."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from repertoire import parse
from repertoire.records import Document, Meeting
from repertoire.render import render
from tests.factory import row, section
from tests.test_conventions import STYLES

# The Council on 3 March 2023.
COUNCIL = [
    "Albania",
    "Brazil",
    "China",
    "Ecuador",
    "France",
    "Gabon",
    "Ghana",
    "Japan",
    "Malta",
    "Mozambique",
    "Russian Federation",
    "Switzerland",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
]
ENVOY = "Special Representative of the Secretary-General for Freedonia"
INVITEES = ["Chile", ENVOY]
NOTES = {
    "a": "Chile was represented by its Minister for Foreign Affairs.",
    "b": "The Special Representative participated in the meeting via videoconference.",
}


@pytest.fixture(params=STYLES, ids=lambda f: f.__name__)
def style(request: pytest.FixtureRequest) -> Callable[[str], str]:
    return request.param


def one_meeting(speakers: str, *, footnote: str = "See S/PV.100.", year: int = 2023) -> str:
    return section(
        year=year,
        narrative=["During the period under review, the Council held one meeting.¹"],
        footnotes={1: footnote},
        rows=[
            row("S/PV.100 3 March", "Report (S/2023/1)", r37="Chile", r39=ENVOY, speakers=speakers)
        ],
        notes={letter: NOTES[letter] for letter in NOTES if f"^{letter}" in speakers},
    )


def meeting(document: Document) -> Meeting:
    (first,) = document.sections[0].meetings
    return first


def warnings(document: Document) -> list[str]:
    return [f.code for f in document.all_findings() if f.severity != "info"]


def names(found: Meeting) -> list[str]:
    return [s.name for s in found.speakers.council_members]


# -- a section held out: "All Council members, all invitees" with positions ------------

HELD_OUT = section(
    number="14",
    title="The situation in Freedonia",
    narrative=[
        "During the period under review, the Council held two meetings in connection with the "
        "situation in Freedonia.⁵¹⁰ Council members welcomed the progress of the political "
        "transition.⁵¹¹ Several speakers called for humanitarian access.⁵¹²"
    ],
    footnotes={
        510: "For more information on the format of meetings, see part II, sect. I.",
        511: "See [S/PV.9501](#), Ghana (also on behalf of Gabon and Mozambique), Malta, Brazil "
        "and Japan; and [S/PV.9502](#), United States, China and Russian Federation.",
        512: "See [S/PV.9501](#), Chile, Ecuador and Switzerland; and [S/PV.9502](#), France and "
        "Albania.",
    },
    rows=[
        row(
            "S/PV.9501 12 April",
            "Report of the Secretary-General on Freedonia (S/2023/236)",
            r37="Chile",
            r39=ENVOY,
            speakers="All Council members, all invitees ^a",
        ),
        row(
            "S/PV.9502 16 June",
            "Report of the Secretary-General on Freedonia (S/2023/402)",
            r37="Chile",
            r39=ENVOY,
            speakers="All Council members ^b , all invitees",
        ),
    ],
    notes={
        "a": NOTES["a"],
        "b": "Ghana (also spoke on behalf of Gabon and Mozambique).",
    },
)


def test_held_out_section_reads_with_no_false_finding(style) -> None:
    document = parse(style(HELD_OUT))
    assert warnings(document) == []
    first, second = document.sections[0].meetings
    assert names(first) == COUNCIL and names(second) == COUNCIL
    assert first.speakers.invitees == second.speakers.invitees == INVITEES
    assert second.speakers.council_members[6].on_behalf_of == ["Gabon", "Mozambique"]
    # Every position is read, so none was passed over.
    positions = [p for f in document.sections[0].footnotes for p in f.positions]
    assert len(positions) == 4


def test_the_record_stores_the_expanded_speakers_as_for_a_count() -> None:
    expanded = parse(HELD_OUT).to_dict()["sections"][0]["meetings"][0]["speakers"]
    counted = parse(HELD_OUT.replace("All Council members,", "15 Council members,"))
    assert [s["name"] for s in expanded["council_members"]] == COUNCIL
    assert expanded["invitees"] == INVITEES
    assert (expanded["members_text"], expanded["invitees_text"]) == (
        "All Council members",
        "all invitees",
    )
    like = counted.to_dict()["sections"][0]["meetings"][0]["speakers"]
    assert {**like, "members_text": "All Council members"} == expanded


# -- each wording, in each conversion style ------------------------------------------

WORDINGS = {
    "All Council members": (COUNCIL, []),
    "All members of the Council": (COUNCIL, []),
    "all Council members except Japan": ([n for n in COUNCIL if n != "Japan"], []),
    "all Council members except Japan and Malta": (
        [n for n in COUNCIL if n not in ("Japan", "Malta")],
        [],
    ),
    "all invitees": ([], INVITEES),
    "All Council members, all invitees": (COUNCIL, INVITEES),
    "All Council members and all invitees": (COUNCIL, INVITEES),
    "All Council members ^a , all invitees": (COUNCIL, INVITEES),
    "All Council members, all invitees ^a": (COUNCIL, INVITEES),
    "All Council members ^a and all invitees ^b": (COUNCIL, INVITEES),
    "All members of the Council, all invitees ^b": (COUNCIL, INVITEES),
    "all Council members except Japan, all invitees": (
        [n for n in COUNCIL if n != "Japan"],
        INVITEES,
    ),
}


@pytest.mark.parametrize("wording", sorted(WORDINGS))
def test_each_wording(style, wording: str) -> None:
    document = parse(style(one_meeting(wording)))
    found = meeting(document)
    members, invitees = WORDINGS[wording]
    assert names(found) == members
    assert found.speakers.invitees == invitees
    assert [f.code for f in document.all_findings()] == []


@pytest.mark.parametrize("wording", sorted(WORDINGS))
def test_each_wording_is_rendered_as_written(wording: str) -> None:
    first = parse(one_meeting(wording))
    again = parse(render(first, "markdown"))
    assert meeting(again).speakers == meeting(first).speakers


def test_a_row_continued_on_the_next_line(style) -> None:
    text = section(
        rows=[
            row(
                "S/PV.100 3 March",
                "Report (S/2023/1)",
                r37="Chile",
                speakers="All Council members and",
            ),
            row(r39=ENVOY, speakers="all invitees"),
        ]
    )
    found = meeting(parse(style(text)))
    assert names(found) == COUNCIL
    assert found.speakers.invitees == INVITEES


# -- those left out ------------------------------------------------------------------


def test_a_position_of_a_member_left_out_is_still_reported(style) -> None:
    document = parse(
        style(
            one_meeting(
                "all Council members except Japan, all invitees",
                footnote="See S/PV.100, Brazil, Japan and Chile.",
            )
        )
    )
    assert "Japan" not in names(meeting(document))
    (finding,) = document.all_findings()
    assert finding.code == "position-not-speaker"
    assert "Japan is said to have spoken at S/PV.100" in finding.message


def test_those_left_out_listed_with_commas() -> None:
    found = meeting(
        parse(one_meeting("All Council members except Brazil, Japan and Malta, all invitees"))
    )
    assert names(found) == [n for n in COUNCIL if n not in ("Brazil", "Japan", "Malta")]
    assert found.speakers.members_text == "All Council members except Brazil, Japan and Malta"
    assert found.speakers.invitees == INVITEES


def test_an_invitee_after_those_left_out_spoke() -> None:
    found = meeting(parse(one_meeting("All Council members except Brazil, Chile")))
    assert names(found) == [n for n in COUNCIL if n != "Brazil"]
    assert found.speakers.invitees == ["Chile"]


def test_left_out_but_not_on_the_council() -> None:
    document = parse(one_meeting("all Council members except Germany and Unitd States"))
    assert names(meeting(document)) == COUNCIL
    found = [(f.code, f.message) for f in document.all_findings()]
    assert [code for code, _ in found] == ["speaker-except", "speaker-except"]
    assert "leaves out Germany, which did not sit on the Council on 2023-03-03" in found[0][1]
    assert "did you mean United States?" in found[1][1]


# -- notes and days ------------------------------------------------------------------


def test_a_note_listing_members_gives_what_they_spoke_on_behalf_of() -> None:
    text = section(
        rows=[row("S/PV.100 3 March", "Report (S/2023/1)", speakers="All Council members ^a")],
        notes={"a": "Ghana (also spoke on behalf of Gabon and Mozambique) and Germany."},
    )
    document = parse(text)
    found = meeting(document)
    assert names(found) == [*COUNCIL, "Germany"]
    assert found.speakers.council_members[COUNCIL.index("Ghana")].on_behalf_of == [
        "Gabon",
        "Mozambique",
    ]
    # A State the note names that did not sit is kept, and the rules report it.
    assert warnings(document) == ["speaker-not-member"]


def test_the_council_of_a_day_not_known() -> None:
    document = parse(one_meeting("All Council members, all invitees", year=1900))
    found = meeting(document)
    assert names(found) == []
    assert found.speakers.invitees == INVITEES
    (finding,) = document.all_findings()
    assert (finding.code, finding.severity) == ("speaker-unlisted", "info")
