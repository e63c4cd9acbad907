"""The sources a store holds: the Repertoire, and each kind of official file.

Several sources state many of the same facts; where they give different values for one,
the first source in :data:`SOURCES` that gives a value is the one shown (the others stay
in the attestation views, and ``repertoire audit`` reports the disagreement).
"""

from __future__ import annotations

import sqlite3

from repertoire.official.records import KINDS

REPERTOIRE = "repertoire"
# In the order their values are preferred: the Repertoire, then the UN's machine-readable
# data, then the Library's hand-kept tables and lists.
SOURCES: tuple[str, ...] = (REPERTOIRE, *KINDS)
RANK: dict[str, int] = {name: rank for rank, name in enumerate(SOURCES)}


def rank_sql(column: str) -> str:
    """An SQL expression giving the rank of the source named in ``column``."""
    cases = " ".join(f"WHEN '{name}' THEN {rank}" for name, rank in RANK.items())
    return f"CASE {column} {cases} ELSE {len(RANK)} END"


def has_official(conn: sqlite3.Connection) -> bool:
    """Whether the store holds any official file (else every fact is the Repertoire's)."""
    try:
        return conn.execute("SELECT 1 FROM official_files LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:  # a database from before the official record
        return False
