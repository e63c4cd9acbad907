"""Texts of decisions packed where they are read: a process packs its batch's rows into one
SQLite image that the writer copies, and the store holds the rows an import read in one
process would write, ids and all, however the images and the writer's flushes fall."""

from __future__ import annotations

import itertools
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from repertoire import official
from repertoire.store import processes, text_rows, texts
from repertoire.store.migrations import connect
from repertoire.store.official import import_official
from tests.test_official_import_processes import _rows, _texts
from tests.test_official_real import OFFICIAL
from tests.test_official_texts import BODY, resolution


def _batch(folder: Path) -> list[tuple[str, str, str | None, str | None]]:
    return [(str(path), path.name, None, None) for path in official.files([folder])]


def test_a_batch_is_packed_into_one_image_its_files_holding_consecutive_ranges(
    tmp_path: Path,
) -> None:
    _texts(tmp_path, 1, 4)
    made = text_rows.read_files(_batch(tmp_path))
    packed = [got.rows for got in made if isinstance(got, text_rows.TextsRead)]
    # Four resolutions, the broken one as recovered, the statement; not French, not README.
    assert len(packed) == 6
    assert all(isinstance(rows, text_rows.Packed) for rows in packed)
    assert len({id(rows.image) for rows in packed if isinstance(rows, text_rows.Packed)}) == 1
    ends = [(rows.texts, rows.paragraphs) for rows in packed if isinstance(rows, text_rows.Packed)]
    assert ends[0] == ((1, 1), (1, ends[0][1][1]))
    for (_, (_, last)), (_, (first, _)) in itertools.pairwise(ends):
        assert first == last + 1
    # The records of the texts are not sent back beside their rows.
    assert all(
        got.read is not None and got.read.texts == []
        for got in made
        if got.digest and isinstance(got, text_rows.TextsRead)
    )


def _write(db: Path, made: list[Any]) -> None:
    """``made`` written by the writer of texts alone, in a store made afresh."""
    with closing(connect(db)) as conn:
        conn.execute("BEGIN IMMEDIATE")
        writer = texts.Writer(conn)
        for got in made:
            if got.read is not None and got.read.kind == text_rows.TEXT_KIND:
                writer.add(texts.Pending.of(Path(got.read.path).name, got, got.read))
        writer.close()
        conn.execute("COMMIT")


@pytest.mark.parametrize("flush_after", [1, 4, 1024])
def test_packed_rows_are_written_as_the_records_would_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flush_after: int
) -> None:
    folder = tmp_path / "texts"
    _texts(folder, 1, 9)
    monkeypatch.setattr(texts, "ROWS_AFTER", flush_after)
    monkeypatch.setattr(texts, "FILL_AFTER", 2 * flush_after)
    _write(tmp_path / "records.db", official.read_files(_batch(folder)))
    _write(tmp_path / "packed.db", text_rows.read_files(_batch(folder)))
    # Where SQLite cannot pack, the rows go as they are.
    # (a module constant, not a function: compiled callers bind functions early)
    monkeypatch.setattr(text_rows, "CAN_PACK", False)
    unpacked = text_rows.read_files(_batch(folder))
    sent = [got.rows for got in unpacked if isinstance(got, text_rows.TextsRead)]
    assert sent and all(isinstance(rows, text_rows.Rows) for rows in sent)
    _write(tmp_path / "rows.db", unpacked)
    stored = _rows(tmp_path / "records.db")
    assert stored["decision_paragraphs"] and stored["search"]
    assert _rows(tmp_path / "packed.db") == stored
    assert _rows(tmp_path / "rows.db") == stored


def test_batches_of_many_files_give_the_rows_of_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every batch read by a process, several files to an image, the rows flushed within
    # an image; a changed file among them replaces its rows (the ids asked again).
    monkeypatch.setattr(processes, "CALLER_READS", False)
    monkeypatch.setattr(processes, "BATCH_BYTES", 20_000)
    monkeypatch.setattr(texts, "ROWS_AFTER", 7)
    folder = tmp_path / "texts"
    _texts(folder, 5, 9)
    for db in ("serial.db", "parallel.db"):
        import_official([folder], tmp_path / db, workers=0)
    _texts(folder, 10, 40)
    (folder / "2099" / "English" / "S_RES_7_E.xml").write_bytes(
        resolution(BODY).replace(b"S/RES/1234 (2099)", b"S/RES/7 (2099)")
    )
    serial = import_official([folder], tmp_path / "serial.db", workers=0)
    parallel = import_official([folder], tmp_path / "parallel.db", workers=2)
    assert parallel.workers == 2
    assert [f.to_dict() for f in serial.files] == [f.to_dict() for f in parallel.files]
    assert "replaced" in serial.summary()
    assert _rows(tmp_path / "serial.db") == _rows(tmp_path / "parallel.db")
    with closing(sqlite3.connect(tmp_path / "parallel.db")) as conn:
        assert (
            conn.execute("SELECT count(*) FROM decision_paragraphs_fts_docsize").fetchone()[0]
            == conn.execute("SELECT count(*) FROM decision_paragraphs").fetchone()[0]
        )


def test_a_file_written_between_two_of_one_image_shifts_the_ids_of_the_second(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file held at its size is read by the writer, not packed: changed, its rows come
    # between those of two files of one image, whose rows then take other ids.
    monkeypatch.setattr(processes, "CALLER_READS", False)
    monkeypatch.setattr(processes, "BATCH_BYTES", 1 << 20)
    folder = tmp_path / "texts"
    _texts(folder, 5, 9)
    for db in ("serial.db", "parallel.db"):
        import_official([folder], tmp_path / db, workers=0)
    _texts(folder, 60, 89)  # sorted around S_RES_7_E.xml, in one batch
    changed = folder / "2099" / "English" / "S_RES_7_E.xml"
    held = changed.read_bytes()
    changed.write_bytes(held.replace(b"protect civilians", b"protect villagers"))
    assert len(changed.read_bytes()) == len(held) != changed.read_bytes()
    serial = import_official([folder], tmp_path / "serial.db", workers=0)
    parallel = import_official([folder], tmp_path / "parallel.db", workers=2)
    assert parallel.workers == 2
    assert [f.to_dict() for f in serial.files] == [f.to_dict() for f in parallel.files]
    assert [Path(f.path).name for f in serial.by_status("replaced")] == ["S_RES_7_E.xml"]
    assert _rows(tmp_path / "serial.db") == _rows(tmp_path / "parallel.db")


def test_real_statements_imported_beside_the_writer_give_the_rows_of_one_process(
    tmp_path: Path,
) -> None:
    # Hundreds of real statements by the President, packed by a process a batch at a
    # time: SQLite once refused the copy of such a batch's paragraphs.
    folder = OFFICIAL / "unxml" / "texts" / "PRST"
    if not folder.is_dir():
        pytest.skip("official files not present")
    serial = import_official([folder], tmp_path / "serial.db", workers=0)
    parallel = import_official([folder], tmp_path / "parallel.db", workers=1)
    assert parallel.workers == 1
    assert [f.to_dict() for f in serial.files] == [f.to_dict() for f in parallel.files]
    assert _rows(tmp_path / "serial.db") == _rows(tmp_path / "parallel.db")
