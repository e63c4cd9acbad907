-- Version 1.
--
-- Every row that comes from a source file carries its provenance: the document_id, the
-- section_id (where the fact belongs to a section) and the span line, col, start_offset,
-- end_offset (1-based line and column, character offsets [start, end) into the decoded text).
--
-- Dates. The meeting's date is repeated in the tables that are filtered and then listed in
-- date order (decisions, votes, participants, positions), so that one index gives both the
-- filter and the order and a page of results never needs a sort of every match.
--
-- Keys. Each table has one enforced parent key, ON DELETE CASCADE and indexed, so the rows
-- of a document form a tree that one DELETE of the document row removes. Other references
-- between rows of the same document are written in the same transaction as what they point
-- at; they are declared in the data package export (schema.LOGICAL_KEYS) rather than
-- enforced, because each enforced key costs an index and a lookup on every insert and these
-- could never dangle.

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
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
CREATE INDEX sections_document ON sections(document_id);
CREATE INDEX sections_title ON sections(title COLLATE NOCASE);

CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
CREATE INDEX paragraphs_section ON paragraphs(section_id);

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
);
CREATE INDEX footnotes_section ON footnotes(section_id, number);

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
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER,
    CHECK ((footnote_id IS NULL) <> (paragraph_id IS NULL))
);
CREATE INDEX citations_section ON citations(section_id);
CREATE INDEX citations_symbol ON citations(symbol_key);

CREATE TABLE table_notes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    letter TEXT NOT NULL,
    text TEXT NOT NULL,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
CREATE INDEX table_notes_section ON table_notes(section_id);

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
);
CREATE INDEX meetings_section ON meetings(section_id);
CREATE INDEX meetings_record ON meetings(record_key);
CREATE INDEX meetings_year ON meetings(year, date, record_key);
CREATE INDEX meetings_date ON meetings(date, record_key);

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
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id);

CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    date TEXT,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    state TEXT,
    basis TEXT NOT NULL CHECK (basis IN ('rule_37', 'rule_39', 'member')),
    spoke INTEGER NOT NULL DEFAULT 0 CHECK (spoke IN (0, 1)),
    on_behalf_of TEXT,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
CREATE INDEX participants_meeting ON participants(meeting_id);
CREATE INDEX participants_state ON participants(state, date, id);

CREATE TABLE meeting_notes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    table_note_id INTEGER,
    note TEXT NOT NULL,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
CREATE INDEX meeting_notes_meeting ON meeting_notes(meeting_id);

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
CREATE INDEX decisions_meeting ON decisions(meeting_id);
CREATE INDEX decisions_date ON decisions(date, id);
CREATE INDEX decisions_year ON decisions(year, date, id);
CREATE INDEX decisions_vetoed ON decisions(date, id) WHERE vetoed = 1;
CREATE INDEX decisions_failed ON decisions(date, id) WHERE adopted = 0;

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
CREATE INDEX submitters_decision ON submitters(decision_id);

CREATE TABLE votes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    date TEXT,
    member TEXT NOT NULL,
    iso3 TEXT,
    vote TEXT NOT NULL CHECK (vote IN ('Y', 'N', 'A', 'absent')),
    inferred INTEGER NOT NULL DEFAULT 0 CHECK (inferred IN (0, 1)),
    veto INTEGER NOT NULL DEFAULT 0 CHECK (veto IN (0, 1)),
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER,
    UNIQUE (decision_id, member)
);
CREATE INDEX votes_member ON votes(member, date, decision_id);

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
);
CREATE INDEX positions_footnote ON positions(footnote_id);
CREATE INDEX positions_delegation ON positions(delegation, date, id);

CREATE TABLE findings (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_id INTEGER,
    code TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
    message TEXT NOT NULL,
    footnote INTEGER,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
CREATE INDEX findings_document ON findings(document_id);
