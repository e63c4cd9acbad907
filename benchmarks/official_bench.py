"""Speed of reading and importing the Council's official files against merely parsing them,
and of the questions asked of the store that holds them.

The yardstick is the parser libraries alone, in the same process: ``json.loads`` of every
line, lxml's HTML parser for the Library's pages, lxml's XML parser for AKN4UN and the
``csv`` module for the CSV. The ratios (ours / bare parsing) can be compared across
machines. Importing is timed into a new store (the bundled sample loaded first, so that
decisions meet across sources), then again (nothing to write). Each query behind the CLI
is then asked ``QUERY_RUNS`` times, varied, a page of rows at a time, and its p50 and p95
reported (target: p95 at most 50 ms). Reading and importing are measured twice: every
file, then the files that state meetings, decisions, votes and vetoes alone (the full texts
of decisions left out); targets: at most 4 and 8 times bare parsing. Run as ``python
benchmarks/official_bench.py [FOLDER...]``; without a folder, the copies in
``../shared/reference/official`` beside the repository are used if present.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

from repertoire import build, official, samples
from repertoire.official.common import clear_caches
from repertoire.store import connect, load, open_db, queries
from repertoire.store.official import import_official
from repertoire.store.schema import drop_indexes
from repertoire.store.text_rows import TEXT_KIND

ROUNDS = 3
QUERY_RUNS = 40
PAGE = 100


def default_folder() -> Path | None:
    here = Path(__file__).resolve()
    for parent in here.parents[1:4]:
        folder = parent / "shared" / "reference" / "official"
        if folder.is_dir():
            return folder
    return None


def _bare(raw: bytes, kind: str | None) -> None:
    if kind == "unxml-resolutions":
        for line in raw.decode("utf-8-sig").splitlines():
            if line.strip():
                json.loads(line)
    elif kind in ("akn4un", "akn4un-text"):
        etree.fromstring(raw, etree.XMLParser(recover=True))
    elif kind in ("library-meetings", "library-vetoes"):
        etree.fromstring(raw, etree.HTMLParser(recover=True))
    elif kind == "vetoes-csv":
        list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def measure(folders: list[Path], rounds: int = ROUNDS) -> dict[str, float]:
    """Fastest of ``rounds`` for reading everything and for bare parsing, taken in turns."""
    files = [(p, p.read_bytes()) for p in official.files(folders)]
    kinds = {p: official.detect(raw) for p, raw in files}
    read_times, bare_times, read_cpu, bare_cpu = [], [], [], []
    found: list[official.OfficialFile] = []
    for _ in range(rounds):
        clear_caches()
        start, cpu = time.perf_counter(), time.process_time()
        found = [official.read_bytes(raw, str(p)) for p, raw in files]
        read_times.append(time.perf_counter() - start)
        read_cpu.append(time.process_time() - cpu)
        start, cpu = time.perf_counter(), time.process_time()
        for p, raw in files:
            _bare(raw, kinds[p])
        bare_times.append(time.perf_counter() - start)
        bare_cpu.append(time.process_time() - cpu)
    read_s, bare_s = min(read_times), min(bare_times)
    return {
        "files": len(files),
        "megabytes": sum(len(raw) for _, raw in files) / 1e6,
        "meetings": sum(len(f.meetings) for f in found),
        "decisions": sum(len(f.decisions) for f in found),
        "vetoes": sum(len(f.vetoes) for f in found),
        "read_s": read_s,
        "bare_parse_s": bare_s,
        "ratio": read_s / bare_s if bare_s else float("inf"),
        # Processor time too: on a machine others share, wall times swing far more.
        "read_cpu_s": min(read_cpu),
        "bare_parse_cpu_s": min(bare_cpu),
    }


def measure_import(folders: list[Path], work: Path) -> dict[str, float]:
    """Seconds to import everything into a new store beside the sample, and a second time."""
    db = work / "official.db"
    load([samples.path()], db)
    clear_caches()
    start, cpu = time.perf_counter(), time.process_time()
    made = import_official(folders, db)
    first = time.perf_counter() - start
    first_cpu = time.process_time() - cpu
    start = time.perf_counter()
    again = import_official(folders, db)
    second = time.perf_counter() - start
    assert not again.changed
    return {
        "import_s": first,
        "import_cpu_s": first_cpu,
        "again_s": second,
        # This process's share of the first import's wall time (the rest is reading).
        "store_s": made.store_seconds,
        "merge_s": made.merge_seconds,
        "audit_s": made.audit_seconds,
        "db": str(db),  # type: ignore[dict-item]
    }


def measure_floor(db: Path, work: Path, rounds: int = ROUNDS) -> dict[str, float]:
    """The floor of an import: processor seconds to write the rows it wrote (those of the
    tables a store of the sample alone leaves empty) by plain ``executemany``, one
    statement per table, in one transaction, into a new store beside the sample, with
    the tables' indexes made after the rows and their search indexes filled once.
    Fastest of ``rounds``; what an import costs beyond it is reading and working out.
    Measured for every such table, then for the merged record's (``council_*``) alone:
    the rows the import must store beyond the files' own."""
    sample = work / "floor-sample.db"
    load([samples.path()], sample)
    with open_db(sample) as conn:
        schema = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
        searched = {
            match.group(1): name
            for name, sql in schema
            if (match := re.search(r"content='(\w+)'", sql or ""))
        }
        shadows = tuple(f"{name}_" for name in searched.values())
        empty = [
            name
            for name, sql in schema
            if not name.startswith(("sqlite_", *shadows))
            and not (sql or "").startswith("CREATE VIRTUAL")
            and conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == 0
        ]
    with open_db(db) as conn:
        rows = {table: conn.execute(f'SELECT * FROM "{table}"').fetchall() for table in empty}
    rows = {table: found for table, found in rows.items() if found}
    merged = {table: found for table, found in rows.items() if table.startswith("council_")}
    return {
        "rows": sum(map(len, rows.values())),
        "floor_cpu_s": _write_floor(sample, work, rows, searched, rounds),
        "merged_rows": sum(map(len, merged.values())),
        "merged_floor_cpu_s": _write_floor(sample, work, merged, searched, rounds),
    }


def _write_floor(
    sample: Path,
    work: Path,
    rows: dict[str, list[Any]],
    searched: dict[str, str],
    rounds: int,
) -> float:
    """Fastest processor seconds of ``rounds`` writes of ``rows`` into copies of ``sample``."""
    best = math.inf
    for number in range(rounds):
        target = work / f"floor-{number}.db"
        shutil.copy(sample, target)
        conn = connect(target)
        conn.execute("PRAGMA foreign_keys = OFF")  # the rows are those a store holds
        cpu = time.process_time()
        conn.execute("BEGIN IMMEDIATE")
        indexes = drop_indexes(conn, tuple(rows))
        for table, found in rows.items():
            marks = ", ".join("?" * len(found[0]))
            conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', found)
        for sql in indexes:
            conn.execute(sql)
        for table in rows:
            if table in searched:
                conn.execute(f"INSERT INTO {searched[table]}({searched[table]}) VALUES ('rebuild')")
        conn.execute("COMMIT")
        conn.close()
        best = min(best, time.process_time() - cpu)
    return best


def _percentiles(timings: list[float]) -> tuple[float, float]:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def measure_queries(
    db: Path, runs: int = QUERY_RUNS, seed: int = 1
) -> list[tuple[str, float, float]]:
    """(query, p50 ms, p95 ms) of every query behind the CLI, each over ``runs`` varied calls."""
    rng = random.Random(seed)
    with open_db(db) as conn:
        years = [y for (y,) in conn.execute("SELECT DISTINCT year FROM council_meetings")]
        voted = [y for (y,) in conn.execute("SELECT DISTINCT year FROM council_alignment")] or [
            None
        ]
        members = [m for (m,) in conn.execute("SELECT DISTINCT member FROM council_votes")]
        members = members or [None]  # a store without votes: every member
        keys = [k for (k,) in conn.execute("SELECT key FROM council_decisions LIMIT 500")]
        keys = keys or ["S/RES/1 (1946)"]
        words = ["sanctions", "Middle East", "peacekeeping", "admission of new members"]
        asked: dict[str, Callable[[], Any]] = {
            "meetings": lambda: queries.meetings(conn, limit=PAGE),
            "meetings --year": lambda: queries.meetings(conn, year=rng.choice(years), limit=PAGE),
            "meetings --item": lambda: queries.meetings(
                conn, item=rng.choice(["Cyprus", "Middle East", "Sudan"]), limit=PAGE
            ),
            "votes": lambda: queries.votes(conn, limit=PAGE),
            "votes --member --since": lambda: queries.votes(
                conn, member=rng.choice(members), since=2000, limit=PAGE
            ),
            "votes --vetoes": lambda: queries.votes(conn, vetoes=True, limit=PAGE),
            "votes --failed": lambda: queries.votes(conn, failed=True, limit=PAGE),
            "votes --source": lambda: queries.votes(
                conn, source="library-meetings", year=rng.choice(years), limit=PAGE
            ),
            "alignment": lambda: queries.alignment(conn),
            "alignment --year": lambda: queries.alignment(conn, year=rng.choice(voted)),
            "alignment --by-year": lambda: queries.alignment(
                conn, member=rng.choice(members), by_year=True
            ),
            "speakers": lambda: queries.speakers(conn, limit=PAGE),
            "cites": lambda: queries.cites(conn, rng.choice(keys), limit=PAGE),
            "search": lambda: queries.search(conn, rng.choice(words), limit=20),
            "findings": lambda: queries.findings(conn, limit=PAGE),
        }
        results = []
        for name, ask in asked.items():
            ask()  # warm the page cache
            timings = []
            for _ in range(runs):
                start = time.perf_counter()
                ask()
                timings.append(time.perf_counter() - start)
            results.append((name, *_percentiles(timings)))
    return results


def record_files(folders: list[Path]) -> list[Path]:
    """The files under ``folders`` that state meetings, decisions, votes and vetoes: every
    file of a known kind but the full texts of decisions."""
    return [
        path
        for path in official.files(folders)
        if official.detect(path.read_bytes()) not in (None, TEXT_KIND)
    ]


def report(label: str, paths: list[Path], queries_too: bool) -> None:
    """Print reading and importing ``paths`` against bare parsing (and the queries)."""
    result = measure(paths)
    print(
        f"{label}: {result['files']} files, {result['megabytes']:.1f} MB: "
        f"{result['meetings']} meetings, {result['decisions']} decisions, "
        f"{result['vetoes']} vetoes"
    )
    bare = result["bare_parse_s"]
    print(
        f"  read {result['read_s']:.2f} s, bare lxml/json/csv parsing "
        f"{bare:.2f} s, ratio {result['ratio']:.2f} "
        f"(processor time: ratio {result['read_cpu_s'] / result['bare_parse_cpu_s']:.2f})"
    )
    with tempfile.TemporaryDirectory() as work:
        imported = measure_import(paths, Path(work))
        print(
            f"  import into a new store {imported['import_s']:.2f} s (target 10 s), "
            f"ratio to bare parsing {imported['import_s'] / bare:.1f}; "
            f"again {imported['again_s']:.2f} s; processor time "
            f"{imported['import_cpu_s']:.2f} s, ratio "
            f"{imported['import_cpu_s'] / result['bare_parse_cpu_s']:.1f}"
        )
        parts = {
            "writing rows": imported["store_s"],
            "merged record": imported["merge_s"],
            "audit": imported["audit_s"],
        }
        parts["reading, the rest"] = imported["import_s"] - sum(parts.values())
        print(
            "  of the import's wall time, each against bare parsing: "
            + ", ".join(
                f"{name} {seconds:.2f} s ({seconds / bare:.1f})" for name, seconds in parts.items()
            )
        )
        floor = measure_floor(Path(imported["db"]), Path(work))
        print(
            f"  floor: the import's {floor['rows']:,} rows written by plain executemany, "
            f"processor time {floor['floor_cpu_s']:.2f} s, ratio to bare parsing "
            f"{floor['floor_cpu_s'] / result['bare_parse_cpu_s']:.1f}; of it the merged "
            f"record's {floor['merged_rows']:,} rows {floor['merged_floor_cpu_s']:.2f} s, "
            f"ratio {floor['merged_floor_cpu_s'] / result['bare_parse_cpu_s']:.1f}"
        )
        if not queries_too:
            return
        print(f"   {'query':<24}{'p50 ms':>8}{'p95 ms':>8}")
        timings = measure_queries(Path(imported["db"]))
        for name, p50, p95 in timings:
            print(f"   {name:<24}{p50:>8.2f}{p95:>8.2f}")
        worst = max(timings, key=lambda t: t[2])
        print(f"   target p95 <= 50 ms: worst {worst[2]:.1f} ms, {worst[0]}")


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [f for f in [default_folder()] if f]
    if not folders:
        print("official files not found: pass the folder that holds them")
        return 1
    print(f"repertoire: {build.describe()}")
    # Targets: the whole folder at most 4 times bare parsing; the record files alone 8 times.
    report("official files", folders, queries_too=True)
    records = record_files(folders)
    if records and len(records) < len(list(official.files(folders))):
        report("record files alone (no texts of decisions)", records, queries_too=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
