"""The "checks" stage (see pipeline.STAGES): structural findings about the text itself.

Each check is a small function over the parsed document; every finding has a
stable code, a severity, the exact place and a message a user can act on.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from itertools import pairwise
from operator import itemgetter

from repertoire.findings import Report
from repertoire.read.layout import Kind, Layout
from repertoire.read.text import clean
from repertoire.records import Document, Section


def run(document: Document, layout: Layout, report: Report, cited: list[tuple[int, int]]) -> None:
    """Footnote checks into ``report`` (the document's), table-note checks into each section's
    findings. ``cited`` holds (footnote number, source offset) of every narrative marker."""
    defined = {f.number: f for s in document.sections for f in s.footnotes}
    _footnote_checks(document, sorted(cited, key=itemgetter(1)), defined, report)
    for section in document.sections:
        _note_checks(section, layout, Report(report.locate, section.findings))


def _footnote_checks(
    document: Document, cited: list[tuple[int, int]], defined: Mapping[int, object], report: Report
) -> None:
    cited_numbers = {number for number, _ in cited}
    seen: set[int] = set()
    for number, offset in cited:
        if number not in defined and number not in seen:
            message = f"footnote {number} is cited here but never defined"
            report.add("warning", offset, "footnote-undefined", message, number)
        seen.add(number)
    definitions = [f for s in document.sections for f in s.footnotes]
    definitions.sort(key=lambda f: f.span.start)
    counts: dict[int, int] = {}
    for footnote in definitions:
        number, start = footnote.number, footnote.span.start
        counts[number] = counts.get(number, 0) + 1
        if counts[number] == 2:
            message = f"footnote {number} is defined more than once"
            report.add("warning", start, "footnote-duplicate", message, number)
        if number not in cited_numbers:
            message = f"footnote {number} is defined but never cited"
            report.add("warning", start, "footnote-unused", message, number)
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
            message = f"footnote {after.number} follows footnote {before.number}"
            report.add("warning", after.span.start, "footnote-sequence", message, after.number)
    # Citations must first appear in increasing order.
    first: list[tuple[int, int]] = []
    firsts: set[int] = set()
    for number, offset in cited:
        if number not in firsts:
            firsts.add(number)
            first.append((number, offset))
    for (a, _), (b, offset) in pairwise(first):
        if b < a:
            message = f"footnote {b} is first cited after footnote {a}"
            report.add("warning", offset, "footnote-order", message, b)


def _note_checks(section: Section, layout: Layout, report: Report) -> None:
    used: dict[str, int] = {}
    for meeting in section.meetings:
        for letter in meeting.notes:
            used.setdefault(letter, meeting.span.start)
    for letter, offset in used.items():
        if letter not in section.table_notes:
            message = f"table note {letter} is used in the table but never defined"
            report.add("warning", _note_marker(layout, letter, offset), "note-undefined", message)
    for letter, text in section.table_notes.items():
        if letter not in used:
            message = (
                f"table note {letter} is defined but no table cell refers to it ('{text[:50]}')"
            )
            report.add("warning", section.note_spans[letter].start, "note-unused", message)


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
