"""Counts stated in the narrative ("held six meetings", "failed to adopt two
draft resolutions") compared with what the table holds."""

from __future__ import annotations

import bisect
import datetime as dt
import re
import string
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import Final

from repertoire.findings import Report
from repertoire.read.sentences import sentence_ends
from repertoire.records import Meeting, Section
from repertoire.reference import patterns

Measure = Callable[[Section], int]

MEASURES: Final[dict[str, Measure]] = {
    "meetings": lambda s: len(s.meetings),
    "resolutions_adopted": lambda s: sum(
        d.kind == "resolution" and bool(d.adopted) for m in s.meetings for d in m.decisions
    ),
    "chapter_vii_resolutions": lambda s: sum(
        d.kind == "resolution" and bool(d.adopted) and d.chapter_vii is True
        for m in s.meetings
        for d in m.decisions
    ),
    "presidential_statements": lambda s: sum(
        d.kind == "presidential_statement" for m in s.meetings for d in m.decisions
    ),
    "briefings": lambda s: sum(m.kind == "briefing" for m in s.meetings),
    "open_debates": lambda s: sum(m.kind == "open debate" for m in s.meetings),
    "adoption_meetings": lambda s: sum(m.kind == "adoption" for m in s.meetings),
    "failed_drafts": lambda s: sum(
        d.kind == "draft_resolution" and d.adopted is False for m in s.meetings for d in m.decisions
    ),
}

# The opening paragraphs are where the Repertoire states its counts.
OPENING_PARAGRAPHS: Final = 2


@cache
def _claims() -> list[tuple[str, str, re.Pattern[str], str | None]]:
    return [
        (c["measure"], c["keyword"], re.compile(c["pattern"]), c.get("anchor") or None)
        for c in patterns.data().get("claims", [])
    ]


# What ``\w`` matches in ASCII text.
_WORD_CHARS: Final = frozenset(string.ascii_letters + string.digits + "_")


def _matches(
    pattern: re.Pattern[str], anchors: tuple[str, ...], text: str, lowered: str
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, with starts tried only in the run of words before each
    occurrence of one of ``anchors`` (see patterns.toml); ``lowered`` is ``text.casefold()``.

    Every match starts at a word and holds an anchor with nothing but words, spaces and
    hyphens before it, so it starts in the run of such characters before an occurrence of
    an anchor: the anchors are found by ``str.find``, far faster than a pattern's scan, and
    the words of that run are tried in order. Each position is tried once at most: time
    stays linear in the text. Where casefolding may move characters (text not ASCII) the
    pattern scans the whole text.
    """
    if not anchors or not text.isascii():
        yield from pattern.finditer(text)
        return
    cursor = 0  # where finditer would go on from: the end of the last match
    tried = 0  # every start before this one has been tried
    at = _next_anchor(lowered, anchors, 0)
    while at >= 0:
        if at >= cursor:
            # Other characters (quotes, dashes) only make the run look longer.
            start = patterns.run_start(lowered, max(cursor, tried), at)
            # The word starts (``\b\w``) of the run, read without a pattern: ASCII text.
            previous = start > 0 and text[start - 1] in _WORD_CHARS
            for begin in range(start, at + 1):
                word = text[begin] in _WORD_CHARS
                if word and not previous and (match := pattern.match(text, begin)):
                    yield match
                    cursor = match.end()
                    break
                previous = word
            tried = max(tried, at + 1)
        at = _next_anchor(lowered, anchors, at + 1)


def _next_anchor(lowered: str, anchors: tuple[str, ...], start: int) -> int:
    """Where the first occurrence of any of ``anchors`` at or after ``start`` begins, or -1."""
    first = -1
    for anchor in anchors:
        at = lowered.find(anchor, start)
        if at >= 0 and (first < 0 or at < first):
            first = at
    return first


# "a meeting", "an open debate": a count only where the sentence speaks of the period.
_ARTICLES: Final = frozenset(("a", "an"))


@cache
def _dated() -> re.Pattern[str]:
    """A day of a month ("3 March", "March 3"): the sentence tells of one event."""
    months = "|".join(patterns.data()["dates"]["months"])
    return re.compile(rf"\b\d{{1,2}}\s+(?:{months})\b|\b(?:{months})\s+\d{{1,2}}\b")


def _has_digit(text: str) -> bool:
    """Whether ``text`` may hold a day (a ``\\d``): ASCII is looked at digit by digit,
    each by ``str.__contains__``, far faster than a pattern's scan."""
    if not text.isascii():
        return True  # other digits too are \d: the pattern decides
    return any(digit in text for digit in "0123456789")


def _sentence(text: str, position: int) -> str:
    # The paragraph's sentence ends are found once, not again for every claim in it.
    starts, ends = _sentence_ends(text)
    index = bisect.bisect_right(ends, position)
    start = ends[index - 1] if index else 0
    return text[start : starts[index]] if index < len(ends) else text[start:]


@lru_cache(maxsize=64)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence end of ``text`` begins (after its stop) and ends (where the next
    sentence opens), as :func:`repertoire.read.sentences.sentence_ends` finds them."""
    found = sentence_ends(text)
    return [start for start, _next in found], [end for _start, end in found]


def is_count(text: str, match: re.Match[str]) -> bool:
    """Whether a claim pattern's match states a count for the period under review.

    "During the period under review, the Council held six meetings" does; "On 3 March,
    the Council held a meeting in connection with …" tells of one meeting and does not.
    """
    sentence = _sentence(text, match.start())
    if _has_digit(sentence) and _dated().search(sentence):
        return False
    if match.group("n").casefold() in _ARTICLES:
        return bool(patterns.compiled("claim_scope", "period").search(sentence))
    return True


def events(section: Section) -> None:
    """The kind of a meeting that the narrative tells of by its date: "On 28 June, the
    Council held an open debate on …" makes the only meeting of 28 June an open debate."""
    by_date: dict[dt.date, list[Meeting]] = {}
    for meeting in section.meetings:
        if meeting.date:
            by_date.setdefault(meeting.date, []).append(meeting)
    event = patterns.compiled("meetings", "event")
    for paragraph in section.paragraphs:
        if "On " not in paragraph.text or " Council " not in paragraph.text:
            continue
        for match in event.finditer(paragraph.text):
            month = patterns.months().get(match.group("month").casefold())
            year = int(match.group("year")) if match.group("year") else section.year
            if month is None or year is None:
                continue
            try:
                day = dt.date(year, month, int(match.group("day")))
            except ValueError:
                continue
            held = by_date.get(day, [])
            if len(held) != 1:
                continue
            meeting = held[0]
            if match.group("private"):
                meeting.private = True
            kind = match.group("kind")
            if kind and meeting.kind in ("briefing", "meeting"):
                kind = kind.casefold()
                meeting.kind = "open debate" if kind.endswith("open debate") else kind


def check(section: Section, report: Report) -> None:
    if not section.meetings:
        return
    counts: dict[str, int] = {}  # each measure counted once, however often it is claimed
    for paragraph in section.paragraphs[:OPENING_PARAGRAPHS]:
        lowered = paragraph.text.casefold()
        for measure, keyword, pattern, anchor in _claims():
            if keyword not in lowered:
                continue
            anchors = (anchor,) if anchor is not None else ()
            for match in _matches(pattern, anchors, paragraph.text, lowered):
                stated = patterns.number(match.group("n"))
                if stated is None or not is_count(paragraph.text, match):
                    continue
                if measure not in counts:
                    counts[measure] = MEASURES[measure](section)
                counted = counts[measure]
                if stated != counted:
                    offset = paragraph.span.start
                    quote = match.group(0)
                    report.add(
                        "warning",
                        offset,
                        "claim-count",
                        f"the text says '{quote}' but the table has {counted} "
                        f"({measure.replace('_', ' ')})",
                    )


_QUANTIFIER: Final = re.compile(
    r"(?i)\b(?P<q>most|the majority of|all|some|several|multiple|many|a number of)\s+"
    r"(?:of\s+the\s+)?(?:other\s+)?(?:Council\s+members|members|delegations|speakers)\b"
)


# The words _QUANTIFIER ends with, one of which it needs.
_QUANTIFIED: Final = ("members", "delegations", "speakers")


def quantifiers(section: Section, meetings: dict[str, Meeting], report: Report) -> None:
    """ "Most Council members" against the delegations its footnote names (info only)."""
    for footnote in section.footnotes:
        if not footnote.sentence or not footnote.positions:
            continue
        # The first match, found as _matches finds them: every match ends in one of the words.
        sentence = footnote.sentence
        match = (
            next(_matches(_QUANTIFIER, _QUANTIFIED, sentence, sentence.casefold()), None)
            if patterns.may_say(sentence, _QUANTIFIED)
            else None
        )
        if not match:
            continue
        word = match.group("q").casefold()
        for position in footnote.positions:
            meeting = meetings.get(position.meeting)
            if meeting is None or not meeting.speakers.council_members:
                continue
            named = len(position.speakers)
            spoke = len(meeting.speakers.council_members)
            majority = named * 2 > spoke
            if (word in ("most", "the majority of") and not majority) or (
                word == "all" and named < spoke
            ):
                report.info(
                    position.span,
                    "claim-quantifier",
                    f"footnote {footnote.number}: the sentence says '{match.group(0)}' "
                    f"but names {named} of the {spoke} Council members who spoke at "
                    f"{position.meeting}",
                    footnote.number,
                )
