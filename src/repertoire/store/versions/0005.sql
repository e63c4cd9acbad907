-- Version 5.
--
-- Sub-item titles are searched by word (meetings --item) without reading every title.

CREATE VIRTUAL TABLE agenda_items_fts USING fts5(
    title, content='agenda_items', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
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
