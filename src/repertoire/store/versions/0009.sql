
UPDATE meetings SET date_text = NULL;
ALTER TABLE documents ADD COLUMN rows_version INTEGER NOT NULL DEFAULT 1;
