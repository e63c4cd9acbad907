"""The Council's rules as any source calls them: membership on a day, Article 27."""

from __future__ import annotations

import datetime as dt

import pytest

from repertoire.records import Vote
from repertoire.reference import patterns
from repertoire.rules.council import PROCEDURAL_WORDS, Ballot, is_procedural, judge, sitting
from tests.test_patterns import branches

MEMBERS_2012 = [
    "Azerbaijan",
    "Colombia",
    "France",
    "Germany",
    "Guatemala",
    "India",
    "Morocco",
    "Pakistan",
    "Portugal",
    "South Africa",
    "Togo",
    "United Kingdom",
    "United States",
]


def test_membership_is_that_of_the_day() -> None:
    before = sitting(dt.date(1991, 12, 20))
    after = sitting("1991-12-27")
    assert before is not None and after is not None
    assert "Union of Soviet Socialist Republics" in before and "Russian Federation" not in before
    assert "Russian Federation" in after and after.is_permanent("Russian Federation")
    # The day unknown, each seat goes to its holder for most of the year.
    year = sitting(year=1991)
    assert year is not None and year.day is None and len(year.members) == 15


def test_size_and_threshold_follow_the_charter_of_the_day() -> None:
    early, late = sitting(year=1965), sitting(dt.date(1966, 1, 1))
    assert early is not None and late is not None
    assert (early.size, early.threshold) == (11, 7)
    assert (late.size, late.threshold) == (15, 9)


def test_no_sitting_outside_the_data() -> None:
    assert sitting(year=1900) is None
    assert sitting(None, None) is None
    assert sitting("not a date", None) is None


def test_unanimous_tally_without_lists_is_every_member_in_favour() -> None:
    seated = sitting(dt.date(2012, 3, 1))
    verdict = judge(Ballot(Vote(15, 0, 0), label="S/2099/12", adopted=True), seated)
    assert verdict.inferred and len(verdict.in_favour) == 15
    assert all(vote == ("Y", True) for vote in verdict.votes.values())
    assert verdict.adopted is True and verdict.problems == []


def test_another_sources_lists_judged_veto_and_absence() -> None:
    seated = sitting(dt.date(2012, 2, 4))
    ballot = Ballot(
        Vote(13, 2, 0),
        in_favour=MEMBERS_2012,
        against=["China", "Russian Federation"],
        adopted=False,
        label="S/2099/12",
    )
    verdict = judge(ballot, seated)
    assert verdict.vetoed_by == ["China", "Russian Federation"]
    assert verdict.failure == "veto" and verdict.adopted is False
    assert verdict.votes["China"] == ("N", False)
    assert verdict.problems == []
    # One member missing from the lists: the lists still add up to the tally, so it is absent.
    short = Ballot(Vote(12, 2, 0), in_favour=MEMBERS_2012[1:], against=ballot.against)
    assert judge(short, seated).votes["Azerbaijan"] == ("absent", True)


def test_procedural_vote_has_no_veto() -> None:
    seated = sitting(dt.date(2012, 2, 4))
    ballot = Ballot(Vote(9, 5, 1), against=["China"], procedural=True, adopted=True)
    verdict = judge(ballot, seated)
    assert verdict.vetoed_by == [] and verdict.adopted is True


def test_recorded_outcome_against_the_rules_is_a_problem() -> None:
    seated = sitting(dt.date(2023, 3, 1))
    verdict = judge(Ballot(Vote(8, 0, 7), adopted=True, label="S/2099/12"), seated)
    assert [p.code for p in verdict.problems] == ["article-27"]
    assert "threshold 9 in 2023" in verdict.problems[0].message


def test_a_name_that_never_sat_is_reported_with_a_hint() -> None:
    seated = sitting(dt.date(2012, 2, 4))
    names = [*MEMBERS_2012[:-1], "United Stats"]
    verdict = judge(Ballot(Vote(13, 0, 0), in_favour=names), seated)
    (problem,) = [p for p in verdict.problems if p.code == "vote-not-member"]
    assert "did you mean United States?" in problem.message


@pytest.mark.parametrize(
    "ballot",
    [
        Ballot(Vote(15, 0, 0), adopted=True),
        Ballot(Vote(13, 2, 0), in_favour=MEMBERS_2012, against=["China", "Russia"], adopted=True),
        Ballot(Vote(12, 2, 0), in_favour=MEMBERS_2012[1:], against=["China", "Russia"]),
        Ballot(Vote(9, 5, 1), against=["China"], procedural=True, adopted=False),
        Ballot(Vote(14, 0, 0), in_favour=[*MEMBERS_2012, "United Stats"], vetoed_by=["China"]),
        Ballot(None, vetoed_by=["Russian Federation"], adopted=False),
    ],
)
def test_a_judgement_without_each_members_vote_is_the_same_judgement(ballot: Ballot) -> None:
    # The audit asks only for the outcome and the problems: the rest is the same.
    seated = sitting(dt.date(2012, 2, 4))
    full, short = judge(ballot, seated), judge(ballot, seated, votes=False)
    assert short.votes == {} and full.votes
    assert (short.adopted, short.failure, short.vetoed_by, short.problems) == (
        full.adopted, full.failure, full.vetoed_by, full.problems,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "procedural"),
    [
        ("Procedural vote 9-5-1", True),
        ("Adoption of the provisional agenda 12-3-0", True),
        ("Resolution 2700 (2099) 15-0-0", False),
        ("Vote under RULE 40 of the provisional rules", True),
        ("Meeting of the emergency special session", True),
        ("Rules of procedure 33", False),
    ],
)
def test_procedural_by_its_words(text: str, procedural: bool) -> None:
    assert is_procedural(text) is procedural


def test_procedural_words_stand_in_every_branch() -> None:
    # The words that let a text skip the pattern: each branch of the pattern needs one.
    found = branches(patterns.compiled("decisions", "procedural").pattern)
    assert len(found) > 1
    for branch in found:
        assert any(word in branch for word in PROCEDURAL_WORDS), branch
