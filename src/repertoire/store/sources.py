"""The sources a store holds: the Repertoire, and each kind of official file.

Several sources state many of the same facts; where they give different values for one,
the value kept is the one the evidence supports (:mod:`repertoire.rules.evidence`), every
source judged alike: the order of :data:`SOURCES` (and of the official ``KINDS``) decides
nothing. It only orders a display: the ``sources`` lists of merged rows and the statements
shown side by side. The other values stay in the attestation views
and in each merged row's ``disputed``, and ``repertoire audit`` reports the disagreement.
"""

from __future__ import annotations

import sqlite3

from repertoire.official.records import KINDS

REPERTOIRE = "repertoire"
# In the order they are listed: the Repertoire, then the UN's machine-readable data, then the
# Library's hand-kept tables and lists (an order of display, never of preference).
SOURCES: tuple[str, ...] = (REPERTOIRE, *KINDS)
RANK: dict[str, int] = {name: rank for rank, name in enumerate(SOURCES)}


def has_official(conn: sqlite3.Connection) -> bool:
    """Whether the store holds any official file (else every fact is the Repertoire's)."""
    try:
        return conn.execute("SELECT 1 FROM official_files LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError:  # a database from before the official record
        return False
