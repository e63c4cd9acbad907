"""One store, several sources: each meeting, decision and vote once, with its sources.

The Repertoire and the official files state many of the same facts. The views
``meeting_attestations``, ``decision_attestations`` and ``vote_attestations`` list
every statement of a fact by any source, under the key that makes statements of one
fact meet (a meeting by its record, a decision by its symbol, a draft not adopted by
the draft's, a member's vote by the decision and the member). :func:`refresh` merges
them into one row per fact, in ``council_meetings``, ``council_decisions`` and
``council_votes``: each field is taken from the first source, in the order of
:data:`~repertoire.store.sources.SOURCES`, that states it, and ``sources`` lists every
source that does. Rows of scope ``all`` merge every source; rows whose scope is an
official source's name hold that source's statements alone. ``council_alignment``
counts, from ``council_votes``, how often two members voted alike each year.
Where sources disagree, ``repertoire audit`` says so; the statements stay in the views.

The tables are made again whole after each import, and after each load into a store
that holds official files: the questions of :mod:`repertoire.store.across` then read one
index range per page, however many sources state each fact.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import lru_cache
from pathlib import PurePath
from typing import Any

from repertoire.read import symbols
from repertoire.reference import states
from repertoire.store.columns import query_rows
from repertoire.store.sources import RANK, REPERTOIRE, has_official

Rows = list[dict[str, Any]]

# The scope of the rows that merge every source (the others are each one source).
ALL = "all"


def merge(rows: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Hashable]) -> Rows:
    """Statements of one fact (rows with the same ``key``) as one row, in the order met.

    Each field is the first value stated, sources taken in their order; ``sources``
    lists them and ``statements`` keeps the rows merged.
    """
    groups: dict[Hashable, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return merge_groups(groups.values())


def merge_groups(groups: Iterable[list[dict[str, Any]]]) -> Rows:
    """:func:`merge` of statements already grouped by fact."""
    merged: Rows = []
    for group in groups:
        if len(group) == 1:
            only = group[0]
            merged.append({**only, "sources": [only["source"]], "statements": group})
            continue
        group.sort(key=lambda r: RANK.get(r["source"], len(RANK)))
        first = dict(group[0])
        for other in group[1:]:
            for name, value in other.items():
                if value is not None and first.get(name) is None:
                    first[name] = value
        first["sources"] = list(dict.fromkeys(r["source"] for r in group))
        first["statements"] = group
        merged.append(first)
    return merged


def members(text: str | None) -> list[str]:
    """Names joined by "; " as a list of States' short names, each once."""
    if not text:
        return []
    names = (name.strip() for name in text.split(";"))
    return list(dict.fromkeys(states.canonical(n) or n for n in names if n))


@lru_cache(maxsize=4096)
def document(path: str | None) -> str | None:
    return PurePath(path).name if path else None


def url(symbol: str | None) -> str | None:
    return symbols.url(symbol) if symbol else None


def json_list(values: Iterable[Any]) -> str:
    return _json_list(tuple(values))


@lru_cache(maxsize=4096)
def _json_list(values: tuple[Any, ...]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


# -- making the tables ----------------------------------------------------------------------

_MEETING_STATEMENTS = (
    "SELECT meeting_key AS key, source, row_id, record, date, year, kind, item, topics, path,"
    " line FROM meeting_attestations"
)
_DECISION_STATEMENTS = (
    "SELECT decision_key AS key, source, row_id, kind, symbol, draft, record, record_key, date,"
    " year, adopted, chapter_vii, procedural, votes_for, votes_against, votes_abstaining,"
    " vetoed, vetoed_by, voted, agenda, path, line FROM decision_attestations"
)
_VOTE_STATEMENTS = (
    "SELECT decision_key AS key, source, member, vote, inferred FROM vote_attestations"
)
_REPERTOIRE_MEETINGS = """
    SELECT m.id, s.number,
           (SELECT json_group_array(title) FROM (
              SELECT title FROM agenda_items AS a
              WHERE a.meeting_id = m.id AND a.role = 'sub_item' ORDER BY a.ordinal)),
           (SELECT count(*) FROM participants AS p WHERE p.meeting_id = m.id AND p.spoke = 1)
    FROM meetings AS m JOIN sections AS s ON s.id = m.section_id"""


_TABLES = ("council_meetings", "council_decisions", "council_votes", "council_alignment")


def refresh(conn: sqlite3.Connection) -> None:
    """Make the ``council_*`` tables again from the statements of every source.

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
    decision_rows: list[tuple[Any, ...]] = []
    meeting_rows: list[tuple[Any, ...]] = []
    dated: dict[str, dict[str, tuple[str | None, int | None]]] = {}
    meetings = _scoped(query_rows(conn, _MEETING_STATEMENTS), lambda r: r["key"])
    for scope, groups in _scoped(
        query_rows(conn, _DECISION_STATEMENTS), lambda r: r["key"]
    ).items():
        decided: dict[str, set[str]] = {}
        days = dated.setdefault(scope, {})
        for row in merge_groups(groups.values()):
            decision_rows.append((scope, *_decision_values(row)))
            days[row["key"]] = (row["date"], row["year"])
            for statement in row["statements"]:
                if statement["record_key"]:
                    decided.setdefault(statement["record_key"], set()).add(row["key"])
        meeting_rows.extend(
            (scope, *_meeting_values(row, repertoire, decided))
            for row in merge_groups(meetings.get(scope, {}).values())
        )
    vote_rows, cast = _votes(conn, dated)
    # The tables' other indexes are made again once their rows are in: one sort each,
    # rather than an index entry put in its place for every row.
    indexes = _drop_indexes(conn, _TABLES)
    # In the order of each table's key: every insert lands beside the one before.
    for table, columns, rows in (
        ("council_decisions", _DECISION_ROW, decision_rows),
        ("council_meetings", _MEETING_ROW, meeting_rows),
        ("council_votes", _VOTE_ROW, vote_rows),
    ):
        rows.sort(key=lambda row: row[:2] if table != "council_votes" else row[:3])
        conn.executemany(_insert(table, columns), rows)
    conn.executemany(
        "INSERT INTO council_alignment (scope, year, member_a, member_b, together, alike)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        _pairs(cast),
    )
    for sql in indexes:
        conn.execute(sql)


def _drop_indexes(conn: sqlite3.Connection, tables: Sequence[str]) -> list[str]:
    """Drop the indexes made by ``CREATE INDEX`` on ``tables``; their statements, to make
    them again (the primary keys stay)."""
    marks = ", ".join("?" * len(tables))
    found = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks})"
        " AND sql IS NOT NULL ORDER BY name",
        tuple(tables),
    ).fetchall()
    for name, _sql in found:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]


def _votes(
    conn: sqlite3.Connection, dated: dict[str, dict[str, tuple[str | None, int | None]]]
) -> tuple[list[tuple[Any, ...]], dict[tuple[str, str, int], list[tuple[str, str]]]]:
    """Each member's vote on each decision as the first source stating it gives it (the rows
    of ``council_votes``); and the votes cast (absences left out) per scope, decision and
    year, each source's alone and all together, for the agreement counts.

    A source's own votes are not kept as rows: a question of one source reads them from
    ``vote_attestations``, where they are one statement each.
    """
    stated: dict[tuple[str, str], list[tuple[int, str, str, int]]] = {}
    for key, source, member, vote, inferred in conn.execute(_VOTE_STATEMENTS):
        stated.setdefault((key, member), []).append(
            (RANK.get(source, len(RANK)), source, vote, inferred or 0)
        )
    rows: list[tuple[Any, ...]] = []
    cast: dict[tuple[str, str, int], list[tuple[str, str]]] = {}
    every = dated.get(ALL, {})
    for (key, member), statements in stated.items():
        if len(statements) > 1:
            statements.sort()
        _rank, _source, vote, inferred = statements[0]
        date, year = every.get(key, (None, None))
        sources = json_list(dict.fromkeys(s[1] for s in statements))
        rows.append((ALL, key, member, vote, inferred, date, year, sources))
        if vote != "absent" and year is not None:
            cast.setdefault((ALL, key, year), []).append((member, vote))
        seen: set[str] = set()
        for _rank, source, own, _inferred in statements:
            if source == REPERTOIRE or source in seen or own == "absent":
                continue
            seen.add(source)
            own_year = dated.get(source, {}).get(key, (None, None))[1]
            if own_year is not None:
                cast.setdefault((source, key, own_year), []).append((member, own))
    return rows, cast


def _scoped(
    rows: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Hashable]
) -> dict[str, dict[Hashable, list[dict[str, Any]]]]:
    """Statements grouped by fact, over all sources and per official source."""
    scoped: dict[str, dict[Hashable, list[dict[str, Any]]]] = {ALL: {}}
    every = scoped[ALL]
    for row in rows:
        fact = key(row)
        every.setdefault(fact, []).append(row)
        if row["source"] != REPERTOIRE:
            scoped.setdefault(row["source"], {}).setdefault(fact, []).append(row)
    return scoped


def _pairs(cast: dict[tuple[str, str, int], list[tuple[str, str]]]) -> list[tuple[Any, ...]]:
    """Agreement counts per scope, year and pair of members, from the votes cast.

    The pairs of each decision are counted by ``Counter.update`` over
    ``itertools.combinations`` (both in C), as for the Repertoire's own counts.
    """
    together: dict[tuple[str, int], Counter[tuple[str, str]]] = {}
    alike: dict[tuple[str, int], Counter[tuple[str, str]]] = {}
    for (scope, _key, year), members_votes in cast.items():
        members_votes.sort()  # every pair then comes as (a, b) with a < b
        together.setdefault((scope, year), Counter()).update(
            itertools.combinations([member for member, _ in members_votes], 2)
        )
        by_vote: dict[str, list[str]] = {}
        for member, vote in members_votes:
            by_vote.setdefault(vote, []).append(member)
        same = alike.setdefault((scope, year), Counter())
        for group in by_vote.values():
            same.update(itertools.combinations(group, 2))
    return sorted(
        (scope, year, a, b, count, alike[scope, year][a, b])
        for (scope, year), pairs in together.items()
        for (a, b), count in pairs.items()
    )


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


def _insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} (scope, {', '.join(columns)}) VALUES (?{', ?' * len(columns)})"


_MEETING_ROW = (
    "key", "record", "url", "date", "year", "kind", "section", "item", "sub_items",
    "decisions", "speakers", "document", "line", "sources",
)  # fmt: skip
_DECISION_ROW = (
    "key", "record", "record_key", "record_url", "date", "year", "kind", "symbol", "url", "draft",
    "draft_url", "adopted", "chapter_vii", "procedural", "votes_for", "votes_against",
    "votes_abstaining", "vetoed_by", "voted", "vetoed", "agenda", "document", "line", "sources",
)  # fmt: skip
_VOTE_ROW = ("key", "member", "vote", "inferred", "date", "year", "sources")


def _meeting_values(
    row: dict[str, Any],
    repertoire: dict[int, tuple[str, str, int]],
    decided: dict[str, set[str]],
) -> tuple[Any, ...]:
    own = next((s for s in row["statements"] if s["source"] == REPERTOIRE), None)
    section, sub_items, speakers = repertoire.get(own["row_id"], (None, None, None)) if own else (
        None, None, None,
    )  # fmt: skip
    topics = [t for t in (row["topics"] or "").split("\n") if t]
    return (
        row["key"], row["record"], url(row["record"]), row["date"], row["year"], row["kind"],
        section, row["item"], sub_items if sub_items is not None else json_list(topics[1:]),
        len(decided.get(row["key"], ())), speakers, document(row["path"]), row["line"],
        json_list(row["sources"]),
    )  # fmt: skip


def _decision_values(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        row["key"], row["record"], row["record_key"], url(row["record"]), row["date"],
        row["year"], row["kind"], row["symbol"], url(row["symbol"]), row["draft"],
        url(row["draft"]), row["adopted"], row["chapter_vii"], row["procedural"],
        row["votes_for"], row["votes_against"], row["votes_abstaining"],
        json_list(members(row["vetoed_by"])),
        # Put to the vote, or vetoed, as any source says (disagreements are the audit's).
        max(s["voted"] or 0 for s in row["statements"]),
        max(s["vetoed"] or 0 for s in row["statements"]),
        row["agenda"], document(row["path"]), row["line"], json_list(row["sources"]),
    )  # fmt: skip
