-- Version 10.
--
-- The other lists of values every row is checked against, as comparisons (see version
-- 8): the tables are copied, as a CHECK cannot change in place.

CREATE TABLE votes_new (
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
INSERT INTO votes_new SELECT * FROM votes;
DROP TABLE votes;
ALTER TABLE votes_new RENAME TO votes;
CREATE INDEX votes_member ON votes(member, date, decision_id);

CREATE TABLE findings_new (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    section_id INTEGER,
    code TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity = 'error' OR severity = 'warning' OR severity = 'info'),
    message TEXT NOT NULL,
    footnote INTEGER,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
INSERT INTO findings_new SELECT * FROM findings;
DROP TABLE findings;
ALTER TABLE findings_new RENAME TO findings;
CREATE INDEX findings_document ON findings(document_id);
