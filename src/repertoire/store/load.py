"""Loading files into the store: files parsed beside the writer, in processes.

:func:`load` checks every path (a folder stands for the text files under it,
:func:`text_files`), skips files already stored unchanged, has the others parsed
and made into rows (by parser processes when the work and the cores make that
quicker, see :mod:`repertoire.store.processes` and :func:`_prepared`) and writes each all or
nothing, in a savepoint of a transaction that many share (:class:`repertoire.store.write.Writer`),
while a thread copies the write-ahead log back into the database (:class:`Checkpointer`; a
first load in bulk is one transaction, written without the log when it can be).
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from repertoire.bulk import collector_off, plain_bindings
from repertoire.read.pipeline import parse_bytes
from repertoire.read.source import LARGEST_INPUT
from repertoire.store.audited import refresh as refresh_audit
from repertoire.store.council import refresh_alone as refresh_council
from repertoire.store.migrations import BUSY_TIMEOUT_MS, StoreError, UnreadableFile, connect
from repertoire.store.names import refresh_reference
from repertoire.store.processes import PARALLEL_AFTER, IdleCpus, batches, choose, in_order
from repertoire.store.write import (
    KNOWN,
    DocumentResult,
    Prepared,
    Status,
    Writer,
    document_key,
    pack,
    prepare,
    same_bytes,
    stored_result,
    unchanged,
)

Progress = Callable[[int, int, Path], None]

# Files a folder stands for: the converted text, not what else a folder of it may hold.
TEXT_SUFFIXES = (".txt", ".md", ".markdown")


@dataclass(slots=True)
class LoadReport:
    """The outcome of :func:`load`, one entry per path, in the order given."""

    db_path: str
    documents: list[DocumentResult] = field(default_factory=list)
    parse_seconds: float = 0.0
    store_seconds: float = 0.0
    # After the files: the merged record made again, and the audit's findings.
    merge_seconds: float = 0.0
    audit_seconds: float = 0.0
    workers: int = 0  # parser processes beside the writer

    def by_status(self, status: Status) -> list[DocumentResult]:
        return [d for d in self.documents if d.status == status]

    @property
    def changed(self) -> bool:
        return any(d.status in ("added", "replaced") for d in self.documents)

    def summary(self) -> dict[str, int]:
        return {
            status: len(self.by_status(status))
            for status in ("added", "replaced", "unchanged", "rejected", "failed")
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


@contextmanager
def _reading(path: Path) -> Iterator[None]:
    """A file that cannot be read raises :class:`UnreadableFile`, saying why."""
    try:
        yield
    except IsADirectoryError:
        raise UnreadableFile(f"cannot read {path}: it is a directory") from None
    except FileNotFoundError:
        raise UnreadableFile(f"cannot read {path}: no such file") from None
    except OSError as exc:
        raise UnreadableFile(f"cannot read {path}: {exc.strerror or exc}") from None


_ANY_DOCUMENT = "SELECT 1 FROM documents LIMIT 1"

# Pages of write-ahead log past which the writer checkpoints itself while loading.
WRITER_CHECKPOINT_PAGES = 50_000


def text_files(paths: Iterable[str | Path]) -> list[Path]:
    """The files named, and for each folder named the text files under it (by suffix,
    :data:`TEXT_SUFFIXES`), at any depth, sorted, hidden ones and those in hidden folders
    left out. A folder with no text file under it raises :class:`UnreadableFile`."""
    found: list[Path] = []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append(path)
            continue
        inside = [
            item
            for item in sorted(path.rglob("*"))
            if item.suffix.lower() in TEXT_SUFFIXES
            and not any(part.startswith(".") for part in item.relative_to(path).parts)
            and item.is_file()
        ]
        if not inside:
            suffixes = ", ".join(f"*{suffix}" for suffix in TEXT_SUFFIXES)
            raise UnreadableFile(f"no text files ({suffixes}) in the folder {path}")
        found += inside
    return found


def _digest(path: Path) -> str:
    """SHA-256 of a file, read in blocks so that a large file is never held whole for it.

    Only a regular file is read: a device (``/dev/zero``) never ends and a
    pipe would wait for a writer.
    """
    if path.exists() and not path.is_dir() and not path.is_file():
        raise UnreadableFile(
            f"cannot read {path}: not a regular file (a device, a pipe or a socket)"
        )
    digest = hashlib.sha256()
    with _reading(path), path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


class Checkpointer:
    """Copies the write-ahead log back into the database beside the writer, in a thread.

    With ``synchronous=NORMAL`` a commit only appends to the log; the disk is
    waited on (fsync) when the log is copied back, at a checkpoint. SQLite
    lets another connection checkpoint while one writes, and a thread waiting
    on the disk holds no lock Python needs, so the writer goes on writing.
    Best effort: should a checkpoint fail, the writer's own automatic
    checkpoints (past a larger log) still bound the log.
    """

    # Rows written between two checkpoints (a few megabytes of log).
    EVERY = 10_000

    def __init__(self, db_path: str | Path) -> None:
        self._conn = sqlite3.connect(
            db_path,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        self._wake = threading.Event()
        self._closing = False
        self._rows = 0
        self._worker = threading.Thread(target=self._run, name="checkpointer", daemon=True)
        self._worker.start()

    def written(self, rows: int) -> None:
        """Called after each commit with the number of rows it wrote."""
        self._rows += rows
        if self._rows >= self.EVERY:
            self._rows = 0
            self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._closing:
                return
            with suppress(sqlite3.Error):
                self._conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def close(self) -> None:
        self._closing = True
        self._wake.set()
        self._worker.join()
        self._conn.close()


def _read_and_prepare(path: Path) -> Prepared:
    """Run in a parser process when files are parsed in parallel, and in-process otherwise.

    Should the reader fail on a file (it is meant never to), that file comes
    back failed, with the reason, and the others are still loaded.
    """
    with _reading(path), path.open("rb") as handle:
        data = handle.read(LARGEST_INPUT + 1)
    if len(data) > LARGEST_INPUT:
        return Prepared.failed(str(path), len(data), f"larger than {LARGEST_INPUT:,} bytes")
    started = time.perf_counter()
    try:
        prepared = prepare(parse_bytes(data, str(path)), data)
    except Exception as error:
        message = f"the reader failed on it ({type(error).__name__}: {error})"
        prepared = Prepared.failed(str(path), len(data), message)
    prepared.seconds = time.perf_counter() - started
    return prepared


Made = list[Prepared | UnreadableFile]


def _read_and_prepare_batch(paths: list[Path]) -> Made:
    """A batch of files made into rows; a file that cannot be read is kept as its error, for
    its turn, so that the files before it are still written."""
    made: Made = []
    for path in paths:
        try:
            made.append(_read_and_prepare(path))
        except UnreadableFile as error:
            made.append(error)
    return made


def _read_and_pack_batch(paths: list[Path]) -> Made:
    """:func:`_read_and_prepare_batch` in a parser process: the rows packed for the writer
    (:func:`repertoire.store.write.pack`)."""
    return [
        item if isinstance(item, UnreadableFile) else pack(item)
        for item in _read_and_prepare_batch(paths)
    ]


def _batches(paths: list[Path], workers: int) -> list[list[Path]]:
    """Consecutive files in batches (:func:`repertoire.store.processes.batches`)."""
    return batches(paths, [_size(path) for path in paths], workers)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # said at the file's turn, by the reader
        return 0


def _prepared(paths: list[Path], workers: int, stack: ExitStack) -> Iterator[Prepared]:
    """The files made into rows, in the order given; by parser processes when ``workers``
    (handed out by :func:`repertoire.store.processes.in_order`, the writer parsing too)."""
    if len(paths) < PARALLEL_AFTER:
        workers = 0
    work = _batches(paths, workers) if workers else [[path] for path in paths]
    for item in in_order(
        _read_and_pack_batch, work, workers, stack, _lost, own=_read_and_prepare_batch
    ):
        if isinstance(item, UnreadableFile):
            raise item
        yield item


def _lost(path: Path, error: BaseException) -> Prepared:
    """A file whose parser process died, alone: failed, the others loaded."""
    return Prepared.failed(str(path), _size(path), f"the process parsing it stopped ({error})")


def load(
    paths: Iterable[str | Path],
    db_path: str | Path,
    strict: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> LoadReport:
    """Load each file into the database at ``db_path``, each all or nothing.

    Unchanged files (same path, same SHA-256, rows made by this version of
    the loader) are not parsed again, nor are files whose bytes are stored
    already from another path (or come earlier in ``paths``): those are
    "unchanged" too, with ``same_as`` naming the path stored. A file whose rows SQLite
    refuses is rolled back alone (status ``failed``). With ``strict``, a document whose
    findings include errors is not stored (status ``rejected``); otherwise it
    is stored with its findings. A folder stands for the text files under it
    (:func:`text_files`). Every path is checked before the first is
    loaded: one that cannot be read raises :class:`UnreadableFile` and nothing
    is loaded. With enough files, they are parsed and made into rows in
    ``workers`` processes while the calling process writes them, in order
    (default: as many as make it quicker on the CPUs that others leave idle,
    :func:`repertoire.store.processes.workers_for`; 0 parses in the calling process).
    """
    idle = IdleCpus()
    files: Sequence[Path] = text_files(paths)
    report = LoadReport(str(db_path))
    digests = [_digest(path) for path in files]
    # The records and rows of a load hold no cycles (collector_off), and many empty values
    # (plain_bindings).
    with collector_off(), plain_bindings(), ExitStack() as stack:
        conn = connect(db_path)
        stack.callback(conn.close)
        try:
            # The log is copied back beside the writer (see Checkpointer); the writer
            # checkpoints itself only if that falls far behind.
            conn.execute(f"PRAGMA wal_autocheckpoint = {WRITER_CHECKPOINT_PAGES}")
            refresh_reference(conn)
            known_files = {
                path: conn.execute(KNOWN, (document_key(conn, path),)).fetchone() for path in files
            }
            # Bytes stored already from another path, or given twice in this batch, are
            # not parsed: when their turn comes, the stored copy stands for them.
            twice: set[int] = set()
            first: set[str] = set()
            todo = []
            for index, (path, digest) in enumerate(zip(files, digests, strict=True)):
                if unchanged(known_files[path], digest):
                    continue
                if digest in first or same_bytes(conn, path, digest):
                    twice.add(index)
                    continue
                first.add(digest)
                todo.append(path)
            if workers is None:
                # The CPUs idle while this process read and hashed the files are those a
                # parser process could have.
                workers = choose([_size(path) for path in todo], idle)
            report.workers = workers if len(todo) >= PARALLEL_AFTER else 0
            prepared = _prepared(todo, workers, stack)
            # Many files into a store holding none: its indexes made once, at the end.
            bulk = len(todo) >= PARALLEL_AFTER and not conn.execute(_ANY_DOCUMENT).fetchone()
            # A load in bulk is one transaction, without the log when it can be (see
            # Writer): nothing to copy back before it ends, and the thread's connection
            # would keep the log in use.
            checkpointer = None if bulk else Checkpointer(db_path)
            if checkpointer is not None:
                # Closed before the writer's connection, whose closing (the last) empties the log.
                stack.callback(checkpointer.close)
            writer = Writer(conn, bulk=bulk)
            # Should the load stop (a file unreadable at its turn, Ctrl-C), what is written stays.
            stack.callback(writer.close)
            for index, (path, digest) in enumerate(zip(files, digests, strict=True), start=1):
                old = known_files[path]
                if unchanged(old, digest):
                    report.documents.append(stored_result(conn, path, digest, old[0]))
                elif index - 1 in twice and (copy := writer.same_bytes(path, digest)):
                    report.documents.append(copy)
                else:
                    # A copy whose first was not stored (refused under strict) is read itself.
                    item = next(prepared) if index - 1 not in twice else _read_and_prepare(path)
                    report.parse_seconds += item.seconds
                    started = time.perf_counter()
                    if item.failure is not None:
                        report.documents.append(_failed(path, digest, old, item.failure))
                    elif strict and item.errors:
                        report.documents.append(
                            DocumentResult(
                                str(path),
                                "rejected",
                                item.sha256,
                                old[0] if old else None,
                                errors=item.errors,
                                findings=item.findings,
                            )
                        )
                    else:
                        try:
                            report.documents.append(writer.write(item, path))
                        except sqlite3.OperationalError:
                            raise  # the database itself (locked, full, read-only): stop
                        except (sqlite3.Error, ValueError, OverflowError) as error:
                            # Rows this file made that SQLite refuses: it is rolled back alone.
                            message = f"{type(error).__name__}: {error}"
                            report.documents.append(_failed(path, digest, old, message))
                    if writer.due:
                        rows = writer.commit()
                        if checkpointer is not None:
                            checkpointer.written(rows)
                    report.store_seconds += time.perf_counter() - started
                if progress is not None:
                    progress(index, len(files), path)
            started = time.perf_counter()
            writer.commit()
            report.store_seconds += time.perf_counter() - started
            started = time.perf_counter()
            if report.changed:
                # Agreement over every source counts the Repertoire's votes too.
                refresh_council(conn)
            report.merge_seconds = time.perf_counter() - started
            # Audited now rather than at the explorer's first page (nothing to do when the
            # findings kept are for what the store holds).
            refresh_audit(conn)
            report.audit_seconds = time.perf_counter() - started - report.merge_seconds
        except sqlite3.Error as exc:
            stopped = StoreError(f"database error while loading into {db_path}: {exc}")
            stopped.report = report  # what was loaded before it, for the summary
            raise stopped from exc
    return report


def _failed(path: Path, sha256: str, old: tuple[int, str, int] | None, why: str) -> DocumentResult:
    return DocumentResult(str(path), "failed", sha256, old[0] if old else None, message=why)
