"""Finding UN document symbols, resolutions and their pinpoints."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import NamedTuple

from repertoire.reference import patterns

_SPACED_DOT = re.compile(r"\.\s+(?=\d)")
_RES_YEAR = re.compile(r"^(S/RES/\d+)\s*\((\d{4})\)$")
_YEAR_AFTER = re.compile(r"\s*\(\d{4}\)")
_ABBREVIATION = re.compile(
    r"(?i)\b(?:paras?|sects?|chaps?|pp?|arts?|no|nos|subpara|vol|sess|suppl|rev|add|corr)$"
)


class Found(NamedTuple):
    """A citation found in a plain string, with its position there."""

    symbol: str
    pinpoint: str | None
    start: int
    end: int


@cache
def _record_suffix() -> re.Pattern[str]:
    return re.compile(patterns.data()["symbols"]["record_suffix"])


@cache
def _resolution_chain() -> re.Pattern[str]:
    number = patterns.data()["symbols"]["resolution_number"]
    plain_number = number.replace("(\\d{1,4})", "\\d{1,4}").replace("(\\d{4})", "\\d{4}")
    word = patterns.data()["symbols"]["resolution_word"]
    return re.compile(f"{word}(?:{plain_number})(?:(?:,\\s*|,?\\s+and\\s+)(?:{plain_number}))*")


@cache
def _pinpoint_opener() -> re.Pattern[str]:
    opener = patterns.data()["pinpoints"]["openers"]
    return re.compile(rf"\s*,\s*(?={opener}(?:[\s,]|$))", re.IGNORECASE)


@lru_cache(maxsize=4096)
def normalise(symbol: str) -> str:
    """Canonical spelling of a symbol: ``S/PV. 1234`` -> ``S/PV.1234``."""
    symbol = re.sub(r"\s+", " ", symbol.strip())
    symbol = _SPACED_DOT.sub(".", symbol)
    head, sep, tail = symbol.partition(" (")
    head = head.replace(" ", "")
    symbol = head + (sep + tail if sep else "")
    if match := _RES_YEAR.match(symbol.replace(" (", "(").replace("(", " (")):
        return f"{match.group(1)} ({match.group(2)})"
    return symbol


def resolution(number: str, year: str) -> str:
    return f"S/RES/{int(number)} ({year})"


def url(symbol: str) -> str:
    """The document's address on the UN's official document system."""
    return "https://undocs.org/en/" + symbol.replace(" ", "")


def pinpoint(text: str, end: int) -> tuple[str | None, int]:
    """The pinpoint that follows a citation ending at ``end``, if any."""
    opener = _pinpoint_opener().match(text, end)
    if not opener:
        return None, end
    start = opener.end()
    stop = len(text)
    for match in re.finditer(
        r"[;”\"]|\.(?=\s|$)|,?\s*(?:\band\s+)?(?=\b[A-Z]{1,2}/)", text[start:]
    ):
        absolute = start + match.start()
        if match.group().startswith(".") and _ABBREVIATION.search(text[start:absolute]):
            continue
        stop = absolute
        break
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
    taken: list[tuple[int, int]] = []
    number = patterns.compiled("symbols", "resolution_number")
    for chain in _resolution_chain().finditer(text):
        for match in number.finditer(text, chain.start(), chain.end()):
            found.append(
                _with_pinpoint(text, resolution(*match.groups()), match.start(), match.end())
            )
        taken.append((chain.start(), chain.end()))
    for start in sorted(links):
        linked = number.match(text, start)
        if linked and not (taken and _inside(linked.start(), taken)):
            found.append(
                _with_pinpoint(text, resolution(*linked.groups()), linked.start(), linked.end())
            )
            taken.append((linked.start(), linked.end()))
    for match in patterns.symbol().finditer(text):
        if taken and _inside(match.start(), taken):
            continue
        end = match.end()
        if suffix := _record_suffix().match(text, end):
            end = suffix.end()
        elif "/RES/" in match.group() and (year := _YEAR_AFTER.match(text, end)):
            end = year.end()
        symbol = normalise(text[match.start() : end].rstrip("."))
        found.append(_with_pinpoint(text, symbol, match.start(), end))
    found.sort(key=lambda f: f.start)
    return found


def _inside(position: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in ranges)


def _with_pinpoint(text: str, symbol: str, start: int, end: int) -> Found:
    pin, stop = pinpoint(text, end)
    return Found(symbol, pin, start, max(stop, end))


def is_symbol(text: str) -> bool:
    """Whether ``text`` is one symbol and nothing else."""
    text = text.strip()
    match = patterns.symbol().match(text)
    if not match:
        return False
    rest = text[match.end() :]
    return not rest or bool(_record_suffix().fullmatch(rest))
