"""What the readers of the Council's official files hand over: typed records and findings.

Every record keeps the values *as written* (names in the capitals of the UN's data, tallies
like ``"015-0-0"``, dates as printed) beside what was read from them, and an
:class:`Attestation` saying where it stands: the kind of source, the file, the line, the
table row and the cell, JSON key or XPath. Judging the values (are the names States, did
they sit on the Council that day, does the tally add up) is the rules' business, not the
readers'.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Final, Literal

from repertoire.records import Severity, Vote

Kind = Literal[
    "unxml-resolutions", "akn4un", "akn4un-text", "library-meetings", "library-vetoes", "vetoes-csv"
]
# Every kind a reader of :mod:`repertoire.official.registry` reads, in an order of display
# (never of preference: which value wins is the evidence rule of the merged record).
KINDS: tuple[Kind, ...] = (
    "unxml-resolutions",
    "akn4un",
    "akn4un-text",
    "library-meetings",
    "library-vetoes",
    "vetoes-csv",
)


@dataclass(frozen=True, slots=True, init=False)
class Attestation:
    """Where a fact was read: source kind, file, line, table row (or JSON line) and place."""

    source: str
    path: str
    line: int
    row: int | None = None
    where: str = ""

    def __init__(
        self, source: str, path: str, line: int, row: int | None = None, where: str = ""
    ) -> None:
        # Set through the attributes' own setters: a frozen dataclass's __init__ is run as
        # Python even when compiled, and a reader makes an attestation per fact.
        _SET_SOURCE(self, source)
        _SET_PATH(self, path)
        _SET_LINE(self, line)
        _SET_ROW(self, row)
        _SET_WHERE(self, where)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __reduce__(self) -> tuple[type[Attestation], tuple[str, str, int, int | None, str]]:
        # Unpickled through __init__: compiled, a frozen class refuses its state set after.
        return Attestation, (self.source, self.path, self.line, self.row, self.where)


_SET_SOURCE: Final = vars(Attestation)["source"].__set__
_SET_PATH: Final = vars(Attestation)["path"].__set__
_SET_LINE: Final = vars(Attestation)["line"].__set__
_SET_ROW: Final = vars(Attestation)["row"].__set__
_SET_WHERE: Final = vars(Attestation)["where"].__set__
# The place of a record read from nowhere in particular (made once: an attestation is frozen).
_NOWHERE: Final = Attestation("", "", 0)


@dataclass(slots=True, init=False)
class Tally:
    """A vote as the source writes it, and the counts read from it where it gives them."""

    text: str
    vote: Vote | None = None
    unanimous: bool = False
    without_vote: bool = False
    absent: int | None = None

    # Written out here and below: compiled, the class's own __init__ is a native constructor.
    def __init__(
        self,
        text: str,
        vote: Vote | None = None,
        unanimous: bool = False,
        without_vote: bool = False,
        absent: int | None = None,
    ) -> None:
        self.text = text
        self.vote = vote
        self.unanimous = unanimous
        self.without_vote = without_vote
        self.absent = absent

    # Unpickled through __init__ (the records a reading process sends back): compiled, a
    # class with a constructor of its own is made by it, and would be made with no values.
    def __reduce__(self) -> tuple[type[Tally], tuple[Any, ...]]:
        return Tally, (self.text, self.vote, self.unanimous, self.without_vote, self.absent)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "vote": self.vote.to_dict() if self.vote else None,
            "unanimous": self.unanimous,
            "without_vote": self.without_vote,
            "absent": self.absent,
        }


@dataclass(slots=True, init=False)
class OfficialMeeting:
    """A meeting as a source lists it. ``record`` is ``None`` where the source says none exists."""

    record: str | None
    date: str | None  # ISO 8601
    date_text: str = ""
    topics: list[str] = field(default_factory=list)
    closed: bool = False
    press_release: str | None = None
    attestation: Attestation = field(default_factory=lambda: _NOWHERE)

    def __init__(
        self,
        record: str | None,
        date: str | None,
        date_text: str = "",
        topics: list[str] | None = None,
        closed: bool = False,
        press_release: str | None = None,
        attestation: Attestation | None = None,
    ) -> None:
        self.record = record
        self.date = date
        self.date_text = date_text
        self.topics = [] if topics is None else topics
        self.closed = closed
        self.press_release = press_release
        self.attestation = _NOWHERE if attestation is None else attestation

    def __reduce__(self) -> tuple[type[OfficialMeeting], tuple[Any, ...]]:
        # As Tally's.
        return OfficialMeeting, (
            self.record,
            self.date,
            self.date_text,
            self.topics,
            self.closed,
            self.press_release,
            self.attestation,
        )


@dataclass(slots=True, init=False)
class OfficialDecision:
    """A resolution, presidential statement, draft put to the vote or other outcome.

    ``kind`` is ``resolution``, ``presidential statement``, ``draft``, ``communiqué``,
    ``note``, ``election`` or ``other``. Name lists hold the names as written.
    """

    kind: str
    symbol: str | None
    record: str | None = None
    date: str | None = None
    date_text: str = ""
    draft: str | None = None
    adopted: bool | None = None
    outcome_text: str = ""
    tally: Tally | None = None
    in_favour: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)
    abstaining: list[str] = field(default_factory=list)
    not_participating: list[str] = field(default_factory=list)
    vetoed_by: list[str] = field(default_factory=list)
    chapter_vii: bool | None = None
    agenda: str | None = None
    title: str | None = None
    sponsors: list[str] = field(default_factory=list)
    no_meeting: bool = False  # adopted by written procedure (voting by mail)
    # Another value the same record states for one of its fields ("record": the meeting its
    # text names, "symbol": the document its link's address names), where it differs.
    also: dict[str, str] = field(default_factory=dict)
    attestation: Attestation = field(default_factory=lambda: _NOWHERE)

    def __init__(
        self,
        kind: str,
        symbol: str | None,
        record: str | None = None,
        date: str | None = None,
        date_text: str = "",
        draft: str | None = None,
        adopted: bool | None = None,
        outcome_text: str = "",
        tally: Tally | None = None,
        in_favour: list[str] | None = None,
        against: list[str] | None = None,
        abstaining: list[str] | None = None,
        not_participating: list[str] | None = None,
        vetoed_by: list[str] | None = None,
        chapter_vii: bool | None = None,
        agenda: str | None = None,
        title: str | None = None,
        sponsors: list[str] | None = None,
        no_meeting: bool = False,
        also: dict[str, str] | None = None,
        attestation: Attestation | None = None,
    ) -> None:
        self.kind = kind
        self.symbol = symbol
        self.record = record
        self.date = date
        self.date_text = date_text
        self.draft = draft
        self.adopted = adopted
        self.outcome_text = outcome_text
        self.tally = tally
        self.in_favour = [] if in_favour is None else in_favour
        self.against = [] if against is None else against
        self.abstaining = [] if abstaining is None else abstaining
        self.not_participating = [] if not_participating is None else not_participating
        self.vetoed_by = [] if vetoed_by is None else vetoed_by
        self.chapter_vii = chapter_vii
        self.agenda = agenda
        self.title = title
        self.sponsors = [] if sponsors is None else sponsors
        self.no_meeting = no_meeting
        self.also = {} if also is None else also
        self.attestation = _NOWHERE if attestation is None else attestation

    def __reduce__(self) -> tuple[type[OfficialDecision], tuple[Any, ...]]:
        # As Tally's.
        return OfficialDecision, (
            self.kind,
            self.symbol,
            self.record,
            self.date,
            self.date_text,
            self.draft,
            self.adopted,
            self.outcome_text,
            self.tally,
            self.in_favour,
            self.against,
            self.abstaining,
            self.not_participating,
            self.vetoed_by,
            self.chapter_vii,
            self.agenda,
            self.title,
            self.sponsors,
            self.no_meeting,
            self.also,
            self.attestation,
        )


@dataclass(slots=True)
class OfficialVeto:
    """A draft rejected by the negative vote of one or more permanent members."""

    date: str | None
    date_text: str
    draft: str | None
    records: list[str] = field(default_factory=list)
    agenda: str | None = None
    members: list[str] = field(default_factory=list)  # as written ("USSR", "Russian Federation")
    attestation: Attestation = field(default_factory=lambda: Attestation("", "", 0))


@dataclass(slots=True)
class TextParagraph:
    """One paragraph of a decision's text, addressable as the Repertoire cites it.

    ``part`` is ``preamble``, ``operative``, ``statement`` (a presidential statement's
    paragraph), ``annex``, ``heading``, ``intro`` (the words before a statement) or
    ``note`` (a note of the document, "* Reissued for technical reasons.").
    ``address`` is how it is asked for: ``"2"``, ``"6 (b) (i)"``, ``"preamble 3"``,
    ``"annex 2"``, ``"annex II 2"``; a statement's paragraphs are ``"1"``, ``"2"``… in
    order; headings and the introduction have none. ``parent`` is the address of the
    paragraph a sub-paragraph belongs to; ``eid`` and ``line`` say where it was read.
    """

    part: str
    address: str | None
    text: str
    parent: str | None = None
    eid: str | None = None
    line: int = 1

    def __reduce__(self) -> tuple[type[TextParagraph], tuple[Any, ...]]:
        # Sent between processes by the tens of thousands: as the call that makes it, which
        # pickles in a third of the time of a dataclass's state.
        return TextParagraph, (self.part, self.address, self.text, self.parent, self.eid, self.line)


@dataclass(slots=True)
class DecisionText:
    """The full text of a decision, with what its file says of its adoption.

    ``chapter_vii`` is true when the workflow says so or the preamble acts under
    Chapter VII; ``unanimous`` when the adoption step or the counts say so (``None``
    where the file gives no vote, as for a statement by the President).
    """

    symbol: str
    kind: str  # resolution | presidential_statement | draft_resolution
    language: str
    date: str | None = None
    record: str | None = None
    chapter_vii: bool = False
    unanimous: bool | None = None
    vote: Vote | None = None
    title: str | None = None
    paragraphs: list[TextParagraph] = field(default_factory=list)
    attestation: Attestation = field(default_factory=lambda: Attestation("", "", 0))


@dataclass(slots=True)
class OfficialFinding:
    """A problem in a file: bad input, never an exception."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    subject: str | None = None

    def format(self) -> str:
        """Compiler-style line: ``FILE:LINE:COL: severity[code] message``."""
        subject = f" [{self.subject}]" if self.subject else ""
        return (
            f"{self.path}:{self.line}:{self.column}: {self.severity}[{self.code}] "
            f"{self.message}{subject}"
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class OfficialFile:
    """Everything read from one file."""

    path: str
    kind: str | None
    meetings: list[OfficialMeeting] = field(default_factory=list)
    decisions: list[OfficialDecision] = field(default_factory=list)
    vetoes: list[OfficialVeto] = field(default_factory=list)
    findings: list[OfficialFinding] = field(default_factory=list)
    texts: list[DecisionText] = field(default_factory=list)
    year: int | None = None  # the year a yearly table covers, as read from its documents

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict") and not isinstance(value, OfficialFile):
        return value.to_dict()
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# What the audit finds in the stored record, with each source's place and value: kept here,
# below the store, so that the store can keep the findings (store.audited) and read them back.
@dataclass(slots=True)
class Source:
    source: str
    path: str
    line: int
    value: Any = None
    column: int = 1


@dataclass(slots=True)
class AuditFinding:
    severity: str
    code: str
    message: str
    subject: str | None
    sources: list[Source] = field(default_factory=list)

    def format(self, shown: Callable[[str], str] | None = None) -> str:
        """``FILE:LINE:COL: severity[code] message [subject]`` at the first source; ``shown``
        turns its path as stored into the path to print."""
        first = self.sources[0] if self.sources else Source("", "<store>", 0)
        subject = f" [{self.subject}]" if self.subject else ""
        path = shown(first.path) if shown is not None and self.sources else first.path
        return (
            f"{path}:{first.line}:{first.column}: {self.severity}[{self.code}] "
            f"{self.message}{subject}"
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class FileRead:
    """One file as an import reads it: the SHA-256 of its bytes and their number, and what
    was read (``None`` when its bytes are those already held, or when it could not be
    read: ``error`` says why)."""

    digest: str = ""
    size: int = 0
    read: OfficialFile | None = None
    error: str = ""
