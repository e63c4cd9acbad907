"""Typed records passed between the reading stages and handed to users.

Every record is a dataclass whose fields are exactly the keys of its JSON form
(see docs/record.md), less the few marked ``NOT_IN_JSON``; ``to_dict`` is
therefore close to ``dataclasses.asdict`` (dates are written in ISO 8601 and a
tally's ``in_favour`` is "for").
Each record that stands for a piece of text carries a ``span`` so that any
fact can be traced back to the source: 1-based line and column of its first
character and the character offsets ``[start, end)`` into the decoded text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, Literal, NamedTuple

from repertoire import tables

if TYPE_CHECKING:
    import pandas
    import pyarrow

Severity = Literal["error", "warning", "info"]

# Control characters (C0 but tab and line feed, DEL, C1) and the marks that
# reorder text on screen: source text that holds them must not drive a terminal.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), for a terminal."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)


@dataclass(frozen=True, slots=True, init=False)
class Span:
    line: int
    column: int
    start: int
    end: int

    def __init__(self, line: int, column: int, start: int, end: int) -> None:
        # Set through the slots themselves: a frozen dataclass's own __init__ calls
        # object.__setattr__ once per field, and a parse makes a span per position.
        _SET_LINE(self, line)
        _SET_COLUMN(self, column)
        _SET_START(self, start)
        _SET_END(self, end)

    @classmethod
    def empty(cls) -> Span:
        return cls(0, 0, 0, 0)


_SET_LINE, _SET_COLUMN, _SET_START, _SET_END = (
    vars(Span)[name].__set__ for name in ("line", "column", "start", "end")
)


@dataclass(slots=True)
class Finding:
    code: str
    severity: Severity
    message: str
    line: int
    column: int
    footnote: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def format(self, source: str) -> str:
        """Compiler-style line: ``FILE:LINE:COL: severity[code] message``."""
        line = f"{source}:{self.line}:{self.column}: {self.severity}[{self.code}] {self.message}"
        return printable(line)


@dataclass(slots=True)
class Citation:
    symbol: str
    pinpoint: str | None = None
    span: Span = field(default_factory=Span.empty)
    # The joint symbol this one is half of ("A/78/123-S/2099/456"); both halves are cited.
    joint: str | None = None


@dataclass(slots=True)
class Speaker:
    name: str
    on_behalf_of: list[str] = field(default_factory=list)
    # "state", "organization", "group" (of States, named as such), "person" (by role or
    # title) or "unknown".
    kind: str = "state"


@dataclass(slots=True)
class Position:
    """Delegations that a footnote says spoke to a sentence at one meeting."""

    meeting: str
    speakers: list[Speaker] = field(default_factory=list)
    span: Span = field(default_factory=Span.empty)


@dataclass(slots=True, repr=False)
class Paragraph:
    text: str
    footnotes: list[int] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    span: Span = field(default_factory=Span.empty)

    def __repr__(self) -> str:
        return f"Paragraph(line {self.span.line}, {_short(self.text)})"


@dataclass(slots=True, repr=False)
class Footnote:
    number: int
    text: str
    citations: list[Citation] = field(default_factory=list)
    ibid_of: int | None = None
    positions: list[Position] = field(default_factory=list)
    sentence: str | None = None
    span: Span = field(default_factory=Span.empty)
    # The words of the sentence that this footnote's marker closes: from the marker before
    # it in the same sentence (or the sentence's start) to its own. What it cites is
    # judged against these words, not the whole sentence.
    clause: str | None = None

    def __repr__(self) -> str:
        return f"Footnote({self.number}, {_short(self.text)})"


@dataclass(slots=True)
class DocumentRef:
    """A titled document in the table: a sub-item or another document."""

    title: str
    document: str | None = None
    span: Span = field(default_factory=Span.empty)
    # The document's other symbols: the other organ's half of a joint symbol, and
    # corrigenda or addenda written after it ("S/2099/456 and Corr.1").
    also: list[str] = field(default_factory=list)
    # Who submitted a draft: "submitted by France and Japan", or the note of
    # "submitted by 40 Member States ^b".
    submitters: list[str] = field(default_factory=list)


@dataclass(slots=True, repr=False)
class Vote:
    """A tally: votes in favour, against and abstaining (``13-1-1``)."""

    in_favour: int
    against: int
    abstaining: int

    def to_dict(self) -> dict[str, int]:
        return {"for": self.in_favour, "against": self.against, "abstaining": self.abstaining}

    @property
    def for_(self) -> int:
        """The former name of :attr:`in_favour`."""
        return self.in_favour

    def __str__(self) -> str:
        return f"{self.in_favour}-{self.against}-{self.abstaining}"

    def __repr__(self) -> str:
        return f"Vote({self})"


@dataclass(slots=True, repr=False)
class Decision:
    kind: str
    symbol: str | None
    draft: str | None = None
    adopted: bool | None = None
    chapter_vii: bool | None = None
    vote: Vote | None = None
    in_favour: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)
    abstaining: list[str] = field(default_factory=list)
    vetoed_by: list[str] = field(default_factory=list)
    votes_inferred: bool = False
    failure: str | None = None
    procedural: bool = False
    submitters: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    text: str = ""
    span: Span = field(default_factory=Span.empty)

    def __repr__(self) -> str:
        outcome = {True: "adopted", False: "not adopted", None: "outcome not recorded"}
        parts = [repr(self.symbol or self.draft or ""), self.kind, outcome[self.adopted]]
        if self.vote is not None:
            parts.append(str(self.vote))
        if self.vetoed_by:
            parts.append("vetoed by " + ", ".join(self.vetoed_by))
        return f"Decision({', '.join(parts)})"


@dataclass(slots=True)
class Speakers:
    council_members: list[Speaker] = field(default_factory=list)
    invitees: list[str] = field(default_factory=list)
    # The words that stood for the members who spoke when the cell gave a number
    # ("15 Council members"), and for the invitees when it named them together
    # ("all invitees", "invitee"); None where the cell named names.
    members_text: str | None = None
    invitees_text: str | None = None


@dataclass(slots=True, repr=False)
class Meeting:
    record: str
    # The day of the meeting; the JSON form writes it in ISO 8601 (2099-03-14).
    date: dt.date | None
    kind: str | None = None
    date_text: str | None = None  # the date as the record cell writes it ("3 March")
    sub_items: list[DocumentRef] = field(default_factory=list)
    other_documents: list[DocumentRef] = field(default_factory=list)
    rule_37: list[str] = field(default_factory=list)
    rule_39: list[str] = field(default_factory=list)
    speakers: Speakers = field(default_factory=Speakers)
    notes: list[str] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    span: Span = field(default_factory=Span.empty)
    # Held by videoconference (2020–2021: recorded in a letter, not an S/PV record).
    videoconference: bool = False
    # Held in private: "(closed)" after the record, or a note or sub-item says so.
    private: bool = False
    # Participants who took part by videoconference, as the notes name them.
    remote: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        when = self.date.isoformat() if self.date else "date unknown"
        kind = f", {self.kind}" if self.kind else ""
        return f"Meeting({self.record!r}, {when}{kind}, {_count(self.decisions, 'decision')})"


@dataclass(slots=True, repr=False)
class Section:
    number: str
    title: str
    year: int | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    table_notes: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    span: Span = field(default_factory=Span.empty)
    # Where each table note stands; not part of the JSON form (table_notes is letter -> text).
    note_spans: dict[str, Span] = field(default_factory=dict)

    NOT_IN_JSON: ClassVar[frozenset[str]] = frozenset({"note_spans"})

    def __repr__(self) -> str:
        heading = f"{self.number}. {self.title}" if self.number else self.title or "(untitled)"
        counts = ", ".join(
            _count(items, word)
            for items, word in (
                (self.paragraphs, "paragraph"),
                (self.footnotes, "footnote"),
                (self.meetings, "meeting"),
                (self.findings, "finding"),
            )
            if items or word != "finding"
        )
        return f"Section({heading!r}, {self.year or 'year unknown'}, {counts})"

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)

    def footnote(self, number: int) -> Footnote | None:
        return next((f for f in self.footnotes if f.number == number), None)

    def meeting(self, record: str) -> Meeting | None:
        return next((m for m in self.meetings if m.record == record), None)


class MemberVote(NamedTuple):
    """How one Council member voted on one decision, as :attr:`Document.votes` gives it."""

    meeting: Meeting
    decision: Decision
    member: str
    vote: Literal["Y", "N", "A"]  # in favour, against, abstaining
    veto: bool


@dataclass(slots=True, repr=False)
class Document:
    source: str
    sections: list[Section] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # The decoded text the spans point into; kept for rendering and the explorer.
    text: str = field(default="", repr=False)

    def __repr__(self) -> str:
        counts = ", ".join(
            (
                _count(self.sections, "section"),
                _count(list(self.meetings), "meeting"),
                _count(self.all_findings(), "finding"),
            )
        )
        return f"Document({self.source!r}, {counts})"

    @property
    def meetings(self) -> Iterator[Meeting]:
        """Every meeting of every section, in the order of the tables."""
        for section in self.sections:
            yield from section.meetings

    @property
    def decisions(self) -> Iterator[Decision]:
        """Every decision of every meeting, in the order of the tables."""
        for meeting in self.meetings:
            yield from meeting.decisions

    @property
    def votes(self) -> Iterator[MemberVote]:
        """Each member's vote on each decision whose votes are known, in table order."""
        for meeting in self.meetings:
            for decision in meeting.decisions:
                vetoed = set(decision.vetoed_by)
                lists: tuple[tuple[Literal["Y", "N", "A"], list[str]], ...] = (
                    ("Y", decision.in_favour),
                    ("N", decision.against),
                    ("A", decision.abstaining),
                )
                for letter, members in lists:
                    for member in members:
                        yield MemberVote(
                            meeting, decision, member, letter, letter == "N" and member in vetoed
                        )

    def to_arrow(self, table: str) -> pyarrow.Table:
        """One of the document's tables (see :data:`repertoire.tables.TABLES`) for Arrow."""
        return tables.to_arrow(self, table)

    def to_pandas(self, table: str) -> pandas.DataFrame:
        """The same table as a pandas DataFrame (needs pandas: ``pip install pandas``)."""
        return tables.to_pandas(self, table)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sections": [s.to_dict() for s in self.sections],
            "findings": [f.to_dict() for f in self.all_findings()],
        }

    def all_findings(self) -> list[Finding]:
        """Document-level and section findings together, in source order."""
        found = list(self.findings)
        for section in self.sections:
            found.extend(section.findings)
        return sorted(found, key=lambda f: (f.line, f.column, f.code))

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.all_findings())


def _short(text: str, width: int = 60) -> str:
    return repr(text if len(text) <= width else text[: width - 1] + "…")


def _count(items: Any, word: str) -> str:
    return f"{len(items)} {word}{'' if len(items) == 1 else 's'}"


_JSON_FIELDS: dict[type, tuple[str, ...]] = {}


def _json_fields(cls: type) -> tuple[str, ...]:
    """The fields of a record type that its JSON form has, in order."""
    names = _JSON_FIELDS.get(cls)
    if names is None:
        hidden: frozenset[str] = getattr(cls, "NOT_IN_JSON", frozenset())
        names = tuple(f.name for f in fields(cls) if f.name not in hidden)
        _JSON_FIELDS[cls] = names
    return names


def _plain(value: Any) -> Any:
    """asdict with what the JSON form needs: ``Vote.in_favour`` is "for", dates are ISO 8601,
    and fields kept for the reader's own use (``NOT_IN_JSON``) are left out."""
    if isinstance(value, Vote):
        return value.to_dict()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in _json_fields(type(value))}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
