"""The Council's rules applied to what was read: membership, votes, positions, counts.

What the rules are lives in :mod:`repertoire.rules.council` (membership on a
day, Article 27); the other modules apply them, and the narrative's own
claims, to the record.
"""

from __future__ import annotations

from repertoire.findings import Report
from repertoire.records import Document
from repertoire.rules import claims, meetings, positions, votes
from repertoire.rules.council import sitting


def apply(document: Document, report: Report) -> None:
    """Fill what the rules imply; report where text and rules disagree (the document's findings)."""
    for section in document.sections:
        notes: dict[tuple[str, ...], str] = {}  # the notes' texts joined, per set of letters
        for meeting in section.meetings:
            seated = sitting(meeting.date, section.year)
            votes.apply(meeting, seated, report)
            meetings.apply(meeting, section, seated, report, notes)
    positions.check(document, report)
    by_record = {m.record: m for s in document.sections for m in s.meetings}
    for section in document.sections:
        claims.events(section)
        claims.check(section, report)
        claims.quantifiers(section, by_record, report)
