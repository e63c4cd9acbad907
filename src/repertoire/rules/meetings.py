"""Meetings read against the Council's composition: kind and speakers.

The kind of a meeting follows one documented rule (docs/record.md):
"adoption" where it took a decision or voted on a draft; "open debate" or
"debate" where its sub-items or notes say so; "briefing" where rule 39
invitees took part and nothing was decided; otherwise "meeting".
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from repertoire.findings import Report
from repertoire.records import Meeting, Section
from repertoire.reference import patterns, states
from repertoire.rules.council import Sitting

# "\bopen\s+debate\b" and "\bdebate\b", any case: the first letter comes first, with the
# word's start looked behind for, so that a scan skips to where a match may begin.
_OPEN_DEBATE: Final = re.compile(r"[Oo](?<!\w[Oo])(?i:pen\s+debate\b)")
_DEBATE: Final = re.compile(r"[Dd](?<!\w[Dd])(?i:ebate\b)")
_DEBATE_WORD: Final = ("debate",)


def kind(
    meeting: Meeting, section: Section, notes: dict[tuple[str, ...], str] | None = None
) -> str:
    """The meeting's kind; ``notes`` keeps the notes' texts joined once per set of letters."""
    if meeting.decisions:
        return "adoption"
    # What the sub-items and the notes say, searched as if joined by spaces. A note
    # serves many meetings: its text is joined and searched once, not once per meeting.
    titles = " ".join(t for d in meeting.sub_items if (t := d.title.strip()))
    letters = tuple(meeting.notes)
    if notes is None:
        notes = {}
    if letters not in notes:
        texts = (section.table_notes.get(n, "").strip() for n in letters)
        notes[letters] = " ".join(t for t in texts if t)
    said = notes[letters]
    # Both patterns match only where the word "debate" stands: most meetings' words lack it.
    if patterns.may_say(titles, _DEBATE_WORD) or patterns.may_say(said, _DEBATE_WORD):
        if _says(_OPEN_DEBATE, titles, said):
            return "open debate"
        if _says(_DEBATE, titles, said):
            return "debate"
    if meeting.rule_39:
        return "briefing"
    return "meeting"


_REACH: Final = 64  # longer than any match of the patterns above


def _says(pattern: re.Pattern[str], first: str, second: str) -> bool:
    """Whether ``pattern`` is found in ``first + " " + second`` (runs of spaces count as one)."""
    if _found(pattern, first) or _found(pattern, second):
        return True
    if not first or not second:
        return False
    tail = first[-_REACH:]
    return any(
        m.start() <= len(tail) < m.end() for m in pattern.finditer(f"{tail} {second[:_REACH]}")
    )


@lru_cache(maxsize=256)
def _found(pattern: re.Pattern[str], text: str) -> bool:
    return bool(pattern.search(text))


def apply(
    meeting: Meeting,
    section: Section,
    seated: Sitting | None,
    report: Report,
    notes: dict[tuple[str, ...], str] | None = None,
) -> None:
    meeting.kind = kind(meeting, section, notes)
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
