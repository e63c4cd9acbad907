-- Version 12.
--
-- Search finds a word's inflections: the Porter stemmer ahead of the same Unicode
-- tokenizer. The indexes are made again with it and filled from the text already stored.

DROP TRIGGER IF EXISTS paragraphs_fts_delete;
DROP TRIGGER IF EXISTS paragraphs_fts_update;
DROP TABLE paragraphs_fts;
DROP TRIGGER IF EXISTS footnotes_fts_delete;
DROP TRIGGER IF EXISTS footnotes_fts_update;
DROP TABLE footnotes_fts;
DROP TRIGGER IF EXISTS table_notes_fts_delete;
DROP TRIGGER IF EXISTS table_notes_fts_update;
DROP TABLE table_notes_fts;
DROP TRIGGER IF EXISTS agenda_items_fts_delete;
DROP TRIGGER IF EXISTS agenda_items_fts_update;
DROP TABLE agenda_items_fts;

CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
    text, content='paragraphs', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER paragraphs_fts_insert AFTER INSERT ON paragraphs BEGIN
    INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER paragraphs_fts_delete AFTER DELETE ON paragraphs BEGIN
    INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER paragraphs_fts_update AFTER UPDATE OF text ON paragraphs BEGIN
    INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE footnotes_fts USING fts5(
    text, content='footnotes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER footnotes_fts_insert AFTER INSERT ON footnotes BEGIN
    INSERT INTO footnotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER footnotes_fts_delete AFTER DELETE ON footnotes BEGIN
    INSERT INTO footnotes_fts(footnotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER footnotes_fts_update AFTER UPDATE OF text ON footnotes BEGIN
    INSERT INTO footnotes_fts(footnotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO footnotes_fts(rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO footnotes_fts(footnotes_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE table_notes_fts USING fts5(
    text, content='table_notes', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER table_notes_fts_insert AFTER INSERT ON table_notes BEGIN
    INSERT INTO table_notes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER table_notes_fts_delete AFTER DELETE ON table_notes BEGIN
    INSERT INTO table_notes_fts(table_notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER table_notes_fts_update AFTER UPDATE OF text ON table_notes BEGIN
    INSERT INTO table_notes_fts(table_notes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO table_notes_fts(rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO table_notes_fts(table_notes_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE agenda_items_fts USING fts5(
    title, content='agenda_items', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER agenda_items_fts_insert AFTER INSERT ON agenda_items BEGIN
    INSERT INTO agenda_items_fts(rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER agenda_items_fts_delete AFTER DELETE ON agenda_items BEGIN
    INSERT INTO agenda_items_fts(agenda_items_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER agenda_items_fts_update AFTER UPDATE OF title ON agenda_items BEGIN
    INSERT INTO agenda_items_fts(agenda_items_fts, rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO agenda_items_fts(rowid, title) VALUES (new.id, new.title);
END;
INSERT INTO agenda_items_fts(agenda_items_fts) VALUES ('rebuild');
DROP TRIGGER paragraphs_fts_insert;
DROP TRIGGER footnotes_fts_insert;
DROP TRIGGER table_notes_fts_insert;
DROP TRIGGER agenda_items_fts_insert;
