"""One normaliser of symbols: Python and the store's SQL make the same key, whatever the
whitespace inside a symbol (a no-break space, a tab, a thin space)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from repertoire.read import symbols
from repertoire.store import across, connect, connect_readonly
from repertoire.store import audit as stored

# A space, a no-break space, a tab and a thin space.
SPACES = [" ", "\u00a0", "\t", "\u2009"]
SPELLINGS = [f"S/RES/2099{space}(2099)" for space in SPACES] + ["s/res/2099\u00a0(2099)"]
KEY = "S/RES/2099(2099)"


def test_python_key_drops_every_whitespace_and_ignores_case() -> None:
    assert {symbols.key(s) for s in SPELLINGS} == {KEY}
    assert symbols.key("S/PV.\u202f1234") == "S/PV.1234"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "store.db"
    connect(path).close()
    return path


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_sql_key_is_the_python_key_on_every_connection(db: Path, spelling: str) -> None:
    for conn in (connect(db), connect_readonly(db)):
        found = conn.execute("SELECT symbol_key(?), symbol_key(NULL)", (spelling,)).fetchone()
        assert found == (symbols.key(spelling), None)
        conn.close()


def _store_with(db: Path, space: str) -> sqlite3.Connection:
    """A Repertoire decision and an official veto's meeting record, each spelled with
    ``space`` inside."""
    conn = connect(db)
    spelling, record = f"S/RES/2099{space}(2099)", f"S/PV.{space}9999"
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO documents (id, path, name, sha256, size, loaded_at) "
        "VALUES (1, 'made-up.txt', 'made-up.txt', 'x', 1, '2099-01-01')"
    )
    conn.execute(
        "INSERT INTO sections (id, document_id, ordinal, number, title) "
        "VALUES (1, 1, 1, '1', 'A made-up item')"
    )
    conn.execute(
        "INSERT INTO meetings (id, document_id, section_id, ordinal, record, record_key, url) "
        "VALUES (1, 1, 1, 1, 'S/PV.9999', 'S/PV.9999', '')"
    )
    conn.execute(
        "INSERT INTO decisions (id, document_id, section_id, meeting_id, ordinal, kind, symbol,"
        " text, line) VALUES (1, 1, 1, 1, 1, 'resolution', ?, '', 1)",
        (spelling,),
    )
    conn.execute(
        "INSERT INTO official_files (id, path, kind, sha256, size, imported_at) "
        "VALUES (1, 'made-up.csv', 'vetoes-csv', 'y', 1, '2099-01-01')"
    )
    conn.execute(
        "INSERT INTO official_vetoes (file_id, source, draft, draft_key, records, line) "
        "VALUES (1, 'vetoes-csv', 'S/2099/1', 'S/2099/1', ?, 1)",
        (f"{record}; S/PV.9998",),
    )
    conn.execute("COMMIT")
    return conn


@pytest.mark.parametrize("space", SPACES)
def test_the_store_finds_a_symbol_by_the_python_key(db: Path, space: str) -> None:
    conn = _store_with(db, space)
    # SQL side: the stored spelling, keyed in SQL, meets the key made in Python.
    assert [d.id for d in stored.repertoire_decisions(conn, KEY)] == [1]
    found = across.named_in(conn, symbols.key("S/PV.9999"), None)
    assert [row["symbol"] for row in found] == ["S/PV.9999"]
    # Python side: any spelling of the question finds the stored one.
    for asked in SPELLINGS:
        assert [d.id for d in stored.repertoire_decisions(conn, symbols.key(asked))] == [1]
