"""Writing documents' rows into the database: each all or nothing.

A document is turned into plain rows first (:func:`prepare`, which calls
:func:`~repertoire.store.rows.document_rows`; no database needed, so a parser
process can do it), then written by a :class:`Writer`: many documents to a
transaction, each in a savepoint of its own, so that a document SQLite refuses
is rolled back alone while the others stay; :func:`write_prepared` writes one
in a transaction of its own. Loading the same bytes again does nothing, from
the same path or from another (the bytes are known by their SHA-256); a file
whose bytes changed replaces its earlier rows; a failure part-way leaves the
database as it was before that document.

Why one module of this length: the writer, the statements it writes rows with (bound
from Python, or copied from an image a parser process packed, :func:`pack`) and the
results it gives share one transaction's state and one layout of the rows.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar

from repertoire.bulk import CAN_PACK, image, put
from repertoire.records import Document, Finding
from repertoire.store.alignment import add_alignment, count_pairs, remove_alignment
from repertoire.store.columns import COLUMNS, REFS
from repertoire.store.migrations import log_again, rollback_journal
from repertoire.store.names import refresh_reference
from repertoire.store.rows import ROWS_VERSION, Rows, document_rows
from repertoire.store.schema import FTS_FILL, drop_indexes

Status = Literal["added", "replaced", "unchanged", "rejected", "failed"]
R = TypeVar("R")


def _shifted(
    table: str, value: str, document_id: str, offset: Callable[[str], str | None]
) -> list[str]:
    """The values of a row of ``table`` with its ids shifted: ``value`` spells a column's own
    value (``{index}``, ``{column}``), ``document_id`` the document's id, and ``offset`` what
    is added to an id of a row of the table it names (None: nothing)."""
    refs = REFS[table]
    values = []
    for index, column in enumerate(COLUMNS[table], start=1):
        own = value.format(index=index, column=column)
        added = offset(refs[column]) if column in refs else None
        if column == "document_id":
            values.append(document_id)
        elif added is not None:
            values.append(f"{own} + {added}")
        else:
            values.append(own)
    return values


def _shifted_insert(table: str, offsets: dict[str, int], document_id: int) -> str:
    """INSERTS[table] that adds ``offsets`` to the ids in a row and stores ``document_id``.

    The offsets are integers read from the database, written into the
    statement as literals: SQLite does the sums (NULL stays NULL), so no row
    is copied in Python. The row's own document_id is bound but not used.
    """
    values = _shifted(
        table,
        "?{index}",
        str(int(document_id)),
        lambda parent: str(int(offsets[parent])) if offsets.get(parent) else None,
    )
    return f"INSERT INTO {table} ({', '.join(COLUMNS[table])}) VALUES ({', '.join(values)})"


def _copy(table: str) -> str:
    """:func:`_shifted_insert` of the rows of a packed image (:func:`pack`), in SQL alone.

    The offsets are bound by the name of their table, the document's id as ``document_id``:
    one text per table, which SQLite prepares once for all the images of a load (see
    :func:`repertoire.bulk.put`) rather than once per document.
    """
    values = _shifted(table, "{column}", ":document_id", lambda parent: f":{parent}")
    return (
        f"INSERT INTO main.{table} ({', '.join(COLUMNS[table])}) "
        f"SELECT {', '.join(values)} FROM {INCOMING}.{table} ORDER BY id"
    )


# The schema a packed image is attached as, while a writer copies it.
INCOMING = "incoming"
# A packed image's tables: the columns with no type, so that each value stays as it was made.
_IMAGE_TABLES = {
    table: f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, {', '.join(columns[1:])})"
    for table, columns in COLUMNS.items()
}
_IMAGE_INSERTS = {
    table: f"INSERT INTO {table} VALUES ({', '.join('?' * len(columns))})"
    for table, columns in COLUMNS.items()
}
_COPIES = {table: _copy(table) for table in COLUMNS}


def pack(prepared: Prepared) -> Prepared:
    """``prepared`` with its rows packed into an SQLite database image (``rows.image``).

    A parser process packs the rows beside the writer (:func:`repertoire.bulk.image`).
    Rows that cannot be packed (a value SQLite cannot store) stay as they are: the writer
    says why.
    """
    rows = prepared.rows
    if rows.image is not None or prepared.failure is not None or not CAN_PACK:
        return prepared
    count_pairs(rows)
    made = image(
        (_IMAGE_TABLES[table], _IMAGE_INSERTS[table], table_rows)
        for table, table_rows in rows.tables.items()
    )
    if made is None:
        return prepared
    extents = {
        table: (rows.count(table), *ids) for table in rows.tables if (ids := rows.ids(table))
    }
    prepared.rows = Rows(pairs=rows.pairs, image=made, extents=extents)
    return prepared


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
    """Write ``rows`` (inside the caller's transaction), each row's ids (its own and those of
    rows it points at) shifted by ``offsets`` (table -> largest id so far) and
    ``document_id`` stored; packed rows are copied from their image."""
    if rows.image is not None:
        put(conn, INCOMING, rows.image)
        shifts = {**offsets, "document_id": document_id}
        for table in COLUMNS:
            if rows.count(table):
                conn.execute(_COPIES[table], shifts)
        return
    for table, table_rows in rows.tables.items():
        if table_rows:
            conn.executemany(_shifted_insert(table, offsets, document_id), table_rows)


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
    writer = Writer(conn)
    try:
        result = writer.same_bytes(path, digest)
        writer.commit()
    finally:
        writer.close()
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
    writer = Writer(conn)
    try:
        result = writer.write(prepared, path)
        writer.commit()
    finally:
        writer.close()
    return result


# A transaction of a Writer ends once it has written this many rows (a few tens of
# megabytes, within the page cache) or has been open this many seconds: each commit writes
# out every page it changed, of the tables, of their many indexes and of the search
# indexes, so documents that share a commit share those writes (a transaction per
# document of ten sections cost a quarter of the writer's time); the bound keeps the
# write lock well within another writer's busy timeout, and readers see documents come
# in as the load goes on (but for a load in bulk, one transaction: see :class:`Writer`).
COMMIT_ROWS = 100_000
COMMIT_SECONDS = 2.0


class Writer:
    """Writes prepared documents, many to a transaction, each in a savepoint of its own.

    :meth:`write` begins a transaction when none is open; :attr:`due` says when it is time
    to :meth:`commit`. A document whose rows SQLite refuses (a constraint, a value it cannot
    store) is rolled back alone and its error raised: the documents before it stay. Any
    other error rolls back the document it came in, commits those before it and is raised;
    should the commit fail too, those documents are not stored and their results say so
    (:attr:`DocumentResult.status` ``failed``). The search indexes and the agreement counts
    are brought up to date once per transaction, just before it commits.

    In ``bulk`` (many documents into a store that holds none), the indexes of the
    documents' tables are dropped as the first transaction begins and made again just
    before it commits, and that transaction is the only one: an index made once over every
    row is one sort, where one kept up row by row puts each entry in its place among
    hundreds of thousands, and the pages changed are written out once. No reader ever
    sees a table without its indexes: every commit makes them first, and a transaction
    lost takes their drop with it. Another writer waits for the whole of it (up to its
    busy timeout) rather than between commits. When no other connection has the store
    open, that transaction is written with a rollback journal, then the store goes back
    to its write-ahead log (:func:`repertoire.store.migrations.rollback_journal`): its
    pages are written once rather than twice, and a reader opening the store meanwhile
    waits for the commit rather than see it empty.
    Documents are only added then: removing one would scan tables without an index.
    """

    def __init__(self, conn: sqlite3.Connection, bulk: bool = False) -> None:
        self.conn = conn
        self._bulk = bulk
        self._indexes: list[str] = []  # dropped by a bulk transaction, made again at its end
        self._journaled = False  # whether a bulk transaction switched to a rollback journal
        self._filled = 0  # rows of the open transaction in the search indexes
        self._open = False
        self._began = 0.0
        self._rows = 0
        # Results of the documents written in the open transaction, with the id of the copy
        # each replaced: should the transaction be lost, they say so.
        self._pending: list[tuple[DocumentResult, int | None]] = []
        self._written: set[int] = set()  # ids of the documents written in it
        self._search: dict[str, tuple[int, int]] = {}  # ids not yet in the search indexes
        self._pairs: dict[tuple[int, str, str], list[int]] = {}  # agreement counts to add

    @property
    def due(self) -> bool:
        """Whether the open transaction has done enough to be committed now."""
        return (
            self._open
            and not self._indexes
            and (self._rows >= COMMIT_ROWS or time.perf_counter() - self._began >= COMMIT_SECONDS)
        )

    def write(self, prepared: Prepared, path: Path) -> DocumentResult:
        """Write one prepared document, replacing an earlier copy of ``path``."""
        result = self._guarded(lambda: self._write(prepared, path))
        if self._indexes and self._rows - self._filled >= COMMIT_ROWS:
            # A bulk transaction fills the search indexes as a commit would, as it goes:
            # left to its end, they would be work no parser process can share.
            self._flush()
            self._filled = self._rows
        return result

    def same_bytes(self, path: Path, digest: str) -> DocumentResult | None:
        """:func:`write_same_bytes` in the open transaction."""
        return self._guarded(lambda: self._same_bytes(path, digest))

    def commit(self) -> int:
        """Commit the open transaction (if any); the rows it wrote."""
        if not self._open:
            return 0
        try:
            self._flush()
            for sql in self._indexes:
                self.conn.execute(sql)
            self.conn.execute("COMMIT")
        except BaseException as error:
            self._lose(error)
            raise
        rows = self._rows
        self._reset()
        return rows

    def close(self) -> None:
        """Commit what is written: the caller stops (on an error of its own, say), and the
        documents written before stay, as each would in a transaction of its own."""
        with suppress(sqlite3.Error):  # then the results say they are not stored
            self.commit()

    def _begin(self) -> None:
        if not self._open:
            if self._bulk:
                # Outside a transaction, as SQLite wants (see rollback_journal).
                self._journaled = rollback_journal(self.conn)
            # Where packed rows are put to be copied (outside a transaction, as SQLite wants).
            self.conn.execute(f"ATTACH DATABASE ':memory:' AS {INCOMING}")
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except BaseException:
                self.conn.execute(f"DETACH DATABASE {INCOMING}")
                raise
            self._open = True
            self._began = time.perf_counter()
            if self._bulk:
                self._bulk = False  # once: a later transaction keeps its indexes
                self._indexes = drop_indexes(self.conn, tuple(COLUMNS), keep_growing=True)

    def _reset(self) -> None:
        if self._open:
            with suppress(sqlite3.Error):
                self.conn.execute(f"DETACH DATABASE {INCOMING}")
        if self._journaled:
            self._journaled = False
            log_again(self.conn)
        self._open = False
        self._rows = 0
        self._indexes = []  # made again by the commit, or restored by the rollback
        self._filled = 0
        self._pending.clear()
        self._written.clear()
        self._search.clear()
        self._pairs.clear()

    def _lose(self, error: BaseException) -> None:
        """The open transaction rolled back: what it wrote is not stored."""
        if self.conn.in_transaction:  # SQLite may have rolled back already (a full disk, say)
            self.conn.execute("ROLLBACK")
        why = f"not stored: {type(error).__name__}: {error}"
        for result, old in self._pending:
            result.status = "failed"
            result.document_id = old
            result.counts = {}
            result.message = why
        self._reset()

    def _guarded(self, step: Callable[[], R]) -> R:
        """``step`` in a savepoint of the open transaction (begun if need be)."""
        self._begin()
        self.conn.execute("SAVEPOINT document")
        try:
            result = step()
        except BaseException as error:
            refused = isinstance(error, (sqlite3.Error, ValueError, OverflowError))
            if not self.conn.in_transaction:
                self._lose(error)
                raise
            self.conn.execute("ROLLBACK TO document")
            self.conn.execute("RELEASE document")
            if not refused or isinstance(error, sqlite3.OperationalError):
                # The load stops here: what came before this document is kept if it can be
                # (if not, its results say so), and this error is the one raised.
                with suppress(sqlite3.Error):
                    self.commit()
            raise
        self.conn.execute("RELEASE document")
        return result

    def _flush(self) -> None:
        """Fill the search indexes and the agreement counts from what the open transaction wrote."""
        for table, (low, high) in self._search.items():
            self.conn.execute(FTS_FILL[table], (low, high))
        self._search.clear()
        if self._pairs:
            pairs = [(*key, together, alike) for key, (together, alike) in self._pairs.items()]
            add_alignment(self.conn, Rows(tables={}, pairs=sorted(pairs)))
            self._pairs.clear()

    def _remove(self, document_id: int) -> None:
        if document_id in self._written:
            # Its rows are not yet in the search indexes nor in the counts, from which
            # removing them would take what is not there.
            self._flush()
        _remove(self.conn, document_id)

    def _same_bytes(self, path: Path, digest: str) -> DocumentResult | None:
        conn = self.conn
        twin = same_bytes(conn, path, digest)
        if twin is None:
            return None
        old = conn.execute(KNOWN, (document_key(conn, path),)).fetchone()
        return self._twin(path, digest, twin, old)

    def _twin(
        self, path: Path, digest: str, twin: tuple[int, str], old: tuple[int, str, int] | None
    ) -> DocumentResult:
        """A file whose bytes ``twin`` holds: nothing written, an earlier copy removed."""
        if old:
            self._remove(old[0])
        result = stored_result(self.conn, path, digest, twin[0], same_as=twin[1])
        if old:
            result.status = "replaced"
            self._pending.append((result, old[0]))
        return result

    def _write(self, prepared: Prepared, path: Path) -> DocumentResult:
        conn = self.conn
        key = document_key(conn, path)
        digest = prepared.sha256
        rows = prepared.rows
        # Read again under the write lock: another process may have loaded this file meanwhile.
        old = conn.execute(KNOWN, (key,)).fetchone()
        if unchanged(old, digest):
            return stored_result(conn, path, digest, old[0])
        if twin := same_bytes(conn, path, digest):
            return self._twin(path, digest, twin, old)
        if old:
            self._remove(old[0])
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
        # Kept for the commit, now that every row of the document is in.
        for table in FTS_FILL:
            if ids := rows.ids(table):
                shift = offsets.get(table, 0)
                low, high = ids[0] + shift, ids[1] + shift
                if table in self._search:
                    low, high = min(low, self._search[table][0]), max(high, self._search[table][1])
                self._search[table] = (low, high)
        for year, first, second, together, alike in count_pairs(rows).pairs or []:
            pair = self._pairs.setdefault((year, first, second), [0, 0])
            pair[0] += together
            pair[1] += alike
        self._written.add(document_id)
        self._rows += rows.total()
        counts = {
            table: rows.count(table)
            for table in ("sections", "meetings", "decisions", "footnotes", "votes", "findings")
        }
        result = DocumentResult(
            str(path),
            "replaced" if old else "added",
            digest,
            document_id,
            counts,
            prepared.errors,
            prepared.warnings,
            prepared.findings,
        )
        self._pending.append((result, old[0] if old else None))
        return result
