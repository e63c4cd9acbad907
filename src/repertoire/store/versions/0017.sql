
ALTER TABLE official_decisions ADD COLUMN also TEXT;
ALTER TABLE council_meetings ADD COLUMN chosen_by TEXT NOT NULL DEFAULT '{}';
ALTER TABLE council_meetings ADD COLUMN disputed TEXT NOT NULL DEFAULT '{}';
ALTER TABLE council_decisions ADD COLUMN chosen_by TEXT NOT NULL DEFAULT '{}';
ALTER TABLE council_decisions ADD COLUMN disputed TEXT NOT NULL DEFAULT '{}';
ALTER TABLE council_votes ADD COLUMN chosen_by TEXT;
ALTER TABLE council_votes ADD COLUMN basis TEXT;
ALTER TABLE council_votes ADD COLUMN disputed TEXT NOT NULL DEFAULT '{}';
ALTER TABLE council_alignment ADD COLUMN unknown INTEGER NOT NULL DEFAULT 0;
DROP VIEW attestations;
DROP VIEW decision_attestations;
DROP VIEW meeting_attestations;
CREATE VIEW meeting_attestations AS
SELECT m.record_key AS meeting_key, 'repertoire' AS source, m.id AS row_id, m.record,
       m.date, m.year, m.kind, s.title AS item, NULL AS topics, doc.path, m.line, NULL AS row,
       '' AS place, NULL AS decision_row
FROM meetings AS m
JOIN sections AS s ON s.id = m.section_id
JOIN documents AS doc ON doc.id = m.document_id
UNION ALL
SELECT coalesce(o.record_key, o.source || ':meeting:' || o.id), o.source, o.id, o.record,
       o.date, o.year, NULL,
       nullif(substr(o.topics, 1, instr(o.topics || char(10), char(10)) - 1), ''),
       nullif(o.topics, ''), f.path, o.line, o.row, o.place, NULL
FROM official_meetings AS o
JOIN official_files AS f ON f.id = o.file_id
UNION ALL
SELECT d.record_key, d.source, d.id, d.record, d.date, d.year, NULL, d.agenda, d.agenda,
       f.path, d.line, d.row, d.place, d.id
FROM official_decisions AS d
JOIN official_files AS f ON f.id = d.file_id
WHERE d.record_key IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM official_meetings AS o WHERE o.file_id = d.file_id);

CREATE VIEW decision_attestations AS
SELECT CASE
           WHEN d.kind = 'draft_resolution' AND d.draft IS NOT NULL
               THEN upper(replace(d.draft, ' ', ''))
           WHEN d.symbol IS NOT NULL THEN upper(replace(d.symbol, ' ', ''))
           ELSE 'repertoire:' || d.id END AS decision_key,
       'repertoire' AS source, d.id AS row_id, d.kind, d.symbol, d.draft, m.record,
       m.record_key, d.date, d.year, d.adopted, d.chapter_vii, d.procedural, d.votes_for,
       d.votes_against, d.votes_abstaining, d.vetoed,
       (SELECT group_concat(w.member, '; ') FROM votes AS w
         WHERE w.decision_id = d.id AND w.veto = 1) AS vetoed_by,
       (d.votes_for IS NOT NULL
        OR EXISTS (SELECT 1 FROM votes AS x WHERE x.decision_id = d.id)) AS voted,
       s.title AS agenda, doc.path, d.line, NULL AS row, '' AS place, NULL AS unanimous,
       NULL AS also
FROM decisions AS d
JOIN meetings AS m ON m.id = d.meeting_id
JOIN sections AS s ON s.id = d.section_id
JOIN documents AS doc ON doc.id = d.document_id
UNION ALL
SELECT coalesce(
           CASE WHEN d.kind = 'draft_resolution' THEN d.draft_key END, d.symbol_key,
           d.source || ':' || d.id),
       d.source, d.id, d.kind, d.symbol, d.draft, d.record, d.record_key, d.date, d.year,
       d.adopted, d.chapter_vii, NULL, d.votes_for, d.votes_against, d.votes_abstaining,
       d.vetoed_by <> '', nullif(d.vetoed_by, ''),
       (d.votes_for IS NOT NULL OR d.unanimous = 1 OR d.vetoed_by <> ''
        OR EXISTS (SELECT 1 FROM official_votes AS x WHERE x.decision_id = d.id)),
       d.agenda, f.path, d.line, d.row, d.place, d.unanimous, d.also
FROM official_decisions AS d
JOIN official_files AS f ON f.id = d.file_id
UNION ALL
SELECT coalesce(v.draft_key, v.source || ':' || v.id), v.source, v.id, 'draft_resolution',
       v.draft, v.draft, nullif(substr(v.records, 1, instr(v.records || ';', ';') - 1), ''),
       upper(replace(nullif(substr(v.records, 1, instr(v.records || ';', ';') - 1), ''),
                     ' ', '')),
       v.date, CAST(substr(v.date, 1, 4) AS INTEGER), 0, NULL, NULL, NULL, NULL, NULL, 1,
       nullif(v.members, ''), 1, v.agenda, f.path, v.line, v.row, v.place, NULL, NULL
FROM official_vetoes AS v
JOIN official_files AS f ON f.id = v.file_id;

CREATE VIEW attestations AS
SELECT decision_key, source, path, line, row, place, row_id FROM decision_attestations;
