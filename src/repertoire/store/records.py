"""Rows read back as records: the inverse of :mod:`repertoire.store.rows`, for rendering.

The database keeps what the records say, not the text they came from, so a
few things are rebuilt: which paragraph cites which footnote (from
``footnote_refs``, every marker in order, defined or not), the invitation
lists and speakers of a meeting (from its participants: those with basis
``other`` spoke without being on either list) and the vote lists of a
decision (from its votes).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from repertoire.findings import within_lines
from repertoire.records import (
    Citation,
    Decision,
    Document,
    DocumentRef,
    Finding,
    Footnote,
    Meeting,
    Paragraph,
    Position,
    Section,
    Speaker,
    Speakers,
    Vote,
)
from repertoire.store.columns import flag_of, query_rows, span_of, split_names


@dataclass(frozen=True, slots=True)
class SectionRow:
    """One stored section, for listing and choosing."""

    id: int
    document_id: int
    document: str
    ordinal: int
    number: str
    title: str
    year: int | None
    line: int | None

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title or "(untitled)"


def section_rows(
    conn: sqlite3.Connection, number: str | None = None, document_id: int | None = None
) -> list[SectionRow]:
    """Stored sections in load order, optionally only those numbered ``number``."""
    sql = (
        "SELECT s.id, s.document_id, d.name AS document, s.ordinal, s.number, s.title, s.year, "
        "s.line FROM sections s JOIN documents d ON d.id = s.document_id WHERE 1 = 1"
    )
    params: list[Any] = []
    if number is not None:
        sql += " AND s.number = ?"
        params.append(number.strip().rstrip("."))
    if document_id is not None:
        sql += " AND s.document_id = ?"
        params.append(document_id)
    sql += " ORDER BY s.document_id, s.ordinal"
    return [SectionRow(**row) for row in query_rows(conn, sql, params)]


def _finding(row: dict[str, Any]) -> Finding:
    return Finding(
        row["code"],
        row["severity"],
        row["message"],
        row["line"] or 0,
        row["col"] or 0,
        row["footnote"],
    )


def _document_findings(conn: sqlite3.Connection, document_id: int) -> list[Finding]:
    rows = query_rows(
        conn,
        "SELECT * FROM findings WHERE document_id = ? AND section_id IS NULL ORDER BY id",
        (document_id,),
    )
    return [_finding(row) for row in rows]


def _next_section_line(conn: sqlite3.Connection, section: dict[str, Any]) -> int | None:
    row = conn.execute(
        "SELECT min(line) FROM sections WHERE document_id = ? AND ordinal > ?",
        (section["document_id"], section["ordinal"]),
    ).fetchone()
    return row[0] if row else None


def section_from_db(conn: sqlite3.Connection, section_id: int) -> tuple[Section, list[Finding]]:
    """The stored section as a record, with the document's findings that fall within it."""
    rows = query_rows(conn, "SELECT * FROM sections WHERE id = ?", (section_id,))
    if not rows:
        raise LookupError(f"no section with id {section_id}")
    head = rows[0]
    section = Section(head["number"], head["title"], head["year"], span=span_of(head))
    end_line = _next_section_line(conn, head)
    found = _document_findings(conn, head["document_id"])
    document_findings = within_lines(found, head["line"] or 0, end_line)
    section.findings = [
        _finding(row)
        for row in query_rows(
            conn, "SELECT * FROM findings WHERE section_id = ? ORDER BY id", (section_id,)
        )
    ]
    _narrative(conn, section, section_id)
    _notes(conn, section, section_id)
    _meetings(conn, section, section_id)
    return section, document_findings


def _narrative(conn: sqlite3.Connection, section: Section, section_id: int) -> None:
    paragraphs = query_rows(
        conn, "SELECT * FROM paragraphs WHERE section_id = ? ORDER BY ordinal", (section_id,)
    )
    by_id: dict[int, Paragraph] = {}
    for row in paragraphs:
        paragraph = Paragraph(row["text"], span=span_of(row))
        by_id[row["id"]] = paragraph
        section.paragraphs.append(paragraph)
    for row in query_rows(
        conn,
        "SELECT paragraph_id, symbol FROM citations WHERE section_id = ? AND paragraph_id IS NOT "
        "NULL ORDER BY id",
        (section_id,),
    ):
        by_id[row["paragraph_id"]].citations.append(row["symbol"])
    footnotes = query_rows(
        conn, "SELECT * FROM footnotes WHERE section_id = ? ORDER BY id", (section_id,)
    )
    by_footnote: dict[int, Footnote] = {}
    for row in footnotes:
        footnote = Footnote(
            row["number"],
            row["text"],
            ibid_of=row["ibid_of"],
            sentence=row["sentence"],
            span=span_of(row),
            clause=row["clause"],
        )
        by_footnote[row["id"]] = footnote
        section.footnotes.append(footnote)
    for row in query_rows(
        conn,
        "SELECT r.paragraph_id, r.number FROM footnote_refs AS r "
        "JOIN paragraphs AS p ON p.id = r.paragraph_id WHERE p.section_id = ? "
        "ORDER BY r.paragraph_id, r.ordinal",
        (section_id,),
    ):
        by_id[row["paragraph_id"]].footnotes.append(row["number"])
    for row in query_rows(
        conn,
        "SELECT * FROM citations WHERE section_id = ? AND footnote_id IS NOT NULL ORDER BY id",
        (section_id,),
    ):
        by_footnote[row["footnote_id"]].citations.append(
            Citation(row["symbol"], row["pinpoint"], span_of(row), row["joint"])
        )
    _positions(conn, section_id, by_footnote)


def _positions(conn: sqlite3.Connection, section_id: int, by_footnote: dict[int, Footnote]) -> None:
    rows = query_rows(
        conn,
        "SELECT * FROM positions WHERE section_id = ? AND through IS NULL ORDER BY id",
        (section_id,),
    )
    for row in rows:
        footnote = by_footnote.get(row["footnote_id"])
        if footnote is None:
            continue
        position = next((p for p in footnote.positions if p.meeting == row["meeting_record"]), None)
        if position is None:
            position = Position(row["meeting_record"], span=span_of(row))
            footnote.positions.append(position)
        position.speakers.append(_speaker(row))


def _speaker(row: dict[str, Any]) -> Speaker:
    """A speaker of a ``participants`` or ``positions`` row; rows stored before the kind
    was kept say none, and stand for a State, the record's default."""
    speaker = Speaker(row["name"], split_names(row["on_behalf_of"]))
    if row["kind"] is not None:
        speaker.kind = row["kind"]
    return speaker


def _notes(conn: sqlite3.Connection, section: Section, section_id: int) -> None:
    for row in query_rows(
        conn, "SELECT * FROM table_notes WHERE section_id = ? ORDER BY id", (section_id,)
    ):
        section.table_notes[row["letter"]] = row["text"]
        section.note_spans[row["letter"]] = span_of(row)


def _meetings(conn: sqlite3.Connection, section: Section, section_id: int) -> None:
    for row in query_rows(
        conn, "SELECT * FROM meetings WHERE section_id = ? ORDER BY ordinal", (section_id,)
    ):
        section.meetings.append(meeting_from_db(conn, row))


def meeting_from_db(conn: sqlite3.Connection, row: dict[str, Any]) -> Meeting:
    """One stored meeting (a ``meetings`` row) as a record."""
    day = dt.date.fromisoformat(row["date"]) if row["date"] else None
    meeting = Meeting(
        row["record"],
        day,
        row["kind"],
        date_text=row["date_text"],
        span=span_of(row),
        videoconference=bool(row["videoconference"]),
        private=bool(row["private"]),
        remote=split_names(row["remote"]),
    )
    for item in query_rows(
        conn, "SELECT * FROM agenda_items WHERE meeting_id = ? ORDER BY role, ordinal", (row["id"],)
    ):
        ref = DocumentRef(
            item["title"],
            item["symbol"],
            span_of(item),
            also=split_names(item["also"]),
            submitters=split_names(item["submitters"]),
        )
        (meeting.sub_items if item["role"] == "sub_item" else meeting.other_documents).append(ref)
    invitees: list[str] = []
    for person in query_rows(
        conn, "SELECT * FROM participants WHERE meeting_id = ? ORDER BY ordinal", (row["id"],)
    ):
        if person["basis"] == "member":
            meeting.speakers.council_members.append(_speaker(person))
            continue
        if person["basis"] == "rule_37":
            meeting.rule_37.append(person["name"])
        elif person["basis"] == "rule_39":
            meeting.rule_39.append(person["name"])
        if person["spoke"]:
            invitees.append(person["name"])
    meeting.speakers = Speakers(meeting.speakers.council_members, invitees)
    meeting.notes = [
        n["note"]
        for n in query_rows(
            conn, "SELECT note FROM meeting_notes WHERE meeting_id = ? ORDER BY id", (row["id"],)
        )
    ]
    decisions = query_rows(
        conn, "SELECT * FROM decisions WHERE meeting_id = ? ORDER BY ordinal", (row["id"],)
    )
    # The votes and submitters of all the meeting's decisions, one query each.
    ids = json.dumps([d["id"] for d in decisions])
    votes = _by_decision(
        conn,
        "SELECT * FROM votes WHERE decision_id IN (SELECT value FROM json_each(?)) "
        "ORDER BY decision_id, member",
        ids,
    )
    submitters = _by_decision(
        conn,
        "SELECT decision_id, name FROM submitters WHERE decision_id IN "
        "(SELECT value FROM json_each(?)) ORDER BY decision_id, ordinal",
        ids,
    )
    for decision in decisions:
        meeting.decisions.append(
            _decision(decision, votes.get(decision["id"], []), submitters.get(decision["id"], []))
        )
    return meeting


def _by_decision(conn: sqlite3.Connection, sql: str, ids: str) -> dict[int, list[dict[str, Any]]]:
    grouped: dict[int, list[dict[str, Any]]] = {}
    for found in query_rows(conn, sql, (ids,)):
        grouped.setdefault(found["decision_id"], []).append(found)
    return grouped


def _decision(
    row: dict[str, Any], votes: list[dict[str, Any]], submitters: list[dict[str, Any]]
) -> Decision:
    tally = None
    if row["votes_for"] is not None:
        tally = Vote(row["votes_for"], row["votes_against"] or 0, row["votes_abstaining"] or 0)
    decision = Decision(
        kind=row["kind"],
        symbol=row["symbol"],
        draft=row["draft"],
        adopted=flag_of(row["adopted"]),
        chapter_vii=flag_of(row["chapter_vii"]),
        vote=tally,
        votes_inferred=bool(row["votes_inferred"]),
        failure=row["failure"],
        procedural=bool(row["procedural"]),
        notes=split_names(row["notes"]),
        text=row["text"],
        span=span_of(row),
    )
    lists = {"Y": decision.in_favour, "N": decision.against, "A": decision.abstaining}
    for vote in votes:
        if vote["vote"] in lists:
            lists[vote["vote"]].append(vote["member"])
        if vote["veto"]:
            decision.vetoed_by.append(vote["member"])
    decision.submitters = [s["name"] for s in submitters]
    return decision


def document_from_db(
    conn: sqlite3.Connection, section_ids: Sequence[int] | None = None
) -> Document:
    """Stored sections (all of them when ``section_ids`` is None) as one document."""
    ids = section_ids if section_ids is not None else [s.id for s in section_rows(conn)]
    names = {
        row[0]: row[1]
        for row in conn.execute(
            "SELECT s.id, d.name FROM sections s JOIN documents d ON d.id = s.document_id"
        )
    }
    sources = list(dict.fromkeys(names.get(i, "") for i in ids))
    document = Document(", ".join(s for s in sources if s) or "database")
    for section_id in ids:
        section, findings = section_from_db(conn, section_id)
        document.sections.append(section)
        document.findings.extend(findings)
    return document
