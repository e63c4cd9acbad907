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
that holds official files: the queries then read one index range per page, however
many sources state each fact.
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


def across_sources(conn: sqlite3.Connection, source: str | None) -> bool:
    """Whether a question is answered from the merged tables of every source.

    Asked of the Repertoire alone, or of a store that holds nothing else, the
    Repertoire's own tables answer as they always have: one row per listing.
    """
    return source != REPERTOIRE and (source is not None or has_official(conn))


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


def _json(values: Iterable[Any]) -> str:
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


def refresh(conn: sqlite3.Connection) -> None:
    """Make the ``council_*`` tables again from the statements of every source.

    Runs inside the caller's transaction, if any; a store without official files
    gets empty tables (its questions are answered from the Repertoire's own).
    """
    for table in ("council_meetings", "council_decisions", "council_votes", "council_alignment"):
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
        sources = _json(dict.fromkeys(s[1] for s in statements))
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
        section, row["item"], sub_items if sub_items is not None else _json(topics[1:]),
        len(decided.get(row["key"], ())), speakers, document(row["path"]), row["line"],
        _json(row["sources"]),
    )  # fmt: skip


def _decision_values(row: dict[str, Any]) -> tuple[Any, ...]:
    return (
        row["key"], row["record"], row["record_key"], url(row["record"]), row["date"],
        row["year"], row["kind"], row["symbol"], url(row["symbol"]), row["draft"],
        url(row["draft"]), row["adopted"], row["chapter_vii"], row["procedural"],
        row["votes_for"], row["votes_against"], row["votes_abstaining"],
        _json(members(row["vetoed_by"])),
        # Put to the vote, or vetoed, as any source says (disagreements are the audit's).
        max(s["voted"] or 0 for s in row["statements"]),
        max(s["vetoed"] or 0 for s in row["statements"]),
        row["agenda"], document(row["path"]), row["line"], _json(row["sources"]),
    )  # fmt: skip


# -- questions ------------------------------------------------------------------------------


def _years(
    column: str, year: int | None, since: int | None, until: int | None, params: dict[str, Any]
) -> list[str]:
    where = []
    for name, op, value in (("year", "=", year), ("since", ">=", since), ("until", "<=", until)):
        if value is not None:
            where.append(f"{column} {op} :{name}")
            params[name] = value
    return where


def _limited(sql: str, params: dict[str, Any], limit: int | None) -> str:
    if limit and limit > 0:
        params["limit"] = limit
        return sql + " LIMIT :limit"
    return sql


def meetings(
    conn: sqlite3.Connection,
    year: int | None = None,
    keys: Sequence[str] | None = None,
    limit: int | None = None,
    source: str | None = None,
    since: int | None = None,
    until: int | None = None,
) -> Rows:
    """Meetings in date order, one per record (``keys``: only these), from every source."""
    params: dict[str, Any] = {"scope": source or ALL}
    where = ["scope = :scope", *_years("year", year, since, until, params)]
    if keys is not None:
        where.append("key IN (SELECT value FROM json_each(:keys))")
        params["keys"] = _json(keys)
    sql = (
        "SELECT record, url, date, year, kind, section, item, sub_items, decisions, speakers,"
        f" document, line, sources FROM council_meetings WHERE {' AND '.join(where)}"
        " ORDER BY date, key"
    )
    return query_rows(conn, _limited(sql, params, limit), params)


def meeting_keys(conn: sqlite3.Connection, item: str, repertoire_ids: Sequence[int]) -> list[str]:
    """The keys of meetings on an agenda item: the Repertoire's (given by id), and those
    whose topics, or whose decisions' agenda items, in an official file contain ``item``."""
    like = f"%{item.strip()}%"
    keys = [
        key
        for (key,) in conn.execute(
            "SELECT record_key FROM meetings WHERE id IN (SELECT value FROM json_each(?))",
            (_json(repertoire_ids),),
        )
    ]
    keys += [
        key
        for (key,) in conn.execute(
            # As meeting_attestations keys them, from the tables (their indexes) directly.
            "SELECT coalesce(record_key, source || ':meeting:' || id) FROM official_meetings"
            " WHERE topics LIKE :like UNION ALL"
            " SELECT d.record_key FROM official_decisions AS d"
            " WHERE d.agenda LIKE :like AND d.record_key IS NOT NULL AND NOT EXISTS"
            " (SELECT 1 FROM official_meetings AS o WHERE o.file_id = d.file_id)",
            {"like": like},
        )
    ]
    return list(dict.fromkeys(keys))


_DECISION_COLUMNS = (
    "d.record, d.record_url, d.date, d.year, d.kind, d.symbol, d.url, d.draft, d.draft_url,"
    " d.adopted, d.chapter_vii, d.procedural, d.votes_for, d.votes_against, d.votes_abstaining,"
    " d.vetoed_by, d.sources"
)


def votes(
    conn: sqlite3.Connection,
    member: str | None = None,
    vetoes: bool = False,
    failed: bool = False,
    year: int | None = None,
    limit: int | None = None,
    source: str | None = None,
    since: int | None = None,
    until: int | None = None,
) -> Rows:
    """Decisions taken by vote, one per decision, from every source; with ``member`` (a
    stored name), that member's vote on each, as the first source stating it gives it."""
    params: dict[str, Any] = {"scope": source or ALL}
    where = _years("d.year", year, since, until, params)
    if vetoes:
        where.append("d.vetoed = 1")
    if failed:
        where.append("d.adopted = 0")
    if member and source:
        return _own_votes(conn, member, source, where, params, limit)
    if member:
        params["member"] = member
        sql = (
            f"SELECT {_DECISION_COLUMNS}, v.member, v.vote AS member_vote, v.inferred"
            " FROM council_votes AS v"
            " JOIN council_decisions AS d ON d.scope = v.scope AND d.key = v.key"
            " WHERE v.scope = :scope AND v.member = :member"
            + "".join(f" AND {w}" for w in where)
            + " ORDER BY v.date, v.key"
        )
    else:
        sql = (
            f"SELECT {_DECISION_COLUMNS} FROM council_decisions AS d"
            " WHERE d.scope = :scope AND d.voted = 1"
            + "".join(f" AND {w}" for w in where)
            + " ORDER BY d.date, d.key"
        )
    return query_rows(conn, _limited(sql, params, limit), params)


def _own_votes(
    conn: sqlite3.Connection,
    member: str,
    source: str,
    where: list[str],
    params: dict[str, Any],
    limit: int | None,
) -> Rows:
    """``member``'s votes as ``source`` alone states them, on its decisions."""
    cast: dict[str, tuple[str, int]] = {}
    for key, vote, inferred in conn.execute(
        "SELECT decision_key, vote, inferred FROM vote_attestations"
        " WHERE member = ? AND source = ?",
        (member, source),
    ):
        cast.setdefault(key, (vote, inferred or 0))
    params = {**params, "keys": _json(cast)}
    sql = (
        f"SELECT d.key, {_DECISION_COLUMNS} FROM council_decisions AS d"
        " WHERE d.scope = :scope AND d.key IN (SELECT value FROM json_each(:keys))"
        + "".join(f" AND {w}" for w in where)
        + " ORDER BY d.date, d.key"
    )
    rows = query_rows(conn, _limited(sql, params, limit), params)
    for row in rows:
        vote, inferred = cast[row.pop("key")]
        row.update(member=member, member_vote=vote, inferred=inferred)
    return rows


def alignment(
    conn: sqlite3.Connection,
    year: int | None = None,
    member: str | None = None,
    limit: int | None = None,
    source: str | None = None,
    since: int | None = None,
    until: int | None = None,
    by_year: bool = False,
) -> Rows:
    """Agreement between pairs of members (``member``: a stored name), over every source
    (``source=None``) or one; ``by_year``: one row per year and pair, years in order."""
    params: dict[str, Any] = {}
    where = _years("year", year, since, until, params)
    if across_sources(conn, source):
        table = "council_alignment"
        where.append("scope = :scope")
        params["scope"] = source or ALL
    else:
        table = "alignment_counts"
    first, second = "member_a", "member_b"
    if member:
        params["member"] = member
        where.append("(member_a = :member OR member_b = :member)")
        # The member asked for comes first in every pair, as in the explorer's query.
        first = ":member"
        second = "CASE WHEN member_a = :member THEN member_b ELSE member_a END"
    if by_year:
        columns, group, order = "year, ", "1, 2, 3", "1, share DESC, votes DESC, 2, 3"
    else:
        columns, group, order = "", "1, 2", "share DESC, votes DESC, 1, 2"
    sql = f"""
        SELECT {columns}{first} AS member_a, {second} AS member_b, sum(together) AS votes,
               sum(alike) AS alike, round(CAST(sum(alike) AS REAL) / sum(together), 4) AS share
        FROM {table}
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY {group}
        ORDER BY {order}"""
    return query_rows(conn, _limited(sql, params, limit), params)


def named_in(
    conn: sqlite3.Connection, key: str, source: str | None, limit: int | None = None
) -> Rows:
    """Every official row naming the document whose lookup key is ``key``: a meeting by
    its record, a decision by its symbol, draft or meeting, a veto by its draft or
    meetings; in the fields of ``cites``, sources in their order."""
    params = {"key": key, "like": f"%;{key};%", "source": source}
    only = " AND t.source = :source" if source else ""
    sql = f"""
        SELECT 'meeting' AS place, t.record AS symbol, t.topics AS context, t.source,
               f.path, t.line
        FROM official_meetings AS t JOIN official_files AS f ON f.id = t.file_id
        WHERE t.record_key = :key{only}
        UNION ALL
        SELECT 'decision', CASE WHEN t.symbol_key = :key THEN t.symbol
                                WHEN t.draft_key = :key THEN t.draft ELSE t.record END,
               t.outcome_text, t.source, f.path, t.line
        FROM official_decisions AS t JOIN official_files AS f ON f.id = t.file_id
        WHERE (t.symbol_key = :key OR t.draft_key = :key OR t.record_key = :key){only}
        UNION ALL
        SELECT 'veto', CASE WHEN t.draft_key = :key THEN t.draft ELSE :key END, t.agenda,
               t.source, f.path, t.line
        FROM official_vetoes AS t JOIN official_files AS f ON f.id = t.file_id
        WHERE (t.draft_key = :key
               OR ';' || upper(replace(t.records, ' ', '')) || ';' LIKE :like){only}"""
    rows = query_rows(conn, sql, params)
    rows.sort(key=lambda r: (RANK.get(r["source"], len(RANK)), r["path"], r["line"]))
    if limit and limit > 0:
        del rows[limit:]
    return [
        {
            "symbol": row["symbol"],
            "url": url(row["symbol"]),
            "pinpoint": None,
            "place": row["place"],
            "footnote": None,
            "paragraph": None,
            "section": None,
            "item": None,
            "document": document(row["path"]),
            "line": row["line"],
            "col": None,
            "context": row["context"] or None,
            "source": row["source"],
        }
        for row in rows
    ]
