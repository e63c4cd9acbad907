"""A store's schema as text, and a database made from such a text.

The dump lists every object of ``sqlite_master`` (type, name, table, SQL) in an order
that runs (tables, then indexes, views and triggers, each by name); objects SQLite makes
itself (a table's automatic indexes, a full-text index's own tables) stand as comments,
by name.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

DATA = Path(__file__).parent / "data"
_ORDER = "CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END"


def master(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    """The rows of ``sqlite_master`` that make the schema, in the dump's order."""
    return conn.execute(
        f"SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY {_ORDER}, name"
    ).fetchall()


def _made_by_sqlite(conn: sqlite3.Connection) -> set[str]:
    """Tables a full-text index makes for itself when it is created."""
    virtual = [
        name
        for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
        )
    ]
    return {
        f"{name}_{part}"
        for name in virtual
        for part in ("data", "idx", "content", "docsize", "config")
    }


def dump(conn: sqlite3.Connection) -> str:
    shadow = _made_by_sqlite(conn)
    lines: list[str] = []
    for kind, name, table, sql in master(conn):
        lines.append(f"-- {kind} {name} on {table}")
        if sql is None or name in shadow:
            # Their text is SQLite's own, which may differ between its versions.
            lines.append("--   made by SQLite")
        else:
            lines.append(f"{sql};")
    return "\n".join(lines) + "\n"


def build(conn: sqlite3.Connection, text: str, version: int, description: str) -> None:
    """Make the schema of a dump in an empty database, recorded as ``version``."""
    conn.executescript(text)
    conn.execute(
        "INSERT INTO schema_version (version, description, applied_at) "
        "VALUES (?, ?, '2024-01-01T00:00:00+00:00')",
        (version, description),
    )
