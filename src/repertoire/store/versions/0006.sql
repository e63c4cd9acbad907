DROP TRIGGER paragraphs_fts_insert;
DROP TRIGGER footnotes_fts_insert;
DROP TRIGGER table_notes_fts_insert;
DROP TRIGGER agenda_items_fts_insert;
