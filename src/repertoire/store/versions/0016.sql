
ALTER TABLE citations ADD COLUMN joint TEXT;
ALTER TABLE meetings ADD COLUMN videoconference INTEGER NOT NULL DEFAULT 0 CHECK (videoconference IN (0, 1));
ALTER TABLE meetings ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
ALTER TABLE meetings ADD COLUMN remote TEXT;
ALTER TABLE agenda_items ADD COLUMN also TEXT;
ALTER TABLE agenda_items ADD COLUMN submitters TEXT;
ALTER TABLE participants ADD COLUMN kind TEXT;
ALTER TABLE positions ADD COLUMN kind TEXT;
