"""The Council's rules applied to a decision as an official source states it.

The same rules that judge a Repertoire table judge official rows: each stated decision
becomes a :class:`~repertoire.rules.council.Ballot` judged by
:func:`repertoire.rules.council.judge` on the Council sitting that day (lists against
counts, a name listed twice, names that sat on no Council, Article 27). What only official
rows need is here: an adopted decision with a permanent member against was procedural; a
tally written in words against the counts; members sitting that day but in no list; a date
outside the year of the symbol; a vetoed draft with no recorded vote.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from repertoire.records import Vote
from repertoire.reference import states
from repertoire.rules import council
from repertoire.rules.council import Ballot, Sitting, is_procedural, sitting


@dataclass(slots=True, init=False)
class Stated:
    """One decision as one source states it (what the rules need, names as written)."""

    kind: str
    symbol: str | None
    record: str | None
    date: str | None
    adopted: bool | None
    vote: Vote | None
    in_favour: list[str]
    against: list[str]
    abstaining: list[str]
    not_participating: list[str]
    vetoed_by: list[str]
    outcome_text: str
    line: int
    # The counts the outcome's words give ("Adopted 13-0-2"), as the source's reader reads
    # them: the rules judge what was read, and read no text themselves.
    written_vote: Vote | None
    # How findings name it where its symbol names several (drafts the Library lists by
    # their meeting's record): "S/PV.1234 (2 of 3 listed at S/PV.1234)".
    label: str | None

    # Written out: compiled, the class's own __init__ is a native constructor, where the
    # dataclass's is Python code (an audit makes one per stated decision).
    def __init__(
        self,
        kind: str,
        symbol: str | None,
        record: str | None,
        date: str | None,
        adopted: bool | None,
        vote: Vote | None,
        in_favour: list[str] | None = None,
        against: list[str] | None = None,
        abstaining: list[str] | None = None,
        not_participating: list[str] | None = None,
        vetoed_by: list[str] | None = None,
        outcome_text: str = "",
        line: int = 1,
        written_vote: Vote | None = None,
        label: str | None = None,
    ) -> None:
        self.kind = kind
        self.symbol = symbol
        self.record = record
        self.date = date
        self.adopted = adopted
        self.vote = vote
        self.in_favour = [] if in_favour is None else in_favour
        self.against = [] if against is None else against
        self.abstaining = [] if abstaining is None else abstaining
        self.not_participating = [] if not_participating is None else not_participating
        self.vetoed_by = [] if vetoed_by is None else vetoed_by
        self.outcome_text = outcome_text
        self.line = line
        self.written_vote = written_vote
        self.label = label


Emit = Callable[[str, str, str], None]  # severity, code, message


def judge(stated: Stated, emit: Emit) -> None:
    """Every finding the rules make about one stated decision."""
    year = int(stated.date[:4]) if stated.date else None
    _year_of_symbol(stated, year, emit)
    if stated.kind == "draft_resolution" and stated.vetoed_by and stated.vote is None:
        emit(
            "warning",
            "veto-no-vote",
            f"{stated.label or stated.symbol or 'draft'} is recorded as vetoed but no vote is "
            "recorded",
        )
    seated = sitting(stated.date)
    if seated is None:
        return
    label = stated.label or stated.symbol or stated.kind
    permanent_against = [n for n in stated.against if seated.is_permanent(n)]
    procedural = bool(stated.adopted and permanent_against)
    if procedural:
        emit(
            "info",
            "procedural-vote",
            f"{label} was adopted with {', '.join(permanent_against)} (permanent) voting "
            "against: the vote was procedural",
        )
    _written_tally(stated, label, emit)
    if stated.vote is not None:
        ballot = Ballot(
            stated.vote,
            stated.in_favour,
            stated.against,
            stated.abstaining,
            procedural=procedural or is_procedural(stated.outcome_text),
            adopted=stated.adopted,
            label=label,
        )
        for problem in council.judge(ballot, seated, votes=False).problems:
            emit(problem.severity, problem.code, problem.message)
    _not_participating(stated, seated, label, emit)


def symbol_year(symbol: str | None) -> int | None:
    """The year a resolution's symbol names ("S/RES/1234 (2099)": 2099), else ``None``."""
    if not symbol or not symbol.upper().startswith("S/RES/") or "(" not in symbol:
        return None
    written = symbol.rsplit("(", 1)[1].rstrip(")").strip()
    return int(written) if written.isdigit() else None


def outside_symbol_year(symbol: str | None, date: str | None) -> bool:
    """Whether a resolution is dated outside the year its symbol names."""
    named = symbol_year(symbol)
    return named is not None and date is not None and date[:4] != str(named)


def _year_of_symbol(stated: Stated, year: int | None, emit: Emit) -> None:
    symbol = stated.symbol or ""
    if year is not None and outside_symbol_year(symbol, stated.date):
        emit(
            "warning",
            "date-year",
            f"{symbol} is dated {stated.date}, outside the year of its symbol",
        )


def _written_tally(stated: Stated, label: str, emit: Emit) -> None:
    """A tally written in words ("Adopted 13-0-2") against the counts of the same source."""
    if stated.vote is None or stated.written_vote is None:
        return
    if stated.written_vote != stated.vote:
        v, w = stated.vote, stated.written_vote
        emit(
            "warning",
            "tally-written",
            f"{label}: the counts give {v.in_favour}-{v.against}-{v.abstaining} but the text "
            f"says {w.in_favour}-{w.against}-{w.abstaining} ({stated.outcome_text!r})",
        )


def _not_participating(stated: Stated, seated: Sitting, label: str, emit: Emit) -> None:
    names = (*stated.in_favour, *stated.against, *stated.abstaining)
    listed = {states.short_name(n) for n in names}
    if not listed or stated.vote is None:
        return
    total = stated.vote.in_favour + stated.vote.against + stated.vote.abstaining
    if total >= len(seated.seats):
        return
    absent = sorted(set(seated.seats) - listed)
    if absent and len(absent) <= len(seated.seats) - total:
        emit(
            "info",
            "did-not-participate",
            f"{label}: {', '.join(absent)} sat on the Council that day but is in no list "
            "(did not participate in the vote)",
        )
