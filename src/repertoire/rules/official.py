"""The Council's rules applied to a decision as an official source states it.

The same code that judges a Repertoire table judges official rows: each stated decision
becomes a :class:`~repertoire.records.Decision` at a :class:`~repertoire.records.Meeting`
and goes through :func:`repertoire.rules.votes.apply` (membership on the day, lists against
counts, a name listed twice, names that are no State, Article 27). What only official rows
need is here: an adopted decision with a permanent member against was procedural; a tally
written in words against the counts; members sitting that day but in no list; a date
outside the year of the symbol; a vetoed draft with no recorded vote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from repertoire.official.common import parse_tally
from repertoire.records import Decision, Meeting, Span, Vote
from repertoire.reference import council
from repertoire.rules import votes
from repertoire.rules.common import Report, canonical, sitting


@dataclass(slots=True)
class Stated:
    """One decision as one source states it (what the rules need, names as written)."""

    kind: str
    symbol: str | None
    record: str | None
    date: str | None
    adopted: bool | None
    vote: Vote | None
    in_favour: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)
    abstaining: list[str] = field(default_factory=list)
    not_participating: list[str] = field(default_factory=list)
    vetoed_by: list[str] = field(default_factory=list)
    tally_text: str | None = None
    outcome_text: str = ""
    line: int = 1


Emit = Callable[[str, str, str], None]  # severity, code, message


def judge(stated: Stated, emit: Emit) -> None:
    """Every finding the rules make about one stated decision."""
    year = int(stated.date[:4]) if stated.date else None
    _year_of_symbol(stated, year, emit)
    if stated.kind == "draft_resolution" and stated.vetoed_by and stated.vote is None:
        emit(
            "warning",
            "veto-no-vote",
            f"{stated.symbol or 'draft'} is recorded as vetoed but no vote is recorded",
        )
    if year is None or not council.FIRST_YEAR <= year <= council.LAST_YEAR:
        return
    day = dt.date.fromisoformat(stated.date) if stated.date else None
    seated = sitting(year, day)
    decision = Decision(
        kind=stated.kind,
        symbol=stated.symbol,
        adopted=stated.adopted,
        vote=stated.vote,
        in_favour=list(stated.in_favour),
        against=list(stated.against),
        abstaining=list(stated.abstaining),
        text=stated.outcome_text,
        span=Span(stated.line, 1, 0, 0),
    )
    label = stated.symbol or stated.kind
    permanent_against = [n for n in stated.against if seated.get(canonical(n), False)]
    if stated.adopted and permanent_against:
        decision.procedural = True
        emit(
            "info",
            "procedural-vote",
            f"{label} was adopted with {', '.join(permanent_against)} (permanent) voting "
            "against: the vote was procedural",
        )
    _written_tally(stated, label, emit)
    meeting = Meeting(record=stated.record or "", date=day, decisions=[decision])
    report = Report(lambda _offset: (stated.line, 1))
    votes.apply(meeting, year, report)
    for finding in report.findings:
        emit(finding.severity, finding.code, finding.message)
    _not_participating(stated, seated, label, emit)


def _year_of_symbol(stated: Stated, year: int | None, emit: Emit) -> None:
    symbol = stated.symbol or ""
    if year is None or not symbol.upper().startswith("S/RES/") or "(" not in symbol:
        return
    written = symbol.rsplit("(", 1)[1].rstrip(")").strip()
    if written.isdigit() and int(written) != year:
        emit(
            "warning",
            "date-year",
            f"{symbol} is dated {stated.date}, outside the year of its symbol",
        )


def _written_tally(stated: Stated, label: str, emit: Emit) -> None:
    """A tally written in words ("Adopted 13-0-2") against the counts of the same source."""
    if stated.vote is None or not stated.outcome_text:
        return
    written = parse_tally(stated.outcome_text)
    if written is None or written.vote is None:
        return
    if written.vote != stated.vote:
        v, w = stated.vote, written.vote
        emit(
            "warning",
            "tally-written",
            f"{label}: the counts give {v.in_favour}-{v.against}-{v.abstaining} but the text "
            f"says {w.in_favour}-{w.against}-{w.abstaining} ({stated.outcome_text!r})",
        )


def _not_participating(stated: Stated, seated, label: str, emit: Emit) -> None:
    listed = {canonical(n) for n in (*stated.in_favour, *stated.against, *stated.abstaining)}
    if not listed or stated.vote is None:
        return
    total = stated.vote.in_favour + stated.vote.against + stated.vote.abstaining
    if total >= len(seated):
        return
    absent = sorted(set(seated) - listed)
    if absent and len(absent) <= len(seated) - total:
        emit(
            "info",
            "did-not-participate",
            f"{label}: {', '.join(absent)} sat on the Council that day but is in no list "
            "(did not participate in the vote)",
        )
