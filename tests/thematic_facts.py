"""The facts of the hand-made thematic section (tests/data/thematic_section.txt), written
out by hand, and the same facts taken from a parsed record, so that a test can measure
fact-level precision and recall.

A fact is a small tuple; a finding is a fact too (the section should give none), so a
false warning costs precision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from repertoire.records import Document
from repertoire.reference import states

PATH = Path(__file__).parent / "data" / "thematic_section.txt"

COUNCIL_2021 = (
    "China",
    "Estonia",
    "France",
    "India",
    "Ireland",
    "Kenya",
    "Mexico",
    "Niger",
    "Norway",
    "Russian Federation",
    "Saint Vincent and the Grenadines",
    "Tunisia",
    "United Kingdom",
    "United States",
    "Viet Nam",
)
SRSG = "Special Representative of the Secretary-General for Children and Armed Conflict"
UNICEF = "Executive Director of the United Nations Children's Fund"
YOUTH = "youth representative"
EU = "Head of the Delegation of the European Union to the United Nations"
AU = "Permanent Observer of the African Union to the United Nations"
PALESTINE = "Permanent Observer of the Observer State of Palestine to the United Nations"
# Note b: the 24 Member States invited to the open debate (short names as the Repertoire
# writes them today: Czechia for "Czech Republic", Türkiye for "Turkey").
INVITED = (
    "Afghanistan",
    "Argentina",
    "Bangladesh",
    "Belgium",
    "Bolivia (Plurinational State of)",
    "Brazil",
    "Canada",
    "Colombia",
    "Czechia",
    "Germany",
    "Indonesia",
    "Israel",
    "Italy",
    "Japan",
    "Netherlands",
    "Nigeria",
    "Pakistan",
    "Philippines",
    "Poland",
    "Qatar",
    "South Africa",
    "Switzerland",
    "Türkiye",
    "Ukraine",
)
SPOKE = tuple(s for s in INVITED if s not in ("Nigeria", "Poland", "Switzerland"))
SUBMITTERS = (
    "Argentina",
    "Belgium",
    "Canada",
    "Colombia",
    "Estonia",
    "France",
    "Germany",
    "Ireland",
    "Italy",
    "Japan",
    "Kenya",
    "Mexico",
    "Netherlands",
    "Niger",
    "Norway",
    "Poland",
    "Saint Vincent and the Grenadines",
    "Switzerland",
    "Tunisia",
    "United Kingdom",
    "Viet Nam",
)
JOINT = "A/75/999-S/2021/555"
A3 = ("Niger", "Tunisia", "Saint Vincent and the Grenadines")


def expected() -> set[tuple[Any, ...]]:
    """Every fact the section states, written by hand from the text."""
    facts: set[tuple[Any, ...]] = {("section", "27", "Children and armed conflict", 2021)}
    # -- the table --------------------------------------------------------------
    facts |= {
        ("meeting", "S/2021/150", "2021-02-10", "briefing"),
        ("meeting", "S/PV.8800", "2021-06-28", "open debate"),
        ("meeting", "S/PV.8850", "2021-08-30", "adoption"),
        ("meeting", "S/PV.8910 (closed)", "2021-11-20", "briefing"),
        ("meeting", "S/PV.8920", "2021-12-10", "adoption"),
        ("videoconference", "S/2021/150"),
        ("private", "S/PV.8910 (closed)"),
        (
            "sub_item",
            "S/2021/150",
            "Letter dated 1 February 2021 from the Permanent Representative of Viet Nam to the "
            "United Nations addressed to the Secretary-General",
            "S/2021/101",
            (),
        ),
        (
            "sub_item",
            "S/PV.8800",
            "Report of the Secretary-General on children and armed conflict",
            "S/2021/555",
            ("A/75/999",),
        ),
        (
            "sub_item",
            "S/PV.8920",
            "Report of the Secretary-General on children and armed conflict in the Sudan",
            "S/2021/900",
            ("S/2021/900/Corr.1",),
        ),
        (
            "other_document",
            "S/PV.8920",
            "Draft resolution submitted by 21 Member States",
            "S/2021/950",
        ),
        ("rule_37", "S/PV.8920", "Colombia"),
        ("invitee_spoke", "S/PV.8920", "Colombia"),
        ("decision", "S/PV.8850", "presidential_statement", "S/PRST/2021/9", True, None),
        ("decision", "S/PV.8920", "resolution", "S/RES/2999 (2021)", True, (15, 0, 0)),
        ("draft", "S/PV.8920", "S/RES/2999 (2021)", "S/2021/950"),
    }
    facts |= {("rule_37", "S/PV.8800", name) for name in INVITED}
    facts |= {("rule_39", "S/2021/150", name) for name in (SRSG, UNICEF)}
    facts |= {("rule_39", "S/PV.8800", n) for n in (SRSG, UNICEF, YOUTH, EU, AU, PALESTINE)}
    facts |= {("rule_39", "S/PV.8910 (closed)", SRSG)}
    for record in ("S/2021/150", "S/PV.8800"):
        facts |= {("member_spoke", record, name, ()) for name in COUNCIL_2021}
    facts |= {("member_spoke", "S/PV.8920", name, ()) for name in ("India", "Mexico", "Norway")}
    facts |= {("invitee_spoke", "S/2021/150", name) for name in (SRSG, UNICEF)}
    facts |= {("invitee_spoke", "S/PV.8800", name) for name in SPOKE}
    facts |= {("invitee_spoke", "S/PV.8800", n) for n in (SRSG, UNICEF, YOUTH, EU, AU, PALESTINE)}
    facts |= {("remote", "S/2021/150", SRSG), ("remote", "S/2021/150", UNICEF)}
    facts |= {("remote", "S/PV.8800", YOUTH)}
    facts |= {("submitter", "S/RES/2999 (2021)", name) for name in SUBMITTERS}
    facts |= {("voted", "S/RES/2999 (2021)", name, "for") for name in COUNCIL_2021}
    # -- footnotes ---------------------------------------------------------------
    facts |= {
        ("citation", 3, "S/2021/150", None, None),
        ("citation", 4, "S/PV.8800", None, None),
        ("citation", 4, "A/75/999", None, JOINT),
        ("citation", 4, "S/2021/555", None, JOINT),
        ("citation", 5, "A/75/999", "annex, para. 3", JOINT),
        ("citation", 5, "S/2021/555", "annex, para. 3", JOINT),
        ("citation", 6, "S/PV.8800", None, None),
        ("citation", 7, "S/PV.8800", None, None),
        ("citation", 8, "S/PV.8800", None, None),
        ("citation", 8, "S/2021/150", None, None),
        ("citation", 9, "S/PRST/2021/9", "fourth paragraph", None),
        ("citation", 10, "S/PRST/2021/9", "second and third paragraphs", None),
        ("citation", 11, "S/2021/555", "sect. II", None),
        ("citation", 11, "S/2021/555/Corr.1", "sect. II", None),
        ("citation", 11, "S/2021/600/Rev.1", "chap. IV, paras. 3–5", None),
        ("citation", 12, "S/PV.8910 (closed)", None, None),
        ("citation", 13, "S/RES/2999 (2021)", "third preambular paragraph", None),
        ("citation", 14, "S/RES/2999 (2021)", "para. 1", None),
        ("citation", 14, "S/PV.8920", None, None),
        ("ibid", 8, 7),
        ("ibid", 10, 9),
        ("ibid", 14, 13),
        ("text_citation", "S/RES/2999 (2021)"),
    }
    position = [
        (6, "S/PV.8800", "Estonia", "state", ()),
        (6, "S/PV.8800", "India", "state", ()),
        (6, "S/PV.8800", "Ireland", "state", ()),
        (6, "S/PV.8800", "Kenya", "state", A3),
        (6, "S/PV.8800", "Mexico", "state", ()),
        (6, "S/PV.8800", "Argentina", "state", ()),
        (6, "S/PV.8800", "Türkiye", "state", ()),
        (6, "S/PV.8800", "Viet Nam", "state", ()),
        (6, "S/PV.8800", "European Union", "organization", ()),
        (7, "S/PV.8800", "Norway", "state", ("Nordic countries",)),
        (7, "S/PV.8800", "Qatar", "state", ("Group of Arab States",)),
        (7, "S/PV.8800", "Group of Friends of Children and Armed Conflict", "group", ()),
        (7, "S/PV.8800", "State of Palestine", "state", ()),
        (8, "S/PV.8800", "Bolivia (Plurinational State of)", "state", ()),
        (8, "S/PV.8800", "Czechia", "state", ()),
        (8, "S/PV.8800", "Netherlands", "state", ()),
        (8, "S/PV.8800", SRSG, "person", ()),
        (8, "S/2021/150", "China", "state", ()),
        (8, "S/2021/150", "France", "state", ()),
    ]
    facts |= {("position", *p) for p in position}
    return facts


def _name(name: str) -> str:
    return states.canonical(name) or name


def read(document: Document) -> set[tuple[Any, ...]]:
    """The same kinds of facts, taken from a parsed record.

    Fields that older records lack are read with ``getattr`` so that the measure can be
    taken of any version of the reader.
    """
    facts: set[tuple[Any, ...]] = set()
    for finding in document.all_findings():
        facts.add(("finding", finding.code, finding.severity, finding.message))
    for section in document.sections:
        facts.add(("section", section.number, section.title, section.year))
        for meeting in section.meetings:
            record = meeting.record
            # A date, or its ISO text in readers before dates were dates.
            date = str(meeting.date) if meeting.date else None
            facts.add(("meeting", record, date, meeting.kind))
            if getattr(meeting, "videoconference", False):
                facts.add(("videoconference", record))
            if getattr(meeting, "private", False):
                facts.add(("private", record))
            for ref in meeting.sub_items:
                also = tuple(getattr(ref, "also", ()))
                facts.add(("sub_item", record, ref.title, ref.document, also))
            for ref in meeting.other_documents:
                facts.add(("other_document", record, ref.title, ref.document))
            facts |= {("rule_37", record, _name(n)) for n in meeting.rule_37}
            facts |= {("rule_39", record, n) for n in meeting.rule_39}
            for speaker in meeting.speakers.council_members:
                behalf = tuple(_name(n) for n in speaker.on_behalf_of)
                facts.add(("member_spoke", record, _name(speaker.name), behalf))
            facts |= {("invitee_spoke", record, _name(n)) for n in meeting.speakers.invitees}
            facts |= {("remote", record, n) for n in getattr(meeting, "remote", [])}
            for decision in meeting.decisions:
                vote = decision.vote
                tally = (vote.for_, vote.against, vote.abstaining) if vote else None
                facts.add(
                    ("decision", record, decision.kind, decision.symbol, decision.adopted, tally)
                )
                if decision.draft and decision.draft != decision.symbol:
                    facts.add(("draft", record, decision.symbol, decision.draft))
                facts |= {("submitter", decision.symbol, _name(n)) for n in decision.submitters}
                for key, names in (
                    ("for", decision.in_favour),
                    ("against", decision.against),
                    ("abstaining", decision.abstaining),
                ):
                    facts |= {("voted", decision.symbol, _name(n), key) for n in names}
        for paragraph in section.paragraphs:
            facts |= {("text_citation", symbol) for symbol in paragraph.citations}
        for footnote in section.footnotes:
            if footnote.ibid_of is not None:
                facts.add(("ibid", footnote.number, footnote.ibid_of))
            for citation in footnote.citations:
                joint = getattr(citation, "joint", None)
                facts.add(("citation", footnote.number, citation.symbol, citation.pinpoint, joint))
            for position in footnote.positions:
                for speaker in position.speakers:
                    kind = getattr(speaker, "kind", "state")
                    behalf = tuple(speaker.on_behalf_of)
                    facts.add(
                        ("position", footnote.number, position.meeting, speaker.name, kind, behalf)
                    )
    return facts


def score(got: set[tuple[Any, ...]], want: set[tuple[Any, ...]]) -> tuple[float, float]:
    """(precision, recall) of the facts read against the facts written by hand."""
    right = len(got & want)
    return (right / len(got) if got else 0.0, right / len(want) if want else 1.0)
