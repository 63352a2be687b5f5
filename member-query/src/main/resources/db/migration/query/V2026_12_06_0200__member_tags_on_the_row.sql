-- A member's tags move onto its row: one array, written with the row, read with it, filtered by
-- an index of the row (PostgreSQL: GIN) instead of a join with a table of their own. The member
-- list's tag filter joined that table (a level and a tag: 29 ms at 100 000 members), and every
-- page and detail read it with a query per member. The tags are copied by the next migration
-- (db/vendor/*: PostgreSQL lifts its statement timeout for it), the table dropped by the one after.
ALTER TABLE members ADD COLUMN tags VARCHAR(32) ARRAY;
