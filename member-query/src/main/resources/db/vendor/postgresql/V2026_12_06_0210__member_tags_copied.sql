-- Copies each tagged member's tags onto its row (V2026_12_06_0200), in order, and indexes them for
-- the member list's tag filter (tags @> ARRAY[tag]) on the listed members. Rewriting the rows of
-- every tagged member takes longer than the application's statement timeout.
SET LOCAL statement_timeout = 0;

UPDATE members SET tags = (SELECT ARRAY_AGG(member_tags.tag ORDER BY member_tags.tag)
                           FROM member_tags
                           WHERE member_tags.member_id = members.id)
WHERE EXISTS (SELECT 1 FROM member_tags WHERE member_tags.member_id = members.id);

CREATE INDEX members_list_tags_idx ON members USING gin (tags) WITH (fastupdate = off) WHERE status <> 'DELETED';
