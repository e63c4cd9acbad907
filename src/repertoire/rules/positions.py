"""Positions checked against the table: a delegation said to have spoken at a meeting
must be among that meeting's speakers (the positions are read with their footnotes,
in :mod:`repertoire.read.footnotes`)."""

from __future__ import annotations

from repertoire.findings import Report
from repertoire.read import names
from repertoire.records import Document
from repertoire.reference import states


def check(document: Document, report: Report) -> None:
    """A delegation said to have spoken at a meeting where the table lists no such speaker."""
    meetings = {m.record: m for s in document.sections for m in s.meetings}
    speakers: dict[str, set[str]] = {}  # each meeting's speakers gathered once
    for section in document.sections:
        for footnote in section.footnotes:
            for position in footnote.positions:
                meeting = meetings.get(position.meeting)
                if meeting is None:
                    continue
                spoke = speakers.get(position.meeting)
                if spoke is None:
                    spoke = {states.short_name(s.name) for s in meeting.speakers.council_members}
                    spoke |= {states.short_name(n) for n in meeting.speakers.invitees}
                    # A delegate named by title speaks for the State or organization it names.
                    spoke |= {e for n in meeting.speakers.invitees if (e := names.entity_of(n))}
                    speakers[position.meeting] = spoke
                for speaker in position.speakers:
                    if speaker.kind in ("group", "person"):
                        continue  # not listed by name in the table
                    if speaker.name not in spoke:
                        report.warning(
                            position.span,
                            "position-not-speaker",
                            f"footnote {footnote.number}: {speaker.name} is said to "
                            f"have spoken at {position.meeting}, but the table does "
                            "not list it among that meeting's speakers",
                            footnote.number,
                        )
