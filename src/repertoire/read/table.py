"""The "table" stage (see pipeline.SECTION_STAGES): the meetings table.

Rows arrive tab-separated (with ``<i>`` headers) or as Markdown pipe rows.
A row whose first cell names a meeting record starts a meeting; a row with
an empty first cell continues the meeting above it, on the next line or on
the next page after a repeated header. Fragments of a column are gathered
per meeting and read once the meeting is complete.

Why one module of this length: one reader, :class:`TableReader`, gathers a meeting's rows
and then reads its cells; every part of it shares that state (the columns of the current
header, the meetings being gathered, the section's notes and its findings).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Final

from repertoire.findings import Report
from repertoire.read import decisions, names, symbols
from repertoire.read.cells import Piece
from repertoire.read.layout import Block, Kind
from repertoire.read.members import all_members, member_names
from repertoire.read.text import Mapped, clean
from repertoire.records import DocumentRef, Meeting, Span, Speaker
from repertoire.reference import patterns, states
from repertoire.rules.council import sitting

COLUMNS: Final = (
    "record",
    "sub_items",
    "other_documents",
    "rule_37",
    "rule_39",
    "speakers",
    "decisions",
)
# A meeting record, or the letter that records a meeting held by videoconference.
_RECORD: Final = re.compile(
    rf"^(?P<record>{patterns.meeting_record()}|S/\d{{4}}/\d+)\s*(?P<date>.*)$"
)
# A videoconference known by the letter that records it, written after its date.
_RECORD_AFTER: Final = re.compile(
    r"^(?P<date>\d{1,2}\s+[A-Za-z]+(?:,?\s+\d{4})?)\s*[,(]?\s*(?P<record>S/\d{4}/\d+)\s*\)?$"
)
_DATE: Final = re.compile(r"^(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)(?:,?\s+(?P<year>\d{4}))?\b")
_DATE_US: Final = re.compile(r"^(?P<month>[A-Za-z]+)\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?\b")
_CONNECTOR: Final = re.compile(
    r"(?i)\b(?:of|and|the|for|on|in|to|by|with|at|a|an|de|la|du)$|[-–(/]$"
)
# Characters from a text's end where a match of _CONNECTOR may begin: its longest word,
# and a line feed that "$" may stand before.
_CONNECTOR_REACH: Final = 5
_PARENTHESISED: Final = re.compile(r"\(\s*([^()]*)\s*\)")
_LEADING_THE: Final = re.compile(r"^[Tt]he\s+")


@dataclass(slots=True, init=False)
class _Fragment:
    text: Mapped
    after_break: bool  # came after a repeated header (a page break)

    # Written out: compiled, the class's own __init__ is a native constructor (see Mapped).
    def __init__(self, text: Mapped, after_break: bool) -> None:
        self.text = text
        self.after_break = after_break


@dataclass(slots=True, init=False)
class _Draft:
    """A meeting while its rows are still being gathered."""

    record: str
    date_text: str
    span: Span
    cells: dict[str, list[_Fragment]] = field(default_factory=dict)
    videoconference: bool = False
    notes: list[str] = field(default_factory=list)  # note letters on the record cell

    # Written out: compiled, the class's own __init__ is a native constructor (see Mapped).
    def __init__(
        self,
        record: str,
        date_text: str,
        span: Span,
        cells: dict[str, list[_Fragment]] | None = None,
        videoconference: bool = False,
        notes: list[str] | None = None,
    ) -> None:
        self.record = record
        self.date_text = date_text
        self.span = span
        self.cells = {} if cells is None else cells
        self.videoconference = videoconference
        self.notes = [] if notes is None else notes


def _cells_of(raw: str, start: int) -> list[Mapped]:
    """The raw cells of a row's line that begins at source offset ``start``."""
    return [Mapped.of(text, at) for text, at in _raw_cells(raw, start)]


def _raw_cells(raw: str, start: int) -> list[tuple[str, int]]:
    """The cells of a row's line as (text, source offset) pairs: a row's empty cells
    need no map of their own."""
    if "\t" in raw or "|" not in raw:
        # Cut at the tabs by str.split, not by looking at every character.
        cells: list[tuple[str, int]] = []
        at = start
        for part in raw.split("\t"):
            cells.append((part, at))
            at += len(part) + 1
        return cells
    body_start = raw.index("|") + 1
    body_end = raw.rindex("|")
    bars: list[int] = []
    bar = raw.find("|", body_start, body_end)
    while bar != -1:
        if raw[bar - 1] != "\\":
            bars.append(bar)
        bar = raw.find("|", bar + 1, body_end)
    bounds = [body_start - 1, *bars, body_end]
    return [(raw[a + 1 : b], start + a + 1) for a, b in pairwise(bounds)]


def header_columns(cells: list[Mapped]) -> list[str] | None:
    """Column keys of a header row, or None when the row is not a header."""
    if not cells or not patterns.columns()["record"].search(cells[0].text):
        return None
    texts = [clean(cell).text for cell in cells]
    keys: list[str] = []
    for text in texts:
        key = next((k for k, p in patterns.columns().items() if p.search(text)), "")
        keys.append(key)
    return keys


@lru_cache(maxsize=64)
def _header_keys(raw: str) -> tuple[str, ...] | None:
    """:func:`header_columns` of a row's line: the same header heads the table of every
    section and comes again after each page break, and its cells are cleaned once."""
    keys = header_columns(_cells_of(raw, 0))
    return None if keys is None else tuple(keys)


@dataclass(slots=True)
class TableReader:
    """Reads the table rows of one section into meetings."""

    year: int | None
    report: Report  # the section's findings about its table
    # The section's table notes by letter; read before the table, so complete when the
    # meetings are read.
    notes: dict[str, str] = field(default_factory=dict)
    columns: list[str] = field(default_factory=lambda: list(COLUMNS))
    drafts: list[_Draft] = field(default_factory=list)
    after_break: bool = False
    headers: int = 0
    last_offset: int = 0
    short_row: tuple[int, int, int] | None = None  # (line, offset, cells) of the last short row
    videoconferences: bool = False  # under a "Videoconferences: …" caption

    def add(self, block: Block) -> None:
        if block.kind is Kind.RULE:
            return
        cells = _raw_cells(block.first.raw, block.first.start)
        self.last_offset = block.first.start
        if len(cells) < len(self.columns):
            self.short_row = (block.first.number, block.first.start, len(cells))
        # Only a row whose first cell names the record column is a header (as
        # header_columns says); others are not looked up.
        heading = cells and patterns.columns()["record"].search(cells[0][0])
        keys = _header_keys(block.first.raw) if heading else None
        if keys:
            self.columns = list(keys)
            self.after_break = self.headers > 0
            self.headers += 1
            return
        by_key: dict[str, Mapped] = {}
        for key, (text, at) in zip(self.columns, cells, strict=False):
            if key and text.strip():
                by_key[key] = Mapped.of(text, at)
        if len(cells) > len(self.columns) and any(
            text.strip() for text, _ in cells[len(self.columns) :]
        ):
            self._warn(
                block.first.start,
                "table-extra-cells",
                f"row has {len(cells)} cells but the table has {len(self.columns)} columns; "
                "the extra cells were read as part of the last column",
            )
            extra = [Mapped.of(t, at) for t, at in cells[len(self.columns) - 1 :] if t.strip()]
            by_key[self.columns[-1]] = Mapped.join(extra)
        record_cell = clean(by_key.pop("record")) if "record" in by_key else None
        if record_cell is not None and (
            match := _RECORD.match(record_cell.text) or _RECORD_AFTER.match(record_cell.text)
        ):
            record = symbols.normalise(match.group("record"))
            self.drafts.append(
                _Draft(
                    record,
                    match.group("date"),
                    self._span(record_cell.source(0), block.first.end),
                    videoconference=self.videoconferences or not record.startswith("S/PV."),
                    notes=record_cell.notes(),
                )
            )
            self.after_break = False
        elif record_cell is not None:
            self._warn(
                record_cell.source(0),
                "table-record",
                f"cannot read a meeting record in '{record_cell.text[:60]}'",
            )
            if not self.drafts:
                return
        if not by_key:
            return
        if not self.drafts:
            self._warn(
                block.first.start,
                "table-orphan-row",
                "table row continues no meeting: it comes before the first meeting record",
            )
            return
        draft = self.drafts[-1]
        for key, cell in by_key.items():
            draft.cells.setdefault(key, []).append(_Fragment(cell, self.after_break))
        self.after_break = False

    def finish(self, last_line: int) -> None:
        """Report a table cut short: a header and no row, or a last row missing cells."""
        if self.headers and not self.drafts:
            self._warn(
                self.last_offset, "table-truncated", "the meetings table has a header but no rows"
            )
        elif self.short_row is not None and self.short_row[0] == last_line:
            _line, offset, cells = self.short_row
            self._warn(
                offset,
                "table-truncated",
                f"the table ends with a row of {cells} cells where {len(self.columns)} "
                "were expected; the text may be cut short",
            )

    def meetings(self) -> list[Meeting]:
        return [self._meeting(draft) for draft in self.drafts]

    # -- reading one meeting -------------------------------------------------

    def _meeting(self, draft: _Draft) -> Meeting:
        written = draft.date_text.strip() or None
        meeting = Meeting(draft.record, self._date(draft), date_text=written, span=draft.span)
        cells = {key: _joined(fragments, key) for key, fragments in draft.cells.items()}
        letters: list[str] = list(draft.notes)
        for key in COLUMNS:
            if key in cells:
                letters.extend(cells[key].notes())
        meeting.notes = list(dict.fromkeys(letters))
        if "sub_items" in cells:
            meeting.sub_items = self._documents(cells["sub_items"])
        if "other_documents" in cells:
            meeting.other_documents = self._documents(cells["other_documents"])
        if "rule_37" in cells:
            meeting.rule_37 = self._invited(meeting, cells["rule_37"], persons=False)
        if "rule_39" in cells:
            meeting.rule_39 = self._invited(meeting, cells["rule_39"], persons=True)
        self._held(meeting, draft)
        if "speakers" in cells:
            self._speakers(meeting, cells["speakers"])
        if "decisions" in cells:
            for segment in decisions.segments(cells["decisions"]):
                decision = decisions.parse(segment)
                decision.span = self._span(segment.source(0), segment.source(len(segment) - 1) + 1)
                for letter in decision.notes:
                    lists = decisions.vote_lists(self.notes.get(letter, ""))
                    if lists:
                        decision.in_favour = lists.get("in_favour", [])
                        decision.against = lists.get("against", [])
                        decision.abstaining = lists.get("abstaining", [])
                meeting.decisions.append(decision)
        return meeting

    def _date(self, draft: _Draft) -> datetime.date | None:
        text = draft.date_text.strip()
        match = _DATE.match(text) or _DATE_US.match(text)
        month = patterns.months().get(match.group("month").casefold()) if match else None
        if not match or month is None:
            self._warn(
                draft.span.start,
                "table-date",
                f"cannot read the date of {draft.record}: '{text or '(none)'}'",
            )
            return None
        year = int(match.group("year")) if match.group("year") else self.year
        if year is None:
            self._warn(
                draft.span.start,
                "table-date",
                f"the year of {draft.record} is unknown: no caption or year in the text",
            )
            return None
        day = int(match.group("day"))
        try:
            return datetime.date(year, month, day)
        except ValueError:
            self._warn(
                draft.span.start, "table-date", f"{draft.record} has an impossible date: {text}"
            )
            return None

    def _documents(self, cell: Mapped) -> list[DocumentRef]:
        """Titles with their trailing "(symbol)", one per document."""
        refs: list[DocumentRef] = []
        text = cell.text
        begin = 0
        for match in _PARENTHESISED.finditer(text):
            inner = match.group(1)
            written = symbols.document_symbols(inner)
            if written is None:
                continue
            title = text[begin : match.start()].strip(" ,;")
            refs.append(self._ref(cell, title, written[0], begin, match.end()))
            refs[-1].also = written[1]
            refs[-1].submitters = self._submitters(Piece(cell, begin, match.end()), title)
            begin = match.end()
        rest = text[begin:].strip(" ,;")
        if rest:
            refs.append(self._ref(cell, rest, None, begin, len(text)))
            refs[-1].submitters = self._submitters(Piece(cell, begin, len(text)), rest)
        return refs

    def _submitters(self, piece: Piece, title: str) -> list[str]:
        """Who submitted a draft: named in its title, or in the note of a counted list."""
        if not title.casefold().startswith("draft"):
            return []
        counted = patterns.compiled("speakers", "submitted_counted").search(title)
        if counted is not None and names.is_known(title[counted.start("count") : counted.end()]):
            counted = None  # "submitted by United States": a State, not a count
        if counted is None:
            listed = decisions.submitters(title)
        else:
            found = self._counted(
                piece,
                counted.group("count"),
                title,
                count_code="submitter-count",
                unlisted_code="submitter-unlisted",
            )
            listed = [n.name for n in found or []]
        return [states.canonical(name) or name for name in listed]

    def _counted(
        self,
        item: Piece,
        count_word: str,
        what: str,
        known: frozenset[str] = frozenset(),
        *,
        count_code: str,
        unlisted_code: str,
    ) -> list[names.Name] | None:
        """The names the note of a counted list gives ("57 Member States ^c"), checked
        against the count; None when no note of the item lists names (findings
        ``count_code`` and ``unlisted_code``)."""
        letters = item.notes()
        listed = next(
            (n for letter in letters if (n := _note_names(self.notes.get(letter, ""), known))), None
        )
        if listed is None:
            self.report.add(
                "info",
                item.source(0),
                unlisted_code,
                f"'{what}' has no note listing them, so who they are is not recorded",
            )
            return None
        count = patterns.number(count_word)
        if count is not None and count != len(listed):
            self._warn(
                item.source(0),
                count_code,
                f"'{what}' but note {letters[0]} lists {len(listed)} names",
            )
        return list(listed)

    def _invited(self, meeting: Meeting, cell: Mapped, *, persons: bool) -> list[str]:
        """An invitations cell; a counted list in it ("57 Member States ^c") is read from its
        note."""
        pieces = [Piece.stripped(cell, a, b) for a, b in names.top_level(cell.text)]
        if not any(_counted_list(piece.text) for piece in pieces):
            return [n.name for n in names.split(cell.text, persons=persons)]
        invited: list[str] = []
        for piece in pieces:
            if match := _counted_list(piece.text):
                listed = self._counted(
                    piece,
                    match.group("count"),
                    f"{meeting.record}: {piece.text}",
                    count_code="invitation-count",
                    unlisted_code="invitation-unlisted",
                )
                invited.extend(n.name for n in listed or [])
            elif piece.text:
                invited.extend(n.name for n in names.split(piece.text, persons=persons))
        return invited

    def _held(self, meeting: Meeting, draft: _Draft) -> None:
        """How the meeting was held: in private, by videoconference, who took part remotely."""
        said = [_how_held(self.notes.get(letter, "")) for letter in meeting.notes]
        private = patterns.compiled("meetings", "private")
        # A title is searched only where it holds one of the words (see _how_held).
        meeting.private = bool(
            private.search(draft.record)
            or any(in_private for in_private, _, _ in said)
            or any(
                patterns.may_say(ref.title, _PRIVATE_WORDS) and private.search(ref.title)
                for ref in meeting.sub_items
            )
        )
        meeting.videoconference = draft.videoconference or any(video for _, video, _ in said)
        remote = dict.fromkeys(meeting.remote)
        for _, _, who in said:
            remote.update(dict.fromkeys(who))
        meeting.remote = list(remote)

    def _ref(self, cell: Mapped, title: str, symbol: str | None, a: int, b: int) -> DocumentRef:
        while a < len(cell.text) and cell.text[a] in " ,;":
            a += 1
        return DocumentRef(title, symbol, self._span(cell.source(a), cell.source(b - 1) + 1))

    def _speakers(self, meeting: Meeting, cell: Mapped) -> None:
        count_pattern = patterns.compiled("speakers", "count")
        whole_council = patterns.compiled("speakers", "all_members")
        invitees = [*meeting.rule_37, *meeting.rule_39]
        bounds = _speaker_items(cell.text)
        index = 0
        while index < len(bounds):
            item = Piece.stripped(cell, *bounds[index])
            index += 1
            if not item.text:
                continue
            # One word of letters ("Brazil"): none of the forms with spaces below can match it.
            word = item.text.isalpha()
            if not word and (match := whole_council.match(item.text)):
                if match.group("left_out") is not None:
                    # "except Brazil, Japan and Malta": what follows a comma goes on with
                    # those left out while it names members of that day's Council.
                    start = bounds[index - 1][0]
                    while index < len(bounds) and self._seated(
                        meeting, cell.text[bounds[index][0] : bounds[index][1]], invitees
                    ):
                        index += 1
                    item = Piece.stripped(cell, start, bounds[index - 1][1])
                    match = whole_council.match(item.text)
                self._all_members(meeting, item, match.group("left_out") if match else None)
                continue
            if not word and (match := count_pattern.match(item.text)):
                if meeting.speakers.members_text is None:
                    meeting.speakers.members_text = item.text
                count = patterns.number(match.group("count"))
                if not self._members_listed(meeting, item, count) and count is not None:
                    self._whole_council(meeting, item, count)
                continue
            if not word and patterns.compiled("speakers", "all_invitees").match(item.text):
                meeting.speakers.invitees_text = item.text
                meeting.speakers.invitees.extend(invitees)
            elif not word and (match := _counted_list(item.text)):
                meeting.speakers.invitees.extend(
                    self._invitees_listed(meeting, item, match.group("count"), invitees)
                )
            elif patterns.compiled("speakers", "one_invitee").match(item.text):
                meeting.speakers.invitees_text = item.text
                if len(invitees) != 1:
                    self._warn(
                        item.source(0),
                        "speaker-invitee",
                        f"{meeting.record}: speakers say 'invitee' but the meeting has "
                        f"{len(invitees)} invitees",
                    )
                meeting.speakers.invitees.extend(invitees[:1])
            else:
                for name in names.split(item.text):
                    if name.name in invitees or not names.is_known(name.name):
                        meeting.speakers.invitees.append(name.name)
                    else:
                        meeting.speakers.council_members.append(
                            Speaker(name.name, name.on_behalf_of)
                        )
        meeting.speakers.invitees = list(dict.fromkeys(meeting.speakers.invitees))

    def _invitees_listed(
        self,
        meeting: Meeting,
        item: Piece,
        count: str,
        invitees: list[str],
    ) -> list[str]:
        """ "12 invitees ^d": the invitees its note names, as the invitations name them."""
        keys = {states.normalise(n): n for n in invitees}
        short = {c: n for n in invitees if (c := states.canonical(n))}
        listed = self._counted(
            item,
            count,
            f"{meeting.record}: {item.text}",
            frozenset(keys),
            count_code="speaker-count",
            unlisted_code="speaker-unlisted",
        )
        spoke: list[str] = []
        for name in listed or []:
            written = keys.get(states.normalise(name.name)) or short.get(
                states.canonical(name.name) or ""
            )
            spoke.append(written or _LEADING_THE.sub("", name.name))
        return spoke

    def _members_listed(self, meeting: Meeting, item: Piece, count: int | None) -> bool:
        """The members the note of "13 Council members ^a" lists, checked against the count;
        False when no note of the item lists members."""
        letters = item.notes()
        listed = [n for letter in letters if (n := member_names(self.notes.get(letter, "")))]
        if not listed:
            return False
        members = listed[0]
        meeting.speakers.council_members.extend(members)
        if count is not None and count != len(members):
            self._warn(
                item.source(0),
                "speaker-count",
                f"{meeting.record}: '{item.text}' but note {letters[0]} lists {len(members)} names",
            )
        return True

    def _seated(self, meeting: Meeting, piece: str, invitees: list[str]) -> bool:
        """Whether a piece names only members of the Council of the meeting's day (no
        invitee: a member of the Council is never invited to it)."""
        seated = sitting(meeting.date, self.year)
        listed = names.split(piece)
        return (
            seated is not None
            and bool(listed)
            and all(n.name in seated and n.name not in invitees for n in listed)
        )

    def _all_members(self, meeting: Meeting, item: Piece, left_out: str | None) -> None:
        """ "All Council members" (or "… except Ghana and Japan") with no count: see
        :func:`all_members`; those left out must have sat on the Council that day."""
        spoke = meeting.speakers
        if spoke.members_text is None:
            spoke.members_text = item.text
        note = next(
            (text for letter in item.notes() if member_names(text := self.notes.get(letter, ""))),
            "",
        )
        seated = sitting(meeting.date, self.year)
        found = all_members(item.text, meeting.date, self.year, note)
        if seated is None or found is None:
            spoke.council_members.extend(member_names(note))
            if not note:
                self.report.add(
                    "info",
                    item.source(0),
                    "speaker-unlisted",
                    f"{meeting.record}: '{item.text}' but the Council of that day is not "
                    "known, so who spoke is not recorded",
                )
            return
        for name in names.split(left_out or ""):
            if name.name not in seated:
                self._warn(
                    item.source(0),
                    "speaker-except",
                    f"{meeting.record}: '{item.text}' leaves out {name.name}, which did not "
                    f"sit on the Council on {seated.when}{states.did_you_mean(name.name)}",
                )
        spoke.council_members.extend(found)

    def _whole_council(self, meeting: Meeting, item: Piece, count: int) -> None:
        """ "15 Council members" with no note: the whole Council of that day spoke."""
        seated = sitting(meeting.date, self.year)
        if seated is None:
            return
        if count == len(seated.seats):
            meeting.speakers.council_members.extend(Speaker(name) for name in seated.members)
        else:
            self.report.add(
                "info",
                item.source(0),
                "speaker-unlisted",
                f"{meeting.record}: '{item.text}' has no note listing them, so who spoke is "
                "not recorded",
            )

    def _span(self, start: int, end: int) -> Span:
        line, column = self.report.locate(start)
        return Span(line, column, start, end)

    def _warn(self, offset: int, code: str, message: str) -> None:
        self.report.add("warning", offset, code, message)


# Names a note may list for a counted list ("57 Member States ^c"): more than the United
# Nations has members and observers.
MOST_LISTED: Final = 300


def _note_names(note: str, known: frozenset[str] = frozenset()) -> tuple[names.Name, ...]:
    """The names a note lists ("Argentina, …, Zimbabwe."); nothing for a note in prose."""
    return _listed_names(note, known)


@lru_cache(maxsize=256)
def _listed_names(note: str, known: frozenset[str]) -> tuple[names.Name, ...]:
    if not note or decisions.is_vote_note(note):
        return ()
    listed = names.split(note, known=known)
    named = sum(
        names.kind_of(n.name) != "unknown" or states.normalise(n.name) in known for n in listed
    )
    if not listed or named * 2 < len(listed) or any(len(n.name.split()) > 16 for n in listed):
        return ()
    if len(listed) > MOST_LISTED:
        return ()  # more than every State and observer: each meeting would copy them all
    return tuple(listed)


_PRIVATE_WORDS: Final = ("closed", "private")


@lru_cache(maxsize=256)
def _how_held(note: str) -> tuple[bool, bool, tuple[str, ...]]:
    """What a note says of how a meeting was held: in private, by videoconference, and who
    took part remotely. One note serves many meetings: it is read once."""
    # The pattern matches only where "closed" or "private" stands (see patterns.toml).
    private = patterns.may_say(note, _PRIVATE_WORDS) and bool(
        patterns.compiled("meetings", "private").search(note)
    )
    folded = note.casefold()
    # Every way of writing it ends in "conference": most notes are not searched.
    video = "conference" in folded and bool(
        patterns.compiled("meetings", "videoconference").search(note)
    )
    remote: dict[str, None] = {}
    # The same test as above: "video-conference" and "video conference" name who took part too.
    if "conference" in folded:
        separator = patterns.compiled("meetings", "remote_separator")
        for match in _remote(patterns.compiled("meetings", "remote"), note):
            for who in separator.split(match.group("who").strip()):
                who = _LEADING_THE.sub("", who.strip())
                if who:
                    remote.setdefault(who)
    if len(remote) > MOST_LISTED:
        remote = {}  # not a list of participants: each meeting would copy it
    return private, video, tuple(remote)


# How the pattern of who took part remotely opens: a lazy run of characters other than these.
_RUN_OPENING: Final = "(?P<who>[^.;:]+?)"
_RUN_END: Final = re.compile("[.;:]")


def _remote(pattern: re.Pattern[str], note: str) -> Iterator[re.Match[str]]:
    """``pattern.finditer(note)``, tried only where a run of the opening characters begins.

    A match from inside a run would also be one from the run's start (its opening run
    only grows), so the leftmost match begins where the search does or just after one of
    the characters that end a run; trying every position would read each run again from
    each of its characters, in time growing with the square of its length.
    """
    if not pattern.pattern.startswith(_RUN_OPENING):
        yield from pattern.finditer(note)
        return
    at = 0
    while at < len(note):
        if match := pattern.match(note, at):
            yield match
            at = match.end()
        elif end := _RUN_END.search(note, at):
            at = end.end()
        else:
            return


def _counted_list(text: str) -> re.Match[str] | None:
    """A counted list ("57 Member States", "12 invitees"); never a State's own name, which
    may end as one does ("United States")."""
    match = patterns.compiled("speakers", "counted").match(text)
    return None if match is None or names.is_known(text) else match


def _speaker_items(text: str) -> list[tuple[int, int]]:
    """The items of a speakers cell: its pieces between commas, "… and all invitees" cut
    in two."""
    joined = patterns.compiled("speakers", "and_all_invitees")
    items: list[tuple[int, int]] = []
    for start, end in names.top_level(text):
        if match := joined.search(text, start, end):
            items.extend([(start, match.start()), (match.end(), end)])
        else:
            items.append((start, end))
    return items


def _joined(fragments: list[_Fragment], key: str) -> Mapped:
    """One cell's fragments as one text; a cell cut by a page break continues."""
    pieces: list[Mapped] = []
    for fragment in fragments:
        text = clean(fragment.text)
        if not text.text:
            continue
        if pieces:
            previous = pieces[-1].text
            # Only the end can match: the rest of the text is not scanned.
            tail = max(0, len(previous) - _CONNECTOR_REACH)
            continues = _CONNECTOR.search(previous, tail) or text.text[:1].islower()
            if key in ("rule_37", "rule_39", "speakers") and not continues:
                pieces[-1] = Mapped.join(
                    [pieces[-1], Mapped.of(",", pieces[-1].source(len(previous)))], ""
                )
        pieces.append(text)
    # Most cells are one fragment, whose cleaned text is already a map of its own.
    return pieces[0] if len(pieces) == 1 else Mapped.join(pieces)
