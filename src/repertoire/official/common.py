"""What the readers share: their patterns, a findings collector, dates, tallies, symbols."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import urllib.parse
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Final

from repertoire.official.records import OfficialFinding, Tally
from repertoire.read import symbols
from repertoire.records import Severity, Vote
from repertoire.reference import patterns

# Two-digit years from here on are of the 1900s (the Council first met in 1946).
TWO_DIGIT_PIVOT: Final = 46
_NAME_SPLIT: Final = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")
_YEAR_AFTER: Final = re.compile(r"\s*\(\s*\d{4}\s*\)?")
_LEADING_THE: Final = re.compile(r"(?i)^the\s+")
_RES_SPELLED: Final = re.compile(r"(S/RES/\d+) ?\((\d{4})\)")
# The days each month has beyond the 28th in every year (February's 29th is judged by a date).
_LONGER: Final = (0, 3, 0, 3, 2, 3, 2, 3, 3, 2, 3, 2, 3)
# Each month's and day's number as an ISO date writes it ("07").
_TWO_DIGITS: Final = tuple(str(n).zfill(2) for n in range(32))


@cache
def data() -> dict[str, Any]:
    with resources.files("repertoire.data").joinpath("official.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def pattern(section: str, name: str) -> re.Pattern[str]:
    node: Any = data()
    for key in section.split("."):
        node = node[key]
    return re.compile(node[name])


@dataclass(slots=True)
class Findings:
    """Collects a file's findings."""

    path: str
    items: list[OfficialFinding] = field(default_factory=list)

    def add(
        self,
        severity: Severity,
        line: int,
        code: str,
        message: str,
        column: int = 1,
        subject: str | None = None,
    ) -> None:
        self.items.append(
            OfficialFinding(
                self.path, max(line, 1), max(column, 1), code, severity, message, subject
            )
        )

    def error(self, line: int, code: str, message: str, **kw: Any) -> None:
        self.add("error", line, code, message, **kw)

    def warning(self, line: int, code: str, message: str, **kw: Any) -> None:
        self.add("warning", line, code, message, **kw)

    def info(self, line: int, code: str, message: str, **kw: Any) -> None:
        self.add("info", line, code, message, **kw)


def squeeze(text: str | None) -> str:
    """Spaces (no-break spaces, tabs, newlines) folded to one, ends trimmed.

    ``str.split`` splits on the characters ``\\s`` matches, in C.
    """
    return " ".join(text.split()) if text else ""


# --- dates -----------------------------------------------------------------------------


@cache
def _months() -> dict[str, int]:
    months = dict(patterns.months())
    months.update(data()["dates"]["abbreviations"])
    return months


@lru_cache(maxsize=4096)
def parse_date(text: str, year: int | None = None) -> str | None:
    """An ISO date from any style the official files use, or ``None``.

    ``year`` completes a date written without one ("30 November" in a yearly table).
    A range of days ("12-13 October") gives its first day.
    """
    text = squeeze(text)
    if not text:
        return None
    day, space, month_name = text.partition(" ")
    if (
        space
        and 0 < len(day) <= 2
        and day.isdecimal()
        and 3 <= len(month_name) <= 9
        and month_name.isascii()
        and month_name.isalpha()
    ):
        # A day and a month's name (most dates of the yearly tables): what the day_month
        # pattern reads from it, found without trying the three patterns in turn.
        month = _months().get(month_name.casefold())
        if month is not None:
            return _iso(year, month, int(day)) if year is not None else None
    if match := pattern("dates", "iso").match(text):
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    if match := pattern("dates", "month_day_year").match(text):
        return _iso(int(match[3]), int(match[1]), int(match[2]))
    for match in pattern("dates", "day_month").finditer(text):
        month = _months().get(match[2].casefold())
        if month is None:
            continue
        written = _full_year(match[3]) if match[3] else year
        if written is None:
            return None
        return _iso(written, month, int(match[1]))
    return None


def _full_year(text: str) -> int:
    """A year written with two digits is of the Council's first century: 46-99 -> 19xx."""
    value = int(text)
    if len(text) == 2:
        value += 1900 if value >= TWO_DIGIT_PIVOT else 2000
    return value


def _iso(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= 28 + _LONGER[month] and 1 <= year <= 9999:
        # A day its month has in every year (all but 29 February): written as ``isoformat``
        # writes it, without making a date, which costs more than the rest of the reading
        # (as does formatting a number with a width: a month and a day are looked up).
        written = str(year)
        if year < 1000:
            written = written.zfill(4)
        return f"{written}-{_TWO_DIGITS[month]}-{_TWO_DIGITS[day]}"
    try:  # the rest (29 February, no such day, month or year) as a date judges them
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# --- tallies ---------------------------------------------------------------------------


def parse_tally(text: str) -> Tally | None:
    """The vote in ``text`` ("13-0-2", "adopted unanimously", "without vote"), or ``None``."""
    text = squeeze(text)
    counts_pattern, unanimous_pattern, without_pattern, absent_pattern = _tally_patterns()
    counts = counts_pattern.search(text)
    # A vote's words need letters: counts and spaces alone ("15-0-0") are told so at once;
    # and each pattern is tried only where a word it needs stands in the lowered text (none
    # of "unan", "vote", "by", "ab", "ent" holds a letter another matches when case is
    # ignored: see :func:`repertoire.reference.patterns.may_say`).
    lowered = text.lower()
    worded = lowered != text.upper()
    unanimous = worded and "unan" in lowered and bool(unanimous_pattern.search(text))
    without = (
        worded and ("vote" in lowered or "by" in lowered) and bool(without_pattern.search(text))
    )
    if not (counts or unanimous or without):
        return None
    absent = (
        absent_pattern.search(text) if worded and "ab" in lowered and "ent" in lowered else None
    )
    vote = Vote(int(counts[1]), int(counts[2]), int(counts[3])) if counts else None
    written = counts.group() if counts else text
    if absent:
        written = f"{written} ({absent[1]} absent)" if counts else written
    return Tally(
        written,
        vote,
        unanimous=unanimous,
        without_vote=without,
        absent=int(absent[1]) if absent else None,
    )


@cache
def _tally_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The patterns of a tally, looked up once for the four a tally is read with."""
    return (
        pattern("tally", "counts"),
        pattern("tally", "unanimous"),
        pattern("tally", "without_vote"),
        pattern("tally", "absent"),
    )


# The dashes the counts of a tally are written with ("13-0-2", "13–0–2"): each the
# ``tally.counts`` pattern takes.
COUNT_DASHES: Final = "-\u2010\u2011\u2013\u2014\u2212"


def written_counts(text: str) -> Vote | None:
    """The counts ``text`` writes ("13-0-2"), as :func:`parse_tally` reads them; ``None``
    where it writes none (a tally in words only, or no tally)."""
    # Counts stand between dashes: a text with none of the pattern's dashes writes none
    # (most outcomes, "adopted unanimously"), told without trying the pattern everywhere.
    if not any(dash in text for dash in COUNT_DASHES):
        return None
    counts = _tally_patterns()[0].search(squeeze(text))
    return Vote(int(counts[1]), int(counts[2]), int(counts[3])) if counts else None


def count(text: str) -> int | None:
    """A count written as digits, perhaps with leading zeros ("013"); ``None`` if blank or not."""
    text = text.strip()
    return int(text) if text.isdigit() else None


# --- names -----------------------------------------------------------------------------


def split_names(text: str) -> list[str]:
    """``"France, UK and USA"`` -> ``["France", "UK", "USA"]``, as written (less a "the")."""
    names = []
    for piece in _NAME_SPLIT.split(squeeze(text).strip(" .;")):
        piece = _LEADING_THE.sub("", piece.strip(" .;()"))
        if piece:
            names.append(piece)
    return names


# --- symbols ---------------------------------------------------------------------------


def find_symbols(text: str) -> tuple[tuple[str, int, int], ...]:
    """Every document symbol in ``text`` with where it stands, normalised.

    Leaner than :func:`repertoire.read.symbols.find`: official cells cite by symbol only,
    with no pinpoints and no "resolution 1234 (2099)" in running text.
    """
    if "/" not in text:
        return ()
    if text[:5] == "S/PV." and text[5:].isdecimal():
        # A meeting's record and nothing else (most record cells, their links and
        # addresses): what the pattern would find, without trying it, nor keeping it (each
        # record is named once or twice, and a kept result costs more than this test).
        return ((text, 0, len(text)),)
    return _find_symbols(text)


@lru_cache(maxsize=65536)
def _find_symbols(text: str) -> tuple[tuple[str, int, int], ...]:
    if (spelled := _RES_SPELLED.fullmatch(text)) is not None:
        # A resolution and its year alone (most outcome links and their addresses): the
        # one symbol the pattern, its year and :func:`_normalise` would make of it.
        return ((f"{spelled[1]} ({spelled[2]})", 0, len(text)),)
    symbol = patterns.symbol()
    whole = symbol.match(text)
    if whole is not None and whole.end() == len(text):
        # The text is one symbol (a link's text or address, most record cells): the first
        # match is this one, and neither a suffix nor a year can follow the text's end.
        return ((_normalise(text.rstrip(".")), 0, len(text)),)
    found = []
    suffix = record_suffix()
    for match in patterns.symbols(text):  # as ``symbol.finditer``, tried at fewer places
        end = match.end()
        if more := suffix.match(text, end):
            end = more.end()
        elif "/RES/" in match.group() and (year := _YEAR_AFTER.match(text, end)):
            end = year.end()
        found.append((_normalise(text[match.start() : end].rstrip(".")), match.start(), end))
    return tuple(found)


def _normalise(symbol: str) -> str:
    """:func:`repertoire.read.symbols.normalise`, which leaves a symbol without spaces or
    parentheses as it is: most symbols of the official cells are so written."""
    if " " not in symbol and "(" not in symbol and symbol.isprintable():
        return symbol
    if spelled := _RES_SPELLED.fullmatch(symbol):
        # A resolution and its year, with or without a space between (most outcome cells
        # and their addresses): ``normalise`` gives "S/RES/1 (2099)" for both.
        return f"{spelled[1]} ({spelled[2]})"
    return symbols.normalise(symbol)


@cache
def record_suffix() -> re.Pattern[str]:
    """What may follow a meeting record's symbol and stays part of it (" (closed)")."""
    return re.compile(patterns.data()["symbols"]["record_suffix"])


def href_symbol(href: str | None) -> str | None:
    """The document symbol an undocs.org address names, or ``None``.

    Not kept per address: addresses seldom repeat, and the symbols of their ends are kept.
    """
    tail = href_tail(href)
    if tail is None:
        return None
    found = find_symbols(tail)
    return found[0][0] if found else None


def href_tail(href: str | None) -> str | None:
    """The part of an address that :func:`href_symbol` reads a symbol from, or ``None``
    where it names none ("https://undocs.org/en/S/PV.1234" -> "S/PV.1234")."""
    if not href:
        return None
    href = href.strip()
    # After "/en/", else after ".org/": written out, as it runs for every link checked.
    at = href.find("/en/")
    if at >= 0 and (tail := _path_symbol(href[at + 4 :])) is not None:
        return tail
    at = href.find(".org/")
    return _path_symbol(href[at + 5 :]) if at >= 0 else None


def _path_symbol(tail: str) -> str | None:
    """An address's path after its marker, without query or fragment, if a symbol's."""
    if "?" in tail:
        tail = tail.split("?", 1)[0]
    if "#" in tail:
        tail = tail.split("#", 1)[0]
    if "%" in tail:
        tail = urllib.parse.unquote(tail)
    return tail if tail[:2] in ("S/", "A/", "E/") else None


def same_document(a: str, b: str) -> bool:
    """Whether two spellings name one document (spacing, case and a record's suffix aside)."""
    return a == b or _key(a) == _key(b)


@lru_cache(maxsize=65536)
def _key(symbol: str) -> str:
    symbol = symbols.normalise(symbol).upper().replace(" ", "")
    if "/RES/" not in symbol:
        symbol = symbol.split("(", 1)[0]
    else:
        symbol = symbol.replace("(", "").replace(")", "")
    if symbol.startswith("S/PV."):
        symbol = symbol.split("/REV.", 1)[0]  # a meeting's record and its revision
    return symbol.rstrip(".")


class _LocalNames(dict[object, str]):
    """Each tag's name without its namespace, cut once: ``LOCAL_NAMES[element.tag]``.

    A comment's or processing instruction's tag is a function, whose name is "".
    """

    def __missing__(self, tag: object) -> str:
        name = self[tag] = tag[tag.rfind("}") + 1 :] if isinstance(tag, str) else ""
        return name


# Looked up directly in a walk over every element: a dictionary's subscript, no call.
LOCAL_NAMES: Final = _LocalNames()


def local_name(tag: object) -> str:
    """An element's name without its namespace ("" for comments and processing
    instructions): a slice kept per tag, cheaper than an ``etree.QName`` per element."""
    return LOCAL_NAMES[tag]


def clear_caches() -> None:
    """Forget what was read (for measuring a cold read)."""
    _find_symbols.cache_clear()
    parse_date.cache_clear()
    _key.cache_clear()
    symbols.normalise.cache_clear()


def record_symbol(text: str) -> tuple[str | None, bool]:
    """``"S/PV.1234 (Resumption 1)+Corr.1 (closed)"`` -> ``("S/PV.1234 (Resumption 1)", True)``."""
    if text[:5] == "S/PV." and text[5:].isdecimal():
        # A record's symbol alone (most record cells): no corrigendum, part or closing
        # can be written in it, and it is its own spelling.
        return text, False
    head, space, rest = text.partition(" ")
    if (
        space
        and head[:5] == "S/PV."
        and head[5:].isdecimal()
        and pattern("library", "record_closed").fullmatch(rest)
    ):
        # A record's symbol and its closing alone ("S/PV.1234 (closed)"): no corrigendum
        # or part is written in it, and the symbol is its own spelling.
        return head, True
    text = pattern("library", "record_corrigendum").sub("", text)
    closed = bool(pattern("library", "record_closed").search(text))
    found = [s for s, _, _ in find_symbols(text) if s.upper().startswith("S/PV.")]
    if not found:
        return None, closed
    base = found[0].split(" (", 1)[0].split("(", 1)[0]
    part = pattern("library", "record_part").search(text)
    if part and part[2] and len({f.split("(")[0].strip() for f in found}) == 1:
        number = part[2]
        if not number.isdigit():
            number = str(_roman(number))
        return f"{base} ({part[1].capitalize()} {number})", closed
    return _normalise(base), closed


def _roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for a, b in zip(text, [*text[1:], ""], strict=True):
        value = values.get(a.upper(), 0)
        total += -value if b and values.get(b.upper(), 0) > value else value
    return total
