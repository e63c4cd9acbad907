-- Version 16.
--
-- What the records came to say that the rows did not keep: the joint symbol a citation
-- is half of; a document's other symbols and who submitted it; whether a meeting was held by
-- videoconference or in private, and who took part from afar; a speaker's kind. Rows stored
-- before say none of it; their documents are stored again on the next load.

ALTER TABLE citations ADD COLUMN joint TEXT;
ALTER TABLE meetings ADD COLUMN videoconference INTEGER NOT NULL DEFAULT 0 CHECK (videoconference IN (0, 1));
ALTER TABLE meetings ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
ALTER TABLE meetings ADD COLUMN remote TEXT;
ALTER TABLE agenda_items ADD COLUMN also TEXT;
ALTER TABLE agenda_items ADD COLUMN submitters TEXT;
ALTER TABLE participants ADD COLUMN kind TEXT;
ALTER TABLE positions ADD COLUMN kind TEXT;
