"""Stage 5, apply the Council's rules to what was read (membership, votes, positions)."""

from __future__ import annotations

from repertoire.findings import Locate, Report
from repertoire.records import Document
from repertoire.rules import claims, meetings, positions, votes


def apply(document: Document, locate: Locate) -> None:
    """Fill what the rules imply and add the findings where text and rules disagree."""
    report = Report(locate)
    for section in document.sections:
        for meeting in section.meetings:
            votes.apply(meeting, section.year, report)
            meetings.apply(meeting, section, report)
    positions.check(document, report)
    by_record = {m.record: m for s in document.sections for m in s.meetings}
    for section in document.sections:
        claims.check(section, report)
        claims.quantifiers(section, by_record, report)
    document.findings.extend(report.findings)
