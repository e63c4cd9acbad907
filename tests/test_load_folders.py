"""`load` of folders, and how many parser processes a load uses."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from repertoire import samples
from repertoire.cli import main
from repertoire.store import UnreadableFile, connect, load

load_module = importlib.import_module("repertoire.store.load")
processes = importlib.import_module("repertoire.store.processes")


def _section(number: int) -> str:
    """The sample as another section: its number, meeting records and symbols moved on."""
    text = samples.path().read_text(encoding="utf-8")
    text = re.sub(r"^11\. ", f"{number}. ", text, count=1, flags=re.M)
    shift = 1000 * number
    text = re.sub(r"S/PV\.(\d+)", lambda m: f"S/PV.{int(m.group(1)) + shift}", text)
    return re.sub(r"S/2023/(\d+)", lambda m: f"S/2023/{int(m.group(1)) + shift}", text)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Sections at two depths, with what a folder of them also holds."""
    root = tmp_path / "sections"
    (root / "part-2").mkdir(parents=True)
    (root / "part-1").mkdir()
    (root / ".cache").mkdir()
    (root / "part-2" / "b.txt").write_text(_section(22), encoding="utf-8")
    (root / "part-1" / "a.md").write_text(_section(21), encoding="utf-8")
    (root / "top.TXT").write_text(_section(23), encoding="utf-8")
    (root / ".hidden.txt").write_text(_section(24), encoding="utf-8")
    (root / ".cache" / "c.txt").write_text(_section(25), encoding="utf-8")
    (root / "notes.json").write_text("{}", encoding="utf-8")
    (root / "store.db").write_bytes(b"SQLite format 3\x00")
    return root


def test_a_folder_stands_for_its_text_files_sorted(folder: Path) -> None:
    found = load_module.text_files([folder])
    assert [p.relative_to(folder).as_posix() for p in found] == [
        "part-1/a.md",
        "part-2/b.txt",
        "top.TXT",
    ]
    # A file named is taken whatever its suffix, in the order given, beside a folder's files.
    named = folder / "notes.json"
    assert load_module.text_files([named, folder])[:2] == [named, folder / "part-1" / "a.md"]


def test_load_a_folder(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    report = load([folder], db)
    assert [Path(d.path).name for d in report.documents] == ["a.md", "b.txt", "top.TXT"]
    assert {d.status for d in report.documents} == {"added"}
    conn = connect(db)
    numbers = [r[0] for r in conn.execute("SELECT number FROM sections ORDER BY id")]
    conn.close()
    assert numbers == ["21", "22", "23"]
    again = load([folder], db)
    assert again.summary()["unchanged"] == 3


def test_load_a_folder_from_the_command_line(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    result = CliRunner().invoke(main, ["load", str(folder), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["summary"]["added"] == 3


def test_a_folder_without_text_files_is_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / ".git").mkdir(parents=True)
    (empty / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    db = tmp_path / "store.db"
    with pytest.raises(UnreadableFile, match=r"no text files \(\*\.txt.*\) in the folder"):
        load([samples.path(), empty], db)
    assert not db.exists()  # every path is checked before anything is loaded
    result = CliRunner().invoke(main, ["load", str(empty), "--db", str(db)])
    assert result.exit_code == 2
    assert result.output.startswith("Error: no text files") and "Traceback" not in result.output


@pytest.mark.parametrize(
    ("sizes", "cores", "workers"),
    [
        ([1 << 20] * 100, 1, 0),  # one core: nothing to run beside the writer
        ([1 << 20] * 100, 2, 1),  # two: one beside the writer, which parses too
        ([1 << 20] * 100, 3, 2),
        ([1 << 20] * 100, 16, processes.MOST_WORKERS),
        ([1 << 10] * 100, 16, 0),  # little work: starting processes would cost more
        ([8 << 20] * 2, 16, 0),  # few files
    ],
)
def test_parser_processes_only_where_they_are_quicker(
    sizes: list[int], cores: int, workers: int
) -> None:
    assert processes.workers_for(sizes, cores) == workers


@pytest.mark.parametrize(
    ("cores", "idle", "workers"),
    [
        (2, 1.0, 1),  # the other core free: a parser process there
        (2, 0.3, 0),  # others keep it busy: it would only take a share from the writer
        (2, None, 1),  # unknown: taken as free
        (16, 2.6, 3),
        (16, 15.0, processes.MOST_WORKERS),
        (4, 3.0, 3),
    ],
)
def test_parser_processes_only_on_cpus_others_leave_idle(
    cores: int, idle: float | None, workers: int
) -> None:
    assert processes.workers_for([1 << 20] * 100, cores, idle) == workers


def _stat(path: Path, idle: int, busy: int) -> None:
    # user nice system idle iowait irq softirq steal, then one line per CPU
    path.write_text(f"cpu  {busy} 0 0 {idle} 0 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n")


def test_idle_cpus_are_read_from_the_kernels_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(processes.IdleCpus, "SHORTEST", 0.0)
    stat = tmp_path / "stat"
    _stat(stat, idle=1000, busy=1000)
    idle = processes.IdleCpus(stat)
    _stat(stat, idle=1300, busy=1100)  # idle 300 of the 400 ticks since
    assert idle.now() == pytest.approx(0.75 * (os.cpu_count() or 1))
    stat.write_text("cpu  not numbers\n")
    assert idle.now() is None
    assert processes.IdleCpus(tmp_path / "missing").now() is None


def test_a_load_says_how_many_parser_processes_it_ran(tmp_path: Path) -> None:
    root = tmp_path / "many"
    root.mkdir()
    for index in range(load_module.PARALLEL_AFTER):
        (root / f"{index:02}.txt").write_text(_section(60 + index), encoding="utf-8")
    assert load([root], tmp_path / "one.db", workers=1).workers == 1
    assert load([root], tmp_path / "none.db", workers=0).workers == 0
    # Little work: the writer parses it all by default.
    assert load([root], tmp_path / "default.db").workers == 0


def test_batches_keep_the_order_and_are_bounded(tmp_path: Path) -> None:
    paths = []
    for index in range(40):
        path = tmp_path / f"{index:02}.txt"
        path.write_bytes(b"x" * (100 << 10))
        paths.append(path)
    batches = load_module._batches(paths, workers=2)
    assert [p for batch in batches for p in batch] == paths
    assert len(batches) >= 2 * processes.AHEAD  # every process has several
    most = processes.BATCH_BYTES // (100 << 10)
    assert all(1 <= len(batch) <= max(1, most) for batch in batches)
    assert load_module._batches(paths[:1], workers=4) == [paths[:1]]


def test_parallel_load_of_a_folder_gives_what_one_process_does(tmp_path: Path) -> None:
    root = tmp_path / "many"
    root.mkdir()
    for index in range(load_module.PARALLEL_AFTER + 2):
        (root / f"{index:02}.txt").write_text(_section(30 + index), encoding="utf-8")
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    load([root], here, workers=0)
    report = load([root], there, workers=2)
    assert [Path(d.path).name for d in report.documents] == sorted(p.name for p in root.iterdir())

    def dump(db: Path) -> list[tuple[object, ...]]:
        with contextlib.closing(connect(db)) as conn:
            return conn.execute(
                "SELECT s.id, s.number, count(m.id) FROM sections s "
                "LEFT JOIN meetings m ON m.section_id = s.id GROUP BY s.id ORDER BY s.id"
            ).fetchall()

    assert dump(here) == dump(there)


def test_the_help_names_every_suffix_a_folder_is_read_for() -> None:
    from repertoire.cli.store import load as load_command

    assert load_command.help is not None
    for suffix in load_module.TEXT_SUFFIXES:
        assert f"*{suffix}" in load_command.help
