"""The writer: many documents to a transaction, each all or nothing; rows packed by a parser
process written as the same rows."""

from __future__ import annotations

import contextlib
import importlib
import re
import sqlite3
from pathlib import Path

import pytest

from repertoire import samples
from repertoire.bulk import CAN_PACK, image, put
from repertoire.read.pipeline import parse_bytes
from repertoire.store import UnreadableFile, connect, load
from repertoire.store.columns import COLUMNS
from repertoire.store.names import refresh_reference
from repertoire.store.processes import in_order
from repertoire.store.write import Prepared, Writer, pack, prepare
from tests.test_store_load import direct_alignment

write = importlib.import_module("repertoire.store.write")


def renumbered(number: int) -> bytes:
    """The sample as another section: its number, meeting records and symbols moved on."""
    text = samples.path().read_text(encoding="utf-8")
    shift = 1000 * number
    text = re.sub(r"^11\. ", f"{number}. ", text, count=1, flags=re.M)
    text = re.sub(r"S/PV\.(\d+)", lambda m: f"S/PV.{int(m.group(1)) + shift}", text)
    return re.sub(r"S/2023/(\d+)", lambda m: f"S/2023/{int(m.group(1)) + shift}", text).encode()


def prepared(number: int, name: str | None = None) -> Prepared:
    data = renumbered(number)
    return prepare(parse_bytes(data, name or f"part-{number}.txt"), data)


def broken(number: int) -> Prepared:
    """A document whose rows SQLite refuses (a decision with no kind)."""
    item = prepared(number)
    kind = COLUMNS["decisions"].index("kind")
    rows = item.rows.tables["decisions"]
    rows[0] = (*rows[0][:kind], None, *rows[0][kind + 1 :])
    return item


def opened(db: Path) -> sqlite3.Connection:
    conn = connect(db)
    refresh_reference(conn)
    return conn


def dump(conn: sqlite3.Connection) -> dict[str, list[tuple[object, ...]]]:
    dumped = {
        table: conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
        for table in (*COLUMNS, "alignment_counts")
    }
    dumped["documents"] = conn.execute(
        "SELECT id, path, sha256, size, errors, warnings, rows_version FROM documents"
    ).fetchall()
    # Every word of the search indexes, where it is.
    for table in ("paragraphs", "footnotes", "table_notes", "agenda_items"):
        conn.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_words "
            f"USING fts5vocab(main, {table}_fts, instance)"
        )
        dumped[f"{table}_fts"] = conn.execute(
            f"SELECT * FROM temp.{table}_words ORDER BY 1, 2, 3, 4"
        ).fetchall()
        conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('integrity-check')")
    return dumped


def test_documents_sharing_a_transaction_are_stored_as_one_by_one(tmp_path: Path) -> None:
    one = opened(tmp_path / "one.db")
    for number in (20, 21, 22):
        write.write_prepared(one, prepared(number), Path(f"part-{number}.txt"))
    many = opened(tmp_path / "many.db")
    writer = Writer(many)
    for number in (20, 21, 22):
        writer.write(prepared(number), Path(f"part-{number}.txt"))
    assert many.in_transaction  # one transaction for the three
    assert writer.commit() > 0
    assert not many.in_transaction
    assert dump(many) == dump(one)
    assert many.execute("SELECT * FROM alignment_counts ORDER BY 1, 2, 3").fetchall() == (
        direct_alignment(many)
    )


def test_packed_rows_are_written_as_the_same_rows(tmp_path: Path) -> None:
    bound, copied = opened(tmp_path / "bound.db"), opened(tmp_path / "copied.db")
    for number in (30, 31):
        write.write_prepared(bound, prepared(number), Path(f"part-{number}.txt"))
        item = pack(prepared(number))
        assert item.rows.image is not None
        assert not any(item.rows.tables.values())  # the image alone crosses
        result = write.write_prepared(copied, item, Path(f"part-{number}.txt"))
        assert result.counts["meetings"] == 6
    assert dump(copied) == dump(bound)
    # Nothing is left attached to the caller's connection.
    assert write.INCOMING not in [row[1] for row in copied.execute("PRAGMA database_list")]


def test_rows_that_cannot_be_packed_are_refused_by_the_writer(tmp_path: Path) -> None:
    item = prepared(40)
    number = COLUMNS["footnotes"].index("number")
    rows = item.rows.tables["footnotes"]
    rows[0] = (*rows[0][:number], 10**30, *rows[0][number + 1 :])  # no SQLite integer
    assert pack(item).rows.image is None
    conn = opened(tmp_path / "store.db")
    with pytest.raises(OverflowError):
        write.write_prepared(conn, item, Path("part-40.txt"))
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_a_refused_document_is_rolled_back_alone(tmp_path: Path) -> None:
    conn = opened(tmp_path / "store.db")
    writer = Writer(conn)
    first = writer.write(prepared(50), Path("part-50.txt"))
    with pytest.raises(sqlite3.IntegrityError, match="kind"):
        writer.write(broken(51), Path("part-51.txt"))
    third = writer.write(pack(prepared(52)), Path("part-52.txt"))
    writer.commit()
    stored = [row[0] for row in conn.execute("SELECT name FROM documents ORDER BY id")]
    assert stored == ["part-50.txt", "part-52.txt"]
    assert (first.status, third.status) == ("added", "added")
    # Ids run on from the rows kept: the refused document's are used again.
    assert [row[0] for row in conn.execute("SELECT id FROM sections")] == [1, 2]
    dump(conn)  # the search indexes hold what the tables hold
    assert conn.execute("SELECT * FROM alignment_counts ORDER BY 1, 2, 3").fetchall() == (
        direct_alignment(conn)
    )


def test_an_error_that_stops_the_load_keeps_the_documents_before_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = opened(tmp_path / "store.db")
    writer = Writer(conn)
    writer.write(prepared(60), Path("part-60.txt"))

    def boom(*args: object) -> None:
        raise RuntimeError("injected failure")

    monkeypatch.setattr(write, "insert_rows", boom)
    with pytest.raises(RuntimeError, match="injected"):
        writer.write(prepared(61), Path("part-61.txt"))
    assert not conn.in_transaction
    assert [row[0] for row in conn.execute("SELECT name FROM documents")] == ["part-60.txt"]
    dump(conn)


def test_a_lost_transaction_says_so_in_every_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = opened(tmp_path / "store.db")
    writer = Writer(conn)
    results = [writer.write(prepared(n), Path(f"part-{n}.txt")) for n in (70, 71)]
    assert [r.status for r in results] == ["added", "added"]

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(write, "add_alignment", full)
    with pytest.raises(sqlite3.OperationalError, match="full"):
        writer.commit()
    assert [r.status for r in results] == ["failed", "failed"]
    assert all(r.message and "full" in r.message and r.document_id is None for r in results)
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert not conn.in_transaction


def test_a_document_replaced_in_the_transaction_that_wrote_it(tmp_path: Path) -> None:
    conn = opened(tmp_path / "store.db")
    writer = Writer(conn)
    writer.write(prepared(80, "same.txt"), Path("same.txt"))
    again = writer.write(prepared(81, "same.txt"), Path("same.txt"))
    writer.commit()
    assert again.status == "replaced"
    assert [row[0] for row in conn.execute("SELECT number FROM sections")] == ["81"]
    dump(conn)  # the search indexes hold what the tables hold
    assert conn.execute("SELECT * FROM alignment_counts ORDER BY 1, 2, 3").fetchall() == (
        direct_alignment(conn)
    )


def test_the_caller_makes_its_own_batches_its_own_way() -> None:
    with contextlib.ExitStack() as stack:
        made = list(in_order(_tagged, [[1, 2], [3]], 0, stack, own=_mine))
    assert made == ["mine 1", "mine 2", "mine 3"]


def _tagged(batch: list[int]) -> list[str]:
    return [f"process {item}" for item in batch]


def _mine(batch: list[int]) -> list[str]:
    return [f"mine {item}" for item in batch]


def test_a_load_that_stops_keeps_the_files_written_before(tmp_path: Path) -> None:
    paths = []
    for number in (90, 91, 92):
        path = tmp_path / f"part-{number}.txt"
        path.write_bytes(renumbered(number))
        paths.append(path)

    def remove_the_last(done: int, total: int, path: Path) -> None:
        if done == 1:
            paths[-1].unlink()  # hashed, but gone when its turn comes

    with pytest.raises(UnreadableFile, match="no such file"):
        load(paths, tmp_path / "store.db", workers=0, progress=remove_the_last)
    conn = connect(tmp_path / "store.db")
    assert [row[0] for row in conn.execute("SELECT name FROM documents ORDER BY id")] == [
        "part-90.txt",
        "part-91.txt",
    ]
    assert not conn.in_transaction


def indexes(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name"
    ).fetchall()


def test_a_bulk_transaction_makes_the_indexes_once_at_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = opened(tmp_path / "bulk.db")
    made = indexes(conn)
    writer = Writer(conn, bulk=True)
    monkeypatch.setattr(write, "COMMIT_ROWS", 1)  # due at once, but for a bulk transaction
    for number in (100, 101):
        writer.write(prepared(number), Path(f"part-{number}.txt"))
    assert not writer.due
    dropped = {name for name, _ in made} - {name for name, _ in indexes(conn)}
    assert "positions_delegation" in dropped and "documents_sha256" not in dropped
    # An index led by a reference to a parent row grows at its end: kept.
    assert "positions_footnote" not in dropped and "meetings_section" not in dropped
    # Another connection sees the store as it was, every index in place.
    other = sqlite3.connect(tmp_path / "bulk.db")
    assert indexes(other) == made
    writer.commit()
    assert indexes(conn) == indexes(other) == made
    one = opened(tmp_path / "one.db")
    for number in (100, 101):
        write.write_prepared(one, prepared(number), Path(f"part-{number}.txt"))
    assert dump(conn) == dump(one)
    # A later transaction keeps its indexes.
    writer.write(prepared(102), Path("part-102.txt"))
    assert indexes(conn) == made
    writer.commit()


def test_a_lost_bulk_transaction_leaves_every_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = opened(tmp_path / "store.db")
    made = indexes(conn)
    writer = Writer(conn, bulk=True)
    writer.write(prepared(110), Path("part-110.txt"))
    assert indexes(conn) != made

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(write, "add_alignment", full)
    with pytest.raises(sqlite3.OperationalError, match="full"):
        writer.commit()
    assert indexes(conn) == made
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0
    assert journal(conn) == "wal"  # back to the log, though the transaction was lost


def journal(conn: sqlite3.Connection) -> str:
    return str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()


def test_a_bulk_transaction_alone_on_the_store_is_written_without_the_log(
    tmp_path: Path,
) -> None:
    db = tmp_path / "store.db"
    conn = opened(db)
    writer = Writer(conn, bulk=True)
    writer.write(prepared(130), Path("part-130.txt"))
    # Its pages go once into the database, not first into the write-ahead log.
    assert journal(conn) == "delete"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL: NORMAL needs the log
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    writer.write(prepared(131), Path("part-131.txt"))
    writer.commit()
    assert journal(conn) == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    one = opened(tmp_path / "one.db")
    for number in (130, 131):
        write.write_prepared(one, prepared(number), Path(f"part-{number}.txt"))
    assert dump(conn) == dump(one)
    # A later transaction is written with the log, as any other.
    writer.write(prepared(132), Path("part-132.txt"))
    assert journal(conn) == "wal"
    writer.commit()


def test_a_bulk_transaction_keeps_the_log_when_the_store_is_open_elsewhere(
    tmp_path: Path,
) -> None:
    db = tmp_path / "store.db"
    conn = opened(db)
    reader = sqlite3.connect(db)
    assert reader.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    writer = Writer(conn, bulk=True)
    writer.write(prepared(133), Path("part-133.txt"))
    assert journal(conn) == "wal"
    # The reader goes on reading the store as it was, never waiting.
    assert reader.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    writer.commit()
    assert reader.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    assert journal(conn) == "wal"


def test_a_first_load_of_many_files_that_stops_keeps_its_indexes(tmp_path: Path) -> None:
    paths = []
    for number in range(120, 129):
        path = tmp_path / f"part-{number}.txt"
        path.write_bytes(renumbered(number))
        paths.append(path)
    made = indexes(opened(tmp_path / "fresh.db"))

    def remove_the_last(done: int, total: int, path: Path) -> None:
        if done == 1:
            paths[-1].unlink()

    with pytest.raises(UnreadableFile, match="no such file"):
        load(paths, tmp_path / "store.db", workers=0, progress=remove_the_last)
    conn = connect(tmp_path / "store.db")
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 8
    assert indexes(conn) == made
    dump(conn)  # the search indexes hold what the tables hold
    # As the load left it (``connect`` would switch it to the log).
    assert journal(sqlite3.connect(tmp_path / "store.db")) == "wal"


@pytest.mark.skipif(not CAN_PACK, reason="this SQLite makes no database images")
def test_an_image_holds_its_rows_and_none_is_made_of_a_value_sqlite_refuses() -> None:
    table = ("CREATE TABLE t (id INTEGER PRIMARY KEY, a)", "INSERT INTO t VALUES (?, ?)")
    made = image([(*table, [(1, "x"), (2, None)])])
    assert made is not None
    conn = sqlite3.connect(":memory:")
    conn.deserialize(made)
    assert conn.execute("SELECT id, a FROM t ORDER BY id").fetchall() == [(1, "x"), (2, None)]
    conn.close()
    assert image([(*table, [(1, 2**70)])]) is None  # too large an integer


@pytest.mark.skipif(not CAN_PACK, reason="this SQLite makes no database images")
def test_an_image_binds_none_as_null_and_leaves_the_adapters_as_it_found_them() -> None:
    table = ("CREATE TABLE t (id INTEGER PRIMARY KEY, a)", "INSERT INTO t VALUES (?, ?)")
    key = (type(None), sqlite3.PrepareProtocol)
    before = dict(sqlite3.adapters)

    def stored(data: bytes | None) -> list[tuple[int, object]]:
        assert data is not None
        conn = sqlite3.connect(":memory:")
        conn.deserialize(data)
        rows = conn.execute("SELECT id, a FROM t ORDER BY id").fetchall()
        conn.close()
        return rows

    assert stored(image([(*table, [(1, None), (2, "x")])])) == [(1, None), (2, "x")]
    assert dict(sqlite3.adapters) == before
    assert image([(*table, [(1, 2**70)])]) is None  # refused: the adapters are as they were
    assert dict(sqlite3.adapters) == before

    # An adapter for None that the caller registered is its own: kept, and used.
    def spelt(value: None) -> str:
        return "none"

    sqlite3.register_adapter(type(None), spelt)
    try:
        assert stored(image([(*table, [(1, None)])])) == [(1, "none")]
        assert sqlite3.adapters[key] is spelt
    finally:
        sqlite3.adapters.pop(key, None)


@pytest.mark.skipif(not CAN_PACK, reason="this SQLite makes no images")
def test_a_statement_prepared_on_an_image_reads_the_next_one_right() -> None:
    # A statement runs unprepared again on an image of the same layout: each table must be
    # where it was in the image before, however many rows the tables before it hold (an
    # import of texts once failed when the first table's rows moved the second's).
    tables = (
        "CREATE TABLE t (id INTEGER PRIMARY KEY, v)",
        "CREATE TABLE u (id INTEGER PRIMARY KEY, w)",
    )

    def made(t_rows: int, u_rows: list[tuple[int, str]]) -> bytes:
        data = image(
            [
                (tables[0], "INSERT INTO t VALUES (?, ?)", [(n, "x" * 500) for n in range(t_rows)]),
                (tables[1], "INSERT INTO u VALUES (?, ?)", u_rows),
            ]
        )
        assert data is not None
        return data

    # Another layout: u alone, whose rows a statement prepared on the others must not miss.
    other = image([(tables[1], "INSERT INTO u VALUES (?, ?)", [(1, "f")])])
    assert other is not None
    conn = sqlite3.connect(":memory:", isolation_level=None)
    conn.execute("ATTACH DATABASE ':memory:' AS incoming")
    conn.execute("BEGIN")
    versions, values = [], []
    for data in (made(1, [(1, "a")]), made(300, [(1, "b"), (2, "c")]), other, made(0, [])):
        put(conn, "incoming", data)
        versions.append(conn.execute("PRAGMA incoming.schema_version").fetchone()[0])
        values.append([w for (w,) in conn.execute("SELECT w FROM incoming.u ORDER BY id")])
    assert values == [["a"], ["b", "c"], ["f"], []]
    # One version for a layout, another for another.
    assert versions[0] == versions[1] == versions[3] != versions[2]
