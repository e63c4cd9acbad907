-- Version 6.
--
-- Rows are added to the search indexes by the loader, one statement per table and
-- document, rather than by a trigger per row: FTS5 writes out what it holds at every
-- statement savepoint, and a trigger opens one per row, so a trigger per row left a segment
-- per row to merge. Deletes and updates keep their triggers.

DROP TRIGGER paragraphs_fts_insert;
DROP TRIGGER footnotes_fts_insert;
DROP TRIGGER table_notes_fts_insert;
DROP TRIGGER agenda_items_fts_insert;
