"""Where the sentences of a paragraph begin and end, and the one a footnote marker stands in.

Shared by the reader (a footnote's sentence), the store (the sentence that cites a
document) and the renderer (placing a marker back in its sentence).
"""

from __future__ import annotations

import bisect
import re
from operator import itemgetter
from typing import Final

# The end mark is matched, not looked behind for at every position: the search skips to
# the next mark at once. Group 1 is the boundary itself.
_BOUNDARY: Final = re.compile(r"[.!?]([”\"’)]*\s+)(?=[A-Z“\"(\d])")
_ABBREVIATION: Final = re.compile(
    r"(?:\b(?:paras?|Nos?|Mr|Mrs|Ms|Dr|St|vol|arts?|sects?|chaps?|pp?|e\.g|i\.e|cf|Jr|Sr)|\b[A-Z])\.$"
)
# What _BOUNDARY reads after the full stop: closing marks, then (after spaces) what opens a
# sentence besides a capital or a digit.
_CLOSING: Final = frozenset('”"’)')
_OPENING: Final = frozenset('“"(')
# Keys for bisecting the bounds, called from C: a lambda would be a Python call per step.
_END, _NEXT = itemgetter(0), itemgetter(1)


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """Where sentences of ``text`` end: (end of the sentence, start of the next)."""
    bounds: list[tuple[int, int]] = []
    for end, following in sentence_ends(text):
        # Only a full stop can end an abbreviation, and none follows a word of six
        # letters or more: the search is left out where it cannot succeed.
        if (
            text[end - 1] == "."
            and not (end >= 7 and text[end - 7 : end - 1].isalpha())
            and _ABBREVIATION.search(text, max(0, end - 8), end)
        ):
            continue
        bounds.append((end, following))
    return bounds


def sentence_ends(text: str) -> list[tuple[int, int]]:
    """(start of group 1, end) of each match of ``_BOUNDARY.finditer(text)``. Where there is
    no "!" or "?", only the full stops can end a sentence: each is found by ``str.find``,
    far faster than the pattern's own scan, and what follows it is read as the pattern
    reads it (closing marks, spaces, then a capital, an opening mark or a digit), where a
    call of the pattern for each would cost more than the reading."""
    if "!" in text or "?" in text:
        return [(match.start(1), match.end()) for match in _BOUNDARY.finditer(text)]
    found: list[tuple[int, int]] = []
    size = len(text)
    at = text.find(".")
    while at != -1:
        after = at + 1
        while after < size and text[after] in _CLOSING:
            after += 1
        following = after
        while following < size and text[following].isspace():
            following += 1
        if following in (after, size) or not _opens(text[following]):
            at = text.find(".", at + 1)
            continue
        found.append((at + 1, following))
        at = text.find(".", following)
    return found


def _opens(char: str) -> bool:
    """Whether a sentence may open with ``char``, as _BOUNDARY's look-ahead says."""
    return "A" <= char <= "Z" or char in _OPENING or char.isdecimal()


def sentence_span(text: str, position: int, bounds: list[tuple[int, int]]) -> tuple[int, int]:
    """(start, end) of the sentence of ``text`` in which ``position`` stands."""
    # Bounds are in order and do not overlap: both ends are found by bisection.
    after = bisect.bisect_right(bounds, position, key=_NEXT)
    start = bounds[after - 1][1] if after else 0
    before = bisect.bisect_left(bounds, position, key=_END)
    end = bounds[before][0] if before < len(bounds) else len(text)
    return start, end


def sentence_at(text: str, position: int, bounds: list[tuple[int, int]] | None = None) -> str:
    """The sentence of ``text`` in which ``position`` (a footnote marker) stands."""
    bounds = sentence_bounds(text) if bounds is None else bounds
    start, end = sentence_span(text, position, bounds)
    return text[start:end].strip()
