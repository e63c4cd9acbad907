"""Speed of importing the texts of decisions, and of checking a section against them.

Import: every file of a texts folder (the UN's layout: ``YEAR/English/``, ``Pre-2020/``,
``PRST/``) is imported into a new store, against lxml merely parsing the same files'
bytes in the same process (targets: at most 4 times the bare parse, and 30 s).

Check: the bundled sample, and a file of ten sections (the sample ten times over), is read
and checked as ``repertoire check`` does, then read, checked and judged against the stored
texts as ``repertoire check --db`` does (the store opened once, as the command does;
target: at most 1.5 times; also as commands, each in a new interpreter, as a user runs
them; the processor time of opening and closing the store, which
parses its schema, and of the judging alone are given too). Each figure is the fastest
of its rounds, taken in turns, as time on the clock and as time the processor gave the
process (the import: with the processes that read files beside it, and SQLite's work in
the same thread) or the thread (the check): on a machine others share, the clock counts
their work too, the processor's time does not.
Run as ``python benchmarks/texts_bench.py [FOLDER]``;
without a folder, ``unxml/texts`` of the copies in ``../shared/reference/official``
beside the repository is used if present.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from repertoire import official, samples

# The store and the reader of sections are imported where they are used: the processes
# that read files for the import start by importing this module, as they would the
# command line's, which imports neither.

ROUNDS = 2
CHECK_RUNS = 30
COMMAND_RUNS = 10


def default_folder() -> Path | None:
    here = Path(__file__).resolve()
    for parent in here.parents[1:4]:
        folder = parent / "shared" / "reference" / "official" / "unxml" / "texts"
        if folder.is_dir():
            return folder
    return None


def _cpu() -> float:
    """Processor time of this process and of the processes it waited for (those that read
    files for the import)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def measure_import(folder: Path, work: Path, rounds: int = ROUNDS) -> dict[str, float]:
    """Fastest import of ``folder`` into a new store, and of bare lxml parsing, in turns."""
    from repertoire.store.official import import_official

    files = [p.read_bytes() for p in official.files([folder]) if p.suffix == ".xml"]
    import_times, bare_times, import_cpu, bare_cpu = [], [], [], []
    counts: dict[str, int] = {}
    for n in range(rounds):
        start, cpu = time.perf_counter(), time.process_time()
        for raw in files:
            etree.fromstring(raw, etree.XMLParser(recover=True))
        bare_times.append(time.perf_counter() - start)
        bare_cpu.append(time.process_time() - cpu)
        db = work / f"texts-{n}.db"
        start, cpu = time.perf_counter(), _cpu()
        report = import_official([folder], db)
        import_times.append(time.perf_counter() - start)
        import_cpu.append(_cpu() - cpu)
        counts = report.summary()
    import_s, bare_s = min(import_times), min(bare_times)
    return {
        "files": len(files),
        "imported": counts.get("imported", 0),
        "skipped": counts.get("skipped", 0),
        "import_s": import_s,
        "bare_parse_s": bare_s,
        "ratio": import_s / bare_s,
        "import_cpu_s": min(import_cpu),
        "bare_parse_cpu_s": min(bare_cpu),
        "cpu_ratio": min(import_cpu) / max(min(bare_cpu), 1e-9),
    }


def measure_check(db: Path, section: Path, runs: int = CHECK_RUNS) -> dict[str, float]:
    """Fastest ``check`` of ``section`` without the texts and with them (judged too), and of
    the latter's processor time, the store's opening and closing and the judging alone."""
    from repertoire.cli.read import read_path
    from repertoire.store import open_db
    from repertoire.store.judge import judge

    without, with_texts, without_cpu, with_texts_cpu = [], [], [], []
    store_cpu, judge_cpu = [], []
    judged = 0
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.thread_time()
        read_path(str(section)).all_findings()
        without.append(time.perf_counter() - start)
        without_cpu.append(time.thread_time() - cpu)
        start, cpu = time.perf_counter(), time.thread_time()
        document = read_path(str(section))
        opening = time.thread_time()
        with open_db(db) as conn:
            judging = time.thread_time()
            judgement = judge(document, conn)
            closing = time.thread_time()
        closed = time.thread_time()
        document.findings.extend(judgement.findings)
        document.all_findings()
        with_texts.append(time.perf_counter() - start)
        with_texts_cpu.append(time.thread_time() - cpu)
        store_cpu.append((judging - opening) + (closed - closing))
        judge_cpu.append(closing - judging)
        judged = judgement.checked
    plain, judged_s = min(without), min(with_texts)
    return {
        "check_s": plain,
        "check_texts_s": judged_s,
        "ratio": judged_s / plain,
        "check_cpu_s": min(without_cpu),
        "check_texts_cpu_s": min(with_texts_cpu),
        "cpu_ratio": min(with_texts_cpu) / max(min(without_cpu), 1e-9),
        "store_cpu_s": min(store_cpu),
        "judge_cpu_s": min(judge_cpu),
        "checked": judged,
    }


def measure_command(db: Path, section: Path, runs: int = COMMAND_RUNS) -> dict[str, float]:
    """Fastest ``repertoire check SECTION`` and ``... --db DB`` as a user runs them, each in a
    new interpreter (start-up and imports included), in turns."""
    run = [sys.executable, "-c", "import sys; from repertoire.cli import main; main()"]
    plain = [*run, "check", str(section)]
    judged = [*plain, "--db", str(db)]
    times: dict[int, list[float]] = {0: [], 1: []}
    for _ in range(runs):
        for n, command in enumerate((plain, judged)):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            times[n].append(time.perf_counter() - start)
    without, with_texts = min(times[0]), min(times[1])
    return {"check_s": without, "check_texts_s": with_texts, "ratio": with_texts / without}


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else default_folder()
    if folder is None or not folder.is_dir():
        print("texts of decisions not found: pass the folder that holds them")
        return 0
    with tempfile.TemporaryDirectory() as work:
        imported = measure_import(folder, Path(work))
        print(
            f"import of {imported['files']:,} XML files ({imported['imported']:,} imported, "
            f"{imported['skipped']:,} skipped): {imported['import_s']:.2f} s; bare lxml parse "
            f"{imported['bare_parse_s']:.2f} s; ratio {imported['ratio']:.1f}x; "
            f"processor time {imported['import_cpu_s']:.2f} s against "
            f"{imported['bare_parse_cpu_s']:.2f} s, ratio {imported['cpu_ratio']:.1f}x "
            "(targets: 4x, 30 s)"
        )
        # The sample alone, and a file of ten sections (the sample ten times over).
        longer = Path(work) / "ten-sections.txt"
        longer.write_text(samples.path().read_text(encoding="utf-8") * 10, encoding="utf-8")
        for name, section in (("the sample", samples.path()), ("ten sections", longer)):
            checked = measure_check(Path(work) / "texts-0.db", section)
            print(
                f"check of {name}: {checked['check_s'] * 1000:.1f} ms; with its "
                f"{checked['checked']:.0f} pinpoints judged against the texts "
                f"{checked['check_texts_s'] * 1000:.1f} ms; ratio {checked['ratio']:.2f}x; "
                f"processor time {checked['check_cpu_s'] * 1000:.1f} against "
                f"{checked['check_texts_cpu_s'] * 1000:.1f} ms, ratio "
                f"{checked['cpu_ratio']:.2f}x (target 1.5x); of it, opening and closing the "
                f"store {checked['store_cpu_s'] * 1000:.1f} ms, judging "
                f"{checked['judge_cpu_s'] * 1000:.1f} ms"
            )
        command = measure_command(Path(work) / "texts-0.db", samples.path())
        print(
            f"`repertoire check` of the sample as a command: {command['check_s'] * 1000:.0f} ms; "
            f"with --db {command['check_texts_s'] * 1000:.0f} ms; ratio {command['ratio']:.2f}x "
            "(target 1.5x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
