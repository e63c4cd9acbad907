"""The schema's history is frozen: its migrations build the committed schema, from nothing
and from the oldest real schema, and they call none of today's code."""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

import pytest

from repertoire.store import LATEST, MIGRATIONS, connect, migrate, version
from repertoire.store.council import refresh
from repertoire.store.schema import MERGED_TABLES_SINCE, Migration
from tests.schema_dump import DATA, build, dump, master

migrations_module = importlib.import_module("repertoire.store.migrations")


def test_a_new_store_has_the_committed_latest_schema(tmp_path: Path) -> None:
    # A change to the schema is a new migration, and this dump is made again with it.
    conn = connect(tmp_path / "new.db")
    assert dump(conn) == (DATA / "schema_latest.sql").read_text(encoding="utf-8")


def test_version_one_is_the_committed_oldest_schema(tmp_path: Path) -> None:
    conn = connect(tmp_path / "one.db", migrate_to=None)
    assert migrate(conn, 1) == [1]
    assert dump(conn) == (DATA / "schema_v1.sql").read_text(encoding="utf-8")


def test_the_oldest_schema_migrates_to_the_latest(tmp_path: Path) -> None:
    old = connect(tmp_path / "old.db", migrate_to=None)
    build(old, (DATA / "schema_v1.sql").read_text(encoding="utf-8"), 1, MIGRATIONS[0].description)
    assert migrate(old) == list(range(2, LATEST + 1))
    assert master(old) == master(connect(tmp_path / "new.db"))


def test_no_migration_calls_todays_code() -> None:
    for migration in MIGRATIONS:
        if migration.after is not None:
            assert migration.after.__module__ == "repertoire.store.versions", migration.version
            assert migration.after.__name__.startswith(f"v{migration.version}_")


def test_a_migration_appended_as_literal_sql_applies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    added = Migration(LATEST + 1, "a column more", "ALTER TABLE meetings ADD COLUMN later TEXT;")
    monkeypatch.setattr(migrations_module, "MIGRATIONS", [*MIGRATIONS, added])
    conn = connect(tmp_path / "next.db", migrate_to=LATEST + 1)
    assert version(conn) == LATEST + 1
    assert "later" in {row[1] for row in conn.execute("PRAGMA table_info(meetings)")}


def _official_decision(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO official_files (id, path, kind, sha256, size, imported_at) "
        "VALUES (1, 'made-up.xml', 'unxml', 'x', 1, '2024-01-01')"
    )
    conn.execute(
        "INSERT INTO official_decisions (file_id, source, kind, symbol, symbol_key, date, year,"
        " adopted, votes_for, votes_against, votes_abstaining, line) "
        "VALUES (1, 'unxml', 'resolution', 'S/RES/9999 (2099)', 'S/RES/9999(2099)',"
        " '2099-01-02', 2099, 1, 15, 0, 0, 1)"
    )
    conn.execute("COMMIT")


def test_a_store_crossing_the_merged_tables_gets_them_filled(tmp_path: Path) -> None:
    conn = connect(tmp_path / "old.db", migrate_to=None)
    migrate(conn, MERGED_TABLES_SINCE - 1)
    _official_decision(conn)
    assert migrate(conn) == list(range(MERGED_TABLES_SINCE, LATEST + 1))
    merged = conn.execute("SELECT * FROM council_decisions ORDER BY scope, key").fetchall()
    assert merged
    # As the code that keeps them would make them.
    conn.execute("BEGIN")
    refresh(conn)
    conn.execute("COMMIT")
    assert conn.execute("SELECT * FROM council_decisions ORDER BY scope, key").fetchall() == merged
