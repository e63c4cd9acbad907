"""Load parsed documents into the store.

A document is turned into plain rows first (:func:`prepare`, which calls
:func:`document_rows`; no database needed, so a parser process can do it),
then written in one transaction (:func:`write_prepared`). Loading the same
bytes again does nothing; a file whose bytes changed replaces its earlier
rows; a failure part-way leaves the database as it was before that document.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import re
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Literal

from repertoire.read.symbols import url
from repertoire.records import Decision, Document, Finding, Section, Span
from repertoire.store.migrations import BUSY_TIMEOUT_MS, StoreError, UnreadableFile, connect
from repertoire.store.names import Council, canonical, known, refresh_reference
from repertoire.store.schema import FTS_FILL

Status = Literal["added", "replaced", "unchanged", "rejected"]
Progress = Callable[[int, int, Path], None]
Row = tuple[Any, ...]

# The version of the rows that document_rows makes. A document stored with an
# older one is stored again when its file is loaded, even with the same bytes:
# 2 added footnote_refs, basis 'other' and meetings.date_text as written.
ROWS_VERSION = 2

SPAN_COLUMNS = ("line", "col", "start_offset", "end_offset")
OWNER = ("id", "document_id", "section_id")

# Parser processes beside the writer: one per CPU but the writer's, at most 4
# (the writer parses too whenever it would wait; see _prepared).
DEFAULT_WORKERS = min(4, (os.cpu_count() or 1) - 1)

# Column order of the rows that document_rows builds; also the insert order,
# parents before children, so foreign keys hold at every statement.
COLUMNS: dict[str, tuple[str, ...]] = {
    "sections": ("id", "document_id", "ordinal", "number", "title", "year", *SPAN_COLUMNS),
    "paragraphs": (*OWNER, "ordinal", "text", *SPAN_COLUMNS),
    "footnotes": (
        *OWNER,
        "paragraph_id",
        "number",
        "text",
        "ibid_of",
        "sentence",
        *SPAN_COLUMNS,
    ),
    "footnote_refs": (
        *OWNER,
        "paragraph_id",
        "ordinal",
        "number",
        "footnote_id",
        *SPAN_COLUMNS,
    ),
    "citations": (
        *OWNER,
        "footnote_id",
        "paragraph_id",
        "symbol",
        "symbol_key",
        "pinpoint",
        "url",
        *SPAN_COLUMNS,
    ),
    "table_notes": (*OWNER, "letter", "text", *SPAN_COLUMNS),
    "meetings": (
        *OWNER,
        "ordinal",
        "record",
        "record_key",
        "url",
        "date",
        "date_text",
        "year",
        "kind",
        *SPAN_COLUMNS,
    ),
    "agenda_items": (
        *OWNER,
        "meeting_id",
        "role",
        "ordinal",
        "title",
        "symbol",
        "url",
        *SPAN_COLUMNS,
    ),
    "participants": (
        *OWNER,
        "meeting_id",
        "date",
        "ordinal",
        "name",
        "state",
        "basis",
        "spoke",
        "on_behalf_of",
        *SPAN_COLUMNS,
    ),
    "meeting_notes": (*OWNER, "meeting_id", "table_note_id", "note", *SPAN_COLUMNS),
    "decisions": (
        *OWNER,
        "meeting_id",
        "ordinal",
        "date",
        "year",
        "kind",
        "symbol",
        "url",
        "draft",
        "draft_url",
        "adopted",
        "chapter_vii",
        "votes_for",
        "votes_against",
        "votes_abstaining",
        "votes_inferred",
        "vetoed",
        "failure",
        "procedural",
        "notes",
        "text",
        *SPAN_COLUMNS,
    ),
    "submitters": (*OWNER, "decision_id", "ordinal", "name", "state", *SPAN_COLUMNS),
    "votes": (
        *OWNER,
        "decision_id",
        "date",
        "member",
        "iso3",
        "vote",
        "inferred",
        "veto",
        *SPAN_COLUMNS,
    ),
    "positions": (
        *OWNER,
        "footnote_id",
        "meeting_id",
        "date",
        "meeting_record",
        "meeting_url",
        "delegation",
        "name",
        "through",
        "on_behalf_of",
        "sentence",
        *SPAN_COLUMNS,
    ),
    "findings": (
        *OWNER,
        "code",
        "severity",
        "message",
        "footnote",
        *SPAN_COLUMNS,
    ),
}

INSERTS = {
    table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    for table, cols in COLUMNS.items()
}

# The columns of each table that hold the id of a row of the same document, and
# that row's table: shifted with the ids when the rows are written.
REFS: dict[str, dict[str, str]] = {
    table: {"id": table, **({"section_id": "sections"} if "section_id" in cols else {})}
    for table, cols in COLUMNS.items()
}
for _table, _refs in {
    "footnotes": {"paragraph_id": "paragraphs"},
    "footnote_refs": {"paragraph_id": "paragraphs", "footnote_id": "footnotes"},
    "citations": {"footnote_id": "footnotes", "paragraph_id": "paragraphs"},
    "agenda_items": {"meeting_id": "meetings"},
    "participants": {"meeting_id": "meetings"},
    "meeting_notes": {"meeting_id": "meetings", "table_note_id": "table_notes"},
    "decisions": {"meeting_id": "meetings"},
    "submitters": {"decision_id": "decisions"},
    "votes": {"decision_id": "decisions"},
    "positions": {"footnote_id": "footnotes", "meeting_id": "meetings"},
}.items():
    REFS[_table].update(_refs)


def _shifted_insert(table: str, offsets: dict[str, int], document_id: int) -> str:
    """INSERTS[table] that adds ``offsets`` to the ids in a row and stores ``document_id``.

    The offsets are integers read from the database, written into the
    statement as literals: SQLite does the sums (NULL stays NULL), so no row
    is copied in Python. The row's own document_id is bound but not used.
    """
    refs = REFS[table]
    values = []
    for index, column in enumerate(COLUMNS[table], start=1):
        if column == "document_id":
            values.append(str(int(document_id)))
        elif column in refs and offsets.get(refs[column]):
            values.append(f"?{index} + {int(offsets[refs[column]])}")
        else:
            values.append(f"?{index}")
    return f"INSERT INTO {table} ({', '.join(COLUMNS[table])}) VALUES ({', '.join(values)})"


_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ),
        start=1,
    )
}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH = re.compile(r"(\d{1,2})\s+([A-Za-z]+)(?:\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"([A-Za-z]+)\s+(\d{1,2}),?(?:\s+(\d{4}))?")
_SEPARATOR = "; "


# The address of a UN document symbol on the UN's document system, once per symbol.
symbol_url = lru_cache(maxsize=65536)(url)


@lru_cache(maxsize=65536)
def symbol_key(symbol: str) -> str:
    """A form of a symbol that ignores case and spacing, for lookups."""
    return re.sub(r"\s+", "", symbol).upper()


def iso_date(text: str | None, year: int | None) -> str | None:
    """``3 March`` (with the section's year) or ``2001-03-03`` as an ISO date, if it is one."""
    if not text:
        return None
    if match := _ISO.match(text.strip()):
        y, m, d = (int(g) for g in match.groups())
    else:
        match = _DAY_MONTH.search(text)
        if match and match.group(2).lower() in _MONTHS:
            d, m = int(match.group(1)), _MONTHS[match.group(2).lower()]
            y = int(match.group(3)) if match.group(3) else year  # type: ignore[assignment]
        elif (match := _MONTH_DAY.search(text)) and match.group(1).lower() in _MONTHS:
            d, m = int(match.group(2)), _MONTHS[match.group(1).lower()]
            y = int(match.group(3)) if match.group(3) else year  # type: ignore[assignment]
        else:
            return None
    if y is None:
        return None
    try:
        return datetime(y, m, d).date().isoformat()
    except ValueError:
        return None


_NO_SPAN = (None, None, None, None)


def _span(span: Span | None) -> tuple[int | None, int | None, int | None, int | None]:
    # An empty span means "not known"; NULL says so, zeros would look like a place.
    if span is None or (span.line == 0 and span.end == 0):
        return _NO_SPAN
    return (span.line, span.column, span.start, span.end)


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(bool(value))


class _Ids:
    """Hands out a document's row ids, table by table, from 1 (or from ``start``).

    Rows are made with ids of their own document; the writer adds, under the
    write lock, each table's largest id so far (see :func:`insert_rows`), so
    rows can be made in a parser process before anyone knows where they go.
    """

    def __init__(self, start: dict[str, int] | None = None) -> None:
        self._start = dict(start or {})
        self._counters: dict[str, Callable[[], int]] = {}

    def counter(self, table: str) -> Callable[[], int]:
        """The next id of ``table`` each time it is called (a C-level counter: rows are many)."""
        if (next_id := self._counters.get(table)) is None:
            next_id = self._counters[table] = itertools.count(self._start.get(table, 1)).__next__
        return next_id

    def __call__(self, table: str) -> int:
        return self.counter(table)()


@dataclass(slots=True)
class Rows:
    """The rows of one document, table by table, in COLUMNS order.

    ``pairs`` holds the agreement counts of its votes once worked out
    (:func:`count_pairs`), so that a parser process can do it.
    """

    tables: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in COLUMNS})
    pairs: list[tuple[int, str, str, int, int]] | None = None

    def add(self, table: str, row: Row) -> None:
        self.tables[table].append(row)

    def count(self, table: str) -> int:
        return len(self.tables[table])


def _votes(
    decision: Decision,
    date: str | None,
    year: int | None,
    council: Council | None,
    owner: tuple[int, int],
    decision_id: int,
    ids: _Ids,
    rows: Rows,
) -> set[str]:
    """One row per member: Y/N/A as listed, absent for a sitting member on no list.

    Returns the members who vetoed the decision.
    """
    span = _span(decision.span)
    cast: dict[str, list[Any]] = {}
    inferred = int(decision.votes_inferred)
    for vote, names in (
        ("Y", decision.in_favour),
        ("N", decision.against),
        ("A", decision.abstaining),
    ):
        for name in names:
            cast.setdefault(canonical(name), [vote, inferred])
    members = council.members(year) if council else []
    tally = decision.vote
    unanimous = bool(
        tally and tally.against == 0 and tally.abstaining == 0 and tally.in_favour == len(members)
    )
    if not cast and members and unanimous and not decision.procedural:
        # A unanimous tally names every sitting member even when no list is printed.
        cast = {name: ["Y", 1] for name in members}
    lists_known = bool(cast) and (
        tally is None or len(cast) == tally.in_favour + tally.against + tally.abstaining
    )
    if lists_known:
        for name in members:
            # Absence is worked out from membership, not read, so it is marked inferred.
            cast.setdefault(name, ["absent", 1])
    vetoers = {canonical(name) for name in decision.vetoed_by}
    if not vetoers and council and lists_known and tally and decision.adopted is False:
        # The record often says only that a permanent member voted against a draft that
        # had the votes it needed; that negative vote is the veto.
        needed = council.threshold(year)
        if needed is not None and not decision.procedural and tally.in_favour >= needed:
            vetoers = {m for m in council.permanent(year) if cast.get(m, [""])[0] == "N"}
    for name in vetoers:
        # A veto is a negative vote even when the against list was not printed.
        cast.setdefault(name, ["N", 1])
    next_id = ids.counter("votes")
    add = rows.tables["votes"].append
    iso3 = council.iso3 if council else lambda _: None
    for member, (vote, was_inferred) in cast.items():
        add(
            (
                next_id(),
                *owner,
                decision_id,
                date,
                member,
                iso3(member),
                vote,
                was_inferred,
                int(member in vetoers),
                *span,
            )
        )
    return vetoers


_RECORD_CELL = re.compile(
    r"S/PV\.\s*\d+(?:\s*\((?:Resumption|Part)\s*\d+\)|\s*\(closed\))?\s*(.*)", re.I | re.S
)
_CELL_END = re.compile(r"\t|(?<!\\)\||\n")
_NUMBERS = re.compile(r"\d+")


def written_date(text: str, span: Span | None, date: str | None) -> str | None:
    """The date as the meeting's record cell writes it (``3 March``), read from the source.

    The records keep only the ISO date; the cell is found again through the
    meeting's span (which starts at the record cell) and cleaned as the reader
    cleans cells. ``None`` when the document carries no text, or when what is
    found does not name the day of ``date`` (better nothing than a wrong text).
    """
    if not text or span is None or span.end <= span.start:
        return None
    from repertoire.read.text import plain

    cell = _CELL_END.split(text[span.start : span.end], maxsplit=1)[0]
    match = _RECORD_CELL.match(plain(cell))
    written = match.group(1).strip() if match else ""
    if not written:
        return None
    if date and str(int(date[8:10])) not in _NUMBERS.findall(written):
        return None
    return written


def _section_rows(
    section: Section,
    ordinal: int,
    document_id: int,
    council: Council | None,
    ids: _Ids,
    rows: Rows,
    footnote_ids: list[int],
    defined: dict[int, int],
    text: str,
) -> None:
    """The rows of one section; its footnotes' ids are given (``footnote_ids``, in order)."""
    tables = rows.tables
    section_id = ids("sections")
    tables["sections"].append(
        (
            section_id,
            document_id,
            ordinal,
            section.number,
            section.title,
            section.year,
            *_span(section.span),
        )
    )
    owner = (document_id, section_id)

    # The section's own footnote of a number comes first, then one of another section.
    own: dict[int, int] = {}
    for footnote, footnote_id in zip(section.footnotes, footnote_ids, strict=True):
        own.setdefault(footnote.number, footnote_id)

    next_paragraph = ids.counter("paragraphs")
    next_citation = ids.counter("citations")
    next_ref = ids.counter("footnote_refs")
    add_paragraph = tables["paragraphs"].append
    add_citation = tables["citations"].append
    add_ref = tables["footnote_refs"].append
    paragraph_of: dict[int, int] = {}
    for index, paragraph in enumerate(section.paragraphs, start=1):
        paragraph_id = next_paragraph()
        span = _span(paragraph.span)
        add_paragraph((paragraph_id, *owner, index, paragraph.text, *span))
        # Every marker, in order; the paragraph's span stands in for the marker's own.
        for place, number in enumerate(paragraph.footnotes, start=1):
            paragraph_of.setdefault(number, paragraph_id)
            called = own.get(number) or defined.get(number)
            add_ref((next_ref(), *owner, paragraph_id, place, number, called, *span))
        for symbol in paragraph.citations:
            # Paragraph citations carry no span of their own either.
            add_citation(
                (
                    next_citation(),
                    *owner,
                    None,
                    paragraph_id,
                    symbol,
                    symbol_key(symbol),
                    None,
                    symbol_url(symbol),
                    *span,
                )
            )

    add_footnote = tables["footnotes"].append
    for footnote, footnote_id in zip(section.footnotes, footnote_ids, strict=True):
        add_footnote(
            (
                footnote_id,
                *owner,
                paragraph_of.get(footnote.number),
                footnote.number,
                footnote.text,
                footnote.ibid_of,
                footnote.sentence,
                *_span(footnote.span),
            )
        )
        for citation in footnote.citations:
            symbol = citation.symbol
            add_citation(
                (
                    next_citation(),
                    *owner,
                    footnote_id,
                    None,
                    symbol,
                    symbol_key(symbol),
                    citation.pinpoint,
                    symbol_url(symbol),
                    *_span(citation.span),
                )
            )

    note_ids: dict[str, int] = {}
    next_note = ids.counter("table_notes")
    for letter, note_text in section.table_notes.items():
        note_id = note_ids[letter] = next_note()
        tables["table_notes"].append(
            (note_id, *owner, letter, note_text, *_span(section.note_spans.get(letter)))
        )

    meeting_ids: dict[str, tuple[int, str | None]] = {}
    next_meeting = ids.counter("meetings")
    next_item = ids.counter("agenda_items")
    next_meeting_note = ids.counter("meeting_notes")
    next_decision = ids.counter("decisions")
    next_submitter = ids.counter("submitters")
    add_item = tables["agenda_items"].append
    add_decision = tables["decisions"].append
    add_submitter = tables["submitters"].append
    for index, meeting in enumerate(section.meetings, start=1):
        meeting_id = next_meeting()
        key = symbol_key(meeting.record)
        date = meeting.date.isoformat() if meeting.date else None
        year = int(date[:4]) if date else section.year
        meeting_ids.setdefault(key, (meeting_id, date))
        span = _span(meeting.span)
        tables["meetings"].append(
            (
                meeting_id,
                *owner,
                index,
                meeting.record,
                key,
                symbol_url(meeting.record),
                date,
                written_date(text, meeting.span, date),
                year,
                meeting.kind,
                *span,
            )
        )
        items = (("sub_item", meeting.sub_items), ("other_document", meeting.other_documents))
        for role, refs in items:
            for position, ref in enumerate(refs, start=1):
                add_item(
                    (
                        next_item(),
                        *owner,
                        meeting_id,
                        role,
                        position,
                        ref.title,
                        ref.document,
                        symbol_url(ref.document) if ref.document else None,
                        *_span(ref.span),
                    )
                )
        _participants(meeting, (meeting_id, date), owner, span, ids, rows)
        for note in meeting.notes:
            tables["meeting_notes"].append(
                (next_meeting_note(), *owner, meeting_id, note_ids.get(note.strip()), note, *span)
            )
        for position, decision in enumerate(meeting.decisions, start=1):
            decision_id = next_decision()
            tally = decision.vote
            vetoers = _votes(decision, date, year, council, owner, decision_id, ids, rows)
            decision_span = _span(decision.span)
            add_decision(
                (
                    decision_id,
                    *owner,
                    meeting_id,
                    position,
                    date,
                    year,
                    decision.kind,
                    decision.symbol,
                    symbol_url(decision.symbol) if decision.symbol else None,
                    decision.draft,
                    symbol_url(decision.draft) if decision.draft else None,
                    _flag(decision.adopted),
                    _flag(decision.chapter_vii),
                    tally.in_favour if tally else None,
                    tally.against if tally else None,
                    tally.abstaining if tally else None,
                    int(decision.votes_inferred),
                    int(bool(vetoers)),
                    decision.failure,
                    int(decision.procedural),
                    _SEPARATOR.join(decision.notes) or None,
                    decision.text,
                    *decision_span,
                )
            )
            for rank, name in enumerate(decision.submitters, start=1):
                add_submitter(
                    (
                        next_submitter(),
                        *owner,
                        decision_id,
                        rank,
                        name,
                        _state(name),
                        *decision_span,
                    )
                )

    next_position = ids.counter("positions")
    add_position = tables["positions"].append
    for footnote, footnote_id in zip(section.footnotes, footnote_ids, strict=True):
        sentence = footnote.sentence
        for stance in footnote.positions:
            meeting_id, date = meeting_ids.get(symbol_key(stance.meeting), (None, None))
            span = _span(stance.span)
            record = stance.meeting
            base = (*owner, footnote_id, meeting_id, date, record, symbol_url(record))
            for speaker in stance.speakers:
                delegation = canonical(speaker.name)
                if not speaker.on_behalf_of:
                    add_position(
                        (
                            next_position(),
                            *base,
                            delegation,
                            speaker.name,
                            None,
                            None,
                            sentence,
                            *span,
                        )
                    )
                    continue
                behalf = [canonical(name) for name in speaker.on_behalf_of]
                add_position(
                    (
                        next_position(),
                        *base,
                        delegation,
                        speaker.name,
                        None,
                        _SEPARATOR.join(behalf),
                        sentence,
                        *span,
                    )
                )
                # Delegations spoken for hold the position too; `through` names the speaker.
                for name, represented in zip(speaker.on_behalf_of, behalf, strict=True):
                    add_position(
                        (
                            next_position(),
                            *base,
                            represented,
                            name,
                            delegation,
                            None,
                            sentence,
                            *span,
                        )
                    )

    for finding in section.findings:
        tables["findings"].append(_finding(finding, ids, document_id, section_id))


def _state(name: str) -> str | None:
    return canonical(name) if known(name) else None


def _participants(
    meeting: Any,
    at: tuple[int, str | None],
    owner: tuple[int, int],
    span: tuple[int | None, ...],
    ids: _Ids,
    rows: Rows,
) -> None:
    """Invitees under rules 37 and 39, others who spoke and the members who spoke, one row each.

    Someone in the speakers cell who is on neither invitation list (the
    Secretary-General, say) is stored with basis ``other``, not as an invitee.
    """
    next_id = ids.counter("participants")
    add = rows.tables["participants"].append
    invitees = meeting.speakers.invitees
    spoke = {name.casefold() for name in invitees}
    ordinal = 0
    listed: set[str] = set()
    for basis, names in (("rule_37", meeting.rule_37), ("rule_39", meeting.rule_39)):
        for name in names:
            ordinal += 1
            folded = name.casefold()
            listed.add(folded)
            add(
                (
                    next_id(),
                    *owner,
                    *at,
                    ordinal,
                    name,
                    _state(name),
                    basis,
                    int(folded in spoke),
                    None,
                    *span,
                )
            )
    for name in invitees:
        if name.casefold() in listed:
            continue
        ordinal += 1
        add((next_id(), *owner, *at, ordinal, name, _state(name), "other", 1, None, *span))
    for speaker in meeting.speakers.council_members:
        ordinal += 1
        behalf = _SEPARATOR.join(canonical(n) for n in speaker.on_behalf_of) or None
        add(
            (
                next_id(),
                *owner,
                *at,
                ordinal,
                speaker.name,
                canonical(speaker.name),
                "member",
                1,
                behalf,
                *span,
            )
        )


def _finding(finding: Finding, ids: _Ids, document_id: int, section_id: int | None) -> Row:
    return (
        ids("findings"),
        document_id,
        section_id,
        finding.code,
        finding.severity,
        finding.message,
        finding.footnote,
        finding.line or None,
        finding.column or None,
        None,
        None,
    )


def document_rows(
    document: Document,
    document_id: int = 0,
    ids: _Ids | None = None,
    council: Council | None = None,
) -> Rows:
    """Every row of ``document`` except its ``documents`` row, ids allocated from ``ids``.

    By default the ids are the document's own, from 1, and ``document_id`` is
    a placeholder: :func:`insert_rows` puts them in place.
    """
    ids = ids or _Ids()
    rows = Rows()
    # Footnote ids first, in document order, so that a marker can call a footnote
    # that another section defines (the first of each number counts).
    next_footnote = ids.counter("footnotes")
    footnote_ids = [[next_footnote() for _ in section.footnotes] for section in document.sections]
    defined: dict[int, int] = {}
    for section, numbers in zip(document.sections, footnote_ids, strict=True):
        for footnote, footnote_id in zip(section.footnotes, numbers, strict=True):
            defined.setdefault(footnote.number, footnote_id)
    for ordinal, (section, numbers) in enumerate(
        zip(document.sections, footnote_ids, strict=True), start=1
    ):
        _section_rows(
            section, ordinal, document_id, council, ids, rows, numbers, defined, document.text
        )
    for finding in document.findings:
        rows.add("findings", _finding(finding, ids, document_id, None))
    return rows


_PAIRS = """
SELECT d.year AS year, a.member AS member_a, b.member AS member_b,
       count(*) AS together, sum(a.vote = b.vote) AS alike
FROM votes AS a
JOIN votes AS b ON b.decision_id = a.decision_id AND a.member < b.member
JOIN decisions AS d ON d.id = a.decision_id
WHERE a.vote <> 'absent' AND b.vote <> 'absent' AND d.year IS NOT NULL {where}
GROUP BY d.year, a.member, b.member
"""


_UPSERT_PAIRS = (
    "INSERT INTO alignment_counts (year, member_a, member_b, together, alike) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (year, member_a, member_b) DO UPDATE SET "
    "together = together + excluded.together, alike = alike + excluded.alike"
)


def _pair_counts(rows: Rows) -> list[tuple[int, str, str, int, int]]:
    """Agreement counts of the votes in ``rows``, per year and pair of members.

    The pairs of each decision are counted by ``Counter.update`` over
    ``itertools.combinations`` (both in C): all pairs of members who voted,
    and the pairs within each group that voted alike.
    """
    vote_at = COLUMNS["votes"].index("vote")
    member_at = COLUMNS["votes"].index("member")
    decision_at = COLUMNS["votes"].index("decision_id")
    year_at = COLUMNS["decisions"].index("year")
    years = {row[0]: row[year_at] for row in rows.tables["decisions"]}
    cast: dict[int, list[tuple[str, str]]] = {}
    for row in rows.tables["votes"]:
        if row[vote_at] != "absent":
            cast.setdefault(row[decision_at], []).append((row[member_at], row[vote_at]))
    together: dict[int, Counter[tuple[str, str]]] = {}
    alike: dict[int, Counter[tuple[str, str]]] = {}
    for decision, votes in cast.items():
        year = years.get(decision)
        if year is None:
            continue
        votes.sort()  # members in order, so that every pair comes as (a, b) with a < b
        together.setdefault(year, Counter()).update(
            itertools.combinations([member for member, _ in votes], 2)
        )
        groups: dict[str, list[str]] = {}
        for member, vote in votes:
            groups.setdefault(vote, []).append(member)
        same = alike.setdefault(year, Counter())
        for group in groups.values():
            same.update(itertools.combinations(group, 2))
    # In key order, as the table stores them: each upsert lands next to the one before.
    return sorted(
        (year, first, second, count, alike[year][first, second])
        for year, pairs in together.items()
        for (first, second), count in pairs.items()
    )


def count_pairs(rows: Rows) -> Rows:
    """Work out (once) the agreement counts of the votes in ``rows``; returns ``rows``."""
    if rows.pairs is None:
        rows.pairs = _pair_counts(rows)
    return rows


def add_alignment(
    conn: sqlite3.Connection, document_id: int | None, rows: Rows | None = None
) -> None:
    """Add the agreement counts of one document's votes (of all votes when None).

    Given the document's ``rows``, the counts are made from them in memory,
    which is quicker than a self-join of the votes just written.
    """
    if rows is not None:
        conn.executemany(_UPSERT_PAIRS, count_pairs(rows).pairs or [])
        return
    where = "" if document_id is None else "AND a.document_id = :doc"
    conn.execute(
        "INSERT INTO alignment_counts (year, member_a, member_b, together, alike) "
        + _PAIRS.format(where=where)
        + " ON CONFLICT (year, member_a, member_b) DO UPDATE SET "
        "together = together + excluded.together, alike = alike + excluded.alike",
        {"doc": document_id},
    )


def remove_alignment(conn: sqlite3.Connection, document_id: int) -> None:
    """Take one document's votes out of the agreement counts (before its rows go)."""
    conn.execute(
        "UPDATE alignment_counts SET together = alignment_counts.together - p.together, "
        "alike = alignment_counts.alike - p.alike FROM ("
        + _PAIRS.format(where="AND a.document_id = :doc")
        + ") AS p WHERE alignment_counts.year = p.year "
        "AND alignment_counts.member_a = p.member_a AND alignment_counts.member_b = p.member_b",
        {"doc": document_id},
    )
    conn.execute("DELETE FROM alignment_counts WHERE together <= 0")


@dataclass(slots=True)
class DocumentResult:
    """What happened to one file."""

    path: str
    status: Status
    sha256: str
    document_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    warnings: int = 0
    findings: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "status": self.status,
            "sha256": self.sha256,
            "document_id": self.document_id,
            "counts": self.counts,
            "errors": self.errors,
            "warnings": self.warnings,
        }


@dataclass(slots=True)
class LoadReport:
    """The outcome of :func:`load`, one entry per path, in the order given."""

    db_path: str
    documents: list[DocumentResult] = field(default_factory=list)
    parse_seconds: float = 0.0
    store_seconds: float = 0.0

    def by_status(self, status: Status) -> list[DocumentResult]:
        return [d for d in self.documents if d.status == status]

    @property
    def changed(self) -> bool:
        return any(d.status in ("added", "replaced") for d in self.documents)

    def summary(self) -> dict[str, int]:
        return {
            status: len(self.by_status(status))  # type: ignore[arg-type]
            for status in ("added", "replaced", "unchanged", "rejected")
        }

    def __str__(self) -> str:
        counts = ", ".join(f"{n} {status}" for status, n in self.summary().items() if n)
        return counts or "no files"

    def to_dict(self) -> dict[str, Any]:
        return {
            "db": self.db_path,
            "summary": self.summary(),
            "documents": [d.to_dict() for d in self.documents],
        }


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise UnreadableFile(f"cannot read {path}: it is a directory") from None
    except FileNotFoundError:
        raise UnreadableFile(f"cannot read {path}: no such file") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path}: {exc.strerror or exc}") from None


def _parse(path: Path, data: bytes) -> Document:
    from repertoire.read import pipeline

    if hasattr(pipeline, "parse_bytes"):
        # The pipeline decodes; bad bytes become findings there, not exceptions.
        return pipeline.parse_bytes(data, str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"cannot read {path}: not UTF-8 text ({exc.reason})") from None
    return pipeline.parse(text, source=str(path))


@dataclass(slots=True)
class Prepared:
    """A parsed document made into rows, ready to be written.

    This, not the document, is what a parser process sends to the writer:
    tuples of plain values cross between processes many times faster than
    the records they are made from.
    """

    source: str
    sha256: str
    size: int
    rows: Rows
    errors: int
    warnings: int
    findings: list[Finding]  # the errors
    seconds: float = 0.0  # reading, parsing and making the rows


def prepare(document: Document, data: bytes, council: Council | None = None) -> Prepared:
    """The rows of ``document`` (read from ``data``), with its own ids, and what reports need."""
    found = document.all_findings()
    errors = [f for f in found if f.severity == "error"]
    return Prepared(
        document.source,
        hashlib.sha256(data).hexdigest(),
        len(data),
        count_pairs(document_rows(document, council=council)),
        len(errors),
        sum(f.severity == "warning" for f in found),
        errors,
    )


def _offsets(conn: sqlite3.Connection) -> dict[str, int]:
    """The largest id of each table; read once the write lock is held."""
    return {
        table: conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]
        for table in COLUMNS
    }


def insert_rows(
    conn: sqlite3.Connection, rows: Rows, document_id: int, offsets: dict[str, int]
) -> None:
    """Write ``rows`` (inside the caller's transaction) and add their text to the search indexes.

    Each row's ids (its own and those of rows it points at) are shifted by
    ``offsets`` (table -> largest id so far) and ``document_id`` is stored.
    The search indexes are filled by one statement per table from the rows
    just written, not by a trigger per row (see schema.FTS_FILL).
    """
    for table, table_rows in rows.tables.items():
        if table_rows:
            conn.executemany(_shifted_insert(table, offsets, document_id), table_rows)
    for table, fill in FTS_FILL.items():
        if table_rows := rows.tables[table]:
            shift = offsets.get(table, 0)
            conn.execute(fill, (table_rows[0][0] + shift, table_rows[-1][0] + shift))


_KNOWN = "SELECT id, sha256, rows_version FROM documents WHERE path = ?"


def _unchanged(old: tuple[int, str, int] | None, digest: str) -> bool:
    """Whether a stored document (``old``: id, sha256, rows_version) needs no new rows."""
    return bool(old) and old[1] == digest and old[2] >= ROWS_VERSION  # type: ignore[index]


def store_document(
    conn: sqlite3.Connection,
    document: Document,
    path: Path,
    data: bytes,
    council: Council | None = None,
) -> DocumentResult:
    """Write one parsed document in its own transaction, replacing an earlier copy of ``path``."""
    if council is None:
        refresh_reference(conn)
        council = Council(conn)
    return write_prepared(conn, prepare(document, data, council), path)


def write_prepared(conn: sqlite3.Connection, prepared: Prepared, path: Path) -> DocumentResult:
    """Write one prepared document in its own transaction, replacing an earlier copy of ``path``."""
    key = str(path.resolve())
    digest = prepared.sha256
    rows = prepared.rows
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have loaded this file meanwhile.
        old = conn.execute(_KNOWN, (key,)).fetchone()
        if _unchanged(old, digest):
            conn.execute("COMMIT")
            return DocumentResult(str(path), "unchanged", digest, old[0])
        if old:
            remove_alignment(conn, old[0])
            conn.execute("DELETE FROM documents WHERE id = ?", (old[0],))
        offsets = _offsets(conn)
        document_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]
        conn.execute(
            "INSERT INTO documents (id, path, name, source, sha256, size, loaded_at, errors, "
            "warnings, rows_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document_id,
                key,
                path.name,
                prepared.source,
                digest,
                prepared.size,
                datetime.now(UTC).isoformat(timespec="seconds"),
                prepared.errors,
                prepared.warnings,
                ROWS_VERSION,
            ),
        )
        insert_rows(conn, rows, document_id, offsets)
        add_alignment(conn, document_id, rows)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # SQLite may have rolled back already (a full disk, say)
            conn.execute("ROLLBACK")
        raise
    counts = {
        table: rows.count(table)
        for table in ("sections", "meetings", "decisions", "footnotes", "votes", "findings")
    }
    return DocumentResult(
        str(path),
        "replaced" if old else "added",
        digest,
        document_id,
        counts,
        prepared.errors,
        prepared.warnings,
        prepared.findings,
    )


# Pages of write-ahead log past which the writer checkpoints itself while loading.
WRITER_CHECKPOINT_PAGES = 50_000

# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_AFTER = 8
# Documents each parser process has in hand, and at most made but not yet
# written per process (see _prepared).
AHEAD = 2
WINDOW = 8


def _digest(path: Path) -> str:
    """SHA-256 of a file, read in blocks so that a large file is never held whole for it."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    except IsADirectoryError:
        raise UnreadableFile(f"cannot read {path}: it is a directory") from None
    except FileNotFoundError:
        raise UnreadableFile(f"cannot read {path}: no such file") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path}: {exc.strerror or exc}") from None
    return digest.hexdigest()


class Checkpointer:
    """Copies the write-ahead log back into the database beside the writer, in a thread.

    With ``synchronous=NORMAL`` a commit only appends to the log; the disk is
    waited on (fsync) when the log is copied back, at a checkpoint. SQLite
    lets another connection checkpoint while one writes, and a thread waiting
    on the disk holds no lock Python needs, so the writer goes on writing.
    Best effort: should a checkpoint fail, the writer's own automatic
    checkpoints (past a larger log) still bound the log.
    """

    # Rows written between two checkpoints (a few megabytes of log).
    EVERY = 10_000

    def __init__(self, db_path: str | Path) -> None:
        self._conn = sqlite3.connect(
            db_path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        self._wake = threading.Event()
        self._closing = False
        self._rows = 0
        self._thread = threading.Thread(target=self._run, name="checkpointer", daemon=True)
        self._thread.start()

    def written(self, rows: int) -> None:
        """Called after each commit with the number of rows it wrote."""
        self._rows += rows
        if self._rows >= self.EVERY:
            self._rows = 0
            self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._closing:
                return
            with suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def close(self) -> None:
        self._closing = True
        self._wake.set()
        self._thread.join()
        self._conn.close()


# Membership and codes, handed to each parser process once when it starts.
_worker_council: Council | None = None


def _start_worker(council: Council | None) -> None:
    global _worker_council
    _worker_council = council


def _read_and_prepare(path: Path, council: Council | None = None) -> Prepared:
    """Run in a parser process when files are parsed in parallel, and in-process otherwise."""
    data = _read(path)
    started = time.perf_counter()
    prepared = prepare(_parse(path, data), data, council or _worker_council)
    prepared.seconds = time.perf_counter() - started
    return prepared


def _prepared(
    paths: list[Path], workers: int, stack: ExitStack, council: Council
) -> Iterator[Prepared]:
    """The files made into rows, in the order given; by parser processes when there are enough.

    Each process always has AHEAD documents in hand, so that it never waits
    on the writer. When the next document to write is not ready, the calling
    process makes the first one not yet handed out itself rather than wait
    (while the processes start, and whenever writing is quicker than
    parsing). At most WINDOW documents per process are made and not yet
    written, which bounds the memory they take.
    """
    if workers < 1 or len(paths) < PARALLEL_AFTER:
        for path in paths:
            yield _read_and_prepare(path, council)
        return
    # Spawned, not forked: a fork would copy the open database connection.
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=get_context("spawn"),
        initializer=_start_worker,
        initargs=(council,),
    )
    stack.callback(executor.shutdown, wait=True, cancel_futures=True)
    pending: dict[int, Future[Prepared]] = {}
    handed = 0  # paths[:handed] are handed out, to a process or to this one
    window = WINDOW * workers

    def room(index: int) -> bool:
        return handed < len(paths) and handed - index < window

    def hand_out(index: int) -> None:
        nonlocal handed
        busy = sum(not future.done() for future in pending.values())
        while busy < AHEAD * workers and room(index):
            pending[handed] = executor.submit(_read_and_prepare, paths[handed])
            handed += 1
            busy += 1

    for index in range(len(paths)):
        hand_out(index)
        future = pending.pop(index)
        while not future.done() and room(index):
            pending[handed] = _made_here(paths[handed], council)
            handed += 1
            hand_out(index)
        yield future.result()


def _made_here(path: Path, council: Council) -> Future[Prepared]:
    """A file made into rows in this process, as a finished future.

    An error (an unreadable file) is kept for the file's turn, as a parser
    process's would be, so the files before it are still written.
    """
    future: Future[Prepared] = Future()
    try:
        future.set_result(_read_and_prepare(path, council))
    except Exception as exc:
        future.set_exception(exc)
    return future


def load(
    paths: Iterable[str | Path],
    db_path: str | Path,
    strict: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> LoadReport:
    """Load each file into the database at ``db_path``, one transaction per file.

    Unchanged files (same path, same SHA-256, rows made by this version of
    the loader) are not parsed again. With ``strict``, a document whose
    findings include errors is not stored (status ``rejected``); otherwise it
    is stored with its findings. Every path is checked before the first is
    loaded: one that cannot be read raises :class:`UnreadableFile` and nothing
    is loaded. With enough files, they are parsed and made into rows in
    ``workers`` processes while the calling process writes them, in order
    (default: one per CPU, at most 4; 0 parses in the calling process).
    """
    files: Sequence[Path] = [Path(p) for p in paths]
    report = LoadReport(str(db_path))
    if workers is None:
        workers = DEFAULT_WORKERS
    digests = [_digest(path) for path in files]
    with ExitStack() as stack:
        conn = connect(db_path)
        stack.callback(conn.close)
        try:
            # The log is copied back beside the writer (see Checkpointer); the writer
            # checkpoints itself only if that falls far behind.
            conn.execute(f"PRAGMA wal_autocheckpoint = {WRITER_CHECKPOINT_PAGES}")
            checkpointer = Checkpointer(db_path)
            # Closed before the writer's connection, whose closing (the last) empties the log.
            stack.callback(checkpointer.close)
            refresh_reference(conn)
            council = Council(conn)
            known_files = {
                path: conn.execute(_KNOWN, (str(path.resolve()),)).fetchone() for path in files
            }
            todo = [
                path
                for path, digest in zip(files, digests, strict=True)
                if not _unchanged(known_files[path], digest)
            ]
            prepared = _prepared(todo, workers, stack, council)
            for index, (path, digest) in enumerate(zip(files, digests, strict=True), start=1):
                old = known_files[path]
                if _unchanged(old, digest):
                    report.documents.append(DocumentResult(str(path), "unchanged", digest, old[0]))
                else:
                    item = next(prepared)
                    report.parse_seconds += item.seconds
                    started = time.perf_counter()
                    if strict and item.errors:
                        report.documents.append(
                            DocumentResult(
                                str(path),
                                "rejected",
                                item.sha256,
                                old[0] if old else None,
                                errors=item.errors,
                                findings=item.findings,
                            )
                        )
                    else:
                        report.documents.append(write_prepared(conn, item, path))
                        checkpointer.written(sum(map(len, item.rows.tables.values())))
                    report.store_seconds += time.perf_counter() - started
                if progress is not None:
                    progress(index, len(files), path)
        except sqlite3.Error as exc:
            raise StoreError(f"database error while loading into {db_path}: {exc}") from exc
    return report
