"""`repertoire import`: idempotent, atomic (one transaction per import), changed files
replaced, one decision with an attestation per source."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

import repertoire.store.official_rows as official_rows
from repertoire.cli import main
from repertoire.store.official import import_official
from tests.test_official_akn import DRAFT
from tests.test_official_library import page
from tests.test_official_unxml import LINE, lines


def _count(db, sql: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchone()[0]


def test_import_twice_writes_nothing_the_second_time(tmp_path) -> None:
    db = tmp_path / "x.db"
    tmp_path = tmp_path / "in"
    tmp_path.mkdir()
    (tmp_path / "r.jsonl").write_bytes(lines(LINE))
    (tmp_path / "t.html").write_bytes(page())
    (tmp_path / "README.md").write_text("# nothing")
    first = import_official([tmp_path], db)
    assert first.summary() == {"skipped": 1, "imported": 2}
    second = import_official([tmp_path], db)
    assert second.summary() == {"skipped": 1, "unchanged": 2} and not second.changed
    assert _count(db, "SELECT COUNT(*) FROM official_meetings") == 3
    assert _count(db, "SELECT COUNT(*) FROM official_votes") == 4


def test_the_report_says_where_the_writing_time_went(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "r.jsonl").write_bytes(lines(LINE))
    (folder / "t.html").write_bytes(page())
    first = import_official([folder], tmp_path / "x.db")
    assert min(first.store_seconds, first.merge_seconds, first.audit_seconds) > 0
    # Nothing to write the second time: no rows, no merged record made again.
    second = import_official([folder], tmp_path / "x.db")
    assert second.store_seconds == second.merge_seconds == 0


def test_a_changed_file_replaces_its_rows(tmp_path) -> None:
    path = tmp_path / "r.jsonl"
    db = tmp_path / "x.db"
    path.write_bytes(lines(LINE, {**LINE, "symbol": "S/RES/1235 (2099)"}))
    import_official([path], db)
    path.write_bytes(lines(LINE))
    report = import_official([path], db)
    assert report.summary() == {"replaced": 1}
    assert _count(db, "SELECT COUNT(*) FROM official_decisions") == 1


def test_every_row_says_where_it_was_read(tmp_path) -> None:
    (tmp_path / "t.html").write_bytes(page())
    db = tmp_path / "x.db"
    import_official([tmp_path / "t.html"], db)
    assert _count(db, "SELECT COUNT(*) FROM official_decisions WHERE line < 1 OR place = ''") == 0
    assert _count(db, "SELECT COUNT(*) FROM official_meetings WHERE row IS NULL") == 0


def test_the_same_decision_from_three_sources_is_one_decision_with_three_attestations(
    tmp_path,
) -> None:
    adopted = DRAFT.replace(b"S/2099/12", b"S/RES/1234 (2099)").replace(
        b'outcome="veto"', b'outcome="adopted"'
    )
    (tmp_path / "r.xml").write_bytes(adopted)
    (tmp_path / "t.html").write_bytes(page())
    (tmp_path / "r.jsonl").write_bytes(lines(LINE))
    db = tmp_path / "x.db"
    import_official(sorted(tmp_path.iterdir()), db)
    with sqlite3.connect(db) as conn:
        rows = {
            key: (count, json.loads(sources))
            for key, count, sources in conn.execute(
                "SELECT d.key, (SELECT count(*) FROM attestations AS a"
                " WHERE a.decision_key = d.key), d.sources"
                " FROM council_decisions AS d WHERE d.scope = 'all'"
            )
        }
    assert rows["S/RES/1234(2099)"] == (3, ["unxml-resolutions", "akn4un", "library-meetings"])
    assert rows["S/2099/12"] == (1, ["library-meetings"])


def test_cli_import_reports_and_exits_like_load(tmp_path) -> None:
    (tmp_path / "r.jsonl").write_bytes(lines(LINE))
    db = tmp_path / "x.db"
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(tmp_path / "r.jsonl"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "imported" in result.output and "1 decision" in result.output
    again = runner.invoke(main, ["import", str(tmp_path / "r.jsonl"), "--db", str(db), "--json"])
    assert json.loads(again.output)["summary"] == {"unchanged": 1}
    missing = runner.invoke(main, ["import", str(tmp_path / "absent"), "--db", str(db)])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_an_import_is_one_transaction_all_its_files_or_none(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(lines(LINE))
    (folder / "b.html").write_bytes(page())
    db = tmp_path / "x.db"
    real = official_rows._write
    written: list[int] = []

    def fail_on_second(conn: sqlite3.Connection, file_id: int, read: object) -> dict[str, int]:
        written.append(file_id)
        if len(written) == 2:
            raise RuntimeError("disk full")
        return real(conn, file_id, read)

    monkeypatch.setattr(official_rows, "_write", fail_on_second)
    with pytest.raises(RuntimeError):
        import_official([folder], db)
    assert len(written) == 2  # the first file was written before the second failed
    assert _count(db, "SELECT COUNT(*) FROM official_files") == 0
    assert _count(db, "SELECT COUNT(*) FROM official_decisions") == 0
    monkeypatch.setattr(official_rows, "_write", real)
    assert import_official([folder], db).summary() == {"imported": 2}
    # The search index was filled once, for both files of the import.
    assert _count(db, "SELECT COUNT(*) FROM official_decisions_fts") == _count(
        db, "SELECT COUNT(*) FROM official_decisions"
    )
    assert _count(db, "SELECT COUNT(*) FROM official_meetings_fts") == 3


def test_a_first_import_ends_with_every_index_of_the_store(tmp_path) -> None:
    from repertoire.store.migrations import connect

    def made(db) -> list[tuple[str, str]]:
        with sqlite3.connect(db) as conn:
            return conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
            ).fetchall()

    connect(tmp_path / "fresh.db").close()
    (tmp_path / "r.jsonl").write_bytes(lines(LINE))
    (tmp_path / "t.html").write_bytes(page())
    import_official([tmp_path / "r.jsonl", tmp_path / "t.html"], tmp_path / "x.db")
    assert made(tmp_path / "x.db") == made(tmp_path / "fresh.db")
    with sqlite3.connect(tmp_path / "x.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
