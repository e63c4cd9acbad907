"""Speed of reading: ``parse`` + checks on a sample against a bare Markdown parse.

markdown-it-py's ``MarkdownIt().parse()`` of the same text, in the same
process, is the yardstick: the ratio (ours / markdown-it) can be compared
across machines; below 1.0 we are faster than a plain Markdown parser.
Run as ``python benchmarks/read_bench.py [FILE]`` (markdown-it-py is a dev extra).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from repertoire import samples
from repertoire.read.pipeline import parse

ROUNDS = 15


def _calls_for(run: Callable[[], object], seconds: float) -> int:
    """How many calls make a batch long enough to time reliably."""
    run()
    calls = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        run()
        calls += 1
    return max(calls, 1)


def _batch(run: Callable[[], object], calls: int) -> float:
    begin = time.perf_counter()
    for _ in range(calls):
        run()
    return (time.perf_counter() - begin) / calls


def measure(text: str, rounds: int = ROUNDS) -> dict[str, float]:
    """Per-call seconds of both parsers, batches interleaved so that load elsewhere on the
    machine hits both alike; the fastest batch of each is the estimate (as timeit advises)."""
    from markdown_it import MarkdownIt

    markdown = MarkdownIt()

    def ours_run() -> object:
        return parse(text).all_findings()

    def theirs_run() -> object:
        return markdown.parse(text)

    ours_calls = _calls_for(ours_run, 0.05)
    theirs_calls = _calls_for(theirs_run, 0.05)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        ours.append(_batch(ours_run, ours_calls))
        theirs.append(_batch(theirs_run, theirs_calls))
    best_ours, best_theirs = min(ours), min(theirs)
    size_mb = len(text.encode("utf-8")) / 1_000_000
    return {
        "parse_ms": best_ours * 1000,
        "parse_median_ms": statistics.median(ours) * 1000,
        "markdown_it_ms": best_theirs * 1000,
        "markdown_it_median_ms": statistics.median(theirs) * 1000,
        "ratio": best_ours / best_theirs,
        "median_ratio": statistics.median(o / t for o, t in zip(ours, theirs, strict=True)),
        "mb_per_s": size_mb / best_ours,
    }


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else samples.path()
    text = path.read_text(encoding="utf-8")
    result = measure(text)
    print(f"{path.name}: {len(text):,} characters")
    print(
        f"repertoire parse + checks : {result['parse_ms']:8.2f} ms "
        f"(median {result['parse_median_ms']:.2f})"
    )
    print(
        f"markdown-it-py parse      : {result['markdown_it_ms']:8.2f} ms "
        f"(median {result['markdown_it_median_ms']:.2f})"
    )
    print(
        f"ratio (ours / markdown-it): {result['ratio']:8.2f}  (target <= 1.0; "
        f"median of paired batches {result['median_ratio']:.2f})"
    )
    print(f"throughput                : {result['mb_per_s']:8.2f} MB/s")


if __name__ == "__main__":
    main()
