-- PostgreSQL only: one index per sort order of the member list, each partial on the list's
-- own filter (deleted members are never listed), so that a page in any order, filtered or
-- not, is a short index range scan: by OFFSET for the first pages, by keyset (a row
-- comparison on the same key) for deep ones. Level and status, which many members share,
-- sort by join time next. They replace the full indexes of the first migration, which the
-- embedded database (no partial indexes) keeps.
DROP INDEX IF EXISTS members_joined_at_idx;
DROP INDEX IF EXISTS members_updated_at_idx;
DROP INDEX IF EXISTS members_name_idx;
DROP INDEX IF EXISTS members_level_idx;

CREATE INDEX members_list_joined_at_idx ON members (joined_at, id) WHERE status <> 'DELETED';
CREATE INDEX members_list_updated_at_idx ON members (updated_at, id) WHERE status <> 'DELETED';
CREATE INDEX members_list_name_idx ON members (name, id) WHERE status <> 'DELETED';
CREATE INDEX members_list_mobile_idx ON members (mobile, id) WHERE status <> 'DELETED';
CREATE INDEX members_list_level_idx ON members (member_level, joined_at, id) WHERE status <> 'DELETED';
CREATE INDEX members_list_status_idx ON members (status, joined_at, id) WHERE status <> 'DELETED';
