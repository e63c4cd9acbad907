"""None and bool bound through adapters of the store's own while it writes in bulk
(``repertoire.bulk.plain_bindings``): what SQLite stores is the same, the sqlite3 module's
search for an adapter is skipped, and nothing is left registered."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from repertoire.bulk import plain_bindings

KEYS = [(type(None), sqlite3.PrepareProtocol), (bool, sqlite3.PrepareProtocol)]


def _stored(conn: sqlite3.Connection) -> tuple[object, ...]:
    return tuple(
        conn.execute(
            "SELECT ?1, typeof(?1), ?2, typeof(?2), ?3, typeof(?3)", (None, True, False)
        ).fetchone()
    )


def test_adapters_only_while_the_block_runs() -> None:
    assert not any(key in sqlite3.adapters for key in KEYS)
    with plain_bindings():
        assert all(key in sqlite3.adapters for key in KEYS)
        with plain_bindings():  # nested: the outer block's adapters stay
            pass
        assert all(key in sqlite3.adapters for key in KEYS)
    assert not any(key in sqlite3.adapters for key in KEYS)


def test_values_are_stored_as_without_them() -> None:
    conn = sqlite3.connect(":memory:")
    plain = _stored(conn)
    with plain_bindings():
        assert _stored(conn) == plain == (None, "null", 1, "integer", 0, "integer")


def test_an_adapter_registered_by_the_caller_is_kept() -> None:
    code = (
        "import sqlite3; from repertoire.bulk import plain_bindings\n"
        "sqlite3.register_adapter(bool, str)\n"
        "with plain_bindings(): pass\n"
        "print(sqlite3.connect(':memory:').execute('SELECT ?', (True,)).fetchone()[0])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
