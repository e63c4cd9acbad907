"""Article 27: thresholds, vetoes, procedural votes, inferred and checked member lists."""

from __future__ import annotations

from repertoire import parse
from repertoire.records import Decision
from tests.factory import row, section

MEMBERS_2012 = (
    "Azerbaijan, Colombia, France, Germany, Guatemala, India, Morocco, Pakistan, Portugal, "
    "South Africa, Togo, United Kingdom and United States"
)


def decide(
    cell: str,
    year: int = 2023,
    notes: dict[str, str] | None = None,
    other: str = "Draft resolution submitted by France (S/2023/5)",
):
    rows = [row("S/PV.100 3 March", "Report (S/2023/1)", other, decision=cell)]
    document = parse(section(year=year, rows=rows, notes=notes))
    (decision,) = document.sections[0].meetings[0].decisions
    return decision, [f for f in document.all_findings() if f.severity != "info"]


def test_unanimous_tally_infers_every_member_in_favour() -> None:
    decision, findings = decide("Resolution 2700 (2023) 15-0-0")
    assert decision.votes_inferred and len(decision.in_favour) == 15
    assert "Russian Federation" in decision.in_favour and "Mozambique" in decision.in_favour
    assert decision.draft == "S/2023/5" and decision.submitters == ["France"]
    assert findings == []


def test_veto_by_two_permanent_members() -> None:
    notes = {
        "a": f"In favour: {MEMBERS_2012}; Against: China and Russian Federation; Abstaining: none."
    }
    decision, findings = decide(
        "Draft resolution (S/2012/77) not adopted 13-2-0 ^a",
        2012,
        notes,
        other="Draft resolution submitted by Morocco (S/2012/77)",
    )
    assert decision.vetoed_by == ["China", "Russian Federation"]
    assert decision.failure == "veto" and decision.adopted is False
    assert findings == []


def test_failed_draft_without_veto() -> None:
    decision, findings = decide("Draft resolution (S/2023/5) not adopted 4-0-11")
    assert decision.failure == "insufficient votes" and decision.vetoed_by == []
    assert findings == []


def test_permanent_no_vote_below_threshold_is_not_a_veto() -> None:
    notes = {
        "a": "In favour: Albania, Brazil, Ecuador, France, Gabon, Ghana, Japan and Malta; "
        "Against: Russian Federation; Abstaining: China, Mozambique, Switzerland, "
        "United Arab Emirates, United Kingdom and United States."
    }
    decision, findings = decide("Draft resolution (S/2023/5) not adopted 8-1-6 ^a", notes=notes)
    assert decision.vetoed_by == [] and decision.failure == "insufficient votes"
    assert findings == []


def test_threshold_was_seven_before_1966() -> None:
    decision, findings = decide(
        "Resolution 200 (1965) 7-0-4", year=1965, other="Draft resolution (S/6000)"
    )
    assert decision.adopted and decision.failure is None and findings == []
    decision, findings = decide(
        "Resolution 220 (1966) 7-0-4", year=1966, other="Draft resolution (S/7000)"
    )
    assert [f.code for f in findings] == ["article-27"]
    assert "threshold 9 in 1966" in findings[0].message


def test_recorded_outcome_that_contradicts_the_vote_is_an_error() -> None:
    notes = {
        "a": "In favour: Albania, Brazil, China, Ecuador, France, Gabon, Ghana, Japan, Malta, "
        "Mozambique, Switzerland, United Arab Emirates and United Kingdom; "
        "Against: United States; Abstaining: none."
    }
    _, findings = decide("Resolution 2701 (2023) 13-1-0 ^a", notes=notes)
    assert [(f.code, f.severity) for f in findings] == [("article-27", "error")]


def test_procedural_vote_is_not_vetoed() -> None:
    notes = {
        "a": "In favour: Albania, Brazil, Ecuador, France, Gabon, Ghana, Japan, Malta, "
        "Switzerland and United States; Against: China and Russian Federation; "
        "Abstaining: Mozambique, United Arab Emirates and United Kingdom."
    }
    decision, findings = decide(
        "Procedural vote on the provisional agenda adopted 10-2-3 ^a", notes=notes
    )
    assert decision.procedural and decision.adopted and decision.vetoed_by == []
    assert findings == []


def test_member_lists_are_checked() -> None:
    notes = {
        "a": "In favour: Albania, Brazil, Ecuador, France, Gabon, Ghana, Japan, Malta, "
        "Mozambique, Switzerland, United Arab Emirates, United Kingdom and Germany; "
        "Against: Russian Federation; Abstaining: China and Japan."
    }
    _, findings = decide("Draft resolution (S/2023/5) not adopted 13-1-1 ^a", notes=notes)
    found = sorted(f.code for f in findings)
    assert found == ["vote-count", "vote-not-member", "vote-twice"]


def test_tally_larger_than_the_council() -> None:
    _, findings = decide("Draft resolution (S/2023/5) not adopted 8-4-4")
    assert "vote-total" in [f.code for f in findings]


def test_dash_forms_of_tallies() -> None:
    for cell in (
        "Resolution 2700 (2023) 15–0–0",
        "Resolution 2700 (2023) 15 - 0 - 0",
        "Resolution 2700 (2023) 15—0—0",
    ):
        decision, _ = decide(cell)
        assert decision.vote is not None and decision.vote.in_favour == 15


def test_chapter_vii_is_null_where_the_text_is_silent() -> None:
    decision: Decision
    decision, _ = decide("Resolution 2700 (2023) 15-0-0")
    assert decision.chapter_vii is None
    decision, _ = decide("Resolution 2700 (2023) (adopted under Chapter VII) 15-0-0")
    assert decision.chapter_vii is True
    decision, _ = decide("Resolution 2700 (2023) (not adopted under Chapter VII) 15-0-0")
    assert decision.chapter_vii is False


def test_presidential_statement() -> None:
    decision, _ = decide("S/PRST/2023/3", other="")
    assert (decision.kind, decision.symbol, decision.adopted, decision.vote) == (
        "presidential_statement",
        "S/PRST/2023/3",
        True,
        None,
    )
