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

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from repertoire.store import queries
from repertoire.store.export import export
from repertoire.store.load import LoadReport, load
from repertoire.store.migrations import (
    StoreError,
    UnreadableFile,
    connect,
    connect_readonly,
    migrate,
    version,
)
from repertoire.store.rows import document_rows
from repertoire.store.schema import LATEST, MIGRATIONS
from repertoire.store.write import DocumentResult, store_document

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
