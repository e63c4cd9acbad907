-- Version 13.
--
-- Loading the same bytes from another path finds them by their hash; and the votes as a
-- reader wants them, without the columns that say where each came from.

CREATE INDEX documents_sha256 ON documents(sha256);

CREATE VIEW member_votes AS
SELECT v.id, m.record, v.date, d.symbol AS decision, d.kind, v.member, v.vote, v.veto,
       v.inferred, d.adopted, s.number || '. ' || s.title AS item
FROM votes AS v
JOIN decisions AS d ON d.id = v.decision_id
JOIN meetings AS m ON m.id = d.meeting_id
JOIN sections AS s ON s.id = v.section_id;
