
-- The audit's findings, worked out after each load or import (repertoire.store.audited) so
-- that the explorer reads them instead of auditing the whole store at a page view.
-- ``audit_state`` holds one row: what the findings were worked out from (the loaded and
-- imported files and the program's version), and a count of the times they were.
CREATE TABLE audit_findings (
    id INTEGER PRIMARY KEY,
    severity TEXT NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    subject TEXT,
    sources TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX audit_findings_subject ON audit_findings(subject);
CREATE TABLE audit_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    made_from TEXT NOT NULL,
    generation INTEGER NOT NULL,
    made_at TEXT NOT NULL
);
