"""One store, several sources: each meeting, decision and vote once, with its sources.

The Repertoire and the official files state many of the same facts. The views
``meeting_attestations``, ``decision_attestations`` and ``vote_attestations`` list
every statement of a fact by any source, under the key that makes statements of one
fact meet (a meeting by its record, a decision by its symbol, a draft not adopted by
the draft's, a member's vote by the decision and the member). :func:`refresh` merges
them into one row per fact, in ``council_meetings``, ``council_decisions`` and
``council_votes``: each value is the one the evidence supports
(:func:`repertoire.rules.evidence.decide`, every source judged alike), ``chosen_by``
says which rule chose it, ``disputed`` keeps every source's value where they differ,
and ``sources`` lists every source stating the fact. Every member sitting on the day of
a decision with a vote has a row in ``council_votes``. Rows of scope ``all`` merge
every source; rows whose scope is an official source's name hold that source's
statements alone. ``council_alignment`` counts, from the same votes, how often two
members voted alike each year, and how often a vote of either is unknown.

This module only turns the statements into the rules' terms and the choices into rows;
``repertoire audit`` reports each disagreement. The tables are made again whole after each
import, and after each load into a store that holds official files: the questions of
:mod:`repertoire.store.across` then read one index range per page, however many sources
state each fact.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Any, Final

from repertoire.rules import evidence
from repertoire.rules.order import Timeline, meeting_number, resolution_number
from repertoire.store.merged import (
    D_ADOPTED,
    D_AGENDA,
    D_ALSO,
    D_CHAPTER_VII,
    D_DATE,
    D_KEY,
    D_KIND,
    D_LINE,
    D_PATH,
    D_RECORD,
    D_ROW_ID,
    D_SOURCE,
    D_SYMBOL,
    D_UNANIMOUS,
    D_VETOED_BY,
    D_VOTED,
    D_VOTES_ABSTAINING,
    D_VOTES_AGAINST,
    D_VOTES_FOR,
    DECISION_ROW,
    DECISION_STATEMENT,
    DECISIONS_AT,
    M_DATE,
    M_DECISION_ROW,
    M_KEY,
    M_RECORD,
    M_ROW_ID,
    M_SOURCE,
    M_YEAR,
    MEETING_ROW,
    MEETING_STATEMENT,
    VOTE_ROW,
    DecisionStatement,
    MeetingStatement,
    Statement,
    decision_values,
    key_of,
    meeting_values,
    members,
    vote_groups,
)
from repertoire.store.merged import document as document
from repertoire.store.merged import json_list as json_list
from repertoire.store.merged import url as url
from repertoire.store.schema import drop_indexes
from repertoire.store.sources import REPERTOIRE, has_official

# The scope of the rows that merge every source (the others are each one source).
ALL = "all"


# -- making the tables ----------------------------------------------------------------------

_MEETING_STATEMENTS = (
    f"SELECT meeting_key, {', '.join(MEETING_STATEMENT[1:])} FROM meeting_attestations"
)
_DECISION_STATEMENTS = (
    f"SELECT decision_key, {', '.join(DECISION_STATEMENT[1:])} FROM decision_attestations"
)
_VOTE_STATEMENTS = "SELECT source, decision_row, member, vote, inferred FROM vote_attestations"
_REPERTOIRE_MEETINGS = """
    SELECT m.id, s.number,
           (SELECT json_group_array(title) FROM (
              SELECT title FROM agenda_items AS a
              WHERE a.meeting_id = m.id AND a.role = 'sub_item' ORDER BY a.ordinal)),
           (SELECT count(*) FROM participants AS p WHERE p.meeting_id = m.id AND p.spoke = 1)
    FROM meetings AS m JOIN sections AS s ON s.id = m.section_id"""


_TABLES = ("council_meetings", "council_decisions", "council_votes", "council_alignment")

# Scope, decision key and year -> each member's vote on it (all, absences too), by pairs.
Cast = dict[tuple[str, str, int], frozenset[tuple[str, str]]]


def refresh(conn: sqlite3.Connection) -> None:
    """Make the ``council_*`` tables again from the statements of every source, each value
    chosen by :func:`repertoire.rules.evidence.decide`.

    Runs inside the caller's transaction, if any; a store without official files
    gets empty tables (its questions are answered from the Repertoire's own).
    """
    for table in _TABLES:
        conn.execute(f"DELETE FROM {table}")
    if not has_official(conn):
        return
    repertoire = {
        meeting_id: (section, sub_items, speakers)
        for meeting_id, section, sub_items, speakers in conn.execute(_REPERTOIRE_MEETINGS)
    }
    meeting_statements: list[MeetingStatement] = conn.execute(_MEETING_STATEMENTS).fetchall()
    statements: list[DecisionStatement] = conn.execute(_DECISION_STATEMENTS).fetchall()
    contradicting = {(row[D_SOURCE], row[D_ROW_ID]) for row in statements if "record" in _also(row)}
    # A decision whose record names two meetings is no evidence of either meeting's day.
    timeline = Timeline(
        (
            meeting_number(m[M_RECORD]),
            m[M_DATE],
            (m[M_SOURCE], m[M_DECISION_ROW] or ("meeting", m[M_ROW_ID])),
        )
        for m in meeting_statements
        if (m[M_SOURCE], m[M_DECISION_ROW]) not in contradicting
    )
    listings = _listings(conn, statements)
    # Each official source's meeting statements, in order, for the rows of its own scope.
    by_source: dict[str, list[MeetingStatement]] = {}
    for m in meeting_statements:
        by_source.setdefault(m[M_SOURCE], []).append(m)
    resolutions = Timeline(
        (resolution_number(listing.symbol), listing.date, listing.row)
        for _row, listing in listings
        if listing.kind == "resolution"
    )
    decision_rows: list[tuple[Any, ...]] = []
    meeting_rows: list[tuple[Any, ...]] = []
    member_votes: list[tuple[Any, ...]] = []
    cast: Cast = {}
    # A fact one source alone states is decided once, over every source, and its row
    # used again for that source's scope (scope "all" comes first).
    every: dict[str, tuple[int, evidence.Decided, tuple[Any, ...]]] = {}
    every_meeting: dict[str, tuple[int, tuple[Any, ...]]] = {}
    spelled: dict[int, tuple[dict[str, evidence.Member], frozenset[tuple[str, str]]]] = {}
    voted: dict[tuple[int, tuple[str, ...]], tuple[dict[str, evidence.Member], list[Any]]] = {}
    for scope, groups in _scoped(listings, lambda r: r[0][D_KEY]).items():
        decided: dict[str, set[str]] = {}
        at: dict[tuple[str, Hashable], tuple[str | None, str | None]] = {}
        for key, group in groups.items():
            same = every.get(key)
            if same is not None and same[0] == len(group):
                _count, verdict, row = same
            else:
                verdict = evidence.decide(
                    [listing for _row, listing in group], timeline, resolutions
                )
                row = decision_values(key, group, verdict)
                if scope == ALL:
                    every[key] = (len(group), verdict, row)
            decision_rows.append((scope, *row))
            record, date, year = verdict.value("record"), verdict.value("date"), row[_YEAR_AT]
            if record:
                decided.setdefault(key_of(record), set()).add(key)
            for statement, listing in group:
                at[listing.source, statement[D_ROW_ID]] = (record, date)
            if year is None:
                continue
            if scope == ALL:
                for columns in _vote_groups(verdict.members, group, voted):
                    member_votes.append((ALL, key, date, year, *columns))
            cast[scope, key, year] = _ballot(verdict.members, spelled)
        scoped = meeting_statements if scope == ALL else by_source.get(scope, [])
        for key, meeting in _meeting_groups(scoped, at).items():
            known = every_meeting.get(key)
            if known is not None and known[0] == len(meeting):
                values = known[1]
                count = len(decided.get(key, ()))
                if values[DECISIONS_AT] != count:
                    values = (*values[:DECISIONS_AT], count, *values[DECISIONS_AT + 1 :])
            else:
                values = meeting_values(key, meeting, repertoire, decided)
                if scope == ALL:
                    every_meeting[key] = (len(meeting), values)
            meeting_rows.append((scope, *values))
    # The tables' other indexes are made again once their rows are in: one sort each,
    # rather than an index entry put in its place for every row.
    indexes = drop_indexes(conn, _TABLES)
    # In the order of each table's key: every insert lands beside the one before.
    for table, columns, rows in (
        ("council_decisions", DECISION_ROW, decision_rows),
        ("council_meetings", MEETING_ROW, meeting_rows),
    ):
        rows.sort(key=itemgetter(0, 1))
        _insert(conn, table, columns, rows)
    member_votes.sort(key=itemgetter(0, 1))
    conn.executemany(_VOTES_INSERT, member_votes)
    _insert(conn, "council_alignment", _ALIGNMENT_ROW, _pairs(cast))
    for sql in indexes:
        conn.execute(sql)


def _ballot(
    members: dict[str, evidence.Member],
    spelled: dict[int, tuple[dict[str, evidence.Member], frozenset[tuple[str, str]]]],
) -> frozenset[tuple[str, str]]:
    """A decision's votes as the set :func:`_pairs` compares, spelled once for decisions that
    share their members; ``spelled`` holds each members' dict, so no other has its id meanwhile."""
    held = spelled.get(id(members))
    if held is not None:
        return held[1]
    ballot = frozenset([(member, vote.vote) for member, vote in members.items()])
    spelled[id(members)] = (members, ballot)
    return ballot


def _vote_groups(
    members: dict[str, evidence.Member],
    group: list[Statement],
    voted: dict[tuple[int, tuple[str, ...]], tuple[dict[str, evidence.Member], list[Any]]],
) -> list[Any]:
    """:func:`~repertoire.store.merged.vote_groups` of a decision, spelled once for decisions
    sharing their members and sources (as :func:`_ballot`, ``voted`` holding each dict)."""
    stating = tuple([listing.source for _row, listing in group])
    held = voted.get((id(members), stating))
    if held is None:
        held = voted[id(members), stating] = (members, vote_groups(members, stating))
    return held[1]


def _also(row: DecisionStatement) -> dict[str, str]:
    also = row[D_ALSO]
    return _loads(also) if also else {}


@lru_cache(maxsize=1024)
def _loads_cached(text: str) -> tuple[tuple[str, str], ...]:
    try:
        value = json.loads(text)
    except ValueError:  # a value not written by the importer: no second value
        return ()
    return tuple((str(k), str(v)) for k, v in value.items()) if isinstance(value, dict) else ()


def _loads(text: str) -> dict[str, str]:
    return dict(_loads_cached(text))


def _listings(conn: sqlite3.Connection, statements: list[DecisionStatement]) -> list[Statement]:
    """Each decision statement with the listing evidence compares, keyed by the symbol its
    record supports (a link's address against its text, by the listing's date)."""
    votes: dict[tuple[str, int], tuple[dict[str, list[str]], dict[str, str]]] = {}
    for source, row, member, vote, inferred in conn.execute(_VOTE_STATEMENTS):
        held = votes.get((source, row))
        if held is None:  # made once per decision, not once per vote
            held = votes[source, row] = ({}, {})
        listed, worked_out = held
        if inferred:
            worked_out[member] = vote
        else:
            listed.setdefault(member, []).append(vote)
    out: list[Statement] = []
    for row in statements:
        source = row[D_SOURCE]
        vf, va, vb = row[D_VOTES_FOR], row[D_VOTES_AGAINST], row[D_VOTES_ABSTAINING]
        listed, worked_out = votes.get((source, row[D_ROW_ID]), ({}, {}))
        adopted, chapter_vii = row[D_ADOPTED], row[D_CHAPTER_VII]
        listing = evidence.Listing(
            source,
            (source, row[D_ROW_ID]),
            row[D_KIND],
            row[D_SYMBOL],
            row[D_RECORD],
            row[D_DATE],
            (vf, va or 0, vb or 0) if vf is not None else None,
            None if adopted is None else bool(adopted),
            None if chapter_vii is None else bool(chapter_vii),
            row[D_AGENDA],
            tuple(members(row[D_VETOED_BY])),
            bool(row[D_UNANIMOUS]),
            bool(row[D_VOTED]),
            listed,
            worked_out,
            _also(row),
            f"{row[D_PATH]}:{row[D_LINE]}",
        )
        if listing.also.get("symbol") and row[D_KIND] != "draft_resolution":
            symbol = evidence.own_symbol(listing).value
            if symbol and symbol != row[D_SYMBOL]:
                # Keyed by the symbol chosen; the one written stays its record's other value.
                listing.symbol, listing.also = symbol, {**listing.also, "symbol": row[D_SYMBOL]}
                row = (key_of(symbol), *row[D_SOURCE:D_SYMBOL], symbol, *row[D_SYMBOL + 1 :])
        out.append((row, listing))
    return out


def _meeting_groups(
    statements: list[MeetingStatement],
    at: dict[tuple[str, Hashable], tuple[str | None, str | None]],
) -> dict[str, list[MeetingStatement]]:
    """The meeting statements of a scope by meeting; one known from a decision stands at
    the meeting and on the day chosen for that decision."""
    groups: dict[str, list[MeetingStatement]] = {}
    for row in statements:
        if row[M_DECISION_ROW] is not None:
            record, date = at.get((row[M_SOURCE], row[M_DECISION_ROW]), (None, None))
            if not record:
                continue  # its decision's meeting is undecided
            row = (key_of(record), row[M_SOURCE], row[M_ROW_ID], record, date, *row[M_YEAR:])
        groups.setdefault(row[M_KEY], []).append(row)
    return groups


def _scoped(
    rows: Iterable[Statement], key: Callable[[Statement], Hashable]
) -> dict[str, dict[str, list[Statement]]]:
    """Statements grouped by fact, over all sources and per official source."""
    scoped: dict[str, dict[str, list[Statement]]] = {ALL: {}}
    every = scoped[ALL]
    for row in rows:
        fact = str(key(row))
        every.setdefault(fact, []).append(row)
        source = row[1].source
        if source != REPERTOIRE:
            scoped.setdefault(source, {}).setdefault(fact, []).append(row)
    return scoped


_YEAR_AT = DECISION_ROW.index("year")
_NOT_CAST = frozenset({"absent", evidence.UNRECORDED, evidence.UNDECIDED})


def _pairs(cast: Cast) -> list[tuple[Any, ...]]:
    """Agreement counts per scope, year and pair of members, from each decision's votes:
    pairs that both voted, pairs alike, and pairs that both sat where a vote of either is
    not known member by member (absences left out of all three).

    Most ballots of a year are the same ballot (every member in favour, or no vote known
    member by member): each distinct ballot's pairs are counted once, times the decisions
    that cast it, and found once whatever the scopes that cast it. A year's members are
    numbered in order of name, and a pair is a place in a list of counts: a hundred pairs a
    ballot counted by place rather than by a dict keyed by two names.
    """
    # Each distinct ballot numbered once, by its set of votes (whose hash is kept): counted,
    # and its pairs found, under a number, not compared vote by vote with each one alike.
    numbers: dict[frozenset[tuple[str, str]], int] = {}
    spelled: list[tuple[tuple[str, str], ...]] = []
    ballots: dict[tuple[str, int, int], int] = {}
    named: dict[int, set[str]] = {}
    for (scope, _key, year), votes in cast.items():
        number = numbers.get(votes)
        if number is None:
            number = numbers[votes] = len(spelled)
            spelled.append(tuple(sorted(votes)))
        counted = (scope, year, number)
        times = ballots.get(counted)
        if times is None:
            ballots[counted] = 1
            members = named.get(year)
            if members is None:
                members = named[year] = set()
            members.update([member for member, _vote in spelled[number]])
        else:
            ballots[counted] = times + 1
    names = {year: sorted(members) for year, members in named.items()}
    places = {year: {m: at for at, m in enumerate(ordered)} for year, ordered in names.items()}
    found: dict[tuple[int, int], tuple[list[int], list[int], list[int]]] = {}
    # Per scope and year: pairs that both voted, alike, and either unknown.
    counts: dict[tuple[str, int], tuple[list[int], list[int], list[int]]] = {}
    for (scope, year, number), times in ballots.items():
        pairs = found.get((year, number))
        if pairs is None:
            pairs = found[year, number] = _ballot_pairs(spelled[number], places[year])
        at = (scope, year)
        held = counts.get(at)
        if held is None:
            size = len(names[year]) ** 2
            held = counts[at] = ([0] * size, [0] * size, [0] * size)
        both, same, either = pairs
        _add(held[0], both, times)
        _add(held[1], same, times)
        _add(held[2], either, times)
    rows: list[tuple[Any, ...]] = []
    for (scope, year), (together, alike, unknown) in counts.items():
        ordered = names[year]
        size = len(ordered)
        for a in range(size):
            first = ordered[a]
            for b in range(a + 1, size):
                place = a * size + b
                voted, unvoted = together[place], unknown[place]
                if voted or unvoted:
                    rows.append((scope, year, first, ordered[b], voted, alike[place], unvoted))
    rows.sort()
    return rows


def _ballot_pairs(
    votes: tuple[tuple[str, str], ...], places: dict[str, int]
) -> tuple[list[int], list[int], list[int]]:
    """One ballot's pairs (its votes sorted by member, so the first of every pair comes
    first in order of name), each as its place among the year's pairs: both voted, both
    voted alike, both sat and a vote of either is not known."""
    size = len(places)
    voting = [m for m, v in votes if v not in _NOT_CAST]
    by_vote: dict[str, list[str]] = {}
    for member, vote in votes:
        if vote not in _NOT_CAST:
            by_vote.setdefault(vote, []).append(member)
    same = [
        places[a] * size + places[b]
        for group in by_vote.values()
        for a, b in itertools.combinations(group, 2)
    ]
    sat = [m for m, v in votes if v != "absent"]
    either: list[int] = []
    if len(sat) != len(voting):
        cast = set(voting)
        either = [
            places[a] * size + places[b]
            for a, b in itertools.combinations(sat, 2)
            if a not in cast or b not in cast
        ]
    both = [places[a] * size + places[b] for a, b in itertools.combinations(voting, 2)]
    return both, same, either


def _add(counts: list[int], pairs: list[int], times: int) -> None:
    """Count each pair (each once in ``pairs``) ``times`` times."""
    for place in pairs:
        counts[place] += times


def refresh_alone(conn: sqlite3.Connection) -> None:
    """:func:`refresh` in a transaction of its own, when the store holds official files."""
    if not has_official(conn):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        refresh(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


# One statement per vote of a decision, a row for each member casting it (members share
# every column but their name: one statement, not one per member).
_VOTES_INSERT = (
    f"INSERT INTO council_votes (scope, member, {', '.join(VOTE_ROW)})"
    f" SELECT ?1, m.value, {', '.join(f'?{n}' for n in range(2, len(VOTE_ROW) + 2))}"
    f" FROM json_each(?{len(VOTE_ROW) + 2}) AS m"
)


_ALIGNMENT_ROW: Final = ("year", "member_a", "member_b", "together", "alike", "unknown")
# Values one statement binds at most, in every SQLite.
_BOUND_MAX: Final = 999


def _insert(
    conn: sqlite3.Connection, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (scope, then ``columns``), in order, as many to a statement as its
    values allow: each row's values are bound alike, but a statement is stepped and reset,
    and SQLite entered, once per batch rather than once per row (a fifth of the cost)."""
    one = f"(?{', ?' * len(columns)})"
    head = f"INSERT INTO {table} (scope, {', '.join(columns)}) VALUES "
    size = max(1, _BOUND_MAX // (len(columns) + 1))
    whole = len(rows) - len(rows) % size
    if whole:
        conn.executemany(head + ", ".join([one] * size), _batches(rows, size, whole))
    if whole < len(rows):
        conn.executemany(head + one, rows[whole:])


def _batches(rows: list[tuple[Any, ...]], size: int, whole: int) -> list[list[Any]]:
    """The values of the first ``whole`` rows, ``size`` rows to a list: each row's values
    put in at once, rather than one by one through an iterator."""
    out: list[list[Any]] = []
    for at in range(0, whole, size):
        values: list[Any] = []
        for row in rows[at : at + size]:
            values.extend(row)
        out.append(values)
    return out
