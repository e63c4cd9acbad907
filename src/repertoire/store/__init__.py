"""The store: parsed Repertoire sections in a SQLite database, and questions asked of it.

from repertoire.store import load, open_db, queries
report = load(["mali-2023.txt"], "repertoire.db")
with open_db("repertoire.db") as conn:
    rows = queries.votes(conn, member="Russia", vetoes=True)

One module a job: ``schema``, ``versions`` and ``migrations`` (the tables), ``columns`` (the
row layout), ``rows`` (records to rows) and ``records`` (rows to records),
``write`` (one document in one transaction), ``load`` (files parsed beside the
writer), ``alignment`` (derived agreement counts), ``names`` (reference names
and membership), ``queries`` and ``export``; for the official record,
``official`` (importing its files), ``sources`` (the sources a store holds),
``council`` (one row per fact over every source), ``across`` (meetings, decisions and
member votes as relations the questions of ``queries`` read, whatever holds them) and
``audit`` (each source's statements, for the audit).
"""

from __future__ import annotations

import importlib
import sqlite3
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from repertoire.store.migrations import (
    StoreError,
    UnreadableFile,
    connect,
    connect_readonly,
    migrate,
    version,
)
from repertoire.store.schema import LATEST, MIGRATIONS

if TYPE_CHECKING:
    from repertoire.store import queries
    from repertoire.store.export import export
    from repertoire.store.load import LoadReport, load
    from repertoire.store.rows import document_rows
    from repertoire.store.write import DocumentResult, store_document

# The rest is imported when first asked for: a command imports only what it uses (`check
# --db` opens a store and reads texts, and needs neither the questions nor the loader).
_LATER: dict[str, tuple[str, str | None]] = {
    "queries": ("repertoire.store.queries", None),
    "export": ("repertoire.store.export", "export"),
    "load": ("repertoire.store.load", "load"),
    "LoadReport": ("repertoire.store.load", "LoadReport"),
    "document_rows": ("repertoire.store.rows", "document_rows"),
    "DocumentResult": ("repertoire.store.write", "DocumentResult"),
    "store_document": ("repertoire.store.write", "store_document"),
}


def __getattr__(name: str) -> Any:
    if name not in _LATER:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module, attribute = _LATER[name]
    value = importlib.import_module(module)
    if attribute is not None:
        value = getattr(value, attribute)
    setattr(sys.modules[__name__], name, value)
    return value


class _Package(types.ModuleType):
    """The package, whose functions ``load`` and ``export`` share their names with modules:
    importing a module sets the package's attribute of its name to it, which would hide
    the function once the module is imported by name."""

    def __setattr__(self, name: str, value: object) -> None:
        if isinstance(value, types.ModuleType) and _LATER.get(name, ("", None))[1]:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

DEFAULT_DB = "repertoire.db"


@contextmanager
def open_db(db_path: str | Path = DEFAULT_DB) -> Iterator[sqlite3.Connection]:
    """An existing database, opened read-only for queries (nothing is written); closed on exit."""
    conn = connect_readonly(db_path)
    try:
        yield conn
    finally:
        conn.close()


__all__ = [
    "DEFAULT_DB",
    "LATEST",
    "MIGRATIONS",
    "DocumentResult",
    "LoadReport",
    "StoreError",
    "UnreadableFile",
    "connect",
    "connect_readonly",
    "document_rows",
    "export",
    "load",
    "migrate",
    "open_db",
    "queries",
    "store_document",
    "version",
]
