-- Version 4.
--
-- Reference tables: States, their aliases, and the Council's terms.

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
