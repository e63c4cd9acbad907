"""The text patterns of ``data/patterns.toml``, compiled once."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from functools import cache
from typing import Any, Final

from repertoire.reference import files


@cache
def data() -> dict[str, Any]:
    return files.toml("patterns.toml")


@cache
def compiled(section: str, name: str) -> re.Pattern[str]:
    return re.compile(data()[section][name])


# The characters outside ASCII that a pattern of any case matches with an ASCII letter
# (İ and ı with "i", ſ with "s", the Kelvin sign with "k"): lowering a text does not make
# them those letters.
ASCII_ALIKE: Final = "\u0130\u0131\u017f\u212a"


def may_say(text: str, words: tuple[str, ...]) -> bool:
    """Whether a pattern of any case that matches only where one of ``words`` (lower-case
    ASCII) stands may match in ``text``: found by plain searches, where such a pattern is
    tried at every position. Text with a letter that matches an ASCII one only in a
    pattern's eyes is left to the pattern."""
    if not text.isascii() and any(char in text for char in ASCII_ALIKE):
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)


# What ends a run of words and spaces: a pattern whose match holds an anchor word (a claim
# before its anchor, a vote list's label before its colon) with nothing but words, spaces and
# hyphens before it starts after the last of these before the anchor.
_RUN_BREAKS: Final = ".,;:()"


def run_start(text: str, start: int, end: int) -> int:
    """Where the run of words and spaces that ends at ``end`` begins, no earlier than
    ``start``: after the last character before ``end`` that ends such a run."""
    for mark in _RUN_BREAKS:
        start = max(start, text.rfind(mark, start, end) + 1)
    return start


def meeting_record() -> str:
    """The pattern of a meeting record (``S/PV.1234 (Resumption 1)``), to build others from."""
    return str(data()["symbols"]["meeting_record"])


def symbol() -> re.Pattern[str]:
    return compiled("symbols", "symbol")


# The capitals a symbol's series is written in: a set's look-up, where a comparison of two
# strings is a generic call, compiled.
_CAPITALS: Final = frozenset(string.ascii_uppercase)


def symbols(text: str) -> Iterator[re.Match[str]]:
    """Every symbol in ``text``, as ``symbol().finditer`` finds them, but tried only where
    one may begin: at the first of the capitals before a slash (the pattern's own
    look-behind and look-ahead then decide, in the one call that reads the symbol)."""
    match = symbol().match
    at = 0  # where the last symbol ended
    slash = text.find("/")
    # Slashes are few in prose, capitals many: a scan for the slashes, then back over the
    # capitals before each, tries far fewer places than a search for the capitals.
    while slash != -1:
        start = slash
        while start > 0 and text[start - 1] in _CAPITALS:
            start -= 1
        if start >= at and (found := match(text, start)) is not None:
            yield found
            at = found.end()
            # The symbol's own slashes open no other: the next is looked for after it.
            slash = text.find("/", at)
            continue
        slash = text.find("/", slash + 1)


def caption(line: str) -> re.Match[str] | None:
    return compiled("table", "caption").match(line.strip())


@cache
def columns() -> dict[str, re.Pattern[str]]:
    return {key: re.compile(value) for key, value in data()["table"]["columns"].items()}


@cache
def months() -> dict[str, int]:
    """Month names, case-folded, to their numbers."""
    return {name.casefold(): index for index, name in enumerate(data()["dates"]["months"], 1)}


def month_name(number: int) -> str:
    """The name of month ``number`` (1 to 12) as the Repertoire writes it."""
    return str(data()["dates"]["months"][number - 1])


@cache
def number_words() -> dict[str, int]:
    return dict(data()["numbers"]["words"])


def number(word: str) -> int | None:
    """``"six"`` or ``"6"`` as an int; None when it is neither."""
    word = word.strip().casefold()
    if word.isdecimal():
        # A count is short; thousands of digits would not even convert.
        return int(word) if len(word) <= 9 else None
    words = number_words()
    if word in words:
        return words[word]
    if "-" in word:  # twenty-one
        tens, _, unit = word.partition("-")
        if tens in words and unit in words:
            return words[tens] + words[unit]
    return None
