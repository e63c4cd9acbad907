"""The explorer under load: ``repertoire serve`` on a generated store, many clients at once.

A store is made of synthetic sections (``corpus.py``) and of UNxml resolutions stating the
same decisions, some with another date or another member's vote, so that decision pages
put two sources side by side and the disagreements page has rows. ``repertoire serve``
then runs on it, on 127.0.0.1 at a free port, and CLIENTS threads ask for the explorer's
own pages and one Datasette table page, in turns, for SECONDS (at most MOST_REQUESTS
each), and the server is stopped. It prints the first disagreements page after start (the
audit is read from the store, not worked out), each page asked for once by one client
(before the server keeps it), then p50 and p95 per page and over all, and the errors.
Run as ``python benchmarks/serve_bench.py [--sections N] [--seconds S] [--clients C]``.

Target: p95 at most 200 ms over every page, no errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus  # a sibling module, found through the line above

from repertoire.store import load
from repertoire.store.official import import_official

CLIENTS = 8
SECONDS = 30.0
MOST_REQUESTS = 20_000  # per client: the run ends by count too, whatever the machine
TARGET_P95_MS = 200.0
HOST = "127.0.0.1"
CLI = "import sys\nfrom repertoire.cli import main\nsys.exit(main())"


def _ordinal(number: int) -> str:
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def official_lines(db: Path) -> list[dict[str, Any]]:
    """The store's resolutions as UNxml would state them; every fifth with the date a day
    off, every seventh with one member abstaining instead of voting in favour."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT d.id, d.symbol, d.date, d.draft, m.record, s.title FROM decisions d"
            " JOIN meetings m ON m.id = d.meeting_id JOIN sections s ON s.id = d.section_id"
            " WHERE d.kind = 'resolution' AND d.symbol IS NOT NULL AND d.date IS NOT NULL"
            " ORDER BY d.id"
        ).fetchall()
        votes: dict[int, dict[str, list[str]]] = {}
        for decision_id, member, vote in conn.execute(
            "SELECT decision_id, member, vote FROM votes WHERE vote IN ('Y', 'N', 'A')"
        ):
            votes.setdefault(decision_id, {"Y": [], "N": [], "A": []})[vote].append(member.upper())
    finally:
        conn.close()
    lines = []
    for index, (decision_id, symbol, date, draft, record, title) in enumerate(rows):
        day = dt.date.fromisoformat(date) + dt.timedelta(days=1 if index % 5 == 0 else 0)
        cast = votes.get(decision_id, {"Y": [], "N": [], "A": []})
        favour, against, abstaining = list(cast["Y"]), list(cast["N"]), list(cast["A"])
        if index % 7 == 0 and favour:
            abstaining.append(favour.pop())
        number = record.removeprefix("S/PV.")
        lines.append(
            {
                "symbol": symbol,
                "adoption_meeting": f"{_ordinal(int(number))} meeting" if number.isdigit() else "",
                "adoption_date": f"{day.day} {day:%B %Y}",
                "agenda_item_name": title,
                "draft_resolution": draft or "",
                "outcome_letter": record,
                "MS_in_favour_count": f"{len(favour):03d}",
                "MS_against_count": f"{len(against):03d}" if against else "",
                "MS_abstaining_count": f"{len(abstaining):03d}" if abstaining else "",
                "MS_in_favour": favour,
                "MS_against": against,
                "MS_abstaining": abstaining,
            }
        )
    return lines


def build(work: Path, sections: int) -> Path:
    """A store of ``sections`` synthetic sections and UNxml resolutions stating theirs."""
    db = work / "serve.db"
    corpus.write_files(work / "sections", sections, per_file=10)
    load([work / "sections"], db)
    official = work / "official"
    official.mkdir()
    text = "\n".join(json.dumps(line) for line in official_lines(db))
    (official / "resolutions.jsonl").write_text(text, encoding="utf-8")
    import_official([official], db)
    return db


def pages(db: Path) -> dict[str, list[str]]:
    """Paths to ask for, a few of each kind of page."""
    conn = sqlite3.connect(db)

    def column(sql: str) -> list[Any]:
        return [row[0] for row in conn.execute(sql)]

    try:
        sections = column("SELECT id FROM sections ORDER BY id LIMIT 5")
        records = column("SELECT record FROM meetings ORDER BY id LIMIT 5")
        members = column("SELECT DISTINCT member FROM votes ORDER BY member LIMIT 5")
        symbols = column(
            "SELECT subject FROM audit_findings WHERE code LIKE 'reconcile-%' LIMIT 5"
        ) or column("SELECT symbol FROM decisions WHERE symbol IS NOT NULL LIMIT 5")
    finally:
        conn.close()
    from repertoire.web import charts  # the web extra: needed only when benchmarking it

    quote = urllib.parse.quote
    return {
        "home": ["/-/repertoire"],
        "section": [f"/-/section/{i}" for i in sections],
        "meeting": [f"/-/meeting/{quote(r, safe='/')}" for r in records],
        "state": [f"/-/state/{quote(m, safe='')}" for m in members],
        "decision": [f"/-/decision/{quote(s, safe='/()')}" for s in symbols],
        "disagreements": ["/-/disagreements", "/-/disagreements?page=2"],
        "charts": ["/-/charts"],
        "chart svg": [f"/-/charts/{name}.svg" for name in charts.CHARTS],
        "chart json": [f"/-/charts/{name}.json" for name in charts.CHARTS],
        "table page": ["/repertoire/meetings", "/repertoire/meetings?_sort_desc=date"],
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError:
        status = 0
    return status, time.perf_counter() - started


def wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {server.returncode})")
        try:
            with urllib.request.urlopen(base + "/-/versions.json", timeout=5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer within {seconds:.0f} s")


def hammer(
    base: str, paths: dict[str, list[str]], clients: int, seconds: float
) -> tuple[dict[str, list[float]], list[str]]:
    """Latencies per kind of page, and the errors, of ``clients`` threads for ``seconds``."""
    order = [(kind, path) for kind, some in paths.items() for path in some]
    timings: dict[str, list[float]] = {kind: [] for kind in paths}
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        for turn in range(MOST_REQUESTS):
            if time.monotonic() >= deadline:
                return
            kind, path = order[(number * 7 + turn) % len(order)]
            status, took = fetch(base + path)
            with lock:
                timings[kind].append(took)
                if status != 200:
                    errors.append(f"{status} {path}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, errors


def percentiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sections", type=int, default=200, help="sections in the store")
    parser.add_argument("--seconds", type=float, default=SECONDS, help="how long clients ask")
    parser.add_argument("--clients", type=int, default=CLIENTS, help="clients at once")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="serve-bench-"))
    server: subprocess.Popen[bytes] | None = None
    try:
        started = time.perf_counter()
        db = build(work, args.sections)
        paths = pages(db)
        print(
            f"serve benchmark: {args.sections:,} sections and their resolutions from UNxml, "
            f"built in {time.perf_counter() - started:.1f} s"
        )
        port = free_port()
        base = f"http://{HOST}:{port}"
        server = subprocess.Popen(
            [
                sys.executable,
                "-c",
                CLI,
                "serve",
                "--db",
                str(db),
                "--host",
                HOST,
                "--port",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(base, server)
        status, first = fetch(base + "/-/disagreements")
        print(f"   first disagreements page after start: {first * 1000:.0f} ms (status {status})")
        # Each page once, one at a time, before any is kept: what a page costs to make.
        cold = [fetch(base + path)[1] for some in paths.values() for path in some]
        p50, p95 = percentiles(cold)
        print(f"   each page once, one client: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        timings, errors = hammer(base, paths, args.clients, args.seconds)
        total = [t for some in timings.values() for t in some]
        print(
            f"   {args.clients} clients for {args.seconds:.0f} s: {len(total):,} requests, "
            f"{len(total) / args.seconds:.1f} per second"
        )
        print(f"   {'page':<16}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}")
        for kind, some in timings.items():
            if some:
                p50, p95 = percentiles(some)
                print(f"   {kind:<16}{len(some):>9,}{p50:>9.1f}{p95:>9.1f}")
        p50, p95 = percentiles(total) if total else (math.nan, math.nan)
        print(f"   {'every page':<16}{len(total):>9,}{p50:>9.1f}{p95:>9.1f}")
        print(f"   errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
        print(f"   target p95 <= {TARGET_P95_MS:.0f} ms, no errors: p95 {p95:.0f} ms")
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
