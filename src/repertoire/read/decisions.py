"""Reading decisions and votes in the last column of the meetings table,
and the member lists of the lettered vote notes."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from itertools import pairwise
from typing import Final

from repertoire.read import names, symbols
from repertoire.read.cells import Piece
from repertoire.read.text import Mapped
from repertoire.records import Decision, Vote
from repertoire.reference import patterns

_RESOLUTION: Final = re.compile(r"^Resolution\s+(\d{1,4})\s*\((\d{4})\)")
_AS_RESOLUTION: Final = re.compile(r"\bResolution\s+(\d{1,4})\s*\((\d{4})\)")
_PRST: Final = re.compile(r"S/PRST/\d{4}/\d+")
_SPACES: Final = re.compile(r"\s+")
_STATEMENT: Final = re.compile(r"(?i)(statement by the president|presidential statement)")
_SUBMITTED: Final = re.compile(
    r"(?i)\bsubmitted\s+by\s+(?P<who>.+?)(?=\s*\((?:[A-Z]{1,2}/)|\s*$|\s*\.\s)"
)


@cache
def _pattern(name: str) -> re.Pattern[str]:
    return patterns.compiled("decisions", name)


def segments(cell: Mapped) -> list[Piece]:
    """Cut a decision cell where each new decision begins."""
    starts = [m.start() for m in _pattern("head").finditer(cell.text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    # "Draft resolution (S/…) adopted as resolution 2700 (2023)" names one decision, not two.
    starts = [s for i, s in enumerate(starts) if i == 0 or not _continues(cell.text, s)]
    bounds = [*starts, len(cell.text)]
    pieces = [Piece.stripped(cell, start, end) for start, end in pairwise(bounds)]
    return [piece for piece in pieces if piece.text]


# "Statement by the President (S/PRST/2099/1)" is one decision, not two.
_LINKING: Final = ("as", "by", "of", "to", "under", "in", "and", "with", "(")


def _continues(text: str, start: int) -> bool:
    # Only the word before ``start`` matters: the text before it is not copied.
    end = start
    while end and text[end - 1].isspace():
        end -= 1
    return text[max(0, end - 8) : end].casefold().endswith(_LINKING)


def tally(text: str) -> Vote | None:
    match = _pattern("tally").search(text)
    if not match:
        return None
    yes, no, abstain = (int(g) for g in match.groups())
    return Vote(yes, no, abstain)


def parse(segment: Piece) -> Decision:
    """One decision as written: its kind, symbol, outcome and tally."""
    text = segment.text
    found = symbols.find(text)
    draft_symbol = next((f.symbol for f in found if not f.symbol.startswith("S/RES/")), None)
    symbol: str | None
    if match := _RESOLUTION.match(text):
        kind, symbol = "resolution", symbols.resolution(*match.groups())
        adopted = not _pattern("not_adopted").search(text)
        draft = None
    elif text.casefold().startswith("draft resolution"):
        kind, symbol, draft = "draft_resolution", draft_symbol, draft_symbol
        adopted = bool(_pattern("adopted").search(text)) and not _pattern("not_adopted").search(
            text
        )
        resolution = _AS_RESOLUTION.search(text.replace("resolution", "Resolution"))
        if adopted and resolution:
            kind, symbol = "resolution", symbols.resolution(*resolution.groups())
    elif prst := _PRST.search(text):
        kind, symbol, draft, adopted = "presidential_statement", prst.group(), None, True
    elif _STATEMENT.match(text):
        kind, symbol, draft, adopted = "presidential_statement", None, None, True
    elif without_vote := _pattern("without_vote").match(text):
        # A letter or note by the President records a decision taken without a vote.
        kind, symbol, draft, adopted = without_vote.lastgroup or "other", draft_symbol, None, True
    else:
        kind, symbol, draft = "other", draft_symbol, None
        adopted = bool(_pattern("adopted").search(text)) and not _pattern("not_adopted").search(
            text
        )
    chapter_vii: bool | None = None
    if _pattern("not_chapter_vii").search(text):
        chapter_vii = False
    elif _pattern("chapter_vii").search(text):
        chapter_vii = True
    decision = Decision(
        kind=kind,
        symbol=symbol,
        draft=draft,
        adopted=adopted,
        chapter_vii=chapter_vii,
        vote=tally(text),
        notes=segment.notes(),
        text=text,
    )
    return decision


def vote_lists(note: str) -> dict[str, list[str]] | None:
    """``{"in_favour": [...], "against": [...], "abstaining": [...]}`` from a vote note.

    A note that names more than :data:`MOST_VOTERS` is no vote note: every
    decision that refers to it gets a copy of its lists.
    """
    lists = _vote_lists(note)
    return None if lists is None else {key: list(names) for key, names in lists}


def is_vote_note(note: str) -> bool:
    """Whether a note gives vote lists ("In favour: …; Against: …")."""
    return _vote_lists(note) is not None


# The Council has never had more than 15 members.
MOST_VOTERS: Final = 50


@lru_cache(maxsize=256)
def _vote_lists(note: str) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    # One note serves many decisions: read it once.
    read = _read_vote_lists(note)
    if read is None or sum(len(names) for names in read.values()) > MOST_VOTERS:
        return None
    return tuple((key, tuple(names)) for key, names in read.items())


def _read_vote_lists(note: str) -> dict[str, list[str]] | None:
    if ":" not in note:
        return None  # every label of a vote list ends with a colon: no scan needed
    labels = _labels(note)
    if not labels:
        return None
    lists: dict[str, list[str]] = {}
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(note)
        key = _SPACES.sub("_", label.group(1).casefold())
        key = {
            "not_participating": "not_participating",
            "did_not_participate": "not_participating",
        }.get(key, key)
        body = note[label.end() : end].strip(" ;.")
        if body.casefold() in ("none", "nil", "-", "—", ""):
            lists[key] = []
            continue
        lists[key] = [n.name for n in names.split(body)]
    return lists


def _labels(note: str) -> list[re.Match[str]]:
    """``_pattern("vote_lists").finditer(note)``, searched only in the run of words before
    each colon: every label ends with a colon and holds nothing but words and spaces before
    it, so a note of long lists is not scanned whole (the pattern, of any case, would try
    every position)."""
    pattern = _pattern("vote_lists")
    found: list[re.Match[str]] = []
    cursor = 0  # where finditer would go on from: the end of the last label
    at = note.find(":")
    while at >= 0:
        start = patterns.run_start(note, cursor, at)
        if (match := pattern.search(note, start, at + 1)) is not None:
            found.append(match)
            cursor = match.end()
        at = note.find(":", at + 1)
    return found


def submitters(title: str) -> list[str]:
    """States that submitted a draft: "Draft resolution submitted by France and Japan"."""
    match = _SUBMITTED.search(title)
    if not match:
        return []
    return [n.name for n in names.split(match.group("who"))]
