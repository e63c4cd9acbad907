"""The Library's yearly tables "Meetings conducted by the Security Council in YEAR".

One row per meeting (a meeting with several topics may take several rows, joined by cells
that span rows or by rows whose record and date cells are empty): the meeting record, the
date without its year, the press release or recording, the topic(s) and the outcome(s) with
their votes. Columns differ between years and are found by their headings. The year comes
from the documents the table lists (resolutions, statements, drafts, press releases); the
title's year is only a fallback, and a title that names another year is reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from lxml import etree

from repertoire.official import html
from repertoire.official.common import (
    Findings,
    find_symbols,
    parse_date,
    parse_tally,
    pattern,
    record_symbol,
    same_document,
    split_names,
    squeeze,
)
from repertoire.official.records import (
    Attestation,
    OfficialDecision,
    OfficialFile,
    OfficialMeeting,
)

KIND: Final = "library-meetings"
_NEEDED: Final = ("record", "date", "outcome")
# A decision's place until its row gives it one: the records' default, made once rather than
# once a decision (an attestation is frozen, so one can stand for all).
_UNPLACED: Final = Attestation("", "", 0)
# The patterns each row and decision is read with, looked up once (the readers are imported
# only to read, and then need them all) rather than by name at every use.
_TITLE: Final = pattern("library", "title")
_NOTHING: Final = pattern("library", "nothing")
_PRESS_YEAR: Final = pattern("library", "press_year")
_COMMUNIQUE: Final = pattern("library", "communique")
_JOINER: Final = pattern("library", "joiner")
_DRAFT_WORD: Final = pattern("library", "draft_word")
_NOTE_WORD: Final = pattern("library", "note_word")
_VETOED_BY: Final = pattern("library", "vetoed_by")
_NOT_ADOPTED: Final = pattern("library", "not_adopted")
_PRESIDENTIAL: Final = pattern("library", "presidential_mark")
_ELECTION: Final = pattern("library", "election")
_COUNTS: Final = pattern("tally", "counts")
_NOT_PARTICIPATING: Final = pattern("tally", "not_participating")


def looks_like(root: etree._Element | None, tables: list[etree._Element] | None = None) -> bool:
    """Whether a parsed page holds a table with this kind's headings or title (``tables``:
    its tables, if listed already)."""
    return html.has_table(root, 6, ("topic", "record"), "title", tables)


@dataclass(slots=True, init=False)
class _Pending:
    """A meeting read from its rows, before the table's year is known."""

    meeting: OfficialMeeting
    decisions: list[OfficialDecision]

    # Written out: compiled, the class's own __init__ is a native constructor (one a meeting).
    def __init__(self, meeting: OfficialMeeting) -> None:
        self.meeting = meeting
        self.decisions = []


def read(raw: bytes, path: str) -> OfficialFile:
    root = html.parse(raw)
    return read_tree(root, raw, path)


def read_tree(
    root: etree._Element | None,
    raw: bytes,
    path: str,
    tables: list[etree._Element] | None = None,
) -> OfficialFile:
    return html.read_tables(
        root, raw, path, KIND, _table, "a meetings table (meeting record, date, outcome)", tables
    )


def _table(
    table: etree._Element,
    number: int,
    tree: etree._ElementTree,
    result: OfficialFile,
    findings: Findings,
) -> bool:
    path = result.path
    all_rows = html.rows(table)
    title_year: int | None = None
    columns: dict[int, str] | None = None
    start = 0
    for index, tr in enumerate(all_rows):
        text = squeeze(html.text_of(tr))
        if title_year is None and (match := _TITLE.search(text)):
            title_year = int(match[1])
        columns = html.heading(tr)
        if columns:
            start = index + 1
            break
    if columns is None:
        return False
    missing = [f for f in _NEEDED if f not in columns.values()]
    if missing:
        findings.error(
            all_rows[start - 1].sourceline or 1,
            "official-layout",
            f"table {number}: no column for {', '.join(missing)}; the table is skipped",
        )
        return False
    body, width = html.body(all_rows, start)
    pending: list[_Pending] = []
    years: Counter[int] = Counter()
    previous_record: etree._Element | None = None
    cells = html.Cells()
    paths = html.Paths(tree, all_rows)
    nothing = _NOTHING.match
    press_year = _PRESS_YEAR.search
    for row in html.grid(body, columns, width):
        own = row.own
        if not own:
            continue
        if len(own) == 1 and html.cell_span(own[0], "colspan") > 1 and not row.carried:
            continue  # a note spanning the table ("links will work once ...")
        laid = row.cells
        record_el = laid.get("record")
        date_el = laid.get("date")
        record_cell = cells[record_el] if record_el is not None else None
        date_cell = cells[date_el] if date_el is not None else None
        if row.extra:
            # Named by the row's record, or by the meeting it continues.
            named = (record_cell.plain if record_cell is not None else "") or (
                pending[-1].meeting.record if pending else None
            )
            findings.warning(
                row.line,
                "official-row",
                f"row {row.number}{f' ({named})' if named else ''} has {row.extra} cell(s) "
                f"more than the table's {width} columns; the extra cells are ignored",
                subject=named or f"row {row.number}",
            )
        continues = pending and (
            (record_el is not None and record_el is previous_record)
            or (
                (record_cell is None or not record_cell.plain)
                and (date_cell is None or not date_cell.plain)
            )
        )
        if not continues:
            if record_cell is None:
                findings.warning(
                    row.line, "official-row", "row has no meeting record cell; skipped"
                )
                continue
            press = laid.get("press")
            press_cell = cells[press] if press is not None else None
            meeting = _meeting(
                record_cell, date_cell, press_cell, row, paths, path, findings, nothing
            )
            pending.append(_Pending(meeting))
            if press is not None and len(press):  # a cell without children has no link
                for href in html.hrefs(press):  # only the addresses: not the links' text
                    if href and (match := press_year(href)):
                        years[int(match[1])] += 1
        previous_record = record_el
        current = pending[-1]
        meeting = current.meeting
        if row.missing and "outcome" not in laid:
            findings.warning(
                row.line,
                "official-row",
                f"row of {meeting.record or 'a meeting'} ends before its outcome cell",
                subject=meeting.record,
            )
        carried = row.carried
        topic_el = laid.get("topic")
        if topic_el is not None and "topic" not in carried:
            meeting.topics.extend(cells[topic_el].lines())
        outcome_el = laid.get("outcome")
        if outcome_el is not None and "outcome" not in carried:
            outcome = cells[outcome_el]
            html.check_links(outcome, findings, meeting.record)
            where = None  # a path is costly, and most outcome cells name no decision
            for decision in outcome_decisions(outcome):
                if where is None:
                    where = paths.of(outcome_el, row)
                decision.record = meeting.record
                decision.agenda = meeting.topics[-1] if meeting.topics else None
                decision.attestation = Attestation(KIND, path, outcome.line, row.number, where)
                current.decisions.append(decision)
                for named_year in _symbol_years(decision):
                    years[named_year] += 1
    year = _year(title_year, years, findings, all_rows, number)
    result.year = result.year or year
    for item in pending:
        meeting = item.meeting
        if meeting.date_text:
            meeting.date = parse_date(meeting.date_text, year)
            if meeting.date is None:
                findings.warning(
                    meeting.attestation.line,
                    "official-date",
                    f"{meeting.record or 'meeting'}: date {meeting.date_text!r} "
                    "is in no known style",
                    subject=meeting.record,
                )
        result.meetings.append(meeting)
        for decision in item.decisions:
            decision.date = meeting.date
            decision.date_text = meeting.date_text
            result.decisions.append(decision)
    return True


def _meeting(
    record_cell: html.Cell,
    date_cell: html.Cell | None,
    press_cell: html.Cell | None,
    row: html.Row,
    paths: html.Paths,
    path: str,
    findings: Findings,
    nothing: Callable[[str], re.Match[str] | None],
) -> OfficialMeeting:
    html.check_links(record_cell, findings)
    plain = record_cell.plain
    line = record_cell.line
    record, closed = record_symbol(plain)
    if record is None and not nothing(plain):
        findings.warning(
            line,
            "official-record",
            f"meeting record cell {plain!r} names no record",
        )
    press_text = press_cell.plain if press_cell is not None else ""
    return OfficialMeeting(
        record=record,
        date=None,
        date_text=date_cell.plain if date_cell is not None else "",
        closed=closed,
        press_release=press_text if press_text and not nothing(press_text) else None,
        attestation=Attestation(KIND, path, line, row.number, paths.of(record_cell.element, row)),
    )


def _symbol_years(decision: OfficialDecision) -> list[int]:
    """The year a decision's symbol names (resolutions, statements, drafts of 1994 on)."""
    symbol = decision.symbol or ""
    if symbol.startswith("S/RES/") and symbol.endswith(")"):
        digits = symbol.rsplit("(", 1)[-1].rstrip(")")
        return [int(digits)] if digits.isdigit() else []
    parts = symbol.split("/")
    if len(parts) >= 3 and parts[-2].isdigit() and len(parts[-2]) == 4:
        return [int(parts[-2])]
    return []


def _year(
    title_year: int | None,
    years: Counter[int],
    findings: Findings,
    rows: list[etree._Element],
    number: int,
) -> int | None:
    line = rows[0].sourceline or 1 if rows else 1
    content = years.most_common(1)[0] if years else None
    if content and content[1] >= 2 and content[1] * 2 > sum(years.values()):
        year = content[0]
        if title_year is not None and title_year != year:
            findings.warning(
                line,
                "official-title-year",
                f"table {number}'s title names {title_year} but the documents it lists are of "
                f"{year}; its dates are read in {year}",
            )
        return year
    if title_year is None:
        findings.warning(
            line, "official-title-year", f"table {number}: no year in its title or documents"
        )
    return title_year


# --- the outcome cell ------------------------------------------------------------------


def outcome_decisions(found: html.Cell) -> list[OfficialDecision]:
    """The decisions an outcome cell names, in order, each with its outcome text and tally."""
    text = found.text
    if _NOTHING.match(text):
        return []
    marks = find_symbols(text)
    groups: list[list[tuple[str, int, int]]] = []
    for mark in marks:
        if groups and _joined(text, groups[-1][-1], mark):
            groups[-1].append(mark)
        else:
            groups.append([mark])
    decisions: list[OfficialDecision] = []
    prefix_start = 0
    for index, group in enumerate(groups):
        first, last = group[0], group[-1]
        next_start = groups[index + 1][0][1] if index + 1 < len(groups) else len(text)
        tail = text[last[2] : next_start]
        cut = _next_head(tail) if index + 1 < len(groups) else len(tail)
        prefix = text[prefix_start : first[1]]
        decisions.append(_decision(group, prefix, tail[:cut], found))
        prefix_start = last[2] + cut
    if not groups:
        decision = _unnumbered(text)
        if decision is not None:
            decisions.append(decision)
    elif any(_COMMUNIQUE.search(link.text) for link in found.links) or (
        _COMMUNIQUE.search(text[: groups[0][0][1]])
    ):
        decisions.insert(
            0,
            OfficialDecision(
                "communique", None, adopted=True, outcome_text="Communiqué", attestation=_UNPLACED
            ),
        )
    return decisions


def _joined(text: str, previous: tuple[str, int, int], mark: tuple[str, int, int]) -> bool:
    """Whether two symbols name one decision ("Draft resolution S/12 & S/13 not adopted")."""
    between = text[previous[2] : mark[1]]
    if any(k in s.upper() for s in (previous[0], mark[0]) for k in ("/RES/", "/PRST/")):
        return False
    return bool(_JOINER.match(between))


def _next_head(tail: str) -> int:
    """Where, in the text after a decision, the next one's heading ("Draft resolution") starts."""
    heads = [m.start() for m in _DRAFT_WORD.finditer(tail)]
    for number, line in enumerate(tail.split("\n")):
        if _NOTE_WORD.match(line):
            heads.append(sum(len(x) + 1 for x in tail.split("\n")[:number]))
    return min(heads) if heads else len(tail)


def _decision(
    group: list[tuple[str, int, int]], prefix: str, tail: str, found: html.Cell
) -> OfficialDecision:
    symbol = group[0][0]
    upper = symbol.upper()
    # The words the tail is searched for need letters: a tail of counts and spaces alone
    # ("\n 15-0-0", most of them) is told so once rather than by each pattern. A pattern
    # is tried only where a word it needs stands in the lowered tail: none of those words
    # holds a letter that another letter matches when case is ignored (i, s, k; see
    # :func:`repertoire.reference.patterns.may_say`).
    lowered = tail.lower()
    worded = lowered != tail.upper()
    vetoed = _VETOED_BY.search(tail) if worded and "vetoed" in lowered else None
    own_link: html.Link | None = None
    for link in found.links:
        if link.start <= group[0][1] < link.end:
            own_link = link
            break
    decision = OfficialDecision(
        "other",
        symbol,
        outcome_text=squeeze(prefix + " " + found.text[group[0][1] : group[-1][2]] + " " + tail),
        attestation=_UNPLACED,
    )
    target = own_link.target if own_link is not None else None
    named = own_link.named if own_link is not None else ()
    if target and len(named) == 1 and not same_document(symbol, target):
        decision.also["symbol"] = target  # the link's text and address differ
    if "/RES/" in upper:
        decision.kind, decision.adopted = "resolution", True
    elif "/PRST/" in upper or _marked(tail, worded, own_link):
        decision.kind, decision.adopted = "presidential_statement", True
    elif _NOTE_WORD.match(prefix.split("\n")[-1] or prefix):
        decision.kind = "note"
    elif (
        _DRAFT_WORD.search(prefix)
        or vetoed
        or (worded and "adopted" in lowered and _NOT_ADOPTED.search(tail))
    ):
        decision.kind, decision.adopted = "draft_resolution", False
        decision.draft = symbol
    if decision.kind in ("resolution", "draft_resolution", "other"):
        decision.tally = parse_tally(tail)  # a statement or note has none
    if vetoed:
        stop = len(tail)
        counts = _COUNTS.search(tail, vetoed.end())
        if counts:
            stop = counts.start()
        names = tail[vetoed.end() : stop].split("\n\n")[0]
        decision.vetoed_by = split_names(names)
    if worded and "vot" in lowered and (match := _NOT_PARTICIPATING.search(tail)):
        decision.not_participating = split_names(match[1])
    return decision


def _marked(tail: str, worded: bool, own_link: html.Link | None) -> bool:
    """Whether a decision's first line, or its link's text, marks it a statement by the
    President ("(PRST)"): a mark in capitals, so looked for only where they stand."""
    if worded and "PRST" in tail and _PRESIDENTIAL.search(tail.split("\n")[0]):
        return True
    return (
        own_link is not None
        and "PRST" in own_link.text
        and bool(_PRESIDENTIAL.search(own_link.text))
    )


def _unnumbered(text: str) -> OfficialDecision | None:
    plain = squeeze(text)
    if not plain:
        return None
    if _COMMUNIQUE.search(plain):
        return OfficialDecision(
            "communique", None, adopted=True, outcome_text=plain, attestation=_UNPLACED
        )
    if _ELECTION.match(plain):
        return OfficialDecision("election", None, outcome_text=plain, attestation=_UNPLACED)
    if _PRESIDENTIAL.search(plain):
        return OfficialDecision(
            "presidential_statement", None, adopted=True, outcome_text=plain, attestation=_UNPLACED
        )
    return OfficialDecision(
        "other", None, outcome_text=plain, tally=parse_tally(plain), attestation=_UNPLACED
    )
