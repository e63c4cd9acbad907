"""Meetings read against the Council's composition: kind and speakers.

The kind of a meeting follows one documented rule (docs/record.md):
"adoption" where it took a decision or voted on a draft; "open debate" or
"debate" where its sub-items or notes say so; "briefing" where rule 39
invitees took part and nothing was decided; otherwise "meeting".
"""

from __future__ import annotations

import re

from repertoire.records import Meeting, Section
from repertoire.reference import council, states
from repertoire.rules.common import Report, canonical, sitting

_OPEN_DEBATE = re.compile(r"(?i)\bopen\s+debate\b")
_DEBATE = re.compile(r"(?i)\bdebate\b")


def kind(meeting: Meeting, section: Section) -> str:
    if meeting.decisions:
        return "adoption"
    said = " ".join(
        [
            *(d.title for d in meeting.sub_items),
            *(section.table_notes.get(n, "") for n in meeting.notes),
        ]
    )
    if _OPEN_DEBATE.search(said):
        return "open debate"
    if _DEBATE.search(said):
        return "debate"
    if meeting.rule_39:
        return "briefing"
    return "meeting"


def apply(meeting: Meeting, section: Section, report: Report) -> None:
    meeting.kind = kind(meeting, section)
    year = section.year
    if year is None or not council.FIRST_YEAR <= year <= council.LAST_YEAR:
        return
    day = meeting.date
    seated = sitting(year, day)
    for speaker in meeting.speakers.council_members:
        if canonical(speaker.name) not in seated:
            known = states.lookup(speaker.name)
            hint = None if known else states.suggest(speaker.name)
            extra = f" (did you mean {hint}?)" if hint else ""
            report.warning(
                meeting.span,
                "speaker-not-member",
                f"{meeting.record}: {speaker.name} is listed among the Council members "
                f"who spoke but did not sit on the Council on {meeting.date or year}"
                f"{extra}",
            )
