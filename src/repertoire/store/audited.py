"""The audit's findings kept in the store, so that a page showing them never audits.

After each load or import, :func:`refresh` runs the audit
(:func:`repertoire.official.audit.audit`) and stores what it finds in ``audit_findings``,
with what they were worked out from in ``audit_state``. :func:`findings` gives them back
while the store still holds what they were worked out from, and audits afresh otherwise
(a store loaded by an older program, or one whose load stopped before its audit).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from functools import cache
from importlib import metadata

from repertoire.official.records import AuditFinding, Source


@cache
def _program() -> str:
    # Another version of the program may find other things in the same files.
    try:
        return metadata.version("repertoire")
    except metadata.PackageNotFoundError:
        return "unknown"


def made_from(conn: sqlite3.Connection) -> str:
    """What changes whenever a load or an import changes the store (a replaced file gets a
    new id), and with the program's version."""
    loaded = conn.execute(
        "SELECT count(*), coalesce(max(id), 0), coalesce(max(loaded_at), '') FROM documents"
    ).fetchone()
    imported = conn.execute(
        "SELECT count(*), coalesce(max(id), 0), coalesce(max(imported_at), '') FROM official_files"
    ).fetchone()
    return json.dumps([_program(), *loaded, *imported])


def state(conn: sqlite3.Connection) -> tuple[str, int]:
    """What the store holds now, and how many times its findings were worked out: a key for
    anything derived from the store, which changes with every load or import that changes
    it, and again once the load's derived tables (merged sources, findings) are made."""
    row = conn.execute("SELECT generation FROM audit_state WHERE id = 1").fetchone()
    return made_from(conn), row[0] if row else 0


def refresh(conn: sqlite3.Connection) -> bool:
    """Audit the store and keep the findings, unless they are kept already for what it holds
    now; in a transaction of its own. True when they were worked out again."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        now = made_from(conn)
        row = conn.execute("SELECT made_from, generation FROM audit_state WHERE id = 1").fetchone()
        if row is not None and row[0] == now:
            conn.execute("ROLLBACK")
            return False
        found = _audit(conn)
        conn.execute("DELETE FROM audit_findings")
        conn.executemany(
            "INSERT INTO audit_findings (severity, code, message, subject, sources)"
            " VALUES (?, ?, ?, ?, ?)",
            [(f.severity, f.code, f.message, f.subject, _sources_json(f.sources)) for f in found],
        )
        conn.execute(
            "INSERT INTO audit_state (id, made_from, generation, made_at) VALUES (1, ?, 1, ?)"
            " ON CONFLICT (id) DO UPDATE SET made_from = excluded.made_from,"
            " generation = generation + 1, made_at = excluded.made_at",
            (now, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True


def stored(conn: sqlite3.Connection) -> list[AuditFinding] | None:
    """The findings kept for what the store holds now, in the audit's order; None when none
    are kept for it."""
    row = conn.execute("SELECT made_from FROM audit_state WHERE id = 1").fetchone()
    if row is None or row[0] != made_from(conn):
        return None
    return [
        AuditFinding(severity, code, message, subject, [Source(**s) for s in json.loads(raw)])
        for severity, code, message, subject, raw in conn.execute(
            "SELECT severity, code, message, subject, sources FROM audit_findings ORDER BY id"
        )
    ]


def findings(conn: sqlite3.Connection) -> list[AuditFinding]:
    """The audit's findings: those kept when they are for what the store holds, else afresh."""
    kept = stored(conn)
    return _audit(conn) if kept is None else kept


def _sources_json(sources: list[Source]) -> str:
    return json.dumps(
        [
            {
                "source": s.source,
                "path": s.path,
                "line": s.line,
                "value": s.value,
                "column": s.column,
            }
            for s in sources
        ],
        ensure_ascii=False,
        default=str,
    )


def _audit(conn: sqlite3.Connection) -> list[AuditFinding]:
    # Imported on use: the audit sits above the store (it reads the store through
    # store.audit), and the store package imports this module as it starts.
    from repertoire.official.audit import audit

    return audit(conn)
