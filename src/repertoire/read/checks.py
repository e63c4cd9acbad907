"""Stage 6, check: structural findings about the text itself.

Each check is a small function over the parsed document; every finding has a
stable code, a severity, the exact place and a message a user can act on.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from itertools import pairwise

from repertoire.read.layout import Kind, Layout
from repertoire.read.text import clean
from repertoire.records import Document, Finding, Section

Locate = Callable[[int], tuple[int, int]]


def run(document: Document, layout: Layout, locate: Locate, cited: list[tuple[int, int]]) -> None:
    """``cited`` holds (footnote number, source offset) of every narrative marker, in order."""
    defined = {f.number: f for s in document.sections for f in s.footnotes}
    _footnote_checks(document, sorted(cited, key=lambda c: c[1]), defined, locate)
    for section in document.sections:
        _note_checks(section, layout, locate)


def _finding(
    code: str,
    message: str,
    offset: int,
    locate: Locate,
    footnote: int | None = None,
    severity: str = "warning",
) -> Finding:
    line, column = locate(offset)
    return Finding(code, severity, message, line, column, footnote)  # type: ignore[arg-type]


def _footnote_checks(
    document: Document, cited: list[tuple[int, int]], defined: dict[int, object], locate: Locate
) -> None:
    found = document.findings
    cited_numbers = {number for number, _ in cited}
    seen: set[int] = set()
    for number, offset in cited:
        if number not in defined and number not in seen:
            found.append(
                _finding(
                    "footnote-undefined",
                    f"footnote {number} is cited here but never defined",
                    offset,
                    locate,
                    number,
                )
            )
        seen.add(number)
    definitions = [f for s in document.sections for f in s.footnotes]
    definitions.sort(key=lambda f: f.span.start)
    counts: dict[int, int] = {}
    for footnote in definitions:
        counts[footnote.number] = counts.get(footnote.number, 0) + 1
        if counts[footnote.number] == 2:
            found.append(
                _finding(
                    "footnote-duplicate",
                    f"footnote {footnote.number} is defined more than once",
                    footnote.span.start,
                    locate,
                    footnote.number,
                )
            )
        if footnote.number not in cited_numbers:
            found.append(
                _finding(
                    "footnote-unused",
                    f"footnote {footnote.number} is defined but never cited",
                    footnote.span.start,
                    locate,
                    footnote.number,
                )
            )
    # Definitions must run 1, 2, 3…; a gap is only a finding when no undefined citation explains it.
    # The gap is explained when every number in it is cited: counted by bisection, since a
    # gap may be as wide as the numbers are large.
    cited_sorted = sorted(cited_numbers)
    for before, after in pairwise(definitions):
        wanted = after.number - before.number - 1
        explained = (
            bisect.bisect_left(cited_sorted, after.number)
            - bisect.bisect_right(cited_sorted, before.number)
            == wanted
        )
        if after.number <= before.number or not explained:
            found.append(
                _finding(
                    "footnote-sequence",
                    f"footnote {after.number} follows footnote {before.number}",
                    after.span.start,
                    locate,
                    after.number,
                )
            )
    # Citations must first appear in increasing order.
    first: list[tuple[int, int]] = []
    firsts: set[int] = set()
    for number, offset in cited:
        if number not in firsts:
            firsts.add(number)
            first.append((number, offset))
    for (a, _), (b, offset) in pairwise(first):
        if b < a:
            found.append(
                _finding(
                    "footnote-order",
                    f"footnote {b} is first cited after footnote {a}",
                    offset,
                    locate,
                    b,
                )
            )


def _note_checks(section: Section, layout: Layout, locate: Locate) -> None:
    used: dict[str, int] = {}
    for meeting in section.meetings:
        for letter in meeting.notes:
            used.setdefault(letter, meeting.span.start)
    for letter, offset in used.items():
        if letter not in section.table_notes:
            section.findings.append(
                _finding(
                    "note-undefined",
                    f"table note {letter} is used in the table but never defined",
                    _note_marker(layout, letter, offset),
                    locate,
                )
            )
    for letter, text in section.table_notes.items():
        if letter not in used:
            span = section.note_spans[letter]
            section.findings.append(
                _finding(
                    "note-unused",
                    f"table note {letter} is defined but no table cell refers to it "
                    f"('{text[:50]}')",
                    span.start,
                    locate,
                )
            )


def _note_marker(layout: Layout, letter: str, row_offset: int) -> int:
    """Source offset of the first marker of ``letter`` in the row starting at ``row_offset``."""
    for block in layout.blocks:
        if block.kind is Kind.ROW and block.first.start <= row_offset <= block.first.end:
            for marker in clean(block.mapped()).markers:
                if marker.kind == "note" and marker.value == letter:
                    return marker.origin
    for block in layout.blocks:
        if block.kind is Kind.ROW and block.first.start >= row_offset:
            for marker in clean(block.mapped()).markers:
                if marker.kind == "note" and marker.value == letter:
                    return marker.origin
    return row_offset
