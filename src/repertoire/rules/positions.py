"""Positions: footnotes that attribute the sentence citing them to delegations.

"See S/PV.1234, Brazil and Japan; S/PV.1235, Kenya (also on behalf of Chad
and Niger) and Peru" says that those delegations expressed the view of
the sentence at those meetings. Each position is checked against the table's
speakers; missing separators between names are reported and mended.
"""

from __future__ import annotations

import re

from repertoire.read import names
from repertoire.read.text import Mapped
from repertoire.records import Document, Footnote, Position, Span, Speaker
from repertoire.reference import states
from repertoire.rules.common import Report, canonical

_PART = re.compile(
    r"^\s*(?:(?:See\s+(?:also\s+)?)|and\s+)?(?P<meeting>S/PV\.\d+(?:\s*\((?:Resumption|Part)\s*\d+\))?|Ibid\.?)"
    r"\s*,\s*(?P<names>.+?)\s*\.?\s*$",
    re.IGNORECASE,
)


def read(footnote: Footnote, text: Mapped, report: Report) -> None:
    """Fill ``footnote.positions`` from its text; report names that need mending."""
    if "S/PV." not in text.text and not footnote.ibid_of:
        return
    for begin, end in names.top_level(text.text, ";"):
        match = _PART.match(text.text[begin:end])
        if not match:
            continue
        meeting = match.group("meeting")
        if meeting.casefold().startswith("ibid"):
            if not footnote.citations or footnote.ibid_of is None:
                continue
            meeting = footnote.citations[0].symbol
            if not meeting.startswith("S/PV."):
                continue
        offset = begin + match.start("names")
        listed = names.split(match.group("names"))
        if not listed or not any(states.is_known(n.name) for n in listed):
            continue
        speakers: list[Speaker] = []
        for index, name in enumerate(listed):
            where = offset + name.start
            if name.missing_separator and index:
                before = listed[index - 1].name
                report.add(
                    "warning",
                    text.source(where),
                    "position-separator",
                    f"footnote {footnote.number}: a {name.missing_separator} is missing "
                    f"between '{before}' and '{name.name}'; read as two delegations",
                    footnote.number,
                )
            if not states.is_known(name.name):
                hint = states.suggest(name.name)
                extra = f" (did you mean {hint}?)" if hint else ""
                report.add(
                    "warning",
                    text.source(where),
                    "position-unknown-name",
                    f"footnote {footnote.number}: '{name.name}' is no known delegation{extra}",
                    footnote.number,
                )
            speakers.append(
                Speaker(canonical(name.name), [canonical(n) for n in name.on_behalf_of])
            )
        start = text.source(begin + match.start("meeting"))
        line, column = report.locate(start)
        footnote.positions.append(
            Position(meeting, speakers, Span(line, column, start, text.source(end - 1) + 1))
        )


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
                    spoke = {canonical(s.name) for s in meeting.speakers.council_members}
                    spoke |= {canonical(n) for n in meeting.speakers.invitees}
                    speakers[position.meeting] = spoke
                for speaker in position.speakers:
                    if speaker.name not in spoke:
                        report.warning(
                            position.span,
                            "position-not-speaker",
                            f"footnote {footnote.number}: {speaker.name} is said to "
                            f"have spoken at {position.meeting}, but the table does "
                            "not list it among that meeting's speakers",
                            footnote.number,
                        )
