"""Speed of reading the Council's official files against merely parsing them.

The yardstick is the parser libraries alone, in the same process: ``json.loads`` of every
line, lxml's HTML parser for the Library's pages, lxml's XML parser for AKN4UN and the
``csv`` module for the CSV. The ratio (ours / bare parsing) can be compared across
machines. Run as ``python benchmarks/official_bench.py [FOLDER...]``; without a folder, the
copies in ``../shared/reference/official`` beside the repository are used if present.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from pathlib import Path

from lxml import etree

from repertoire import official
from repertoire.official.common import clear_caches

ROUNDS = 3


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
    elif kind == "akn4un":
        etree.fromstring(raw, etree.XMLParser(recover=True))
    elif kind in ("library-meetings", "library-vetoes"):
        etree.fromstring(raw, etree.HTMLParser(recover=True))
    elif kind == "vetoes-csv":
        list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def measure(folders: list[Path], rounds: int = ROUNDS) -> dict[str, float]:
    """Fastest of ``rounds`` for reading everything and for bare parsing, taken in turns."""
    files = [(p, p.read_bytes()) for p in official.files(folders)]
    kinds = {p: official.detect(raw) for p, raw in files}
    read_times, bare_times = [], []
    found: list[official.OfficialFile] = []
    for _ in range(rounds):
        clear_caches()
        start = time.perf_counter()
        found = [official.read_bytes(raw, str(p)) for p, raw in files]
        read_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        for p, raw in files:
            _bare(raw, kinds[p])
        bare_times.append(time.perf_counter() - start)
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
    }


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv] or [f for f in [default_folder()] if f]
    if not folders:
        print("official files not found: pass the folder that holds them")
        return 1
    result = measure(folders)
    print(
        f"official files: {result['files']} files, {result['megabytes']:.1f} MB: "
        f"{result['meetings']} meetings, {result['decisions']} decisions, "
        f"{result['vetoes']} vetoes"
    )
    print(
        f"  read {result['read_s']:.2f} s, bare lxml/json/csv parsing "
        f"{result['bare_parse_s']:.2f} s, ratio {result['ratio']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
