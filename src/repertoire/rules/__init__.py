"""Stage 5, apply the Council's rules to what was read (membership, votes, positions)."""

from __future__ import annotations

from repertoire.read.text import Mapped
from repertoire.records import Document
from repertoire.rules import claims, meetings, positions, votes
from repertoire.rules.common import Locate, Report


def apply(document: Document, locate: Locate, footnote_texts: dict[int, Mapped]) -> None:
    """Fill what the rules imply and add the findings where text and rules disagree."""
    report = Report(locate)
    for section in document.sections:
        notes: dict[tuple[str, ...], str] = {}
        for meeting in section.meetings:
            votes.apply(meeting, section.year, report)
            meetings.apply(meeting, section, report, notes)
        records = frozenset(m.record for m in section.meetings)
        for footnote in section.footnotes:
            text = footnote_texts.get(footnote.number)
            if text is not None:
                positions.read(footnote, text, report, records)
    positions.check(document, report)
    by_record = {m.record: m for s in document.sections for m in s.meetings}
    for section in document.sections:
        claims.events(section)
        claims.check(section, report)
        claims.quantifiers(section, by_record, report)
    document.findings.extend(report.findings)
