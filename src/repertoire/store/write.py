"""Writing a document's rows into the database, in one transaction.

A document is turned into plain rows first (:func:`prepare`, which calls
:func:`~repertoire.store.rows.document_rows`; no database needed, so a parser
process can do it), then written in one transaction (:func:`write_prepared`).
Loading the same bytes again does nothing, from the same path or from
another (the bytes are known by their SHA-256); a file whose bytes changed
replaces its earlier rows; a failure part-way leaves the database as it was
before that document.
"""

from __future__ import annotations

import hashlib
import os
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

Status = Literal["added", "replaced", "unchanged", "rejected", "failed"]


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
    # The path under which the same bytes were already stored, when that is another one.
    same_as: str | None = None
    message: str | None = None  # why a file failed

    def to_dict(self) -> dict[str, Any]:
        result = {
            "path": self.path,
            "status": self.status,
            "sha256": self.sha256,
            "document_id": self.document_id,
            "counts": self.counts,
            "errors": self.errors,
            "warnings": self.warnings,
            "same_as": self.same_as,
        }
        if self.message is not None:
            result["message"] = self.message
        return result


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
    failure: str | None = None  # why no rows could be made (then there are none)

    @classmethod
    def failed(cls, source: str, size: int, message: str) -> Prepared:
        """A file not made into rows (too large, or the reader failed on it): reported, and
        the batch goes on."""
        return cls(source, "", size, Rows(), 1, 0, [], failure=message)


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
# The same bytes stored from another path, by rows of this version of the loader.
SAME_BYTES = (
    "SELECT id, path FROM documents WHERE sha256 = ? AND path != ? AND rows_version >= ? "
    "ORDER BY id LIMIT 1"
)


def document_key(conn: sqlite3.Connection, path: Path) -> str:
    """How ``documents.path`` names a file: relative to the database's folder.

    The same file always has the same key (loading it again changes nothing),
    and a published store or a served one shows no absolute path of the
    machine that loaded it.
    """
    return relative_to_database(conn, str(path.resolve()))


def relative_to_database(conn: sqlite3.Connection, absolute: str) -> str:
    main = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    if not main or not os.path.isabs(absolute):
        return absolute  # a database in memory has no folder
    return Path(os.path.relpath(absolute, os.path.dirname(main))).as_posix()


def unchanged(old: tuple[int, str, int] | None, digest: str) -> bool:
    """Whether a stored document (``old``: id, sha256, rows_version) needs no new rows."""
    return old is not None and old[1] == digest and old[2] >= ROWS_VERSION


def same_bytes(conn: sqlite3.Connection, path: Path, digest: str) -> tuple[int, str] | None:
    """The id and path of a document stored from another path with bytes ``digest``."""
    row = conn.execute(SAME_BYTES, (digest, document_key(conn, path), ROWS_VERSION)).fetchone()
    return (row[0], row[1]) if row else None


def stored_result(
    conn: sqlite3.Connection,
    path: Path,
    digest: str,
    document_id: int,
    same_as: str | None = None,
) -> DocumentResult:
    """An unchanged file's result, with the errors and warnings stored when it was loaded."""
    row = conn.execute(
        "SELECT errors, warnings FROM documents WHERE id = ?", (document_id,)
    ).fetchone()
    errors, warnings = row if row else (0, 0)
    return DocumentResult(
        str(path),
        "unchanged",
        digest,
        document_id,
        errors=errors,
        warnings=warnings,
        same_as=same_as,
    )


def _remove(conn: sqlite3.Connection, document_id: int) -> None:
    remove_alignment(conn, document_id)
    conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))


def write_same_bytes(conn: sqlite3.Connection, path: Path, digest: str) -> DocumentResult | None:
    """Store nothing for a file whose bytes are stored already from another path.

    Its result is "unchanged" and names that path; an earlier copy of ``path``
    with other bytes is removed (the file now holds what the other one holds).
    None when no other path has these bytes (the file is to be written).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        twin = same_bytes(conn, path, digest)
        if twin is None:
            conn.execute("COMMIT")
            return None
        old = conn.execute(KNOWN, (document_key(conn, path),)).fetchone()
        if old:
            _remove(conn, old[0])
        result = stored_result(conn, path, digest, twin[0], same_as=twin[1])
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    if old:
        result.status = "replaced"
    return result


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
    key = document_key(conn, path)
    digest = prepared.sha256
    rows = prepared.rows
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have loaded this file meanwhile.
        old = conn.execute(KNOWN, (key,)).fetchone()
        if unchanged(old, digest):
            result = stored_result(conn, path, digest, old[0])
            conn.execute("COMMIT")
            return result
        if twin := same_bytes(conn, path, digest):
            if old:
                _remove(conn, old[0])
            result = stored_result(conn, path, digest, twin[0], same_as=twin[1])
            conn.execute("COMMIT")
            if old:
                result.status = "replaced"
            return result
        if old:
            _remove(conn, old[0])
        offsets = _offsets(conn)
        document_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM documents").fetchone()[0]
        conn.execute(
            "INSERT INTO documents (id, path, name, source, sha256, size, loaded_at, errors, "
            "warnings, rows_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document_id,
                key,
                path.name,
                key,
                digest,
                prepared.size,
                datetime.now(UTC).isoformat(timespec="seconds"),
                prepared.errors,
                prepared.warnings,
                ROWS_VERSION,
            ),
        )
        insert_rows(conn, rows, document_id, offsets)
        add_alignment(conn, rows)
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
