"""The schema's history, frozen: what each migration executed when it was applied.

Each migration that is SQL is a file here, ``NNNN.sql`` for version NNNN, holding the
statements exactly as they ran; a migration that needs Python is a function here named
after its version, self-contained (it calls nothing of today's code, which may change).
Neither is ever edited once released: a later change of schema is a new migration, so an
old database and a new one replay the same history.

Why one file of SQL per migration rather than Python strings: the statements stay
byte-for-byte as SQLite ran them (no quoting, no line-length rule folding them), each
version reads and diffs on its own, and nothing shared with today's schema can creep in.
The files are package data, read with :mod:`importlib.resources`.
"""

from __future__ import annotations

import os
import sqlite3
from importlib import resources
from pathlib import Path


def sql(version: int) -> str:
    """The statements of migration ``version``, as applied."""
    return resources.files(__name__).joinpath(f"{version:04d}.sql").read_text(encoding="utf-8")


def v15_relative_paths(conn: sqlite3.Connection) -> None:
    """Version 15: documents.path and source, and official_files.path, once absolute,
    relative to the database's folder."""
    main = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    if not main:
        return
    folder = os.path.dirname(main)
    for row_id, path, source in conn.execute("SELECT id, path, source FROM documents").fetchall():
        fixed = [
            Path(os.path.relpath(value, folder)).as_posix()
            if value and os.path.isabs(value)
            else value
            for value in (path, source)
        ]
        conn.execute("UPDATE documents SET path = ?, source = ? WHERE id = ?", (*fixed, row_id))
    for row_id, path in conn.execute("SELECT id, path FROM official_files").fetchall():
        if path and os.path.isabs(path):
            relative = Path(os.path.relpath(path, folder)).as_posix()
            conn.execute(
                "UPDATE OR IGNORE official_files SET path = ? WHERE id = ?", (relative, row_id)
            )
