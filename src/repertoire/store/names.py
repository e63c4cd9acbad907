"""Names of States and council membership, as the store needs them.

The reference modules ``repertoire.states`` and ``repertoire.council`` are
imported lazily and their absence is tolerated: without them names are kept
as written and no member is counted absent, which is less but still right.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import json
import re
import sqlite3
from functools import cache
from types import ModuleType
from typing import Any

_SPACE = re.compile(r"\s+")


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"repertoire.{name}")
    except ImportError:
        return None


def _clean(name: str) -> str:
    return _SPACE.sub(" ", name).strip().strip(".,;")


@cache
def canonical(name: str) -> str:
    """The canonical spelling of a State's name; ``name`` tidied when it is none."""
    cleaned = _clean(name)
    states = _module("states")
    if states is not None and hasattr(states, "canonical"):
        try:
            found = states.canonical(cleaned)
        except (KeyError, ValueError, LookupError):
            found = None
        if found:
            return str(found)
    return cleaned


@cache
def known(name: str) -> bool:
    """Whether ``name`` is a State (or an alias of one) that the reference table knows."""
    states = _module("states")
    if states is None or not hasattr(states, "canonical"):
        return False
    try:
        return bool(states.canonical(_clean(name)))
    except (KeyError, ValueError, LookupError):
        return False


def _year(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, dt.date):
        return value.year
    match = re.match(r"\s*(\d{4})", str(value))
    return int(match.group(1)) if match else None


def state_rows() -> tuple[list[tuple[Any, ...]], list[tuple[str, str]]]:
    """Rows for ``states`` and ``state_aliases`` from ``repertoire.states``."""
    states = _module("states")
    if states is None or not hasattr(states, "all_states"):
        return [], []
    rows: list[tuple[Any, ...]] = []
    aliases: dict[str, str] = {}
    seen: set[str] = set()
    for state in states.all_states():
        name = str(state.name)
        if name in seen:
            continue
        seen.add(name)
        rows.append(
            (
                name,
                getattr(state, "official_name", None),
                getattr(state, "iso3", None),
                getattr(state, "kind", None),
            )
        )
        for alias in [name, *(getattr(state, "aliases", None) or [])]:
            # First claim wins: an alias shared by two entries would be ambiguous anyway.
            aliases.setdefault(str(alias).casefold(), name)
    # Keep one spelling per alias, case-insensitively, as the table's key is NOCASE.
    alias_rows = sorted((alias, name) for alias, name in aliases.items())
    return rows, alias_rows


def term_rows() -> list[tuple[Any, ...]]:
    """Rows for ``council_terms``: name, state, iso3, permanent, start_date, end_date, note."""
    council = _module("council")
    if council is None or not hasattr(council, "all_terms"):
        return []
    rows = []
    for term in council.all_terms():
        rows.append(
            (
                str(term.name),
                canonical(str(term.name)),
                getattr(term, "iso3", None),
                int(bool(term.permanent)),
                _iso(term.start),
                _iso(term.end),
                getattr(term, "note", None) or None,
            )
        )
    return rows


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


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class Council:
    """Who sat on the Council in a year, and each State's code.

    ``repertoire.council`` decides membership when it is there (one holder per
    seat and year); otherwise the ``council_terms`` table of the database is
    read with the same rule: a term counts in a year it covers for more than
    half of.
    """

    def __init__(self, conn: sqlite3.Connection | None = None) -> None:
        self._module = _module("council")
        self._terms = [
            (state, permanent, _date(start), _date(end) if end else None)
            for state, permanent, start, end in (
                conn.execute("SELECT state, permanent, start_date, end_date FROM council_terms")
                if conn
                else []
            )
        ]
        self._iso3: dict[str, str | None] = (
            dict(conn.execute("SELECT name, iso3 FROM states")) if conn else {}
        )
        self._years: dict[int, tuple[list[str], list[str]]] = {}

    def __getstate__(self) -> dict[str, Any]:
        # Sent to parser processes: the reference module is imported there, not pickled.
        return {key: value for key, value in self.__dict__.items() if key != "_module"}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._module = _module("council")

    def _year(self, year: int) -> tuple[list[str], list[str]]:
        if year not in self._years:
            seats: list[tuple[str, bool]] = []
            if self._module is not None and hasattr(self._module, "members"):
                try:
                    sitting = self._module.members(year)
                    seats = [(canonical(m.name), bool(m.permanent)) for m in sitting]
                except ValueError:  # a year the reference data do not cover
                    seats = []
            else:
                first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
                half = (last - first).days / 2
                for state, permanent, start, end in self._terms:
                    days = (min(end or dt.date.max, last) - max(start, first)).days + 1
                    if days > half:
                        seats.append((state, bool(permanent)))
            self._years[year] = (
                sorted({name for name, _ in seats}),
                sorted({name for name, permanent in seats if permanent}),
            )
        return self._years[year]

    def members(self, year: int | None) -> list[str]:
        return [] if year is None else self._year(year)[0]

    def permanent(self, year: int | None) -> list[str]:
        return [] if year is None else self._year(year)[1]

    def threshold(self, year: int | None) -> int | None:
        """Affirmative votes a decision needed (Article 27), when the year's membership is known."""
        if year is None or not self.members(year):
            return None
        return 7 if year < 1966 else 9

    def iso3(self, name: str) -> str | None:
        return self._iso3.get(name)


def resolve(conn: sqlite3.Connection, name: str) -> str:
    """A member name as the user typed it, to the spelling the database uses."""
    if known(name):
        return canonical(name)
    row = conn.execute("SELECT name FROM state_aliases WHERE alias = ?", (_clean(name),)).fetchone()
    return str(row[0]) if row else _clean(name)
