"""What a rendered section consists of, independent of the output format.

A section is laid out as inline pieces (plain text, document links, footnote
markers and table-note markers) grouped into paragraphs, footnotes, table
rows and notes. The Markdown and HTML writers only decide how each piece is
spelled. Where the records do not keep where something stood (a footnote
marker inside its paragraph, a note letter inside the table), the place is
chosen so that reading the output again gives the same records.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from repertoire.read import symbols
from repertoire.read.members import all_members, member_names
from repertoire.records import DocumentRef, Meeting, Paragraph, Section, Speaker
from repertoire.reference import patterns
from repertoire.render.markers import marker_positions
from repertoire.rules.council import sitting

COLUMN_TITLES = (
    "Meeting record and date",
    "Sub-item",
    "Other documents",
    "Rule 37 invitations",
    "Rule 39 and other invitations",
    "Speakers",
    "Decision and vote (for-against-abstaining)",
)

_RESOLUTION = re.compile(r"^S/RES/(\d{1,4}) \((\d{4})\)$")
_YEAR_AFTER = re.compile(r"\s*\(\d{4}\)")


# -- pieces ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A document symbol as written (``label``) and the symbol it stands for."""

    label: str
    symbol: str


@dataclass(frozen=True, slots=True)
class FootnoteMark:
    number: int


@dataclass(frozen=True, slots=True)
class NoteMark:
    letter: str


Piece = Text | Link | FootnoteMark | NoteMark
Inline = list[Piece]


def plain_text(pieces: Iterable[Piece]) -> str:
    """The text a reader sees, markers left out."""
    return "".join(
        p.text if isinstance(p, Text) else p.label if isinstance(p, Link) else "" for p in pieces
    )


# -- finding the symbols in a text ---------------------------------------------


def _extent(text: str, start: int, symbol: str) -> int:
    """End of the symbol written at ``start`` (without any pinpoint after it)."""
    number = patterns.compiled("symbols", "resolution_number")
    if symbol.startswith("S/RES/") and (match := number.match(text, start)):
        return match.end()
    match = patterns.symbol().match(text, start)
    if not match:
        return start
    end = match.end()
    if suffix := re.compile(patterns.data()["symbols"]["record_suffix"]).match(text, end):
        end = suffix.end()
    elif "/RES/" in match.group() and (year := _YEAR_AFTER.match(text, end)):
        end = year.end()
    while end > start and text[end - 1] == ".":
        end -= 1
    return end


def symbol_spans(text: str, expected: Iterable[str] = ()) -> list[tuple[int, int, str]]:
    """(start, end, symbol) of every citation in ``text``, in order, not overlapping.

    ``expected`` are symbols the records say the text cites: a resolution
    that was cited only through a link on its bare number ("1234 (2001)")
    is found again by that number.
    """
    spans: list[tuple[int, int, str]] = []
    for found in symbols.find(text):
        end = _extent(text, found.start, found.symbol)
        if end > found.start:
            spans.append((found.start, end, found.symbol))
    seen = {symbol for _, _, symbol in spans}
    wanted = {symbol for symbol in expected if symbol not in seen and _RESOLUTION.match(symbol)}
    if wanted:
        # One pass over the text for every expected number, not one per number.
        read = sorted(spans)
        starts = [a for a, _, _ in read]
        number = patterns.compiled("symbols", "resolution_number")
        for hit in number.finditer(text):
            symbol = f"S/RES/{hit.group(1)} ({hit.group(2)})"
            index = bisect.bisect_right(starts, hit.start()) - 1
            inside = index >= 0 and hit.start() < read[index][1]
            if symbol in wanted and not inside:
                spans.append((hit.start(), hit.end(), symbol))
    spans.sort()
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def linked(
    text: str,
    expected: Iterable[str] = (),
    marks: Sequence[tuple[int, Piece]] = (),
) -> Inline:
    """``text`` cut into plain text and links, with ``marks`` inserted at their positions."""
    spans = symbol_spans(text, expected)
    cuts: list[tuple[int, int, Piece]] = []  # (position, order, piece)
    starts = [start for start, _, _ in spans]
    for order, (position, piece) in enumerate(marks):
        # A marker never splits a link label: it goes after it.
        index = bisect.bisect_left(starts, position) - 1
        if index >= 0 and position < spans[index][1]:
            position = spans[index][1]
        cuts.append((position, order, piece))
    cuts.sort(key=lambda c: (c[0], c[1]))
    pieces: Inline = []
    at = 0
    # (position, links before marks, the link's (end, symbol) or the mark)
    events: list[tuple[int, int, tuple[int, str] | Piece]] = [(a, 0, (b, s)) for a, b, s in spans]
    events += [(p, 1, piece) for p, _, piece in cuts]
    events.sort(key=lambda e: (e[0], e[1]))
    for position, _, payload in events:
        if position > at:
            pieces.append(Text(text[at:position]))
            at = position
        if isinstance(payload, tuple):
            end, symbol = payload
            pieces.append(Link(text[position:end], symbol))
            at = end
        else:
            pieces.append(payload)
    if at < len(text):
        pieces.append(Text(text[at:]))
    return pieces


# -- footnote markers in the narrative ---------------------------------------


def sentences_of(section: Section) -> dict[int, str]:
    """The sentence each footnote was cited in, for footnotes first cited in this section."""
    return {f.number: f.sentence for f in section.footnotes if f.sentence}


def clauses_of(section: Section) -> dict[int, str]:
    """The words each footnote's marker closes, for footnotes first cited in this section."""
    return {f.number: f.clause for f in section.footnotes if f.clause}


def paragraph_pieces(
    paragraph: Paragraph, sentences: dict[int, str], clauses: dict[int, str] | None = None
) -> Inline:
    placed = marker_positions(paragraph, sentences, clauses)
    marks = [(p, FootnoteMark(n)) for p, n in placed]
    return linked(paragraph.text, paragraph.citations, marks)


# -- the meetings table ------------------------------------------------------


@dataclass(slots=True)
class Row:
    """One table row; ``first`` rows open a meeting, the others continue it.

    Each cell is a list of parts (one per decision in the last column) that
    Markdown writes on one line and HTML one below the other.
    """

    cells: list[list[Inline]]
    meeting: Meeting
    first: bool = True


@dataclass(slots=True)
class Plan:
    section: Section
    heading: str | None
    before: list[tuple[Paragraph, Inline]] = field(default_factory=list)
    after: list[tuple[Paragraph, Inline]] = field(default_factory=list)
    footnotes: list[tuple[int, Inline]] = field(default_factory=list)
    caption: str | None = None
    rows: list[Row] = field(default_factory=list)
    notes: list[tuple[str, Inline]] = field(default_factory=list)


def date_text(meeting: Meeting, year: int | None) -> str:
    """The date as the table wrote it, or else from the date: "3 March" (with the year
    when it is another)."""
    if meeting.date_text or not meeting.date:
        return meeting.date_text or ""
    day = meeting.date
    text = f"{day.day} {patterns.month_name(day.month)}"
    return text if day.year == year else f"{text} {day.year}"


def _documents(refs: Sequence[DocumentRef]) -> list[Inline]:
    cells: list[Inline] = []
    for ref in refs:
        pieces = linked(ref.title)
        if ref.document:
            pieces += [Text(" ("), *_symbols_of(ref), Text(")")]
        cells.append(pieces)
    return cells


def _symbols_of(ref: DocumentRef) -> Inline:
    """A document's symbols as written: "A/78/123-S/2099/456", "S/2099/456 and Corr.1"."""
    assert ref.document is not None
    parts = [s for s in ref.also if s.startswith(ref.document + "/")]
    halves = [s for s in ref.also if s not in parts]
    pieces: Inline = []
    for half in halves:
        pieces += [Link(half, half), Text("-")]
    pieces.append(Link(ref.document, ref.document))
    for part in parts:
        pieces.append(Text(" and " + part[len(ref.document) + 1 :]))
    return pieces


def _speaker_text(speaker: Speaker) -> str:
    if not speaker.on_behalf_of:
        return speaker.name
    return f"{speaker.name} (also on behalf of {_and_list(speaker.on_behalf_of)})"


def _and_list(names: Sequence[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _member_letter(meeting: Meeting, notes: dict[str, str]) -> str | None:
    """The note whose list of names is the council members who spoke."""
    # The parser's own reading of a list note decides, so the output reads back the same.
    wanted = [(s.name, list(s.on_behalf_of)) for s in meeting.speakers.council_members]
    for letter in meeting.notes:
        listed = member_names(notes.get(letter, ""))
        if listed and [(s.name, list(s.on_behalf_of)) for s in listed] == wanted:
            return letter
    return None


def _whole_council(meeting: Meeting, year: int | None) -> bool:
    seated = sitting(meeting.date, year)
    if seated is None:
        return False
    names = [(s.name, s.on_behalf_of) for s in meeting.speakers.council_members]
    return names == [(name, []) for name in seated.members]


def _said_all(meeting: Meeting, section: Section) -> tuple[bool, str | None]:
    """Whether the words as read ("All Council members except Ghana") stand for the members
    who spoke, and the note that says what they spoke on behalf of, if one is needed."""
    words = meeting.speakers.members_text
    if not words:
        return False, None
    wanted = [(s.name, list(s.on_behalf_of)) for s in meeting.speakers.council_members]
    # The reader's own reading of the words decides, so the output reads back the same.
    for letter in [None, *meeting.notes]:
        note = section.table_notes.get(letter, "") if letter else ""
        found = all_members(words, meeting.date, section.year, note)
        if found is not None and [(s.name, list(s.on_behalf_of)) for s in found] == wanted:
            return True, letter
    return False, None


def _speakers(
    meeting: Meeting, section: Section
) -> tuple[Inline | None, Inline | None, str | None]:
    """(members item, invitees item, letter of the members' note)."""
    members_item: Inline | None = None
    letter: str | None = None
    spoke = meeting.speakers
    counted = spoke.members_text or f"{len(spoke.council_members)} Council members"
    if spoke.council_members:
        letter = _member_letter(meeting, section.table_notes)
        if letter is not None or _whole_council(meeting, section.year):
            members_item = [Text(counted)]
        elif (said := _said_all(meeting, section))[0]:
            members_item = [Text(counted)]
            letter = said[1]
        else:
            members_item = [Text(", ".join(_speaker_text(s) for s in spoke.council_members))]
    elif spoke.members_text:
        members_item = [Text(spoke.members_text)]  # a number of members, not named
    invitees_item: Inline | None = None
    invited = list(dict.fromkeys([*meeting.rule_37, *meeting.rule_39]))
    if spoke.invitees:
        if spoke.invitees_text and set(spoke.invitees) <= set(invited):
            invitees_item = [Text(spoke.invitees_text)]
        elif len(invited) == 1 and spoke.invitees == invited:
            invitees_item = [Text("invitee")]
        elif spoke.invitees == invited:
            invitees_item = [Text("all invitees")]
        else:
            invitees_item = [Text(", ".join(spoke.invitees))]
    return members_item, invitees_item, letter


def _place_notes(
    meeting: Meeting, slots: dict[int, Inline], assigned: dict[str, int]
) -> dict[int, list[str]]:
    """Which slot each note letter of the meeting goes to, keeping their recorded order.

    Slots: 1 sub-items, 2 other documents, 3 rule 37, 4 rule 39, 5 the
    members who spoke, 6 the end of the speakers cell, 7 and on the decisions.
    """
    placed: dict[int, list[str]] = {}
    floor = 0
    letters = meeting.notes
    available = sorted(s for s, pieces in slots.items() if plain_text(pieces).strip())
    for index, letter in enumerate(letters):
        if letter in assigned:
            slot = assigned[letter]
        else:
            ceiling = min(
                (assigned[x] for x in letters[index + 1 :] if x in assigned), default=10**6
            )
            fits = [s for s in available if floor <= s <= ceiling]
            # Remarks on invitees stand at the end of the speakers cell in the Repertoire.
            preferred = [s for s in (6, 4, 3) if s in fits]
            if preferred:
                slot = preferred[0]
            elif fits:
                slot = fits[0]
            elif available:
                slot = max([s for s in available if s <= ceiling] or available[:1])
            else:
                continue
        placed.setdefault(slot, []).append(letter)
        floor = max(floor, slot)
    return placed


def _submitters_note(meeting: Meeting, section: Section, assigned: dict[str, int]) -> str | None:
    """The note that lists who submitted the last draft, "submitted by 40 Member States ^b"."""
    counted = patterns.compiled("speakers", "submitted_counted")
    last = meeting.other_documents[-1] if meeting.other_documents else None
    if last is None or not last.submitters or not counted.search(last.title):
        return None
    for letter in meeting.notes:
        note = section.table_notes.get(letter, "")
        if letter not in assigned and all(name in note for name in last.submitters):
            return letter
    return None


def meeting_rows(meeting: Meeting, section: Section) -> list[Row]:
    sub_items = _documents(meeting.sub_items)
    others = _documents(meeting.other_documents)
    members, invitees, member_letter = _speakers(meeting, section)
    decisions = [linked(d.text, [d.symbol or "", d.draft or ""]) for d in meeting.decisions]
    slots: dict[int, Inline] = {
        1: sub_items[-1] if sub_items else [],
        2: others[-1] if others else [],
        3: [Text(", ".join(meeting.rule_37))] if meeting.rule_37 else [],
        4: [Text(", ".join(meeting.rule_39))] if meeting.rule_39 else [],
        5: members or [],
        6: invitees or members or [],
    }
    for index, pieces in enumerate(decisions):
        slots[7 + index] = pieces
    assigned: dict[str, int] = {}
    if member_letter is not None and members is not None:
        assigned[member_letter] = 5
    for index, decision in enumerate(meeting.decisions):
        for letter in decision.notes:
            assigned.setdefault(letter, 7 + index)
    if submitters := _submitters_note(meeting, section, assigned):
        assigned[submitters] = 2
    placed = _place_notes(meeting, slots, assigned)

    def with_notes(pieces: Inline, slot: int) -> Inline:
        return [*pieces, *(NoteMark(x) for x in placed.get(slot, []))]

    if sub_items:
        sub_items[-1] = with_notes(sub_items[-1], 1)
    if others:
        others[-1] = with_notes(others[-1], 2)
    speakers: Inline = []
    if members is not None:
        speakers += with_notes(members, 5)
    if invitees is not None:
        speakers += [Text(", ")] if speakers else []
        speakers += with_notes(invitees, 6)
    elif members is not None:
        speakers = with_notes(speakers, 6)
    decision_parts = [with_notes(pieces, 7 + index) for index, pieces in enumerate(decisions)]
    record: Inline = [Link(meeting.record, meeting.record)]
    if when := date_text(meeting, section.year):
        record.append(Text(" " + when))
    first = [
        [record],
        sub_items[:1],
        others[:1],
        [with_notes(slots[3], 3)],
        [with_notes(slots[4], 4)],
        [speakers],
        decision_parts,
    ]
    rows = [Row([[part for part in cell if part] for cell in first], meeting)]
    for index in range(1, max(len(sub_items), len(others))):
        cells: list[list[Inline]] = [[] for _ in COLUMN_TITLES]
        cells[1] = sub_items[index : index + 1]
        cells[2] = others[index : index + 1]
        rows.append(Row(cells, meeting, first=False))
    return rows


# -- the whole section -------------------------------------------------------


def _table_start(section: Section) -> int | None:
    starts = [m.span.start for m in section.meetings if m.span.start or m.span.line]
    return min(starts) if starts else None


def plan(section: Section) -> Plan:
    """Lay out ``section``."""
    heading = f"{section.number}. {section.title}" if section.number else None
    result = Plan(section, heading)
    sentences = sentences_of(section)
    clauses = clauses_of(section)
    table_start = _table_start(section)
    for paragraph in section.paragraphs:
        pieces = paragraph_pieces(paragraph, sentences, clauses)
        # Text that stood after the table in the source stays after it.
        later = table_start is not None and paragraph.span.start > table_start
        (result.after if later else result.before).append((paragraph, pieces))
    for footnote in section.footnotes:
        own = [c.symbol for c in footnote.citations]
        if footnote.ibid_of is not None and own:
            own = own[1:]  # the first citation is the one "Ibid." points back to
        result.footnotes.append((footnote.number, linked(footnote.text, own)))
    if section.meetings and section.year is not None:
        result.caption = f"Meetings: {section.title or 'meetings'}, {section.year}"
    for meeting in section.meetings:
        result.rows.extend(meeting_rows(meeting, section))
    for letter, text in section.table_notes.items():
        result.notes.append((letter, linked(text)))
    return result
