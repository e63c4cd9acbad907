"""Start-up: how long ``repertoire --help`` and ``import repertoire`` take in a fresh process.

The yardstick is a fresh interpreter doing nothing (``python -c pass``), timed in the same
loop, runs interleaved so that load elsewhere on the machine hits every command alike; the
fastest of the runs is each one's estimate. Then one ``-X importtime`` run of
``repertoire --help`` names the imports that cost most.
Run as ``python benchmarks/startup_bench.py [RUNS]``.

Target: ``repertoire --help`` in at most 100 ms.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

RUNS = 20
TARGET_MS = 100.0

# The console script's own lines, so that no installed script has to be found on PATH.
CLI = "import sys\nfrom repertoire.cli import main\nsys.exit(main())"
CASES = {
    "python -c pass": ["-c", "pass"],
    "import repertoire": ["-c", "import repertoire"],
    "repertoire --help": ["-c", CLI, "--help"],
    "repertoire council --help": ["-c", CLI, "council", "--help"],
    "repertoire votes --help": ["-c", CLI, "votes", "--help"],
}


def _run(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def measure(runs: int = RUNS) -> dict[str, float]:
    """The fastest of ``runs`` wall times of each case, in milliseconds."""
    best = dict.fromkeys(CASES, float("inf"))
    for _ in range(runs):
        for name, args in CASES.items():
            best[name] = min(best[name], _run(args) * 1000)
    return best


def slowest_imports(count: int = 5) -> list[tuple[str, float]]:
    """The top-level imports of ``repertoire --help`` that take longest, with milliseconds."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(
        [sys.executable, "-c", CLI, "--help"],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    found: list[tuple[str, float]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if name.strip() and not name[1:].startswith(" ") and cumulative.strip().isdigit():
            found.append((name.strip(), int(cumulative) / 1000))
    return sorted(found, key=lambda item: -item[1])[:count]


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    runs = int(args[0]) if args else RUNS
    best = measure(runs)
    floor = best["python -c pass"]
    print(f"start-up, fastest of {runs} fresh processes each:")
    for name, ms in best.items():
        print(f"  {name:<26}: {ms:7.1f} ms  ({ms / floor:4.2f}x python -c pass)")
    print(f"  repertoire --help target  : <= {TARGET_MS:.0f} ms")
    print("slowest imports of repertoire --help (cumulative):")
    for name, ms in slowest_imports():
        print(f"  {name:<26}: {ms:7.1f} ms")


if __name__ == "__main__":
    main()
