"""Normalising: turn converted Markdown-like text into plain text.

Cleaning never loses the way back to the source. A :class:`Mapped` string
keeps, for every character, the offset of the source character it came
from, so spans of anything found in the clean text point at the raw text.
Footnote and table-note markers are taken out of the text and kept, with
their source offsets, as :class:`Marker` records.

Why one module of this length: cleaning is one pass, in which where the tokens may
begin, the tokens' patterns, the writer and the map it builds depend on one another;
apart, each would need the others' insides.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from typing import Final, NamedTuple

from repertoire.read.origins import Origins

SUPERSCRIPT_DIGITS: Final = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# Digits of the longest footnote number read (99,999): a run of superscript
# digits beyond it is no marker.
LONGEST_NUMBER: Final = 5
_DIGITS: Final = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
# Unicode has no superscript q; the rest of the Latin lower case is here.
SUPERSCRIPT_LETTERS: Final = "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"
_LETTERS: Final = str.maketrans(SUPERSCRIPT_LETTERS, "abcdefghijklmnoprstuvwxyz")

# One pass over the text: at each position the first alternative that matches wins.
# Plain spaces are no tokens (the writer squeezes them), so most characters are
# rejected by the first-character look-ahead alone.
# No alternative scans past the character that opens it again (a tag stops at
# "<", a link label at "["): a run of openers is rejected in linear time.
_ODD_WS: Final = "\t\r\n\f\v\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"
# The characters a token may begin with, one by one and as a pattern's class.
_OPENER_CHARS: Final = (
    f"<[\\*&^{_ODD_WS}\u00ad\u200b\u200c\u200d\ufeff{SUPERSCRIPT_DIGITS}{SUPERSCRIPT_LETTERS}"
)
_OPENERS: Final = re.escape(_OPENER_CHARS)
_OPENER_SET: Final = frozenset(_OPENER_CHARS)
# A text encoded as ASCII (any other character as "?") and translated by this table has a
# 1 where a token may begin or a character outside ASCII stood (or a "?"), else a 0: the
# places to look at are found by C loops, each a step or two per character, where a scan
# of the pattern's class costs dozens.
_CANDIDATES: Final = bytes(
    1 if chr(byte) in _OPENER_SET or byte == ord("?") else 0 for byte in range(256)
)
# Beyond this share of candidates (text mostly outside ASCII), the pattern's scan is cheaper.
_MOST_CANDIDATES: Final = 8
# What a backslash escapes (as Markdown does).
_ESCAPABLE: Final = r"[\\`*_{}\[\]()#+\-.!|<>~'\"]"
_LINK_TEXT: Final = r"\[(?P<label>[^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)"
_TOKEN: Final = re.compile(
    r"(?:(?P<br>(?i:<br\s*/?>))"
    r"|(?P<tag>(?i:</?(?:i|em|b|strong|u|span|p|small|font)\b[^<>]*>))"
    rf"|(?P<note><sup>\s*(?P<n1>[a-z])\s*</sup>|(?P<n2>[{SUPERSCRIPT_LETTERS}])"
    rf"(?![{SUPERSCRIPT_LETTERS}])|\^(?P<n3>[a-z])(?![A-Za-z]))"
    rf"|(?P<fn><sup>\s*(?P<f1>\d{{1,4}})\s*</sup>|(?P<f2>[{SUPERSCRIPT_DIGITS}]+)"
    r"|\[\^(?P<f3>\d{1,4})\]|\^(?P<f4>\d{1,4}))"
    rf"|(?P<link>{_LINK_TEXT})"
    rf"|\\(?P<escaped>{_ESCAPABLE})"
    r"|(?P<emph>(?P<stars>\*{1,3})(?=\S)(?P<inner>[^*\n]*?\S)(?P=stars))"
    r"|(?P<entity>&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);)"
    rf"|(?P<ws>[{_ODD_WS}][\s{_ODD_WS}]*)"
    r"|(?P<invisible>[\u00ad\u200b\u200c\u200d\ufeff]+))"
)
# Spaces a chunk of plain text loses: doubled, before punctuation, inside "(". Written to
# open with its space (the run's first), which the search skips to, where alternatives that
# open with a look-behind would be tried at every character.
_SQUEEZE: Final = re.compile(r" (?:(?<=[ (] ) *| *(?=[,;.:)]))")
_PUNCTUATION: Final = frozenset(",;.:)")
# What a piece may open with that ``_Writer.text`` treats with care after a space or "("
# (see there); other pieces are copied as they are.
_TOUCHY: Final = frozenset(" ,;.:)")
# What a piece may end with for a space after it to be left out; asked of the piece's last
# character (a native slice), since endswith with a tuple is a method call, compiled.
_OPEN: Final = (" ", "(")
# Characters the tokenizer would change (the pattern is for text mostly outside ASCII, see
# _openers); text without any (and without spaces to squeeze) is only stripped.
_SPECIAL: Final = re.compile(f"[{_OPENERS}]")
_SQUEEZE_HINT: Final = re.compile(" [ ,;.:)]")
_BY_ORIGIN: Final = attrgetter("origin")
_POSITION: Final = itemgetter(3)  # a Marker's position
# The commonest tokens, read without a pattern where they begin (see _Writer.run and
# _link): a run of superscript digits, a backslash before a character it escapes, a link.
SUPERSCRIPT_SET: Final = frozenset(SUPERSCRIPT_DIGITS)
_SUPERSCRIPT_VALUE: Final = {digit: value for value, digit in enumerate(SUPERSCRIPT_DIGITS)}
_ESCAPABLE_SET: Final = frozenset(c for c in map(chr, range(128)) if re.fullmatch(_ESCAPABLE, c))
# A tuple made without the named tuple's own constructor, a Python function: a block has
# a marker for each footnote number and link.
_new_tuple: Final = tuple.__new__


def _openers(text: str, encoded: bytes) -> list[int]:
    """Indexes of the characters of ``text`` (``encoded``: as ASCII, "?" for any other
    character) a token may begin with, in order."""
    # Cut at the candidates: one C loop, where a search from each would be a call each.
    parts = encoded.translate(_CANDIDATES).split(b"\x01")
    found: list[int] = []
    if len(parts) == 1:
        return found
    if len(parts) * _MOST_CANDIDATES > len(text):
        return [match.start() for match in _SPECIAL.finditer(text)]
    at = -1
    for part in parts[:-1]:
        at += len(part) + 1
        if text[at] in _OPENER_SET:
            found.append(at)
    return found


def _squeezable(text: str) -> bool:
    return bool(_SQUEEZE_HINT.search(text)) or _spaced_parenthesis(text)


def _spaced_parenthesis(text: str) -> bool:
    """Whether "( " is in ``text``: each "(" is found by str.find, a C scan that skips to it,
    where a search for the pair would test every character (most texts have few "(")."""
    at = text.find("(")
    while at >= 0:
        if text[at + 1 : at + 2] == " ":
            return True
        at = text.find("(", at + 1)
    return False


def superscript_number(digits: str) -> str:
    """The number a run of superscript digits writes, in ASCII digits: read digit by digit,
    since a translation is a call through the whole string machinery, for a digit or two."""
    value = 0
    for digit in digits:
        value = value * 10 + _SUPERSCRIPT_VALUE[digit]
    return str(value)


class Marker(NamedTuple):
    """A footnote number or a table-note letter taken out of the text."""

    # "footnote", "note", "link" (where a link label began) or "overlong" (a run of
    # superscript digits too long for a footnote number; the value is its length)
    kind: str
    value: str
    origin: int  # source offset of the marker
    position: int = 0  # index in the cleaned text where the marker stood


@dataclass(slots=True, init=False)
class Mapped:
    """A string with, for each character, its source offset."""

    text: str
    origin: Sequence[int]  # a range where the text is one run of the source
    markers: list[Marker] = field(default_factory=list)
    # The markers by position (see _marker_index), kept with the list it was made from.
    _index: tuple[list[Marker], int, list[int], list[int]] | None = field(
        default=None, repr=False, compare=False
    )

    # Written out rather than made by dataclass: compiled (mypyc), an __init__ of the class's
    # own is a native constructor, the dataclass's one Python code called for every text.
    def __init__(
        self, text: str, origin: Sequence[int], markers: list[Marker] | None = None
    ) -> None:
        self.text = text
        self.origin = origin
        self.markers = [] if markers is None else markers
        self._index = None

    @staticmethod
    def of(text: str, start: int = 0) -> Mapped:
        return Mapped(text, range(start, start + len(text)))

    def __len__(self) -> int:
        return len(self.text)

    def strip(self) -> Mapped:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        if left == 0 and right == len(self.text):
            return self
        return self.slice(left, right)

    def slice(self, start: int, end: int) -> Mapped:
        """Part of the text, with the markers that stood in it (end inclusive)."""
        return self._cut(start, end, self._marker_index() if len(self.markers) > 8 else None)

    def slices(self, bounds: Iterable[tuple[int, int]]) -> list[Mapped]:
        """``slice`` for many (start, end) pairs."""
        index = self._marker_index()
        return [self._cut(start, end, index) for start, end in bounds]

    def _marker_index(self) -> tuple[list[int], list[int]]:
        """The markers' indexes in order of position, and their positions; made once per list
        of markers, so that cutting a cell into many pieces reads each marker once."""
        markers = self.markers
        index = self._index
        if index is None or index[0] is not markers or index[1] != len(markers):
            order = sorted(range(len(markers)), key=lambda i: markers[i].position)
            index = (markers, len(markers), order, [markers[i].position for i in order])
            self._index = index
        return index[2], index[3]

    def _cut(self, start: int, end: int, index: tuple[list[int], list[int]] | None) -> Mapped:
        if index is None:
            chosen = [m for m in self.markers if start <= m.position <= end]
        else:
            order, positions = index
            inside = order[
                bisect.bisect_left(positions, start) : bisect.bisect_right(positions, end)
            ]
            # In the order they had here.
            chosen = [self.markers[i] for i in sorted(inside)]
        markers = [
            _new_tuple(Marker, (m.kind, m.value, m.origin, m.position - start)) for m in chosen
        ]
        return Mapped(self.text[start:end], self.origin[start:end], markers)

    def notes(self) -> list[str]:
        """Table-note letters that stood in this text, in order, once each."""
        return list(dict.fromkeys(m.value for m in self.markers if m.kind == "note"))

    def source(self, index: int) -> int:
        """Source offset of the character at ``index`` (clamped)."""
        origin = self.origin
        if type(origin) is range and 0 <= index < len(origin):
            return origin.start + index * origin.step  # most texts: one copied run
        if isinstance(origin, Origins):
            return origin.at(index)
        if not origin:
            return 0
        if index < 0:
            return origin[0]
        return origin[index] if index < len(origin) else origin[-1]

    def position_of(self, origin: int) -> int:
        """Index in the text of the first character at or after a source offset."""
        return bisect.bisect_left(self.origin, origin)

    @staticmethod
    def join(pieces: Iterable[Mapped], sep: str = " ") -> Mapped:
        listed = list(pieces)
        if len(listed) == 1:
            # Most cells and paragraphs are one piece: its origins are shared (never
            # changed in place), not copied run by run into new ones.
            only = listed[0]
            return Mapped(only.text, only.origin, list(only.markers))
        text: list[str] = []
        origin = Origins()
        markers: list[Marker] = []
        for piece in listed:
            if text and sep:
                text.append(sep)
                origin.run(origin[-1] if origin else 0, len(sep), 0)
            offset = len(origin)
            text.append(piece.text)
            origin.extend(piece.origin)
            # A piece's markers stand at positions within it; in the whole they move on.
            markers.extend(
                _new_tuple(Marker, (m.kind, m.value, m.origin, m.position + offset))
                for m in piece.markers
            )
        return Mapped("".join(text), origin.simplest(), markers)


def _link(text: str, begin: int, end: int, openers: list[int], index: int) -> tuple[int, int, bool]:
    """The link that the "[" at ``begin`` opens, read before ``end`` as the tokens' pattern
    reads it: (where its label ends, where the link ends, whether the label holds an opener,
    a character to clean); the link ends at -1 when the "[" opens none.

    ``openers`` are the places of the text's openers (see _openers), ``index`` that of the
    first after ``begin``: the label runs to a "]" with no "[" or line break (both openers)
    before it; then comes "(" and a run of characters other than parentheses and line
    breaks, or parenthesised such runs, closed by ")".
    """
    close = text.find("]", begin + 1, end)
    if close < 0 or text[close + 1 : close + 2] != "(" or close + 1 >= end:
        return close, -1, False
    inside = index
    count = len(openers)
    while inside < count and openers[inside] < close:
        if text[openers[inside]] in "[\n":
            return close, -1, False
        inside += 1
    at = close + 2
    stop = text.find(")", at, end)
    if stop < 0:
        return close, -1, False
    if text.find("(", at, stop) < 0 and text.find("\n", at, stop) < 0:
        return close, stop + 1, inside > index  # most links: no parenthesis in the address
    while at < end:
        char = text[at]
        if char == ")":
            return close, at + 1, inside > index
        if char == "\n":
            break
        if char == "(":
            # A parenthesis in the address: closed before any other, or the link is none.
            at += 1
            while at < end and text[at] not in "()\n":
                at += 1
            if at >= end or text[at] != ")":
                break
        at += 1
    return close, -1, False


class _Writer:
    """Builds the cleaned text piece by piece, with origins and markers."""

    __slots__ = (
        "base",
        "footnotes",
        "markers",
        "notes",
        "openers",
        "origin",
        "pieces",
        "raw",
        "size",
        "source",
        "squeeze",
    )

    def __init__(
        self,
        source: Mapped,
        notes: bool,
        footnotes: bool,
        squeeze: bool,
        base: int | None,
        openers: list[int],
    ) -> None:
        self.source = source
        # Where a token may begin in the source's text (see _openers), in order.
        self.openers = openers
        self.raw = source.text
        self.notes = notes
        self.footnotes = footnotes
        self.pieces: list[str] = []
        self.origin = Origins()
        self.markers: list[Marker] = []
        self.size = 0
        # Whether the source has spaces to squeeze anywhere: a piece of it has none otherwise.
        self.squeeze = squeeze
        # The source offset of the first character when the source is one copied run (a
        # range): a piece's origins are then one run worked out at once.
        self.base = base

    def text(self, start: int, end: int) -> None:
        if start >= end:
            return
        source = self.raw
        pieces = self.pieces
        if source[start] == " " and (not pieces or pieces[-1][-1:] in _OPEN):
            # A space after a removed marker, or at the start: spaces never double.
            while start < end and source[start] == " ":
                start += 1
            if start == end:
                return
        chunk = source[start:end]
        if chunk[0] in _PUNCTUATION and pieces and pieces[-1].endswith(" "):
            self._pop_space()
        if self.squeeze and " " in chunk and _squeezable(chunk):
            kept = 0
            for match in _SQUEEZE.finditer(chunk):
                self._append(start + kept, start + match.start())
                kept = match.end()
            self._append(start + kept, end)
            return
        # The common case, inline: one piece and its origins.
        pieces.append(chunk)
        if self.base is not None:
            self.origin.copy(self.base + start, end - start)
        else:
            self.origin.extend(self.source.origin, start, end)
        self.size += end - start

    def _append(self, start: int, end: int) -> None:
        if start < end:
            self.pieces.append(self.source.text[start:end])
            if self.base is not None:
                self.origin.copy(self.base + start, end - start)
            else:
                self.origin.extend(self.source.origin, start, end)
            self.size += end - start

    def literal(self, chunk: str, at: int) -> None:
        if chunk and chunk[0] in _PUNCTUATION and self.pieces and self.pieces[-1].endswith(" "):
            self._pop_space()
        self.pieces.append(chunk)
        self.origin.run(self.source.origin[at], len(chunk), 0)
        self.size += len(chunk)

    def space(self, at: int) -> None:
        # Collapsed: never leading, never doubled, never just inside "(".
        if self.pieces and self.pieces[-1][-1:] not in _OPEN:
            self.literal(" ", at)

    def _pop_space(self) -> None:
        last = self.pieces.pop()
        if len(last) > 1:
            self.pieces.append(last[:-1])
        elif self.pieces and self.pieces[-1] == "":
            self.pieces.pop()
        self.origin.pop()
        self.size -= 1

    def marker(self, kind: str, value: str, at: int) -> None:
        if kind == "note":
            # A note letter belongs to the word before it: "members ^a , all".
            while self.pieces and self.pieces[-1].endswith(" "):
                self._pop_space()
        origin = self.base + at if self.base is not None else self.source.origin[at]
        self.markers.append(_new_tuple(Marker, (kind, value, origin, self.size)))

    def run(self, start: int, end: int) -> None:
        """Write ``source.text[start:end]``, cleaning each token on the way."""
        text = self.raw
        pieces = self.pieces
        markers = self.markers
        base = self.base
        origin = self.origin
        # Text between tokens, in a source with no spaces to squeeze, is copied as it is
        # unless it opens with a space or punctuation after a space or "(": written here, not
        # by ``text``, as are the commonest tokens (footnote numbers, links whose label needs
        # no cleaning), since a block has many and a call each would cost more than the copy.
        plain = not self.squeeze
        last = start
        # Only where a token may begin is a token tried. An opener inside a token already
        # read is passed over.
        openers = self.openers
        index = bisect.bisect_left(openers, start)
        count = len(openers)
        while index < count:
            begin = openers[index]
            index += 1
            if begin >= end:
                break
            if begin < last:
                continue
            # Links, superscript numbers and escapes, the commonest tokens, are read here as
            # the tokens' pattern reads them: a pattern's call each would cost more than the
            # reading. Other openers go to the pattern.
            char = text[begin]
            match: re.Match[str] | None = None
            if char == "[" and text[begin + 1 : begin + 2] != "^":
                close, at, dirty = _link(text, begin, end, openers, index)
                if at < 0:
                    continue  # a "[" that opens no link is text
                kind: str | None = "link"
            elif char in SUPERSCRIPT_SET:
                at = begin + 1
                while at < end and text[at] in SUPERSCRIPT_SET:
                    at += 1
                kind = "fn"
            elif char == "\\" and begin + 1 < end and text[begin + 1] in _ESCAPABLE_SET:
                at = begin + 2
                kind = "escaped"
            else:
                match = _TOKEN.match(text, begin, end)
                if match is None:
                    continue
                kind = match.lastgroup
                at = match.end()
            if last < begin:
                if plain and (
                    text[last] not in _TOUCHY or (pieces and pieces[-1][-1:] not in _OPEN)
                ):
                    pieces.append(text[last:begin])
                    if base is not None:
                        origin.copy(base + last, begin - last)
                    else:
                        origin.extend(self.source.origin, last, begin)
                    self.size += begin - last
                else:
                    self.text(last, begin)
            last = at
            if kind == "fn":
                if not self.footnotes:
                    self.text(begin, at)
                    continue
                digits = (
                    text[begin:at]
                    if match is None
                    else next(match.group(g) for g in ("f1", "f2", "f3", "f4") if match.group(g))
                )
                if len(digits) > LONGEST_NUMBER:
                    # No footnote number is that long: the run stays text, and the reader
                    # reports it (converting thousands of digits would even fail).
                    where = self.source.origin[begin]
                    markers.append(Marker("overlong", str(len(digits)), where, self.size))
                    self.text(begin, at)
                    continue
                if match is None:
                    number = superscript_number(digits)
                else:
                    number = str(int(digits.translate(_DIGITS)))
                where = base + begin if base is not None else self.source.origin[begin]
                markers.append(_new_tuple(Marker, ("footnote", number, where, self.size)))
            elif kind == "link":
                if match is not None:
                    label = match.group("label")
                    close = match.end("label")
                else:
                    label = text[begin + 1 : close]
                if label:
                    begin, stop = close - len(label), close
                    where = base + begin if base is not None else self.source.origin[begin]
                    markers.append(_new_tuple(Marker, ("link", label, where, self.size)))
                    # Most labels are a symbol, with nothing in them to clean; a link the
                    # scan did not read whole (its label opens with "^") is cleaned as any.
                    if match is not None or dirty:
                        self.run(begin, stop)
                    elif plain and (
                        text[begin] not in _TOUCHY or (pieces and pieces[-1][-1:] not in _OPEN)
                    ):
                        pieces.append(label)
                        if base is not None:
                            origin.copy(base + begin, stop - begin)
                        else:
                            origin.extend(self.source.origin, begin, stop)
                        self.size += stop - begin
                    else:
                        self.text(begin, stop)
            elif kind == "ws" or kind == "br":
                self.space(begin)
            elif kind == "note":
                if not self.notes:
                    self.text(begin, at)
                    continue
                assert match is not None  # a note is the tokens' pattern's
                letter = match.group("n1") or match.group("n2") or match.group("n3")
                self.marker("note", letter.translate(_LETTERS), begin)
            elif kind == "escaped":
                self.text(begin + 1, at)
            elif match is None:
                continue  # every other kind is the tokens' pattern's
            elif kind == "emph":
                self.run(match.start("inner"), match.end("inner"))
            elif kind == "entity":
                self.literal(html.unescape(match.group()), begin)
            # tags, invisible characters and spaces before punctuation are dropped
        # The text after the last token (once per run: the general way costs nothing here).
        self.text(last, end)

    def result(self, before: list[Marker]) -> Mapped:
        text = "".join(self.pieces)
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        if left == 0 and right == len(text):
            # Nothing stripped: markers stay where they were written, none beyond the end
            # (most are within it already: the list is then kept as it is).
            markers = self.markers
            if markers and max(map(_POSITION, markers)) > right:
                markers = [
                    m if m.position <= right else m._replace(position=right) for m in markers
                ]
            markers.extend(before)
            origin = self.origin
        else:
            markers = [
                _new_tuple(
                    Marker,
                    (m.kind, m.value, m.origin, min(max(m.position - left, 0), right - left)),
                )
                for m in self.markers
            ]
            markers.extend(before)
            origin = self.origin[left:right]
        if before or self.base is None:
            # Written in the order of the text, and so of a source read as one run; markers
            # from before, or a source of several runs, are put in order.
            markers.sort(key=_BY_ORIGIN)
        return Mapped(text[left:right], origin.simplest(), markers)


def clean(raw: Mapped, *, notes: bool = True, footnotes: bool = True) -> Mapped:
    """Plain text of a block: markers out, links to labels, escapes and tags gone."""
    text = raw.text
    openers = _openers(text, text.encode("ascii", "replace"))
    squeeze = _SQUEEZE_HINT.search(text) is not None or _spaced_parenthesis(text)  # _squeezable
    if not squeeze and not openers:
        # Most cells and names hold nothing to clean: only the outer spaces go (as
        # Mapped.strip cuts them), and the markers stay as they were.
        right = len(text.rstrip())
        left = len(text) - len(text.lstrip())
        if left == 0 and right == len(text):
            return raw  # nothing to change (nothing changes a Mapped once it is made)
        return Mapped(text[left:right], raw.origin[left:right], list(raw.markers))
    origin = raw.origin
    base = origin.start if isinstance(origin, range) and origin.step == 1 else None
    writer = _Writer(raw, notes, footnotes, squeeze, base, openers)
    writer.run(0, len(raw.text))
    return writer.result(raw.markers)


def plain(raw: str) -> str:
    """Cleaned text of a string with no need for the source map."""
    return clean(Mapped.of(raw)).text
