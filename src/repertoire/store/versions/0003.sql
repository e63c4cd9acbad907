-- Version 3.
--
-- Agreement between two members over the years is asked for often and would need a
-- self-join of every vote; the counts are kept per year and pair instead, added to and
-- taken away from as documents come and go.

CREATE TABLE alignment_counts (
    year INTEGER NOT NULL,
    member_a TEXT NOT NULL,
    member_b TEXT NOT NULL,
    together INTEGER NOT NULL,
    alike INTEGER NOT NULL,
    PRIMARY KEY (year, member_a, member_b),
    CHECK (member_a < member_b)
) WITHOUT ROWID;

-- The counts of the votes already stored.
INSERT INTO alignment_counts (year, member_a, member_b, together, alike)
SELECT d.year AS year, a.member AS member_a, b.member AS member_b,
       count(*) AS together, sum(a.vote = b.vote) AS alike
FROM votes AS a
JOIN votes AS b ON b.decision_id = a.decision_id AND a.member < b.member
JOIN decisions AS d ON d.id = a.decision_id
WHERE a.vote <> 'absent' AND b.vote <> 'absent' AND d.year IS NOT NULL
GROUP BY d.year, a.member, b.member
ON CONFLICT (year, member_a, member_b) DO UPDATE SET
    together = together + excluded.together, alike = alike + excluded.alike;
