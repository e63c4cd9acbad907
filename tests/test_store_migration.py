"""Schema versions: a database built at an older version is migrated with its data intact."""

from __future__ import annotations

import hashlib
import importlib
import sqlite3
import threading
from pathlib import Path

import pytest

from repertoire import samples
from repertoire.read import pipeline
from repertoire.records import Document
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
from repertoire.store.columns import COLUMNS
from repertoire.store.rows import ROWS_VERSION
from repertoire.store.schema import Migration
from tests.schema_dump import DATA, build

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


# The columns that version 16 added, last in their rows.
ADDED_IN_16 = {
    "citations": ("joint",),
    "meetings": ("videoconference", "private", "remote"),
    "agenda_items": ("also", "submitters"),
    "participants": ("kind",),
    "positions": ("kind",),
}


# And version 17.
ADDED_IN_17 = {"footnotes": ("clause",)}


def _old_columns(table: str) -> tuple[str, ...]:
    added = ADDED_IN_16.get(table, ()) + ADDED_IN_17.get(table, ())
    return COLUMNS[table][: len(COLUMNS[table]) - len(added)]


def _old_insert(table: str) -> str:
    columns = _old_columns(table)
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _old_rows(document: Document) -> dict[str, list[tuple[object, ...]]]:
    """The rows of ``document`` as the loader of schema versions 1 to 8 wrote them.

    No footnote_refs; meetings.date_text a copy of the ISO date; a speaker on
    neither invitation list a rule 37 (a State) or rule 39 invitee; none of the
    columns of versions 16 and 17.
    """
    tables = {
        table: [row[: len(_old_columns(table))] for row in found]
        for table, found in document_rows(document, 1).tables.items()
    }
    del tables["footnote_refs"]
    meeting = COLUMNS["meetings"]
    date_at, written_at = meeting.index("date"), meeting.index("date_text")
    tables["meetings"] = [
        (*row[:written_at], row[date_at], *row[written_at + 1 :]) for row in tables["meetings"]
    ]
    person = COLUMNS["participants"]
    basis_at, state_at = person.index("basis"), person.index("state")
    tables["participants"] = [
        row
        if row[basis_at] != "other"
        else (*row[:basis_at], "rule_37" if row[state_at] else "rule_39", *row[basis_at + 1 :])
        for row in tables["participants"]
    ]
    return tables


def _old_database(
    db: Path, version_: int, path: str = "old.txt", sha256: str = "x", size: int = 1
) -> sqlite3.Connection:
    """A database at ``version_`` (at most 5) holding the sample, written the way it could be.

    Made from the committed dump of version 1, not by today's list of migrations, so that a
    change to an old migration would show here as a store that no longer migrates.
    """
    conn = connect(db, migrate_to=None)
    build(conn, (DATA / "schema_v1.sql").read_text(encoding="utf-8"), 1, MIGRATIONS[0].description)
    assert migrate(conn, version_) == list(range(2, version_ + 1))
    document = pipeline.parse_file(samples.path())
    conn.execute("BEGIN")
    conn.execute(
        "INSERT INTO documents (id, path, name, sha256, size, loaded_at) "
        "VALUES (1, ?, 'old.txt', ?, ?, '2024-01-01T00:00:00+00:00')",
        (path, sha256, size),
    )
    # Version 1 had no reference tables: membership comes from repertoire.reference.council alone.
    for table, table_rows in _old_rows(document).items():
        if table_rows:
            conn.executemany(_old_insert(table), table_rows)
    conn.execute("COMMIT")
    return conn


def _version_one_with_data(db: Path) -> sqlite3.Connection:
    """A database as version 1 made it, holding the sample, written the way version 1 could."""
    return _old_database(db, 1)


def test_version_one_database_is_migrated(tmp_path: Path) -> None:
    pytest.importorskip("repertoire.reference.council")
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


def test_version_five_database_gains_footnote_refs_and_is_restored_on_load(
    tmp_path: Path,
) -> None:
    pytest.importorskip("repertoire.reference.council")
    sample = tmp_path / "mali-2023.txt"
    data = samples.path().read_bytes()
    sample.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    db = tmp_path / "five.db"
    old = _old_database(db, 5, str(sample.resolve()), digest, len(data))
    triggers = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_insert'"
    assert old.execute(triggers).fetchone()[0] == 4
    participants = old.execute("SELECT count(*) FROM participants").fetchone()[0]
    votes = old.execute("SELECT vote, count(*) FROM votes GROUP BY vote").fetchall()
    old.close()

    conn = connect(db)
    assert version(conn) == LATEST
    # 6: the search indexes are filled by the loader, not by insert triggers; they still hold.
    assert conn.execute(triggers).fetchone()[0] == 0
    assert queries.search(conn, "Common Ground")
    conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")
    # 7: what could be known of the markers: each footnote's first citing paragraph, and
    # the footnote cited but never defined, placed by the line of its finding.
    refs = conn.execute(
        "SELECT count(*), count(footnote_id), count(DISTINCT paragraph_id) FROM footnote_refs"
    ).fetchone()
    cited = conn.execute("SELECT count(*) FROM footnotes WHERE paragraph_id IS NOT NULL")
    assert refs[0] == cited.fetchone()[0] + 1 and refs[1] == refs[0] - 1
    undefined = conn.execute(
        "SELECT r.number, p.line <= x.line FROM footnote_refs r "
        "JOIN paragraphs p ON p.id = r.paragraph_id "
        "JOIN findings x ON x.code = 'footnote-undefined' AND x.footnote = r.number "
        "WHERE r.footnote_id IS NULL"
    ).fetchall()
    assert len(undefined) == 1 and undefined[0][1] == 1
    # 8: participants copied whole, with their keys and indexes; 'other' is now allowed.
    assert conn.execute("SELECT count(*) FROM participants").fetchone()[0] == participants
    assert conn.execute("PRAGMA foreign_key_check(participants)").fetchall() == []
    indexes = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'participants' "
        "ORDER BY name"
    ).fetchall()
    assert indexes == [("participants_meeting",), ("participants_state",)]
    conn.execute("SAVEPOINT other")
    conn.execute(
        "INSERT INTO participants (document_id, section_id, meeting_id, ordinal, name, basis) "
        "VALUES (1, 1, 1, 99, 'Secretary-General', 'other')"
    )
    conn.execute("ROLLBACK TO other")
    conn.execute("RELEASE other")
    # 9: the ISO copies in date_text are gone; the document is marked as made by the old loader.
    assert conn.execute("SELECT count(date_text) FROM meetings").fetchone()[0] == 0
    assert conn.execute("SELECT rows_version FROM documents").fetchone()[0] == 1

    # 10: votes and findings copied whole, still checked, now by comparisons.
    assert conn.execute("SELECT vote, count(*) FROM votes GROUP BY vote").fetchall() == votes
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE votes SET vote = 'maybe' WHERE id = 1")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute(
            "INSERT INTO votes (document_id, section_id, decision_id, member, vote) "
            "SELECT document_id, section_id, decision_id, member, 'Y' FROM votes LIMIT 1"
        )
    assert conn.execute("SELECT count(*) FROM findings").fetchone()[0] > 0
    assert "IN (" not in conn.execute(
        "SELECT group_concat(sql) FROM sqlite_master WHERE name IN ('votes', 'findings')"
    ).fetchone()[0].replace("IN (0, 1)", "")
    # 16: the record's later fields, as rows stored before must be read: no joint symbol, held
    # in public and in person, kind unknown; flags still checked.
    meetings = conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
    assert conn.execute(
        "SELECT count(*) FROM meetings WHERE NOT videoconference AND NOT private AND remote IS NULL"
    ).fetchone() == (meetings,)
    assert conn.execute(
        "SELECT count(joint) FROM citations UNION ALL SELECT count(also) + count(submitters) "
        "FROM agenda_items UNION ALL SELECT count(kind) FROM participants "
        "UNION ALL SELECT count(kind) FROM positions"
    ).fetchall() == [(0,), (0,), (0,), (0,)]
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("UPDATE meetings SET private = 2 WHERE id = 1")
    # Loading the same bytes again stores the document afresh, once.
    report = load_module.load([sample], db)
    assert [d.status for d in report.documents] == ["replaced"]
    assert conn.execute("SELECT rows_version FROM documents").fetchone()[0] == (ROWS_VERSION)
    assert conn.execute("SELECT count(*) FROM footnote_refs").fetchone()[0] == 34
    assert conn.execute("SELECT date_text FROM meetings WHERE record = 'S/PV.9251'").fetchone() == (
        "27 January",
    )
    assert conn.execute(
        "SELECT count(*) FROM participants WHERE basis = 'member' AND kind IS NULL"
    ).fetchone() == (0,)
    assert [d.status for d in load_module.load([sample], db).documents] == ["unchanged"]
    conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('integrity-check')")
    conn.execute("INSERT INTO footnotes_fts(footnotes_fts) VALUES ('integrity-check')")
