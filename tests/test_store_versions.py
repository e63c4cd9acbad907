"""The frozen history of the schema builds exactly the schema of today's migrations."""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path

import pytest

from repertoire.store import LATEST, MIGRATIONS, connect, migrate, versions
from repertoire.store.schema import Migration

migrations_module = importlib.import_module("repertoire.store.migrations")


def _frozen() -> list[Migration]:
    """Today's list with each step replaced by its frozen form."""
    steps = {15: versions.v15_relative_paths}
    return [
        Migration(
            m.version,
            m.description,
            "" if m.version in steps else versions.sql(m.version),
            steps.get(m.version),
        )
        for m in MIGRATIONS
    ]


def _master(conn: sqlite3.Connection) -> list[tuple[str, str, str, str | None]]:
    return conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
    ).fetchall()


def test_frozen_history_builds_todays_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = connect(tmp_path / "today.db")
    monkeypatch.setattr(migrations_module, "MIGRATIONS", _frozen())
    frozen = connect(tmp_path / "frozen.db", migrate_to=None)
    assert migrate(frozen) == list(range(1, LATEST + 1))
    assert _master(frozen) == _master(today)
