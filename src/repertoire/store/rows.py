"""Records made into rows: every row of a parsed document, table by table.

:func:`document_rows` needs no database, so a parser process can make the
rows of what it parsed; the writer (:mod:`repertoire.store.write`) puts them
in place. The reverse, rows read back as records, is
:mod:`repertoire.store.records`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from repertoire.read.symbols import url
from repertoire.read.text import plain
from repertoire.records import Decision, Document, Finding, Section, Span
from repertoire.store.columns import COLUMNS, SEPARATOR, Row, flag_value, span_values
from repertoire.store.names import Council, canonical, known

# The version of the rows that document_rows makes. A document stored with an
# older one is stored again when its file is loaded, even with the same bytes:
# 2 added footnote_refs, basis 'other' and meetings.date_text as written.
ROWS_VERSION = 2

# The address of a UN document symbol on the UN's document system, once per symbol.
symbol_url = lru_cache(maxsize=65536)(url)


@lru_cache(maxsize=65536)
def symbol_key(symbol: str) -> str:
    """A form of a symbol that ignores case and spacing, for lookups."""
    return re.sub(r"\s+", "", symbol).upper()


class Ids:
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
    ids: Ids,
    rows: Rows,
) -> set[str]:
    """One row per member: Y/N/A as listed, absent for a sitting member on no list.

    Returns the members who vetoed the decision.
    """
    span = span_values(decision.span)
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
    ids: Ids,
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
            *span_values(section.span),
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
        span = span_values(paragraph.span)
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
                *span_values(footnote.span),
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
                    *span_values(citation.span),
                )
            )

    note_ids: dict[str, int] = {}
    next_note = ids.counter("table_notes")
    for letter, note_text in section.table_notes.items():
        note_id = note_ids[letter] = next_note()
        tables["table_notes"].append(
            (note_id, *owner, letter, note_text, *span_values(section.note_spans.get(letter)))
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
        span = span_values(meeting.span)
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
                        *span_values(ref.span),
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
            decision_span = span_values(decision.span)
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
                    flag_value(decision.adopted),
                    flag_value(decision.chapter_vii),
                    tally.in_favour if tally else None,
                    tally.against if tally else None,
                    tally.abstaining if tally else None,
                    int(decision.votes_inferred),
                    int(bool(vetoers)),
                    decision.failure,
                    int(decision.procedural),
                    SEPARATOR.join(decision.notes) or None,
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
            span = span_values(stance.span)
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
                        SEPARATOR.join(behalf),
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
    ids: Ids,
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
        behalf = SEPARATOR.join(canonical(n) for n in speaker.on_behalf_of) or None
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


def _finding(finding: Finding, ids: Ids, document_id: int, section_id: int | None) -> Row:
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
    ids: Ids | None = None,
    council: Council | None = None,
) -> Rows:
    """Every row of ``document`` except its ``documents`` row, ids allocated from ``ids``.

    By default the ids are the document's own, from 1, and ``document_id`` is
    a placeholder: :func:`insert_rows` puts them in place.
    """
    ids = ids or Ids()
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
