"""Meetings read against the Council's composition: kind and speakers.

The kind of a meeting follows one documented rule (docs/record.md):
"adoption" where it took a decision or voted on a draft; "open debate" or
"debate" where its sub-items or notes say so; "briefing" where rule 39
invitees took part and nothing was decided; otherwise "meeting".
"""

from __future__ import annotations

import re

from repertoire.findings import Report
from repertoire.records import Meeting, Section
from repertoire.reference import states
from repertoire.rules.council import Sitting

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


def apply(meeting: Meeting, section: Section, seated: Sitting | None, report: Report) -> None:
    meeting.kind = kind(meeting, section)
    if seated is None:
        return
    for speaker in meeting.speakers.council_members:
        if speaker.name not in seated:
            report.warning(
                meeting.span,
                "speaker-not-member",
                f"{meeting.record}: {speaker.name} is listed among the Council members "
                f"who spoke but did not sit on the Council on {seated.when}"
                f"{states.did_you_mean(speaker.name)}",
            )
