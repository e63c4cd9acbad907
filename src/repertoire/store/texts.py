"""The full texts of decisions in the store: written by the importer, read back by symbol.

The texts of an import are written in its one transaction as the files are read
(:class:`Writer`), rows gathered by the thousand into one statement per table, and the
search index filled for thousands of paragraphs at once (FTS5 writes what it holds at each
statement, so one statement per paragraph would take many times as long). A process that
reads files beside the writer packs its batch's rows into one SQLite image
(:mod:`.text_rows`), which the writer copies in SQL, the ids shifted by bound numbers.

Paragraphs are asked for as the Repertoire cites them, in the words of a pinpoint
(:func:`repertoire.read.pinpoints.read`): ``"2"``, ``"para. 6 (b)"``, ``"paras. 3-5"``,
``"third preambular paragraph"``, ``"annex, para. 2"``, ``"first paragraph"`` (of a
statement by the President).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from repertoire.bulk import put
from repertoire.official.records import DecisionText, FileRead, OfficialFile
from repertoire.read import pinpoints, symbols
from repertoire.read.symbols import key as symbol_key
from repertoire.store.text_rows import (
    COPY_PARAGRAPHS,
    COPY_TEXTS,
    INCOMING,
    Held,
    Packed,
    Rows,
    TextsRead,
    numbered,
    rows_of,
)

AUTOMERGE = (
    "INSERT INTO decision_paragraphs_fts(decision_paragraphs_fts, rank) VALUES ('automerge', ?)"
)
FTS_FILL = (
    "INSERT INTO decision_paragraphs_fts(rowid, text) "
    "SELECT id, text FROM decision_paragraphs WHERE id >= ?"
)
# Paragraphs written before the search index is filled for them, and before their rows are
# written: a fill of fewer takes longer in all (FTS5 writes what it holds at each
# statement); rows held longer take memory.
FILL_AFTER = 4096
# The same for a store that held no paragraphs before: FTS5 reads the table itself, in a
# tenth less time.
FTS_REBUILD = "INSERT INTO decision_paragraphs_fts(decision_paragraphs_fts) VALUES ('rebuild')"
ROWS_AFTER = 1024


@dataclass(slots=True)
class Pending:
    """A file of texts read and waiting to be written (``rows``: made where it was read)."""

    name: str
    digest: str
    size: int
    read: OfficialFile
    imported_at: str
    rows: Rows | Packed | None = None

    @classmethod
    def of(cls, name: str, got: FileRead, read: OfficialFile) -> Pending:
        """``got`` (whose record is ``read``) to be written as ``name``, imported now."""
        rows = got.rows if isinstance(got, TextsRead) else None
        return cls(name, got.digest, got.size, read, datetime.now(UTC).isoformat(), rows)


class Writer:
    """Writes the files of texts of one import, each as its turn comes, in the open
    transaction: rows gathered and written a table at a time, the search index filled for
    thousands of paragraphs at a time (see :data:`FILL_AFTER`), merging its segments left
    until the last fill (merging as it grows would take longer than the fill itself).

    Ids run on from the rows already stored, in the order the files are given, whatever
    the batches: a file that replaces an earlier copy, or another writer's rows between
    (:meth:`pause`), makes the ids be asked again.
    """

    def __init__(self, conn: sqlite3.Connection, overlap: bool = True) -> None:
        """``overlap``: the files are read elsewhere while these rows are written, so the
        index is filled as they come; otherwise once, at the end (nothing to overlap)."""
        self.conn = conn
        self.fill_after = FILL_AFTER if overlap else None
        self.started = False
        self.stale = True  # the next ids must be asked of the store
        self.next_file = self.next_text = self.next_paragraph = self.unfilled = 0
        self.files: list[tuple[Any, ...]] = []
        self.findings: list[tuple[Any, ...]] = []
        self.texts: list[tuple[Any, ...]] = []
        self.paragraphs: list[tuple[Any, ...]] = []
        # Ranges of packed images to copy: image, the shifts of ids, texts and paragraphs.
        self.copies: list[list[Any]] = []
        self.held = 0  # paragraphs held, as rows or in images
        self.attached: bytes | None = None  # the image attached (None: no schema yet)

    def add(self, item: Pending, replaces: bool = False) -> dict[str, int]:
        """Write ``item`` (``replaces``: the rows of an earlier copy of its path first); its
        counts."""
        if not self.started:
            self.started = True
            self.conn.execute(AUTOMERGE, (0,))
        if replaces:
            self.pause()
            self.conn.execute("DELETE FROM official_files WHERE path = ?", (item.name,))
        if self.stale:
            self.stale = False
            self.next_file = _next(self.conn, "official_files")
            self.next_text = _next(self.conn, "decision_texts")
            self.next_paragraph = self.unfilled = _next(self.conn, "decision_paragraphs")
        file_id = self.next_file
        self.next_file += 1
        read = item.read
        self.files.append((file_id, item.name, read.kind, item.digest, item.size, item.imported_at))
        self.findings.extend(
            (file_id, f.code, f.severity, f.message, f.subject, f.line, f.column)
            for f in read.findings
        )
        rows = item.rows if item.rows is not None else rows_of(read.texts)
        if isinstance(rows, Packed):
            count, written = self._copy(rows, file_id)
        else:
            count = len(rows.texts)
            written = numbered(rows, file_id, self.next_text, self.next_paragraph, self)
        self.next_text += count
        self.next_paragraph += written
        self.held += written
        if self.held >= ROWS_AFTER:
            self._flush()
        return {"texts": count, "paragraphs": written, "findings": len(read.findings)}

    def _copy(self, packed: Packed, file_id: int) -> tuple[int, int]:
        """A packed file's rows held to be copied (with the file before it, when they
        follow on in the same image); its texts and paragraphs."""
        (text, last_text), (paragraph, last_paragraph) = packed.texts, packed.paragraphs
        shifts = (self.next_text - text, file_id - packed.place, self.next_paragraph - paragraph)
        last = self.copies[-1] if self.copies else None
        if (
            last is not None
            and last[0] is packed.image
            and last[1] == shifts
            and last[3] == text - 1
            and last[5] == paragraph - 1
        ):
            last[3], last[5] = last_text, last_paragraph
        else:
            self.copies.append([packed.image, shifts, text, last_text, paragraph, last_paragraph])
        return last_text - text + 1, last_paragraph - paragraph + 1

    def _flush(self) -> None:
        if self.files:
            self.conn.executemany(
                "INSERT INTO official_files (id, path, kind, sha256, size, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                self.files,
            )
            self.conn.executemany(
                "INSERT INTO official_findings (file_id, code, severity, message, subject,"
                " line, col) VALUES (?, ?, ?, ?, ?, ?, ?)",
                self.findings,
            )
            _insert(self.conn, self.texts, self.paragraphs)
            for image, shifts, *ranges in self.copies:
                self._copied(image, shifts, ranges)
            self.files, self.findings, self.texts, self.paragraphs = [], [], [], []
            self.copies, self.held = [], 0
        if self.fill_after is not None and self.next_paragraph - self.unfilled >= self.fill_after:
            self._fill()

    def _copied(self, image: bytes, shifts: tuple[int, int, int], ranges: list[int]) -> None:
        if self.attached is None:
            # Allowed in the open transaction, for a database in memory; left attached
            # until the connection closes (a schema cannot be detached in a transaction).
            self.conn.execute(f"ATTACH DATABASE ':memory:' AS {INCOMING}")
        if self.attached is not image:
            put(self.conn, INCOMING, image)
            self.attached = image
        text, files, paragraph = shifts
        self.conn.execute(COPY_TEXTS, (text, files, ranges[0], ranges[1]))
        self.conn.execute(COPY_PARAGRAPHS, (paragraph, text, ranges[2], ranges[3]))

    def _fill(self) -> None:
        if self.unfilled < self.next_paragraph:
            # Every paragraph of the table is one to index when the first is.
            if self.unfilled == 1:
                self.conn.execute(FTS_REBUILD)
            else:
                self.conn.execute(FTS_FILL, (self.unfilled,))
            self.unfilled = self.next_paragraph

    def pause(self) -> None:
        """Every row held written, and indexed, before other rows are written."""
        self._flush()
        self._fill()
        self.stale = True

    def close(self) -> None:
        """The last rows written and indexed; the index merges its segments again."""
        if self.started:
            self.pause()
            self.conn.execute(AUTOMERGE, (4,))  # FTS5's default


def insert(conn: sqlite3.Connection, file_id: int, texts: Sequence[DecisionText]) -> int:
    """Write the texts read from one file already stored as ``file_id`` (a draft's, say)."""
    if not texts:
        return 0
    first = _next(conn, "decision_paragraphs")
    held = Held()
    written = numbered(rows_of(texts), file_id, _next(conn, "decision_texts"), first, held)
    _insert(conn, held.texts, held.paragraphs)
    conn.execute(FTS_FILL, (first,))
    return written


def _insert(
    conn: sqlite3.Connection, texts: list[tuple[Any, ...]], paragraphs: list[tuple[Any, ...]]
) -> None:
    conn.executemany(
        "INSERT INTO decision_texts (id, file_id, symbol, symbol_key, kind, language, date,"
        " record, chapter_vii, unanimous, votes_for, votes_against, votes_abstaining, title,"
        " line, place) VALUES (" + ", ".join("?" * 16) + ")",
        texts,
    )
    conn.executemany(
        "INSERT INTO decision_paragraphs (id, text_id, ordinal, part, address, parent, text,"
        " eid, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        paragraphs,
    )


def _next(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0])


# --- reading back --------------------------------------------------------------------


@dataclass(slots=True)
class StoredParagraph:
    id: int
    part: str
    address: str | None
    parent: str | None
    text: str
    eid: str | None
    line: int


@dataclass(slots=True)
class StoredText:
    """A decision's text as stored: what :mod:`repertoire.official.texts` read, and where."""

    id: int
    symbol: str
    kind: str
    date: str | None
    record: str | None
    chapter_vii: bool
    unanimous: bool | None
    path: str
    paragraphs: list[StoredParagraph] = field(default_factory=list)
    others: int = 0  # further files holding a text of the same symbol

    def by_address(self) -> dict[str, StoredParagraph]:
        return {p.address: p for p in self.paragraphs if p.address}

    def numbered(self, part: str) -> list[StoredParagraph]:
        return [p for p in self.paragraphs if p.part == part and p.address and not p.parent]


def has_texts(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("SELECT 1 FROM decision_texts LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:
        return False  # a store made before the texts had tables


def text_of(conn: sqlite3.Connection, symbol: str) -> StoredText | None:
    """The stored text of the decision ``symbol`` (the first imported, when two files hold it)."""
    rows = conn.execute(
        "SELECT t.id, t.symbol, t.kind, t.date, t.record, t.chapter_vii, t.unanimous, f.path"
        " FROM decision_texts AS t JOIN official_files AS f ON f.id = t.file_id"
        " WHERE t.symbol_key = ? ORDER BY t.id",
        (symbol_key(symbols.typed(symbol)),),
    ).fetchall()
    if not rows:
        return None
    first = rows[0]
    text = StoredText(
        first[0],
        first[1],
        first[2],
        first[3],
        first[4],
        bool(first[5]),
        None if first[6] is None else bool(first[6]),
        first[7],
        others=len(rows) - 1,
    )
    text.paragraphs = [
        StoredParagraph(*row)
        for row in conn.execute(
            "SELECT id, part, address, parent, text, eid, line FROM decision_paragraphs"
            " WHERE text_id = ? ORDER BY ordinal",
            (text.id,),
        )
    ]
    return text


def resolve(
    text: StoredText, pinpoint: str, wanted: list[pinpoints.Reference] | None = None
) -> tuple[list[StoredParagraph], list[str]] | None:
    """The paragraphs a pinpoint names, and the addresses it names that the text lacks.

    ``None`` when the pinpoint names no paragraph (a section, a page, a chapter).
    ``wanted``: the pinpoint already read, by a caller that reads each pinpoint once.
    """
    if wanted is None:
        wanted = pinpoints.read(pinpoint)
    if wanted is None:
        return None
    addresses = text.by_address()
    found: list[StoredParagraph] = []
    missing: list[str] = []
    for reference in wanted:
        address = reference.address(text.kind)
        paragraph = addresses.get(address)
        if paragraph is None:
            missing.append(reference.label(text.kind))
        elif paragraph not in found:
            found.append(paragraph)
    return found, missing


def cite(conn: sqlite3.Connection, symbol: str, para: str | None = None) -> list[dict[str, Any]]:
    """The paragraphs of ``symbol`` that ``para`` names (every paragraph without it).

    Raises ``LookupError`` when the text is not held or a paragraph does not exist, and
    ``ValueError`` when ``para`` names no paragraph.
    """
    text = text_of(conn, symbol)
    if text is None:
        raise LookupError(f"no text of {symbols.typed(symbol)} is stored: import it first")
    if para is None:
        chosen = text.paragraphs
    else:
        resolved = resolve(text, para if _has_words(para) else f"para. {para}")
        if resolved is None:
            raise ValueError(f"{para!r} names no paragraph (try 2, '6 (b)', 'preamble 3')")
        chosen, missing = resolved
        if missing:
            raise LookupError(f"{text.symbol} has no {', '.join(missing)}")
    return [
        {
            "symbol": text.symbol,
            "paragraph": pinpoints.label_of(p.part, p.address, text.kind),
            "part": p.part,
            "text": p.text,
            "file": text.path,
            "line": p.line,
            "eid": p.eid,
        }
        for p in chosen
    ]


def _has_words(para: str) -> bool:
    """Whether ``para`` is a pinpoint in words ("para. 2") rather than a bare "2" or "6 (b)"."""
    return any(c.isalpha() for c in para.replace("(", " ").split()[0]) if para.split() else False


def search(
    conn: sqlite3.Connection, query: str, limit: int | None, marks: tuple[str, str, int]
) -> list[dict[str, Any]]:
    """Paragraphs of decisions' texts matching the FTS5 ``query``, best first.

    ``marks`` are the snippet's opening and closing marks and its length in words.
    """
    # Imported here: searching belongs with the merged record, judging a section does not.
    from repertoire.store.merged import document

    if not has_texts(conn):
        return []
    opening, closing, words = marks
    rows = conn.execute(
        "SELECT p.part, p.address, t.symbol, t.kind, f.path, p.line,"
        " round(bm25(decision_paragraphs_fts), 3) AS rank,"
        " snippet(decision_paragraphs_fts, 0, ?, ?, '…', ?)"
        " FROM decision_paragraphs_fts"
        " JOIN decision_paragraphs AS p ON p.id = decision_paragraphs_fts.rowid"
        " JOIN decision_texts AS t ON t.id = p.text_id"
        " JOIN official_files AS f ON f.id = t.file_id"
        " WHERE decision_paragraphs_fts MATCH ? ORDER BY rank" + (" LIMIT ?" if limit else ""),
        (opening, closing, words, query, *((limit,) if limit else ())),
    ).fetchall()
    return [
        {
            "kind": "text",
            "number": f"{symbol}, {pinpoints.label_of(part, address, kind)}",
            "section": None,
            "item": symbol,
            "document": document(path),
            "line": line,
            "rank": rank,
            "snippet": snippet,
            "source": "akn4un-text",
        }
        for part, address, symbol, kind, path, line, rank, snippet in rows
    ]
