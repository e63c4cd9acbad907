"""Load parsed documents into the store.

A document is turned into plain rows first (:func:`document_rows`, no
database needed), then written in one transaction. Loading the same bytes
again does nothing; a file whose bytes changed replaces its earlier rows;
a failure part-way leaves the database as it was before that document.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Literal

from repertoire.records import Decision, Document, Finding, Section, Span
from repertoire.store.migrations import StoreError, UnreadableFile, connect
from repertoire.store.names import Council, canonical, known, refresh_reference

Status = Literal["added", "replaced", "unchanged", "rejected"]
Progress = Callable[[int, int, Path], None]
Row = tuple[Any, ...]

SPAN_COLUMNS = ("line", "col", "start_offset", "end_offset")
OWNER = ("id", "document_id", "section_id")

# Column order of the rows that document_rows builds; also the insert order,
# parents before children, so foreign keys hold at every statement.
COLUMNS: dict[str, tuple[str, ...]] = {
    "sections": ("id", "document_id", "ordinal", "number", "title", "year", *SPAN_COLUMNS),
    "paragraphs": (*OWNER, "ordinal", "text", *SPAN_COLUMNS),
    "footnotes": (
        *OWNER, "paragraph_id", "number", "text", "ibid_of", "sentence", *SPAN_COLUMNS,
    ),
    "citations": (
        *OWNER, "footnote_id", "paragraph_id", "symbol", "symbol_key", "pinpoint", "url",
        *SPAN_COLUMNS,
    ),
    "table_notes": (*OWNER, "letter", "text", *SPAN_COLUMNS),
    "meetings": (
        *OWNER, "ordinal", "record", "record_key", "url", "date", "date_text", "year", "kind",
        *SPAN_COLUMNS,
    ),
    "agenda_items": (
        *OWNER, "meeting_id", "role", "ordinal", "title", "symbol", "url", *SPAN_COLUMNS,
    ),
    "participants": (
        *OWNER, "meeting_id", "date", "ordinal", "name", "state", "basis", "spoke", "on_behalf_of",
        *SPAN_COLUMNS,
    ),
    "meeting_notes": (*OWNER, "meeting_id", "table_note_id", "note", *SPAN_COLUMNS),
    "decisions": (
        *OWNER, "meeting_id", "ordinal", "date", "year", "kind", "symbol", "url", "draft",
        "draft_url", "adopted", "chapter_vii", "votes_for", "votes_against", "votes_abstaining",
        "votes_inferred", "vetoed", "failure", "procedural", "notes", "text", *SPAN_COLUMNS,
    ),
    "submitters": (*OWNER, "decision_id", "ordinal", "name", "state", *SPAN_COLUMNS),
    "votes": (
        *OWNER, "decision_id", "date", "member", "iso3", "vote", "inferred", "veto", *SPAN_COLUMNS,
    ),
    "positions": (
        *OWNER, "footnote_id", "meeting_id", "date", "meeting_record", "meeting_url", "delegation",
        "name", "through", "on_behalf_of", "sentence", *SPAN_COLUMNS,
    ),
    "findings": (
        *OWNER, "code", "severity", "message", "footnote", *SPAN_COLUMNS,
    ),
}

INSERTS = {
    table: f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    for table, cols in COLUMNS.items()
}

_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january", "february", "march", "april", "may", "june", "july", "august",
            "september", "october", "november", "december",
        ),
        start=1,
    )
}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH = re.compile(r"(\d{1,2})\s+([A-Za-z]+)(?:\s+(\d{4}))?")
_MONTH_DAY = re.compile(r"([A-Za-z]+)\s+(\d{1,2}),?(?:\s+(\d{4}))?")
_SEPARATOR = "; "


@lru_cache(maxsize=65536)
def symbol_url(symbol: str) -> str:
    """The address of a UN document symbol on the UN's document system."""
    try:
        from repertoire.symbols import url
    except ImportError:
        return "https://undocs.org/en/" + symbol.replace(" ", "")
    return url(symbol)


@lru_cache(maxsize=65536)
def symbol_key(symbol: str) -> str:
    """A form of a symbol that ignores case and spacing, for lookups."""
    return re.sub(r"\s+", "", symbol).upper()


def iso_date(text: str | None, year: int | None) -> str | None:
    """``27 January`` (with the section's year) or ``2023-01-27`` as an ISO date, if it is one."""
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
    """Hands out row ids; the first of each table is read once the write lock is held."""

    def __init__(self, start: dict[str, int] | None = None) -> None:
        self._next = dict(start or {})

    def __call__(self, table: str) -> int:
        value = self._next.get(table, 1)
        self._next[table] = value + 1
        return value

    @classmethod
    def from_db(cls, conn: sqlite3.Connection) -> _Ids:
        return cls(
            {
                table: conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]
                for table in COLUMNS
            }
        )


@dataclass(slots=True)
class Rows:
    """The rows of one document, table by table, in COLUMNS order."""

    tables: dict[str, list[Row]] = field(default_factory=lambda: {t: [] for t in COLUMNS})

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
        tally and tally.against == 0 and tally.abstaining == 0 and tally.for_ == len(members)
    )
    if not cast and members and unanimous and not decision.procedural:
        # A unanimous tally names every sitting member even when no list is printed.
        cast = {name: ["Y", 1] for name in members}
    lists_known = bool(cast) and (
        tally is None or len(cast) == tally.for_ + tally.against + tally.abstaining
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
        if needed is not None and not decision.procedural and tally.for_ >= needed:
            vetoers = {m for m in council.permanent(year) if cast.get(m, [""])[0] == "N"}
    for name in vetoers:
        # A veto is a negative vote even when the against list was not printed.
        cast.setdefault(name, ["N", 1])
    for member, (vote, was_inferred) in cast.items():
        rows.add(
            "votes",
            (
                ids("votes"), *owner, decision_id, date, member,
                council.iso3(member) if council else None,
                vote, was_inferred, int(member in vetoers), *span,
            ),
        )
    return vetoers


def _section_rows(
    section: Section,
    ordinal: int,
    document_id: int,
    council: Council | None,
    ids: _Ids,
    rows: Rows,
) -> None:
    section_id = ids("sections")
    rows.add(
        "sections",
        (
            section_id, document_id, ordinal, section.number, section.title, section.year,
            *_span(section.span),
        ),
    )
    owner = (document_id, section_id)

    paragraph_of: dict[int, int] = {}
    for index, paragraph in enumerate(section.paragraphs, start=1):
        paragraph_id = ids("paragraphs")
        rows.add(
            "paragraphs",
            (paragraph_id, *owner, index, paragraph.text, *_span(paragraph.span)),
        )
        for number in paragraph.footnotes:
            paragraph_of.setdefault(number, paragraph_id)
        for symbol in paragraph.citations:
            # Paragraph citations carry no span of their own; the paragraph's stands in.
            rows.add(
                "citations",
                (
                    ids("citations"), *owner, None, paragraph_id, symbol, symbol_key(symbol),
                    None, symbol_url(symbol), *_span(paragraph.span),
                ),
            )

    footnote_ids: dict[int, int] = {}
    for footnote in section.footnotes:
        footnote_id = ids("footnotes")
        footnote_ids.setdefault(footnote.number, footnote_id)
        rows.add(
            "footnotes",
            (
                footnote_id, *owner, paragraph_of.get(footnote.number), footnote.number,
                footnote.text, footnote.ibid_of, footnote.sentence, *_span(footnote.span),
            ),
        )
        for citation in footnote.citations:
            rows.add(
                "citations",
                (
                    ids("citations"), *owner, footnote_id, None, citation.symbol,
                    symbol_key(citation.symbol), citation.pinpoint, symbol_url(citation.symbol),
                    *_span(citation.span),
                ),
            )

    note_ids: dict[str, int] = {}
    for letter, text in section.table_notes.items():
        note_id = ids("table_notes")
        note_ids[letter] = note_id
        rows.add(
            "table_notes",
            (note_id, *owner, letter, text, *_span(section.note_spans.get(letter))),
        )

    meeting_ids: dict[str, tuple[int, str | None]] = {}
    for index, meeting in enumerate(section.meetings, start=1):
        meeting_id = ids("meetings")
        key = symbol_key(meeting.record)
        date = iso_date(meeting.date, section.year)
        year = int(date[:4]) if date else section.year
        meeting_ids.setdefault(key, (meeting_id, date))
        span = _span(meeting.span)
        rows.add(
            "meetings",
            (
                meeting_id, *owner, index, meeting.record, key, symbol_url(meeting.record), date,
                meeting.date, year, meeting.kind, *span,
            ),
        )
        items = (("sub_item", meeting.sub_items), ("other_document", meeting.other_documents))
        for role, refs in items:
            for position, ref in enumerate(refs, start=1):
                rows.add(
                    "agenda_items",
                    (
                        ids("agenda_items"), *owner, meeting_id, role, position, ref.title,
                        ref.document, symbol_url(ref.document) if ref.document else None,
                        *_span(ref.span),
                    ),
                )
        _participants(meeting, (meeting_id, date), owner, span, ids, rows)
        for note in meeting.notes:
            letter = note.strip()
            rows.add(
                "meeting_notes",
                (ids("meeting_notes"), *owner, meeting_id, note_ids.get(letter), note, *span),
            )
        for position, decision in enumerate(meeting.decisions, start=1):
            decision_id = ids("decisions")
            tally = decision.vote
            vetoers = _votes(decision, date, year, council, owner, decision_id, ids, rows)
            rows.add(
                "decisions",
                (
                    decision_id, *owner, meeting_id, position, date, year, decision.kind,
                    decision.symbol, symbol_url(decision.symbol) if decision.symbol else None,
                    decision.draft, symbol_url(decision.draft) if decision.draft else None,
                    _flag(decision.adopted), _flag(decision.chapter_vii),
                    tally.for_ if tally else None,
                    tally.against if tally else None,
                    tally.abstaining if tally else None,
                    int(decision.votes_inferred), int(bool(vetoers)),
                    decision.failure, int(decision.procedural),
                    _SEPARATOR.join(decision.notes) or None, decision.text,
                    *_span(decision.span),
                ),
            )
            for rank, name in enumerate(decision.submitters, start=1):
                rows.add(
                    "submitters",
                    (
                        ids("submitters"), *owner, decision_id, rank, name, _state(name),
                        *_span(decision.span),
                    ),
                )

    for footnote in section.footnotes:
        footnote_id = footnote_ids[footnote.number]
        for stance in footnote.positions:
            meeting_id, date = meeting_ids.get(symbol_key(stance.meeting), (None, None))
            span = _span(stance.span)
            base = (footnote_id, meeting_id, date, stance.meeting, symbol_url(stance.meeting))
            for speaker in stance.speakers:
                delegation = canonical(speaker.name)
                behalf = [canonical(name) for name in speaker.on_behalf_of]
                rows.add(
                    "positions",
                    (
                        ids("positions"), *owner, *base, delegation, speaker.name, None,
                        _SEPARATOR.join(behalf) or None, footnote.sentence, *span,
                    ),
                )
                # Delegations spoken for hold the position too; `through` names the speaker.
                for name, represented in zip(speaker.on_behalf_of, behalf, strict=True):
                    rows.add(
                        "positions",
                        (
                            ids("positions"), *owner, *base, represented, name, delegation,
                            None, footnote.sentence, *span,
                        ),
                    )

    for finding in section.findings:
        rows.add("findings", _finding(finding, ids, document_id, section_id))


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
    """Invitees under rules 37 and 39 and the members who spoke, one row each."""
    spoke = {name.casefold() for name in meeting.speakers.invitees}
    ordinal = 0
    listed: set[str] = set()
    for basis, names in (("rule_37", meeting.rule_37), ("rule_39", meeting.rule_39)):
        for name in names:
            ordinal += 1
            listed.add(name.casefold())
            rows.add(
                "participants",
                (
                    ids("participants"), *owner, *at, ordinal, name, _state(name), basis,
                    int(name.casefold() in spoke), None, *span,
                ),
            )
    for name in meeting.speakers.invitees:
        if name.casefold() in listed:
            continue
        # An invitee who spoke but is on neither invitation list: a State is a rule 37
        # invitee by definition, anyone else is invited under rule 39.
        ordinal += 1
        state = _state(name)
        rows.add(
            "participants",
            (
                ids("participants"), *owner, *at, ordinal, name, state,
                "rule_37" if state else "rule_39", 1, None, *span,
            ),
        )
    for speaker in meeting.speakers.council_members:
        ordinal += 1
        behalf = _SEPARATOR.join(canonical(n) for n in speaker.on_behalf_of) or None
        rows.add(
            "participants",
            (
                ids("participants"), *owner, *at, ordinal, speaker.name,
                canonical(speaker.name), "member", 1, behalf, *span,
            ),
        )


def _finding(finding: Finding, ids: _Ids, document_id: int, section_id: int | None) -> Row:
    return (
        ids("findings"), document_id, section_id, finding.code, finding.severity,
        finding.message, finding.footnote, finding.line or None, finding.column or None,
        None, None,
    )


def document_rows(
    document: Document, document_id: int, ids: _Ids | None = None, council: Council | None = None
) -> Rows:
    """Every row of ``document`` except its ``documents`` row, ids allocated from ``ids``."""
    ids = ids or _Ids()
    rows = Rows()
    for ordinal, section in enumerate(document.sections, start=1):
        _section_rows(section, ordinal, document_id, council, ids, rows)
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
    """Agreement counts of the votes in ``rows``, per year and pair of members."""
    vote_at = COLUMNS["votes"].index("vote")
    member_at = COLUMNS["votes"].index("member")
    decision_at = COLUMNS["votes"].index("decision_id")
    year_at = COLUMNS["decisions"].index("year")
    years = {row[0]: row[year_at] for row in rows.tables["decisions"]}
    cast: dict[int, list[tuple[str, str]]] = {}
    for row in rows.tables["votes"]:
        if row[vote_at] != "absent":
            cast.setdefault(row[decision_at], []).append((row[member_at], row[vote_at]))
    counts: dict[tuple[int, str, str], list[int]] = {}
    for decision, votes in cast.items():
        year = years.get(decision)
        if year is None:
            continue
        votes.sort()
        for i, (first, first_vote) in enumerate(votes):
            for second, second_vote in votes[i + 1 :]:
                if first == second:
                    continue
                count = counts.setdefault((year, first, second), [0, 0])
                count[0] += 1
                count[1] += first_vote == second_vote
    return [(*key, together, alike) for key, (together, alike) in counts.items()]


def add_alignment(
    conn: sqlite3.Connection, document_id: int | None, rows: Rows | None = None
) -> None:
    """Add the agreement counts of one document's votes (of all votes when None).

    Given the document's ``rows``, the counts are made from them in memory,
    which is quicker than a self-join of the votes just written.
    """
    if rows is not None:
        conn.executemany(_UPSERT_PAIRS, _pair_counts(rows))
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
    from repertoire import pipeline

    if hasattr(pipeline, "parse_bytes"):
        # The pipeline decodes; bad bytes become findings there, not exceptions.
        return pipeline.parse_bytes(data, str(path))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"cannot read {path}: not UTF-8 text ({exc.reason})") from None
    return pipeline.parse(text, source=str(path))


def _insert(conn: sqlite3.Connection, rows: Rows) -> None:
    for table, table_rows in rows.tables.items():
        if table_rows:
            conn.executemany(INSERTS[table], table_rows)


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
    key = str(path.resolve())
    digest = hashlib.sha256(data).hexdigest()
    found = document.all_findings()
    errors = sum(f.severity == "error" for f in found)
    warnings = sum(f.severity == "warning" for f in found)
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have loaded this file meanwhile.
        old = conn.execute("SELECT id, sha256 FROM documents WHERE path = ?", (key,)).fetchone()
        if old and old[1] == digest:
            conn.execute("COMMIT")
            return DocumentResult(str(path), "unchanged", digest, old[0])
        if old:
            remove_alignment(conn, old[0])
            conn.execute("DELETE FROM documents WHERE id = ?", (old[0],))
        ids = _Ids.from_db(conn)
        document_id = (
            conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]
        )
        conn.execute(
            "INSERT INTO documents (id, path, name, source, sha256, size, loaded_at, errors, "
            "warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document_id, key, path.name, document.source, digest, len(data),
                datetime.now(UTC).isoformat(timespec="seconds"), errors, warnings,
            ),
        )
        rows = document_rows(document, document_id, ids, council)
        _insert(conn, rows)
        add_alignment(conn, document_id, rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    counts = {
        table: rows.count(table)
        for table in ("sections", "meetings", "decisions", "footnotes", "votes", "findings")
    }
    return DocumentResult(
        str(path), "replaced" if old else "added", digest, document_id, counts, errors, warnings,
        [f for f in found if f.severity == "error"],
    )


# Below this many files to parse, starting worker processes costs more than it saves.
PARALLEL_AFTER = 8


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


def _read_and_parse(path: Path) -> tuple[bytes, Document, float]:
    """Run in a worker process when files are parsed in parallel, and in-process otherwise."""
    data = _read(path)
    started = time.perf_counter()
    document = _parse(path, data)
    return data, document, time.perf_counter() - started


def _parsed(
    paths: list[Path], workers: int, stack: ExitStack
) -> Iterator[tuple[bytes, Document, float]]:
    """Parsed files in the order given; in worker processes when there are enough of them."""
    if workers < 1 or len(paths) < PARALLEL_AFTER:
        return map(_read_and_parse, paths)
    # Spawned, not forked: a fork would copy the open database connection.
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn"))
    stack.callback(executor.shutdown, wait=True, cancel_futures=True)
    return executor.map(_read_and_parse, paths)


def load(
    paths: Iterable[str | Path],
    db_path: str | Path,
    strict: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> LoadReport:
    """Load each file into the database at ``db_path``, one transaction per file.

    Unchanged files (same path, same SHA-256) are not parsed again. With
    ``strict``, a document whose findings include errors is not stored
    (status ``rejected``); otherwise it is stored with its findings. Every
    path is checked before the first is loaded: one that cannot be read
    raises :class:`UnreadableFile` and nothing is loaded. With enough files,
    they are parsed in ``workers`` processes while the calling process writes
    them, in order (default: one per CPU but the writer's, at most 4; 0
    parses in the calling process).
    """
    files: Sequence[Path] = [Path(p) for p in paths]
    report = LoadReport(str(db_path))
    if workers is None:
        workers = min(4, (os.cpu_count() or 1) - 1)
    digests = [_digest(path) for path in files]
    with ExitStack() as stack:
        conn = connect(db_path)
        stack.callback(conn.close)
        # Fewer, larger checkpoints while loading: pages rewritten by several
        # documents in a row (index ends, full-text segments) are copied back once.
        conn.execute("PRAGMA wal_autocheckpoint = 10000")
        try:
            refresh_reference(conn)
            council = Council(conn)
            known_files = {
                path: conn.execute(
                    "SELECT id, sha256 FROM documents WHERE path = ?", (str(path.resolve()),)
                ).fetchone()
                for path in files
            }
            todo = [
                path
                for path, digest in zip(files, digests, strict=True)
                if not (known_files[path] and known_files[path][1] == digest)
            ]
            parsed = _parsed(todo, workers, stack)
            for index, (path, digest) in enumerate(zip(files, digests, strict=True), start=1):
                old = known_files[path]
                if old and old[1] == digest:
                    report.documents.append(DocumentResult(str(path), "unchanged", digest, old[0]))
                else:
                    data, document, seconds = next(parsed)
                    report.parse_seconds += seconds
                    started = time.perf_counter()
                    if strict and document.has_errors:
                        errors = [f for f in document.all_findings() if f.severity == "error"]
                        report.documents.append(
                            DocumentResult(
                                str(path), "rejected", digest, old[0] if old else None,
                                errors=len(errors), findings=errors,
                            )
                        )
                    else:
                        result = store_document(conn, document, path, data, council)
                        report.documents.append(result)
                    report.store_seconds += time.perf_counter() - started
                if progress is not None:
                    progress(index, len(files), path)
        except sqlite3.Error as exc:
            raise StoreError(f"database error while loading into {db_path}: {exc}") from exc
    return report
