"""Speed of reading: ``parse`` + checks on a sample against a bare Markdown parse.

markdown-it-py's ``MarkdownIt().parse()`` of the same text, in the same
process, is the yardstick: the ratio (ours / markdown-it) can be compared
across machines; below 1.0 we are faster than a plain Markdown parser.
Run as ``python -m repertoire.bench [FILE]`` (markdown-it-py is a dev extra).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from repertoire import samples
from repertoire.pipeline import parse

ROUNDS = 7


def _best(run: Callable[[], object], seconds: float = 0.5) -> float:
    """Median of ROUNDS batches, each long enough to time reliably, per call."""
    run()
    calls = 1
    start = time.perf_counter()
    while time.perf_counter() - start < seconds / ROUNDS:
        run()
        calls += 1
    timings = []
    for _ in range(ROUNDS):
        begin = time.perf_counter()
        for _ in range(calls):
            run()
        timings.append((time.perf_counter() - begin) / calls)
    return statistics.median(timings)


def measure(text: str) -> dict[str, float]:
    from markdown_it import MarkdownIt

    markdown = MarkdownIt()
    ours = _best(lambda: parse(text).all_findings())
    theirs = _best(lambda: markdown.parse(text))
    size_mb = len(text.encode("utf-8")) / 1_000_000
    return {
        "parse_ms": ours * 1000,
        "markdown_it_ms": theirs * 1000,
        "ratio": ours / theirs,
        "mb_per_s": size_mb / ours,
    }


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else samples.path()
    text = path.read_text(encoding="utf-8")
    result = measure(text)
    print(f"{path.name}: {len(text):,} characters")
    print(f"repertoire parse + checks : {result['parse_ms']:8.2f} ms")
    print(f"markdown-it-py parse      : {result['markdown_it_ms']:8.2f} ms")
    print(f"ratio (ours / markdown-it): {result['ratio']:8.2f}  (target <= 1.0)")
    print(f"throughput                : {result['mb_per_s']:8.2f} MB/s")


if __name__ == "__main__":
    main()
