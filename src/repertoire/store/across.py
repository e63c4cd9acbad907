"""The record as three relations, meetings, decisions and member votes, whatever holds it.

A question is written once, as SQL over these relations; the relation it reads says which
record answers. Over every source (scope ``all``) and over one official source (its name as
the scope) they are the merged tables of :mod:`.council`; asked of the Repertoire alone,
or of a store that holds nothing else, they are the Repertoire's own tables, one row per
listing. :data:`AUTO` chooses between the two inside SQL, for a query written once and
kept (the explorer's canned queries): the merged tables when the store holds an official
file, else the Repertoire's.

Each relation has the same columns whichever tables it reads: ``id`` (what a member vote
points to), ``key`` (the fact's key: the record's, or the decision's symbol or draft) and
``sort`` (the order among rows of one date), then the fields of the questions. Columns
that the merged tables may gain (``basis``: why a member's vote was worked out) are read
when the store has them.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from repertoire.store.columns import query_rows
from repertoire.store.council import ALL, document, url
from repertoire.store.sources import RANK, REPERTOIRE, has_official

Rows = list[dict[str, Any]]

# The scope that chooses, inside SQL, between the merged tables and the Repertoire's.
AUTO = "auto"

_OFFICIAL = "EXISTS (SELECT 1 FROM official_files)"


def across_sources(conn: sqlite3.Connection, source: str | None) -> bool:
    """Whether a question is answered from the merged tables of every source.

    Asked of the Repertoire alone, or of a store that holds nothing else, the
    Repertoire's own tables answer as they always have: one row per listing.
    """
    return source != REPERTOIRE and (source is not None or has_official(conn))


def scope_of(conn: sqlite3.Connection, source: str | None) -> str:
    """The scope a question of ``source`` (``None``: every source) reads."""
    if not across_sources(conn, source):
        return REPERTOIRE
    return source or ALL


def _optional(conn: sqlite3.Connection | None, table: str, alias: str, column: str) -> str:
    """``column`` of ``table`` when the store has it, else NULL under its name."""
    if conn is not None:
        names = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if column in names:
            return f"{alias}.{column}"
    return f"NULL AS {column}"


# -- meetings ---------------------------------------------------------------------------------

_MERGED_MEETINGS = """
    SELECT c.key AS id, c.key, c.key AS sort, c.record, c.url, c.date, c.year, c.kind,
           c.section, c.item, c.sub_items,
           (SELECT json_group_array(label) FROM (
              SELECT coalesce(x.symbol, x.draft, x.kind) AS label
              -- Else SQLite reads every decision of the scope, by the primary key.
              FROM council_decisions AS x INDEXED BY council_decisions_record
              WHERE x.scope = c.scope AND x.record_key = c.key ORDER BY x.date, x.key)
           ) AS decisions,
           c.speakers, c.document, c.line, c.sources
    FROM council_meetings AS c WHERE c.scope = {scope}"""
_REPERTOIRE_MEETINGS = """
    SELECT m.id, m.record_key AS key, m.id AS sort, m.record, m.url, m.date, m.year, m.kind,
           s.number AS section, s.title AS item,
           (SELECT json_group_array(title) FROM (
              SELECT title FROM agenda_items AS a
              WHERE a.meeting_id = m.id AND a.role = 'sub_item' ORDER BY a.ordinal)
           ) AS sub_items,
           (SELECT json_group_array(label) FROM (
              SELECT coalesce(x.symbol, x.draft, x.kind) AS label FROM decisions AS x
              WHERE x.meeting_id = m.id ORDER BY x.ordinal)
           ) AS decisions,
           (SELECT count(*) FROM participants AS p
             WHERE p.meeting_id = m.id AND p.spoke = 1) AS speakers,
           doc.name AS document, m.line, '["repertoire"]' AS sources
    FROM meetings AS m
    JOIN sections AS s ON s.id = m.section_id
    JOIN documents AS doc ON doc.id = m.document_id"""


def meetings_on_item(scope: str) -> str:
    """The ``id`` of each meeting of ``scope`` whose agenda item or a sub-item has every word
    of ``:item`` (``repertoire_words``), ``:item_like`` narrowing the rows read: through the
    merged rows' own columns, or the Repertoire's sections and its index of sub-items' words
    (``:item_words``), so that a large store is never read meeting by meeting."""
    words = "({c} LIKE :item_like AND repertoire_words({c}, :item))"
    if scope == REPERTOIRE:
        return (
            "SELECT m.id FROM meetings AS m WHERE m.section_id IN"
            f" (SELECT id FROM sections WHERE {words.format(c='title')})"
            " UNION SELECT a.meeting_id FROM agenda_items_fts AS f"
            " JOIN agenda_items AS a ON a.id = f.rowid"
            " WHERE agenda_items_fts MATCH :item_words AND a.role = 'sub_item'"
            f" AND {words.format(c='a.title')}"
        )
    return (
        "SELECT key FROM council_meetings WHERE scope = :scope"
        f" AND ({words.format(c='item')} OR {words.format(c='sub_items')})"
    )


# -- decisions --------------------------------------------------------------------------------

_MERGED_DECISIONS = """
    SELECT c.key AS id, c.key, c.key AS sort, c.record, c.record_key, c.record_url, c.date,
           c.year, c.kind, c.symbol, c.url, c.draft, c.draft_url, c.agenda, c.adopted,
           c.chapter_vii, c.procedural, c.votes_for, c.votes_against, c.votes_abstaining,
           c.vetoed_by, c.voted, c.vetoed, c.document, c.line, c.sources
    FROM council_decisions AS c WHERE c.scope = {scope}"""
_REPERTOIRE_DECISIONS = """
    SELECT d.id, CASE
             WHEN d.kind = 'draft_resolution' AND d.draft IS NOT NULL
                 THEN upper(replace(d.draft, ' ', ''))
             WHEN d.symbol IS NOT NULL THEN upper(replace(d.symbol, ' ', ''))
             ELSE 'repertoire:' || d.id END AS key,
           d.id AS sort, m.record, m.record_key, m.url AS record_url, d.date, d.year, d.kind,
           d.symbol, d.url, d.draft, d.draft_url, s.title AS agenda, d.adopted, d.chapter_vii,
           d.procedural, d.votes_for, d.votes_against, d.votes_abstaining,
           (SELECT json_group_array(member) FROM votes AS w
             WHERE w.decision_id = d.id AND w.veto = 1) AS vetoed_by,
           (d.votes_for IS NOT NULL
            OR EXISTS (SELECT 1 FROM votes AS x WHERE x.decision_id = d.id)) AS voted,
           d.vetoed, doc.name AS document, d.line, '["repertoire"]' AS sources
    FROM decisions AS d
    JOIN meetings AS m ON m.id = d.meeting_id
    JOIN sections AS s ON s.id = d.section_id
    JOIN documents AS doc ON doc.id = d.document_id"""


# -- member votes -----------------------------------------------------------------------------

_MERGED_VOTES = """
    SELECT v.key AS id, v.member, v.vote, v.inferred, {basis}, v.sources
    FROM council_votes AS v WHERE v.scope = {scope}"""
# One official source's own statements (the merged tables keep no votes per source).
_SOURCE_VOTES = """
    SELECT v.decision_key AS id, v.member, v.vote, max(v.inferred) AS inferred,
           NULL AS basis, json_array(v.source) AS sources
    FROM vote_attestations AS v WHERE v.source = {scope}{only}
    GROUP BY v.decision_key, v.member"""
_REPERTOIRE_VOTES = """
    SELECT v.decision_id AS id, v.member, v.vote, v.inferred, NULL AS basis,
           '["repertoire"]' AS sources
    FROM votes AS v"""


def _chosen(merged: str, repertoire: str, scope: str, scope_sql: str) -> str:
    if scope == REPERTOIRE:
        return repertoire
    if scope == AUTO:
        # Both, each kept to the store it answers for: one text serves any store.
        return (
            f"{merged.format(scope=repr(ALL))} AND {_OFFICIAL}"
            f" UNION ALL SELECT * FROM ({repertoire}) WHERE NOT {_OFFICIAL}"
        )
    return merged.format(scope=scope_sql)


def meetings(scope: str) -> str:
    """The meetings of ``scope`` (bind ``:scope`` to it, unless it is the Repertoire's)."""
    return _chosen(_MERGED_MEETINGS, _REPERTOIRE_MEETINGS, scope, ":scope")


def decisions(scope: str) -> str:
    """The decisions of ``scope``."""
    return _chosen(_MERGED_DECISIONS, _REPERTOIRE_DECISIONS, scope, ":scope")


def votes(
    scope: str,
    conn: sqlite3.Connection | None = None,
    *,
    member: bool = False,
    decision: bool = False,
) -> str:
    """Each member's vote on each decision of ``scope``; ``id`` is the decision's.

    ``member``, ``decision``: only the votes of ``:member``, on ``:decision``, said here
    where a source's statements are grouped (one per decision and member), so that they
    are not all grouped first.
    """
    if scope not in (ALL, AUTO, REPERTOIRE):
        only = " AND v.member = :member" if member else ""
        only += " AND v.decision_key = :decision" if decision else ""
        return _SOURCE_VOTES.format(scope=":scope", only=only)
    merged = _MERGED_VOTES.replace("{basis}", _optional(conn, "council_votes", "v", "basis"))
    return _chosen(merged, _REPERTOIRE_VOTES, scope, ":scope")


def alignment(scope: str) -> str:
    """Agreement counts per year and pair (``year``, ``member_a``, ``member_b``,
    ``together``, ``alike``, ``unknown``) of ``scope``; ``unknown``: decisions both members
    sat on where a vote of either is not known member by member."""
    merged = (
        "SELECT year, member_a, member_b, together, alike, unknown FROM council_alignment"
        " WHERE scope = {scope}"
    )
    # The Repertoire's tables list every member's vote: none is unknown.
    repertoire = (
        "SELECT year, member_a, member_b, together, alike, 0 AS unknown FROM alignment_counts"
    )
    return _chosen(merged, repertoire, scope, ":scope")


# -- official rows naming a document ----------------------------------------------------------


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
               OR ';' || symbol_key(t.records) || ';' LIKE :like){only}"""
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
