"""Footnotes: their citations, "Ibid." and the positions they attribute.

"Ibid." is resolved in one ordered pass that remembers the last footnote's
first citation. A footnote with no citation breaks the chain: an "Ibid."
after it is left unresolved and reported, never attached to an older source.

Positions: "See S/PV.1234, Brazil and Japan; S/PV.1235, Kenya (also on behalf
of Chad and Niger) and Peru" says that those delegations expressed the view
of the sentence citing the footnote at those meetings. Missing separators
between names are reported and mended; the rules check each position
against the table's speakers.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Final, NamedTuple

from repertoire.findings import Locate, Report
from repertoire.read import names, symbols
from repertoire.read.layout import Block
from repertoire.read.text import Mapped, clean
from repertoire.records import Citation, Footnote, Position, Span, Speaker
from repertoire.reference import patterns, states

_IBID: Final = re.compile(r"^\s*(?:See\s+)?Ibid\.?,?", re.IGNORECASE)
_LETTER: Final = re.compile(r"S/\d{4}/\d+", re.IGNORECASE)
_PART_HEAD: Final = re.compile(
    r"^\s*(?:(?:See\s+(?:also\s+)?)|and\s+)?"
    rf"(?P<meeting>{patterns.meeting_record()}|S/\d{{4}}/\d+|Ibid\.?)\s*,\s*",
    re.IGNORECASE,
)
_PART: Final = re.compile(_PART_HEAD.pattern + r"(?P<names>.+?)\s*\.?\s*$", re.IGNORECASE)
# A group after a semicolon that names no meeting goes on with the meeting before it:
# "See S/PV.1234, Brazil and India; and Kenya (also on behalf of Chad and Niger)".
_MORE: Final = re.compile(r"^\s*(?:and\s+)?(?P<names>[^/]+?)\s*\.?\s*$", re.IGNORECASE)
_NAMED: Final = frozenset(("state", "organization", "group", "person"))
# A tuple made without the named tuple's own constructor, a Python function.
_new_tuple: Final = tuple.__new__


class _Part(NamedTuple):
    """A group of names between semicolons: its meeting (named, or that of the group
    before), where the group starts (at the meeting it names, else at its names), and its
    names with where they start."""

    meeting: str
    start: int
    names_start: int
    names: str


def _part(text: str) -> _Part | None:
    """``_PART`` matched, with its names found without the pattern where that is plain."""
    head = _PART_HEAD.match(text)
    if head is None:
        return None
    # The names run to the end but for spaces and one full stop: the pattern's lazy run
    # would try that ending after every character.
    listed = text[head.end() :].rstrip()
    if listed.endswith("."):
        listed = listed[:-1].rstrip()
    if listed and "\n" not in listed:
        return _new_tuple(_Part, (head.group("meeting"), head.start("meeting"), head.end(), listed))
    # Nothing, or a line break, after the comma: the pattern decides.
    match = _PART.match(text)
    if match is None:
        return None
    meeting = match.group("meeting")
    return _new_tuple(
        _Part, (meeting, match.start("meeting"), match.start("names"), match.group("names"))
    )


def span_of(text: Mapped, start: int, end: int, locate: Locate) -> Span:
    first = text.source(start)
    line, column = locate(first)
    return Span(line, column, first, text.source(max(start, end - 1)) + 1)


def read(block: Block, locate: Locate) -> tuple[Footnote, Mapped]:
    """A footnote block as a record with its citations (Ibid. not yet resolved)."""
    text = clean(block.mapped(), notes=False)
    links = frozenset([m.position for m in text.markers if m.kind == "link"])
    first = block.first.start
    # The span's place not spread into its arguments: compiled, that call is a plain one.
    line, column = locate(first)
    last = block.lines[-1]
    # Every field in order, none by keyword: a class called with keywords is given them
    # in a dictionary made for the call.
    footnote = Footnote(
        int(block.label),
        text.text,
        [],
        None,
        [],
        None,
        Span(line, column, first, last.start + len(last.raw)),
    )
    found = symbols.find(text.text, links)
    if found:
        # span_of, written out: a footnote block has a citation for each document it cites.
        # (A native method, called directly: a bound method held would be called through
        # Python's calling convention.)
        citations = footnote.citations
        for symbol, pinpoint, start, end, joint, _part in found:
            begin = text.source(start)
            line, column = locate(begin)
            span = Span(line, column, begin, text.source(end - 1 if end > start else start) + 1)
            citations.append(Citation(symbol, pinpoint, span, joint))
    return footnote, text


def _may_say_ibid(text: str) -> bool:
    """Whether ``_IBID`` may match: in ASCII, only where "bid" is in any case (most
    footnotes are looked at without the pattern); other text is left to the pattern."""
    return not text.isascii() or "bid" in text.lower()


def resolve_ibid(footnotes: list[tuple[Footnote, Mapped]], report: Report) -> None:
    """Point every "Ibid." at the previous footnote's first citation."""
    previous: Footnote | None = None
    for footnote, text in footnotes:
        match = _IBID.match(text.text) if _may_say_ibid(text.text) else None
        if match:
            antecedent = previous.citations[0] if previous and previous.citations else None
            if antecedent is None or previous is None:
                report.add(
                    "warning",
                    footnote.span.start,
                    "ibid-unresolved",
                    f"footnote {footnote.number} says 'Ibid.' but the footnote before it cites "
                    "no document",
                    footnote.number,
                )
            else:
                footnote.ibid_of = previous.number
                rest = text.text[match.end() :]
                pin, _ = symbols.pinpoint(", " + rest.lstrip(" ,"), 0)
                own = Citation(
                    antecedent.symbol,
                    pin
                    if pin is not None
                    else (antecedent.pinpoint if not rest.strip(" .") else None),
                    span_of(text, match.start(), match.end(), report.locate),
                    antecedent.joint,
                )
                footnote.citations.insert(0, own)
        previous = footnote


def read_positions(
    footnote: Footnote, text: Mapped, report: Report, records: Collection[str] = ()
) -> None:
    """Fill ``footnote.positions`` from its text (Ibid. resolved); report names to mend.

    ``records`` are the meetings of the section's table: a meeting held by videoconference
    is known by the letter that records it (S/2099/12), which a footnote cites instead of
    an S/PV record.
    """
    # A letter that may name a meeting is looked up, not every meeting looked for in the
    # text: a section of many meetings and many footnotes reads in linear time. Names
    # follow a meeting after a comma: a footnote without one names nobody.
    if "," not in text.text or (
        "S/PV." not in text.text
        and not footnote.ibid_of
        and not any(letter in records for letter in _LETTER.findall(text.text))
    ):
        return
    meeting: str | None = None
    for begin, end in names.top_level(text.text, ";"):
        part = _part(text.text[begin:end])
        if part is None:
            if meeting is None or not (more := _MORE.match(text.text[begin:end])):
                meeting = None
                continue
            names_at = more.start("names")
            part = _new_tuple(_Part, (meeting, names_at, names_at, more.group("names")))
        meeting = part.meeting
        if meeting.casefold().startswith("ibid"):
            if not footnote.citations or footnote.ibid_of is None:
                meeting = None
                continue
            meeting = footnote.citations[0].symbol
        if not meeting.startswith("S/PV.") and meeting not in records:
            meeting = None
            continue
        offset = begin + part.names_start
        listed = names.split(part.names)
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
                report.add(
                    "warning",
                    text.source(where),
                    "position-unknown-name",
                    f"footnote {footnote.number}: '{name.name}' is no known delegation"
                    f"{states.did_you_mean(name.name)}",
                    footnote.number,
                )
            speakers.append(
                Speaker(
                    names.label(name.name),
                    [names.label(n) for n in name.on_behalf_of],
                    kinds[index] if kinds[index] in _NAMED else "unknown",
                )
            )
        start = text.source(begin + part.start)
        line, column = report.locate(start)
        footnote.positions.append(
            Position(meeting, speakers, Span(line, column, start, text.source(end - 1) + 1))
        )
