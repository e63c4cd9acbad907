"""Schema versions: a database built at an older version is migrated with its data intact."""

from __future__ import annotations

import importlib
import sqlite3
import threading
from pathlib import Path

import pytest

from repertoire import pipeline, samples
from repertoire.store import (
    LATEST,
    MIGRATIONS,
    StoreError,
    connect,
    document_rows,
    migrate,
    queries,
    version,
)
from repertoire.store.names import Council
from repertoire.store.schema import Migration

load_module = importlib.import_module("repertoire.store.load")


def test_migrations_are_ordered_and_complete() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert versions == list(range(1, len(MIGRATIONS) + 1))
    assert versions[-1] == LATEST
    assert all(m.description for m in MIGRATIONS)


def test_fresh_database_is_at_latest(tmp_path: Path) -> None:
    conn = connect(tmp_path / "new.db")
    assert version(conn) == LATEST
    recorded = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    assert [r[0] for r in recorded] == list(range(1, LATEST + 1))
    assert migrate(conn) == []


def _version_one_with_data(db: Path) -> sqlite3.Connection:
    """A database as version 1 made it, holding the sample, written the way version 1 could."""
    conn = connect(db, migrate_to=None)
    assert migrate(conn, 1) == [1]
    document = pipeline.parse_file(samples.path())
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO documents (id, path, name, sha256, size, loaded_at) "
        "VALUES (1, 'old.txt', 'old.txt', 'x', 1, '2024-01-01T00:00:00+00:00')"
    )
    # Version 1 had no reference tables: membership comes from repertoire.council alone.
    rows = document_rows(document, 1, council=Council())
    for table, table_rows in rows.tables.items():
        if table_rows:
            conn.executemany(load_module.INSERTS[table], table_rows)
    conn.execute("COMMIT")
    return conn


def test_version_one_database_is_migrated(tmp_path: Path) -> None:
    pytest.importorskip("repertoire.council")
    db = tmp_path / "old.db"
    old = _version_one_with_data(db)
    assert version(old) == 1
    tables = {r[0] for r in old.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "paragraphs_fts" not in tables and "alignment_counts" not in tables
    meetings_before = old.execute("SELECT count(*) FROM meetings").fetchone()[0]
    old.close()

    conn = connect(db)  # opening migrates
    assert version(conn) == LATEST
    assert conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == meetings_before
    # Version 2 indexed the text that was already there ...
    assert queries.search(conn, "Common Ground")
    # ... version 3 counted the votes already there ...
    pairs = queries.alignment(conn, year=2023)
    assert len(pairs) == 105
    china_russia = next(
        r for r in pairs if (r["member_a"], r["member_b"]) == ("China", "Russian Federation")
    )
    assert (china_russia["votes"], china_russia["alike"]) == (3, 1)
    # ... and version 4 added the reference tables, filled on the next load.
    assert conn.execute("SELECT count(*) FROM states").fetchone()[0] == 0
    load_module.load([samples.path()], db)
    assert conn.execute("SELECT count(*) FROM states").fetchone()[0] > 150
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 2


def test_migrating_step_by_step(tmp_path: Path) -> None:
    conn = connect(tmp_path / "steps.db", migrate_to=None)
    for step in range(1, LATEST + 1):
        assert migrate(conn, step) == [step]
        assert version(conn) == step
    assert migrate(conn) == []


def test_newer_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "future.db"
    conn = connect(db)
    conn.execute(
        "INSERT INTO schema_version VALUES (?, 'from the future', '2100-01-01')", (LATEST + 1,)
    )
    conn.close()
    with pytest.raises(StoreError, match="newer than this program"):
        connect(db)


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    conn = connect(tmp_path / "half.db", migrate_to=None)
    migrate(conn, 2)
    broken = Migration(3, "broken", "CREATE TABLE half_made (x INTEGER);\nSELECT nope;")
    migrations = importlib.import_module("repertoire.store.migrations")
    monkeypatch.setattr(migrations, "MIGRATIONS", [*MIGRATIONS[:2], broken, *MIGRATIONS[3:]])
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn)
    assert version(conn) == 2
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_made'").fetchone()


def test_two_connections_migrate_a_new_file_once(tmp_path: Path) -> None:
    db = tmp_path / "race.db"
    errors: list[BaseException] = []

    def open_it() -> None:
        try:
            connect(db).close()
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    conn = connect(db)
    assert [r[0] for r in conn.execute("SELECT version FROM schema_version")] == list(
        range(1, LATEST + 1)
    )
