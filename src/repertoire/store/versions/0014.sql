-- Version 14.
--
-- One store, several sources. Each fact as each source states it, with the key that
-- makes statements of one fact meet. The council_* tables are filled after migrating (see
-- store.migrations), as after every load and import, by the code that reads them.

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
SELECT CASE
           WHEN d.kind = 'draft_resolution' AND d.draft IS NOT NULL
               THEN upper(replace(d.draft, ' ', ''))
           WHEN d.symbol IS NOT NULL THEN upper(replace(d.symbol, ' ', ''))
           ELSE 'repertoire:' || d.id END AS decision_key,
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
SELECT coalesce(
           CASE WHEN d.kind = 'draft_resolution' THEN d.draft_key END, d.symbol_key,
           d.source || ':' || d.id),
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
SELECT CASE
           WHEN d.kind = 'draft_resolution' AND d.draft IS NOT NULL
               THEN upper(replace(d.draft, ' ', ''))
           WHEN d.symbol IS NOT NULL THEN upper(replace(d.symbol, ' ', ''))
           ELSE 'repertoire:' || d.id END AS decision_key,
       'repertoire' AS source, d.id AS decision_row, v.member, v.vote, v.inferred, v.date,
       d.year, doc.path, v.line
FROM votes AS v
JOIN decisions AS d ON d.id = v.decision_id
JOIN documents AS doc ON doc.id = v.document_id
UNION ALL
SELECT coalesce(
           CASE WHEN d.kind = 'draft_resolution' THEN d.draft_key END, d.symbol_key,
           d.source || ':' || d.id),
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
    adopted INTEGER CHECK (adopted IN (0, 1)),
    chapter_vii INTEGER CHECK (chapter_vii IN (0, 1)),
    procedural INTEGER CHECK (procedural IN (0, 1)),
    votes_for INTEGER,
    votes_against INTEGER,
    votes_abstaining INTEGER,
    vetoed_by TEXT NOT NULL DEFAULT '[]',
    voted INTEGER NOT NULL DEFAULT 0 CHECK (voted IN (0, 1)),
    vetoed INTEGER NOT NULL DEFAULT 0 CHECK (vetoed IN (0, 1)),
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
    inferred INTEGER NOT NULL DEFAULT 0 CHECK (inferred IN (0, 1)),
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

CREATE VIRTUAL TABLE official_meetings_fts USING fts5(
    topics, content='official_meetings', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER official_meetings_fts_delete AFTER DELETE ON official_meetings BEGIN
    INSERT INTO official_meetings_fts(official_meetings_fts, rowid, topics) VALUES ('delete', old.id, old.topics);
END;

CREATE VIRTUAL TABLE official_decisions_fts USING fts5(
    agenda, title, outcome_text, content='official_decisions', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER official_decisions_fts_delete AFTER DELETE ON official_decisions BEGIN
    INSERT INTO official_decisions_fts(official_decisions_fts, rowid, agenda, title, outcome_text) VALUES ('delete', old.id, old.agenda, old.title, old.outcome_text);
END;
