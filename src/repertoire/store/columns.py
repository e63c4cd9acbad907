"""The rows of the store, column by column: the one layout both directions follow.

Records become rows in :mod:`repertoire.store.rows` and rows become records
again in :mod:`repertoire.store.records`; both spell a span, a flag and a
list of names the way this module says. :func:`query_rows` is how every reader
of the database (records, queries, the explorer) gets rows by column name;
:func:`year_range` and :func:`limited` are how a question keeps to some years and rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from repertoire.records import Span

Row = tuple[Any, ...]

SPAN_COLUMNS = ("line", "col", "start_offset", "end_offset")
OWNER = ("id", "document_id", "section_id")

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
        "clause",
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
        "joint",
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
        "videoconference",
        "private",
        "remote",
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
        "also",
        "submitters",
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
        "kind",
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
        "kind",
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


# Lists of names (a decision's notes, those a delegation spoke for) are stored as one text.
SEPARATOR = "; "

NO_SPAN = (None, None, None, None)


def span_values(span: Span | None) -> tuple[int | None, int | None, int | None, int | None]:
    """A span as its four columns; an empty span means "not known" and is stored as NULLs."""
    # Zeros would look like a place.
    if span is None or (span.line == 0 and span.end == 0):
        return NO_SPAN
    return (span.line, span.column, span.start, span.end)


def span_of(row: dict[str, Any]) -> Span:
    """The span that a row's four columns hold (empty where they are NULL)."""
    if row.get("start_offset") is None and row.get("line") is None:
        return Span.empty()
    return Span(
        row.get("line") or 0,
        row.get("col") or 0,
        row.get("start_offset") or 0,
        row.get("end_offset") or 0,
    )


def flag_value(value: bool | None) -> int | None:
    """A true/false/unknown fact as 1/0/NULL."""
    return None if value is None else int(bool(value))


def flag_of(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def split_names(value: str | None) -> list[str]:
    """A list stored with :data:`SEPARATOR`, as a list again."""
    return [part for part in (value or "").split(SEPARATOR) if part]


def query_rows(
    conn: sqlite3.Connection, sql: str, params: Sequence[Any] | dict[str, Any] = ()
) -> list[dict[str, Any]]:
    """The rows ``sql`` returns, each a dict by column name."""
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def year_range(
    column: str, year: int | None, since: int | None, until: int | None, params: dict[str, Any]
) -> list[str]:
    """The conditions that keep ``column`` to ``year``, or from ``since`` to ``until``
    (bounds included), their values put in ``params``."""
    where = []
    for name, op, value in (("year", "=", year), ("since", ">=", since), ("until", "<=", until)):
        if value is not None:
            where.append(f"{column} {op} :{name}")
            params[name] = value
    return where


def limited(sql: str, params: dict[str, Any], limit: int | None) -> str:
    """``sql`` returning at most ``limit`` rows (``None`` or 0: all)."""
    if limit is None or limit <= 0:
        return sql
    params["limit"] = limit
    return sql + " LIMIT :limit"
