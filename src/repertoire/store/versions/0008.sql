-- Version 8.
--
-- A speaker on neither invitation list is no rule 37 or rule 39 invitee: basis 'other'.
-- SQLite cannot change a CHECK in place, so the table is copied. The check is written as
-- comparisons: SQLite builds an IN list of three or more values into a temporary index each
-- time the statement runs, that is at every row inserted.

CREATE TABLE participants_new (
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
);
INSERT INTO participants_new SELECT * FROM participants;
DROP TABLE participants;
ALTER TABLE participants_new RENAME TO participants;
CREATE INDEX participants_meeting ON participants(meeting_id);
CREATE INDEX participants_state ON participants(state, date, id);
