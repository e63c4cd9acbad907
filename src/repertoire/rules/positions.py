"""Positions: footnotes that attribute the sentence citing them to delegations.

"See S/PV.1234, Brazil and Japan; S/PV.1235, Kenya (also on behalf of Chad
and Niger) and Peru" says that those delegations expressed the view of
the sentence at those meetings. Each position is checked against the table's
speakers; missing separators between names are reported and mended.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from repertoire.read import names
from repertoire.read.text import Mapped
from repertoire.records import Document, Footnote, Position, Span, Speaker
from repertoire.reference import states
from repertoire.rules.common import Report, canonical

_PART = re.compile(
    r"^\s*(?:(?:See\s+(?:also\s+)?)|and\s+)?(?P<meeting>S/PV\.\d+(?:\s*\((?:Resumption|Part)\s*\d+\)|\s*\((?:closed|private)\))?|S/\d{4}/\d+|Ibid\.?)"
    r"\s*,\s*(?P<names>.+?)\s*\.?\s*$",
    re.IGNORECASE,
)
# A group after a semicolon that names no meeting goes on with the meeting before it:
# "See S/PV.1234, Brazil and India; and Kenya (also on behalf of Chad and Niger)".
_MORE = re.compile(r"^\s*(?:and\s+)?(?P<names>[^/]+?)\s*\.?\s*$", re.IGNORECASE)
_NAMED = frozenset(("state", "organization", "group", "person"))
_LETTER = re.compile(r"S/\d{4}/\d+", re.IGNORECASE)


def read(footnote: Footnote, text: Mapped, report: Report, records: Collection[str] = ()) -> None:
    """Fill ``footnote.positions`` from its text; report names that need mending.

    ``records`` are the meetings of the section's table: a meeting held by videoconference
    is known by the letter that records it (S/2099/12), which a footnote cites instead of
    an S/PV record.
    """
    # A letter that may name a meeting is looked up, not every meeting looked for in the
    # text: a section of many meetings and many footnotes reads in linear time.
    if (
        "S/PV." not in text.text
        and not footnote.ibid_of
        and not any(letter in records for letter in _LETTER.findall(text.text))
    ):
        return
    meeting: str | None = None
    for begin, end in names.top_level(text.text, ";"):
        match = _PART.match(text.text[begin:end])
        if match:
            meeting = match.group("meeting")
        elif meeting is None or not (match := _MORE.match(text.text[begin:end])):
            meeting = None
            continue
        if meeting.casefold().startswith("ibid"):
            if not footnote.citations or footnote.ibid_of is None:
                meeting = None
                continue
            meeting = footnote.citations[0].symbol
        if not meeting.startswith("S/PV.") and meeting not in records:
            meeting = None
            continue
        offset = begin + match.start("names")
        listed = names.split(match.group("names"))
        kinds = [names.kind_of(n.name) for n in listed]
        if not listed or not any(k in _NAMED for k in kinds):
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
            if kinds[index] not in _NAMED:
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
                Speaker(
                    names.label(name.name),
                    [names.label(n) for n in name.on_behalf_of],
                    kinds[index] if kinds[index] in _NAMED else "unknown",
                )
            )
        named = "meeting" if "meeting" in match.re.groupindex else "names"
        start = text.source(begin + match.start(named))
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
