"""Where a footnote's marker goes in its paragraph, when the records do not keep it.

A footnote's recorded clause (the words its marker closes) says where its marker
stood: right after those words. Where the clause is not kept or not found, the
recorded sentence says it: the marker goes at the end of that sentence, or at the
nearest place from which the parser finds the same sentence. The paragraph's
sentences are cut once, so a paragraph of many markers is placed in time linear in
its length.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from itertools import chain

from repertoire.read.sentences import sentence_at, sentence_bounds, sentence_span
from repertoire.records import Paragraph


def _candidates(text: str, start: int, end: int) -> Iterator[int]:
    """Places for a marker in ``text[start:end]``: its end first, then after punctuation."""
    after_punctuation = (
        i + 1 for i in range(end - 1, start, -1) if text[i] in ',;:.)”’"' and i + 1 < end
    )
    return chain((end,), after_punctuation, range(end - 1, start, -1))


def _sentence_starts(text: str, bounds: list[tuple[int, int]]) -> dict[str, list[int]]:
    """Where each sentence that ``sentence_at`` can give for ``text`` begins, in order.

    A position between two sentences, inside the quotation marks and spaces that
    part them, stands in both: its sentence runs over that boundary.
    """
    found: list[tuple[int, str]] = []
    lows = [0, *(end for _, end in bounds)]
    highs = [*(start for start, _ in bounds), len(text)]
    for index, low in enumerate(lows):
        for high in highs[index : index + 2]:
            piece = text[low:high]
            found.append((low + len(piece) - len(piece.lstrip()), piece.strip()))
    starts: dict[str, list[int]] = {}
    for start, sentence in sorted(found):
        starts.setdefault(sentence, []).append(start)
    return starts


def _after_clause(text: str, clause: str, start: int) -> int | None:
    """The place right after the first ``clause`` from ``start``, past the punctuation the
    reader leaves out of a clause (a marker stands after "delay," in "delay,¹")."""
    found = text.find(clause, start)
    if found < 0:
        return None
    end = found + len(clause)
    while end < len(text) and text[end] in ",;:":
        end += 1
    return end


def marker_positions(
    paragraph: Paragraph, sentences: dict[int, str], clauses: dict[int, str] | None = None
) -> list[tuple[int, int]]:
    """(position in the text, footnote number) of each marker of ``paragraph``, in order.

    A footnote's recorded sentence says where its marker stood; the marker
    goes at the end of that sentence, or at the nearest place from which the
    parser finds the same sentence. Markers with no sentence here (a footnote
    never defined, one cited again) stand with the marker before them.
    """
    text = paragraph.text
    found: list[int | None] = []
    search_from = 0
    floor = 1  # never at the very start: the line would read as a footnote definition
    seen: set[int] = set()
    # The paragraph's sentences are cut once; a recorded sentence is looked for only
    # where one of them begins, never by scanning the text again for each marker.
    bounds = sentence_bounds(text) if paragraph.footnotes else []
    starts = _sentence_starts(text, bounds) if paragraph.footnotes else {}
    for number in paragraph.footnotes:
        sentence = sentences.get(number) if number not in seen else None
        seen.add(number)
        position: int | None = None
        clause = clauses.get(number) if clauses and sentence else None
        after = _after_clause(text, clause, search_from) if clause else None
        if after is not None and after >= floor and sentence_at(text, after, bounds) == sentence:
            position = after
            begin = sentence_span(text, after, bounds)[0]
        begins = starts.get(sentence, []) if sentence and position is None else []
        at = bisect.bisect_left(begins, search_from)
        while at < len(begins) and position is None:
            begin = begins[at]
            for candidate in _candidates(text, begin, begin + len(sentence or "")):
                if candidate >= floor and sentence_at(text, candidate, bounds) == sentence:
                    position = candidate
                    break
            at += 1
        if position is not None:
            search_from = begin
            floor = position
        found.append(position)
    located = [p for p in found if p is not None]
    placed: list[tuple[int, int]] = []
    previous: int | None = None
    for number, position in zip(paragraph.footnotes, found, strict=True):
        if position is None:
            # Located places only grow (each is the floor of the next): bisection finds one.
            index = 0 if previous is None else bisect.bisect_left(located, previous)
            following = located[index] if index < len(located) else None
            position = previous if previous is not None else following or len(text)
        placed.append((max(position, 1), number))
        previous = position
    return placed
