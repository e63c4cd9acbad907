"""Stage 1, normalise: turn converted Markdown-like text into plain text.

Cleaning never loses the way back to the source. A :class:`Mapped` string
keeps, for every character, the offset of the source character it came
from, so spans of anything found in the clean text point at the raw text.
Footnote and table-note markers are taken out of the text and kept, with
their source offsets, as :class:`Marker` records.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Characters that real conversions use for spaces; all become a plain space.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t"), " ")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"), None)

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_DIGITS = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")
# Unicode has no superscript q; the rest of the Latin lower case is here.
SUPERSCRIPT_LETTERS = "ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ"
_LETTERS = str.maketrans(SUPERSCRIPT_LETTERS, "abcdefghijklmnoprstuvwxyz")

_FOOTNOTE_MARK = re.compile(
    rf"<sup>\s*(\d{{1,4}})\s*</sup>|([{SUPERSCRIPT_DIGITS}]+)|\[\^(\d{{1,4}})\]|\^(\d{{1,4}})"
)
_NOTE_MARK = re.compile(
    rf"\s*(?:<sup>\s*([a-z])\s*</sup>|([{SUPERSCRIPT_LETTERS}])(?![{SUPERSCRIPT_LETTERS}])"
    r"|\^([a-z])(?![A-Za-z]))"
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~'\"])")
_LINK = re.compile(r"\[([^\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_TAG = re.compile(r"</?(?:i|em|b|strong|u|span|p|small|font)\b[^>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_EMPHASIS = re.compile(r"(\*{1,3})(?=\S)([^*\n]*?\S)\1")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_WHITESPACE = re.compile(r"\s{2,}|[\t\r\n]")
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[,;.:)])|(?<=\() ")
_ODD_SPACE = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000\t]")
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\ufeff]")
# Anything that one of the cleaning steps of ``clean`` would change.
_SPECIAL = re.compile(
    "[<\\\\\\[^*&\t\r\n\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u3000"
    f"\u00ad\u200b\u200c\u200d\ufeff{SUPERSCRIPT_DIGITS}{SUPERSCRIPT_LETTERS}]"
    r"|\s{2}| [,;.:)]|\( "
)


@dataclass(frozen=True, slots=True)
class Marker:
    """A footnote number or a table-note letter taken out of the text."""

    kind: str  # "footnote", "note", or "link" (where a link label began)
    value: str
    origin: int  # source offset of the marker
    position: int = 0  # index in the cleaned text where the marker stood


@dataclass(slots=True)
class Mapped:
    """A string with, for each character, its source offset."""

    text: str
    origin: list[int]
    markers: list[Marker] = field(default_factory=list)

    @classmethod
    def of(cls, text: str, start: int = 0) -> Mapped:
        return cls(text, list(range(start, start + len(text))))

    def __len__(self) -> int:
        return len(self.text)

    def sub(
        self, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], tuple[str, int]]
    ) -> Mapped:
        """Replace each match; ``repl`` gives (new text, offset in the match it maps to).

        A replacement that keeps a group of the match maps character by character
        (offset -1 means: the text is the group given by ``keep_group``).
        """
        if not pattern.search(self.text):
            return self
        parts: list[str] = []
        origin: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            parts.append(self.text[last : match.start()])
            origin.extend(self.origin[last : match.start()])
            new, group = repl(match)
            if group > 0 and match.group(group) == new:
                parts.append(new)
                origin.extend(self.origin[match.start(group) : match.end(group)])
            elif new:
                anchor = self.origin[match.start()] if match.start() < len(self.origin) else 0
                parts.append(new)
                origin.extend([anchor] * len(new))
            last = match.end()
        parts.append(self.text[last:])
        origin.extend(self.origin[last:])
        return Mapped("".join(parts), origin, self.markers)

    def keep(self, pattern: re.Pattern[str], group: int) -> Mapped:
        return self.sub(pattern, lambda m: (m.group(group) or "", group))

    def drop(self, pattern: re.Pattern[str]) -> Mapped:
        return self.sub(pattern, lambda m: ("", 0))

    def strip(self) -> Mapped:
        left = len(self.text) - len(self.text.lstrip())
        right = len(self.text.rstrip())
        if left == 0 and right == len(self.text):
            return self
        return self.slice(left, right)

    def slice(self, start: int, end: int) -> Mapped:
        """Part of the text, with the markers that stood in it (end inclusive)."""
        markers = [
            Marker(m.kind, m.value, m.origin, m.position - start)
            for m in self.markers
            if start <= m.position <= end
        ]
        return Mapped(self.text[start:end], self.origin[start:end], markers)

    def notes(self) -> list[str]:
        """Table-note letters that stood in this text, in order, once each."""
        return list(dict.fromkeys(m.value for m in self.markers if m.kind == "note"))

    def source(self, index: int) -> int:
        """Source offset of the character at ``index`` (clamped)."""
        if not self.origin:
            return 0
        return self.origin[max(0, min(index, len(self.origin) - 1))]

    def position_of(self, origin: int) -> int:
        """Index in the text of the first character at or after a source offset."""
        return bisect.bisect_left(self.origin, origin)

    @staticmethod
    def join(pieces: Iterable[Mapped], sep: str = " ") -> Mapped:
        text: list[str] = []
        origin: list[int] = []
        markers: list[Marker] = []
        for piece in pieces:
            if text and sep:
                text.append(sep)
                origin.extend([origin[-1] if origin else 0] * len(sep))
            text.append(piece.text)
            origin.extend(piece.origin)
            markers.extend(piece.markers)
        return Mapped("".join(text), origin, markers)


def _footnote_value(match: re.Match[str]) -> str:
    raw = next(g for g in match.groups() if g)
    return str(int(raw.translate(_DIGITS)))


def _note_value(match: re.Match[str]) -> str:
    return next(g for g in match.groups() if g).translate(_LETTERS)


def spaces(text: str) -> str:
    """Unify space characters and drop invisible ones (length may shrink)."""
    return text.translate(_SPACES).translate(_INVISIBLE)


def clean(raw: Mapped, *, notes: bool = True, footnotes: bool = True) -> Mapped:
    """Plain text of a block: markers out, links to labels, escapes and tags gone."""
    if not _SPECIAL.search(raw.text):
        # Most cells and names hold nothing to clean: only the outer spaces go.
        plain = Mapped(raw.text, raw.origin, []).strip()
        plain.markers = list(raw.markers)
        return plain
    text = Mapped(raw.text, raw.origin, [])
    if _ODD_SPACE.search(text.text):
        text = Mapped(text.text.translate(_SPACES), text.origin, [])
    text = text.drop(_INVISIBLE_RE)
    text = text.sub(_BREAK, lambda m: (" ", 0))
    text = text.drop(_TAG)
    text = text.keep(_ESCAPE, 1)
    found: list[Marker] = []
    for match in _LINK.finditer(text.text):
        if match.group(1):
            found.append(Marker("link", match.group(1), text.source(match.start(1))))
    text = text.keep(_LINK, 1)
    if footnotes:
        for match in _FOOTNOTE_MARK.finditer(text.text):
            found.append(Marker("footnote", _footnote_value(match), text.source(match.start())))
        text = text.drop(_FOOTNOTE_MARK)
    if notes:
        for match in _NOTE_MARK.finditer(text.text):
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            found.append(Marker("note", _note_value(match), text.source(start)))
        text = text.drop(_NOTE_MARK)
    text = text.keep(_EMPHASIS, 2)
    if "&" in text.text:
        text = text.sub(_ENTITY, lambda m: (html.unescape(m.group()), 0))
    text = text.sub(_WHITESPACE, lambda m: (" ", 0)).strip()
    text = text.drop(_SPACE_BEFORE_PUNCT)
    markers = [*raw.markers]
    for marker in found:
        markers.append(
            Marker(marker.kind, marker.value, marker.origin, text.position_of(marker.origin))
        )
    text.markers = sorted(markers, key=lambda m: m.origin)
    return text


def plain(raw: str) -> str:
    """Cleaned text of a string with no need for the source map."""
    return clean(Mapped.of(raw)).text
