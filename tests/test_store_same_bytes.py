"""The same bytes under another path are stored once: the copy is "unchanged", naming the first."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from repertoire import samples
from repertoire.cli import main
from repertoire.store import connect, load, queries


def _counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "decisions", "votes")
        )


def _stored(path: Path, db: Path) -> str:
    """How the store names a file: relative to the database's folder."""
    return os.path.relpath(path.resolve(), db.resolve().parent)


def test_a_copy_under_another_path_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    first = tmp_path / "a" / "section.txt"
    copy = tmp_path / "b" / "same.txt"
    for path in (first, copy):
        path.parent.mkdir()
        shutil.copyfile(samples.path(), path)
    load([first], db)
    before = _counts(db)
    report = load([copy], db)
    (result,) = report.documents
    assert result.status == "unchanged"
    assert result.same_as == _stored(first, db)
    assert (result.errors, result.warnings) == (0, 3)
    assert _counts(db) == before == (1, 3, 45)
    with connect(db) as conn:
        # Nothing counted twice: every pair voted together on the sample's three decisions.
        assert {row["votes"] for row in queries.alignment(conn)} == {3}
        assert len(queries.votes(conn)) == 3


def test_a_copy_in_the_same_batch_is_not_stored_twice(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    copy = tmp_path / "copy.txt"
    shutil.copyfile(samples.path(), copy)
    report = load([samples.path(), copy], db)
    assert [r.status for r in report.documents] == ["added", "unchanged"]
    assert report.documents[1].same_as == _stored(samples.path(), db)
    assert _counts(db) == (1, 3, 45)


def test_a_file_that_now_holds_another_files_bytes(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    other = tmp_path / "other.txt"
    other.write_text(samples.text().replace("S/PV.9251", "S/PV.1251"), encoding="utf-8")
    load([samples.path(), other], db)
    assert _counts(db)[0] == 2
    shutil.copyfile(samples.path(), other)
    (result,) = load([other], db).documents
    # Its earlier rows go; its bytes are those already stored from the sample's path.
    assert result.status == "replaced" and result.same_as == _stored(samples.path(), db)
    assert _counts(db) == (1, 3, 45)


def test_load_reports_the_stored_warnings_of_an_unchanged_file(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    runner = CliRunner()
    runner.invoke(main, ["load", str(samples.path()), "--db", str(db)])
    again = runner.invoke(main, ["load", str(samples.path()), "--db", str(db), "--json"])
    (document,) = json.loads(again.output)["documents"]
    assert document["status"] == "unchanged"
    assert (document["errors"], document["warnings"]) == (0, 3)
    copy = tmp_path / "copy.txt"
    shutil.copyfile(samples.path(), copy)
    text = runner.invoke(main, ["load", str(copy), "--db", str(db)])
    assert text.exit_code == 0
    stored = _stored(samples.path(), db)
    assert f"unchanged {copy}: already stored as {stored}" in text.output
    assert "3 warnings" in text.output
