"""Positions that footnotes attribute to delegations, checked against the table."""

from __future__ import annotations

import pytest

from repertoire import parse
from repertoire.records import Section
from tests.factory import row, section

MEMBERS = (
    "Albania, Brazil, China, Ecuador, France, Ghana (also spoke on behalf of Gabon and "
    "Mozambique), Japan and Malta."
)


def positions_of(footnote: str, narrative: str = "Most members agreed.¹"):
    rows = [
        row("S/PV.100 3 March", "Report (S/2023/1)", speakers="8 Council members ^a"),
        row("S/PV.101 4 March", "Report (S/2023/2)", speakers="8 Council members ^a"),
    ]
    document = parse(
        section(narrative=[narrative], footnotes={1: footnote}, rows=rows, notes={"a": MEMBERS})
    )
    footnote_record = document.sections[0].footnotes[0]
    return footnote_record, [f for f in document.all_findings() if f.severity != "info"]


def test_positions_by_meeting() -> None:
    footnote, findings = positions_of(
        "See S/PV.100, Brazil, China and Japan; and S/PV.101, Ghana (also on behalf of Gabon and "
        "Mozambique) and Malta."
    )
    assert [(p.meeting, [s.name for s in p.speakers]) for p in footnote.positions] == [
        ("S/PV.100", ["Brazil", "China", "Japan"]),
        ("S/PV.101", ["Ghana", "Malta"]),
    ]
    assert footnote.positions[1].speakers[0].on_behalf_of == ["Gabon", "Mozambique"]
    assert footnote.sentence == "Most members agreed."
    assert findings == []


def test_missing_comma_between_two_names() -> None:
    footnote, findings = positions_of("See S/PV.100, Brazil Ecuador, and Japan.")
    assert [s.name for s in footnote.positions[0].speakers] == ["Brazil", "Ecuador", "Japan"]
    assert [(f.code, f.footnote) for f in findings] == [("position-separator", 1)]
    assert "'Brazil' and 'Ecuador'" in findings[0].message


def test_name_glued_to_a_closing_parenthesis() -> None:
    footnote, findings = positions_of(
        "See S/PV.101, Ghana (also on behalf of Gabon and Mozambique) Malta, and Japan."
    )
    assert [s.name for s in footnote.positions[0].speakers] == ["Ghana", "Malta", "Japan"]
    assert [f.code for f in findings] == ["position-separator"]


def test_and_after_a_parenthesis_is_a_separator() -> None:
    _, findings = positions_of(
        "See S/PV.101, Ghana (also on behalf of Gabon and Mozambique) and Malta."
    )
    assert findings == []


def test_delegation_that_did_not_speak() -> None:
    _footnote, findings = positions_of("See S/PV.100, Brazil and United Kingdom.")
    assert [f.code for f in findings] == ["position-not-speaker"]
    assert "United Kingdom" in findings[0].message and findings[0].footnote == 1


def test_ibid_with_delegations_uses_the_antecedent_meeting() -> None:
    rows = [row("S/PV.100 3 March", "Report (S/2023/1)", speakers="8 Council members ^a")]
    document = parse(
        section(
            narrative=["One said.¹ Others said.²"],
            footnotes={1: "See S/PV.100.", 2: "Ibid., Japan and Malta."},
            rows=rows,
            notes={"a": MEMBERS},
        )
    )
    second: Section = document.sections[0]
    positions = second.footnotes[1].positions
    assert [(p.meeting, [s.name for s in p.speakers]) for p in positions] == [
        ("S/PV.100", ["Japan", "Malta"])
    ]


def test_unknown_name_gets_a_suggestion() -> None:
    _, findings = positions_of("See S/PV.100, Brazil and Swizerland.")
    unknown = [f for f in findings if f.code == "position-unknown-name"]
    assert unknown and "did you mean Switzerland?" in unknown[0].message


def test_sample_positions(section) -> None:
    fn = {f.number: f for f in section.footnotes}
    assert [p.meeting for p in fn[432].positions] == [
        "S/PV.9251",
        "S/PV.9302",
        "S/PV.9350",
        "S/PV.9407",
    ]
    assert [s.name for s in fn[442].positions[0].speakers] == [
        "United Kingdom",
        "Switzerland",
        "Albania",
        "Japan",
        "Malta",
    ]
    assert fn[442].positions[0].meeting == "S/PV.9408"


def test_sample_findings_are_the_three_real_defects(sample_doc) -> None:
    found = [
        (f.code, f.line, f.footnote) for f in sample_doc.all_findings() if f.severity != "info"
    ]
    assert found == [
        ("position-separator", 85, 433),
        ("position-separator", 87, 434),
        ("footnote-undefined", 117, 443),
    ]


def test_most_members_with_few_names_is_info_only() -> None:
    rows = [row("S/PV.100 3 March", "Report (S/2023/1)", speakers="8 Council members ^a")]
    document = parse(
        section(
            narrative=["Most Council members agreed.¹"],
            footnotes={1: "See S/PV.100, Brazil and Japan."},
            rows=rows,
            notes={"a": MEMBERS},
        )
    )
    found = [(f.code, f.severity) for f in document.all_findings()]
    assert found == [("claim-quantifier", "info")]
    document = parse(
        section(
            narrative=["Some Council members agreed.¹"],
            footnotes={1: "See S/PV.100, Brazil and Japan."},
            rows=rows,
            notes={"a": MEMBERS},
        )
    )
    assert document.all_findings() == []


@pytest.mark.parametrize(
    "sentence",
    [
        "MOST COUNCIL MEMBERS agreed.¹",
        "Most Council members “agreed”.¹",
        "Most delegatıons agreed.¹",
        "Most delegatİons agreed.¹",
        "Most memberſ agreed.¹",
        "Most Council memberſ “agreed”.¹",
    ],
)
def test_quantifier_in_any_case_even_outside_ascii(sentence: str) -> None:
    # The pattern reads any case, with letters outside ASCII that match "i" and "s": the
    # words looked for before it is tried must not hide such a sentence from it.
    rows = [row("S/PV.100 3 March", "Report (S/2023/1)", speakers="8 Council members ^a")]
    document = parse(
        section(
            narrative=[sentence],
            footnotes={1: "See S/PV.100, Brazil and Japan."},
            rows=rows,
            notes={"a": MEMBERS},
        )
    )
    assert [f.code for f in document.all_findings()] == ["claim-quantifier"]


def test_position_at_a_closed_meeting_or_a_resumption() -> None:
    footnote, _ = positions_of(
        "See S/PV.100 (closed), Brazil and Japan; and S/PV.101 (Resumption 1), Malta."
    )
    assert [(p.meeting, [s.name for s in p.speakers]) for p in footnote.positions] == [
        ("S/PV.100 (closed)", ["Brazil", "Japan"]),
        ("S/PV.101 (Resumption 1)", ["Malta"]),
    ]
