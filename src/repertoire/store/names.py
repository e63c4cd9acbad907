"""Names of States and Council terms, as the store needs them.

Names go through ``repertoire.reference.states`` and terms come from
``repertoire.reference.council`` (the rules of membership are
``repertoire.rules.council``'s); a name no reference knows is kept as written, tidied.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
from typing import Any, Final

from repertoire.reference import council, states

_SPACE = re.compile(r"\s+")


def _clean(name: str) -> str:
    return _SPACE.sub(" ", name).strip().strip(".,;")


# Each name worked out once. Plain dictionaries, not functools' caches: a row of a speaker
# or a vote asks for its names, and a dictionary's lookup costs a fraction of a call
# through such a cache.
_CANONICAL: Final[dict[str, str]] = {}
_KNOWN: Final[dict[str, bool]] = {}


def canonical(name: str) -> str:
    """The canonical spelling of a State's name; ``name`` tidied when it is none."""
    spelt = _CANONICAL.get(name)
    if spelt is None:
        cleaned = _clean(name)
        spelt = _CANONICAL[name] = states.canonical(cleaned) or cleaned
    return spelt


def known(name: str) -> bool:
    """Whether ``name`` is a State (or an alias of one) that the reference table knows."""
    found = _KNOWN.get(name)
    if found is None:
        found = _KNOWN[name] = states.canonical(_clean(name)) is not None
    return found


def state_rows() -> tuple[list[tuple[Any, ...]], list[tuple[str, str]]]:
    """Rows for ``states`` and ``state_aliases`` from ``repertoire.reference.states``."""
    rows: list[tuple[Any, ...]] = []
    aliases: dict[str, str] = {}
    seen: set[str] = set()
    for state in states.all_states():
        name = str(state.name)
        if name in seen:
            continue
        seen.add(name)
        rows.append((name, state.official_name, state.iso3, state.kind))
        for alias in (name, *state.aliases):
            # First claim wins: an alias shared by two entries would be ambiguous anyway.
            aliases.setdefault(str(alias).casefold(), name)
    # Keep one spelling per alias, case-insensitively, as the table's key is NOCASE.
    alias_rows = sorted((alias, name) for alias, name in aliases.items())
    return rows, alias_rows


def term_rows() -> list[tuple[Any, ...]]:
    """Rows for ``council_terms``: name, state, iso3, permanent, start_date, end_date, note."""
    return [
        (
            term.name,
            canonical(term.name),
            term.iso3,
            int(term.permanent),
            _iso(term.start),
            _iso(term.end),
            term.note or None,
        )
        for term in council.all_terms()
    ]


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def refresh_reference(conn: sqlite3.Connection) -> bool:
    """Fill ``states``, ``state_aliases`` and ``council_terms`` when their source changed.

    A fingerprint of the rows is kept so that each load does not rewrite
    identical tables. Returns whether anything was written.
    """
    states, aliases = state_rows()
    terms = term_rows()
    if not states and not terms:
        return False
    fingerprint = hashlib.sha256(
        json.dumps([states, aliases, terms], default=str).encode()
    ).hexdigest()
    row = conn.execute("SELECT fingerprint FROM reference_meta WHERE name = 'reference'").fetchone()
    if row and row[0] == fingerprint:
        return False
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute(
            "SELECT fingerprint FROM reference_meta WHERE name = 'reference'"
        ).fetchone()
        if row and row[0] == fingerprint:
            conn.execute("COMMIT")
            return False
        conn.execute("DELETE FROM state_aliases")
        conn.execute("DELETE FROM states")
        conn.execute("DELETE FROM council_terms")
        conn.executemany("INSERT INTO states VALUES (?, ?, ?, ?)", states)
        conn.executemany("INSERT OR IGNORE INTO state_aliases VALUES (?, ?)", aliases)
        conn.executemany(
            "INSERT INTO council_terms (name, state, iso3, permanent, start_date, end_date, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            terms,
        )
        conn.execute(
            "INSERT OR REPLACE INTO reference_meta (name, fingerprint) VALUES ('reference', ?)",
            (fingerprint,),
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True


def resolve(conn: sqlite3.Connection, name: str) -> str:
    """A member name as the user typed it, to the spelling the database uses."""
    if known(name):
        return canonical(name)
    row = conn.execute("SELECT name FROM state_aliases WHERE alias = ?", (_clean(name),)).fetchone()
    return str(row[0]) if row else _clean(name)
