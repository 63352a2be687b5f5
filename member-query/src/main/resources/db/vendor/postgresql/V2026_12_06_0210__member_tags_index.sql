-- PostgreSQL only: the member list's tag filter (tags @> ARRAY[tag]) on the listed members.
CREATE INDEX members_list_tags_idx ON members USING gin (tags) WITH (fastupdate = off) WHERE status <> 'DELETED';
