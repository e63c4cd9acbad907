"""Work in bulk: reading many files, making their rows and writing them.

One home for what every such step shares: the pause of Python's cycle collector, and the
SQLite image in which a reading process hands rows to the writer.
"""

from __future__ import annotations

import gc
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Final

# Whether this SQLite can make a database image (built without it, it cannot: rows then go
# as they are).
CAN_PACK = hasattr(sqlite3.Connection, "serialize")


@contextmanager
def collector_off() -> Iterator[None]:
    """Python's cycle collector paused, then left as it was found.

    Records read, rows made of them, lxml's elements walked and the choices of the rules
    are hundreds of thousands of small objects with no cycle among them (none is found
    after a load or an import), which the collector would otherwise walk again and again
    for nothing: about 5% of a load's processor time.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _null(value: object) -> None:
    """NULL for ``value`` (None): see :func:`plain_bindings`."""
    return None


# How the sqlite3 module keys its adapters for None and for bool.
_NONE_KEY: Final = (type(None), sqlite3.PrepareProtocol)
_BOOL_KEY: Final = (bool, sqlite3.PrepareProtocol)


@contextmanager
def plain_bindings() -> Iterator[None]:
    """None and bool bound through adapters of their own while the block runs.

    With none registered, the sqlite3 module (before Python 3.12) looks for one on every
    None or bool it binds, by attribute lookups that fail and make an exception each time:
    about 3,300 instructions a value, a fifth of packing a row with many empty columns and
    a twentieth of making the merged tables. The adapters bind what SQLite would store
    anyway (NULL; 1 or 0). One a caller registered itself is left alone, and nothing is
    registered beyond the block.
    """
    added: list[tuple[type[Any], type[Any]]] = []
    if _NONE_KEY not in sqlite3.adapters:
        sqlite3.register_adapter(type(None), _null)
        added.append(_NONE_KEY)
    if _BOOL_KEY not in sqlite3.adapters:
        sqlite3.register_adapter(bool, int)
        added.append(_BOOL_KEY)
    try:
        yield
    finally:
        for key in added:
            sqlite3.adapters.pop(key, None)


def image(tables: Iterable[tuple[str, str, Sequence[Sequence[Any]]]]) -> bytes | None:
    """An SQLite database image of ``tables``, each its CREATE statement, its INSERT statement
    and its rows (None: SQLite refuses a value, and the rows go as they are).

    Handing each value to SQLite is most of what writing rows costs: a reading process that
    packs its rows does it beside the writer, which copies the image's tables in SQL alone,
    and an image crosses between processes far more cheaply than the rows pickled. Only
    where :data:`CAN_PACK`. Every table is made before any row goes in, so that each has
    the same place (root page) in every image of its layout, which carries the version of
    its layout (see :func:`put`).
    """
    layout = list(tables)
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.execute("BEGIN")
        # Set first, each table made adding one: set last, SQLite would read the schema again.
        conn.execute(f"PRAGMA schema_version = {_version([create for create, _, _ in layout])}")
        for create, _insert, _rows in layout:
            conn.execute(create)
        with plain_bindings():
            for _create, insert, rows in layout:
                if rows:
                    conn.executemany(insert, rows)
        conn.execute("COMMIT")
        return conn.serialize()
    except (sqlite3.Error, ValueError, OverflowError):
        return None
    finally:
        conn.close()


def _version(creates: Sequence[str]) -> int:
    """The schema version of an image whose tables ``creates`` made, in that order: the same
    for every image of that layout, and (the statements hashed) all but surely another for
    another layout; above the small numbers of a database whose schema was made as usual."""
    return (1 << 30) | (zlib.crc32("\n".join(creates).encode()) >> 2)


def put(conn: sqlite3.Connection, schema: str, data: bytes) -> None:
    """``data`` (an :func:`image`) as the database of the attached ``schema``, in place of
    the one before it.

    SQLite runs a statement it prepared on the image before (the sqlite3 module keeps
    prepared statements by their text) unchanged when this one carries the same schema
    version: an image of the same layout, whose tables are where that statement reads them,
    so that copying the rows of many images prepares each copy once. An image of another
    layout carries another version, and SQLite prepares the statement again.
    """
    conn.deserialize(data, name=schema)
