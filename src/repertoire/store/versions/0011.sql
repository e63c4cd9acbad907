-- Version 11.
--
-- The Council's official record beside the Repertoire: each file imported, what it
-- states, and where (file, line, table row, cell or XPath). source is the kind of file.

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
    closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
    press_release TEXT,
    line INTEGER NOT NULL, row INTEGER, place TEXT NOT NULL DEFAULT ''
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
    adopted INTEGER CHECK (adopted IN (0, 1)),
    outcome_text TEXT NOT NULL DEFAULT '',
    tally_text TEXT,
    votes_for INTEGER,
    votes_against INTEGER,
    votes_abstaining INTEGER,
    unanimous INTEGER NOT NULL DEFAULT 0 CHECK (unanimous IN (0, 1)),
    without_vote INTEGER NOT NULL DEFAULT 0 CHECK (without_vote IN (0, 1)),
    chapter_vii INTEGER CHECK (chapter_vii IN (0, 1)),
    vetoed_by TEXT NOT NULL DEFAULT '',
    agenda TEXT,
    title TEXT,
    no_meeting INTEGER NOT NULL DEFAULT 0 CHECK (no_meeting IN (0, 1)),
    line INTEGER NOT NULL, row INTEGER, place TEXT NOT NULL DEFAULT ''
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
    line INTEGER NOT NULL, row INTEGER, place TEXT NOT NULL DEFAULT ''
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
