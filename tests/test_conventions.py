"""Conventions real sections use beyond the sample, one small hand-made section each,
read in the sample's conversion style and in the other styles the reader supports.

Each test states the facts a convention must give and the findings it must not.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from repertoire import parse
from repertoire.read.symbols import url
from repertoire.records import Document, Meeting, Section
from tests import variations
from tests.factory import row, section

SUPERSCRIPT = str.maketrans("abcdefgh", "ᵃᵇᶜᵈᵉᶠᵍʰ")


def as_written(text: str) -> str:
    return text


def sup_markers(text: str) -> str:
    """Footnote and note markers as <sup> tags, wherever they stand (also at a cell's end)."""
    text = variations.sup_tags(text)
    return re.sub(r"\^([a-z])(?![A-Za-z])", r"<sup>\1</sup>", text)


def superscript_letters(text: str) -> str:
    """Note markers as superscript letters, wherever they stand."""
    return re.sub(r"\^([a-h])(?![A-Za-z])", lambda m: m.group(1).translate(SUPERSCRIPT), text)


STYLES: list[Callable[[str], str]] = [
    as_written,
    variations.pipe_table,
    sup_markers,
    variations.carets,
    superscript_letters,
    variations.crlf,
    variations.nbsp,
    variations.footnotes_at_end,
    variations.trailing_spaces,
    variations.plain_links,
]


@pytest.fixture(params=STYLES, ids=lambda f: f.__name__)
def style(request: pytest.FixtureRequest) -> Callable[[str], str]:
    return request.param


def read(text: str, style: Callable[[str], str]) -> Document:
    return parse(style(text))


def only(document: Document) -> Section:
    (first,) = document.sections
    return first


def codes(document: Document, *, info: bool = False) -> list[str]:
    return [f.code for f in document.all_findings() if info or f.severity != "info"]


def meeting(document: Document, index: int = 0) -> Meeting:
    return only(document).meetings[index]


# -- counted lists -------------------------------------------------------------


def test_member_states_counted_in_rule_37(style) -> None:
    text = section(
        rows=[
            row(
                "S/PV.100 3 March",
                "Report (S/2023/1)",
                r37="Chile, 3 Member States ^a",
                speakers="15 Council members, all invitees",
            )
        ],
        notes={"a": "Argentina, Bolivia (Plurinational State of) and Peru."},
    )
    document = read(text, style)
    first = meeting(document)
    assert first.rule_37 == ["Chile", "Argentina", "Bolivia (Plurinational State of)", "Peru"]
    assert first.speakers.invitees == first.rule_37
    assert first.notes == ["a"]
    assert codes(document, info=True) == []


def test_count_and_list_disagree(style) -> None:
    text = section(
        rows=[row("S/PV.100 3 March", "Report (S/2023/1)", r37="4 Member States ^a")],
        notes={"a": "Argentina, Brazil and Peru."},
    )
    document = read(text, style)
    assert meeting(document).rule_37 == ["Argentina", "Brazil", "Peru"]
    (finding,) = document.all_findings()
    assert (finding.code, finding.severity) == ("invitation-count", "warning")
    assert "4 Member States" in finding.message and "lists 3 names" in finding.message


def test_counted_list_without_a_note_is_no_state(style) -> None:
    text = section(rows=[row("S/PV.100 3 March", "Report (S/2023/1)", r37="3 Member States")])
    document = read(text, style)
    assert meeting(document).rule_37 == []
    assert [(f.code, f.severity) for f in document.all_findings()] == [
        ("invitation-unlisted", "info")
    ]


def test_a_state_whose_name_ends_as_a_count_does_is_named(style) -> None:
    text = section(
        rows=[
            row(
                "S/PV.100 3 March",
                "Report (S/2023/1)",
                r37="Chile",
                speakers="Albania, United States, Chile",
            )
        ]
    )
    document = read(text, style)
    first = meeting(document)
    assert [s.name for s in first.speakers.council_members] == ["Albania", "United States"]
    assert first.speakers.invitees == ["Chile"]
    assert codes(document, info=True) == []


def test_invitees_counted_in_the_speakers_cell(style) -> None:
    person = "Special Representative of the Secretary-General and Head of the Mission"
    text = section(
        rows=[
            row(
                "S/PV.100 3 March",
                "Report (S/2023/1)",
                r37="Argentina, Brazil, Chile",
                r39=person,
                speakers="15 Council members, 3 invitees ^a",
            )
        ],
        notes={"a": f"Brazil, Chile and the {person}."},
    )
    document = read(text, style)
    first = meeting(document)
    assert first.speakers.invitees == ["Brazil", "Chile", person]
    assert len(first.speakers.council_members) == 15
    assert codes(document, info=True) == []


def test_invitees_count_that_disagrees(style) -> None:
    text = section(
        rows=[
            row(
                "S/PV.100 3 March",
                "Report (S/2023/1)",
                r37="Argentina, Brazil",
                speakers="5 invitees ^a",
            )
        ],
        notes={"a": "Argentina and Brazil."},
    )
    document = read(text, style)
    assert meeting(document).speakers.invitees == ["Argentina", "Brazil"]
    assert codes(document) == ["speaker-count"]


def test_council_members_counted(style) -> None:
    text = section(
        rows=[row("S/PV.100 3 March", "Report (S/2023/1)", speakers="3 Council members ^a")],
        notes={"a": "Brazil, Ghana (also spoke on behalf of Gabon and Mozambique) and Japan."},
    )
    document = read(text, style)
    members = meeting(document).speakers.council_members
    assert [(s.name, s.on_behalf_of) for s in members] == [
        ("Brazil", []),
        ("Ghana", ["Gabon", "Mozambique"]),
        ("Japan", []),
    ]
    assert codes(document, info=True) == []


def test_submitters_counted_in_a_note(style) -> None:
    text = section(
        rows=[
            row(
                "S/PV.100 3 March",
                "Report (S/2023/1)",
                "Draft resolution submitted by 4 Member States ^a (S/2023/5)",
                decision="Resolution 2700 (2023) 15-0-0",
            )
        ],
        notes={"a": "Brazil, Czech Republic, Japan and Türkiye."},
    )
    document = read(text, style)
    first = meeting(document)
    (draft,) = first.other_documents
    assert (draft.title, draft.document) == (
        "Draft resolution submitted by 4 Member States",
        "S/2023/5",
    )
    assert draft.submitters == ["Brazil", "Czechia", "Japan", "Türkiye"]
    (decision,) = first.decisions
    assert decision.draft == "S/2023/5" and decision.submitters == draft.submitters
    assert codes(document, info=True) == []


def test_a_submitter_whose_name_ends_as_a_count_does_is_named(style) -> None:
    text = section(
        rows=[
            row(
                "S/PV.100 3 March",
                other="Draft resolution submitted by United States (S/2023/5)",
                decision="Draft resolution (S/2023/5) not adopted 12-1-2",
            )
        ]
    )
    document = read(text, style)
    (draft,) = meeting(document).other_documents
    assert draft.submitters == ["United States"]
    assert codes(document, info=True) == []


# -- symbols -------------------------------------------------------------------


def test_joint_symbol_everywhere(style) -> None:
    text = section(
        narrative=[
            "During the period under review, the Council held one meeting and considered the "
            "report (A/78/123-S/2024/456).¹ The report covered twenty situations.²"
        ],
        footnotes={
            1: "See S/PV.100. See also A/78/123-S/2024/456.",
            2: "A/78/123–S/2024/456, annex.",
        },
        rows=[row("S/PV.100 3 March", "Annual report (A/78/123-S/2024/456)")],
    )
    document = read(text, style)
    current = only(document)
    assert current.paragraphs[0].citations == ["A/78/123", "S/2024/456"]
    first, second = current.footnotes
    assert [(c.symbol, c.pinpoint, c.joint) for c in first.citations] == [
        ("S/PV.100", None, None),
        ("A/78/123", None, "A/78/123-S/2024/456"),
        ("S/2024/456", None, "A/78/123-S/2024/456"),
    ]
    assert [(c.symbol, c.pinpoint, c.joint) for c in second.citations] == [
        ("A/78/123", "annex", "A/78/123-S/2024/456"),
        ("S/2024/456", "annex", "A/78/123-S/2024/456"),
    ]
    source = style(text)
    for citation in (*first.citations[1:], *second.citations):
        written = source[citation.span.start : citation.span.end]
        assert written.startswith(citation.symbol)
    assert [url(c.symbol) for c in first.citations[1:]] == [
        "https://undocs.org/en/A/78/123",
        "https://undocs.org/en/S/2024/456",
    ]
    (report,) = current.meetings[0].sub_items
    assert (report.title, report.document, report.also) == (
        "Annual report",
        "S/2024/456",
        ["A/78/123"],
    )
    assert codes(document, info=True) == []


@pytest.mark.parametrize(
    ("cited", "expected"),
    [
        ("See S/2024/456/Corr.1.", [("S/2024/456/Corr.1", None)]),
        ("See S/2024/456 and Corr.1.", [("S/2024/456", None), ("S/2024/456/Corr.1", None)]),
        (
            "See S/2024/456, Add.1 and Add.2, para. 4.",
            [
                ("S/2024/456", "para. 4"),
                ("S/2024/456/Add.1", "para. 4"),
                ("S/2024/456/Add.2", "para. 4"),
            ],
        ),
        (
            "See S/2024/456/Add.1 and S/2024/456/Rev.1.",
            [
                ("S/2024/456/Add.1", None),
                ("S/2024/456/Rev.1", None),
            ],
        ),
    ],
)
def test_corrigenda_addenda_and_revisions(style, cited: str, expected) -> None:
    text = section(footnotes={1: cited})
    document = read(text, style)
    (footnote,) = only(document).footnotes
    assert [(c.symbol, c.pinpoint) for c in footnote.citations] == expected
    assert codes(document, info=True) == []


def test_sub_item_with_its_corrigendum(style) -> None:
    text = section(rows=[row("S/PV.100 3 March", "Report (S/2024/456 and Corr.1)")])
    (report,) = meeting(read(text, style)).sub_items
    assert (report.title, report.document, report.also) == (
        "Report",
        "S/2024/456",
        ["S/2024/456/Corr.1"],
    )


# -- pinpoints -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cited", "symbol", "pinpoint"),
    [
        ("S/PRST/2024/1, fourth paragraph.", "S/PRST/2024/1", "fourth paragraph"),
        (
            "S/PRST/2024/1, second and third paragraphs.",
            "S/PRST/2024/1",
            "second and third paragraphs",
        ),
        (
            "Resolution 2700 (2024), third preambular paragraph.",
            "S/RES/2700 (2024)",
            "third preambular paragraph",
        ),
        ("S/2024/456, annex, para. 3.", "S/2024/456", "annex, para. 3"),
        ("S/2024/456, sect. II.", "S/2024/456", "sect. II"),
        ("Resolution 2700 (2024), paras. 3–5.", "S/RES/2700 (2024)", "paras. 3–5"),
        ("See A/78/2, part II, chap. IV.", "A/78/2", "part II, chap. IV"),
    ],
)
def test_pinpoints(style, cited: str, symbol: str, pinpoint: str) -> None:
    text = section(footnotes={1: cited})
    (footnote,) = only(read(text, style)).footnotes
    assert [(c.symbol, c.pinpoint) for c in footnote.citations] == [(symbol, pinpoint)]


def test_ibid_with_an_ordinal_pinpoint(style) -> None:
    text = section(
        narrative=["The Council acted.¹ It also said more.²"],
        footnotes={1: "S/PRST/2024/1, first paragraph.", 2: "Ibid., fifth paragraph."},
    )
    second = only(read(text, style)).footnotes[1]
    assert second.ibid_of == 1
    assert (second.citations[0].symbol, second.citations[0].pinpoint) == (
        "S/PRST/2024/1",
        "fifth paragraph",
    )


# -- positions in footnotes ----------------------------------------------------

MEMBERS = (
    "Albania, Brazil, China, Ecuador, France, Ghana (also spoke on behalf of Gabon and "
    "Mozambique), Japan and Malta."
)


def positions_section(footnote: str, *, r37: str = "", r39: str = "", narrative: str = "") -> str:
    return section(
        narrative=[narrative or "Several members agreed.¹"],
        footnotes={1: footnote},
        rows=[
            row(
                "S/PV.100 3 March",
                "Report (S/2023/1)",
                r37=r37,
                r39=r39,
                speakers="8 Council members ^a" + (", all invitees" if r37 or r39 else ""),
            )
        ],
        notes={"a": MEMBERS},
    )


def spoke(document: Document) -> list[tuple[str, str, str, list[str]]]:
    (footnote,) = only(document).footnotes
    return [
        (p.meeting, s.name, s.kind, s.on_behalf_of) for p in footnote.positions for s in p.speakers
    ]


def test_groups_separated_by_semicolons(style) -> None:
    text = positions_section(
        "See S/PV.100, Brazil and China; Ghana (also on behalf of Gabon and Mozambique) and "
        "Japan; and Albania and Malta."
    )
    document = read(text, style)
    assert spoke(document) == [
        ("S/PV.100", "Brazil", "state", []),
        ("S/PV.100", "China", "state", []),
        ("S/PV.100", "Ghana", "state", ["Gabon", "Mozambique"]),
        ("S/PV.100", "Japan", "state", []),
        ("S/PV.100", "Albania", "state", []),
        ("S/PV.100", "Malta", "state", []),
    ]
    assert codes(document, info=True) == []


def test_ibid_followed_by_more_groups(style) -> None:
    text = section(
        narrative=["One said.¹ Others said.²"],
        footnotes={
            1: "See S/PV.100.",
            2: "Ibid., Brazil and Japan; and Ghana (also on behalf of Gabon and Mozambique).",
        },
        rows=[row("S/PV.100 3 March", "Report (S/2023/1)", speakers="8 Council members ^a")],
        notes={"a": MEMBERS},
    )
    document = read(text, style)
    positions = only(document).footnotes[1].positions
    assert [(p.meeting, [s.name for s in p.speakers]) for p in positions] == [
        ("S/PV.100", ["Brazil", "Japan"]),
        ("S/PV.100", ["Ghana"]),
    ]
    assert codes(document, info=True) == []


def test_on_behalf_of_states_that_did_not_attend(style) -> None:
    text = positions_section(
        "See S/PV.100, Ghana (also on behalf of Kenya, Chad and the Niger) and Brazil."
    )
    document = read(text, style)
    assert spoke(document)[0] == ("S/PV.100", "Ghana", "state", ["Kenya", "Chad", "Niger"])
    assert codes(document, info=True) == []


def test_groups_of_states_named_as_such(style) -> None:
    text = positions_section(
        "See S/PV.100, Ghana (on behalf of the A3), Japan (on behalf of the Group of Friends of "
        "Children and Armed Conflict), the members of the Group of Arab States and Malta; and "
        "the Nordic countries.",
    )
    document = read(text, style)
    assert spoke(document) == [
        ("S/PV.100", "Ghana", "state", ["A3"]),
        ("S/PV.100", "Japan", "state", ["Group of Friends of Children and Armed Conflict"]),
        ("S/PV.100", "Group of Arab States", "group", []),
        ("S/PV.100", "Malta", "state", []),
        ("S/PV.100", "Nordic countries", "group", []),
    ]
    assert codes(document, info=True) == []


def test_a_misspelt_state_is_still_reported(style) -> None:
    document = read(positions_section("See S/PV.100, Brazil and Unitd States."), style)
    unknown = [f for f in document.all_findings() if f.code == "position-unknown-name"]
    assert unknown and "did you mean United States?" in unknown[0].message


# -- narrative claims ------------------------------------------------------------


def test_a_dated_event_is_no_count(style) -> None:
    text = section(
        narrative=[
            "During the period under review, the Council held two meetings.¹ On 3 March, the "
            "Council held a meeting in connection with the report."
        ],
        rows=[
            row("S/PV.100 3 March", "Report (S/2023/1)"),
            row("S/PV.101 4 May", "Report (S/2023/2)"),
        ],
    )
    assert codes(read(text, style), info=True) == []


def test_a_count_for_the_period_is_still_checked(style) -> None:
    text = section(
        narrative=["During the period under review, the Council held three meetings.¹"],
        rows=[row("S/PV.100 3 March", "Report (S/2023/1)")],
    )
    document = read(text, style)
    (finding,) = document.all_findings()
    assert finding.code == "claim-count" and "held three meetings" in finding.message


def test_an_article_counts_only_for_the_period(style) -> None:
    text = section(
        narrative=["In 2023, the Council held a meeting on the question.¹"],
        rows=[
            row("S/PV.100 3 March", "Report (S/2023/1)"),
            row("S/PV.101 4 May", "Report (S/2023/2)"),
        ],
    )
    assert codes(read(text, style)) == ["claim-count"]


def test_the_event_tells_the_kind_of_meeting(style) -> None:
    text = section(
        narrative=[
            "During the period under review, the Council held one meeting, which took the form "
            "of an open debate.¹ On 3 March, the Council held an open debate on the report."
        ],
        rows=[row("S/PV.100 3 March", "Report (S/2023/1)", r37="Chile", speakers="invitee")],
    )
    document = read(text, style)
    assert meeting(document).kind == "open debate"
    assert codes(document, info=True) == []


# -- invitations and speakers ----------------------------------------------------

EU = "Head of the Delegation of the European Union to the United Nations"
AU = "Permanent Observer of the African Union to the United Nations"
PALESTINE = "Permanent Observer of the Observer State of Palestine to the United Nations"


def test_organizations_speak_through_their_delegates(style) -> None:
    text = positions_section(
        "See S/PV.100, the European Union, the African Union and the State of Palestine.",
        r39=f"{EU}, {AU}, {PALESTINE}",
    )
    document = read(text, style)
    first = meeting(document)
    assert first.rule_39 == [EU, AU, PALESTINE]
    assert first.speakers.invitees == [EU, AU, PALESTINE]
    assert spoke(document) == [
        ("S/PV.100", "European Union", "organization", []),
        ("S/PV.100", "African Union", "organization", []),
        ("S/PV.100", "State of Palestine", "state", []),
    ]
    assert codes(document, info=True) == []


def test_persons_named_by_title(style) -> None:
    text = positions_section(
        "See S/PV.100, the Secretary-General, the Special Representative for Children and "
        "Armed Conflict and Brazil.",
        r39="Secretary-General, Special Representative for Children and Armed Conflict",
    )
    document = read(text, style)
    assert spoke(document) == [
        ("S/PV.100", "Secretary-General", "person", []),
        ("S/PV.100", "Special Representative for Children and Armed Conflict", "person", []),
        ("S/PV.100", "Brazil", "state", []),
    ]
    assert codes(document, info=True) == []


def test_participation_by_videoconference(style) -> None:
    text = section(
        rows=[
            row(
                "S/PV.100 3 March",
                "Report (S/2023/1)",
                r39="Special Envoy, Executive Director of an agency ^a",
                speakers="15 Council members, all invitees ^b",
            )
        ],
        notes={
            "a": "The Executive Director participated in the meeting via videoconference.",
            "b": "The Special Envoy and the civil society briefer took part by videoconference.",
        },
    )
    document = read(text, style)
    first = meeting(document)
    assert first.remote == ["Executive Director", "Special Envoy", "civil society briefer"]
    assert not first.videoconference and not first.private
    assert codes(document, info=True) == []


@pytest.mark.parametrize("spelt", ["videoconference", "video-conference", "video conference"])
def test_participation_by_videoconference_however_it_is_spelt(style, spelt) -> None:
    # The note's pattern takes "conference" with or without "video" joined to it: so must
    # the test that decides whether the note is read for who took part remotely.
    text = section(
        rows=[
            row(
                "S/PV.100 3 March",
                "Report (S/2023/1)",
                r39="Special Envoy ^a",
                speakers="15 Council members, Special Envoy",
            )
        ],
        notes={"a": f"The Special Envoy participated in the meeting via {spelt}."},
    )
    assert meeting(read(text, style)).remote == ["Special Envoy"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("S/PRST/2023/3", ("presidential_statement", "S/PRST/2023/3", True, None)),
        (
            "Statement by the President (S/PRST/2023/3)",
            ("presidential_statement", "S/PRST/2023/3", True, None),
        ),
        (
            "Letter dated 3 March 2023 from the President of the Security Council addressed to "
            "the Secretary-General (S/2023/9)",
            ("letter", "S/2023/9", True, None),
        ),
        (
            "Note by the President of the Security Council (S/2023/8)",
            ("note", "S/2023/8", True, None),
        ),
        (
            "Draft resolution (S/2023/5) adopted without a vote as resolution 2700 (2023)",
            ("resolution", "S/RES/2700 (2023)", True, None),
        ),
    ],
)
def test_decisions_taken_without_a_vote(style, cell: str, expected) -> None:
    text = section(rows=[row("S/PV.100 3 March", "Report (S/2023/1)", decision=cell)])
    document = read(text, style)
    first = meeting(document)
    (decision,) = first.decisions
    assert (decision.kind, decision.symbol, decision.adopted, decision.vote) == expected
    assert first.kind == "adoption"
    assert codes(document, info=True) == []


@pytest.mark.parametrize(
    ("record", "note"),
    [
        ("S/PV.100 (closed) 3 March", None),
        ("S/PV.100 3 March ^a", "The meeting was held in private."),
        ("S/PV.100 3 March ^a", "THE MEETING WAS HELD IN PRIVATE."),
        ("S/PV.100 3 March ^a", "A Private Meeting “with” the parties."),
        ("S/PV.100 3 March ^a", "A private meetıng, held in prıvate."),
    ],
)
def test_private_meetings(style, record: str, note: str | None) -> None:
    text = section(
        rows=[row(record, "Report (S/2023/1)", r39="Force Commander")],
        notes={"a": note} if note else None,
    )
    document = read(text, style)
    first = meeting(document)
    assert first.private and first.record.startswith("S/PV.100")
    assert str(first.date) == "2023-03-03"
    assert codes(document, info=True) == []


@pytest.mark.parametrize("record", ["S/2020/340 28 April", "28 April (S/2020/340)"])
def test_meetings_held_by_videoconference(style, record: str) -> None:
    text = section(
        year=2020,
        narrative=["During the period under review, the Council held one meeting.¹"],
        footnotes={1: "See S/2020/340, China and Estonia; and Niger (also on behalf of Tunisia)."},
        rows=[row(record, "Report (S/2020/300)", speakers="3 Council members ^a")],
        notes={"a": "China, Estonia and Niger (also on behalf of Tunisia)."},
    )
    document = read(text, style)
    first = meeting(document)
    assert (first.record, str(first.date), first.videoconference) == (
        "S/2020/340",
        "2020-04-28",
        True,
    )
    (footnote,) = only(document).footnotes
    assert [(p.meeting, [s.name for s in p.speakers]) for p in footnote.positions] == [
        ("S/2020/340", ["China", "Estonia"]),
        ("S/2020/340", ["Niger"]),
    ]
    assert codes(document, info=True) == []


def test_a_videoconferences_table(style) -> None:
    text = section(year=2020, rows=[row("S/2020/340 28 April", "Report (S/2020/300)")]).replace(
        "Meetings: ", "Videoconferences: "
    )
    document = read(text, style)
    assert only(document).year == 2020
    assert meeting(document).videoconference


# -- names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "short"),
    [
        ("Turkey", "Türkiye"),
        ("Türkiye", "Türkiye"),
        ("Czech Republic", "Czechia"),
        ("Viet Nam", "Viet Nam"),
        ("Netherlands (Kingdom of the)", "Netherlands"),
        ("Bolivia (Plurinational State of)", "Bolivia (Plurinational State of)"),
        ("Venezuela (Bolivarian Republic of)", "Venezuela (Bolivarian Republic of)"),
        ("Observer State of Palestine", "State of Palestine"),
    ],
)
def test_current_and_former_short_forms(style, written: str, short: str) -> None:
    text = positions_section(f"See S/PV.100, Brazil and {written}.", r37=f"{written}, Chile")
    document = read(text, style)
    assert meeting(document).rule_37 == [written, "Chile"]
    assert spoke(document) == [
        ("S/PV.100", "Brazil", "state", []),
        ("S/PV.100", short, "state", []),
    ]
    assert codes(document, info=True) == []


def test_former_and_current_forms_match_each_other(style) -> None:
    text = positions_section("See S/PV.100, Türkiye and Czechia.", r37="Turkey, Czech Republic")
    document = read(text, style)
    assert [name for _, name, _, _ in spoke(document)] == ["Türkiye", "Czechia"]
    assert codes(document, info=True) == []
