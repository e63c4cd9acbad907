-- table agenda_items on agenda_items
CREATE TABLE agenda_items (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('sub_item', 'other_document')),
    ordinal INTEGER NOT NULL,
    title TEXT NOT NULL,
    symbol TEXT,
    url TEXT,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
, also TEXT, submitters TEXT);
-- table agenda_items_fts on agenda_items_fts
CREATE VIRTUAL TABLE agenda_items_fts USING fts5(
    title, content='agenda_items', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
-- table agenda_items_fts_config on agenda_items_fts_config
--   made by SQLite
-- table agenda_items_fts_data on agenda_items_fts_data
--   made by SQLite
-- table agenda_items_fts_docsize on agenda_items_fts_docsize
--   made by SQLite
-- table agenda_items_fts_idx on agenda_items_fts_idx
--   made by SQLite
-- table alignment_counts on alignment_counts
CREATE TABLE alignment_counts (
    year INTEGER NOT NULL,
    member_a TEXT NOT NULL,
    member_b TEXT NOT NULL,
    together INTEGER NOT NULL,
    alike INTEGER NOT NULL,
    PRIMARY KEY (year, member_a, member_b),
    CHECK (member_a < member_b)
) WITHOUT ROWID;
-- table audit_findings on audit_findings
CREATE TABLE audit_findings (
    id INTEGER PRIMARY KEY,
    severity TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    subject TEXT,
    sources TEXT NOT NULL DEFAULT '[]'
);
-- table audit_state on audit_state
CREATE TABLE audit_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    made_from TEXT NOT NULL,
    generation INTEGER NOT NULL,
    made_at TEXT NOT NULL
);
-- table citations on citations
CREATE TABLE citations (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    footnote_id INTEGER,
    paragraph_id INTEGER,
    symbol TEXT NOT NULL,
    symbol_key TEXT NOT NULL,
    pinpoint TEXT,
    url TEXT NOT NULL,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER, joint TEXT,
    CHECK ((footnote_id IS NULL) <> (paragraph_id IS NULL))
);
-- table council_alignment on council_alignment
CREATE TABLE council_alignment (
    scope TEXT NOT NULL,
    year INTEGER NOT NULL,
    member_a TEXT NOT NULL,
    member_b TEXT NOT NULL,
    together INTEGER NOT NULL,
    alike INTEGER NOT NULL, unknown INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, year, member_a, member_b),
    CHECK (member_a < member_b)
) WITHOUT ROWID;
-- table council_decisions on council_decisions
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
    sources TEXT NOT NULL, chosen_by TEXT NOT NULL DEFAULT '{}', disputed TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
-- table council_meetings on council_meetings
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
    sources TEXT NOT NULL, chosen_by TEXT NOT NULL DEFAULT '{}', disputed TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;
-- table council_terms on council_terms
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
-- table council_votes on council_votes
CREATE TABLE council_votes (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    member TEXT NOT NULL,
    vote TEXT NOT NULL,
    inferred INTEGER NOT NULL DEFAULT 0 CHECK (inferred IN (0, 1)),
    date TEXT,
    year INTEGER,
    sources TEXT NOT NULL, chosen_by TEXT, basis TEXT, disputed TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (scope, key, member)
) WITHOUT ROWID;
-- table decision_paragraphs on decision_paragraphs
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
-- table decision_paragraphs_fts on decision_paragraphs_fts
CREATE VIRTUAL TABLE decision_paragraphs_fts USING fts5(
    text, content='decision_paragraphs', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
-- table decision_paragraphs_fts_config on decision_paragraphs_fts_config
--   made by SQLite
-- table decision_paragraphs_fts_data on decision_paragraphs_fts_data
--   made by SQLite
-- table decision_paragraphs_fts_docsize on decision_paragraphs_fts_docsize
--   made by SQLite
-- table decision_paragraphs_fts_idx on decision_paragraphs_fts_idx
--   made by SQLite
-- table decision_texts on decision_texts
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
-- table decisions on decisions
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    date TEXT,
    year INTEGER,
    kind TEXT NOT NULL,
    symbol TEXT,
    url TEXT,
    draft TEXT,
    draft_url TEXT,
    adopted INTEGER CHECK (adopted IN (0, 1)),
    chapter_vii INTEGER CHECK (chapter_vii IN (0, 1)),
    votes_for INTEGER,
    votes_against INTEGER,
    votes_abstaining INTEGER,
    votes_inferred INTEGER NOT NULL DEFAULT 0 CHECK (votes_inferred IN (0, 1)),
    vetoed INTEGER NOT NULL DEFAULT 0 CHECK (vetoed IN (0, 1)),
    failure TEXT,
    procedural INTEGER NOT NULL DEFAULT 0 CHECK (procedural IN (0, 1)),
    notes TEXT,
    text TEXT NOT NULL,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
-- table documents on documents
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
, rows_version INTEGER NOT NULL DEFAULT 1);
-- table findings on findings
CREATE TABLE "findings" (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_id INTEGER,
    code TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity = 'error' OR severity = 'warning' OR severity = 'info'),
    message TEXT NOT NULL,
    footnote INTEGER,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
-- table footnote_refs on footnote_refs
CREATE TABLE footnote_refs (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    number INTEGER NOT NULL,
    footnote_id INTEGER,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
-- table footnotes on footnotes
CREATE TABLE footnotes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    paragraph_id INTEGER,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    ibid_of INTEGER,
    sentence TEXT,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
, clause TEXT);
-- table footnotes_fts on footnotes_fts
CREATE VIRTUAL TABLE footnotes_fts USING fts5(
    text, content='footnotes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
-- table footnotes_fts_config on footnotes_fts_config
--   made by SQLite
-- table footnotes_fts_data on footnotes_fts_data
--   made by SQLite
-- table footnotes_fts_docsize on footnotes_fts_docsize
--   made by SQLite
-- table footnotes_fts_idx on footnotes_fts_idx
--   made by SQLite
-- table meeting_notes on meeting_notes
CREATE TABLE meeting_notes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    table_note_id INTEGER,
    note TEXT NOT NULL,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
-- table meetings on meetings
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    record TEXT NOT NULL,
    record_key TEXT NOT NULL,
    url TEXT NOT NULL,
    date TEXT,
    date_text TEXT,
    year INTEGER,
    kind TEXT,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
, videoconference INTEGER NOT NULL DEFAULT 0 CHECK (videoconference IN (0, 1)), private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)), remote TEXT);
-- table official_decisions on official_decisions
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
, also TEXT);
-- table official_decisions_fts on official_decisions_fts
CREATE VIRTUAL TABLE official_decisions_fts USING fts5(
    agenda, title, outcome_text, content='official_decisions', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
-- table official_decisions_fts_config on official_decisions_fts_config
--   made by SQLite
-- table official_decisions_fts_data on official_decisions_fts_data
--   made by SQLite
-- table official_decisions_fts_docsize on official_decisions_fts_docsize
--   made by SQLite
-- table official_decisions_fts_idx on official_decisions_fts_idx
--   made by SQLite
-- table official_files on official_files
CREATE TABLE official_files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    kind TEXT,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    year INTEGER,
    imported_at TEXT NOT NULL
);
-- table official_findings on official_findings
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
-- table official_meetings on official_meetings
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
-- table official_meetings_fts on official_meetings_fts
CREATE VIRTUAL TABLE official_meetings_fts USING fts5(
    topics, content='official_meetings', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
-- table official_meetings_fts_config on official_meetings_fts_config
--   made by SQLite
-- table official_meetings_fts_data on official_meetings_fts_data
--   made by SQLite
-- table official_meetings_fts_docsize on official_meetings_fts_docsize
--   made by SQLite
-- table official_meetings_fts_idx on official_meetings_fts_idx
--   made by SQLite
-- table official_vetoes on official_vetoes
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
-- table official_votes on official_votes
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
-- table paragraphs on paragraphs
CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
-- table paragraphs_fts on paragraphs_fts
CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
    text, content='paragraphs', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
-- table paragraphs_fts_config on paragraphs_fts_config
--   made by SQLite
-- table paragraphs_fts_data on paragraphs_fts_data
--   made by SQLite
-- table paragraphs_fts_docsize on paragraphs_fts_docsize
--   made by SQLite
-- table paragraphs_fts_idx on paragraphs_fts_idx
--   made by SQLite
-- table participants on participants
CREATE TABLE "participants" (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    date TEXT,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    state TEXT,
    basis TEXT NOT NULL CHECK (basis = 'rule_37' OR basis = 'rule_39' OR basis = 'member' OR basis = 'other'),
    spoke INTEGER NOT NULL DEFAULT 0 CHECK (spoke IN (0, 1)),
    on_behalf_of TEXT,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
, kind TEXT);
-- table positions on positions
CREATE TABLE positions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    footnote_id INTEGER NOT NULL REFERENCES footnotes(id) ON DELETE CASCADE,
    meeting_id INTEGER,
    date TEXT,
    meeting_record TEXT NOT NULL,
    meeting_url TEXT NOT NULL,
    delegation TEXT NOT NULL,
    name TEXT NOT NULL,
    through TEXT,
    on_behalf_of TEXT,
    sentence TEXT,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
, kind TEXT);
-- table reference_meta on reference_meta
CREATE TABLE reference_meta (
    name TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL
);
-- table schema_version on schema_version
CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL);
-- table sections on sections
CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    number TEXT NOT NULL,
    title TEXT NOT NULL,
    year INTEGER,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
-- table state_aliases on state_aliases
CREATE TABLE state_aliases (
    alias TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
    name TEXT NOT NULL REFERENCES states(name) ON DELETE CASCADE
);
-- table states on states
CREATE TABLE states (
    name TEXT PRIMARY KEY,
    official_name TEXT,
    iso3 TEXT,
    kind TEXT
);
-- table submitters on submitters
CREATE TABLE submitters (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    state TEXT,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
-- table table_notes on table_notes
CREATE TABLE table_notes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    letter TEXT NOT NULL,
    text TEXT NOT NULL,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
-- table table_notes_fts on table_notes_fts
CREATE VIRTUAL TABLE table_notes_fts USING fts5(
    text, content='table_notes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
-- table table_notes_fts_config on table_notes_fts_config
--   made by SQLite
-- table table_notes_fts_data on table_notes_fts_data
--   made by SQLite
-- table table_notes_fts_docsize on table_notes_fts_docsize
--   made by SQLite
-- table table_notes_fts_idx on table_notes_fts_idx
--   made by SQLite
-- table votes on votes
CREATE TABLE "votes" (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    date TEXT,
    member TEXT NOT NULL,
    iso3 TEXT,
    vote TEXT NOT NULL CHECK (vote = 'Y' OR vote = 'N' OR vote = 'A' OR vote = 'absent'),
    inferred INTEGER NOT NULL DEFAULT 0 CHECK (inferred IN (0, 1)),
    veto INTEGER NOT NULL DEFAULT 0 CHECK (veto IN (0, 1)),
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER,
    UNIQUE (decision_id, member)
);
-- index agenda_items_meeting on agenda_items
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id);
-- index audit_findings_subject on audit_findings
CREATE INDEX audit_findings_subject ON audit_findings(subject);
-- index citations_section on citations
CREATE INDEX citations_section ON citations(section_id);
-- index citations_symbol on citations
CREATE INDEX citations_symbol ON citations(symbol_key);
-- index council_decisions_date on council_decisions
CREATE INDEX council_decisions_date ON council_decisions(scope, date, key) WHERE voted = 1;
-- index council_decisions_failed on council_decisions
CREATE INDEX council_decisions_failed ON council_decisions(scope, date, key) WHERE adopted = 0;
-- index council_decisions_record on council_decisions
CREATE INDEX council_decisions_record ON council_decisions(scope, record_key, kind, vetoed);
-- index council_decisions_vetoed on council_decisions
CREATE INDEX council_decisions_vetoed ON council_decisions(scope, date, key) WHERE vetoed = 1;
-- index council_decisions_year on council_decisions
CREATE INDEX council_decisions_year ON council_decisions(scope, year, date, key);
-- index council_meetings_date on council_meetings
CREATE INDEX council_meetings_date ON council_meetings(scope, date, key);
-- index council_meetings_year on council_meetings
CREATE INDEX council_meetings_year ON council_meetings(scope, year, date, key);
-- index council_terms_dates on council_terms
CREATE INDEX council_terms_dates ON council_terms(start_date, end_date);
-- index council_terms_state on council_terms
CREATE INDEX council_terms_state ON council_terms(state);
-- index council_votes_member on council_votes
CREATE INDEX council_votes_member ON council_votes(scope, member, date, key);
-- index decision_paragraphs_text on decision_paragraphs
CREATE INDEX decision_paragraphs_text ON decision_paragraphs(text_id, ordinal);
-- index decision_texts_file on decision_texts
CREATE INDEX decision_texts_file ON decision_texts(file_id);
-- index decision_texts_symbol on decision_texts
CREATE INDEX decision_texts_symbol ON decision_texts(symbol_key);
-- index decisions_date on decisions
CREATE INDEX decisions_date ON decisions(date, id);
-- index decisions_failed on decisions
CREATE INDEX decisions_failed ON decisions(date, id) WHERE adopted = 0;
-- index decisions_meeting on decisions
CREATE INDEX decisions_meeting ON decisions(meeting_id);
-- index decisions_vetoed on decisions
CREATE INDEX decisions_vetoed ON decisions(date, id) WHERE vetoed = 1;
-- index decisions_year on decisions
CREATE INDEX decisions_year ON decisions(year, date, id);
-- index documents_sha256 on documents
CREATE INDEX documents_sha256 ON documents(sha256);
-- index findings_document on findings
CREATE INDEX findings_document ON findings(document_id);
-- index footnote_refs_paragraph on footnote_refs
CREATE INDEX footnote_refs_paragraph ON footnote_refs(paragraph_id, ordinal);
-- index footnotes_section on footnotes
CREATE INDEX footnotes_section ON footnotes(section_id, number);
-- index meeting_notes_meeting on meeting_notes
CREATE INDEX meeting_notes_meeting ON meeting_notes(meeting_id);
-- index meetings_date on meetings
CREATE INDEX meetings_date ON meetings(date, record_key);
-- index meetings_record on meetings
CREATE INDEX meetings_record ON meetings(record_key);
-- index meetings_section on meetings
CREATE INDEX meetings_section ON meetings(section_id);
-- index meetings_year on meetings
CREATE INDEX meetings_year ON meetings(year, date, record_key);
-- index official_decisions_draft on official_decisions
CREATE INDEX official_decisions_draft ON official_decisions(draft_key);
-- index official_decisions_file on official_decisions
CREATE INDEX official_decisions_file ON official_decisions(file_id);
-- index official_decisions_record on official_decisions
CREATE INDEX official_decisions_record ON official_decisions(record_key);
-- index official_decisions_symbol on official_decisions
CREATE INDEX official_decisions_symbol ON official_decisions(symbol_key);
-- index official_decisions_year on official_decisions
CREATE INDEX official_decisions_year ON official_decisions(year, date);
-- index official_findings_file on official_findings
CREATE INDEX official_findings_file ON official_findings(file_id);
-- index official_meetings_file on official_meetings
CREATE INDEX official_meetings_file ON official_meetings(file_id);
-- index official_meetings_record on official_meetings
CREATE INDEX official_meetings_record ON official_meetings(record_key);
-- index official_meetings_year on official_meetings
CREATE INDEX official_meetings_year ON official_meetings(year, date);
-- index official_vetoes_draft on official_vetoes
CREATE INDEX official_vetoes_draft ON official_vetoes(draft_key);
-- index official_vetoes_file on official_vetoes
CREATE INDEX official_vetoes_file ON official_vetoes(file_id);
-- index official_votes_decision on official_votes
CREATE INDEX official_votes_decision ON official_votes(decision_id);
-- index official_votes_member on official_votes
CREATE INDEX official_votes_member ON official_votes(member, date);
-- index paragraphs_section on paragraphs
CREATE INDEX paragraphs_section ON paragraphs(section_id);
-- index participants_meeting on participants
CREATE INDEX participants_meeting ON participants(meeting_id);
-- index participants_state on participants
CREATE INDEX participants_state ON participants(state, date, id);
-- index positions_delegation on positions
CREATE INDEX positions_delegation ON positions(delegation, date, id);
-- index positions_footnote on positions
CREATE INDEX positions_footnote ON positions(footnote_id);
-- index sections_document on sections
CREATE INDEX sections_document ON sections(document_id);
-- index sections_title on sections
CREATE INDEX sections_title ON sections(title COLLATE NOCASE);
-- index sqlite_autoindex_documents_1 on documents
--   made by SQLite
-- index sqlite_autoindex_official_files_1 on official_files
--   made by SQLite
-- index sqlite_autoindex_reference_meta_1 on reference_meta
--   made by SQLite
-- index sqlite_autoindex_state_aliases_1 on state_aliases
--   made by SQLite
-- index sqlite_autoindex_states_1 on states
--   made by SQLite
-- index sqlite_autoindex_votes_1 on votes
--   made by SQLite
-- index state_aliases_name on state_aliases
CREATE INDEX state_aliases_name ON state_aliases(name);
-- index states_iso3 on states
CREATE INDEX states_iso3 ON states(iso3);
-- index submitters_decision on submitters
CREATE INDEX submitters_decision ON submitters(decision_id);
-- index table_notes_section on table_notes
CREATE INDEX table_notes_section ON table_notes(section_id);
-- index votes_member on votes
CREATE INDEX votes_member ON votes(member, date, decision_id);
-- view attestations on attestations
CREATE VIEW attestations AS
SELECT decision_key, source, path, line, row, place, row_id FROM decision_attestations;
-- view decision_attestations on decision_attestations
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
       s.title AS agenda, doc.path, d.line, NULL AS row, '' AS place, NULL AS unanimous,
       NULL AS also
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
       d.agenda, f.path, d.line, d.row, d.place, d.unanimous, d.also
FROM official_decisions AS d
JOIN official_files AS f ON f.id = d.file_id
UNION ALL
SELECT coalesce(v.draft_key, v.source || ':' || v.id), v.source, v.id, 'draft_resolution',
       v.draft, v.draft, nullif(substr(v.records, 1, instr(v.records || ';', ';') - 1), ''),
       upper(replace(nullif(substr(v.records, 1, instr(v.records || ';', ';') - 1), ''),
                     ' ', '')),
       v.date, CAST(substr(v.date, 1, 4) AS INTEGER), 0, NULL, NULL, NULL, NULL, NULL, 1,
       nullif(v.members, ''), 1, v.agenda, f.path, v.line, v.row, v.place, NULL, NULL
FROM official_vetoes AS v
JOIN official_files AS f ON f.id = v.file_id;
-- view meeting_attestations on meeting_attestations
CREATE VIEW meeting_attestations AS
SELECT m.record_key AS meeting_key, 'repertoire' AS source, m.id AS row_id, m.record,
       m.date, m.year, m.kind, s.title AS item, NULL AS topics, doc.path, m.line, NULL AS row,
       '' AS place, NULL AS decision_row
FROM meetings AS m
JOIN sections AS s ON s.id = m.section_id
JOIN documents AS doc ON doc.id = m.document_id
UNION ALL
SELECT coalesce(o.record_key, o.source || ':meeting:' || o.id), o.source, o.id, o.record,
       o.date, o.year, NULL,
       nullif(substr(o.topics, 1, instr(o.topics || char(10), char(10)) - 1), ''),
       nullif(o.topics, ''), f.path, o.line, o.row, o.place, NULL
FROM official_meetings AS o
JOIN official_files AS f ON f.id = o.file_id
UNION ALL
SELECT d.record_key, d.source, d.id, d.record, d.date, d.year, NULL, d.agenda, d.agenda,
       f.path, d.line, d.row, d.place, d.id
FROM official_decisions AS d
JOIN official_files AS f ON f.id = d.file_id
WHERE d.record_key IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM official_meetings AS o WHERE o.file_id = d.file_id);
-- view member_votes on member_votes
CREATE VIEW member_votes AS
SELECT v.id, m.record, v.date, d.symbol AS decision, d.kind, v.member, v.vote, v.veto,
       v.inferred, d.adopted, s.number || '. ' || s.title AS item
FROM votes AS v
JOIN decisions AS d ON d.id = v.decision_id
JOIN meetings AS m ON m.id = d.meeting_id
JOIN sections AS s ON s.id = v.section_id;
-- view vote_attestations on vote_attestations
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
-- trigger agenda_items_fts_delete on agenda_items
CREATE TRIGGER agenda_items_fts_delete AFTER DELETE ON agenda_items BEGIN
    INSERT INTO agenda_items_fts(agenda_items_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
-- trigger agenda_items_fts_update on agenda_items
CREATE TRIGGER agenda_items_fts_update AFTER UPDATE OF title ON agenda_items BEGIN
    INSERT INTO agenda_items_fts(agenda_items_fts, rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO agenda_items_fts(rowid, title) VALUES (new.id, new.title);
END;
-- trigger decision_paragraphs_fts_delete on decision_paragraphs
CREATE TRIGGER decision_paragraphs_fts_delete AFTER DELETE ON decision_paragraphs BEGIN
    INSERT INTO decision_paragraphs_fts(decision_paragraphs_fts, rowid, text)
    VALUES ('delete', old.id, old.text);
END;
-- trigger footnotes_fts_delete on footnotes
CREATE TRIGGER footnotes_fts_delete AFTER DELETE ON footnotes BEGIN
    INSERT INTO footnotes_fts(footnotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
-- trigger footnotes_fts_update on footnotes
CREATE TRIGGER footnotes_fts_update AFTER UPDATE OF text ON footnotes BEGIN
    INSERT INTO footnotes_fts(footnotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO footnotes_fts(rowid, text) VALUES (new.id, new.text);
END;
-- trigger official_decisions_fts_delete on official_decisions
CREATE TRIGGER official_decisions_fts_delete AFTER DELETE ON official_decisions BEGIN
    INSERT INTO official_decisions_fts(official_decisions_fts, rowid, agenda, title, outcome_text) VALUES ('delete', old.id, old.agenda, old.title, old.outcome_text);
END;
-- trigger official_meetings_fts_delete on official_meetings
CREATE TRIGGER official_meetings_fts_delete AFTER DELETE ON official_meetings BEGIN
    INSERT INTO official_meetings_fts(official_meetings_fts, rowid, topics) VALUES ('delete', old.id, old.topics);
END;
-- trigger paragraphs_fts_delete on paragraphs
CREATE TRIGGER paragraphs_fts_delete AFTER DELETE ON paragraphs BEGIN
    INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
-- trigger paragraphs_fts_update on paragraphs
CREATE TRIGGER paragraphs_fts_update AFTER UPDATE OF text ON paragraphs BEGIN
    INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text);
END;
-- trigger table_notes_fts_delete on table_notes
CREATE TRIGGER table_notes_fts_delete AFTER DELETE ON table_notes BEGIN
    INSERT INTO table_notes_fts(table_notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
-- trigger table_notes_fts_update on table_notes
CREATE TRIGGER table_notes_fts_update AFTER UPDATE OF text ON table_notes BEGIN
    INSERT INTO table_notes_fts(table_notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO table_notes_fts(rowid, text) VALUES (new.id, new.text);
END;
