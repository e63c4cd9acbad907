"""Records made into rows: every row of a parsed document, table by table.

:func:`document_rows` needs no database, so a parser process can make the
rows of what it parsed; the writer (:mod:`repertoire.store.write`) puts them
in place. The reverse, rows read back as records, is
:mod:`repertoire.store.records`.

Why one module of this length: every table's rows share one section's ids and the
document's counters, and the commonest rows (votes, participants, positions) are written
out value by value, since a row made by unpacking one tuple into another costs a list per
row.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from repertoire.read.symbols import key as symbol_key
from repertoire.read.symbols import url as symbol_url
from repertoire.records import Decision, Document, Finding, Footnote, Meeting, Section
from repertoire.reference import states
from repertoire.rules.council import judge, sitting
from repertoire.rules.votes import ballot
from repertoire.store.columns import COLUMNS, SEPARATOR, Row, flag_value, span_values
from repertoire.store.names import canonical, known

# (document id, section id) of the rows of one section.
Owner = tuple[int, int]

# The version of the rows that document_rows makes. A document stored with an
# older one is stored again when its file is loaded, even with the same bytes:
# 2 added footnote_refs, basis 'other' and meetings.date_text as written; 3 a
# citation's joint symbol, a document's other symbols and submitters, a meeting's
# videoconference, private and remote participants, and a speaker's kind; 4 a
# footnote's clause.
ROWS_VERSION = 4


class Ids:
    """Hands out a document's row ids, table by table, from 1 (or from ``start``).

    Rows are made with ids of their own document; the writer adds, under the
    write lock, each table's largest id so far (see
    :func:`repertoire.store.write.insert_rows`), so rows can be made in a parser
    process before anyone knows where they go.
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
    (:func:`count_pairs`), so that a parser process can do it. Once packed
    (:func:`repertoire.store.write.pack`) the rows are an SQLite database
    image, ``image``, the lists are left empty and ``extents`` gives each
    table's count and its first and last id.
    """

    tables: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in COLUMNS})
    pairs: list[tuple[int, str, str, int, int]] | None = None
    image: bytes | None = None
    extents: dict[str, tuple[int, int, int]] = field(default_factory=dict)

    def add(self, table: str, row: Row) -> None:
        self.tables[table].append(row)

    def count(self, table: str) -> int:
        if self.image is not None:
            return self.extents[table][0] if table in self.extents else 0
        return len(self.tables[table])

    def ids(self, table: str) -> tuple[int, int] | None:
        """The first and the last id of ``table``'s rows (None: it has none)."""
        if self.image is not None:
            extent = self.extents.get(table)
            return (extent[1], extent[2]) if extent else None
        rows = self.tables[table]
        return (rows[0][0], rows[-1][0]) if rows else None

    def total(self) -> int:
        """How many rows there are in all."""
        return sum(self.count(table) for table in COLUMNS)


@lru_cache(maxsize=1024)
def _iso3(name: str) -> str | None:
    state = states.lookup(name)
    return state.iso3 if state else None


def _state(name: str) -> str | None:
    return canonical(name) if known(name) else None


@dataclass(slots=True)
class _SectionRows:
    """Makes the rows of one section: they share its (document, section) ids and the
    document's id counters."""

    owner: Owner
    ids: Ids
    rows: Rows

    def narrative(self, section: Section, called: dict[int, int]) -> dict[int, int]:
        """Paragraphs, their footnote markers (each with the footnote it calls) and citations;
        returns each footnote number's first citing paragraph."""
        next_paragraph = self.ids.counter("paragraphs")
        next_citation = self.ids.counter("citations")
        next_ref = self.ids.counter("footnote_refs")
        add_citation = self.rows.tables["citations"].append
        add_ref = self.rows.tables["footnote_refs"].append
        paragraph_of: dict[int, int] = {}
        document_id, section_id = self.owner
        for index, paragraph in enumerate(section.paragraphs, start=1):
            paragraph_id = next_paragraph()
            span = span_values(paragraph.span)
            self.rows.add("paragraphs", (paragraph_id, *self.owner, index, paragraph.text, *span))
            line, column, start, end = span
            # Every marker, in order; the paragraph's span stands in for the marker's own.
            for place, number in enumerate(paragraph.footnotes, start=1):
                paragraph_of.setdefault(number, paragraph_id)
                add_ref(
                    (
                        next_ref(),
                        document_id,
                        section_id,
                        paragraph_id,
                        place,
                        number,
                        called.get(number),
                        line,
                        column,
                        start,
                        end,
                    )
                )
            for symbol in paragraph.citations:
                # Paragraph citations carry no span of their own either.
                add_citation(
                    (
                        next_citation(),
                        document_id,
                        section_id,
                        None,
                        paragraph_id,
                        symbol,
                        symbol_key(symbol),
                        None,
                        symbol_url(symbol),
                        line,
                        column,
                        start,
                        end,
                        None,
                    )
                )
        return paragraph_of

    def footnotes(
        self, section: Section, footnote_ids: list[int], paragraph_of: dict[int, int]
    ) -> None:
        next_citation = self.ids.counter("citations")
        add_citation = self.rows.tables["citations"].append
        add_footnote = self.rows.tables["footnotes"].append
        document_id, section_id = self.owner
        for footnote, footnote_id in zip(section.footnotes, footnote_ids, strict=True):
            number = footnote.number
            line, column, start, end = span_values(footnote.span)
            add_footnote(
                (
                    footnote_id,
                    document_id,
                    section_id,
                    paragraph_of.get(number),
                    number,
                    footnote.text,
                    footnote.ibid_of,
                    footnote.sentence,
                    line,
                    column,
                    start,
                    end,
                    footnote.clause,
                )
            )
            for citation in footnote.citations:
                symbol = citation.symbol
                line, column, start, end = span_values(citation.span)
                add_citation(
                    (
                        next_citation(),
                        document_id,
                        section_id,
                        footnote_id,
                        None,
                        symbol,
                        symbol_key(symbol),
                        citation.pinpoint,
                        symbol_url(symbol),
                        line,
                        column,
                        start,
                        end,
                        citation.joint,
                    )
                )

    def meeting(
        self,
        meeting: Meeting,
        ordinal: int,
        section_year: int | None,
        note_ids: dict[str, int],
        meeting_ids: dict[str, tuple[int, str | None]],
    ) -> None:
        """A meeting, its agenda items, participants, notes and decisions."""
        meeting_id = self.ids("meetings")
        key = symbol_key(meeting.record)
        date = meeting.date.isoformat() if meeting.date else None
        year = int(date[:4]) if date else section_year
        meeting_ids.setdefault(key, (meeting_id, date))
        span = span_values(meeting.span)
        url = symbol_url(meeting.record)
        row: Row = (meeting_id, *self.owner, ordinal, meeting.record, key, url, date)
        row = (*row, meeting.date_text, year, meeting.kind, *span)
        remote = SEPARATOR.join(meeting.remote) or None
        self.rows.add(
            "meetings",
            (*row, int(meeting.videoconference), int(meeting.private), remote),
        )
        next_item = self.ids.counter("agenda_items")
        items = (("sub_item", meeting.sub_items), ("other_document", meeting.other_documents))
        for role, refs in items:
            for position, ref in enumerate(refs, start=1):
                ref_url = symbol_url(ref.document) if ref.document else None
                row = (
                    next_item(),
                    *self.owner,
                    meeting_id,
                    role,
                    position,
                    ref.title,
                    ref.document,
                    ref_url,
                )
                also = SEPARATOR.join(ref.also) or None
                submitters = SEPARATOR.join(ref.submitters) or None
                row = (*row, *span_values(ref.span), also, submitters)
                self.rows.add("agenda_items", row)
        self.participants(meeting, (meeting_id, date), span)
        next_note = self.ids.counter("meeting_notes")
        for note in meeting.notes:
            note_id = note_ids.get(note.strip())
            self.rows.add(
                "meeting_notes", (next_note(), *self.owner, meeting_id, note_id, note, *span)
            )
        for position, decision in enumerate(meeting.decisions, start=1):
            self.decision(decision, position, meeting_id, date, year)

    def decision(
        self,
        decision: Decision,
        ordinal: int,
        meeting_id: int,
        date: str | None,
        year: int | None,
    ) -> None:
        """A decision, each member's vote on it and who submitted its draft."""
        decision_id = self.ids("decisions")
        tally = decision.vote
        vetoers = self.votes(decision, decision_id, date, year)
        span = span_values(decision.span)
        self.rows.add(
            "decisions",
            (
                decision_id,
                *self.owner,
                meeting_id,
                ordinal,
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
                *span,
            ),
        )
        next_submitter = self.ids.counter("submitters")
        for rank, name in enumerate(decision.submitters, start=1):
            row = (next_submitter(), *self.owner, decision_id, rank, name, _state(name))
            self.rows.add("submitters", (*row, *span))

    def votes(
        self, decision: Decision, decision_id: int, date: str | None, year: int | None
    ) -> list[str]:
        """One row per member, as the Council's rules have it (Y/N/A as listed or inferred,
        absent for a sitting member on no list). Returns the members who vetoed the decision."""
        verdict = judge(ballot(decision), sitting(date, year))
        span = span_values(decision.span)
        next_id = self.ids.counter("votes")
        add = self.rows.tables["votes"].append
        vetoers = verdict.vetoed_by
        # Tuples written out whole, not unpacked into: a row each, and rows are many.
        document_id, section_id = self.owner
        line, column, start, end = span
        for member, (vote, inferred) in verdict.votes.items():
            add(
                (
                    next_id(),
                    document_id,
                    section_id,
                    decision_id,
                    date,
                    member,
                    _iso3(member),
                    vote,
                    int(inferred),
                    int(member in vetoers),
                    line,
                    column,
                    start,
                    end,
                )
            )
        return vetoers

    def participants(
        self, meeting: Meeting, at: tuple[int, str | None], span: tuple[int | None, ...]
    ) -> None:
        """Invitees under rules 37 and 39, others who spoke and the members who spoke, one row each.

        Someone in the speakers cell who is on neither invitation list (the
        Secretary-General, say) is stored with basis ``other``, not as an invitee.
        """
        next_id = self.ids.counter("participants")
        add = self.rows.tables["participants"].append
        document_id, section_id = self.owner
        meeting_id, date = at
        line, column, start, end = span
        invitees = meeting.speakers.invitees
        spoke = {name.casefold() for name in invitees}
        # Each participant's own values (name, state, basis, spoke, on behalf of, kind), in
        # order: the rest of a row is the meeting's.
        found: list[tuple[str, str | None, str, int, str | None, str | None]] = []
        listed: set[str] = set()
        for basis, names in (("rule_37", meeting.rule_37), ("rule_39", meeting.rule_39)):
            for name in names:
                folded = name.casefold()
                listed.add(folded)
                found.append((name, _state(name), basis, int(folded in spoke), None, None))
        for name in invitees:
            if name.casefold() not in listed:
                found.append((name, _state(name), "other", 1, None, None))
        for speaker in meeting.speakers.council_members:
            behalf = SEPARATOR.join(canonical(n) for n in speaker.on_behalf_of) or None
            found.append((speaker.name, canonical(speaker.name), "member", 1, behalf, speaker.kind))
        for ordinal, (name, state, basis, spoken, behalf, kind) in enumerate(found, start=1):
            add(
                (
                    next_id(),
                    document_id,
                    section_id,
                    meeting_id,
                    date,
                    ordinal,
                    name,
                    state,
                    basis,
                    spoken,
                    behalf,
                    line,
                    column,
                    start,
                    end,
                    kind,
                )
            )

    def positions(
        self,
        footnote: Footnote,
        footnote_id: int,
        meeting_ids: dict[str, tuple[int, str | None]],
    ) -> None:
        """One row per delegation a footnote says held the view, at each meeting it names."""
        next_position = self.ids.counter("positions")
        add_position = self.rows.tables["positions"].append
        sentence = footnote.sentence
        document_id, section_id = self.owner
        for stance in footnote.positions:
            record = stance.meeting
            meeting_id, date = meeting_ids.get(symbol_key(record), (None, None))
            line, column, start, end = span_values(stance.span)
            address = symbol_url(record)
            for speaker in stance.speakers:
                delegation = canonical(speaker.name)
                behalf = [canonical(name) for name in speaker.on_behalf_of]
                spoken_for = SEPARATOR.join(behalf) or None
                add_position(
                    (
                        next_position(),
                        document_id,
                        section_id,
                        footnote_id,
                        meeting_id,
                        date,
                        record,
                        address,
                        delegation,
                        speaker.name,
                        None,
                        spoken_for,
                        sentence,
                        line,
                        column,
                        start,
                        end,
                        speaker.kind,
                    )
                )
                # Delegations spoken for hold the position too; `through` names the speaker.
                for name, represented in zip(speaker.on_behalf_of, behalf, strict=True):
                    add_position(
                        (
                            next_position(),
                            document_id,
                            section_id,
                            footnote_id,
                            meeting_id,
                            date,
                            record,
                            address,
                            represented,
                            name,
                            delegation,
                            None,
                            sentence,
                            line,
                            column,
                            start,
                            end,
                            None,
                        )
                    )


def _section_rows(
    section: Section,
    ordinal: int,
    document_id: int,
    ids: Ids,
    rows: Rows,
    footnote_ids: list[int],
    defined: dict[int, int],
) -> None:
    """The rows of one section; its footnotes' ids are given (``footnote_ids``, in order)."""
    section_id = ids("sections")
    row = (section_id, document_id, ordinal, section.number, section.title, section.year)
    rows.add("sections", (*row, *span_values(section.span)))
    owner = (document_id, section_id)
    # The section's own footnote of a number comes first, then one of another section.
    own: dict[int, int] = {}
    for footnote, footnote_id in zip(section.footnotes, footnote_ids, strict=True):
        own.setdefault(footnote.number, footnote_id)
    called = {**defined, **{n: i for n, i in own.items()}}
    make = _SectionRows(owner, ids, rows)
    paragraph_of = make.narrative(section, called)
    make.footnotes(section, footnote_ids, paragraph_of)
    note_ids: dict[str, int] = {}
    next_note = ids.counter("table_notes")
    for letter, note_text in section.table_notes.items():
        note_id = note_ids[letter] = next_note()
        span = span_values(section.note_spans.get(letter))
        rows.add("table_notes", (note_id, *owner, letter, note_text, *span))
    meeting_ids: dict[str, tuple[int, str | None]] = {}
    for index, meeting in enumerate(section.meetings, start=1):
        make.meeting(meeting, index, section.year, note_ids, meeting_ids)
    for footnote, footnote_id in zip(section.footnotes, footnote_ids, strict=True):
        make.positions(footnote, footnote_id, meeting_ids)
    for finding in section.findings:
        rows.add("findings", _finding(finding, ids, document_id, section_id))


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
) -> Rows:
    """Every row of ``document`` except its ``documents`` row, ids allocated from ``ids``.

    By default the ids are the document's own, from 1, and ``document_id`` is
    a placeholder: :func:`repertoire.store.write.insert_rows` puts them in place.
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
        _section_rows(section, ordinal, document_id, ids, rows, numbers, defined)
    for finding in document.findings:
        rows.add("findings", _finding(finding, ids, document_id, None))
    return rows
