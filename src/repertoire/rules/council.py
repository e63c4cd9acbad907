"""The Council's rules, in one place: who sat on a day, and what a vote means.

Every source of decisions is judged by these functions: the Repertoire's
meetings table (:mod:`repertoire.rules.votes` fills the record from them), the
store (each member's vote row, absent members included, in
:mod:`repertoire.store.rows`), the renderer and the explorer, and any other
record of votes, such as the UN's own voting data.

Entry points:

- :func:`sitting` ``(day, year)``: the Council sitting on ``day`` (the day's
  terms; the year's holder of each seat when only the year is known), with the
  size of the Council (Article 23) and the votes a decision needs (Article
  27); ``None`` where the membership data do not reach.
- :func:`is_procedural` ``(text)``: whether the words of a decision make its
  vote procedural (Article 27 (2): no veto).
- :func:`judge` ``(ballot, sitting)``: a :class:`Ballot` (the tally as written,
  whatever lists of names the source prints, whether the vote was procedural,
  the outcome as recorded) judged under Article 27: the vote of every member
  (listed, inferred from a unanimous tally, or absent), who vetoed it, why it
  failed, the outcome the votes mean, and the :class:`Problem` s where the
  source and the rules disagree.

Another source calls them the same way::

    seated = sitting(dt.date(2099, 3, 1))
    ballot = Ballot(Vote(13, 1, 1), in_favour=[...], against=["Freedonia"], adopted=False,
                    label="S/2099/12")
    verdict = judge(ballot, seated)   # verdict.vetoed_by, verdict.votes, verdict.problems
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Final, Literal, NamedTuple

from repertoire.records import Severity, Vote
from repertoire.reference import council, patterns, states

VoteCast = Literal["Y", "N", "A", "absent"]


# -- membership ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sitting:
    """The Council on one day (or, the day unknown, in one year)."""

    year: int
    day: dt.date | None
    seats: Mapping[str, bool]  # member's short name -> whether its seat is permanent

    @property
    def when(self) -> str:
        """The day as an ISO date, or the year: how findings say when."""
        return self.day.isoformat() if self.day else str(self.year)

    @property
    def size(self) -> int:
        """How many members the Council had (Article 23: 11, then 15 from 1966)."""
        return council.size(self.year)

    @property
    def threshold(self) -> int:
        """Affirmative votes a decision needed (Article 27: 7, then 9 from 1966)."""
        return council.threshold(self.year)

    @property
    def members(self) -> list[str]:
        return sorted(self.seats)

    @property
    def permanent(self) -> list[str]:
        return sorted(name for name, permanent in self.seats.items() if permanent)

    # Seats are keyed by short names, whose short name is themselves: a name found as
    # written needs no lookup (most names are written so).
    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and (
            name in self.seats or states.short_name(name) in self.seats
        )

    def is_permanent(self, name: str) -> bool:
        seat = self.seats.get(name)
        return seat if seat is not None else self.seats.get(states.short_name(name), False)


def covered(year: int | None) -> bool:
    """Whether the membership data cover ``year``."""
    return year is not None and council.FIRST_YEAR <= year <= council.LAST_YEAR


def sitting(day: dt.date | str | None = None, year: int | None = None) -> Sitting | None:
    """The Council sitting on ``day`` (a date or an ISO date), or in ``year`` when the day is
    unknown; ``None`` when neither is given or the data do not cover it."""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day)
        except ValueError:
            day = None
    if day is not None:
        return _on_day(day) if covered(day.year) else None
    return _in_year(year) if year is not None and covered(year) else None


# Room for every day of the record: a merge or an audit asks for thousands of days in no
# order of date, and a day pushed out is found again among its year's periods.
@lru_cache(maxsize=32768)
def _on_day(day: dt.date) -> Sitting:
    starts, seats = _periods(day.year)
    return Sitting(day.year, day, seats[bisect.bisect_right(starts, day) - 1])


@lru_cache(maxsize=128)
def _periods(year: int) -> tuple[tuple[dt.date, ...], tuple[Mapping[str, bool], ...]]:
    """The days of ``year`` from which its seats hold (its first day, each day a term
    starts and each day after one ends), and the seats held from each until the next: a
    day's seats are found among a handful of periods, rather than by going through every
    term of its year and looking its seats up again for each day."""
    terms = _terms_in(year)
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    changes = {first}
    for _state, _permanent, start, end in terms:
        if first < start <= last:
            changes.add(start)
        if end is not None and first <= end < last:
            changes.add(end + dt.timedelta(days=1))
    starts = tuple(sorted(changes))
    return starts, tuple(
        _seats(
            tuple(
                (state, permanent)
                for state, permanent, start, end in terms
                if start <= day and (end is None or day <= end)
            )
        )
        for day in starts
    )


@lru_cache(maxsize=1024)
def _seats(seats: tuple[tuple[str, bool], ...]) -> Mapping[str, bool]:
    """One mapping for every day with the same seats (most days of a year share them)."""
    return MappingProxyType(dict(seats))


@lru_cache(maxsize=128)
def _terms_in(year: int) -> tuple[tuple[str, bool, dt.date, dt.date | None], ...]:
    """The terms covering any day of ``year`` (a day's sitting is found among them): each
    term's State, whether its seat is permanent, and its days (as ``Member.sits_on``
    compares them), spelled out once per year rather than once per day."""
    # A term covers a day of the year when it starts by the year's end and ends (if it
    # does) in the year or after: what ``Member.days_in(year) > 0`` says, with no dates made.
    return tuple(
        (m.state, m.permanent, m.start, m.end)
        for m in council.all_terms()
        if m.start.year <= year and (m.end is None or m.end.year >= year)
    )


@lru_cache(maxsize=128)
def _in_year(year: int) -> Sitting:
    seats = {m.state: m.permanent for m in council.members(year)}
    return Sitting(year, None, MappingProxyType(seats))


# -- votes ---------------------------------------------------------------------


@cache
def _procedural() -> re.Pattern[str]:
    return patterns.compiled("decisions", "procedural")


# The words one of which every branch of the procedural pattern needs (lower-case ASCII):
# most outcomes say none of them, and a search of the pattern tries every position.
PROCEDURAL_WORDS: Final = ("procedural", "provisional", "adoption", "emergency", "rule")


# Outcomes are worded alike from decision to decision: each wording searched once.
@lru_cache(maxsize=4096)
def is_procedural(text: str) -> bool:
    """Whether a decision's words make its vote procedural ("procedural vote", the
    provisional agenda, an emergency special session, rules 33 and 40)."""
    return patterns.may_say(text, PROCEDURAL_WORDS) and bool(_procedural().search(text))


class Problem(NamedTuple):
    """Where a source and the rules disagree; the caller says where it stands."""

    severity: Severity
    code: str
    message: str


@dataclass(slots=True, init=False)
class Ballot:
    """A decision's vote as a source gives it.

    ``tally`` is the count as written; the lists are the names the source
    prints (empty where it prints none); ``adopted`` is the outcome as
    recorded. ``vetoed_by`` is for a source that names vetoes itself (a record
    already judged); ``inferred`` says the lists were themselves inferred.
    ``label`` names the decision in messages.
    """

    tally: Vote | None
    in_favour: Sequence[str]
    against: Sequence[str]
    abstaining: Sequence[str]
    procedural: bool
    adopted: bool | None
    vetoed_by: Sequence[str]
    inferred: bool
    label: str

    # Written out: compiled, the class's own __init__ is a native constructor, where the
    # dataclass's is Python code (an audit or a merge makes one per decision with a vote).
    def __init__(
        self,
        tally: Vote | None,
        in_favour: Sequence[str] = (),
        against: Sequence[str] = (),
        abstaining: Sequence[str] = (),
        procedural: bool = False,
        adopted: bool | None = None,
        vetoed_by: Sequence[str] = (),
        inferred: bool = False,
        label: str = "decision",
    ) -> None:
        self.tally = tally
        self.in_favour = in_favour
        self.against = against
        self.abstaining = abstaining
        self.procedural = procedural
        self.adopted = adopted
        self.vetoed_by = vetoed_by
        self.inferred = inferred
        self.label = label


@dataclass(slots=True, init=False)
class Judgement:
    """What Article 27 makes of a :class:`Ballot` on a given day."""

    # Each member's vote and whether it was worked out rather than printed, in the
    # order: in favour, against, abstaining (as listed), absent, vetoes not listed.
    votes: dict[str, tuple[VoteCast, bool]] = field(default_factory=dict)
    in_favour: list[str] = field(default_factory=list)  # as listed, or inferred
    inferred: bool = False  # the votes in favour come from the Council's composition
    vetoed_by: list[str] = field(default_factory=list)
    adopted: bool | None = None  # what the votes mean; None where they cannot say
    failure: str | None = None  # "veto" or "insufficient votes" for a decision not adopted
    problems: list[Problem] = field(default_factory=list)

    # Written out: compiled, the class's own __init__ is a native constructor, where the
    # dataclass's is Python code.
    def __init__(self, in_favour: list[str] | None = None, inferred: bool = False) -> None:
        self.votes = {}
        self.in_favour = [] if in_favour is None else in_favour
        self.inferred = inferred
        self.vetoed_by = []
        self.adopted = None
        self.failure = None
        self.problems = []


def judge(ballot: Ballot, seated: Sitting | None, *, votes: bool = True) -> Judgement:
    """``ballot`` judged under Article 27 by the Council ``seated`` (see the module notes).

    Without a sitting (a day the data do not cover) nothing is worked out: the
    votes are those listed, and the outcome is not judged. ``votes=False`` leaves each
    member's vote unworked (``Judgement.votes`` empty), for a caller that asks only for
    the outcome and the problems.
    """
    verdict = Judgement(in_favour=list(ballot.in_favour), inferred=ballot.inferred)
    tally = ballot.tally
    listed = bool(ballot.in_favour or ballot.against or ballot.abstaining)
    if seated is not None and tally is not None and not listed and _unanimous(tally, seated):
        # A unanimous tally with no lists: every member of that day's Council voted in favour.
        verdict.in_favour = seated.members
        verdict.inferred = True
    if seated is not None and tally is not None:
        _check_lists(ballot, seated, verdict)
        _article_27(ballot, seated, verdict)
    if votes:
        _member_votes(ballot, seated, verdict)
    elif ballot.vetoed_by:  # as _member_votes says who vetoed, its votes aside
        verdict.vetoed_by = [states.short_name(name) for name in ballot.vetoed_by]
    return verdict


def _unanimous(tally: Vote, seated: Sitting) -> bool:
    return tally.against == 0 and tally.abstaining == 0 and tally.for_ == len(seated.seats)


def _check_lists(ballot: Ballot, seated: Sitting, verdict: Judgement) -> None:
    tally = ballot.tally
    assert tally is not None
    label = ballot.label
    problems = verdict.problems
    if tally.for_ + tally.against + tally.abstaining > seated.size:
        problems.append(
            Problem(
                "error",
                "vote-total",
                f"{label}: the tally {tally.for_}-{tally.against}-{tally.abstaining} adds up to "
                f"more than the {seated.size} members of the Council in {seated.year}",
            )
        )
    if verdict.inferred or not (ballot.in_favour or ballot.against or ballot.abstaining):
        return
    where: dict[str, str] = {}
    for key, names in (
        ("in favour", ballot.in_favour),
        ("against", ballot.against),
        ("abstaining", ballot.abstaining),
    ):
        for name in names:
            state = states.short_name(name)
            if state not in seated.seats:
                problems.append(
                    Problem(
                        "warning",
                        "vote-not-member",
                        f"{label}: {name} is listed {key} but was not a member of the "
                        f"Council on {seated.when}{states.did_you_mean(name)}",
                    )
                )
            if state in where:
                twice = f"{label}: {name} is listed both {where[state]} and {key}"
                problems.append(Problem("error", "vote-twice", twice))
            where.setdefault(state, key)
    for key, names, count in (
        ("in favour", ballot.in_favour, tally.for_),
        ("against", ballot.against, tally.against),
        ("abstaining", ballot.abstaining, tally.abstaining),
    ):
        if len(names) != count:
            problems.append(
                Problem(
                    "warning",
                    "vote-count",
                    f"{label}: the tally gives {count} {key} but the note lists {len(names)}",
                )
            )


def _article_27(ballot: Ballot, seated: Sitting, verdict: Judgement) -> None:
    """Substantive decisions need the threshold and no negative vote of a permanent member;
    procedural ones only the threshold. The recorded outcome is compared with the votes'."""
    tally = ballot.tally
    assert tally is not None
    enough = tally.for_ >= seated.threshold
    against = [states.short_name(n) for n in ballot.against]
    permanent_against = [name for name in against if seated.seats.get(name, False)]
    # With negative votes but no list of who cast them, a veto cannot be judged.
    unknown = tally.against > 0 and not ballot.against and not ballot.procedural
    adopted: bool | None
    if ballot.procedural:
        adopted = enough
    elif unknown:
        adopted = False if not enough else None
    else:
        adopted = enough and not permanent_against
    # A permanent member's negative vote is a veto only where the draft had the votes.
    verdict.vetoed_by = permanent_against if enough and not ballot.procedural else []
    verdict.adopted = adopted
    if adopted is False:
        verdict.failure = "veto" if verdict.vetoed_by else "insufficient votes"
    recorded = ballot.adopted
    if recorded is not None and adopted is not None and recorded != adopted:
        computed = "adopted" if adopted else f"not adopted ({verdict.failure})"
        verdict.problems.append(
            Problem(
                "error",
                "article-27",
                f"{ballot.label} is recorded as {'adopted' if recorded else 'not adopted'} but "
                f"its vote {tally.for_}-{tally.against}-{tally.abstaining} means {computed} "
                f"under Article 27 (threshold {seated.threshold} in {seated.year})",
            )
        )
    if recorded is False and verdict.failure is None:
        verdict.failure = "veto" if unknown else "insufficient votes"
    if recorded:
        verdict.failure = None


def _member_votes(ballot: Ballot, seated: Sitting | None, verdict: Judgement) -> None:
    """Each member's vote: as listed; absent for a member on no list when the lists are
    complete; a veto the lists leave out counted as a vote against."""
    votes = verdict.votes
    listed: tuple[tuple[VoteCast, Sequence[str]], ...] = (
        ("Y", verdict.in_favour),
        ("N", ballot.against),
        ("A", ballot.abstaining),
    )
    for cast, names in listed:
        for name in names:
            votes.setdefault(states.short_name(name), (cast, verdict.inferred))
    tally = ballot.tally
    complete = bool(votes) and (
        tally is None or len(votes) == tally.for_ + tally.against + tally.abstaining
    )
    if complete and seated is not None:
        for name in seated.members:
            # Absence is worked out from membership, not read, so it is marked inferred.
            votes.setdefault(name, ("absent", True))
    recorded = [states.short_name(name) for name in ballot.vetoed_by]
    if recorded:
        verdict.vetoed_by = recorded
    for name in verdict.vetoed_by:
        # A veto is a negative vote even when the against list was not printed.
        votes.setdefault(name, ("N", True))
