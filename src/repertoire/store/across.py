"""Questions answered across sources, from the merged tables of :mod:`.council`.

Each function takes an open connection and the arguments :mod:`repertoire.store.queries`
has checked (a stored member name, a known source) and returns plain rows in the fields
of the matching query: a meeting or decision once, with the ``sources`` that state it;
with a source, only what that source states.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from repertoire.store.columns import limited, query_rows, year_range
from repertoire.store.council import ALL, document, json_list, url
from repertoire.store.sources import RANK, REPERTOIRE, has_official

Rows = list[dict[str, Any]]


def across_sources(conn: sqlite3.Connection, source: str | None) -> bool:
    """Whether a question is answered from the merged tables of every source.

    Asked of the Repertoire alone, or of a store that holds nothing else, the
    Repertoire's own tables answer as they always have: one row per listing.
    """
    return source != REPERTOIRE and (source is not None or has_official(conn))


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
    where = ["scope = :scope", *year_range("year", year, since, until, params)]
    if keys is not None:
        where.append("key IN (SELECT value FROM json_each(:keys))")
        params["keys"] = json_list(keys)
    sql = (
        "SELECT record, url, date, year, kind, section, item, sub_items, decisions, speakers,"
        f" document, line, sources FROM council_meetings WHERE {' AND '.join(where)}"
        " ORDER BY date, key"
    )
    return query_rows(conn, limited(sql, params, limit), params)


def meeting_keys(conn: sqlite3.Connection, item: str, repertoire_ids: Sequence[int]) -> list[str]:
    """The keys of meetings on an agenda item: the Repertoire's (given by id), and those
    whose topics, or whose decisions' agenda items, in an official file contain ``item``."""
    like = f"%{item.strip()}%"
    keys = [
        key
        for (key,) in conn.execute(
            "SELECT record_key FROM meetings WHERE id IN (SELECT value FROM json_each(?))",
            (json_list(repertoire_ids),),
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
    stored name), that member's vote on each, as the evidence chose it (every member sitting
    has one: ``unrecorded`` where the sources give none by member)."""
    params: dict[str, Any] = {"scope": source or ALL}
    where = year_range("d.year", year, since, until, params)
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
    return query_rows(conn, limited(sql, params, limit), params)


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
    params = {**params, "keys": json_list(cast)}
    sql = (
        f"SELECT d.key, {_DECISION_COLUMNS} FROM council_decisions AS d"
        " WHERE d.scope = :scope AND d.key IN (SELECT value FROM json_each(:keys))"
        + "".join(f" AND {w}" for w in where)
        + " ORDER BY d.date, d.key"
    )
    rows = query_rows(conn, limited(sql, params, limit), params)
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
    (``source=None``) or one; ``by_year``: one row per year and pair, years in order.
    ``unknown``: decisions both sat on where a vote of either is not known member by member."""
    params: dict[str, Any] = {}
    where = year_range("year", year, since, until, params)
    if across_sources(conn, source):
        table, unknown = "council_alignment", "sum(unknown)"
        where.append("scope = :scope")
        params["scope"] = source or ALL
    else:
        # The Repertoire's tables list every member's vote: none is unknown.
        table, unknown = "alignment_counts", "0"
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
               sum(alike) AS alike, round(CAST(sum(alike) AS REAL) / sum(together), 4) AS share,
               {unknown} AS unknown
        FROM {table}
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY {group}
        ORDER BY {order}"""
    return query_rows(conn, limited(sql, params, limit), params)


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
