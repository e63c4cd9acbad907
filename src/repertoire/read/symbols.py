"""Finding UN document symbols, resolutions and their pinpoints."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from operator import attrgetter
from typing import Final, NamedTuple

from repertoire.reference import patterns

_SPACED_DOT: Final = re.compile(r"\.\s+(?=\d)")
_SPACES: Final = re.compile(r"\s+")
_RES_YEAR: Final = re.compile(r"^(S/RES/\d+)\s*\((\d{4})\)$")
# A resolution as a user types it: "1234 (2001)", "res. 1234 (2001)", "S/RES/1234(2001)".
_TYPED_RESOLUTION: Final = re.compile(
    r"^(?:S/RES/|res(?:olution)?\.?\s*)?(\d{1,4})\s*\((\d{4})\)$", re.I
)
_YEAR_AFTER: Final = re.compile(r"\s*\(\d{4}\)")
# Far longer than any pinpoint ("annex II, sections A and B"); text that runs on
# beyond it without an end is no pinpoint.
LONGEST_PINPOINT: Final = 500
_PIN_STOP: Final = re.compile(r"[;”\"]|\.(?=\s|$)|,?\s*(?:\band\s+)?(?=\b[A-Z]{1,2}/)")
# Where _PIN_STOP may match: at one of these characters, or in the run of commas, spaces
# and the letters of "and" before a symbol's series (_SERIES). Its last alternative may
# match empty anywhere, so a scan of the pattern itself tries every position of the text.
_STOP_CHARS: Final = ';”".'
_SERIES: Final = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]?/")
_BEFORE_SERIES: Final = frozenset(",and")
_HEAD: Final = re.compile(r",| and ")
# Words whose full stop ends no pinpoint ("para. 3"), matched whole, in any case.
_ABBREVIATION: Final = re.compile(
    r"(?i)(?:paras?|sects?|chaps?|pp?|arts?|no|nos|subpara|vol|sess|suppl|rev|add|corr)"
)
_LONGEST_ABBREVIATION: Final = 7


class Found(NamedTuple):
    """A citation found in a plain string, with its position there.

    ``joint`` is the joint symbol ("A/78/123-S/2099/456") that this symbol is one half
    of; ``part_of`` the symbol that a corrigendum, addendum or revision written as
    "and Corr.1" belongs to.
    """

    symbol: str
    pinpoint: str | None
    start: int
    end: int
    joint: str | None = None
    part_of: str | None = None


@cache
def _record_suffix() -> re.Pattern[str]:
    return re.compile(patterns.data()["symbols"]["record_suffix"])


@cache
def _resolution_chain() -> re.Pattern[str]:
    number = patterns.data()["symbols"]["resolution_number"]
    plain_number = number.replace("(\\d{1,4})", "\\d{1,4}").replace("(\\d{4})", "\\d{4}")
    word = patterns.data()["symbols"]["resolution_word"]
    return re.compile(f"{word}(?:{plain_number})(?:(?:,\\s*|,?\\s+and\\s+)(?:{plain_number}))*")


def _chains(text: str) -> Iterator[re.Match[str]]:
    """``_resolution_chain().finditer(text)``, tried only where the word's "esolution" is.

    A chain opens with "resolution" (or "Resolution"): the pattern, whose first letter
    is either case, would be tried at every "r" of the text.
    """
    chain = _resolution_chain().match
    after = 1  # where the next word may be: a chain starts one character before it
    while (word := text.find("esolution", after)) != -1:
        match = chain(text, word - 1)
        if match is None:
            after = word + 1
            continue
        yield match
        after = match.end() + 1


@cache
def _pinpoint_opener() -> re.Pattern[str]:
    opener = patterns.data()["pinpoints"]["openers"]
    # Every opener begins with a letter (see patterns.toml): the openers, slow to try
    # case-blind, are tried only where one follows, not again at each space given back.
    return re.compile(rf"\s*,\s*(?=[a-z])(?={opener}(?:[\s,.;]|$))", re.IGNORECASE)


@cache
def _joint() -> re.Pattern[str]:
    return re.compile(patterns.data()["symbols"]["joint"])


@cache
def _more_parts() -> re.Pattern[str]:
    return re.compile(patterns.data()["symbols"]["more_parts"])


@lru_cache(maxsize=4096)
def normalise(symbol: str) -> str:
    """Canonical spelling of a symbol: ``S/PV. 1234`` -> ``S/PV.1234``."""
    symbol = _SPACES.sub(" ", symbol.strip())
    symbol = _SPACED_DOT.sub(".", symbol)
    head, sep, tail = symbol.partition(" (")
    head = head.replace(" ", "")
    symbol = head + (sep + tail if sep else "")
    if match := _RES_YEAR.match(symbol.replace(" (", "(").replace("(", " (")):
        return f"{match.group(1)} ({match.group(2)})"
    return symbol


def typed(symbol: str) -> str:
    """The symbol a user typed, spelled as the store spells it: a resolution's number and
    year ("1234 (2001)", "resolution 1234 (2001)") name that resolution; any other symbol
    as :func:`normalise` gives it. One reading for every command that takes a symbol."""
    text = symbol.strip()
    if match := _TYPED_RESOLUTION.match(text):
        return f"S/RES/{int(match.group(1))} ({match.group(2)})"
    return normalise(text)


@lru_cache(maxsize=65536)
def key(symbol: str) -> str:
    """The form of a symbol two spellings of it share, for lookups: every whitespace
    character out (a space, a no-break or thin space, a tab...), letters in capitals.

    ``S/RES/2099 (2099)`` and ``s/res/2099\u00a0(2099)`` both give ``S/RES/2099(2099)``.
    The store's SQL calls it as ``symbol_key(text)`` (see :func:`sql_key`).
    """
    return "".join(symbol.split()).upper()


# The name under which the store's connections know :func:`key` in SQL.
SQL_KEY: Final = "symbol_key"


def sql_key(value: object) -> str | None:
    """:func:`key` as an SQL function: NULL stays NULL, any other value is read as text."""
    return None if value is None else key(str(value))


def resolution(number: str, year: str) -> str:
    return f"S/RES/{int(number)} ({year})"


def url(symbol: str) -> str:
    """The document's address on the UN's official document system."""
    return "https://undocs.org/en/" + symbol.replace(" ", "")


class _Stops:
    """Where pinpoints of one text may end, found in one pass the first time one is needed.

    A pinpoint runs to a semicolon, a quotation mark, a full stop that ends no
    abbreviation, or the next symbol. Scanning the rest of the text again for
    each citation would take time quadratic in the number of citations.
    """

    __slots__ = ("_at", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._at: list[int] | None = None

    def after(self, start: int) -> int:
        """The first place at or after ``start`` where a pinpoint ends."""
        if self._at is None:
            text = self.text
            self._at = [
                at for at in _stop_starts(text) if text[at] != "." or not _abbreviated(text, at)
            ]
        index = bisect.bisect_left(self._at, start)
        return self._at[index] if index < len(self._at) else len(self.text)


def _stop_starts(text: str) -> list[int]:
    """Where the matches of ``_PIN_STOP.finditer(text)`` start, with the pattern tried only
    where it may match: the same places, found without trying every position."""
    size = len(text)
    # A quotation mark or semicolon is a stop, a full stop when a space or the end follows;
    # none of them is ever inside a match of the last alternative.
    # Each found by str.find, a C scan that skips to it, not by a pattern's match each.
    starts: list[int] = []
    for char in _STOP_CHARS:
        at = text.find(char)
        while at >= 0:
            if char != "." or at + 1 == size or text[at + 1].isspace():
                starts.append(at)
            at = text.find(char, at + 1)
    stop = _PIN_STOP.match
    for match in _SERIES.finditer(text):
        series = begin = match.start()
        while begin > 0 and (text[begin - 1] in _BEFORE_SERIES or text[begin - 1].isspace()):
            begin -= 1
        # The scan stops at the first place of the run where the last alternative matches;
        # that match ends at the series, where an empty match follows it.
        for at in range(begin, series + 1):
            if stop(text, at) is not None:
                starts.append(at)
                if at < series:
                    starts.append(series)
                break
    starts.sort()
    return starts


def _abbreviated(text: str, dot: int) -> bool:
    """Whether the word before the full stop at ``dot`` is an abbreviation."""
    # The word is read back from the stop (word characters as a pattern's \w), no further
    # than the longest abbreviation: a longer word is none.
    start = dot
    while start > 0 and ((char := text[start - 1]).isalnum() or char == "_"):
        start -= 1
        if dot - start > _LONGEST_ABBREVIATION:
            return False
    return start < dot and _ABBREVIATION.fullmatch(text, start, dot) is not None


def pinpoint(text: str, end: int, stops: _Stops | None = None) -> tuple[str | None, int]:
    """The pinpoint that follows a citation ending at ``end``, if any."""
    # A pinpoint follows a comma: most citations are followed by none, and need no pattern.
    after = text[end : end + 1]
    if after != ",":
        if not after.isspace():
            return None, end
        # After spaces, the opener's comma: "S/2099/1 and S/2099/2" has none, looked at
        # without the pattern (which reads on over longer runs of spaces itself).
        head = text[end : end + 8].lstrip()
        if head and head[0] != ",":
            return None, end
    opener = _pinpoint_opener().match(text, end)
    if not opener:
        return None, end
    start = opener.end()
    stop = (stops or _Stops(text)).after(start)
    if stop - start > LONGEST_PINPOINT:
        return None, end  # no pinpoint runs on for pages: each citation would copy them
    pin = text[start:stop].strip(" ,")
    return (pin or None), (stop if pin else end)


def find(text: str, links: frozenset[int] = frozenset()) -> list[Found]:
    """Every citation in ``text`` in order.

    ``links`` holds positions where a Markdown link label began: a bare
    ``1234 (2001)`` there is a resolution even without the word before it.
    """
    if "/" not in text and not links and "esolution" not in text:
        return []  # no symbol, no link label, no resolution: nothing to find
    found: list[Found] = []
    stops = _Stops(text)
    chains: list[tuple[int, int]] = []
    number = patterns.compiled("symbols", "resolution_number")
    if "esolution" in text:  # every chain has the word (most footnotes have none)
        for chain in _chains(text):
            for match in number.finditer(text, chain.start(), chain.end()):
                found.append(
                    _with_pinpoint(
                        text, resolution(*match.groups()), match.start(), match.end(), stops
                    )
                )
            chains.append((chain.start(), chain.end()))
    # Chains, and the numbers that link labels open, never overlap: one sorted list
    # of their ranges answers "is this inside one?" by bisection.
    taken = _Taken(chains)
    linked: list[tuple[int, int]] = []
    # A resolution's number opens with a digit: most labels are symbols, tried no further.
    numbered = [at for at in links if text[at : at + 1].isdigit()] if links else []
    for start in sorted(numbered):
        label = number.match(text, start)
        if label and not (chains and taken.inside(label.start())):
            found.append(
                _with_pinpoint(text, resolution(*label.groups()), label.start(), label.end(), stops)
            )
            linked.append((label.start(), label.end()))
    if linked:
        taken = _Taken(sorted([*chains, *linked]))
    if "/" not in text:
        if len(found) < 2:
            return found  # nothing to order or join
        found.sort(key=_START)
        return _joined(text, found)
    suffix, more = _record_suffix().match, _more_parts().match
    inside = taken.inside if taken.ranges else None
    for match in patterns.symbols(text):
        begin = match.start()
        if inside is not None and inside(begin):
            continue
        end = match.end()
        # A record's suffix opens with spaces or "(" (see patterns.toml): most symbols stand
        # before neither, and the pattern is not tried.
        following = text[end : end + 1]
        if (following == "(" or following.isspace()) and (after := suffix(text, end)):
            end = after.end()
            following = text[end : end + 1]
        elif "/RES/" in match.group() and (year := _YEAR_AFTER.match(text, end)):
            end = year.end()
            following = text[end : end + 1]
        written = text[begin:end].rstrip(".")
        # Most symbols are written as they are spelt: no space, parenthesis or odd
        # character to normalise.
        symbol = (
            written
            if " " not in written and "(" not in written and written.isprintable()
            else normalise(written)
        )
        # More parts, and a pinpoint, follow a comma or a space: most symbols stand before
        # neither.
        after_comma = following == "," or following.isspace()
        parts = _parts(text, symbol, end) if after_comma and more(text, end) else None
        if not parts:
            if after_comma:
                found.append(_with_pinpoint(text, symbol, begin, end, stops))
            else:
                found.append(_new_tuple(Found, (symbol, None, begin, end, None, None)))
            continue
        # "S/2099/456 and Corr.1, sect. II": the pinpoint after the last part is every part's.
        last = _with_pinpoint(text, parts[-1].symbol, parts[-1].start, parts[-1].end, stops)
        found.append(Found(symbol, last.pinpoint, begin, end))
        found.extend(part._replace(pinpoint=last.pinpoint) for part in parts[:-1])
        found.append(last._replace(part_of=symbol))
    if len(found) < 2:
        return found
    found.sort(key=_START)
    return _joined(text, found)


_START: Final = attrgetter("start")
# A tuple made without the named tuple's own constructor, a Python function: a text has a
# citation for each symbol.
_new_tuple: Final = tuple.__new__


def _parts(text: str, symbol: str, end: int) -> list[Found]:
    """Corrigenda, addenda and revisions written after a symbol: "and Corr.1", ", Add.2"."""
    parts: list[Found] = []
    while match := _more_parts().match(text, end):
        kind, number = match.group("kind"), match.group("number")
        base = re.sub(rf"/{kind}\.\d+$", "", symbol)
        start = match.start("kind")
        parts.append(Found(f"{base}/{kind}.{number}", None, start, match.end(), part_of=symbol))
        end = match.end()
    return parts


def _joined(text: str, found: list[Found]) -> list[Found]:
    """Mark the two halves of each joint symbol; the second half's pinpoint is the first's."""
    joint_between = _joint().fullmatch
    for index in range(len(found) - 1):
        first, second = found[index], found[index + 1]
        if first.pinpoint is not None or first.part_of or first.joint:
            continue
        between = joint_between(text, first.end, second.start)
        if between is None or first.symbol.split("/")[0] == second.symbol.split("/")[0]:
            continue  # a joint symbol joins two organs' series: A/… and S/…
        joint = f"{first.symbol}-{second.symbol}"
        found[index] = first._replace(joint=joint, pinpoint=second.pinpoint)
        found[index + 1] = second._replace(joint=joint)
    return found


class _Taken:
    """Ranges of text already read as citations, in order and not overlapping."""

    __slots__ = ("ranges", "starts")

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = ranges
        self.starts = [start for start, _ in ranges]

    def inside(self, position: int) -> bool:
        index = bisect.bisect_right(self.starts, position) - 1
        return index >= 0 and position < self.ranges[index][1]


def document_symbols(text: str) -> tuple[str, list[str]] | None:
    """The key symbol of a document written as ``text`` ("A/78/123-S/2099/456", "S/2099/456
    and Corr.1") and its other symbols; None when ``text`` does not open with a symbol.

    The key of a joint symbol is the Security Council's half (``S/``).
    """
    found = find(text)
    if not found or found[0].start != 0:
        return None
    head = _HEAD.split(text, maxsplit=1)[0].rstrip()
    if max(f.end for f in found if f.start < len(head)) < len(head):
        return None  # "(S/2099/1 of 5 May)" is no document symbol in parentheses
    group = [found[0]]
    for item in found[1:]:
        if (item.joint and item.joint == group[0].joint) or item.part_of in {
            g.symbol for g in group
        }:
            group.append(item)
    symbols = [g.symbol for g in group]
    key = (
        next((s for s in symbols if s.startswith("S/")), symbols[0])
        if group[0].joint
        else symbols[0]
    )
    return key, [s for s in symbols if s != key]


def _with_pinpoint(text: str, symbol: str, start: int, end: int, stops: _Stops) -> Found:
    pin, stop = pinpoint(text, end, stops)
    return _new_tuple(Found, (symbol, pin, start, stop if stop > end else end, None, None))


def is_symbol(text: str) -> bool:
    """Whether ``text`` is one symbol and nothing else."""
    text = text.strip()
    match = patterns.symbol().match(text)
    if not match:
        return False
    rest = text[match.end() :]
    return not rest or bool(_record_suffix().fullmatch(rest))
