"""Article 27 of the Charter applied to the decisions read from the table.

Substantive decisions need the threshold of affirmative votes (seven of
eleven before 1966, nine of fifteen after) and no negative vote of a
permanent member; procedural ones need only the threshold. The recorded
outcome is compared with the computed one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from repertoire.records import Decision, Meeting
from repertoire.reference import council, patterns, states
from repertoire.rules.common import Report, canonical, sitting

_DRAFT = re.compile(r"(?i)^draft resolution")


def apply(meeting: Meeting, year: int | None, report: Report) -> None:
    if year is None or not council.FIRST_YEAR <= year <= council.LAST_YEAR:
        return
    day = meeting.date
    seated = sitting(year, day)
    drafts = [d for d in meeting.other_documents if _DRAFT.match(d.title) and d.document]
    for decision in meeting.decisions:
        _link_draft(decision, drafts)
        decision.procedural = decision.procedural or bool(
            patterns.compiled("decisions", "procedural").search(decision.text)
        )
        if decision.vote is None:
            continue
        _infer(decision, year, seated)
        _check_lists(meeting, decision, year, seated, report)
        _article_27(meeting, decision, year, seated, report)


def _link_draft(decision: Decision, drafts: list) -> None:
    """An adopted resolution's draft, and who submitted the draft voted on."""
    if decision.kind == "resolution" and decision.draft is None and len(drafts) == 1:
        decision.draft = drafts[0].document
    for draft in drafts:
        if draft.document == decision.draft:
            decision.submitters = [canonical(n) for n in draft.submitters]


def _infer(decision: Decision, year: int, seated: Mapping[str, bool]) -> None:
    """A unanimous tally with no lists: every member of that day's Council voted in favour."""
    vote = decision.vote
    if vote is None or decision.in_favour or decision.against or decision.abstaining:
        return
    if vote.against == 0 and vote.abstaining == 0 and vote.in_favour == len(seated):
        decision.in_favour = sorted(seated)
        decision.votes_inferred = True


def _check_lists(
    meeting: Meeting, decision: Decision, year: int, seated: Mapping[str, bool], report: Report
) -> None:
    vote = decision.vote
    assert vote is not None
    label = decision.symbol or decision.kind
    if vote.in_favour + vote.against + vote.abstaining > council.size(year):
        report.error(
            decision.span,
            "vote-total",
            f"{label}: the tally {vote.in_favour}-{vote.against}-{vote.abstaining} adds up to "
            f"more than the {council.size(year)} members of the Council in {year}",
        )
    if decision.votes_inferred or not (
        decision.in_favour or decision.against or decision.abstaining
    ):
        return
    where: dict[str, str] = {}
    for key, names in (
        ("in favour", decision.in_favour),
        ("against", decision.against),
        ("abstaining", decision.abstaining),
    ):
        for name in names:
            state = canonical(name)
            if state not in seated:
                hint = states.suggest(name) if states.lookup(name) is None else None
                extra = f" (did you mean {hint}?)" if hint else ""
                report.warning(
                    decision.span,
                    "vote-not-member",
                    f"{label}: {name} is listed {key} but was not a member of the "
                    f"Council on {meeting.date or year}{extra}",
                )
            if state in where:
                report.error(
                    decision.span,
                    "vote-twice",
                    f"{label}: {name} is listed both {where[state]} and {key}",
                )
            where.setdefault(state, key)
    for key, names, count in (
        ("in favour", decision.in_favour, vote.in_favour),
        ("against", decision.against, vote.against),
        ("abstaining", decision.abstaining, vote.abstaining),
    ):
        if len(names) != count:
            report.warning(
                decision.span,
                "vote-count",
                f"{label}: the tally gives {count} {key} but the note lists {len(names)}",
            )


def _article_27(
    meeting: Meeting, decision: Decision, year: int, seated: Mapping[str, bool], report: Report
) -> None:
    vote = decision.vote
    assert vote is not None
    enough = vote.in_favour >= council.threshold(year)
    permanent_against = [canonical(n) for n in decision.against if seated.get(canonical(n), False)]
    # With negative votes but no list of who cast them, a veto cannot be judged.
    unknown = vote.against > 0 and not decision.against and not decision.procedural
    if decision.procedural:
        adopted: bool | None = enough
    elif unknown:
        adopted = False if not enough else None
    else:
        adopted = enough and not permanent_against
    # A permanent member's negative vote is a veto only where the draft had the votes.
    decision.vetoed_by = permanent_against if enough and not decision.procedural else []
    if adopted is False:
        decision.failure = "veto" if decision.vetoed_by else "insufficient votes"
    recorded = decision.adopted
    if recorded is not None and adopted is not None and recorded != adopted:
        computed = "adopted" if adopted else f"not adopted ({decision.failure})"
        report.error(
            decision.span,
            "article-27",
            f"{decision.symbol or decision.kind} is recorded as "
            f"{'adopted' if recorded else 'not adopted'} but its vote "
            f"{vote.in_favour}-{vote.against}-{vote.abstaining} means {computed} under "
            f"Article 27 (threshold {council.threshold(year)} in {year})",
        )
    if recorded is False and decision.failure is None:
        decision.failure = "veto" if unknown else "insufficient votes"
    if recorded:
        decision.failure = None
