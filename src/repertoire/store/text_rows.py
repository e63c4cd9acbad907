"""The rows of the texts of decisions as an import writes them, made where a file is read.

A process reading files beside the writer packs its batch's rows into one SQLite image
(:func:`read_files`): an image crosses between processes without an object per value, and
the writer (:class:`repertoire.store.texts.Writer`) copies its rows in SQL alone
(:data:`COPY_TEXTS`, :data:`COPY_PARAGRAPHS`), each id shifted by a bound number, since
handing each value to SQLite is much of what writing rows costs. Texts read in the
writer's own process go as :class:`Rows`, numbered there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

from repertoire import official
from repertoire.bulk import CAN_PACK, image
from repertoire.official.records import DecisionText, FileRead
from repertoire.read.symbols import key as symbol_key

TEXT_KIND = "akn4un-text"


class Rows(NamedTuple):
    """The rows of one file's texts without their ids (the writer alone knows them): a
    text's row lacks its id and its file's; the paragraphs are columns, their text's place
    in the file first, then each column of the table after ``text_id`` (columns, that the
    writer makes the rows with their ids in one pass of ``zip``, and that cross between
    processes with fewer objects)."""

    texts: list[tuple[Any, ...]]
    paragraphs: tuple[list[Any], ...]


class Packed(NamedTuple):
    """A file's rows in an SQLite image of its batch's (:func:`read_files`): the first and
    last ids of its texts and of their paragraphs there."""

    image: bytes
    place: int  # of the file among those the image holds (its texts' file_id there)
    texts: tuple[int, int]
    paragraphs: tuple[int, int]


@dataclass(slots=True)
class TextsRead(FileRead):
    """A file read in a process, the rows of its texts made there and its records of them
    dropped: an image crosses between processes without an object per value, and the
    writer copies its rows in SQL alone."""

    rows: Rows | Packed | None = None


def read_files(batch: list[tuple[str, str, str | None, str | None]]) -> list[FileRead]:
    """:func:`repertoire.official.read_files`, the texts of the batch's files of texts
    packed into one SQLite image (:class:`TextsRead`): what a process beside the writer
    runs (handing each value to SQLite is much of what writing rows costs)."""
    made = official.read_files(batch)
    texts = [
        (n, rows_of(got.read.texts))
        for n, got in enumerate(made)
        if got.read is not None and got.read.kind == TEXT_KIND
    ]
    image = _pack([rows for _, rows in texts])
    first_text = first_paragraph = 1
    for place, (n, rows) in enumerate(texts):
        got = made[n]
        assert got.read is not None  # a file of texts
        last_text = first_text + len(rows.texts)
        last_paragraph = first_paragraph + len(rows.paragraphs[0])
        sent: Rows | Packed = rows
        if image is not None:
            sent = Packed(
                image, place, (first_text, last_text - 1), (first_paragraph, last_paragraph - 1)
            )
        got.read.texts = []
        made[n] = TextsRead(got.digest, got.size, got.read, got.error, sent)
        first_text, first_paragraph = last_text, last_paragraph
    return made


# Where a packed image is attached while its rows are copied, and its tables.
INCOMING = "texts_incoming"
_TEXT_COLUMNS = (
    "id, file_id, symbol, symbol_key, kind, language, date, record, chapter_vii, unanimous,"
    " votes_for, votes_against, votes_abstaining, title, line, place"
)
_PARAGRAPH_COLUMNS = "id, text_id, ordinal, part, address, parent, text, eid, line"
_IMAGE_TABLES = (
    # Columns with no type, so that each value stays as it was made.
    "CREATE TABLE t (" + _TEXT_COLUMNS.replace("id,", "id INTEGER PRIMARY KEY,", 1) + ")",
    "CREATE TABLE p (" + _PARAGRAPH_COLUMNS.replace("id,", "id INTEGER PRIMARY KEY,", 1) + ")",
)
# The rows of a range of the image's ids, each id shifted by the first bound number.
COPY_TEXTS = (
    f"INSERT INTO main.decision_texts ({_TEXT_COLUMNS}) SELECT id + ?1, file_id + ?2,"
    f" {_TEXT_COLUMNS.split(', ', 2)[2]} FROM {INCOMING}.t WHERE id BETWEEN ?3 AND ?4"
)
COPY_PARAGRAPHS = (
    f"INSERT INTO main.decision_paragraphs ({_PARAGRAPH_COLUMNS}) SELECT id + ?1, text_id + ?2,"
    f" {_PARAGRAPH_COLUMNS.split(', ', 2)[2]} FROM {INCOMING}.p WHERE id BETWEEN ?3 AND ?4"
)


def _pack(files: list[Rows]) -> bytes | None:
    """The rows of ``files`` in one SQLite image, ids from 1 in their order, each text's
    ``file_id`` its file's place (None: SQLite cannot make one here)."""
    if not files or not CAN_PACK:
        return None
    held = Held()
    text = paragraph = 1
    for place, rows in enumerate(files):
        paragraph += numbered(rows, place, text, paragraph, held)
        text += len(rows.texts)
    texts, paragraphs = _IMAGE_TABLES
    return image(
        (
            (texts, "INSERT INTO t VALUES (" + ", ".join("?" * 16) + ")", held.texts),
            (paragraphs, "INSERT INTO p VALUES (" + ", ".join("?" * 9) + ")", held.paragraphs),
        )
    )


def rows_of(texts: Sequence[DecisionText]) -> Rows:
    """The rows of ``texts`` read from one file, without their ids (see :class:`Rows`)."""
    columns: tuple[list[Any], ...] = ([], [], [], [], [], [], [], [])
    place, ordinal, part, address, parent, words, eid, line = columns
    for at, text in enumerate(texts):
        for n, p in enumerate(text.paragraphs):
            place.append(at)
            ordinal.append(n)
            part.append(p.part)
            address.append(p.address)
            parent.append(p.parent)
            words.append(p.text)
            eid.append(p.eid)
            line.append(p.line)
    return Rows([text_row(text) for text in texts], columns)


class Holder(Protocol):
    """What holds rows to write: a writer, or :class:`Held`."""

    texts: list[tuple[Any, ...]]
    paragraphs: list[tuple[Any, ...]]


class Held:
    def __init__(self) -> None:
        self.texts: list[tuple[Any, ...]] = []
        self.paragraphs: list[tuple[Any, ...]] = []


def numbered(rows: Rows, file_id: int, next_text: int, next_paragraph: int, into: Holder) -> int:
    """``rows`` numbered from these ids and added to what ``into`` holds; the paragraphs."""
    into.texts.extend((next_text + place, file_id, *row) for place, row in enumerate(rows.texts))
    places, *columns = rows.paragraphs
    count = len(places)
    into.paragraphs.extend(
        zip(
            range(next_paragraph, next_paragraph + count),
            map(next_text.__add__, places),
            *columns,
            strict=True,
        )
    )
    return count


def text_row(text: DecisionText) -> tuple[Any, ...]:
    vote = text.vote
    return (
        text.symbol,
        symbol_key(text.symbol),
        text.kind,
        text.language,
        text.date,
        text.record,
        int(text.chapter_vii),
        None if text.unanimous is None else int(text.unanimous),
        vote.in_favour if vote else None,
        vote.against if vote else None,
        vote.abstaining if vote else None,
        text.title,
        text.attestation.line,
        text.attestation.where,
    )
