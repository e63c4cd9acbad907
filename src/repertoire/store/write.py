"""Writing a document's rows into the database, in one transaction.

A document is turned into plain rows first (:func:`prepare`, which calls
:func:`~repertoire.store.rows.document_rows`; no database needed, so a parser
process can do it), then written in one transaction (:func:`write_prepared`).
Loading the same bytes again does nothing; a file whose bytes changed
replaces its earlier rows; a failure part-way leaves the database as it was
before that document.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from repertoire.records import Document, Finding
from repertoire.store.alignment import add_alignment, count_pairs, remove_alignment
from repertoire.store.columns import COLUMNS, REFS
from repertoire.store.names import refresh_reference
from repertoire.store.rows import ROWS_VERSION, Rows, document_rows
from repertoire.store.schema import FTS_FILL

Status = Literal["added", "replaced", "unchanged", "rejected"]


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


def prepare(document: Document, data: bytes) -> Prepared:
    """The rows of ``document`` (read from ``data``), with its own ids, and what reports need."""
    found = document.all_findings()
    errors = [f for f in found if f.severity == "error"]
    return Prepared(
        document.source,
        hashlib.sha256(data).hexdigest(),
        len(data),
        count_pairs(document_rows(document)),
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


KNOWN = "SELECT id, sha256, rows_version FROM documents WHERE path = ?"


def unchanged(old: tuple[int, str, int] | None, digest: str) -> bool:
    """Whether a stored document (``old``: id, sha256, rows_version) needs no new rows."""
    return old is not None and old[1] == digest and old[2] >= ROWS_VERSION


def store_document(
    conn: sqlite3.Connection,
    document: Document,
    path: Path,
    data: bytes,
) -> DocumentResult:
    """Write one parsed document in its own transaction, replacing an earlier copy of ``path``."""
    refresh_reference(conn)
    return write_prepared(conn, prepare(document, data), path)


def write_prepared(conn: sqlite3.Connection, prepared: Prepared, path: Path) -> DocumentResult:
    """Write one prepared document in its own transaction, replacing an earlier copy of ``path``."""
    key = str(path.resolve())
    digest = prepared.sha256
    rows = prepared.rows
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have loaded this file meanwhile.
        old = conn.execute(KNOWN, (key,)).fetchone()
        if unchanged(old, digest):
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
