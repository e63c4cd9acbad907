-- Version 2.
--
-- Three external-content indexes: the text lives once, in its own table, and triggers
-- keep each index in step, including on cascading deletes.

CREATE VIRTUAL TABLE paragraphs_fts USING fts5(
    text, content='paragraphs', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
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
    text, content='footnotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
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
    text, content='table_notes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
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
