"""The database schema, as the ordered migrations that build it.

Each migration moves the database from one version to the next and is applied
once, inside one transaction, and recorded in ``schema_version``. The schema
of a fresh database is therefore exactly the result of replaying every
migration, so old databases and new ones cannot drift apart.

Every row that comes from a source file carries its provenance: the
``document_id``, the ``section_id`` (where the fact belongs to a section) and
the span ``line``, ``col``, ``start_offset``, ``end_offset`` (1-based line and
column, character offsets ``[start, end)`` into the decoded text).

Why one module of this length: it is the schema's history, read top to bottom
in the order the migrations apply; cut into files, that order would have to be
pieced together again.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from repertoire.store.alignment import add_alignment
from repertoire.store.council import refresh as refresh_council

# Spelled out once so that every table says the same thing about provenance.
_SPAN = "line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER"

# Dates. The meeting's date is repeated in the tables that are filtered and
# then listed in date order (decisions, votes, participants, positions), so
# that one index gives both the filter and the order and a page of results
# never needs a sort of every match.
#
# Keys. Each table has one enforced parent key, ON DELETE CASCADE and indexed,
# so the rows of a document form a tree that one DELETE of the document row
# removes. Other references between rows of the same document (document_id
# and section_id below the first level, a footnote's paragraph, a citation's
# footnote, a position's meeting...) are written in the same transaction as
# what they point at; they are declared in the data package export (LOGICAL_KEYS)
# rather than enforced, because each enforced key costs an index and a lookup
# on every insert and these could never dangle.
_IN_SECTION = (
    "document_id INTEGER NOT NULL,\n"
    "    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE"
)
_BELOW_SECTION = "document_id INTEGER NOT NULL,\n    section_id INTEGER NOT NULL"


def _below(parent: str, key: str) -> str:
    """The first columns of a table below a section: its id, its document and section, and
    the enforced key ``key`` to the row of ``parent`` it belongs to."""
    return (
        f"id INTEGER PRIMARY KEY,\n    {_BELOW_SECTION},\n"
        f"    {key} INTEGER NOT NULL REFERENCES {parent}(id) ON DELETE CASCADE"
    )


def _bool(column: str) -> str:
    return f"{column} INTEGER NOT NULL DEFAULT 0 CHECK ({column} IN (0, 1))"


def _maybe_bool(column: str) -> str:
    return f"{column} INTEGER CHECK ({column} IN (0, 1))"


def _one_of(column: str, *values: str) -> str:
    """A CHECK that ``column`` holds one of ``values``, as comparisons.

    ``column IN ('a', 'b', 'c')`` would do the same, but SQLite builds a list
    of three or more values into a temporary index each time the statement
    runs, that is at every row inserted: 3 to 4 microseconds a row, as much
    as the rest of the insert. Two values are compared directly either way.
    """
    return "CHECK (" + " OR ".join(f"{column} = '{value}'" for value in values) + ")"


def _copied(table: str, body: str, indexes: str) -> str:
    """``table`` made again with ``body``: SQLite cannot change a CHECK in place, so the rows
    are copied into a new table that then takes the old one's name."""
    return f"""
CREATE TABLE {table}_new ({body});
INSERT INTO {table}_new SELECT * FROM {table};
DROP TABLE {table};
ALTER TABLE {table}_new RENAME TO {table};
{indexes}
"""


# The tables whose CHECKs changed (versions 8 and 10), spelled once with the check as written.
def _participants(basis: str) -> str:
    return f"""
    {_below("meetings", "meeting_id")},
    date TEXT,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    state TEXT,
    basis TEXT NOT NULL {basis},
    {_bool("spoke")},
    on_behalf_of TEXT,
    {_SPAN}
"""


_PARTICIPANTS_INDEXES = """CREATE INDEX participants_meeting ON participants(meeting_id);
CREATE INDEX participants_state ON participants(state, date, id);"""


def _votes(vote: str) -> str:
    return f"""
    {_below("decisions", "decision_id")},
    date TEXT,
    member TEXT NOT NULL,
    iso3 TEXT,
    vote TEXT NOT NULL {vote},
    {_bool("inferred")},
    {_bool("veto")},
    {_SPAN},
    UNIQUE (decision_id, member)
"""


_VOTES_INDEXES = "CREATE INDEX votes_member ON votes(member, date, decision_id);"


def _findings(severity: str) -> str:
    return f"""
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_id INTEGER,
    code TEXT NOT NULL,
    severity TEXT NOT NULL {severity},
    message TEXT NOT NULL,
    footnote INTEGER,
    {_SPAN}
"""


_FINDINGS_INDEXES = "CREATE INDEX findings_document ON findings(document_id);"


CORE = f"""
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    source TEXT,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    loaded_at TEXT NOT NULL,
    errors INTEGER NOT NULL DEFAULT 0,
    warnings INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    year INTEGER,
    {_SPAN}
);
CREATE INDEX sections_document ON sections(document_id);
CREATE INDEX sections_title ON sections(title COLLATE NOCASE);

CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,
    {_IN_SECTION},
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    {_SPAN}
);
CREATE INDEX paragraphs_section ON paragraphs(section_id);

CREATE TABLE footnotes (
    id INTEGER PRIMARY KEY,
    {_IN_SECTION},
    paragraph_id INTEGER,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    ibid_of INTEGER,
    sentence TEXT,
    {_SPAN}
);
CREATE INDEX footnotes_section ON footnotes(section_id, number);

CREATE TABLE citations (
    id INTEGER PRIMARY KEY,
    {_IN_SECTION},
    footnote_id INTEGER,
    paragraph_id INTEGER,
    symbol TEXT NOT NULL,
    symbol_key TEXT NOT NULL,
    pinpoint TEXT,
    url TEXT NOT NULL,
    {_SPAN},
    CHECK ((footnote_id IS NULL) <> (paragraph_id IS NULL))
);
CREATE INDEX citations_section ON citations(section_id);
CREATE INDEX citations_symbol ON citations(symbol_key);

CREATE TABLE table_notes (
    id INTEGER PRIMARY KEY,
    {_IN_SECTION},
    letter TEXT NOT NULL,
    text TEXT NOT NULL,
    {_SPAN}
);
CREATE INDEX table_notes_section ON table_notes(section_id);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    {_IN_SECTION},
    ordinal INTEGER NOT NULL,
    record TEXT NOT NULL,
    record_key TEXT NOT NULL,
    url TEXT NOT NULL,
    date TEXT,
    date_text TEXT,
    year INTEGER,
    kind TEXT,
    {_SPAN}
);
CREATE INDEX meetings_section ON meetings(section_id);
CREATE INDEX meetings_record ON meetings(record_key);
CREATE INDEX meetings_year ON meetings(year, date, record_key);
CREATE INDEX meetings_date ON meetings(date, record_key);

CREATE TABLE agenda_items (
    {_below("meetings", "meeting_id")},
    role TEXT NOT NULL CHECK (role IN ('sub_item', 'other_document')),
    ordinal INTEGER NOT NULL,
    title TEXT NOT NULL,
    symbol TEXT,
    url TEXT,
    {_SPAN}
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id);

CREATE TABLE participants ({_participants("CHECK (basis IN ('rule_37', 'rule_39', 'member'))")});
{_PARTICIPANTS_INDEXES}

CREATE TABLE meeting_notes (
    {_below("meetings", "meeting_id")},
    table_note_id INTEGER,
    note TEXT NOT NULL,
    {_SPAN}
);
CREATE INDEX meeting_notes_meeting ON meeting_notes(meeting_id);

CREATE TABLE decisions (
    {_below("meetings", "meeting_id")},
    ordinal INTEGER NOT NULL,
    date TEXT,
    year INTEGER,
    kind TEXT NOT NULL,
    symbol TEXT,
    url TEXT,
    draft TEXT,
    draft_url TEXT,
    {_maybe_bool("adopted")},
    {_maybe_bool("chapter_vii")},
    votes_for INTEGER,
    votes_against INTEGER,
    votes_abstaining INTEGER,
    {_bool("votes_inferred")},
    {_bool("vetoed")},
    failure TEXT,
    {_bool("procedural")},
    notes TEXT,
    text TEXT NOT NULL,
    {_SPAN}
);
CREATE INDEX decisions_meeting ON decisions(meeting_id);
CREATE INDEX decisions_date ON decisions(date, id);
CREATE INDEX decisions_year ON decisions(year, date, id);
CREATE INDEX decisions_vetoed ON decisions(date, id) WHERE vetoed = 1;
CREATE INDEX decisions_failed ON decisions(date, id) WHERE adopted = 0;

CREATE TABLE submitters (
    {_below("decisions", "decision_id")},
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    state TEXT,
    {_SPAN}
);
CREATE INDEX submitters_decision ON submitters(decision_id);

CREATE TABLE votes ({_votes("CHECK (vote IN ('Y', 'N', 'A', 'absent'))")});
{_VOTES_INDEXES}

CREATE TABLE positions (
    {_below("footnotes", "footnote_id")},
    meeting_id INTEGER,
    date TEXT,
    meeting_record TEXT NOT NULL,
    meeting_url TEXT NOT NULL,
    delegation TEXT NOT NULL,
    name TEXT NOT NULL,
    through TEXT,
    on_behalf_of TEXT,
    sentence TEXT,
    {_SPAN}
);
CREATE INDEX positions_footnote ON positions(footnote_id);
CREATE INDEX positions_delegation ON positions(delegation, date, id);

CREATE TABLE findings ({_findings("CHECK (severity IN ('error', 'warning', 'info'))")});
{_FINDINGS_INDEXES}
"""

# References the schema leaves unenforced (see above), as (table, column, parent table).
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

# Three external-content indexes: the text lives once, in its own table, and
# triggers keep each index in step, including on cascading deletes.
_FTS_SOURCES = {"paragraphs": "text", "footnotes": "text", "table_notes": "text"}


def _fts_sql(
    sources: dict[str, str] = _FTS_SOURCES, tokenize: str = "unicode61 remove_diacritics 2"
) -> str:
    parts = []
    for table, column in sources.items():
        fts = f"{table}_fts"
        parts.append(
            f"""
CREATE VIRTUAL TABLE {fts} USING fts5(
    {column}, content='{table}', content_rowid='id', tokenize='{tokenize}'
);
CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});
END;
CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});
END;
CREATE TRIGGER {table}_fts_update AFTER UPDATE OF {column} ON {table} BEGIN
    INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});
    INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});
END;
INSERT INTO {fts}({fts}) VALUES ('rebuild');
"""
        )
    return "".join(parts)


# Sub-item titles are searched by word (meetings --item) without reading every title.
_TITLE_SOURCES = {"agenda_items": "title"}

FTS_TABLES = tuple(f"{table}_fts" for table in (*_FTS_SOURCES, *_TITLE_SOURCES))

# Agreement between two members over the years is asked for often and would
# need a self-join of every vote; the counts are kept per year and pair
# instead, added to and taken away from as documents come and go.
ALIGNMENT = """
CREATE TABLE alignment_counts (
    year INTEGER NOT NULL,
    member_a TEXT NOT NULL,
    member_b TEXT NOT NULL,
    together INTEGER NOT NULL,
    alike INTEGER NOT NULL,
    PRIMARY KEY (year, member_a, member_b),
    CHECK (member_a < member_b)
) WITHOUT ROWID;
"""

REFERENCE = """
CREATE TABLE states (
    name TEXT PRIMARY KEY,
    official_name TEXT,
    iso3 TEXT,
    kind TEXT
);
CREATE INDEX states_iso3 ON states(iso3);

CREATE TABLE state_aliases (
    alias TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    name TEXT NOT NULL REFERENCES states(name) ON DELETE CASCADE
);
CREATE INDEX state_aliases_name ON state_aliases(name);

CREATE TABLE council_terms (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    state TEXT NOT NULL,
    iso3 TEXT,
    permanent INTEGER NOT NULL DEFAULT 0 CHECK (permanent IN (0, 1)),
    start_date TEXT NOT NULL,
    end_date TEXT,
    note TEXT
);
CREATE INDEX council_terms_dates ON council_terms(start_date, end_date);
CREATE INDEX council_terms_state ON council_terms(state);

CREATE TABLE reference_meta (
    name TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
"""


def _backfill_alignment(conn: sqlite3.Connection) -> None:
    add_alignment(conn, None)


def _relative_paths(conn: sqlite3.Connection) -> None:
    """documents.path and source, and official_files.path, once absolute, relative to the
    database's folder."""
    main = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    if not main:
        return
    folder = os.path.dirname(main)
    for row_id, path, source in conn.execute("SELECT id, path, source FROM documents").fetchall():
        fixed = [
            Path(os.path.relpath(value, folder)).as_posix()
            if value and os.path.isabs(value)
            else value
            for value in (path, source)
        ]
        conn.execute("UPDATE documents SET path = ?, source = ? WHERE id = ?", (*fixed, row_id))
    for row_id, path in conn.execute("SELECT id, path FROM official_files").fetchall():
        if path and os.path.isabs(path):
            relative = Path(os.path.relpath(path, folder)).as_posix()
            conn.execute(
                "UPDATE OR IGNORE official_files SET path = ? WHERE id = ?", (relative, row_id)
            )


# Rows are added to the search indexes by the loader, one statement per table and
# document, rather than by a trigger per row: FTS5 writes out what it holds at
# every statement savepoint, and a trigger opens one per row, so a trigger per
# row left a segment per row to merge (about four times the cost of indexing).
# Deletes and updates keep their triggers, so a document removed by any means
# leaves the indexes in step.
FTS_SOURCES: dict[str, str] = {**_FTS_SOURCES, **_TITLE_SOURCES}
FTS_FILL = {
    table: f"INSERT INTO {table}_fts(rowid, {column}) "
    f"SELECT id, {column} FROM {table} WHERE id BETWEEN ? AND ?"
    for table, column in FTS_SOURCES.items()
}
_FILL_BY_LOADER = "".join(f"DROP TRIGGER {table}_fts_insert;\n" for table in FTS_SOURCES)

# Every footnote marker of a paragraph, in order, with the footnote it calls
# (NULL when the document defines no footnote of that number). The markers have
# no place of their own in the records; the paragraph's span stands in.
# Filled from what version 7 can know: a footnote's first citing paragraph and
# the place of a footnote cited but never defined (from its finding); a document
# loaded again gets every marker (see documents.rows_version).
FOOTNOTE_REFS = f"""
CREATE TABLE footnote_refs (
    {_below("paragraphs", "paragraph_id")},
    ordinal INTEGER NOT NULL,
    number INTEGER NOT NULL,
    footnote_id INTEGER,
    {_SPAN}
);
CREATE INDEX footnote_refs_paragraph ON footnote_refs(paragraph_id, ordinal);

INSERT INTO footnote_refs (
    document_id, section_id, paragraph_id, ordinal, number, footnote_id,
    line, col, start_offset, end_offset
)
SELECT p.document_id, p.section_id, p.id,
       row_number() OVER (PARTITION BY p.id ORDER BY r.number, r.footnote_id),
       r.number, r.footnote_id, p.line, p.col, p.start_offset, p.end_offset
FROM (
    SELECT f.paragraph_id, f.number, f.id AS footnote_id
    FROM footnotes AS f WHERE f.paragraph_id IS NOT NULL
    UNION ALL
    SELECT (SELECT p.id FROM paragraphs AS p
             WHERE p.document_id = x.document_id AND p.line <= x.line
             ORDER BY p.line DESC, p.id DESC LIMIT 1),
           x.footnote, NULL
    FROM findings AS x WHERE x.code = 'footnote-undefined' AND x.footnote IS NOT NULL
) AS r
JOIN paragraphs AS p ON p.id = r.paragraph_id;
"""

# A speaker on neither invitation list (the Secretary-General, say) is no rule 37
# or rule 39 invitee: basis 'other'. SQLite cannot change a CHECK in place, so
# the table is copied. Rows stored before cannot be told apart; their documents
# are stored again on the next load (see documents.rows_version).
PARTICIPANTS_OTHER = _copied(
    "participants",
    _participants(_one_of("basis", "rule_37", "rule_39", "member", "other")),
    _PARTICIPANTS_INDEXES,
)

# meetings.date_text held a copy of the ISO date; it now holds the date as the
# record cell writes it. The copies go; documents.rows_version says which
# documents were stored by an earlier loader, so that loading their files again
# stores them afresh (with the date as written, every footnote marker and the
# 'other' basis) even though their bytes have not changed.
DATE_AS_WRITTEN = """
UPDATE meetings SET date_text = NULL;
ALTER TABLE documents ADD COLUMN rows_version INTEGER NOT NULL DEFAULT 1;
"""


# The other lists of values that every row is checked against, as comparisons
# (see _one_of): the tables are copied, as a CHECK cannot change in place.
CHECKS_AS_COMPARISONS = _copied(
    "votes", _votes(_one_of("vote", "Y", "N", "A", "absent")), _VOTES_INDEXES
) + _copied(
    "findings", _findings(_one_of("severity", "error", "warning", "info")), _FINDINGS_INDEXES
)


# Search finds a word's inflections: the Porter stemmer ahead of the same Unicode
# tokenizer, so that "sanction" finds "sanctions" and "sanctioned". The indexes
# are made again with it and filled from the text already stored.
STEMMED = "porter unicode61 remove_diacritics 2"


def _stemmed_search() -> str:
    parts = []
    for table in FTS_SOURCES:
        parts.append(
            f"DROP TRIGGER IF EXISTS {table}_fts_delete;\n"
            f"DROP TRIGGER IF EXISTS {table}_fts_update;\n"
            f"DROP TABLE {table}_fts;\n"
        )
    parts.append(_fts_sql(FTS_SOURCES, tokenize=STEMMED))
    parts.append(_FILL_BY_LOADER)
    return "".join(parts)


# Loading the same bytes from another path finds them by their hash; and the votes
# as a reader wants them, without the columns that say where each came from.
SAME_BYTES_AND_READABLE_VOTES = """
CREATE INDEX documents_sha256 ON documents(sha256);

CREATE VIEW member_votes AS
SELECT v.id, m.record, v.date, d.symbol AS decision, d.kind, v.member, v.vote, v.veto,
       v.inferred, d.adopted, s.number || '. ' || s.title AS item
FROM votes AS v
JOIN decisions AS d ON d.id = v.decision_id
JOIN meetings AS m ON m.id = d.meeting_id
JOIN sections AS s ON s.id = v.section_id;
"""


# What the records came to say that the rows did not keep: the joint symbol a
# citation is half of; a document's other symbols and who submitted it; whether
# a meeting was held by videoconference or in private, and who took part from
# afar; whether a speaker is a State, a group, an organization or a person.
# Lists are kept as the other lists of names are, one text joined with "; ".
# Rows stored before say none of it (no joint symbol, held in person, in public,
# kind unknown); their documents are stored again on the next load (rows_version 3).
RECORD_FIELDS = f"""
ALTER TABLE citations ADD COLUMN joint TEXT;
ALTER TABLE meetings ADD COLUMN {_bool("videoconference")};
ALTER TABLE meetings ADD COLUMN {_bool("private")};
ALTER TABLE meetings ADD COLUMN remote TEXT;
ALTER TABLE agenda_items ADD COLUMN also TEXT;
ALTER TABLE agenda_items ADD COLUMN submitters TEXT;
ALTER TABLE participants ADD COLUMN kind TEXT;
ALTER TABLE positions ADD COLUMN kind TEXT;
"""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    sql: str = ""
    after: Callable[[sqlite3.Connection], None] | None = None


# The Council's official record beside the Repertoire: each file imported, what it states,
# and where (file, line, table row, cell or XPath). ``source`` is the kind of file.
_WHERE = "line INTEGER NOT NULL, row INTEGER, place TEXT NOT NULL DEFAULT ''"
OFFICIAL = f"""
CREATE TABLE official_files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    kind TEXT,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    year INTEGER,
    imported_at TEXT NOT NULL
);
CREATE TABLE official_meetings (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES official_files(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    record TEXT,
    record_key TEXT,
    date TEXT,
    date_text TEXT NOT NULL DEFAULT '',
    year INTEGER,
    topics TEXT NOT NULL DEFAULT '',
    {_bool("closed")},
    press_release TEXT,
    {_WHERE}
);
CREATE INDEX official_meetings_file ON official_meetings(file_id);
CREATE INDEX official_meetings_record ON official_meetings(record_key);
CREATE TABLE official_decisions (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES official_files(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    symbol TEXT,
    symbol_key TEXT,
    record TEXT,
    record_key TEXT,
    date TEXT,
    date_text TEXT NOT NULL DEFAULT '',
    year INTEGER,
    draft TEXT,
    draft_key TEXT,
    {_maybe_bool("adopted")},
    outcome_text TEXT NOT NULL DEFAULT '',
    tally_text TEXT,
    votes_for INTEGER,
    votes_against INTEGER,
    votes_abstaining INTEGER,
    {_bool("unanimous")},
    {_bool("without_vote")},
    {_maybe_bool("chapter_vii")},
    vetoed_by TEXT NOT NULL DEFAULT '',
    agenda TEXT,
    title TEXT,
    {_bool("no_meeting")},
    {_WHERE}
);
CREATE INDEX official_decisions_file ON official_decisions(file_id);
CREATE INDEX official_decisions_symbol ON official_decisions(symbol_key);
CREATE INDEX official_decisions_draft ON official_decisions(draft_key);
CREATE INDEX official_decisions_record ON official_decisions(record_key);
CREATE TABLE official_votes (
    id INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES official_decisions(id) ON DELETE CASCADE,
    file_id INTEGER NOT NULL,
    ordinal INTEGER NOT NULL,
    member TEXT NOT NULL,
    written TEXT NOT NULL,
    vote TEXT NOT NULL CHECK (vote = 'Y' OR vote = 'N' OR vote = 'A' OR vote = 'absent'),
    date TEXT
);
CREATE INDEX official_votes_decision ON official_votes(decision_id);
CREATE INDEX official_votes_member ON official_votes(member, date);
CREATE TABLE official_vetoes (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES official_files(id) ON DELETE CASCADE,
    source TEXT NOT NULL,
    date TEXT,
    date_text TEXT NOT NULL DEFAULT '',
    draft TEXT,
    draft_key TEXT,
    records TEXT NOT NULL DEFAULT '',
    agenda TEXT,
    members TEXT NOT NULL DEFAULT '',
    {_WHERE}
);
CREATE INDEX official_vetoes_file ON official_vetoes(file_id);
CREATE INDEX official_vetoes_draft ON official_vetoes(draft_key);
CREATE TABLE official_findings (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES official_files(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity = 'error' OR severity = 'warning' OR severity = 'info'),
    message TEXT NOT NULL,
    subject TEXT,
    line INTEGER NOT NULL,
    col INTEGER NOT NULL
);
CREATE INDEX official_findings_file ON official_findings(file_id);
-- Every statement of a decision, by any source: one decision (its key: the resolution or
-- statement's symbol, else the draft's) with one attestation per source row.
CREATE VIEW attestations AS
SELECT COALESCE(CASE WHEN d.kind = 'draft_resolution' THEN d.draft_key END, d.symbol_key)
           AS decision_key,
       d.source, f.path, d.line, d.row, d.place, d.id AS row_id
FROM official_decisions d JOIN official_files f ON f.id = d.file_id
WHERE d.symbol_key IS NOT NULL OR d.draft_key IS NOT NULL
UNION ALL
SELECT UPPER(REPLACE(
           COALESCE(CASE WHEN d.kind = 'draft_resolution' THEN d.draft END, d.symbol), ' ', ''
       )),
       'repertoire', doc.path, d.line, NULL, '', d.id
FROM decisions d JOIN sections s ON s.id = d.section_id JOIN documents doc ON doc.id = s.document_id
WHERE COALESCE(d.symbol, d.draft) IS NOT NULL;
CREATE VIEW council_decisions AS
SELECT decision_key, COUNT(*) AS attestations, COUNT(DISTINCT source) AS sources,
       GROUP_CONCAT(DISTINCT source) AS source_list
FROM attestations GROUP BY decision_key;
"""


# One store, several sources. Each fact as each source states it, with the key that makes
# statements of one fact meet: a meeting by its record, a decision by its resolution's or
# statement's symbol (a draft not adopted by the draft's), a member's vote by the decision's
# key and the member. A statement with no such key keeps a key of its own. Which value to
# show when sources differ is chosen by the queries (repertoire.store.council), not here.
def _official_fts(table: str, *columns: str) -> str:
    names = ", ".join(columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return f"""
CREATE VIRTUAL TABLE {table}_fts USING fts5(
    {names}, content='{table}', content_rowid='id', tokenize='{STEMMED}'
);
CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO {table}_fts({table}_fts, rowid, {names}) VALUES ('delete', old.id, {old});
END;"""


# Filled by the importer, one statement per file (see FTS_FILL for why not a trigger).
OFFICIAL_FTS_FILL = {
    table: f"INSERT INTO {table}_fts(rowid, {', '.join(columns)}) "
    f"SELECT id, {', '.join(columns)} FROM {table} WHERE file_id = ?"
    for table, columns in (
        ("official_meetings", ("topics",)),
        ("official_decisions", ("agenda", "title", "outcome_text")),
    )
}

FTS_TABLES = (*FTS_TABLES, *(f"{table}_fts" for table in OFFICIAL_FTS_FILL))

_REPERTOIRE_DECISION_KEY = """CASE
           WHEN d.kind = 'draft_resolution' AND d.draft IS NOT NULL
               THEN upper(replace(d.draft, ' ', ''))
           WHEN d.symbol IS NOT NULL THEN upper(replace(d.symbol, ' ', ''))
           ELSE 'repertoire:' || d.id END"""
_OFFICIAL_DECISION_KEY = """coalesce(
           CASE WHEN d.kind = 'draft_resolution' THEN d.draft_key END, d.symbol_key,
           d.source || ':' || d.id)"""
SOURCES_VIEWS = f"""
DROP VIEW council_decisions;
DROP VIEW attestations;
CREATE VIEW meeting_attestations AS
SELECT m.record_key AS meeting_key, 'repertoire' AS source, m.id AS row_id, m.record,
       m.date, m.year, m.kind, s.title AS item, NULL AS topics, doc.path, m.line, NULL AS row,
       '' AS place
FROM meetings AS m
JOIN sections AS s ON s.id = m.section_id
JOIN documents AS doc ON doc.id = m.document_id
UNION ALL
SELECT coalesce(o.record_key, o.source || ':meeting:' || o.id), o.source, o.id, o.record,
       o.date, o.year, NULL,
       nullif(substr(o.topics, 1, instr(o.topics || char(10), char(10)) - 1), ''),
       nullif(o.topics, ''), f.path, o.line, o.row, o.place
FROM official_meetings AS o
JOIN official_files AS f ON f.id = o.file_id
UNION ALL
-- A meeting known from a decision taken at it, in a file that lists no meetings.
SELECT d.record_key, d.source, d.id, d.record, d.date, d.year, NULL, d.agenda, d.agenda,
       f.path, d.line, d.row, d.place
FROM official_decisions AS d
JOIN official_files AS f ON f.id = d.file_id
WHERE d.record_key IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM official_meetings AS o WHERE o.file_id = d.file_id);

CREATE VIEW decision_attestations AS
SELECT {_REPERTOIRE_DECISION_KEY} AS decision_key,
       'repertoire' AS source, d.id AS row_id, d.kind, d.symbol, d.draft, m.record,
       m.record_key, d.date, d.year, d.adopted, d.chapter_vii, d.procedural, d.votes_for,
       d.votes_against, d.votes_abstaining, d.vetoed,
       (SELECT group_concat(w.member, '; ') FROM votes AS w
         WHERE w.decision_id = d.id AND w.veto = 1) AS vetoed_by,
       (d.votes_for IS NOT NULL
        OR EXISTS (SELECT 1 FROM votes AS x WHERE x.decision_id = d.id)) AS voted,
       s.title AS agenda, doc.path, d.line, NULL AS row, '' AS place
FROM decisions AS d
JOIN meetings AS m ON m.id = d.meeting_id
JOIN sections AS s ON s.id = d.section_id
JOIN documents AS doc ON doc.id = d.document_id
UNION ALL
SELECT {_OFFICIAL_DECISION_KEY},
       d.source, d.id, d.kind, d.symbol, d.draft, d.record, d.record_key, d.date, d.year,
       d.adopted, d.chapter_vii, NULL, d.votes_for, d.votes_against, d.votes_abstaining,
       d.vetoed_by <> '', nullif(d.vetoed_by, ''),
       (d.votes_for IS NOT NULL OR d.unanimous = 1 OR d.vetoed_by <> ''
        OR EXISTS (SELECT 1 FROM official_votes AS x WHERE x.decision_id = d.id)),
       d.agenda, f.path, d.line, d.row, d.place
FROM official_decisions AS d
JOIN official_files AS f ON f.id = d.file_id
UNION ALL
SELECT coalesce(v.draft_key, v.source || ':' || v.id), v.source, v.id, 'draft_resolution',
       v.draft, v.draft, nullif(substr(v.records, 1, instr(v.records || ';', ';') - 1), ''),
       upper(replace(nullif(substr(v.records, 1, instr(v.records || ';', ';') - 1), ''),
                     ' ', '')),
       v.date, CAST(substr(v.date, 1, 4) AS INTEGER), 0, NULL, NULL, NULL, NULL, NULL, 1,
       nullif(v.members, ''), 1, v.agenda, f.path, v.line, v.row, v.place
FROM official_vetoes AS v
JOIN official_files AS f ON f.id = v.file_id;

CREATE VIEW vote_attestations AS
SELECT {_REPERTOIRE_DECISION_KEY} AS decision_key,
       'repertoire' AS source, d.id AS decision_row, v.member, v.vote, v.inferred, v.date,
       d.year, doc.path, v.line
FROM votes AS v
JOIN decisions AS d ON d.id = v.decision_id
JOIN documents AS doc ON doc.id = v.document_id
UNION ALL
SELECT {_OFFICIAL_DECISION_KEY},
       d.source, d.id, v.member, v.vote, 0, v.date, d.year, f.path, d.line
FROM official_votes AS v
JOIN official_decisions AS d ON d.id = v.decision_id
JOIN official_files AS f ON f.id = v.file_id;

-- As before: every statement of a decision by any source.
CREATE VIEW attestations AS
SELECT decision_key, source, path, line, row, place, row_id FROM decision_attestations;

-- One row per fact, made from the statements above by repertoire.store.council after
-- each import or load (when the store holds official files): over all sources
-- (scope 'all') and over each official source alone (scope = the source). Lists are
-- JSON arrays; ``sources`` lists the sources stating the fact, in their order.
CREATE TABLE council_meetings (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    record TEXT,
    url TEXT,
    date TEXT,
    year INTEGER,
    kind TEXT,
    section TEXT,
    item TEXT,
    sub_items TEXT NOT NULL DEFAULT '[]',
    decisions INTEGER NOT NULL DEFAULT 0,
    speakers INTEGER,
    document TEXT,
    line INTEGER,
    sources TEXT NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX council_meetings_date ON council_meetings(scope, date, key);
CREATE INDEX council_meetings_year ON council_meetings(scope, year, date, key);
CREATE TABLE council_decisions (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    record TEXT,
    record_key TEXT,
    record_url TEXT,
    date TEXT,
    year INTEGER,
    kind TEXT,
    symbol TEXT,
    url TEXT,
    draft TEXT,
    draft_url TEXT,
    {_maybe_bool("adopted")},
    {_maybe_bool("chapter_vii")},
    {_maybe_bool("procedural")},
    votes_for INTEGER,
    votes_against INTEGER,
    votes_abstaining INTEGER,
    vetoed_by TEXT NOT NULL DEFAULT '[]',
    {_bool("voted")},
    {_bool("vetoed")},
    agenda TEXT,
    document TEXT,
    line INTEGER,
    sources TEXT NOT NULL,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE INDEX council_decisions_date ON council_decisions(scope, date, key) WHERE voted = 1;
CREATE INDEX council_decisions_year ON council_decisions(scope, year, date, key);
CREATE INDEX council_decisions_record ON council_decisions(scope, record_key, kind, vetoed);
CREATE INDEX council_decisions_vetoed ON council_decisions(scope, date, key) WHERE vetoed = 1;
CREATE INDEX council_decisions_failed ON council_decisions(scope, date, key) WHERE adopted = 0;
CREATE TABLE council_votes (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    member TEXT NOT NULL,
    vote TEXT NOT NULL,
    {_bool("inferred")},
    date TEXT,
    year INTEGER,
    sources TEXT NOT NULL,
    PRIMARY KEY (scope, key, member)
) WITHOUT ROWID;
CREATE INDEX council_votes_member ON council_votes(scope, member, date, key);
-- Agreement between members per year, from council_votes (absences left out).
CREATE TABLE council_alignment (
    scope TEXT NOT NULL,
    year INTEGER NOT NULL,
    member_a TEXT NOT NULL,
    member_b TEXT NOT NULL,
    together INTEGER NOT NULL,
    alike INTEGER NOT NULL,
    PRIMARY KEY (scope, year, member_a, member_b),
    CHECK (member_a < member_b)
) WITHOUT ROWID;
CREATE INDEX official_decisions_year ON official_decisions(year, date);
CREATE INDEX official_meetings_year ON official_meetings(year, date);

-- The words of the official rows, searched with the Repertoire's text: a meeting's
-- topics; a decision's agenda item, title and outcome as written. Filled by the importer
-- a statement per file; removed with their rows.
{_official_fts("official_meetings", "topics")}
{_official_fts("official_decisions", "agenda", "title", "outcome_text")}
"""

# The full texts of decisions, paragraph by paragraph as the Repertoire cites them, with a
# stemmed full-text index filled by the importer once per import; and each footnote's
# clause (the words of its sentence that its marker closes), which the texts judge.
DECISION_TEXTS = """
CREATE TABLE decision_texts (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES official_files(id) ON DELETE CASCADE,
    symbol TEXT NOT NULL,
    symbol_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    language TEXT NOT NULL,
    date TEXT,
    record TEXT,
    chapter_vii INTEGER NOT NULL DEFAULT 0 CHECK (chapter_vii = 0 OR chapter_vii = 1),
    unanimous INTEGER CHECK (unanimous IS NULL OR unanimous = 0 OR unanimous = 1),
    votes_for INTEGER,
    votes_against INTEGER,
    votes_abstaining INTEGER,
    title TEXT,
    line INTEGER NOT NULL,
    place TEXT
);
CREATE INDEX decision_texts_symbol ON decision_texts(symbol_key);
CREATE INDEX decision_texts_file ON decision_texts(file_id);
CREATE TABLE decision_paragraphs (
    id INTEGER PRIMARY KEY,
    text_id INTEGER NOT NULL REFERENCES decision_texts(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    part TEXT NOT NULL,
    address TEXT,
    parent TEXT,
    text TEXT NOT NULL,
    eid TEXT,
    line INTEGER NOT NULL
);
CREATE INDEX decision_paragraphs_text ON decision_paragraphs(text_id, ordinal);
CREATE VIRTUAL TABLE decision_paragraphs_fts USING fts5(
    text, content='decision_paragraphs', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER decision_paragraphs_fts_delete AFTER DELETE ON decision_paragraphs BEGIN
    INSERT INTO decision_paragraphs_fts(decision_paragraphs_fts, rowid, text)
    VALUES ('delete', old.id, old.text);
END;
ALTER TABLE footnotes ADD COLUMN clause TEXT;
"""

FTS_TABLES = (*FTS_TABLES, "decision_paragraphs_fts")

MIGRATIONS: list[Migration] = [
    Migration(1, "documents, sections, footnotes, meetings, decisions, votes", CORE),
    Migration(2, "full-text search over paragraphs, footnotes and table notes", _fts_sql()),
    Migration(3, "per-year agreement counts for alignment", ALIGNMENT, _backfill_alignment),
    Migration(4, "reference tables: states, aliases and council terms", REFERENCE),
    Migration(5, "full-text index of sub-item titles", _fts_sql(_TITLE_SOURCES)),
    Migration(6, "search indexes filled by the loader, a statement per document", _FILL_BY_LOADER),
    Migration(7, "footnote_refs: every footnote marker of a paragraph", FOOTNOTE_REFS),
    Migration(8, "participants who spoke without an invitation: basis 'other'", PARTICIPANTS_OTHER),
    Migration(9, "meetings.date_text as written; documents.rows_version", DATE_AS_WRITTEN),
    Migration(10, "votes and findings checked by comparisons, not IN lists", CHECKS_AS_COMPARISONS),
    Migration(
        11, "the Council's official record: files, meetings, decisions, votes, vetoes", OFFICIAL
    ),
    Migration(12, "search with the Porter stemmer: words find inflections", _stemmed_search()),
    Migration(
        13, "documents found by their SHA-256; member_votes view", SAME_BYTES_AND_READABLE_VOTES
    ),
    Migration(
        14,
        "one store, several sources: attestation views, council alignment",
        SOURCES_VIEWS,
        refresh_council,
    ),
    Migration(
        15,
        "paths of loaded and imported files relative to the database's folder",
        "",
        _relative_paths,
    ),
    Migration(
        16,
        "joint symbols, documents' other symbols and submitters, meetings held by "
        "videoconference or in private, speakers' kinds",
        RECORD_FIELDS,
    ),
    Migration(
        17,
        "the full texts of decisions, their paragraphs and search; footnotes' clauses",
        DECISION_TEXTS,
    ),
]

LATEST = MIGRATIONS[-1].version

# Tables of derived or internal data that exports leave out.
INTERNAL_TABLES = frozenset({"schema_version", "reference_meta"})

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
