-- A member's tags move onto its row: one array, written with the row, read with it, filtered by
-- an index of the row (PostgreSQL: GIN, in db/vendor/postgresql) instead of a join with a table
-- of their own. The member list's tag filter joined that table (a level and a tag: 29 ms at
-- 100 000 members), and every page and detail read it with a query per member.
ALTER TABLE members ADD COLUMN tags VARCHAR(32) ARRAY;

UPDATE members SET tags = (SELECT ARRAY_AGG(member_tags.tag ORDER BY member_tags.tag)
                           FROM member_tags
                           WHERE member_tags.member_id = members.id);

DROP TABLE member_tags;
