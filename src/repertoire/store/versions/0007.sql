-- Version 7.
--
-- Every footnote marker of a paragraph, in order, with the footnote it calls (NULL when
-- the document defines no footnote of that number). The paragraph's span stands in for the
-- marker's. Filled from what this version can know: a footnote's first citing paragraph and
-- the place of a footnote cited but never defined (from its finding); a document loaded
-- again gets every marker (see documents.rows_version).

CREATE TABLE footnote_refs (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL,
    section_id INTEGER NOT NULL,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    number INTEGER NOT NULL,
    footnote_id INTEGER,
    line INTEGER, col INTEGER, start_offset INTEGER, end_offset INTEGER
);
CREATE INDEX footnote_refs_paragraph ON footnote_refs(paragraph_id, ordinal);

INSERT INTO footnote_refs (
    document_id, section_id, paragraph_id, ordinal, number, footnote_id,
    line, col, start_offset, end_offset
)
SELECT p.document_id, p.section_id, p.id,
       row_number() OVER (PARTITION BY p.id ORDER BY r.number, r.footnote_id),
       r.number, r.footnote_id, p.line, p.col, p.start_offset, p.end_offset
FROM (
    SELECT f.paragraph_id, f.number, f.id AS footnote_id
    FROM footnotes AS f WHERE f.paragraph_id IS NOT NULL
    UNION ALL
    SELECT (SELECT p.id FROM paragraphs AS p
             WHERE p.document_id = x.document_id AND p.line <= x.line
             ORDER BY p.line DESC, p.id DESC LIMIT 1),
           x.footnote, NULL
    FROM findings AS x WHERE x.code = 'footnote-undefined' AND x.footnote IS NOT NULL
) AS r
JOIN paragraphs AS p ON p.id = r.paragraph_id;
