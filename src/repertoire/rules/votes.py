"""Article 27 applied to the decisions read from the table (see :mod:`repertoire.rules.council`).

Each decision is linked to its draft and its submitters, marked procedural
where its words say so, and, where it was put to the vote, judged by the
Council sitting on the meeting's day: the lists a unanimous tally implies,
vetoes, the reason a draft failed and the findings where the recorded outcome
or lists disagree with the rules.
"""

from __future__ import annotations

import re
from typing import Final

from repertoire.findings import Report
from repertoire.records import Decision, DocumentRef, Meeting
from repertoire.reference import states
from repertoire.rules.council import Ballot, Sitting, is_procedural, judge

_DRAFT: Final = re.compile(r"(?i)^draft resolution")


def apply(meeting: Meeting, seated: Sitting | None, report: Report) -> None:
    drafts = [d for d in meeting.other_documents if _DRAFT.match(d.title) and d.document]
    by_symbol: dict[str | None, list[DocumentRef]] = {}
    for draft in drafts:
        by_symbol.setdefault(draft.document, []).append(draft)
    for decision in meeting.decisions:
        _link_draft(decision, drafts, by_symbol)
        decision.procedural = decision.procedural or is_procedural(decision.text)
        if decision.vote is None or seated is None:
            continue
        verdict = judge(ballot(decision), seated)
        decision.in_favour = verdict.in_favour
        decision.votes_inferred = verdict.inferred
        decision.vetoed_by = verdict.vetoed_by
        decision.failure = verdict.failure
        for problem in verdict.problems:
            report.add(problem.severity, decision.span.start, problem.code, problem.message)


def ballot(decision: Decision) -> Ballot:
    """A decision of the record as the rules take it."""
    return Ballot(
        decision.vote,
        decision.in_favour,
        decision.against,
        decision.abstaining,
        procedural=decision.procedural,
        adopted=decision.adopted,
        vetoed_by=decision.vetoed_by,
        inferred=decision.votes_inferred,
        label=decision.symbol or decision.kind,
    )


def _link_draft(
    decision: Decision, drafts: list[DocumentRef], by_symbol: dict[str | None, list[DocumentRef]]
) -> None:
    """An adopted resolution's draft, and who submitted the draft voted on."""
    if decision.kind == "resolution" and decision.draft is None and len(drafts) == 1:
        decision.draft = drafts[0].document
    # The drafts of that symbol, looked up rather than read for every decision.
    for draft in by_symbol.get(decision.draft, []):
        decision.submitters = [states.short_name(n) for n in draft.submitters]
