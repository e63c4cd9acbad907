-- Version 9.
--
-- meetings.date_text held a copy of the ISO date; it now holds the date as the record
-- cell writes it. documents.rows_version says which documents were stored by an earlier
-- loader, so that loading their files again stores them afresh.

UPDATE meetings SET date_text = NULL;
ALTER TABLE documents ADD COLUMN rows_version INTEGER NOT NULL DEFAULT 1;
