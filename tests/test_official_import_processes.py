"""Import with files read in processes beside the writer: the store's rows, ids and order
and the report are those of an import read in one process; a file the reader fails on, or
whose process dies, costs only that file; an error leaves no process behind and nothing
written."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import ExitStack, closing
from pathlib import Path
from typing import Any

import pytest

import repertoire.official as official_module
from repertoire.official.records import Attestation, OfficialDecision, OfficialMeeting, Tally
from repertoire.store import official as store_official
from repertoire.store import processes, text_rows
from repertoire.store.official import ImportReport, import_official
from tests.test_official_akn import DRAFT
from tests.test_official_texts import BODY, PREAMBLE, STATEMENT, resolution
from tests.test_official_unxml import LINE, lines


def _texts(folder: Path, first: int, last: int) -> None:
    """Resolutions ``first``..``last`` in English, with one in French, a broken file, a
    statement by the President and a file of no known kind among them."""
    english = folder / "2099" / "English"
    english.mkdir(parents=True, exist_ok=True)
    for number in range(first, last + 1):
        text = resolution(BODY, preamble=PREAMBLE if number % 2 else "")
        (english / f"S_RES_{number}_E.xml").write_bytes(
            text.replace(b"S/RES/1234 (2099)", f"S/RES/{number} (2099)".encode())
        )
    (english / f"S_RES_{first}_F.xml").write_bytes(resolution(BODY, language="fra"))
    (english / f"S_RES_{first}_broken.xml").write_bytes(resolution(BODY)[:-60])
    statement = STATEMENT if isinstance(STATEMENT, bytes) else STATEMENT.encode()
    (english / "S_PRST_2099_9.xml").write_bytes(statement)
    (folder / "README.md").write_text("# texts\n", encoding="utf-8")


def _rows(db: Path) -> dict[str, Any]:
    """Every row of every table (but times of import, the search index's own layout and the
    schema's history), in order of their columns (ids first), and what a search finds."""
    with closing(sqlite3.connect(db)) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite%' AND name NOT LIKE '%fts%'"
                " AND name NOT IN ('schema_version', 'audit_state')"
            )
        ]
        out: dict[str, Any] = {}
        for table in tables:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            kept = [f'"{c}"' for c in columns if c != "imported_at"]
            order = ", ".join(str(n) for n in range(1, len(kept) + 1))
            out[table] = conn.execute(
                f"SELECT {', '.join(kept)} FROM {table} ORDER BY {order}"
            ).fetchall()
        out["search"] = conn.execute(
            "SELECT rowid, round(bm25(decision_paragraphs_fts), 6) FROM decision_paragraphs_fts"
            " WHERE decision_paragraphs_fts MATCH 'mandate OR restraint' ORDER BY rowid"
        ).fetchall()
    return out


def _report(report: ImportReport) -> list[dict[str, Any]]:
    return [{**f.to_dict(), "path": Path(f.path).name} for f in report.files]


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of a file or two, so that a few files make many, every one read by a
    process; the search index filled every few paragraphs."""
    monkeypatch.setattr(processes, "BATCH_BYTES", 2_000)
    monkeypatch.setattr(processes, "CALLER_READS", False)
    monkeypatch.setattr("repertoire.store.texts.FILL_AFTER", 5)
    monkeypatch.setattr("repertoire.store.texts.ROWS_AFTER", 3)


def _both(tmp_path: Path, paths: list[Path], **kw: Any) -> tuple[ImportReport, ImportReport]:
    serial = import_official(paths, tmp_path / "serial.db", workers=0, **kw)
    parallel = import_official(paths, tmp_path / "parallel.db", workers=2, **kw)
    return serial, parallel


def test_texts_read_in_processes_give_the_rows_of_one_process(
    tmp_path: Path, small_batches: None
) -> None:
    folder = tmp_path / "texts"
    _texts(folder, 1, 12)
    seen: list[int] = []
    serial, parallel = _both(
        tmp_path, [folder], progress=lambda done, total, path: seen.append(done)
    )
    assert (serial.workers, parallel.workers) == (0, 2)
    assert _report(serial) == _report(parallel)
    assert {f["status"] for f in _report(parallel)} == {"imported", "skipped"}
    assert _rows(tmp_path / "serial.db") == _rows(tmp_path / "parallel.db")
    assert seen == list(range(1, len(serial.files) + 1)) * 2
    # Ids run from 1 in the order the files were found, whatever the batches.
    rows = _rows(tmp_path / "parallel.db")
    assert [row[0] for row in rows["official_files"]] == list(range(1, 15))
    assert [row[0] for row in rows["decision_paragraphs"]] == list(
        range(1, len(rows["decision_paragraphs"]) + 1)
    )
    assert rows["search"]


def test_files_of_other_kinds_among_the_texts_keep_the_order_of_one_process(
    tmp_path: Path, small_batches: None
) -> None:
    folder = tmp_path / "in"
    (folder / "a-drafts").mkdir(parents=True)
    (folder / "a-drafts" / "draft.xml").write_bytes(DRAFT)
    _texts(folder / "b-texts", 1, 8)
    # Sorted after the texts: written after the texts read before it.
    (folder / "zz.jsonl").write_bytes(lines(LINE))
    serial, parallel = _both(tmp_path, [folder])
    assert _report(serial) == _report(parallel)
    kinds = [f.kind for f in parallel.files if f.status == "imported"]
    assert kinds[0] == "akn4un" and kinds[-1] == "unxml-resolutions"
    assert _rows(tmp_path / "serial.db") == _rows(tmp_path / "parallel.db")


def test_changed_texts_among_new_ones_keep_the_ids_of_one_process(
    tmp_path: Path, small_batches: None
) -> None:
    folder = tmp_path / "texts"
    _texts(folder, 5, 9)
    import_official([folder], tmp_path / "serial.db", workers=0)
    import_official([folder], tmp_path / "parallel.db", workers=0)
    _texts(folder, 10, 16)
    (folder / "2099" / "English" / "S_RES_9_E.xml").write_bytes(
        resolution(BODY).replace(b"S/RES/1234 (2099)", b"S/RES/9 (2099)")
    )
    serial, parallel = _both(tmp_path, [folder])
    assert _report(serial) == _report(parallel)
    assert [f["path"] for f in _report(parallel) if f["status"] == "replaced"] == ["S_RES_9_E.xml"]
    statuses = {f["status"] for f in _report(parallel)}
    assert statuses == {"imported", "replaced", "unchanged", "skipped"}
    assert _rows(tmp_path / "serial.db") == _rows(tmp_path / "parallel.db")


def test_files_held_unchanged_are_never_handed_to_a_process(
    tmp_path: Path, small_batches: None
) -> None:
    folder = tmp_path / "texts"
    _texts(folder, 1, 12)
    db = tmp_path / "texts.db"
    assert import_official([folder], db, workers=2).workers == 2
    before = _rows(db)
    # Held at the size they have: hashed by the writer, and no process started for them.
    again = import_official([folder], db, workers=2)
    assert again.workers == 0
    assert {f["status"] for f in _report(again)} == {"unchanged", "skipped"}
    assert _rows(db) == before
    # Changed but of the same size: read again, and replaced.
    changed = folder / "2099" / "English" / "S_RES_3_E.xml"
    raw = changed.read_bytes()
    assert b"mandate" in raw
    changed.write_bytes(raw.replace(b"mandate", b"MANDATE", 1))
    third = import_official([folder], db, workers=2)
    assert [f["path"] for f in _report(third) if f["status"] == "replaced"] == ["S_RES_3_E.xml"]


def test_a_script_with_no_main_guard_runs_once(tmp_path: Path) -> None:
    # Spawned processes import the caller's main module unless told not to: a script with
    # no `if __name__ == "__main__":` would run again in each (and fail to start its own).
    folder = tmp_path / "texts"
    _texts(folder, 1, 12)
    script = tmp_path / "script.py"
    script.write_text(
        "import sys\n"
        "from repertoire.store import processes\n"
        "from repertoire.store.official import import_official\n"
        "processes.CALLER_READS = False\n"
        "print('ran')\n"
        "report = import_official([sys.argv[1]], sys.argv[2], workers=2)\n"
        "print(report.workers, report.summary()['imported'])\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(script), str(folder), str(tmp_path / "texts.db")],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert done.stdout.split("\n")[:2] == ["ran", "2 14"]
    assert "Traceback" not in done.stderr


def test_a_file_the_reader_fails_on_costs_only_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "texts"
    _texts(folder, 1, 4)
    real = official_module.read_bytes

    def failing(raw: bytes, path: str, kind: str | None = None) -> Any:
        if path.endswith("S_RES_3_E.xml"):
            raise ValueError("a bug in the reader")
        return real(raw, path, kind)

    monkeypatch.setattr(official_module, "read_bytes", failing)
    report = import_official([folder], tmp_path / "t.db", workers=0)
    failed = [f for f in report.files if f.status == "unreadable"]
    assert [Path(f.path).name for f in failed] == ["S_RES_3_E.xml"]
    assert failed[0].message == "the reader failed on it (ValueError: a bug in the reader)"
    assert report.summary()["imported"] == 5  # resolutions 1, 2 and 4, the broken one, the PRST


def test_an_unreadable_file_is_reported_and_the_others_imported(
    tmp_path: Path, small_batches: None
) -> None:
    folder = tmp_path / "texts"
    _texts(folder, 1, 10)
    missing = tmp_path / "gone.xml"  # named, but not there when it is read
    serial, parallel = _both(tmp_path, [folder / "2099", missing, folder / "README.md"])
    assert _report(serial) == _report(parallel)
    unreadable = parallel.by_status("unreadable")
    assert [(Path(f.path).name, f.message) for f in unreadable] == [
        ("gone.xml", "No such file or directory")
    ]
    assert parallel.files[-1].status == "skipped"  # the file after it is read all the same
    assert _rows(tmp_path / "serial.db") == _rows(tmp_path / "parallel.db")


def _dies_on_three(batch: list[int]) -> list[int]:
    """Kills its process on the item 3 (not in the caller's), and in any process on 99."""
    if 99 in batch or (3 in batch and multiprocessing.parent_process() is not None):
        os._exit(1)
    return [item * 10 for item in batch]


def _dies_in_a_process(batch: list[int]) -> list[int]:
    if multiprocessing.parent_process() is not None:
        os._exit(1)
    return [item * 10 for item in batch]


def _left_running() -> list[multiprocessing.process.BaseProcess]:
    """Processes still running once those already told to stop have ended: on a busy
    machine, a process of a broken pool may still be on its way out when the pool is shut."""
    for child in multiprocessing.active_children():
        child.join(timeout=60)
    return [child for child in multiprocessing.active_children() if child.is_alive()]


def test_a_process_that_dies_costs_only_the_item_it_died_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every batch read by the process: the caller would take back those it has not begun.
    monkeypatch.setattr(processes, "CALLER_READS", False)
    work = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12]]
    with ExitStack() as stack:
        made = list(
            processes.in_order(_dies_on_three, work, 1, stack, lost=lambda item, error: -item)
        )
    assert made == [10, 20, -3, 40, 50, 60, 70, 80, 90, 100, 110, 120]
    assert _left_running() == []


def test_processes_that_cannot_run_leave_the_caller_to_read_alone() -> None:
    work = [[n] for n in range(1, 9)]
    with ExitStack() as stack:
        made = list(processes.in_order(_dies_in_a_process, work, 2, stack))
    assert made == [n * 10 for n in range(1, 9)]
    assert _left_running() == []


def test_an_error_while_reading_leaves_no_process_and_nothing_written(
    tmp_path: Path, small_batches: None
) -> None:
    folder = tmp_path / "texts"
    _texts(folder, 1, 20)
    db = tmp_path / "t.db"

    def interrupt(done: int, total: int, path: Path) -> None:
        if done == 12:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_official([folder], db, workers=2, progress=interrupt)
    assert multiprocessing.active_children() == []
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT count(*) FROM official_files").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM decision_paragraphs").fetchone() == (0,)
    # Nothing was kept of it: the next import writes every file.
    assert import_official([folder], db, workers=2).summary()["imported"] == 22


def test_a_reading_process_killed_from_outside_loses_nothing(
    tmp_path: Path, small_batches: None
) -> None:
    folder = tmp_path / "texts"
    _texts(folder, 1, 20)
    killed: list[int] = []

    def kill(done: int, total: int, path: Path) -> None:
        if done in (4, 12):
            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)
                killed.append(child.pid)

    serial = import_official([folder], tmp_path / "serial.db", workers=0)
    parallel = import_official([folder], tmp_path / "parallel.db", workers=1, progress=kill)
    assert len(killed) == 2
    assert _report(serial) == _report(parallel)
    assert _rows(tmp_path / "serial.db") == _rows(tmp_path / "parallel.db")
    assert multiprocessing.active_children() == []


def test_small_imports_are_read_in_one_process(tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    _texts(folder, 1, processes.PARALLEL_AFTER - 5)
    assert len(list(official_module.files([folder]))) < processes.PARALLEL_AFTER
    assert import_official([folder], tmp_path / "t.db").workers == 0


def test_processes_are_chosen_without_the_kernels_counts(tmp_path: Path) -> None:
    idle = processes.IdleCpus(tmp_path / "no-stat")
    sizes = [1 << 20] * 40
    assert processes.choose(sizes, idle) == processes.workers_for(sizes, processes.cpus())
    assert processes.choose([1 << 10] * 40, idle) == 0


def test_an_import_asks_for_more_work_than_a_load_before_starting_a_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ten megabytes of sections repay a parser process; of official files they do not.
    sizes = [1 << 20] * 10
    assert processes.workers_for(sizes, 2) == 1
    assert processes.workers_for(sizes, 2, least=store_official.PARALLEL_BYTES) == 0
    assert processes.workers_for(sizes * 2, 2, least=store_official.PARALLEL_BYTES) == 1
    asked: list[int] = []

    def choose(sizes: list[int], idle: processes.IdleCpus, least: int) -> int:
        asked.append(least)
        return 0

    monkeypatch.setattr(store_official, "choose", choose)
    folder = tmp_path / "texts"
    _texts(folder, 1, 12)
    assert import_official([folder], tmp_path / "t.db").workers == 0
    assert asked == [store_official.PARALLEL_BYTES]


def _where(batch: list[int]) -> list[tuple[int, bool]]:
    """Each item with whether a process read it; a process takes its time."""
    if in_process := multiprocessing.parent_process() is not None:
        time.sleep(0.5)
    return [(item, in_process) for item in batch]


def test_the_caller_takes_back_what_no_process_has_begun() -> None:
    work = [[n] for n in range(1, 7)]
    with ExitStack() as stack:
        made = list(processes.in_order(_where, work, 1, stack))
    assert [item for item, _ in made] == list(range(1, 7))
    # All six were handed out at once; the process begins at most two before the caller,
    # with nothing left to hand out, reads the others.
    assert sum(not in_process for _, in_process in made) >= 4
    assert multiprocessing.active_children() == []


def test_texts_are_written_after_the_files_that_state_facts(
    tmp_path: Path, small_batches: None
) -> None:
    folder = tmp_path / "in"
    _texts(folder / "a-texts", 1, 6)
    # Sorted after the texts, but written before them: the merged tables are made from it
    # while the texts are still being read.
    (folder / "zz.jsonl").write_bytes(lines(LINE))
    serial, parallel = _both(tmp_path, [folder])
    assert _report(serial) == _report(parallel)
    # The report keeps the order found.
    imported = [f.kind for f in parallel.files if f.status == "imported"]
    assert imported[-1] == "unxml-resolutions" and set(imported[:-1]) == {"akn4un-text"}
    rows = _rows(tmp_path / "parallel.db")
    assert rows == _rows(tmp_path / "serial.db")
    kinds = [row[2] for row in sorted(rows["official_files"])]
    assert kinds[0] == "unxml-resolutions" and set(kinds[1:]) == {"akn4un-text"}
    assert [row[1] for row in rows["council_decisions"] if row[0] == "all"] == ["S/RES/1234(2099)"]


def test_a_file_that_only_looked_like_a_text_is_merged_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    _texts(folder / "b-texts", 1, 3)
    (folder / "a.jsonl").write_bytes(lines(LINE))
    later = {**LINE, "symbol": "S/RES/1235 (2099)", "draft_resolution": "S/2099/13"}
    (folder / "zz.jsonl").write_bytes(lines(later))
    plain = import_official([folder], tmp_path / "plain.db", workers=0)
    looks = official_module.looks_like_text
    # The last file looks like a text at first sight: it comes after the merged tables were
    # made from the first, which are made again with it.
    monkeypatch.setattr(
        official_module,
        "looks_like_text",
        lambda path, size=4096: Path(path).name == "zz.jsonl" or looks(path, size),
    )
    fooled = import_official([folder], tmp_path / "fooled.db", workers=0)
    assert _report(plain) == _report(fooled)

    def decided(db: Path) -> list[tuple[Any, ...]]:
        with closing(sqlite3.connect(db)) as conn:
            return conn.execute(
                "SELECT scope, key, sources FROM council_decisions ORDER BY scope, key"
            ).fetchall()

    merged = decided(tmp_path / "fooled.db")
    assert merged == decided(tmp_path / "plain.db")
    assert [key for scope, key, _ in merged if scope == "all"] == [
        "S/RES/1234(2099)",
        "S/RES/1235(2099)",
    ]


def _same(batch: list[int]) -> list[int]:
    return batch


def test_processes_read_further_ahead_from_the_batch_the_caller_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(processes, "CALLER_READS", False)
    submitted: list[int] = []
    submit = processes._Pool.submit

    def counted(pool: Any, function: Any, batch: list[int]) -> Any:
        submitted.append(batch[0])
        return submit(pool, function, batch)

    monkeypatch.setattr(processes._Pool, "submit", counted)
    work = [[n] for n in range(1, 61)]
    with ExitStack() as stack:
        made = processes.in_order(_same, work, 1, stack, lead=(3, 40))
        given = [next(made) for _ in range(3)]
        # Before the fourth batch's results: at most the window (more than a process has in
        # hand at once); from them on, as many as asked for.
        assert len(submitted) <= processes.WINDOW + 3 < 40
        given.append(next(made))
        assert len(submitted) >= 40
        assert [*given, *made] == list(range(1, 61))


def test_what_a_process_reads_crosses_back_whole(tmp_path: Path) -> None:
    # What a reading process sends back is pickled: compiled classes must come back equal.
    _texts(tmp_path, 1, 2)
    (tmp_path / "2099.jsonl").write_bytes(lines(LINE))
    batch = [(str(p), p.name, None, None) for p in official_module.files([tmp_path])]
    for made in (official_module.read_files(batch), text_rows.read_files(batch)):
        assert any(got.read is not None and got.read.texts for got in made) or any(
            isinstance(got, text_rows.TextsRead) for got in made
        )
        assert pickle.loads(pickle.dumps(made)) == made


def test_every_field_of_an_official_record_crosses_back() -> None:
    # Each field set apart from its default: a field a record's pickling leaves out comes
    # back as its default, and the records differ.
    place = Attestation("library-meetings", "p.html", 3, 4, "/html/body/table/tr[4]/td[1]")
    tally = Tally("14-1-0", None, True, True, 2)
    made: list[Any] = [
        place,
        tally,
        OfficialMeeting("S/PV.1234", "2099-01-02", "2 January", ["t"], True, "SC/1", place),
    ]
    made.append(
        OfficialDecision(
            "draft_resolution",
            "S/2099/1",
            "S/PV.1234",
            "2099-01-02",
            "2 January",
            "S/2099/2",
            False,
            "vetoed",
            tally,
            ["A"],
            ["B"],
            ["C"],
            ["D"],
            ["E"],
            True,
            "agenda",
            "title",
            ["F"],
            True,
            {"symbol": "S/2099/3"},
            place,
        )
    )
    # Every field given a value of its own, apart from its default.
    decision = made[-1]
    for spec in dataclasses.fields(OfficialDecision):
        default = spec.default_factory() if callable(spec.default_factory) else spec.default
        assert getattr(decision, spec.name) != default, spec.name
    for record in made:
        back = pickle.loads(pickle.dumps(record))
        assert back == record
        assert [getattr(back, f.name) for f in dataclasses.fields(record)] == [
            getattr(record, f.name) for f in dataclasses.fields(record)
        ]
