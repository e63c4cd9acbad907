"""The database schema, as the ordered migrations that build it.

Each migration moves the database from one version to the next and is applied
once, inside one transaction, and recorded in ``schema_version``. The schema
of a fresh database is therefore exactly the result of replaying every
migration, so old databases and new ones cannot drift apart.

Each migration is frozen as it was applied (:mod:`repertoire.store.versions`:
its SQL, or a function named for its version): today's code never changes what
an old migration does. A new migration is a new entry at the end of
``MIGRATIONS``, its SQL written out in full, e.g.
``Migration(17, "what it adds", "ALTER TABLE meetings ADD COLUMN x TEXT;")``.

The rest of this module is what today's code needs to know of the schema's
shape (the search indexes, the references left unenforced, the columns that
are booleans); ``tests/test_store_versions.py`` checks the migrations against
a dump of the latest schema.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from repertoire.store.versions import sql, v15_relative_paths


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    sql: str = ""
    after: Callable[[sqlite3.Connection], None] | None = None


MIGRATIONS: list[Migration] = [
    Migration(1, "documents, sections, footnotes, meetings, decisions, votes", sql(1)),
    Migration(2, "full-text search over paragraphs, footnotes and table notes", sql(2)),
    Migration(3, "per-year agreement counts for alignment", sql(3)),
    Migration(4, "reference tables: states, aliases and council terms", sql(4)),
    Migration(5, "full-text index of sub-item titles", sql(5)),
    Migration(6, "search indexes filled by the loader, a statement per document", sql(6)),
    Migration(7, "footnote_refs: every footnote marker of a paragraph", sql(7)),
    Migration(8, "participants who spoke without an invitation: basis 'other'", sql(8)),
    Migration(9, "meetings.date_text as written; documents.rows_version", sql(9)),
    Migration(10, "votes and findings checked by comparisons, not IN lists", sql(10)),
    Migration(
        11, "the Council's official record: files, meetings, decisions, votes, vetoes", sql(11)
    ),
    Migration(12, "search with the Porter stemmer: words find inflections", sql(12)),
    Migration(13, "documents found by their SHA-256; member_votes view", sql(13)),
    Migration(14, "one store, several sources: attestation views, council alignment", sql(14)),
    Migration(
        15,
        "paths of loaded and imported files relative to the database's folder",
        "",
        v15_relative_paths,
    ),
    Migration(
        16,
        "joint symbols, documents' other symbols and submitters, meetings held by "
        "videoconference or in private, speakers' kinds",
        sql(16),
    ),
    Migration(
        17,
        "merged values chosen by evidence, with the rule that chose them; every member's vote "
        "on every decision with a vote; a record's second value for a field",
        sql(17),
    ),
    Migration(18, "the audit's findings, worked out after each load or import", sql(18)),
    Migration(
        19, "the full texts of decisions, their paragraphs and search; footnotes' clauses", sql(19)
    ),
]

LATEST = MIGRATIONS[-1].version

# The migration that made the tables merging every source's statements (council_*): a
# cache remade whole by today's code (store.council) after each load and import, and
# once by ``migrate`` when a store crosses this version.
MERGED_TABLES_SINCE = 14

# References the schema leaves unenforced, as (table, column, parent table): each would
# cost an index and a lookup on every insert, and is written in the same transaction as
# what it points at, so could never dangle. The data package export declares them.
LOGICAL_KEYS: tuple[tuple[str, str, str], ...] = (
    *(
        (table, "document_id", "documents")
        for table in (
            "paragraphs",
            "footnotes",
            "citations",
            "table_notes",
            "meetings",
            "agenda_items",
            "participants",
            "meeting_notes",
            "decisions",
            "submitters",
            "votes",
            "positions",
        )
    ),
    *(
        (table, "section_id", "sections")
        for table in (
            "agenda_items",
            "participants",
            "meeting_notes",
            "decisions",
            "submitters",
            "votes",
            "positions",
            "findings",
        )
    ),
    ("footnotes", "paragraph_id", "paragraphs"),
    ("footnote_refs", "document_id", "documents"),
    ("footnote_refs", "section_id", "sections"),
    ("footnote_refs", "footnote_id", "footnotes"),
    ("citations", "footnote_id", "footnotes"),
    ("citations", "paragraph_id", "paragraphs"),
    ("meeting_notes", "table_note_id", "table_notes"),
    ("positions", "meeting_id", "meetings"),
)

# The search indexes of the Repertoire's text (external content: the text lives once, in
# its own table), with the column each indexes, and their tokenizer (version 12).
FTS_SOURCES: dict[str, str] = {
    "paragraphs": "text",
    "footnotes": "text",
    "table_notes": "text",
    "agenda_items": "title",
}
STEMMED = "porter unicode61 remove_diacritics 2"

# Rows are added to the search indexes by the loader, one statement per table and
# document, rather than by a trigger per row: FTS5 writes out what it holds at every
# statement savepoint, and a trigger opens one per row, so a trigger per row left a
# segment per row to merge (about four times the cost of indexing). Deletes and updates
# keep their triggers, so a document removed by any means leaves the indexes in step.
FTS_FILL = {
    table: f"INSERT INTO {table}_fts(rowid, {column}) "
    f"SELECT id, {column} FROM {table} WHERE id BETWEEN ? AND ?"
    for table, column in FTS_SOURCES.items()
}

# The official rows' words, searched with the Repertoire's text, filled by the importer a
# statement per file (see FTS_FILL for why not a trigger).
OFFICIAL_FTS_FILL = {
    table: f"INSERT INTO {table}_fts(rowid, {', '.join(columns)}) "
    f"SELECT id, {', '.join(columns)} FROM {table}"
    " WHERE file_id IN (SELECT value FROM json_each(?))"
    for table, columns in (
        ("official_meetings", ("topics",)),
        ("official_decisions", ("agenda", "title", "outcome_text")),
    )
}

FTS_TABLES = (
    *(f"{table}_fts" for table in (*FTS_SOURCES, *OFFICIAL_FTS_FILL)),
    "decision_paragraphs_fts",
)

# Tables of derived or internal data that exports leave out.
INTERNAL_TABLES = frozenset({"schema_version", "reference_meta", "audit_state"})

# Columns stored as 0/1 that mean true/false; exports type them as booleans.
BOOLEAN_COLUMNS = frozenset(
    {
        "spoke",
        "adopted",
        "chapter_vii",
        "votes_inferred",
        "vetoed",
        "procedural",
        "inferred",
        "veto",
        "permanent",
        "voted",
        "unanimous",
        "without_vote",
        "no_meeting",
        "closed",
        "videoconference",
        "private",
    }
)


def drop_indexes(
    conn: sqlite3.Connection, tables: Sequence[str], keep_growing: bool = False
) -> list[str]:
    """Drop the indexes made by ``CREATE INDEX`` on ``tables``; their statements, to make
    them again once a bulk write is in (one sort each, rather than an index entry put in
    its place for every row). The primary keys stay.

    With ``keep_growing``, so do the indexes led by a column that refers to another row
    (a foreign key): a bulk write adds rows after their parents, whose ids only grow, so
    each entry of such an index lands at its end, as cheap as the row itself, and making
    it again would be work the write's end does alone.
    """
    marks = ", ".join("?" * len(tables))
    found = conn.execute(
        f"SELECT m.name, m.sql FROM sqlite_master AS m WHERE m.type = 'index'"
        f" AND m.tbl_name IN ({marks}) AND m.sql IS NOT NULL"
        " AND NOT (? AND EXISTS (SELECT 1 FROM pragma_index_info(m.name) AS i"
        ' JOIN pragma_foreign_key_list(m.tbl_name) AS f ON f."from" = i.name'
        " WHERE i.seqno = 0)) ORDER BY m.name",
        (*tables, keep_growing),
    ).fetchall()
    for name, _sql in found:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in found]
