"""The "layout" stage (see pipeline.STAGES): cut the source into lines and the lines into blocks.

A converted section is a run of blocks separated by blank lines: the
heading, narrative paragraphs, page-bottom footnote blocks, the table
caption, table rows (tab-separated or Markdown pipes, with headers repeated
after page breaks) and the lettered table notes. Each block keeps the
source lines it was made of.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Final, NamedTuple

from repertoire.read.text import (
    LONGEST_NUMBER,
    SUPERSCRIPT_DIGITS,
    SUPERSCRIPT_LETTERS,
    SUPERSCRIPT_SET,
    Mapped,
    superscript_number,
)
from repertoire.reference import patterns

_DIGITS: Final = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
_LETTERS: Final = str.maketrans(SUPERSCRIPT_LETTERS, "abcdefghijklmnoprstuvwxyz")
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
_HEADING: Final = re.compile(
    r"^\s{0,3}(?:#{1,6}\s*)?(?:\*\*)?(\d{1,3}(?:\.\d{1,2})?)\.?\s+(?:\*\*)?"
    r"(?P<title>[A-Z\u00c0-\u024f“\"'(].{2,250}?)(?:\*\*)?\s*$"
)
_FOOTNOTE_DEF: Final = re.compile(
    rf"^\s{{0,3}}(?:<sup>\s*(\d{{1,4}})\s*</sup>|([{SUPERSCRIPT_DIGITS}]+)|\^(\d{{1,4}})"
    r"|\[\^(\d{1,4})\]:?)[ \t\u00a0]*(?=\S)"
)
_NOTE_DEF: Final = re.compile(
    rf"^\s{{0,3}}(?:<sup>\s*([a-z])\s*</sup>|([{SUPERSCRIPT_LETTERS}])|\^([a-z])(?![A-Za-z]))"
    r"[ \t\u00a0]*(?=\S)"
)
_PIPE_ROW: Final = re.compile(r"^\s*\|.*\|\s*$")
# No two neighbouring quantifiers take the same characters: a line of spaces is
# rejected in one pass, not by trying every way of sharing them out.
_PIPE_RULE: Final = re.compile(r"^\s*(?:\|\s*)?:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*(?:\|\s*)?$")
# The characters a footnote or note label may begin with (after spaces): a line that
# begins otherwise is tried against neither pattern.
_LABEL_LEADS: Final = frozenset(f"<^[{SUPERSCRIPT_DIGITS}{SUPERSCRIPT_LETTERS}")
# The spaces _FOOTNOTE_DEF takes between a label and its text.
_LABEL_SPACES: Final = frozenset(" \t\u00a0")
# What a heading begins with (after spaces), besides a digit.
_HEADING_LEADS: Final = frozenset("#*")
# A tuple made without the named tuple's own constructor, which is a Python function: a
# text has a line each.
_new_tuple: Final = tuple.__new__


class Kind(Enum):
    BLANK = "blank"
    HEADING = "heading"
    CAPTION = "caption"
    ROW = "row"
    RULE = "rule"
    FOOTNOTE = "footnote"
    NOTE = "note"
    TEXT = "text"


class Line(NamedTuple):
    """One source line (a tuple: many are made, and cheaply)."""

    number: int  # 1-based
    start: int  # offset of the first character in the decoded source
    raw: str  # without its line ending

    @property
    def end(self) -> int:
        return self.start + len(self.raw)

    def mapped(self, skip: int = 0) -> Mapped:
        return _mapped(self, skip)


def _mapped(line: Line, skip: int) -> Mapped:
    """:meth:`Line.mapped`, called as a plain function by the blocks: compiled, a named
    tuple's method is looked up on each call, a function is called directly."""
    raw = line.raw[skip:] if skip else line.raw
    start = line.start + skip
    return Mapped(raw, range(start, start + len(raw)))  # Mapped.of, written out


@dataclass(slots=True, init=False)
class Block:
    kind: Kind
    lines: list[Line]
    label: str = ""  # footnote number, note letter, heading number
    body_start: int = 0  # characters of the first line taken by the label

    # Written out: compiled, the class's own __init__ is a native constructor (see Mapped).
    def __init__(self, kind: Kind, lines: list[Line], label: str = "", body_start: int = 0) -> None:
        self.kind = kind
        self.lines = lines
        self.label = label
        self.body_start = body_start

    @property
    def first(self) -> Line:
        return self.lines[0]

    def mapped(self) -> Mapped:
        """The block's text, lines joined by spaces, labels left out."""
        if len(self.lines) == 1:
            return _mapped(self.lines[0], self.body_start)
        pieces = [_mapped(self.lines[0], self.body_start)]
        pieces.extend(_mapped(line, 0) for line in self.lines[1:])
        return Mapped.join(pieces)


@dataclass(slots=True)
class Layout:
    lines: list[Line]
    blocks: list[Block] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    if "\r" not in text:
        # Only line feeds, each found by str.find: a C search that skips to the next (even
        # in text outside Latin-1, where str.split tests every character).
        start = 0
        number = 1
        line = Line  # looked up once, not in the module for every line
        end = text.find("\n")
        while end >= 0:
            lines.append(_new_tuple(line, (number, start, text[start:end])))
            number += 1
            start = end + 1
            end = text.find("\n", start)
        if start < len(text) or not lines:
            lines.append(_new_tuple(line, (number, start, text[start:])))
        # A final line feed ends the last line; it opens no new one.
        return lines
    start = 0
    for number, match in enumerate(_LINE_BREAK.finditer(text), start=1):
        lines.append(Line(number, start, text[start : match.start()]))
        start = match.end()
    if start < len(text) or not lines:
        lines.append(Line(len(lines) + 1, start, text[start:]))
    return lines


def _first_group(match: re.Match[str]) -> str:
    # One group of the alternatives takes part, never empty: the last one to match.
    return match.group(match.lastindex or 0)


# What classify answers for lines with no label, made once.
_ROW, _RULE, _BLANK = (Kind.ROW, "", 0), (Kind.RULE, "", 0), (Kind.BLANK, "", 0)
_CAPTION, _TEXT = (Kind.CAPTION, "", 0), (Kind.TEXT, "", 0)


def classify(line: Line) -> tuple[Kind, str, int]:
    """What a single line is, with its label and where its body starts."""
    raw = line.raw
    stripped = raw.strip(" \u00a0\t")
    if not stripped:
        # A row of empty tab cells is still a (continuation) row.
        return _ROW if "\t" in raw and raw.count("\t") >= 2 else _BLANK
    # Each pattern is tried only where a cheap test of the line lets it match: a rule has
    # "-" (and "|" when it is no row), a pipe row "|", a label or a heading its first
    # character.
    piped = "|" in raw
    # Counted only where there is a tab: finding one is a fast scan, counting reads every
    # character of a long line.
    if ("\t" in raw and raw.count("\t") >= 2) or (piped and _PIPE_ROW.match(raw)):
        if "-" in raw and _PIPE_RULE.match(raw):
            return _RULE
        return _ROW
    if piped and "-" in raw and _PIPE_RULE.match(raw):
        return _RULE
    lead = raw.lstrip()[:1]
    if lead in SUPERSCRIPT_SET:
        # The commonest label, a run of superscript digits, read as _FOOTNOTE_DEF reads it.
        label = _superscript_label(raw)
        if label is not None:
            return label
    elif lead in _LABEL_LEADS:
        if (match := _FOOTNOTE_DEF.match(raw)) and len(
            written := _first_group(match)
        ) <= LONGEST_NUMBER:
            # Longer runs of superscript digits are no footnote number: the line is text.
            return Kind.FOOTNOTE, str(int(written.translate(_DIGITS))), match.end()
        if match := _NOTE_DEF.match(raw):
            letter = _first_group(match).translate(_LETTERS)
            return Kind.NOTE, letter, match.end()
    # Every caption has a colon ("Meetings: …"): the pattern is not tried on other lines.
    if ":" in stripped and patterns.caption(stripped):
        return _CAPTION
    # Trailing spaces are cut first: the title's lazy end would scan them once per length.
    if (
        (lead in _HEADING_LEADS or lead.isdecimal())
        and (match := _HEADING.match(raw.rstrip()))
        and _is_heading(match.group("title"))
    ):
        return Kind.HEADING, match.group(1), 0
    return _TEXT


def _superscript_label(raw: str) -> tuple[Kind, str, int] | None:
    """:func:`classify` of a line that opens (after spaces) with a superscript digit, read
    without a pattern's call as _FOOTNOTE_DEF and _NOTE_DEF read it: no more than three
    spaces, the run of digits, then spaces and something else. Where only spaces follow,
    the run's last digit is what follows; a run that long is no footnote number."""
    size = len(raw)
    begin = size - len(raw.lstrip())
    if begin > 3:
        return None
    end = begin + 1
    while end < size and raw[end] in SUPERSCRIPT_SET:
        end += 1
    body = end
    while body < size and raw[body] in _LABEL_SPACES:
        body += 1
    if body == size or raw[body].isspace():
        body = end = end - 1  # the pattern gives the last digit back
        if end == begin:
            return None
    if end - begin > LONGEST_NUMBER:
        return None
    return Kind.FOOTNOTE, superscript_number(raw[begin:end]), body


def _is_heading(title: str) -> bool:
    # A heading is short and is not a sentence: no full stop at its end.
    title = title.rstrip("*# ")
    return len(title) <= 200 and not title.endswith((".", ",", ";", ":")) and "\t" not in title


def lay_out(text: str) -> Layout:
    """Group lines into blocks.

    Consecutive text lines form one block (hard-wrapped paragraphs); a
    footnote or note definition takes the text lines that follow it without
    a blank line; every table row and heading is a block of its own.
    """
    layout = Layout(split_lines(text))
    blocks = layout.blocks
    current: Block | None = None
    in_table = False
    # The kinds as locals: an enum member looked up on its class costs more than the test.
    # Compared by identity, not looked up in a set: an enum's hash is a Python call.
    heading, row, text_kind, blank = Kind.HEADING, Kind.ROW, Kind.TEXT, Kind.BLANK
    caption, rule, footnote, note = Kind.CAPTION, Kind.RULE, Kind.FOOTNOTE, Kind.NOTE
    for line in layout.lines:
        raw = line.raw
        if not raw or (raw.isspace() and raw.count("\t") < 2 and not raw.strip(" \u00a0\t")):
            # A blank line (half of them) ends the block, as classify would say, unasked.
            current = None
            continue
        kind, label, body = classify(line)
        if kind is heading:
            in_table = False
        elif kind is caption or kind is row:  # these open a table
            in_table = True
        elif kind is text_kind and in_table and "\t" in line.raw:
            # Inside a table a single tab still separates cells (a row cut short).
            kind = row
        if kind is blank:
            current = None
            continue
        if kind is text_kind and current is not None:
            taker = current.kind  # these take the text lines after them
            if taker is text_kind or taker is footnote or taker is note:
                current.lines.append(line)
                continue
        current = Block(kind, [line], label, body)
        blocks.append(current)
        if kind is heading or kind is caption or kind is row or kind is rule:  # alone
            current = None
    return layout
