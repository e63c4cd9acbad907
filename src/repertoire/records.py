"""Typed records passed between the reading stages and handed to users.

Every record is a dataclass whose fields are exactly the keys of its JSON form
(see docs/record.md); ``to_dict`` is therefore a plain ``dataclasses.asdict``.
Each record that stands for a piece of text carries a ``span`` so that any
fact can be traced back to the source: 1-based line and column of its first
character and the character offsets ``[start, end)`` into the decoded text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True, slots=True)
class Span:
    line: int
    column: int
    start: int
    end: int

    @classmethod
    def empty(cls) -> Span:
        return cls(0, 0, 0, 0)


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
        return f"{source}:{self.line}:{self.column}: {self.severity}[{self.code}] {self.message}"


@dataclass(slots=True)
class Citation:
    symbol: str
    pinpoint: str | None = None
    span: Span = field(default_factory=Span.empty)
    # The joint symbol this one is half of ("A/78/123-S/2024/456"); both halves are cited.
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


@dataclass(slots=True)
class Paragraph:
    text: str
    footnotes: list[int] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)
    span: Span = field(default_factory=Span.empty)


@dataclass(slots=True)
class Footnote:
    number: int
    text: str
    citations: list[Citation] = field(default_factory=list)
    ibid_of: int | None = None
    positions: list[Position] = field(default_factory=list)
    sentence: str | None = None
    span: Span = field(default_factory=Span.empty)


@dataclass(slots=True)
class DocumentRef:
    """A titled document in the table: a sub-item or another document."""

    title: str
    document: str | None = None
    span: Span = field(default_factory=Span.empty)
    # The document's other symbols: the other organ's half of a joint symbol, and
    # corrigenda or addenda written after it ("S/2024/456 and Corr.1").
    also: list[str] = field(default_factory=list)
    # Who submitted a draft: "submitted by France and Japan", or the note of
    # "submitted by 40 Member States ^b".
    submitters: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Vote:
    for_: int
    against: int
    abstaining: int

    def to_dict(self) -> dict[str, int]:
        return {"for": self.for_, "against": self.against, "abstaining": self.abstaining}


@dataclass(slots=True)
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


@dataclass(slots=True)
class Speakers:
    council_members: list[Speaker] = field(default_factory=list)
    invitees: list[str] = field(default_factory=list)
    # The words that stood for the members who spoke when the cell gave a number
    # ("15 Council members"), and for the invitees when it named them together
    # ("all invitees", "invitee"); None where the cell named names.
    members_text: str | None = None
    invitees_text: str | None = None


@dataclass(slots=True)
class Meeting:
    record: str
    date: str | None
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


@dataclass(slots=True)
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

    def to_dict(self) -> dict[str, Any]:
        data = _plain(self)
        data.pop("note_spans", None)
        return data

    def footnote(self, number: int) -> Footnote | None:
        return next((f for f in self.footnotes if f.number == number), None)

    def meeting(self, record: str) -> Meeting | None:
        return next((m for m in self.meetings if m.record == record), None)


@dataclass(slots=True)
class Document:
    source: str
    sections: list[Section] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # The decoded text the spans point into; kept for rendering and the explorer.
    text: str = field(default="", repr=False)

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


def _plain(value: Any) -> Any:
    """asdict with the two renames the JSON form needs (``Vote.for_``)."""
    if isinstance(value, Vote):
        return value.to_dict()
    if hasattr(value, "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in value.__dataclass_fields__}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
