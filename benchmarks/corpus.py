"""A synthetic corpus grown from the bundled sample, for benchmarks.

No text beyond the sample is used. Each synthetic section is the sample with
its section number, meeting records, document symbols, resolution number,
footnote numbers and years renumbered, the Council's elected members swapped
for those who sat in the chosen year, and the country on the agenda swapped
for another State, all names drawn from ``repertoire.reference.states`` and
``repertoire.reference.council``.

Two forms:

* :func:`section_text` / :func:`write_files`: text, for timing the whole
  load (parse and store);
* :func:`documents`: parsed documents cloned with fresh numbers, for building
  a large database quickly without parsing every section again.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

from repertoire import samples
from repertoire.read.pipeline import parse
from repertoire.records import Document, Section
from repertoire.reference import council, states

# The sample is of 2023; synthetic sections spread over the enlarged Council's years.
SAMPLE_YEAR = 2023
YEARS = tuple(range(1996, 2024))
SAMPLE_SUBJECT = "Mali"
SAMPLE_ELECTED = (
    "Albania",
    "Brazil",
    "Ecuador",
    "Gabon",
    "Ghana",
    "Japan",
    "Malta",
    "Mozambique",
    "Switzerland",
    "United Arab Emirates",
)
SAMPLE_RECORDS = (9251, 9302, 9342, 9350, 9365, 9407, 9408)
RECORD_BASE = 10_000
RESOLUTION_BASE = 3_000
FOOTNOTE_FIRST = 410

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGITS = str.maketrans(_SUPERSCRIPT, "0123456789")
_TO_SUPERSCRIPT = str.maketrans("0123456789", _SUPERSCRIPT)
_FOOTNOTE = re.compile(f"[{_SUPERSCRIPT}]+")
_RECORD = re.compile(r"S/PV\.(\d+)")
_DOCUMENT = re.compile(r"S/2023/(\d+)")
_YEAR = re.compile(r"\b(2022|2023|2024)\b")


@cache
def sample_text() -> str:
    return samples.path().read_text(encoding="utf-8")


@cache
def subjects() -> tuple[str, ...]:
    """Member States to put on the agenda in place of the sample's."""
    return tuple(s.name for s in states.all_states() if s.kind == "member")


@cache
def elected(year: int) -> tuple[str, ...]:
    """The elected members of ``year``, to stand in for the sample's ten."""
    return tuple(
        sorted(states.canonical(m.name) or m.name for m in council.members(year) if not m.permanent)
    )


def section_text(index: int, seed: int = 0) -> str:
    """The ``index``-th synthetic section (0-based): the sample renumbered and renamed."""
    rng = random.Random(seed * 1_000_003 + index)
    year = YEARS[index % len(YEARS)]
    subject = rng.choice(subjects())
    swap = dict(zip(SAMPLE_ELECTED, elected(year), strict=False))
    swap[SAMPLE_SUBJECT] = subject
    longest_first = sorted(swap, key=len, reverse=True)
    names = re.compile(r"\b(" + "|".join(map(re.escape, longest_first)) + r")\b")

    text = sample_text()
    first = RECORD_BASE + index * len(SAMPLE_RECORDS)
    records = {n: first + i for i, n in enumerate(SAMPLE_RECORDS)}
    text = _RECORD.sub(lambda m: f"S/PV.{records.get(int(m.group(1)), int(m.group(1)))}", text)
    offset = 1000 * (index // len(YEARS))
    text = _DOCUMENT.sub(lambda m: f"S/{year}/{int(m.group(1)) + offset}", text)
    text = re.sub(r"\b2690\b", str(RESOLUTION_BASE + index), text)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) - SAMPLE_YEAR + year), text)
    # Footnotes run on from section to section, as they do within a part of the Repertoire.
    shift = 1 + (index * 40) % 9000 - FOOTNOTE_FIRST
    text = _FOOTNOTE.sub(
        lambda m: str(int(m.group().translate(_TO_DIGITS)) + shift).translate(_TO_SUPERSCRIPT), text
    )
    text = names.sub(lambda m: swap[m.group(1)], text)
    return re.sub(r"^11\. ", f"{index + 1}. ", text, count=1, flags=re.M)


def write_files(directory: Path, sections: int, per_file: int = 10, seed: int = 0) -> list[Path]:
    """Write ``sections`` synthetic sections, ``per_file`` to a file; return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for first in range(0, sections, per_file):
        count = min(per_file, sections - first)
        text = "\n\n".join(section_text(first + i, seed) for i in range(count))
        path = directory / f"part-{first // per_file + 1:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _renumber(section: Section, index: int, templates: int) -> Section:
    """A copy of a parsed section with fresh section, meeting and citation numbers.

    Only what changes is copied; the rest (paragraphs, texts) is shared with
    the template, which the store never modifies.
    """
    shift = (index // templates) * 1_000_000
    records: dict[str, str] = {}

    def record(symbol: str) -> str:
        match = _RECORD.fullmatch(symbol)
        if not match:
            return symbol
        return records.setdefault(symbol, f"S/PV.{int(match.group(1)) + shift}")

    return replace(
        section,
        number=str(index + 1),
        meetings=[replace(m, record=record(m.record)) for m in section.meetings],
        footnotes=[
            replace(
                f,
                citations=[replace(c, symbol=record(c.symbol)) for c in f.citations],
                positions=[replace(p, meeting=record(p.meeting)) for p in f.positions],
            )
            for f in section.footnotes
        ],
    )


def sections(count: int, templates: int = 56, seed: int = 0) -> Iterator[Section]:
    """``count`` sections: ``templates`` parsed from synthetic text, then renumbered clones."""
    parsed = [parse(section_text(i, seed)).sections[0] for i in range(min(templates, count))]
    for index in range(count):
        template = parsed[index % len(parsed)]
        yield template if index < len(parsed) else _renumber(template, index, len(parsed))


@cache
def _templates(count: int, seed: int) -> tuple[Section, ...]:
    return tuple(parse(section_text(i, seed)).sections[0] for i in range(count))


def document(
    number: int, count: int, per_document: int = 10, templates: int = 56, seed: int = 0
) -> Document:
    """The ``number``-th (0-based) document of :func:`documents`, made on its own.

    For making documents in several processes: each parses the templates once.
    """
    parsed = _templates(min(templates, count), seed)
    first = number * per_document
    batch = [
        parsed[index % len(parsed)]
        if index < len(parsed)
        else _renumber(parsed[index % len(parsed)], index, len(parsed))
        for index in range(first, min(count, first + per_document))
    ]
    return Document(f"synthetic-{number + 1:05d}.txt", batch)


def documents(
    count: int, per_document: int = 10, templates: int = 56, seed: int = 0
) -> Iterator[Document]:
    """``count`` sections grouped ``per_document`` to a document, as files group them."""
    batch: list[Section] = []
    number = 0
    for section in sections(count, templates, seed):
        batch.append(section)
        if len(batch) == per_document:
            number += 1
            yield Document(f"synthetic-{number:05d}.txt", batch)
            batch = []
    if batch:
        yield Document(f"synthetic-{number + 1:05d}.txt", batch)
