"""Pinpoints that name paragraphs of a decision, read into references.

A footnote's citation keeps its pinpoint as written ("para. 1", "paras. 3–5", "para. 6 (b)",
"annex, para. 2", "third preambular paragraph", "first and second paragraphs"); this reads
what paragraphs it names. A pinpoint that names something else ("sect. II", "chap. 38",
"annex II, sections A and B") or that is not read to its end names no paragraph: ``None``,
so that nothing is judged on a guess.

    >>> [r.address("resolution") for r in read("paras. 3–5")]
    ['3', '4', '5']
    >>> [r.address("resolution") for r in read("para. 6 (a) and (b)")]
    ['6 (a)', '6 (b)']
    >>> [r.address("presidential_statement") for r in read("fourth and fifth paragraphs")]
    ['4', '5']
    >>> read("sect. II") is None
    True
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

ORDINALS: Final = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ORDINAL: Final = {word: n for n, word in enumerate(ORDINALS, start=1)}
# A range longer than this is a misreading, not a pinpoint ("paras. 3–2023").
LONGEST_RANGE: Final = 200

_DASHES: Final = str.maketrans({"–": "-", "—": "-", "‑": "-", "‐": "-", "\u00a0": " "})
_ANNEX: Final = re.compile(r"(?i)^annex(?:\s+(?P<which>[IVXLC]+|\d+|[A-Z]))?\s*,?\s*")
_PARAS: Final = re.compile(
    r"(?i)^(?P<kind>operative\s+|preambular\s+)?(?:paras?\.|paragraphs?|subparas?\.)\s*"
)
_PREAMBLE: Final = re.compile(
    r"(?i)^(?:preamble|preambular)\s*,?\s*(?:(?:paras?\.|paragraphs?)\s*)?"
)
_ORDINALS: Final = re.compile(
    rf"(?i)^(?P<list>(?:{'|'.join(ORDINALS)})(?:(?:\s*,\s*|,?\s+and\s+|\s+to\s+)"
    rf"(?:{'|'.join(ORDINALS)}))*)\s+(?P<kind>preambular\s+|operative\s+)?paragraphs?$"
)
_ORDINAL_SEP: Final = re.compile(r"(?i)\s*,\s*(?:and\s+)?|\s+and\s+|\s+(to)\s+")
_ITEM: Final = re.compile(
    r"(?i)\s*(?:(?P<sep>,\s*and|,|and|to|-)\s*)?"
    r"(?:(?P<number>\d{1,3})(?P<subs>(?:\s*\([a-z0-9]{1,5}\))*)|(?P<only>(?:\s*\([a-z]{1,5}\))+))"
)
_SUBS: Final = re.compile(r"\(([a-z0-9]{1,5})\)", re.IGNORECASE)


class Reference(NamedTuple):
    """One paragraph a pinpoint names.

    ``part`` is ``operative`` (by number), ``preamble`` (by place), ``annex`` (by number in
    the annex ``annex``) or ``ordinal`` ("fourth paragraph": the fourth unnumbered
    paragraph, which is a statement's fourth or a resolution's fourth preambular one).
    """

    part: str
    number: int
    subs: tuple[str, ...] = ()
    annex: str | None = None

    def address(self, kind: str) -> str:
        """The paragraph's address in a text of ``kind`` (see ``TextParagraph.address``)."""
        subs = "".join(f" ({s})" for s in self.subs)
        if self.part == "operative":
            return f"{self.number}{subs}"
        if self.part == "annex":
            return f"{self.annex} {self.number}{subs}"
        if self.part == "ordinal" and kind == "presidential_statement":
            return str(self.number)
        return f"preamble {self.number}"

    def label(self, kind: str) -> str:
        """How the Repertoire writes it: "para. 6 (b)", "third preambular paragraph"."""
        return label_of(
            "annex"
            if self.part == "annex"
            else "operative"
            if self.part == "operative"
            else (
                "statement"
                if self.part == "ordinal" and kind == "presidential_statement"
                else "preamble"
            ),
            self.address(kind),
            kind,
        )


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if 0 < n <= len(ORDINALS) else f"{n}th"


def label_of(part: str, address: str | None, kind: str) -> str:
    """A paragraph's address as the Repertoire writes a pinpoint to it."""
    if address is None:
        return {"heading": "a heading", "intro": "the introduction"}.get(part, "a paragraph")
    if part == "preamble":
        return f"{ordinal(int(address.split()[-1]))} preambular paragraph"
    if part == "statement" and address.isdigit():
        return f"{ordinal(int(address))} paragraph"
    if part == "annex":
        annex, _, rest = address.rpartition(" ") if "(" not in address else _annex_split(address)
        return f"{annex}, para. {rest}"
    return f"para. {address}"


def _annex_split(address: str) -> tuple[str, str, str]:
    head, _, subs = address.partition(" (")
    annex, _, number = head.rpartition(" ")
    return annex, " ", f"{number} ({subs}"


def read(pinpoint: str | None) -> list[Reference] | None:
    """The paragraphs ``pinpoint`` names, in order; ``None`` when it names no paragraph."""
    if not pinpoint:
        return None
    text = " ".join(pinpoint.translate(_DASHES).split()).rstrip(" .;")
    annex: str | None = None
    if match := _ANNEX.match(text):
        rest = text[match.end() :]
        if not rest or not _PARAS.match(rest):
            return None  # "annex II, sections A and B": not paragraphs
        which = match.group("which")
        annex = "annex" + (f" {which}" if which else "")
        text = rest
    if match := _ORDINALS.match(text):
        if annex:
            return None
        kind = (match.group("kind") or "").strip().casefold()
        return _ordinals(match.group("list"), "preamble" if kind == "preambular" else "ordinal")
    part = "annex" if annex else "operative"
    if match := _PARAS.match(text):
        if (match.group("kind") or "").strip().casefold() == "preambular":
            part = "preamble"
    elif not annex and (match := _PREAMBLE.match(text)):
        part = "preamble"
    else:
        return None
    return _items(text, match.end(), part, annex)


def _ordinals(written: str, part: str) -> list[Reference] | None:
    numbers: list[int] = []
    pieces = _ORDINAL_SEP.split(written)
    # split() with a group gives [word, "to" or None, word, ...].
    words = pieces[0::2]
    ranges = pieces[1::2]
    for index, word in enumerate(words):
        n = _ORDINAL[word.casefold()]
        if index and ranges[index - 1] and numbers:
            numbers.extend(range(numbers[-1] + 1, n + 1))
        else:
            numbers.append(n)
    return [Reference(part, n) for n in numbers] or None


def _items(text: str, at: int, part: str, annex: str | None) -> list[Reference] | None:
    found: list[Reference] = []
    while at < len(text):
        match = _ITEM.match(text, at)
        if match is None or match.end() == at:
            return None  # words after the numbers: not read to the end, not guessed
        sep = (match.group("sep") or "").casefold()
        if match.group("number"):
            number = int(match.group("number"))
            subs = tuple(s.casefold() for s in _SUBS.findall(match.group("subs") or ""))
            if sep in ("-", "to") and found and not subs and not found[-1].subs:
                start = found[-1].number
                if not start < number <= start + LONGEST_RANGE:
                    return None
                found.extend(Reference(part, n, (), annex) for n in range(start + 1, number + 1))
            elif found and not sep:
                return None
            else:
                found.append(Reference(part, number, subs, annex))
        else:
            if not found or sep in ("-", "to"):
                return None
            # "para. 6 (a) and (b)": a sub-paragraph of the number before.
            previous = found[-1]
            subs = tuple(s.casefold() for s in _SUBS.findall(match.group("only")))
            found.append(Reference(part, previous.number, previous.subs[:-1] + subs, annex))
        at = match.end()
    return found or None
