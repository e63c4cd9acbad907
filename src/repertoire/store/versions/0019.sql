
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
