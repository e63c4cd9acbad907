"""Import the Council's official files into the store, beside the Repertoire.

Same guarantees as loading sections: a file whose bytes are already stored writes nothing;
the files are read (by processes beside this one when that is quicker,
:mod:`repertoire.store.processes`) and written as each one's turn comes, in the order
found but the full texts of decisions last, all in one transaction begun with the first
file to write (all the import's rows or none); the merged tables are made again in it as
soon as the files that state facts are written, while the texts are still being read, and
the search index is filled as the texts come (they are written by :mod:`.texts`); a file whose bytes
changed replaces its earlier rows; every row says where it was read (file, line, table
row, place). A file of no known kind is skipped with a message, one that cannot be read
(or that its reader fails on) is reported and the others imported. The readers are in
:mod:`repertoire.official`; here records only become rows.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from repertoire import official
from repertoire.bulk import collector_off, plain_bindings
from repertoire.official.records import FileRead
from repertoire.store.audited import refresh as refresh_audit
from repertoire.store.council import refresh as refresh_council
from repertoire.store.migrations import connect
from repertoire.store.official_rows import write_file
from repertoire.store.processes import (
    BATCH_BYTES,
    PARALLEL_AFTER,
    IdleCpus,
    batches,
    choose,
    in_order,
)
from repertoire.store.schema import OFFICIAL_FTS_FILL, drop_indexes
from repertoire.store.sources import has_official
from repertoire.store.text_rows import TEXT_KIND
from repertoire.store.text_rows import read_files as read_with_rows
from repertoire.store.texts import Pending
from repertoire.store.texts import Writer as TextWriter
from repertoire.store.write import relative_to_database

Progress = Callable[[int, int, Path], None]


@dataclass(slots=True)
class FileResult:
    path: str
    status: str  # imported | replaced | unchanged | skipped | unreadable
    kind: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    errors: int = 0
    warnings: int = 0
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class ImportReport:
    db_path: str
    files: list[FileResult] = field(default_factory=list)
    workers: int = 0  # processes that read files beside the writer
    # Seconds this process spent writing the files' rows (their indexes and search index
    # too), making the merged record again and auditing the store; the rest was reading.
    store_seconds: float = 0.0
    merge_seconds: float = 0.0
    audit_seconds: float = 0.0

    def by_status(self, status: str) -> list[FileResult]:
        return [f for f in self.files if f.status == status]

    @property
    def changed(self) -> bool:
        return any(f.status in ("imported", "replaced") for f in self.files)

    def summary(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for item in self.files:
            out[item.status] = out.get(item.status, 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "db": self.db_path,
            "files": [f.to_dict() for f in self.files],
            "summary": self.summary(),
        }


def import_official(
    paths: Iterable[str | os.PathLike[str]],
    db_path: str | os.PathLike[str],
    kind: str | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportReport:
    """Import files (and the files under folders) into ``db_path``; see the module notes.

    Files are read by ``workers`` processes beside this one, which writes what they read
    in the files' order (default: as many as make it quicker on the CPUs that others leave
    idle, :func:`repertoire.store.processes.workers_for`; 0 reads them all here): the
    store's rows and the report are the same either way.
    """
    if kind is not None and kind not in official.KINDS:
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(official.KINDS)}")
    idle = IdleCpus()
    found = list(official.files(list(paths)))
    report = ImportReport(str(db_path))
    conn = connect(Path(db_path))
    try:
        held = {row[0]: (row[1], row[2]) for row in conn.execute(_HELD)}
        stored = {name: digest for name, (digest, _) in held.items()}
        folder = _folder(conn)
        real = _RealPaths()
        names = [_name(conn, path, folder, real) for path in found]
        # A file held at the size it has now is most likely unchanged: read here, it is
        # only hashed (a process started to hash files costs more than the hashing).
        known = {
            n: official.read_file(str(path), name, held[name][0], kind)
            for n, (path, name) in enumerate(zip(found, names, strict=True))
            if name in held and held[name][1] == _size(path)
        }
        # Written in this order: the texts of decisions last, so that the tables merged from
        # the other files are made while processes still read the texts (see _Writer.settle).
        texts = [_text_like(n, found, known, kind) for n in range(len(found))]
        order = sorted(range(len(found)), key=texts.__getitem__)
        texts_from = next((at for at, n in enumerate(order) if texts[n]), len(order))
        rest = [(found[n], names[n]) for n in order if n not in known]
        work: list[tuple[str, str, str | None, str | None]] = [
            (str(path), name, stored.get(name), kind) for path, name in rest
        ]
        if len(work) < PARALLEL_AFTER:
            workers = 0
        sizes = [_size(path) for path, _ in rest] if workers != 0 else []
        if workers is None:
            # The CPUs idle while this process listed the files are those a reading process
            # could have.
            workers = choose(sizes, idle, PARALLEL_BYTES)
        report.workers = workers
        done: list[FileResult | None] = [None] * len(found)
        # The records, rows and choices of an import hold no cycles (collector_off), and
        # many empty values (plain_bindings).
        with collector_off(), plain_bindings():
            with ExitStack() as stack:
                batched = batches(work, sizes, workers) if workers else [[w] for w in work]
                others = sum(n not in known for n in order[:texts_from])
                lead = _lead(batched, others)
                # Texts read here are not packed: the writer would unpack them again.
                own = official.read_files
                fresh = in_order(read_with_rows, batched, workers, stack, _lost, own, lead)
                writer = _Writer(conn, report, overlap=workers > 0)
                try:
                    for at, n in enumerate(order):
                        if at == texts_from:
                            writer.settle()
                        got = known[n] if n in known else next(fresh)
                        done[n] = _one(writer, found[n], names[n], got, stored)
                        if progress:
                            progress(at + 1, len(found), found[n])
                    writer.finish()
                except BaseException:
                    writer.abort()
                    raise
            report.files = [result for result in done if result is not None]
            # Audited now rather than at the explorer's first page.
            started = time.perf_counter()
            refresh_audit(conn)
            report.audit_seconds = time.perf_counter() - started
    finally:
        conn.close()
    return report


_HELD = "SELECT path, sha256, size FROM official_files"
# Least bytes an import reads in processes. An official file costs less to read per byte
# than a section to parse (lxml and json do much of it) and gives many records to pickle
# back: measured on two idle cores, the four record sources (6.9 MB) import 0.2-0.5 s
# slower with a process beside the writer, the texts of decisions (70 MB) in 0.6 of the time.
PARALLEL_BYTES = 16 << 20
# Bytes of files the processes may read ahead of the writer while it makes the merged
# tables (a second or two of reading).
LEAD_BYTES = 64 << 20


def _lead(batched: list[list[Any]], others: int) -> tuple[int, int] | None:
    """When the processes read further ahead (:func:`in_order`'s ``lead``): from the batch
    that holds the last of the ``others`` files read before the texts, while the merged
    tables are made (None: no texts follow them)."""
    if not others or others >= sum(map(len, batched)):
        return None
    held = 0
    for number, batch in enumerate(batched):
        held += len(batch)
        if held >= others:
            return number, LEAD_BYTES // BATCH_BYTES
    return None


def _text_like(n: int, found: list[Path], known: dict[int, FileRead], kind: str | None) -> bool:
    """Whether the ``n``-th file found is (most likely) a text of a decision: as read when it
    was read here, as forced by ``kind``, else by a look at its first bytes."""
    if n in known:
        read = known[n].read
        return read is not None and read.kind == TEXT_KIND
    return kind == TEXT_KIND if kind is not None else official.looks_like_text(found[n])


def _folder(conn: sqlite3.Connection) -> str | None:
    """The database's folder, asked once per import (see ``relative_to_database``)."""
    main = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    return os.path.dirname(main) if main else None


def _name(conn: sqlite3.Connection, path: Path, folder: str | None, real: _RealPaths) -> str:
    """A file's name as stored: relative to the database's folder, as documents.path (no
    server path for visitors)."""
    absolute = real(path)
    return (
        Path(os.path.relpath(absolute, folder)).as_posix()
        if folder
        else relative_to_database(conn, absolute)
    )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # said at the file's turn, by the reader
        return 0


def _lost(item: tuple[str, str, str | None, str | None], error: BaseException) -> FileRead:
    """A file whose reading process died, alone: what the report says of it."""
    return FileRead(error=f"the process reading it stopped ({error}); nothing of it was read")


class _Writer:
    """Writes each file read as its turn comes, in one transaction begun with the first
    (the store is locked from then until all are written): the search index filled as the
    texts come (:class:`repertoire.store.texts.Writer`), once for the other files, and
    the merged tables made again in it."""

    def __init__(self, conn: sqlite3.Connection, report: ImportReport, overlap: bool) -> None:
        self.conn = conn
        self.report = report  # its seconds
        self.begun = False
        self.indexes: list[str] = []  # dropped for the import, made again at its end
        self.written: list[int] = []  # files of other kinds than texts
        self.settled = 0  # of those, the files the merged tables were last made from
        self.texts = TextWriter(conn, overlap)

    def add(self, result: FileResult, pending: Pending) -> None:
        started = time.perf_counter()
        self._add(result, pending)
        self.report.store_seconds += time.perf_counter() - started

    def _add(self, result: FileResult, pending: Pending) -> None:
        if not self.begun:
            # The connection is in autocommit mode: the import's rows are one explicit
            # transaction.
            self.conn.execute("BEGIN IMMEDIATE")
            self.begun = True
            if not has_official(self.conn):
                # A store holding no official rows: their other indexes are made once all
                # are in. Readers see the store as it was until the commit, indexes and all.
                self.indexes = drop_indexes(self.conn, _OFFICIAL_TABLES, keep_growing=True)
        if pending.read.kind == TEXT_KIND:
            result.counts = self.texts.add(pending, replaces=result.status == "replaced")
        else:
            self.texts.pause()
            file_id, result.counts = write_file(self.conn, pending)
            self.written.append(file_id)

    def settle(self) -> None:
        """Make the indexes dropped for the import, index the files written since last
        settled and make the merged tables from them: called before the texts of decisions
        are written, which state no meeting, decision or vote of their own (the processes
        read the texts meanwhile)."""
        if not self.begun:
            return
        started = time.perf_counter()
        fresh = self._index()
        merging = time.perf_counter()
        self.report.store_seconds += merging - started
        if fresh and has_official(self.conn):
            refresh_council(self.conn)
            self.report.merge_seconds += time.perf_counter() - merging

    def _index(self) -> bool:
        """Make the dropped indexes and fill the search index with the files written since
        last settled; whether there were any."""
        for sql in self.indexes:
            self.conn.execute(sql)
        self.indexes = []
        if self.settled == len(self.written):
            return False
        for fill in OFFICIAL_FTS_FILL.values():
            self.conn.execute(fill, (json.dumps(self.written[self.settled :]),))
        self.settled = len(self.written)
        return True

    def finish(self) -> None:
        if not self.begun:
            return
        started = time.perf_counter()
        self.texts.close()
        self.report.store_seconds += time.perf_counter() - started
        self.settle()
        started = time.perf_counter()
        self.conn.execute("COMMIT")
        self.report.store_seconds += time.perf_counter() - started
        self.begun = False

    def abort(self) -> None:
        if self.begun:
            self.begun = False
            self.indexes = []  # dropped in the transaction rolled back
            self.conn.execute("ROLLBACK")


# The tables of the official files' rows (their search indexes are filled apart).
_OFFICIAL_TABLES = (
    "official_meetings",
    "official_decisions",
    "official_votes",
    "official_vetoes",
    "official_findings",
)


def _one(
    writer: _Writer, path: Path, name: str, got: FileRead, stored: dict[str, str]
) -> FileResult:
    """What became of one file read; a file to store is written."""
    shown = str(path)  # as the user named it, in the report
    if not got.digest:
        return FileResult(shown, "unreadable", message=got.error)
    if stored.get(name) == got.digest:
        return FileResult(shown, "unchanged")
    read = got.read
    if read is None:
        # The reader failed on it, or (read as held) it changed while it was imported.
        why = got.error or "it changed while it was imported: import it again"
        return FileResult(shown, "unreadable", message=why)
    if read.kind is None:
        # Every reason the reader gives, in order: the last may be the one that skipped it
        # (a text recovered from broken XML, then found to be in another language).
        return FileResult(shown, "skipped", message="; ".join(f.message for f in read.findings))
    status = "replaced" if name in stored else "imported"
    result = FileResult(
        shown,
        status,
        read.kind,
        errors=sum(1 for f in read.findings if f.severity == "error"),
        warnings=sum(1 for f in read.findings if f.severity == "warning"),
    )
    writer.add(result, Pending.of(name, got, read))
    stored[name] = got.digest
    return result


class _RealPaths:
    """A file's absolute path with links resolved, as ``Path.resolve`` gives it, with each
    folder resolved once (thousands of files share a few folders; each resolution would
    ask the system about every folder above the file)."""

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path: Path) -> str:
        absolute = os.path.abspath(path)
        if ".." in path.parts or os.path.islink(absolute):
            return str(path.resolve())
        parent, base = os.path.split(absolute)
        folder = self.folders.get(parent)
        if folder is None:
            folder = self.folders[parent] = os.path.realpath(parent)
        return os.path.join(folder, base)
