"""Speed of reading: ``parse`` + checks against a bare Markdown parse of the same text.

markdown-it-py's ``MarkdownIt().parse()`` of the same text, in the same
process, is the yardstick: the ratio (ours / markdown-it) can be compared
across machines; below 1.0 we are faster than a plain Markdown parser.

Two ratios for each text:

* **fresh**: the reader's per-text caches (names, symbols, States, tables'
  member lists) are emptied before each parse, as for text never read before,
  which is what users parse;
* **warm**: the same text parsed again and again, every cache hit.

Two texts: the bundled sample, and a corpus of distinct generated sections
(:mod:`benchmarks.corpus`), so that nothing is shared between its sections
but the sample's wording. Calls of the three kinds are interleaved so that load
elsewhere on the machine hits all alike, and timed in the thread's CPU time; the
fastest call of each is the estimate (as timeit advises). ``--stages`` adds the
fresh time of each stage.

Run as ``python benchmarks/read_bench.py [--stages] [FILE]`` (markdown-it-py is a dev extra).
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from repertoire import build, samples
from repertoire.read import decisions, members, names, pipeline, symbols, table
from repertoire.read.pipeline import parse
from repertoire.reference import states
from repertoire.rules import claims, meetings

ROUNDS = 40
CORPUS_SECTIONS = 10

# Caches keyed by pieces of text; those keyed by nothing (patterns, reference data) stay warm.
PER_TEXT_CACHES: tuple[Any, ...] = (
    names._chunk,
    names.kind_of,
    names.entity_of,
    names.label,
    symbols.normalise,
    symbols.key,
    states.lookup,
    states.short_name,
    members._listed_members,
    table._listed_names,
    table._how_held,
    table._header_keys,
    decisions._vote_lists,
    claims._sentence_ends,
    meetings._found,
)


def forget() -> None:
    """Empty every per-text cache: the next parse reads as if for the first time."""
    for cached in PER_TEXT_CACHES:
        cached.cache_clear()


def _timed(run: Callable[[], object]) -> float:
    """CPU seconds of this thread: on a shared machine, time waiting for a core is not
    the parser's (both parsers are pure computation, so nothing else is left out)."""
    gc.disable()  # the collector's pauses depend on the whole heap, not on this text
    try:
        start = time.thread_time()
        run()
        return time.thread_time() - start
    finally:
        gc.enable()


def measure(text: str, rounds: int = ROUNDS) -> dict[str, float]:
    """Per-call seconds of ours (fresh and warm) and of markdown-it, interleaved."""
    from markdown_it import MarkdownIt

    markdown = MarkdownIt()

    def ours_run() -> object:
        return parse(text).all_findings()

    def theirs_run() -> object:
        return markdown.parse(text)

    ours_run()  # patterns compile on first use: not part of any measure
    theirs_run()
    fresh: list[float] = []
    warm: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        gc.collect()
        forget()
        fresh.append(_timed(ours_run))
        warm.append(_timed(ours_run))
        theirs.append(_timed(theirs_run))
    best_fresh, best_warm, best_theirs = min(fresh), min(warm), min(theirs)
    size_mb = len(text.encode("utf-8")) / 1_000_000
    return {
        "parse_ms": best_fresh * 1000,
        "parse_median_ms": statistics.median(fresh) * 1000,
        "warm_ms": best_warm * 1000,
        "markdown_it_ms": best_theirs * 1000,
        "markdown_it_median_ms": statistics.median(theirs) * 1000,
        "ratio": best_fresh / best_theirs,
        "warm_ratio": best_warm / best_theirs,
        "median_ratio": statistics.median(o / t for o, t in zip(fresh, theirs, strict=True)),
        "mb_per_s": size_mb / best_fresh,
    }


def stage_times(text: str, rounds: int = 10) -> dict[str, float]:
    """The fastest fresh time of each stage (section stages summed over sections), in seconds."""
    best: dict[str, float] = {}
    spent: dict[str, float] = {}

    def clocked(name: str, stage: Callable[..., None]) -> Callable[..., None]:
        def run(*args: object) -> None:
            start = time.thread_time()
            stage(*args)
            spent[name] = spent.get(name, 0.0) + time.thread_time() - start

        return run

    document_stages, section_stages = list(pipeline.STAGES), list(pipeline.SECTION_STAGES)
    pipeline.STAGES[:] = [(n, clocked(n, s)) for n, s in document_stages]
    pipeline.SECTION_STAGES[:] = [(n, clocked("section " + n, s)) for n, s in section_stages]
    try:
        for _ in range(rounds):
            forget()
            spent.clear()
            gc.collect()
            _timed(lambda: parse(text).all_findings())
            for name, seconds in spent.items():
                best[name] = min(best.get(name, seconds), seconds)
    finally:
        pipeline.STAGES[:] = document_stages
        pipeline.SECTION_STAGES[:] = section_stages
    return best


def corpus_text(sections: int = CORPUS_SECTIONS) -> str:
    # Run as a script, the repository's root is not on the path that finds ``benchmarks``.
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from benchmarks import corpus

    return "\n\n".join(corpus.section_text(index) for index in range(sections))


def report(label: str, text: str, stages: bool) -> None:
    result = measure(text)
    print(f"{label}: {len(text):,} characters")
    print(
        f"  repertoire, fresh text   : {result['parse_ms']:8.2f} ms "
        f"(median {result['parse_median_ms']:.2f})"
    )
    print(f"  repertoire, caches warm  : {result['warm_ms']:8.2f} ms")
    print(
        f"  markdown-it-py parse     : {result['markdown_it_ms']:8.2f} ms "
        f"(median {result['markdown_it_median_ms']:.2f})"
    )
    print(
        f"  ratio fresh (target <= 1.0): {result['ratio']:6.2f}  "
        f"(median of paired calls {result['median_ratio']:.2f})"
    )
    print(f"  ratio warm               : {result['warm_ratio']:8.2f}")
    print(f"  throughput, fresh        : {result['mb_per_s']:8.2f} MB/s")
    if stages:
        times = stage_times(text)
        total = sum(t for name, t in times.items() if not name.startswith("section "))
        for name, seconds in sorted(times.items(), key=lambda item: -item[1]):
            print(f"    {name:20} {seconds * 1000:8.2f} ms  {seconds / total:6.1%}")


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    stages = "--stages" in args
    files = [a for a in args if a != "--stages"]
    print(f"repertoire: {build.describe()}")
    if files:
        path = Path(files[0])
        report(path.name, path.read_text(encoding="utf-8"), stages)
        return
    report("sample", samples.path().read_text(encoding="utf-8"), stages)
    report(f"corpus of {CORPUS_SECTIONS} generated sections", corpus_text(), stages)


if __name__ == "__main__":
    main()
