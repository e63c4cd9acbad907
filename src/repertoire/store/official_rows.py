"""An official file's records as rows of the store (``official_*``, and the texts of a
draft through :mod:`.texts`): one function per file, called by the import
(:mod:`.official`) in its transaction."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from repertoire.official.records import OfficialDecision, OfficialFile
from repertoire.read.symbols import key as symbol_key
from repertoire.reference import states
from repertoire.store.texts import Pending
from repertoire.store.texts import insert as insert_texts


def write_file(conn: sqlite3.Connection, pending: Pending) -> tuple[int, dict[str, int]]:
    """One file's rows (replacing those of an earlier copy): its id and its rows' counts."""
    read = pending.read
    conn.execute("DELETE FROM official_files WHERE path = ?", (pending.name,))
    file_id = _row_id(
        conn.execute(
            "INSERT INTO official_files (path, kind, sha256, size, year, imported_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (pending.name, read.kind, pending.digest, pending.size, read.year, pending.imported_at),
        )
    )
    return file_id, _write(conn, file_id, read)


def _key(symbol: str | None) -> str | None:
    return symbol_key(symbol) if symbol else None


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def _write(conn: sqlite3.Connection, file_id: int, read: OfficialFile) -> dict[str, int]:
    conn.executemany(
        "INSERT INTO official_meetings (file_id, source, record, record_key, date, date_text,"
        " year, topics, closed, press_release, line, row, place)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                file_id,
                m.attestation.source,
                m.record,
                _key(m.record),
                m.date,
                m.date_text,
                _year(m.date),
                "\n".join(m.topics),
                int(m.closed),
                m.press_release,
                m.attestation.line,
                m.attestation.row,
                m.attestation.where,
            )
            for m in read.meetings
        ],
    )
    # Ids are given here, so that every decision and its votes go in one statement each.
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM official_decisions").fetchone()[0]
    conn.executemany(
        _DECISION_INSERT,
        [_decision(first + n, file_id, d) for n, d in enumerate(read.decisions)],
    )
    votes = [row for n, d in enumerate(read.decisions) for row in _votes(first + n, file_id, d)]
    conn.executemany(
        "INSERT INTO official_votes (decision_id, file_id, ordinal, member, written, vote,"
        " date) VALUES (?, ?, ?, ?, ?, ?, ?)",
        votes,
    )
    conn.executemany(
        "INSERT INTO official_vetoes (file_id, source, date, date_text, draft, draft_key,"
        " records, agenda, members, line, row, place) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                file_id,
                v.attestation.source,
                v.date,
                v.date_text,
                v.draft,
                _key(v.draft),
                "; ".join(v.records),
                v.agenda,
                "; ".join(v.members),
                v.attestation.line,
                v.attestation.row,
                v.attestation.where,
            )
            for v in read.vetoes
        ],
    )
    conn.executemany(
        "INSERT INTO official_findings (file_id, code, severity, message, subject, line, col)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (file_id, f.code, f.severity, f.message, f.subject, f.line, f.column)
            for f in read.findings
        ],
    )
    # A draft's own text, read with its vote, so that a pinpoint to it can be judged.
    paragraphs = insert_texts(conn, file_id, read.texts)
    return {
        "meetings": len(read.meetings),
        "decisions": len(read.decisions),
        **({"paragraphs": paragraphs} if read.texts else {}),
        "votes": len(votes),
        "vetoes": len(read.vetoes),
        "findings": len(read.findings),
    }


def _row_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just wrote."""
    assert cursor.lastrowid is not None
    return cursor.lastrowid


_DECISION_INSERT = (
    "INSERT INTO official_decisions (id, file_id, source, kind, symbol, symbol_key, record,"
    " record_key, date, date_text, year, draft, draft_key, adopted, outcome_text,"
    " tally_text, votes_for, votes_against, votes_abstaining, unanimous, without_vote,"
    " chapter_vii, vetoed_by, agenda, title, no_meeting, also, line, row, place)"
    " VALUES (" + ", ".join("?" * 30) + ")"
)


def _decision(decision_id: int, file_id: int, d: OfficialDecision) -> tuple[Any, ...]:
    tally = d.tally
    vote = tally.vote if tally else None
    return (
        decision_id,
        file_id,
        d.attestation.source,
        d.kind,
        d.symbol,
        _key(d.symbol),
        d.record,
        _key(d.record),
        d.date,
        d.date_text,
        _year(d.date),
        d.draft,
        _key(d.draft),
        None if d.adopted is None else int(d.adopted),
        d.outcome_text,
        tally.text if tally else None,
        vote.in_favour if vote else None,
        vote.against if vote else None,
        vote.abstaining if vote else None,
        int(bool(tally and tally.unanimous)),
        int(bool(tally and tally.without_vote)),
        None if d.chapter_vii is None else int(d.chapter_vii),
        "; ".join(d.vetoed_by),
        d.agenda,
        d.title,
        int(d.no_meeting),
        json.dumps(d.also, ensure_ascii=False, sort_keys=True) if d.also else None,
        d.attestation.line,
        d.attestation.row,
        d.attestation.where,
    )


def _votes(decision_id: int, file_id: int, d: OfficialDecision) -> list[tuple[Any, ...]]:
    rows = []
    for vote, names in (
        ("Y", d.in_favour),
        ("N", d.against),
        ("A", d.abstaining),
        ("absent", d.not_participating),
    ):
        for ordinal, name in enumerate(names):
            member = states.canonical(name) or name
            rows.append((decision_id, file_id, ordinal, member, name, vote, d.date))
    return rows
